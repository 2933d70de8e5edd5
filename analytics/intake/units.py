"""The unit list (unit pelapor): reading and checking it, and matching the names people write
against it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from rapidfuzz import fuzz, process

from analytics.intake import contract, unit_names, values
from analytics.intake.contract import fold

UNITS_CSV = Path(__file__).resolve().parents[2] / "sample_data" / "units.csv"
UNIT_COLUMNS = ("kode", "nama", "singkatan", "jenis_unit", "induk_kode", "kecamatan", "aktif")
_PREFIXES = re.compile(r"^(uptd|kecamatan|kec\.?|perumda|pd)\s+", re.IGNORECASE)
_OFFICE_PREFIX = re.compile(r"^\s*(dinas|badan|bagian|kantor|upt|uptd)\s+", re.IGNORECASE)
_WORDS = re.compile(r"[^0-9a-z]+")


def _spaced(text: str) -> str:
    """Lower case, accents and punctuation gone, words kept apart (for token scorers)."""
    normal = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(_WORDS.sub(" ", normal).split())


def _expand_short_words(text: str) -> str:
    """'Dukcapil' -> 'Dukcapil Administrasi Kependudukan dan Pencatatan Sipil': the affairs'
    short names the contract knows, so a short name finds the unit that carries the affair."""
    shorts = contract.CHOICE_ALIASES["urusan"]
    extra = []
    for word in text.split():
        key = fold(word).removeprefix("dis").removeprefix("din")
        for candidate in (fold(word), key):
            if candidate in shorts:
                extra.append(shorts[candidate])
                break
    return " ".join([text, *extra])


_JENIS_UNIT_LOOKUP = {fold(v): v for v in contract.JENIS_UNIT}
_JENIS_UNIT_LOOKUP.update({fold(k): v for k, v in contract.CHOICE_ALIASES.get("jenis_unit", {}).items()})


def _aktif(value: Any) -> bool:
    """Empty means active; anything but a yes/no word (or "aktif"/"tidak aktif") is an error."""
    if isinstance(value, bool):
        return value
    if value is None or (isinstance(value, float) and value != value) or str(value).strip() == "":
        return True
    key = contract.yes_no_key(value)
    if key in contract.YES_WORDS or key == "aktif":
        return True
    if key in contract.NO_WORDS or key in {"tidakaktif", "nonaktif"}:
        return False
    raise ValueError(f"aktif: nilai {value!r} tidak dikenal (gunakan Ya/Tidak)")


def clean_units(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Check a unit list and turn it into rows: kode and nama required, kode unique."""
    missing = [c for c in ("kode", "nama", "jenis_unit") if c not in frame.columns]
    if missing:
        raise ValueError(f"daftar unit tanpa kolom {', '.join(missing)}")
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for position, record in enumerate(frame.to_dict("records"), start=1):
        def text_of(key: str, record: dict[str, Any] = record) -> str:
            value = record.get(key)
            # clean_text: no control or bidi characters in names shown on every page
            return "" if value is None or pd.isna(value) else values.clean_text(str(value)).value

        kode, nama = text_of("kode"), text_of("nama")
        if not kode or not nama:
            raise ValueError(f"unit baris {position}: kode dan nama wajib diisi")
        if kode in seen:
            raise ValueError(f"unit baris {position}: kode {kode!r} ganda")
        seen.add(kode)
        jenis = _JENIS_UNIT_LOOKUP.get(fold(text_of("jenis_unit")))
        if jenis is None:
            raise ValueError(
                f"unit {kode}: jenis_unit {text_of('jenis_unit')!r} tidak dikenal "
                f"({', '.join(contract.JENIS_UNIT)})"
            )
        rows.append({
            "kode": kode,
            "nama": nama,
            "singkatan": text_of("singkatan"),
            "jenis_unit": jenis,
            "induk_kode": text_of("induk_kode") or None,
            "kecamatan": text_of("kecamatan") or None,
            "aktif": _aktif(record.get("aktif")),
        })
    return rows


def read_units_csv(path: Path = UNITS_CSV) -> pd.DataFrame:
    """The master unit list as shipped (sample_data/units.csv), checked by `clean_units`.

    UTF-8 with or without BOM, every cell read as text.  The frame has the columns and dtypes of
    docs/frames.md: text ("" when empty) and `aktif` bool.  The store seeds its units table from
    ``clean_units(read_units_csv(path))``; cleaning a cleaned frame changes nothing.
    """
    rows = clean_units(pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig"))
    frame = pd.DataFrame(rows, columns=list(UNIT_COLUMNS)).fillna({"induk_kode": "", "kecamatan": ""})
    return frame.astype({**dict.fromkeys(UNIT_COLUMNS[:-1], "str"), "aktif": "bool"})


# How a written name found its unit (UnitMatch.rule).
RULE_NAME = "nama"  # the unit list's own name or short form, as written
RULE_DERIVED = "aturan"  # one of the deterministic rules of analytics.intake.unit_names
RULE_ALIAS = "alias"  # an alias an admin confirmed
RULE_LOGIN = "login"  # an IID login mapped before
RULE_COORDINATOR = "koordinator"  # the region's own IID admin account -> the coordinator unit
ALIAS_NAME, ALIAS_LOGIN = "nama", "login"  # the kinds of stored alias


@dataclass(frozen=True)
class UnitMatch:
    kode: str | None
    suggestions: tuple[str, ...] = ()
    rule: str = RULE_NAME
    login: str | None = None  # the IID login written in brackets, when there was one


class UnitDirectory:
    """The one unit resolver, for template uploads and IID imports alike.

    Looks units up by any accepted spelling: the full name, a short form or former name (the
    `singkatan` list), the name without its 'UPTD'/'Kecamatan' prefix ('Kec. Jati', 'Jati'), all
    ignoring case, spaces and punctuation; then by the deterministic rules of
    analytics.intake.unit_names; then by the aliases an admin confirmed and the IID logins mapped before.
    Fuzzy matching only suggests."""

    def __init__(self, units: pd.DataFrame, aliases: pd.DataFrame | None = None, *,
                 region: str | None = None, coordinator: str | None = None) -> None:
        self.units = units.set_index("kode", drop=False)
        self.region = region or unit_names.region_name()
        self._lookup: dict[str, str] = {}
        ambiguous: set[str] = set()
        # Full names and short forms first, so a prefix-less key never shadows them.
        for key, kode in self._keys(strong=True):
            self._lookup.setdefault(key, kode)
        for key, kode in self._keys(strong=False):
            if key in self._lookup and self._lookup[key] != kode:
                ambiguous.add(key)
            self._lookup.setdefault(key, kode)
        for key in ambiguous - {k for k, _ in self._keys(strong=True)}:
            self._lookup.pop(key, None)
        self._names = {row.nama: row.kode for row in self.units.itertuples()}
        # Plain dicts: the validator asks per row, and a pandas lookup costs microseconds each.
        self._facts = {row.kode: (str(row.nama), str(row.jenis_unit), str(row.kecamatan or ""), bool(row.aktif))
                       for row in self.units.itertuples()}
        self._aliases: dict[tuple[str, str], str] = {}
        if aliases is not None and len(aliases):
            for jenis, key, kode in zip(aliases["jenis"], aliases["alias_fold"], aliases["unit_kode"]):
                if kode in self._facts:
                    self._aliases[(str(jenis), str(key))] = str(kode)
        wanted = coordinator or unit_names.coordinator_name()
        self.coordinator = self._lookup.get(fold(wanted)) or (wanted if wanted in self._facts else None)
        self._suggest_labels = self._suggestion_labels()
        self._cache: dict[str, UnitMatch] = {}

    def _keys(self, *, strong: bool):
        for row in self.units.itertuples():
            if strong:
                yield fold(row.nama), row.kode
                for short in str(row.singkatan or "").split(contract.MULTI_SEP):
                    if short.strip():
                        yield fold(short), row.kode
            else:
                bare = _PREFIXES.sub("", row.nama)
                yield fold(bare), row.kode
                yield fold(unit_names.without_doctor(row.nama)), row.kode
                if row.jenis_unit == "Kecamatan":
                    yield contract.kecamatan_key(row.nama), row.kode
                    yield fold("kec" + bare), row.kode

    def _exact(self, text: str) -> str | None:
        return self._lookup.get(fold(text)) or self._lookup.get(contract.kecamatan_key(text))

    def match(self, text: str) -> UnitMatch:
        if text not in self._cache:
            self._cache[text] = self._match(text)
        return self._cache[text]

    def _match(self, text: str) -> UnitMatch:
        name, login = unit_names.split_login(text)
        if login and (kode := self._aliases.get((ALIAS_LOGIN, fold(login)))):
            return UnitMatch(kode, rule=RULE_LOGIN, login=login)
        for written in dict.fromkeys((text, name)):
            if kode := self._aliases.get((ALIAS_NAME, fold(written))):
                return UnitMatch(kode, rule=RULE_ALIAS, login=login)
            if kode := self._exact(written):
                return UnitMatch(kode, rule=RULE_NAME, login=login)
        if unit_names.is_region_admin(name, login) and self.coordinator:
            return UnitMatch(self.coordinator, rule=RULE_COORDINATOR, login=login)
        hits = {kode for variant in unit_names.name_variants(name, self.region) if (kode := self._exact(variant))}
        if len(hits) == 1:
            return UnitMatch(hits.pop(), rule=RULE_DERIVED, login=login)
        if hits:  # two units fit the rules: never pick one, show both
            return UnitMatch(None, tuple(sorted(self.nama(k) for k in hits)), login=login)
        return UnitMatch(None, self.suggest(name), login=login)

    # -- suggestions ---------------------------------------------------------------------------
    def _suggestion_labels(self) -> dict[str, str]:
        """Folded label -> unit name, over names and short forms, with the region's name removed
        from both (so 'Kudus' in 'SMP Negeri 1 Kudus' never makes it look like any '... Kudus')."""
        labels: dict[str, str] = {}
        for row in self.units.itertuples():
            for label in (row.nama, *str(row.singkatan or "").split(contract.MULTI_SEP)):
                key = _spaced(unit_names.core_words(label, self.region))
                if key:
                    labels.setdefault(key, row.nama)
        return labels

    def suggest(self, text: str, limit: int = 3) -> tuple[str, ...]:
        """Up to `limit` unit names close to what was written, aware of short names: the written
        name's short words are compared with every unit's short forms as well as its full name,
        and an affair's short name ('Dukcapil', 'Kominfo') is expanded to the affair's words."""
        written = unit_names.without_doctor(unit_names.core_words(text, self.region))
        core = _OFFICE_PREFIX.sub("", written) or written
        query = _spaced(_expand_short_words(core))
        if not query:
            return ()
        labels = list(self._suggest_labels)
        found = process.extract(query, labels, scorer=fuzz.token_set_ratio, limit=12, score_cutoff=70)
        also = process.extract(_spaced(written), labels, scorer=fuzz.WRatio, limit=12, score_cutoff=80)
        ranked = sorted([*found, *also], key=lambda hit: -hit[1])
        names = dict.fromkeys(self._suggest_labels[label] for label, _score, _ in ranked)
        return tuple(list(names)[:limit])

    def nama(self, kode: str) -> str:
        return self._facts[kode][0]

    def jenis(self, kode: str) -> str:
        return self._facts[kode][1]

    def kecamatan(self, kode: str) -> str:
        return self._facts[kode][2]

    def aktif(self, kode: str) -> bool:
        return self._facts[kode][3]
