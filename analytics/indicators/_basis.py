"""The common ground of every indicator: one year's innovations with the columns all figures need.

Why a `Basis`: the figures of one screen share the same expensive steps (the counting mask, folding
innovation names to find new ones, splitting multi-value cells).  A Basis is built from the frames
once and computes each step lazily at most once; it holds no state beyond the frames it was given,
so the public functions stay "frames in, frame out" while `compute_all` pays each step once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analytics.intake import contract
from analytics.rules import Rules, load_rules

UNIT_COLUMNS = ("kode", "nama", "singkatan", "jenis_unit", "induk_kode", "kecamatan", "aktif")
OFFICIAL_COLUMNS = ("unit_kode", "tahun", "nip", "nama", "jabatan", "jenis_jabatan", "kelas_jabatan", "tpp_dasar")
UNIT_TIDAK_DIKENAL = "(tidak dikenal)"  # unit type of a unit_kode missing from the master list
TANPA_NILAI = "(tidak diisi)"  # group label of an empty optional value


def empty_units() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="bool" if c == "aktif" else "str") for c in UNIT_COLUMNS})


def empty_officials() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="str") for c in OFFICIAL_COLUMNS})
    return frame.astype({"tahun": "int64", "kelas_jabatan": "Int64", "tpp_dasar": "float64"})


# --------------------------------------------------------------------------------------------
# Vectorised helpers
# --------------------------------------------------------------------------------------------
def lookup(values: pd.Series | np.ndarray, mapping: Mapping[Any, Any], default: Any, dtype: Any = None) -> np.ndarray:
    """Vectorised dict lookup: factorise once, look up each distinct value once, then take.

    Why not Series.map: on pandas 3 string columns it builds Python objects row by row; here the
    Python work is per distinct value (tens, at most a few thousand), never per row.
    """
    codes, uniques = pd.factorize(values)
    table = np.array([mapping.get(u, default) for u in uniques] + [default], dtype=dtype)
    return table[codes]  # code -1 (missing) takes the trailing default


def tally(keys: pd.Series | np.ndarray, name: str, **weights: np.ndarray) -> pd.DataFrame:
    """Rows per distinct key (`jumlah_inovasi`) and the sum of each weight column, via bincount."""
    codes, uniques = pd.factorize(keys)
    keep = codes >= 0
    size = len(uniques)
    data = {"jumlah_inovasi": np.bincount(codes[keep], minlength=size)}
    for column, weight in weights.items():
        values = np.asarray(weight)[keep]
        summed = np.bincount(codes[keep], weights=values, minlength=size)
        data[column] = summed if values.dtype.kind == "f" else summed.round().astype("int64")
    return pd.DataFrame(data, index=pd.Index(np.asarray(uniques, dtype=object), name=name))


def counting_mask(innovations: pd.DataFrame, *, rules: Rules) -> pd.Series:
    """True where an innovation counts: tahapan at least the minimum, and Aktif unless configured.

    An unknown status (the IID application's export has none) counts as Aktif: the application
    lists the innovations a region holds as running; only a stated 'Tidak Aktif' stops one."""
    rank = lookup(innovations["tahapan"], {t: i for i, t in enumerate(contract.TAHAPAN)}, -1, "int64")
    stage_ok = rank >= contract.TAHAPAN.index(rules.dihitung.tahapan_minimum)
    status = innovations["status"]
    status_ok = (status.eq("Aktif").fillna(False) | status.isna()).to_numpy(bool) | rules.dihitung.tidak_aktif_dihitung
    return pd.Series(stage_ok & status_ok, index=innovations.index, name="dihitung")


def fold_series(values: pd.Series) -> pd.Series:
    """`contract.fold` for a whole column; only non-ASCII texts pay for Unicode normalisation."""
    text = values.astype("str").fillna("")
    ascii_mask = text.str.isascii().to_numpy(dtype=bool)
    if not ascii_mask.all():
        text = text.copy()
        text[~ascii_mask] = (text[~ascii_mask].str.normalize("NFKD")
                             .str.replace(r"[^\x00-\x7f]", "", regex=True))
    return text.str.lower().str.replace(r"[^0-9a-z]+", "", regex=True)


def split_multi(values: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Split `;`-joined cells: (row positions, trimmed non-empty values), one pair per item."""
    array = pa.array(values.astype("str").fillna(""), type=pa.large_string())
    lists = pc.split_pattern(array, contract.MULTI_SEP)
    items = pc.utf8_trim_whitespace(pc.list_flatten(lists))
    positions = pc.list_parent_indices(lists).to_numpy()
    keep = pc.not_equal(items, "").to_numpy(zero_copy_only=False)
    return positions[keep], pd.Series(items.to_numpy(zero_copy_only=False)[keep], dtype="str")


def identity(inv: pd.DataFrame, *extra: str) -> pd.DataFrame:
    """The columns that say which innovation a row is (id when present), plus `extra`."""
    names = ("id", "unit_kode", "nama_unit", "tahun", "nama_inovasi", *extra)
    return inv[[c for c in names if c in inv.columns]].copy()


def _first_of_pairs(positions: np.ndarray, values: pd.Series) -> np.ndarray:
    """Mask keeping the first of each repeated (row, value) pair: 'A;A' counts once."""
    codes, uniques = pd.factorize(values)
    key = positions.astype("int64") * (len(uniques) + 1) + codes
    return ~pd.Index(key).duplicated()


def bool_column(values: pd.Series) -> np.ndarray:
    """A nullable yes/no column as plain booleans (NA = not filled in = no)."""
    return values.astype("boolean").fillna(False).to_numpy(dtype=bool)


def parent_opd(units: pd.DataFrame) -> pd.Series:
    """kode -> the top parent OPD (UPTD and Setda bagian roll up through induk_kode)."""
    kode = units["kode"].astype("str")
    parent = units["induk_kode"].astype("str").fillna("").str.strip()
    up = pd.Series(parent.where(parent.ne(""), kode).to_numpy(), index=kode.to_numpy())
    top = up.copy()
    for _ in range(5):  # parents of parents, a level at a time (chains are 1 or 2 deep)
        nxt = top.map(up).fillna(top)
        if nxt.equals(top):
            break
        top = nxt
    return top.rename("opd_induk_kode")


# --------------------------------------------------------------------------------------------
# The Basis
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class Basis:
    """The frames of one computation and the derived columns, each computed on first use."""

    innovations: pd.DataFrame
    year: int | None = None
    rules: Rules = field(default_factory=load_rules)
    units: pd.DataFrame = field(default_factory=empty_units)
    officials: pd.DataFrame = field(default_factory=empty_officials)

    @classmethod
    def build(cls, *, innovations: pd.DataFrame, year: int | None, rules: Rules | None = None,
              units: pd.DataFrame | None = None, officials: pd.DataFrame | None = None) -> Basis:
        return cls(innovations=innovations, year=year, rules=rules or load_rules(),
                   units=empty_units() if units is None else units,
                   officials=empty_officials() if officials is None else officials)

    # ---- units ------------------------------------------------------------------------------
    @cached_property
    def unit_table(self) -> pd.DataFrame:
        """Units indexed by kode with their parent OPD; aktif as plain bool (missing = aktif)."""
        units = self.units.drop_duplicates("kode", keep="last")
        table = pd.DataFrame({
            "nama": units["nama"].astype("str").to_numpy(),
            "jenis_unit": units["jenis_unit"].astype("str").to_numpy(),
            "induk_kode": units["induk_kode"].astype("str").fillna("").to_numpy(),
            "aktif": units["aktif"].astype("boolean").fillna(True).to_numpy(dtype=bool),
        }, index=pd.Index(units["kode"].astype("str"), name="kode"))
        table["opd_induk_kode"] = parent_opd(units).to_numpy()
        return table

    # ---- innovations --------------------------------------------------------------------------
    @cached_property
    def first_year(self) -> np.ndarray:
        """Per row of `innovations`: the first year its unit reported an innovation of that name."""
        inn = self.innovations
        unit_codes, _ = pd.factorize(inn["unit_kode"], use_na_sentinel=False)
        name_codes, names = pd.factorize(inn["nama_inovasi"], use_na_sentinel=False)
        folded_codes, _ = pd.factorize(fold_series(pd.Series(names)))  # fold each distinct name once
        key = unit_codes.astype("int64") * (len(names) + 1) + folded_codes[name_codes]
        return inn["tahun"].groupby(key).transform("min").to_numpy()

    @cached_property
    def inovasi(self) -> pd.DataFrame:
        """The year's innovations (all of them when year is None) with dihitung, baru and unit columns."""
        inn = self.innovations
        rows = np.ones(len(inn), dtype=bool) if self.year is None else inn["tahun"].eq(self.year).to_numpy()
        frame = inn.loc[rows].reset_index(drop=True)
        frame["dihitung"] = counting_mask(frame, rules=self.rules).to_numpy()
        frame["baru"] = frame["tahun"].to_numpy() == self.first_year[rows]
        return self._with_unit_columns(frame)

    def _with_unit_columns(self, frame: pd.DataFrame) -> pd.DataFrame:
        for column, values in self.unit_lookup(frame["unit_kode"]).items():
            frame[column] = values
        return frame

    def unit_lookup(self, kode: pd.Series) -> dict[str, pd.api.extensions.ExtensionArray]:
        """nama_unit, jenis_unit, induk_kode, opd_induk_kode per unit_kode (unknown units: their kode).

        Looked up once per distinct unit, then taken as string arrays (no Python object per row)."""
        codes, uniques = pd.factorize(kode.astype("str"))
        distinct = pd.Series(np.asarray(uniques, dtype=object), dtype="str")
        known = self.unit_table.reindex(distinct.to_numpy(dtype=object)).reset_index(drop=True)
        columns = {"nama_unit": known["nama"].astype("str").fillna(distinct),
                   "jenis_unit": known["jenis_unit"].astype("str").fillna(UNIT_TIDAK_DIKENAL),
                   "induk_kode": known["induk_kode"].astype("str").fillna(""),
                   "opd_induk_kode": known["opd_induk_kode"].astype("str").fillna(distinct)}
        return {name: pd.array([*values.tolist(), ""], dtype="str").take(codes) for name, values in columns.items()}

    @cached_property
    def previous(self) -> Basis | None:
        """The same frames one year earlier (None when all years are shown)."""
        return None if self.year is None else self.with_year(self.year - 1)

    def with_year(self, year: int | None) -> Basis:
        """The same frames for another year, sharing the year-independent steps already paid for."""
        other = Basis(self.innovations, year, self.rules, self.units, self.officials)
        for shared in ("unit_table", "first_year"):
            if shared in self.__dict__:
                other.__dict__[shared] = self.__dict__[shared]
        return other

    @cached_property
    def kecamatan_long(self) -> pd.DataFrame:
        """One row per (innovation position, kecamatan); Seluruh Kabupaten stays a single item."""
        positions, values = split_multi(self.inovasi["lokasi_kecamatan"])
        return pd.DataFrame({"pos": positions, "kecamatan": values})

    @cached_property
    def urusan_long(self) -> pd.DataFrame:
        positions, values = split_multi(self.inovasi["urusan"])
        keep = _first_of_pairs(positions, values)
        return pd.DataFrame({"pos": positions[keep], "urusan": values[keep].reset_index(drop=True)})

    @cached_property
    def penggagas_long(self) -> pd.DataFrame:
        """(innovation position, NIP) of counting innovations; a NIP listed twice counts once."""
        counting = np.flatnonzero(self.inovasi["dihitung"].to_numpy())
        positions, nips = split_multi(self.inovasi["nip_penggagas"].iloc[counting])
        keep = _first_of_pairs(positions, nips)
        return pd.DataFrame({"pos": counting[positions[keep]], "nip": nips[keep].reset_index(drop=True)})

    @cached_property
    def counting_by_unit(self) -> dict[str, int]:
        """unit_kode -> number of counting innovations in the year."""
        table = tally(self.inovasi["unit_kode"], "unit_kode", dihitung=self.inovasi["dihitung"].to_numpy())
        return table["dihitung"].to_dict()

    # ---- officials ----------------------------------------------------------------------------
    @cached_property
    def pejabat(self) -> pd.DataFrame:
        """The year's officials with jumlah_inovasi: counting innovations naming their NIP."""
        off = self.officials
        frame = (off if self.year is None else off.loc[off["tahun"].eq(self.year)]).reset_index(drop=True)
        per_nip = tally(self.penggagas_long["nip"], "nip")["jumlah_inovasi"]
        found = per_nip.index.get_indexer(frame["nip"].astype("str").to_numpy(dtype=object))
        frame["jumlah_inovasi"] = np.append(per_nip.to_numpy(dtype="int64"), 0)[found]  # -1 (not found) -> 0
        looked_up = self.unit_lookup(frame["unit_kode"])
        frame["nama_unit"], frame["jenis_unit"] = looked_up["nama_unit"], looked_up["jenis_unit"]
        return frame

    @cached_property
    def reporting_units(self) -> set[str]:
        """Units with any innovation or official row in the year (they sent a report)."""
        return set(self.inovasi["unit_kode"].unique()) | set(self.pejabat["unit_kode"].unique())

    def unit_rows(self) -> pd.DataFrame:
        """The units a per-unit table lists: aktif units plus any unit that reported."""
        table = self.unit_table
        extra = sorted(self.reporting_units - set(table.index))
        listed = table.loc[table["aktif"] | table.index.isin(list(self.reporting_units))]
        unknown = pd.DataFrame({"nama": extra, "jenis_unit": UNIT_TIDAK_DIKENAL, "induk_kode": "", "aktif": False,
                                "opd_induk_kode": extra}, index=pd.Index(extra, name="kode"))
        rows = pd.concat([listed, unknown]) if extra else listed
        return rows.rename_axis("unit_kode").reset_index()
