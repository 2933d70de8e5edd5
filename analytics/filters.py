"""The dashboard's filters as one value: the year and the slices of the data every page shows.

Why a value object here, in pure Python: every page, every cache key, every chart click and the
URL carry the same filters.  A frozen, hashable dataclass with a pure `apply_filters` keeps pages
free of pandas, gives caches a small key instead of hashed frames, and lets the click handler
(`analytics.selection`) be tested without Streamlit.

What a filter means:

- Unit filters (`jenis_unit`, `unit`) choose *units*: they narrow the unit list, the innovations and
  the officials alike, so coverage ("units without an innovation") is counted among those units.
- Innovation filters (`kecamatan`, `tahapan`, `jenis`, `bentuk`, `urusan`, `status`) narrow only the
  innovations: coverage then answers "which units have a counting innovation of this kind".
- Values within one filter are alternatives (OR); different filters all apply (AND).  A multi-value
  cell (urusan, lokasi kecamatan) matches when any of its values is chosen; "Seluruh Kabupaten" is
  a kecamatan value of its own, never spread over the nine.
- The year is not applied here: the indicators take it (`compute_all(..., year=...)`), because the
  change against last year and the trend need the other years.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import astuple, dataclass, replace
from typing import NamedTuple

import numpy as np
import pandas as pd

from analytics.intake import contract

YEAR = "tahun"
UNIT_DIMENSIONS = ("jenis_unit", "unit")
INNOVATION_COLUMNS = {"kecamatan": "lokasi_kecamatan", "tahapan": "tahapan", "jenis": "jenis", "bentuk": "bentuk",
                      "urusan": "urusan", "status": "status"}
DIMENSIONS = (*UNIT_DIMENSIONS, *INNOVATION_COLUMNS)  # the order of the filter bar and of the chips
MULTI_VALUED = frozenset({"kecamatan", "urusan"})
FilterKey = tuple[object, ...]


@dataclass(frozen=True)
class Filters:
    """The year (None: not chosen yet) and, per dimension, the chosen values (empty: all)."""

    tahun: int | None = None
    jenis_unit: tuple[str, ...] = ()
    unit: tuple[str, ...] = ()  # unit kode
    kecamatan: tuple[str, ...] = ()
    tahapan: tuple[str, ...] = ()
    jenis: tuple[str, ...] = ()
    bentuk: tuple[str, ...] = ()
    urusan: tuple[str, ...] = ()
    status: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # One spelling per set of values, so that equal filters make equal cache keys and URLs.
        for name in DIMENSIONS:
            object.__setattr__(self, name, _normalised(getattr(self, name)))

    def values(self, dimension: str) -> tuple[str, ...]:
        _check(dimension)
        return getattr(self, dimension)

    def with_values(self, dimension: str, values: Iterable[str]) -> Filters:
        """The same filters with `dimension` set to `values` (empty: the filter is removed)."""
        _check(dimension)
        return replace(self, **{dimension: tuple(values)})

    def with_year(self, tahun: int | None) -> Filters:
        return replace(self, tahun=tahun)

    def without(self, dimension: str, value: str | None = None) -> Filters:
        """Remove one value of a filter (a chip's close button), or the whole filter."""
        kept = () if value is None else tuple(v for v in self.values(dimension) if v != value)
        return self.with_values(dimension, kept)

    def cleared(self) -> Filters:
        """Every filter removed; the year stays."""
        return Filters(tahun=self.tahun)

    def active(self) -> list[tuple[str, str]]:
        """(dimension, value) of every chosen value, in filter-bar order: the active-filter chips."""
        return [(name, value) for name in DIMENSIONS for value in getattr(self, name)]

    @property
    def is_filtered(self) -> bool:
        return any(getattr(self, name) for name in DIMENSIONS)

    def key(self) -> FilterKey:
        """A small hashable key (for caches and widget keys); `from_key` turns it back."""
        return astuple(self)

    @classmethod
    def from_key(cls, key: FilterKey) -> Filters:
        return cls(*key)  # type: ignore[arg-type]

    def digest(self) -> str:
        """A short stable text of the filters (for widget keys that must change with them)."""
        import hashlib

        return hashlib.sha1(repr(self.key()).encode()).hexdigest()[:10]

    def to_query(self) -> dict[str, list[str]]:
        """The URL form: one parameter per filter in use, repeated for several values."""
        query = {YEAR: [str(self.tahun)]} if self.tahun is not None else {}
        query.update({name: list(getattr(self, name)) for name in DIMENSIONS if getattr(self, name)})
        return query

    @classmethod
    def from_query(cls, query: Mapping[str, str | Sequence[str]], *, choices: Mapping[str, Collection[str]],
                   years: Collection[int]) -> Filters:
        """Filters from URL parameters; unknown years and values are dropped, never trusted."""
        def listed(name: str) -> list[str]:
            raw = query.get(name, [])
            return [raw] if isinstance(raw, str) else list(raw)

        wanted_years = [int(y) for y in listed(YEAR) if str(y).strip().isdigit()]
        tahun = next((y for y in wanted_years if y in years), None)
        chosen = {name: tuple(v for v in listed(name) if v in choices.get(name, ())) for name in DIMENSIONS}
        return cls(tahun=tahun, **chosen)


def _normalised(values: Iterable[str]) -> tuple[str, ...]:
    if isinstance(values, str):
        values = (values,)
    return tuple(sorted({str(v) for v in values if str(v).strip()}))


def _check(dimension: str) -> None:
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown filter {dimension!r}; known: {', '.join(DIMENSIONS)}")


def choices(units: pd.DataFrame) -> dict[str, tuple[str, ...]]:
    """The values each filter offers: the contract's vocabularies, and the units of the list."""
    listed = units.sort_values("nama") if len(units) else units
    return {
        "jenis_unit": contract.JENIS_UNIT,
        "unit": tuple(listed["kode"].astype("str")),
        "kecamatan": (*(k.nama for k in contract.KECAMATAN), contract.SELURUH_KABUPATEN),
        "tahapan": contract.TAHAPAN,
        "jenis": contract.JENIS,
        "bentuk": contract.BENTUK,
        "urusan": contract.URUSAN,
        "status": contract.STATUS,
    }


class Frames(NamedTuple):
    units: pd.DataFrame
    innovations: pd.DataFrame
    officials: pd.DataFrame


def apply_filters(filters: Filters, *, units: pd.DataFrame, innovations: pd.DataFrame,
                  officials: pd.DataFrame) -> Frames:
    """The three frames narrowed by every filter but the year (see the module docstring)."""
    chosen_units = units
    if filters.jenis_unit:
        chosen_units = chosen_units.loc[chosen_units["jenis_unit"].isin(filters.jenis_unit)]
    if filters.unit:
        chosen_units = chosen_units.loc[chosen_units["kode"].isin(filters.unit)]
    if filters.jenis_unit or filters.unit:
        codes = set(chosen_units["kode"].astype("str"))
        if filters.unit and not filters.jenis_unit:
            codes |= set(filters.unit)  # a unit known only from its reports still filters
        innovations = innovations.loc[innovations["unit_kode"].isin(codes)]
        officials = officials.loc[officials["unit_kode"].isin(codes)]
    keep = innovation_mask(innovations, filters)
    if not keep.all():
        innovations = innovations.loc[keep]
    return Frames(chosen_units, innovations, officials)


def innovation_mask(innovations: pd.DataFrame, filters: Filters) -> np.ndarray:
    """True for the innovations that every innovation filter lets through (vectorised)."""
    keep = np.ones(len(innovations), dtype=bool)
    for name, column in INNOVATION_COLUMNS.items():
        wanted = getattr(filters, name)
        if not wanted:
            continue
        cells = innovations[column]
        keep &= _any_of(cells, wanted) if name in MULTI_VALUED else cells.isin(wanted).to_numpy(dtype=bool)
    return keep


def _any_of(cells: pd.Series, wanted: Iterable[str]) -> np.ndarray:
    """True where a ';'-joined cell holds any of `wanted` as a whole item."""
    padded = contract.MULTI_SEP + cells.astype("str").fillna("").str.replace(r"\s*;\s*", ";", regex=True).str.strip() \
        + contract.MULTI_SEP
    hit = np.zeros(len(cells), dtype=bool)
    for value in wanted:
        hit |= padded.str.contains(f"{contract.MULTI_SEP}{value}{contract.MULTI_SEP}", regex=False).to_numpy(bool)
    return hit


def innovations_shown(filters: Filters, *, units: pd.DataFrame, innovations: pd.DataFrame,
                      all_years: bool = False) -> pd.DataFrame:
    """The innovations a table shows: every filter, and the year unless `all_years`."""
    empty_officials = innovations.iloc[0:0][["unit_kode"]]
    rows = apply_filters(filters, units=units, innovations=innovations, officials=empty_officials).innovations
    if not all_years and filters.tahun is not None:
        rows = rows.loc[rows["tahun"].eq(filters.tahun)]
    return rows


def years_with_data(history: pd.DataFrame) -> list[int]:
    """Years that have current data, newest first (the year filter's options)."""
    if history.empty:
        return []
    current = history.loc[history["is_current"].astype(bool), "tahun"]
    return sorted({int(y) for y in current}, reverse=True)
