"""The unit list (unit pelapor): reading and checking it, and matching the names people write
against it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from rapidfuzz import fuzz, process

from analytics.intake import contract, values
from analytics.intake.contract import fold

UNITS_CSV = Path(__file__).resolve().parents[2] / "sample_data" / "units.csv"
UNIT_COLUMNS = ("kode", "nama", "singkatan", "jenis_unit", "induk_kode", "kecamatan", "aktif")
_PREFIXES = re.compile(r"^(uptd|kecamatan|kec\.?|perumda|pd)\s+", re.IGNORECASE)


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


@dataclass(frozen=True)
class UnitMatch:
    kode: str | None
    suggestions: tuple[str, ...] = ()


class UnitDirectory:
    """Looks units up by any accepted spelling: the full name, a short form, the name without its
    'UPTD'/'Kecamatan' prefix ('Kec. Jati', 'Jati'), all ignoring case, spaces and punctuation."""

    def __init__(self, units: pd.DataFrame) -> None:
        self.units = units.set_index("kode", drop=False)
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
                if row.jenis_unit == "Kecamatan":
                    yield contract.kecamatan_key(row.nama), row.kode
                    yield fold("kec" + bare), row.kode

    def match(self, text: str) -> UnitMatch:
        key = fold(text)
        kode = self._lookup.get(key) or self._lookup.get(contract.kecamatan_key(text))
        if kode is not None:
            return UnitMatch(kode)
        found = process.extract(text, list(self._names), scorer=fuzz.WRatio, limit=3, score_cutoff=60)
        return UnitMatch(None, tuple(name for name, _score, _ in found))

    def nama(self, kode: str) -> str:
        return self._facts[kode][0]

    def jenis(self, kode: str) -> str:
        return self._facts[kode][1]

    def kecamatan(self, kode: str) -> str:
        return self._facts[kode][2]

    def aktif(self, kode: str) -> bool:
        return self._facts[kode][3]
