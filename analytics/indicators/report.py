"""Everything at once: `compute_all` for pages, `indicators_report` (plain JSON) for the CLI.

Why one entry point: a dashboard screen shows many figures of one year; computing them from one
`Basis` pays each shared step (counting mask, name folding, splitting multi-value cells) once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analytics.indicators import cakupan, counts, keberlanjutan, kematangan, tpp
from analytics.indicators._basis import Basis, lookup
from analytics.rules import Rules, load_rules


@dataclass(frozen=True)
class Indicators:
    """All figures of one year.  Frames have the columns documented on the public functions."""

    year: int
    rules: Rules
    ringkasan: dict[str, Any]
    per_unit: pd.DataFrame
    per_jenis_unit: pd.DataFrame
    per_opd_induk: pd.DataFrame
    per_kecamatan: pd.DataFrame
    per_tahapan: pd.DataFrame
    per_jenis: pd.DataFrame
    per_bentuk: pd.DataFrame
    per_inisiator: pd.DataFrame
    per_status: pd.DataFrame
    per_urusan: pd.DataFrame
    per_tahun: pd.DataFrame
    cakupan_satu_instansi: pd.DataFrame
    unit_tanpa_inovasi: pd.DataFrame
    pelayanan_dasar: pd.DataFrame
    ringkasan_pelayanan_dasar: dict[str, Any]
    satu_pejabat_per_unit: pd.DataFrame
    satu_pejabat_per_jenis_jabatan: pd.DataFrame
    ringkasan_satu_pejabat: dict[str, Any]
    keberlanjutan_per_inovasi: pd.DataFrame
    keberlanjutan_per_unit: pd.DataFrame
    keberlanjutan_kabupaten: dict[str, Any]
    kematangan_per_inovasi: pd.DataFrame
    kematangan_per_unit: pd.DataFrame
    kematangan_kabupaten: dict[str, Any]
    tpp_per_pejabat: pd.DataFrame
    tpp_per_unit: pd.DataFrame
    tpp_kabupaten: dict[str, Any]


def compute_all(units: pd.DataFrame, innovations: pd.DataFrame, officials: pd.DataFrame, *, year: int,
                rules: Rules | None = None, lang: str = "id") -> Indicators:
    """Every indicator of `year` from one Basis (see the module docstrings for each formula)."""
    basis = Basis.build(innovations=innovations, units=units, officials=officials, year=year, rules=rules)
    sustain, mature, pejabat = (keberlanjutan._per_inovasi(basis), kematangan._per_inovasi(basis),
                                tpp._per_pejabat(basis, lang))
    return Indicators(
        year=year, rules=basis.rules, ringkasan=counts._summary(basis),
        per_unit=counts._by_unit(basis), per_jenis_unit=counts._by_jenis_unit(basis),
        per_opd_induk=counts._by_opd_induk(basis), per_kecamatan=counts._by_kecamatan(basis),
        per_tahapan=counts._by_category(basis, "tahapan"), per_jenis=counts._by_category(basis, "jenis"),
        per_bentuk=counts._by_category(basis, "bentuk"), per_inisiator=counts._by_category(basis, "inisiator"),
        per_status=counts._by_category(basis, "status"), per_urusan=counts._by_urusan(basis),
        per_tahun=counts._by_tahun(basis.with_year(None)),
        cakupan_satu_instansi=cakupan._satu_instansi(basis), unit_tanpa_inovasi=cakupan._tanpa_inovasi(basis),
        pelayanan_dasar=cakupan._pelayanan_dasar(basis),
        ringkasan_pelayanan_dasar=cakupan._pelayanan_dasar_summary(basis),
        satu_pejabat_per_unit=cakupan._satu_pejabat(basis, "unit_kode"),
        satu_pejabat_per_jenis_jabatan=cakupan._satu_pejabat(basis, "jenis_jabatan"),
        ringkasan_satu_pejabat=cakupan._satu_pejabat_summary(basis),
        keberlanjutan_per_inovasi=sustain, keberlanjutan_per_unit=keberlanjutan._per_unit(basis, sustain),
        keberlanjutan_kabupaten=keberlanjutan._kabupaten(basis, sustain),
        kematangan_per_inovasi=mature, kematangan_per_unit=kematangan._per_unit(basis, mature),
        kematangan_kabupaten=kematangan._kabupaten(basis, mature, lang),
        tpp_per_pejabat=pejabat, tpp_per_unit=tpp._per_unit(basis, pejabat, lang),
        tpp_kabupaten=tpp._kabupaten(basis, pejabat, lang),
    )


# --------------------------------------------------------------------------------------------
# The CLI's JSON
# --------------------------------------------------------------------------------------------
def plain(value: Any) -> Any:
    """JSON-safe copy: numpy scalars to Python, NaN/NA/inf to None, tuples to lists."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return float(value) if math.isfinite(value) else None
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    return str(value)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A frame as JSON-safe records, column by column (NaN/NA -> None, numpy -> Python)."""
    columns = {}
    for name in frame.columns:
        series = frame[name]
        if series.dtype.kind == "f":
            series = series.where(np.isfinite(series.to_numpy(dtype="float64")))
        columns[str(name)] = series.astype(object).where(series.notna(), None).tolist()
    return [dict(zip(columns, row, strict=True)) for row in zip(*columns.values(), strict=True)]


def _by(frame: pd.DataFrame, key: str) -> dict[str, int]:
    return dict(zip(frame[key].astype("str"), frame["jumlah_inovasi"].astype("int64").tolist(), strict=True))


def _units(ind: Indicators) -> list[dict[str, Any]]:
    base = ind.per_unit[["unit_kode", "nama_unit", "jenis_unit", "jumlah_inovasi", "jumlah_dihitung"]]
    sustained = ind.keberlanjutan_per_unit.set_index("unit_kode")["berkelanjutan"]
    maturity = ind.kematangan_per_unit.set_index("unit_kode")["rata_rata_kematangan"]
    people = ind.tpp_per_unit.set_index("unit_kode")[["jumlah_pejabat", "pejabat_berinovasi"]]
    kode = base["unit_kode"]
    table = pd.DataFrame({
        "unit": kode, "unit_name": base["nama_unit"], "unit_type": base["jenis_unit"],
        "innovations": base["jumlah_inovasi"], "counting": base["jumlah_dihitung"],
        "sustainable": lookup(kode, sustained.to_dict(), 0, "int64"),
        "maturity": lookup(kode, maturity.to_dict(), np.nan, "float64").round(2),
        "officials": lookup(kode, people["jumlah_pejabat"].to_dict(), 0, "int64"),
        "officials_with_innovation": lookup(kode, people["pejabat_berinovasi"].to_dict(), 0, "int64"),
    })
    return records(table)


def indicators_report(units: pd.DataFrame, innovations: pd.DataFrame, officials: pd.DataFrame, *, year: int,
                      rules: Rules | None = None, lang: str = "id") -> dict[str, Any]:
    """The year's indicators as plain JSON data (ints, floats, strings, lists, dicts; no NaN)."""
    ind = compute_all(units, innovations, officials, year=year, rules=rules or load_rules(), lang=lang)
    s = ind.ringkasan
    kec = ind.per_kecamatan
    report: dict[str, Any] = plain({
        "year": year,
        "rules": {"source": ind.rules.sumber or "default", "fingerprint": ind.rules.sidik},
        "totals": {
            "innovations": s["jumlah_inovasi"], "counting": s["jumlah_dihitung"], "new": s["jumlah_baru"],
            "counting_last_year": s["dihitung_tahun_lalu"], "change": s["perubahan"],
            "units_reporting": s["unit_melapor"],
            "by_tahapan": _by(ind.per_tahapan, "tahapan"), "by_jenis": _by(ind.per_jenis, "jenis"),
            "by_bentuk": _by(ind.per_bentuk, "bentuk"), "by_inisiator": _by(ind.per_inisiator, "inisiator"),
            "by_status": _by(ind.per_status, "status"), "by_urusan": _by(ind.per_urusan, "urusan"),
        },
        "units": [],  # filled below: already JSON-safe, and the longest part
        "kecamatan": [{"kecamatan": k, "kode": c, "group": g, "innovations": n, "counting": d}
                      for k, c, g, n, d in zip(kec["kecamatan"], kec["kode"], kec["grup"], kec["jumlah_inovasi"],
                                               kec["jumlah_dihitung"], strict=True)],
        "coverage": _coverage(ind),
        "sustainability": _sustainability(ind),
        "maturity": _maturity(ind),
        "tpp": _tpp(ind),
    })
    report["units"] = _units(ind)
    return report


def _coverage(ind: Indicators) -> dict[str, Any]:
    by_type = ind.cakupan_satu_instansi
    basic = ind.ringkasan_pelayanan_dasar
    people = ind.ringkasan_satu_pejabat
    return {
        "units_by_type": [{"unit_type": t, "units": n, "with_innovation": w, "share": sh} for t, n, w, sh in zip(
            by_type["jenis_unit"], by_type["jumlah_unit"], by_type["unit_berinovasi"], by_type["porsi_berinovasi"],
            strict=True)],
        "units_without_innovation": ind.unit_tanpa_inovasi["unit_kode"].tolist(),
        "basic_services": {"covered": basic["tercakup"], "missing": basic["belum_tercakup"],
                           "count": basic["jumlah_tercakup"], "of": basic["dari"], "minimum": basic["minimum"],
                           "meets_minimum": basic["memenuhi_minimum"]},
        "officials": {"total": people["jumlah_pejabat"], "with_innovation": people["pejabat_berinovasi"],
                      "share": people["porsi_berinovasi"],
                      "by_jenis_jabatan": [{"jenis_jabatan": j, "officials": n, "with_innovation": w, "share": sh}
                                           for j, n, w, sh in ind.satu_pejabat_per_jenis_jabatan[
                                               ["jenis_jabatan", "jumlah_pejabat", "pejabat_berinovasi",
                                                "porsi_berinovasi"]].itertuples(index=False)]},
    }


def _sustainability(ind: Indicators) -> dict[str, Any]:
    k = ind.keberlanjutan_kabupaten
    names = {"berkelanjutan": "Berkelanjutan", "perlu_penguatan": "Perlu Penguatan", "vakum": "Vakum"}
    return {"innovations": k["jumlah_inovasi"], "by_category": {v: k[n] for n, v in names.items()},
            "share_by_category": {v: k[f"porsi_{n}"] for n, v in names.items()}, "average_score": k["rata_rata_skor"],
            "flags_met": k["flag_terpenuhi"], "threshold": k["ambang_berkelanjutan"]}


def _maturity(ind: Indicators) -> dict[str, Any]:
    m = ind.kematangan_kabupaten
    return {"counting": m["jumlah_dihitung"], "average": m["rata_rata_kematangan"], "estimated_sid": m["estimasi_sid"],
            "predicate": m["predikat"], "thresholds": m["ambang_predikat"], "label": m["label"],
            "indicators_used": m["indikator_dipakai"], "indicators_not_used": m["indikator_tidak_dipakai"]}


def _tpp(ind: Indicators) -> dict[str, Any]:
    t = ind.tpp_kabupaten
    return {"rule": t["aturan_tpp"], "disclaimer": t["catatan"], "officials_by_tier": t["pejabat_per_tingkat"],
            "officials": t["jumlah_pejabat"], "officials_with_innovation": t["pejabat_berinovasi"],
            "share_with_innovation": t["porsi_berinovasi"], "officials_without_tpp_dasar": t["pejabat_tanpa_tpp_dasar"],
            "monthly_total_rp": round(t["total_rp_bulan"], 2), "yearly_total_rp": round(t["total_rp_tahun"], 2)}
