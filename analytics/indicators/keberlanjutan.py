"""Sustainability (keberlanjutan): flags per innovation, a weighted score and a category.

Why flags and not only a score: leaders ask "does it last?", and an answer they can act on says
which condition is missing (no SOP, no budget...).  Each flag is shown; the score is the sum of
the weights of the flags met (0..100); the category follows the spec:
Berkelanjutan = Aktif, Tahapan Penerapan and score >= threshold; Perlu Penguatan = Aktif
otherwise; Vakum = Tidak Aktif (whatever its score: Status Aktif is the gate).

"Penerapan for at least N years at the end of the reporting year" means Tahapan is Penerapan and
Tanggal Penerapan <= 31 December of (tahun - N): applied on 31 Dec 2022 it has had exactly two
years by 31 Dec 2024.  Shares are over all the year's innovations (every stage and status), so
that the three categories add up to 1.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analytics.indicators._basis import Basis, bool_column, identity, lookup, tally
from analytics.intake import contract
from analytics.rules import FLAGS_KEBERLANJUTAN, Rules

BERKELANJUTAN = "Berkelanjutan"
PERLU_PENGUATAN = "Perlu Penguatan"
VAKUM = "Vakum"
KATEGORI = (BERKELANJUTAN, PERLU_PENGUATAN, VAKUM)
FLAG_COLUMNS = tuple(f"flag_{f}" for f in FLAGS_KEBERLANJUTAN)
_BUDGETS = ("anggaran_tahun_berjalan", "anggaran_tahun_lalu", "anggaran_dua_tahun_lalu")


def budget_years(innovations: pd.DataFrame) -> np.ndarray:
    """How many of the last three years had a budget (> 0; NaN means no budget), per row."""
    return (innovations[list(_BUDGETS)].astype("float64").fillna(0.0).to_numpy() > 0).sum(axis=1)


def _flags(inv: pd.DataFrame, rules: Rules) -> pd.DataFrame:
    rule = rules.keberlanjutan
    rank = {v: i for i, v in enumerate(contract.DASAR_HUKUM)}
    applied_year = pd.to_datetime(inv["tanggal_penerapan"]).dt.year  # NaT -> NaN -> never "long enough"
    return pd.DataFrame({
        "flag_penerapan": (inv["tahapan"].eq("Penerapan").fillna(False)
                           & applied_year.le(inv["tahun"] - rule.tahun_penerapan_minimum).fillna(False)).to_numpy(bool),
        "flag_dasar_hukum": lookup(inv["dasar_hukum"], rank, -1, "int64") >= rank[rule.dasar_hukum_minimum],
        "flag_anggaran": budget_years(inv) >= rule.tahun_anggaran_minimum,
        "flag_sop": bool_column(inv["ada_sop"]),
        "flag_monev": (inv["monev"].notna() & inv["monev"].ne("Tidak Ada")).fillna(False).to_numpy(bool),
        "flag_replikasi": (inv["jumlah_replikasi"].astype("Int64").ge(rule.replikasi_minimum)
                           .fillna(False).to_numpy(bool)),
    })


def _per_inovasi(basis: Basis) -> pd.DataFrame:
    inv, rule = basis.inovasi, basis.rules.keberlanjutan
    out = identity(inv, "tahapan", "status", "dihitung")
    out["aktif"] = inv["status"].eq("Aktif").fillna(False).to_numpy(bool)
    flags = _flags(inv, basis.rules)
    weights = np.array([rule.weight(f) for f in FLAGS_KEBERLANJUTAN])
    for column in FLAG_COLUMNS:
        out[column] = flags[column].to_numpy()
    out["skor_keberlanjutan"] = flags[list(FLAG_COLUMNS)].to_numpy(dtype="float64") @ weights
    sustained = out["aktif"] & inv["tahapan"].eq("Penerapan").to_numpy(bool) & out["skor_keberlanjutan"].ge(
        rule.ambang_berkelanjutan - 1e-9)
    codes = np.where(~out["aktif"].to_numpy(), 2, np.where(sustained.to_numpy(bool), 0, 1))
    out["kategori_keberlanjutan"] = pd.Categorical.from_codes(codes, categories=KATEGORI)
    return out


def _tally(frame: pd.DataFrame, by: str | None) -> pd.DataFrame:
    codes = frame["kategori_keberlanjutan"].cat.codes.to_numpy()
    keys = frame[by] if by else np.zeros(len(frame), dtype="int64")
    out = tally(keys, "kunci", berkelanjutan=codes == 0, perlu_penguatan=codes == 1, vakum=codes == 2,
                skor=frame["skor_keberlanjutan"].to_numpy())
    out["rata_rata_skor"] = out.pop("skor") / out["jumlah_inovasi"].where(out["jumlah_inovasi"] > 0)
    for name in ("berkelanjutan", "perlu_penguatan", "vakum"):
        out[f"porsi_{name}"] = out[name] / out["jumlah_inovasi"]
    return out


def _per_unit(basis: Basis, per_inovasi: pd.DataFrame | None = None) -> pd.DataFrame:
    frame = _per_inovasi(basis) if per_inovasi is None else per_inovasi
    stats = _tally(frame, "unit_kode")
    units = basis.unit_rows()[["unit_kode", "nama", "jenis_unit"]].rename(columns={"nama": "nama_unit"})
    out = units.merge(stats, left_on="unit_kode", right_index=True, how="left")
    counts = ["jumlah_inovasi", "berkelanjutan", "perlu_penguatan", "vakum"]
    out[counts] = out[counts].fillna(0).astype("int64")
    shares = [c for c in out.columns if c.startswith("porsi_")]
    out[shares] = out[shares].fillna(0.0)
    return out.reset_index(drop=True)


def _kabupaten(basis: Basis, per_inovasi: pd.DataFrame | None = None) -> dict[str, Any]:
    frame = _per_inovasi(basis) if per_inovasi is None else per_inovasi
    stats = _tally(frame, None)
    row = stats.iloc[0].to_dict() if len(stats) else {}
    total = int(row.get("jumlah_inovasi", 0))
    out: dict[str, Any] = {"jumlah_inovasi": total}
    for name in ("berkelanjutan", "perlu_penguatan", "vakum"):
        out[name] = int(row.get(name, 0))
        out[f"porsi_{name}"] = float(row.get(f"porsi_{name}", 0.0))
    out["rata_rata_skor"] = float(row["rata_rata_skor"]) if total else None
    out["flag_terpenuhi"] = {c.removeprefix("flag_"): int(frame[c].sum()) for c in FLAG_COLUMNS}
    out["ambang_berkelanjutan"] = basis.rules.keberlanjutan.ambang_berkelanjutan
    return out


def keberlanjutan_per_inovasi(innovations: pd.DataFrame, *, year: int, rules: Rules | None = None,
                              units: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per innovation of the year: id, unit_kode, nama_unit, tahun, nama_inovasi, tahapan, status,
    dihitung, aktif, flag_penerapan, flag_dasar_hukum, flag_anggaran, flag_sop, flag_monev,
    flag_replikasi, skor_keberlanjutan (0..100), kategori_keberlanjutan."""
    return _per_inovasi(Basis.build(innovations=innovations, units=units, year=year, rules=rules))


def keberlanjutan_per_unit(units: pd.DataFrame, innovations: pd.DataFrame, *, year: int,
                           rules: Rules | None = None) -> pd.DataFrame:
    """Per unit: unit_kode, nama_unit, jenis_unit, jumlah_inovasi, berkelanjutan, perlu_penguatan,
    vakum, rata_rata_skor (NaN without innovations), porsi_berkelanjutan, porsi_perlu_penguatan,
    porsi_vakum (0..1; 0 without innovations)."""
    return _per_unit(Basis.build(innovations=innovations, units=units, year=year, rules=rules))


def keberlanjutan_kabupaten(innovations: pd.DataFrame, *, year: int, rules: Rules | None = None) -> dict[str, Any]:
    """Regency: jumlah_inovasi, the three counts and porsi_*, rata_rata_skor, flag_terpenuhi
    (innovations meeting each flag), ambang_berkelanjutan."""
    return _kabupaten(Basis.build(innovations=innovations, year=year, rules=rules))
