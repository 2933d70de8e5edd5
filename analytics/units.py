"""The unit list (unit pelapor) and matching the names people write against it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process

from analytics import contract
from analytics.contract import fold

UNITS_CSV = Path(__file__).resolve().parent.parent / "sample_data" / "units.csv"
UNIT_COLUMNS = ("kode", "nama", "singkatan", "jenis_unit", "induk_kode", "kecamatan", "aktif")
_PREFIXES = re.compile(r"^(uptd|kecamatan|kec\.?|perumda|pd)\s+", re.IGNORECASE)


def read_units_csv(path: Path = UNITS_CSV) -> pd.DataFrame:
    """The master list shipped with the app (sample_data/units.csv)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame["aktif"] = frame["aktif"].str.lower().isin(["true", "1", "ya", "y"])
    return frame[list(UNIT_COLUMNS)]


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
        return str(self.units.at[kode, "nama"])

    def jenis(self, kode: str) -> str:
        return str(self.units.at[kode, "jenis_unit"])

    def kecamatan(self, kode: str) -> str:
        return str(self.units.at[kode, "kecamatan"] or "")

    def aktif(self, kode: str) -> bool:
        return bool(self.units.at[kode, "aktif"])
