"""Reading single cell values the way the people who fill the workbooks write them.

Every parser takes one raw cell (as calamine hands it over: str, int, float, bool, datetime or
None/NaN) and returns a `Parsed`: the clean value, or the catalogue code of what is wrong with it.
The validator calls each parser once per *distinct* value of a column, so they may be thorough.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Any, NamedTuple

import dateparser
from rapidfuzz import fuzz, process

from analytics.intake import contract
from analytics.intake.contract import fold

_NO_PARAMS: Mapping[str, Any] = MappingProxyType({})


class Parsed(NamedTuple):
    """A parsed cell. A NamedTuple rather than a dataclass: one is made per distinct cell value,
    and tuple construction is several times cheaper."""

    value: Any = None
    code: str | None = None  # None: the value is sound
    params: Mapping[str, Any] = _NO_PARAMS
    warning: bool = False  # a code that does not block storing

    @property
    def ok(self) -> bool:
        return self.code is None or self.warning


def fail(code: str, **params: Any) -> Parsed:
    return Parsed(None, code, params)


def warn(value: Any, code: str, **params: Any) -> Parsed:
    return Parsed(value, code, params, warning=True)


# --------------------------------------------------------------------------------------------
# Blank cells and text
# --------------------------------------------------------------------------------------------
_DASHES = {"-", "–", "—", "--"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"\s+")


def is_blank(raw: object) -> bool:
    if raw is None:
        return True
    if isinstance(raw, float) and math.isnan(raw):
        return True
    if isinstance(raw, str):
        stripped = raw.strip()
        return not stripped or stripped in _DASHES
    return False


def as_text(raw: object) -> str:
    """The cell as a person would read it: 12.0 -> '12', dates as dd/mm/yyyy."""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, (dt.datetime, dt.date)):
        return raw.strftime("%d/%m/%Y")
    return str(raw)


def clean_text(raw: object) -> Parsed:
    """Trim, fold inner runs of spaces, drop control characters (warning when any were dropped)."""
    text = as_text(raw)
    if text.isascii() and text.isprintable() and "  " not in text:  # the common, clean case
        return Parsed(text.strip())
    text = unicodedata.normalize("NFC", text).replace("\t", " ").replace("\r", " ").replace("\n", " ")
    without_control = _CONTROL.sub("", text)
    value = _SPACES.sub(" ", without_control).strip()
    return warn(value, "cell.text_cleaned") if without_control != text else Parsed(value)


# --------------------------------------------------------------------------------------------
# Choices and suggestions
# --------------------------------------------------------------------------------------------
@cache
def choice_lookup(vocabulary: str) -> dict[str, str]:
    lookup = {fold(v): v for v in contract.VOCABULARIES[vocabulary]}
    lookup.update(contract.CHOICE_ALIASES.get(vocabulary, {}))
    return lookup


def suggest(value: str, choices: dict[str, str], cutoff: float = 60) -> str | None:
    """The closest accepted value to what was typed, or None when nothing is close."""
    key = fold(value)
    if not key:
        return None
    found = process.extractOne(key, list(choices), scorer=fuzz.WRatio, score_cutoff=cutoff)
    return choices[found[0]] if found else None


def hint(suggestion: str | None) -> dict[str, str]:
    """Message parameter for a suggestion; i18n renders it as 'Did you mean ...?' per language."""
    return {"suggestion": suggestion or ""}


def parse_choice(raw: object, vocabulary: str, *, column: str = "") -> Parsed:
    text = clean_text(raw).value
    lookup = choice_lookup(vocabulary)
    canonical = lookup.get(fold(text))
    if canonical is not None:
        return Parsed(canonical)
    accepted = ", ".join(contract.VOCABULARIES[vocabulary])
    return fail("cell.choice", column=column, accepted=accepted, **hint(suggest(text, lookup)))


_LIST_SEP = re.compile(r"[;\n]+")


def split_list(text: str) -> list[str]:
    return [part.strip() for part in _LIST_SEP.split(text) if part.strip()]


def _match_comma_runs(pieces: list[str], lookup: dict[str, str]) -> list[tuple[str, str | None]]:
    """Greedy longest match of comma-separated pieces, because some urusan contain a comma
    ('Koperasi, Usaha Kecil dan Menengah'). Returns (text, canonical or None) per match."""
    found: list[tuple[str, str | None]] = []
    i = 0
    while i < len(pieces):
        for j in range(len(pieces), i, -1):
            text = ",".join(pieces[i:j])
            match = lookup.get(fold(text))
            if match is not None:
                found.append((text, match))
                i = j
                break
        else:
            found.append((pieces[i].strip(), None))
            i += 1
    return found


def parse_multichoice(raw: object, vocabulary: str, *, column: str = "") -> Parsed:
    """One or more values separated by ';' or ',' -> canonical values joined by ';'."""
    lookup = choice_lookup(vocabulary)
    values: list[str] = []
    for part in split_list(clean_text(raw).value):
        pieces = [p for p in part.split(",") if p.strip()]
        for text, match in _match_comma_runs(pieces, lookup):
            if match is None:
                accepted = "; ".join(contract.VOCABULARIES[vocabulary])
                return Parsed(None, "cell.choice", {"column": column, "accepted": accepted,
                                                    **hint(suggest(text, lookup))})
            if match not in values:
                values.append(match)
    return Parsed(contract.MULTI_SEP.join(values))


def parse_kecamatan(raw: object) -> Parsed:
    """Kecamatan names (any spelling) joined by ';', or exactly 'Seluruh Kabupaten'."""
    found: list[str] = []
    for part in re.split(r"[;,\n]+", clean_text(raw).value):
        if not part.strip():
            continue
        name = contract.KECAMATAN_LOOKUP.get(contract.kecamatan_key(part))
        if name is None:
            choices = {fold(k.nama): k.nama for k in contract.KECAMATAN}
            accepted = ", ".join(k.nama for k in contract.KECAMATAN)
            return fail("cell.kecamatan", accepted=accepted, **hint(suggest(part, choices)))
        if name not in found:
            found.append(name)
    if contract.SELURUH_KABUPATEN in found and len(found) > 1:
        return warn(contract.SELURUH_KABUPATEN, "cell.kecamatan_mixed")
    return Parsed(contract.MULTI_SEP.join(found))


# --------------------------------------------------------------------------------------------
# Dates (always day first)
# --------------------------------------------------------------------------------------------
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?:\s+\d{1,2}[:.]\d{2}(?:[:.]\d{2})?)?$")
_YMD = re.compile(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_MONTH_YEAR_NUM = re.compile(r"^(\d{1,2})[/.\-](\d{4})$")
_MONTH_YEAR_WORD = re.compile(r"^([A-Za-z]+)\.?\s+(\d{4})$")
_YEAR = re.compile(r"^(\d{4})$")
_DATEPARSER_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "first",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RETURN_AS_TIMEZONE_AWARE": False,
    "PARSERS": ["custom-formats", "absolute-time"],  # never "besok" (tomorrow) or "2 days ago"
}
MIN_DATE_YEAR = 1980


def max_sensible_year() -> int:
    return dt.date.today().year + 1


def _from_serial(serial: float) -> dt.date | None:
    if 1 <= serial < 2958466:  # Excel's own range (up to 9999-12-31)
        return _EXCEL_EPOCH + dt.timedelta(days=int(serial))
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _partial(value: dt.date, raw: object) -> Parsed:
    return warn(value, "cell.date_partial", date=value.strftime("%d/%m/%Y"))


def _month_number(word: str) -> int | None:
    """Month from an Indonesian or English name, through dateparser's language data."""
    parsed = dateparser.parse(f"1 {word} 2000", languages=["id", "en"], settings=_DATEPARSER_SETTINGS)
    return parsed.month if parsed else None


def _parse_date_text(text: str, raw: object) -> Parsed:
    if m := _DMY.match(text):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        year += 2000 if year < 100 else 0
        value = _safe_date(year, month, day)
        return Parsed(value) if value else fail("cell.date")
    if m := _YMD.match(text):
        value = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        return Parsed(value) if value else fail("cell.date")
    if m := _YEAR.match(text):
        return _partial(dt.date(int(m[1]), 1, 1), raw)
    if m := _MONTH_YEAR_NUM.match(text):
        value = _safe_date(int(m[2]), int(m[1]), 1)
        return _partial(value, raw) if value else fail("cell.date")
    if m := _MONTH_YEAR_WORD.match(text):
        month = _month_number(m[1])
        return _partial(dt.date(int(m[2]), month, 1), raw) if month else fail("cell.date")
    if re.fullmatch(r"\d+(\.\d+)?", text):
        value = _from_serial(float(text))
        return Parsed(value) if value else fail("cell.date")
    parsed = dateparser.parse(text, languages=["id", "en"], settings=_DATEPARSER_SETTINGS)
    return Parsed(parsed.date()) if parsed else fail("cell.date")


def parse_date(raw: object) -> Parsed:
    if isinstance(raw, dt.datetime):
        result = Parsed(raw.date())
    elif isinstance(raw, dt.date):
        result = Parsed(raw)
    elif isinstance(raw, bool):
        result = fail("cell.date")
    elif isinstance(raw, (int, float)):
        if 1900 <= raw <= 2100 and float(raw).is_integer():  # a year typed alone, not a serial
            result = _partial(dt.date(int(raw), 1, 1), raw)
        else:
            value = _from_serial(float(raw))
            result = Parsed(value) if value else fail("cell.date")
    else:
        result = _parse_date_text(clean_text(raw).value, raw)
    return _check_date_range(result)


def _check_date_range(result: Parsed) -> Parsed:
    if result.value is None:
        return result
    if not MIN_DATE_YEAR <= result.value.year <= max_sensible_year():
        return fail("cell.date_range", min_year=MIN_DATE_YEAR, max_year=max_sensible_year())
    return result


# --------------------------------------------------------------------------------------------
# Numbers: money, counts, years
# --------------------------------------------------------------------------------------------
_MULTIPLIERS = {
    "ribu": 1e3, "rb": 1e3, "k": 1e3,
    "juta": 1e6, "jt": 1e6,
    "miliar": 1e9, "milyar": 1e9, "m": 1e9, "b": 1e9, "em": 1e9,
    "triliun": 1e12, "t": 1e12,
}
_MONEY = re.compile(r"^(?P<sign>-)?(?P<number>[\d.,]+)\s*(?P<unit>[a-z]+)?$")


def parse_indonesian_number(text: str) -> float | None:
    """'1.500.000,00' -> 1500000.0; '1,5' -> 1.5; '1.500' -> 1500.0; '1.5' -> 1.5.

    Dots separate thousands and the comma is the decimal mark; a lone dot not followed by exactly
    three digits is taken as a decimal point, and when both appear the last one is the decimal.
    """
    if not text or not re.fullmatch(r"[\d.,]*\d[\d.,]*", text):
        return None
    if "." in text and "," in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        text = text.replace(thousands, "").replace(decimal, ".")
    elif "," in text:
        if text.count(",") > 1:
            return None if not re.fullmatch(r"\d{1,3}(,\d{3})+", text) else float(text.replace(",", ""))
        text = text.replace(",", ".")
    elif text.count(".") > 1 or re.fullmatch(r"\d{1,3}\.\d{3}", text):
        if not re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
            return None
        text = text.replace(".", "")
    try:
        return float(text)
    except ValueError:
        return None


def parse_money(raw: object, *, column: str = "") -> Parsed:
    """Rupiah as a number or text ('Rp 1.500.000', '1,5 juta', '2 M'); blank or '-' = no budget."""
    if isinstance(raw, bool):
        return fail("cell.money")
    if isinstance(raw, (int, float)):
        amount = float(raw)
    else:
        text = re.sub(r"\s+", "", clean_text(raw).value.lower())
        text = re.sub(r"^(rp\.?|idr)", "", text).removesuffix(",-").removesuffix(".-")
        m = _MONEY.match(text)
        number = parse_indonesian_number(m["number"]) if m else None
        multiplier = _MULTIPLIERS.get(m["unit"]) if m and m["unit"] else 1.0
        if number is None or multiplier is None:
            return fail("cell.money")
        amount = number * multiplier * (-1 if m["sign"] else 1)
    if math.isnan(amount) or math.isinf(amount):
        return fail("cell.money")
    if amount < 0:
        return fail("cell.negative", column=column)
    return Parsed(round(amount, 2))


def parse_count(raw: object, *, column: str = "") -> Parsed:
    """A whole number ≥ 0 ('1.250' is 1250, as Indonesians write thousands)."""
    if isinstance(raw, bool):
        return fail("cell.count", column=column)
    if isinstance(raw, (int, float)):
        number: float | None = float(raw)
    else:
        number = parse_indonesian_number(re.sub(r"\s+", "", clean_text(raw).value))
    if number is None or math.isnan(number) or not number.is_integer() or number < 0:
        return fail("cell.count", column=column)
    return Parsed(int(number))


def parse_int_range(raw: object, low: int, high: int, *, column: str = "") -> Parsed:
    result = parse_count(raw, column=column)
    if result.code or not low <= result.value <= high:
        return fail("cell.int_range", column=column, min=low, max=high)
    return result


def parse_year(raw: object) -> Parsed:
    low, high = contract.MIN_YEAR, dt.date.today().year + 1
    if isinstance(raw, (dt.date, dt.datetime)):
        year: int | None = raw.year
    else:
        result = parse_count(raw)
        year = result.value if result.ok else None
    if year is None or not low <= year <= high:
        return fail("year.invalid", min_year=low, max_year=high, example=high - 1)
    return Parsed(year)


# --------------------------------------------------------------------------------------------
# Yes/no, NIP, URL
# --------------------------------------------------------------------------------------------
def parse_yesno(raw: object, *, column: str = "") -> Parsed:
    if isinstance(raw, bool):
        return Parsed(raw)
    if isinstance(raw, (int, float)) and raw in (0, 1):
        return Parsed(bool(raw))
    key = contract.yes_no_key(raw)
    if key in contract.YES_WORDS:
        return Parsed(True)
    if key in contract.NO_WORDS:
        return Parsed(False)
    return fail("cell.yesno", column=column)


def parse_nip(raw: object) -> Parsed:
    """An 18-digit NIP typed as text. A number has lost digits in Excel already: say so."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return fail("cell.nip_number")
    digits = re.sub(r"[\s.\-']", "", clean_text(raw).value)
    if not re.fullmatch(rf"\d{{{contract.NIP_LENGTH}}}", digits):
        return fail("cell.nip_format")
    return Parsed(digits)


def parse_nip_list(raw: object) -> Parsed:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return fail("cell.nip_number")
    nips: list[str] = []
    for part in re.split(r"[;,/\n]+", clean_text(raw).value):
        if not part.strip():
            continue
        result = parse_nip(part)
        if result.code:
            return Parsed(None, result.code, {"value": part.strip()})
        if result.value not in nips:
            nips.append(result.value)
    return Parsed(contract.MULTI_SEP.join(nips))


_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*\.[^\s]*$|^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)
# Between links: ';', a new line, ', ' (the IID application), ' - ' (the IID application), a
# comma right before the next 'http', or plain spaces. A comma inside a URL without a space stays.
_LINK_SEP = re.compile(r"\s*[;\n]\s*|,\s+|,(?=https?://)|\s+-\s+|\s+", re.IGNORECASE)


_MAYBE_SEVERAL = re.compile(r"[\s;,]")


def _one_url(text: str) -> bool:
    return bool(_URL.match(text)) and "." in text.split("//", 1)[-1]


def parse_url(raw: object) -> Parsed:
    """One link or several (each checked), stored joined by contract.LINK_SEP."""
    text = clean_text(raw).value
    if not _MAYBE_SEVERAL.search(text):  # the common case: one link
        return Parsed(text) if _one_url(text) else fail("cell.url", value=text)
    links: list[str] = []
    for part in _LINK_SEP.split(text):
        part = part.strip().rstrip(",")
        if not part:
            continue
        if not _one_url(part):
            return fail("cell.url", value=part)
        if part not in links:
            links.append(part)
    return Parsed(contract.LINK_SEP.join(links)) if links else fail("cell.url")


def split_links(text: object) -> list[str]:
    """The links of a stored tautan_bukti value (empty list when there is none)."""
    return [] if is_blank(text) else str(text).split(contract.LINK_SEP)


# --------------------------------------------------------------------------------------------
# The IID application's own columns: Kematangan and Koordinat
# --------------------------------------------------------------------------------------------
def parse_score(raw: object, *, column: str = "") -> Parsed:
    """The IID application's maturity score, 0..100 ('85.00' or '85,00')."""
    if isinstance(raw, bool):
        return fail("cell.score", column=column)
    if isinstance(raw, (int, float)):
        number: float | None = float(raw)
    else:
        text = clean_text(raw).value.replace(" ", "")
        number = float(text) if re.fullmatch(r"\d+(\.\d+)?", text) else parse_indonesian_number(text)
    if number is None or math.isnan(number) or not 0 <= number <= contract.KEMATANGAN_IID_MAX:
        return fail("cell.score", column=column)
    return Parsed(round(number, 2))


_COORDINATES = re.compile(r"^\s*(-?\d{1,3}(?:\.\d+)?)\s*[,;]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")


def parse_coordinates(raw: object) -> Parsed:
    """'lat, lon' in decimal degrees -> the same text, normalised to 'lat, lon'."""
    m = _COORDINATES.match(clean_text(raw).value)
    if not m or not (-90 <= float(m[1]) <= 90 and -180 <= float(m[2]) <= 180):
        return fail("cell.coordinates")
    return Parsed(f"{float(m[1]):.6f}, {float(m[2]):.6f}")


def coordinates(text: object) -> tuple[float, float] | None:
    """(lat, lon) of a stored koordinat value, None when empty."""
    if is_blank(text):
        return None
    lat, lon = str(text).split(",")
    return float(lat), float(lon)
