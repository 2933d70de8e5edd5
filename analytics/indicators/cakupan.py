"""Coverage: does every unit, every basic-service affair and every official have an innovation?

- Satu instansi satu inovasi (Permenpan RB 19/2016): share of aktif units, per unit type, with at
  least one counting innovation of their own in the year (a UPTD's innovation counts for the UPTD,
  not for its parent OPD), and the list of aktif units with none.
- Urusan pelayanan dasar (IID 2026): which of the six basic-service affairs have a counting
  innovation, and whether the configured minimum (5 of 6) is met.
- Satu pejabat satu inovasi: officials on the Pejabat sheet whose NIP is penggagas of at least one
  counting innovation of the year (of any unit), over all officials listed; per unit or jenis jabatan.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analytics.indicators._basis import TANPA_NILAI, Basis, lookup
from analytics.intake import contract
from analytics.rules import Rules


def _share(part: pd.Series, whole: pd.Series) -> pd.Series:
    """part / whole in 0..1, 0 where whole is 0 (an empty group has covered nothing)."""
    return (part / whole.where(whole > 0)).fillna(0.0).astype("float64")


def _unit_flags(basis: Basis) -> pd.DataFrame:
    units = basis.unit_table.loc[basis.unit_table["aktif"]].rename_axis("unit_kode").reset_index()
    counting = lookup(units["unit_kode"], basis.counting_by_unit, 0, "int64")
    units["jumlah_dihitung"] = counting
    units["berinovasi"] = counting > 0
    return units


def _satu_instansi(basis: Basis) -> pd.DataFrame:
    units = _unit_flags(basis)
    out = units.groupby("jenis_unit").agg(jumlah_unit=("berinovasi", "size"), unit_berinovasi=("berinovasi", "sum"))
    order = [*contract.JENIS_UNIT, *sorted(set(out.index) - set(contract.JENIS_UNIT))]
    out = out.reindex(order, fill_value=0).astype("int64").rename_axis("jenis_unit").reset_index()
    out["unit_tanpa_inovasi"] = out["jumlah_unit"] - out["unit_berinovasi"]
    out["porsi_berinovasi"] = _share(out["unit_berinovasi"], out["jumlah_unit"])
    return out


def _tanpa_inovasi(basis: Basis) -> pd.DataFrame:
    units = _unit_flags(basis)
    none = units.loc[~units["berinovasi"]].copy()
    all_rows = basis.inovasi.groupby("unit_kode").size()
    none["jumlah_inovasi"] = lookup(none["unit_kode"], all_rows.to_dict(), 0, "int64")
    none["melapor"] = none["unit_kode"].isin(list(basis.reporting_units))
    columns = ["unit_kode", "nama", "jenis_unit", "induk_kode", "opd_induk_kode", "jumlah_inovasi", "melapor"]
    none = none[columns].rename(columns={"nama": "nama_unit"})
    return none.sort_values(["jenis_unit", "nama_unit"], ignore_index=True)


def _pelayanan_dasar(basis: Basis) -> pd.DataFrame:
    long = basis.urusan_long
    counting = long.loc[basis.inovasi["dihitung"].to_numpy()[long["pos"].to_numpy()], "urusan"]
    per = counting.value_counts()
    out = pd.DataFrame({"urusan": list(contract.URUSAN_PELAYANAN_DASAR)})
    out["jumlah_dihitung"] = lookup(out["urusan"], per.to_dict(), 0, "int64")
    out["tercakup"] = out["jumlah_dihitung"].gt(0)
    return out


def _pelayanan_dasar_summary(basis: Basis) -> dict[str, Any]:
    table = _pelayanan_dasar(basis)
    covered = table.loc[table["tercakup"], "urusan"].tolist()
    minimum = basis.rules.minimum_urusan_pelayanan_dasar
    return {
        "tercakup": covered,
        "belum_tercakup": table.loc[~table["tercakup"], "urusan"].tolist(),
        "jumlah_tercakup": len(covered),
        "dari": len(table),
        "minimum": minimum,
        "memenuhi_minimum": len(covered) >= minimum,
    }


def _satu_pejabat(basis: Basis, by: str) -> pd.DataFrame:
    if by not in ("unit_kode", "jenis_jabatan"):
        raise ValueError(f"by must be 'unit_kode' or 'jenis_jabatan', not {by!r}")
    off = basis.pejabat
    keys = off[by].astype("str").fillna(TANPA_NILAI)
    frame = pd.DataFrame({by: keys.to_numpy(), "berinovasi": off["jumlah_inovasi"].gt(0).to_numpy()})
    out = frame.groupby(by).agg(jumlah_pejabat=("berinovasi", "size"), pejabat_berinovasi=("berinovasi", "sum"))
    if by == "jenis_jabatan":
        order = [*contract.JENIS_JABATAN, *sorted(set(out.index) - set(contract.JENIS_JABATAN))]
        out = out.reindex(order, fill_value=0)
    out = out.astype("int64").reset_index()
    out["porsi_berinovasi"] = _share(out["pejabat_berinovasi"], out["jumlah_pejabat"])
    if by == "unit_kode":
        names = basis.unit_lookup(out["unit_kode"])
        out.insert(1, "nama_unit", names["nama_unit"])
        out.insert(2, "jenis_unit", names["jenis_unit"])
    return out


def _satu_pejabat_summary(basis: Basis) -> dict[str, Any]:
    off = basis.pejabat
    total, with_one = len(off), int(off["jumlah_inovasi"].gt(0).sum())
    return {"jumlah_pejabat": total, "pejabat_berinovasi": with_one,
            "porsi_berinovasi": float(with_one / total) if total else 0.0}


def cakupan_satu_instansi(units: pd.DataFrame, innovations: pd.DataFrame, *, year: int,
                          rules: Rules | None = None) -> pd.DataFrame:
    """Per unit type: jenis_unit, jumlah_unit (aktif), unit_berinovasi, unit_tanpa_inovasi,
    porsi_berinovasi (0..1)."""
    return _satu_instansi(Basis.build(innovations=innovations, units=units, year=year, rules=rules))


def unit_tanpa_inovasi(units: pd.DataFrame, innovations: pd.DataFrame, *, year: int,
                       rules: Rules | None = None, officials: pd.DataFrame | None = None) -> pd.DataFrame:
    """Aktif units with no counting innovation: unit_kode, nama_unit, jenis_unit, induk_kode,
    opd_induk_kode, jumlah_inovasi (of any stage), melapor (sent any innovation or official row)."""
    basis = Basis.build(innovations=innovations, units=units, officials=officials, year=year, rules=rules)
    return _tanpa_inovasi(basis)


def cakupan_pelayanan_dasar(innovations: pd.DataFrame, *, year: int, rules: Rules | None = None) -> pd.DataFrame:
    """The six basic-service affairs: urusan, jumlah_dihitung, tercakup."""
    return _pelayanan_dasar(Basis.build(innovations=innovations, year=year, rules=rules))


def ringkasan_pelayanan_dasar(innovations: pd.DataFrame, *, year: int, rules: Rules | None = None) -> dict[str, Any]:
    """tercakup, belum_tercakup (lists), jumlah_tercakup, dari (6), minimum, memenuhi_minimum."""
    return _pelayanan_dasar_summary(Basis.build(innovations=innovations, year=year, rules=rules))


def cakupan_satu_pejabat(officials: pd.DataFrame, innovations: pd.DataFrame, *, year: int, by: str = "unit_kode",
                         rules: Rules | None = None, units: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per unit (by='unit_kode': + nama_unit, jenis_unit) or per jenis_jabatan:
    jumlah_pejabat, pejabat_berinovasi, porsi_berinovasi (0..1)."""
    basis = Basis.build(innovations=innovations, officials=officials, units=units, year=year, rules=rules)
    return _satu_pejabat(basis, by)


__all__ = ["cakupan_satu_instansi", "unit_tanpa_inovasi", "cakupan_pelayanan_dasar", "ringkasan_pelayanan_dasar",
           "cakupan_satu_pejabat"]
