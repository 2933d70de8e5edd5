"""TPP simulation: what innovation would mean for each official's Tambahan Penghasilan Pegawai.

Why a simulation: Kudus's TPP is set by Perbup 10/2022 as amended by Perbup 21/2022, which does not
(yet) tie TPP to innovation.  The default tiers follow the Kota Mojokerto 2025 precedent; the
optional unit rule the Kutai Kartanegara / Sragen one.  Every result carries the rule in words and
the disclaimer "simulasi — sesuaikan dengan Peraturan Bupati yang berlaku": as frame columns
`aturan_tpp` and `catatan`, in `frame.attrs`, and as keys of the regency summary.

Per official: jumlah_inovasi = counting innovations of the year whose NIP Penggagas lists the NIP
(from any unit); tier by that count; adjustment % = tier % minus the unit cut (when the unit rule
is on and the official's unit has no counting innovation of its own); Rupiah = TPP Dasar × %.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analytics.indicators._basis import Basis, lookup, tally
from analytics.rules import DISCLAIMER, Rules, describe_tpp_rule


def tier_index(counts: np.ndarray | pd.Series, rules: Rules) -> np.ndarray:
    """Index into rules.tpp.tingkat for each innovation count (never falls as the count rises)."""
    minimums = np.array([t.minimum_inovasi for t in rules.tpp.tingkat])
    return np.searchsorted(minimums, np.asarray(counts, dtype="int64"), side="right") - 1


def _stamp(frame: pd.DataFrame, rules: Rules, lang: str) -> pd.DataFrame:
    text = describe_tpp_rule(rules, lang)
    frame["aturan_tpp"] = text
    frame["catatan"] = DISCLAIMER
    frame.attrs.update({"aturan_tpp": text, "catatan": DISCLAIMER})
    return frame


def _per_pejabat(basis: Basis, lang: str = "id") -> pd.DataFrame:
    rules, off = basis.rules, basis.pejabat
    columns = [c for c in ("id", "unit_kode", "nama_unit", "jenis_unit", "tahun", "nip", "nama", "jabatan",
                           "jenis_jabatan", "kelas_jabatan", "tpp_dasar", "jumlah_inovasi") if c in off.columns]
    out = off[columns].copy()
    tiers = rules.tpp.tingkat
    index = tier_index(out["jumlah_inovasi"], rules)
    out["tingkat"] = pd.Categorical.from_codes(index, categories=[t.label for t in tiers], ordered=True)
    out["penyesuaian_tingkat_persen"] = np.array([t.penyesuaian_persen for t in tiers], dtype="float64")[index]
    out["belum_berinovasi"] = out["jumlah_inovasi"].eq(0)
    unit_has_none = lookup(out["unit_kode"], basis.counting_by_unit, 0, "int64") == 0
    cut = rules.tpp.potongan_unit_persen if rules.tpp.aturan_unit_aktif else 0.0
    out["potongan_unit_persen"] = np.where(unit_has_none, cut, 0.0)
    out["penyesuaian_persen"] = out["penyesuaian_tingkat_persen"] - out["potongan_unit_persen"]
    out["penyesuaian_rp_bulan"] = out["tpp_dasar"].astype("float64") * out["penyesuaian_persen"] / 100
    out["penyesuaian_rp_tahun"] = out["penyesuaian_rp_bulan"] * rules.tpp.bulan_per_tahun
    return _stamp(out, rules, lang)


def _totals(frame: pd.DataFrame, by: str | None, rules: Rules) -> pd.DataFrame:
    """Officials, those with an innovation, Rupiah totals and officials per tier, per group."""
    keys = frame[by] if by else np.zeros(len(frame), dtype="int64")
    tiers = frame["tingkat"].cat.codes.to_numpy()
    per_tier = {f"tingkat_{t.label}": tiers == i for i, t in enumerate(rules.tpp.tingkat)}
    out = tally(keys, "kunci", pejabat_berinovasi=frame["jumlah_inovasi"].gt(0).to_numpy(),
                pejabat_tanpa_tpp_dasar=frame["tpp_dasar"].isna().to_numpy(),
                total_rp_bulan=frame["penyesuaian_rp_bulan"].fillna(0.0).to_numpy(dtype="float64"), **per_tier)
    out = out.rename(columns={"jumlah_inovasi": "jumlah_pejabat"})
    out["porsi_berinovasi"] = out["pejabat_berinovasi"] / out["jumlah_pejabat"]
    out["total_rp_tahun"] = out["total_rp_bulan"] * rules.tpp.bulan_per_tahun
    return out


def _per_unit(basis: Basis, per_pejabat: pd.DataFrame | None = None, lang: str = "id") -> pd.DataFrame:
    frame = _per_pejabat(basis, lang) if per_pejabat is None else per_pejabat
    stats = _totals(frame, "unit_kode", basis.rules).sort_index()
    kode = pd.Series(stats.index, dtype="str")
    names = basis.unit_lookup(kode)
    out = pd.DataFrame({"unit_kode": kode, "nama_unit": names["nama_unit"], "jenis_unit": names["jenis_unit"],
                        "unit_berinovasi": lookup(kode, basis.counting_by_unit, 0, "int64") > 0})
    out = pd.concat([out, stats.reset_index(drop=True)], axis=1)
    return _stamp(out, basis.rules, lang)


def _kabupaten(basis: Basis, per_pejabat: pd.DataFrame | None = None, lang: str = "id") -> dict[str, Any]:
    frame = _per_pejabat(basis, lang) if per_pejabat is None else per_pejabat
    stats = _totals(frame, None, basis.rules)
    row = stats.iloc[0] if len(stats) else pd.Series(0, index=stats.columns)
    labels = [t.label for t in basis.rules.tpp.tingkat]
    total = int(row.get("jumlah_pejabat", 0))
    return {
        "jumlah_pejabat": total,
        "pejabat_berinovasi": int(row.get("pejabat_berinovasi", 0)),
        "porsi_berinovasi": float(row["porsi_berinovasi"]) if total else 0.0,
        "pejabat_per_tingkat": {label: int(row.get(f"tingkat_{label}", 0)) for label in labels},
        "pejabat_tanpa_tpp_dasar": int(row.get("pejabat_tanpa_tpp_dasar", 0)),
        "total_rp_bulan": float(row.get("total_rp_bulan", 0.0)),
        "total_rp_tahun": float(row.get("total_rp_tahun", 0.0)),
        "aturan_tpp": describe_tpp_rule(basis.rules, lang),
        "catatan": DISCLAIMER,
    }


def tpp_per_pejabat(officials: pd.DataFrame, innovations: pd.DataFrame, *, year: int, rules: Rules | None = None,
                    units: pd.DataFrame | None = None, lang: str = "id") -> pd.DataFrame:
    """Per official of the year: id, unit_kode, nama_unit, jenis_unit, tahun, nip, nama, jabatan,
    jenis_jabatan, kelas_jabatan, tpp_dasar, jumlah_inovasi, tingkat ('0', '1-2', '3-4', '5+'),
    penyesuaian_tingkat_persen, belum_berinovasi, potongan_unit_persen, penyesuaian_persen,
    penyesuaian_rp_bulan and penyesuaian_rp_tahun (NaN without tpp_dasar), aturan_tpp, catatan."""
    basis = Basis.build(innovations=innovations, officials=officials, units=units, year=year, rules=rules)
    return _per_pejabat(basis, lang)


def tpp_per_unit(units: pd.DataFrame, officials: pd.DataFrame, innovations: pd.DataFrame, *, year: int,
                 rules: Rules | None = None, lang: str = "id") -> pd.DataFrame:
    """Per unit with officials: unit_kode, nama_unit, jenis_unit, unit_berinovasi, jumlah_pejabat,
    pejabat_berinovasi, pejabat_tanpa_tpp_dasar, total_rp_bulan, porsi_berinovasi, total_rp_tahun,
    tingkat_<label> (officials per tier), aturan_tpp, catatan."""
    basis = Basis.build(innovations=innovations, officials=officials, units=units, year=year, rules=rules)
    return _per_unit(basis, lang=lang)


def tpp_kabupaten(officials: pd.DataFrame, innovations: pd.DataFrame, *, year: int, rules: Rules | None = None,
                  lang: str = "id") -> dict[str, Any]:
    """Regency: jumlah_pejabat, pejabat_berinovasi, porsi_berinovasi, pejabat_per_tingkat,
    pejabat_tanpa_tpp_dasar, total_rp_bulan, total_rp_tahun, aturan_tpp, catatan."""
    basis = Basis.build(innovations=innovations, officials=officials, year=year, rules=rules)
    return _kabupaten(basis, lang=lang)
