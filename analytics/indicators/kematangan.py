"""Maturity estimate in the style of the Indeks Inovasi Daerah (IID) — an estimate, labelled so.

Why an estimate: the IID scores 20 per-innovation indicators from uploaded evidence; the workbook
carries what six of them need.  Per innovation: Σ bobot × level over those six, as a share of
their maximum (Σ bobot × 3 = 45 by default), shown 0..100.  Per unit and for the regency: the
average over counting innovations, and an estimated SID share Σ scores / MAX(10, n) that, like the
IID, does not reward a handful of polished innovations over a broad portfolio.  The predicate
uses the year's thresholds from the rules.  Every result names the indicators it left out.

Levels (configurable): regulasi from Dasar Hukum; dukungan anggaran from the three budget
columns (1 year -> 1, 2 consecutive years -> 2, all 3 -> 3; 2 non-consecutive -> 1); alat kerja
from Jenis (Digital = 3 online system, Non Digital = 1 manual: the workbook does not tell
"electronic" apart); replikasi and kemanfaatan from the counts and three thresholds; monev from
Monev.  An empty cell is level 0 (no evidence), as in the IID.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analytics.indicators._basis import Basis, identity, lookup
from analytics.rules import INDIKATOR_KEMATANGAN, Rules

SANGAT_INOVATIF = "Sangat Inovatif"
INOVATIF = "Inovatif"
KURANG_INOVATIF = "Kurang Inovatif"
TIDAK_DAPAT_DINILAI = "Tidak Dapat Dinilai"
PREDIKAT = (TIDAK_DAPAT_DINILAI, KURANG_INOVATIF, INOVATIF, SANGAT_INOVATIF)  # lowest first
LABEL_PERKIRAAN = "perkiraan (6 dari 20 indikator per inovasi IID)"

# The per-innovation IID indicators the workbook carries no evidence for: (id, en).
INDIKATOR_IID_TIDAK_DIPAKAI = (
    ("Ketersediaan SDM terhadap inovasi daerah", "Staff available for the innovation"),
    ("Bimtek inovasi", "Innovation training (bimtek)"),
    ("Integrasi program dan kegiatan inovasi dalam RKPD", "Integration into the RKPD plan"),
    ("Keterlibatan aktor inovasi", "Involvement of innovation actors"),
    ("Pelaksana inovasi daerah", "Innovation implementers"),
    ("Jejaring inovasi", "Innovation networks"),
    ("Sosialisasi inovasi daerah", "Publicity of the innovation"),
    ("Pedoman teknis", "Technical manuals"),
    ("Kemudahan informasi layanan", "Ease of service information"),
    ("Kemudahan proses inovasi yang dihasilkan", "Ease of the innovation's process"),
    ("Penyelesaian layanan pengaduan", "Complaint handling"),
    ("Online sistem / integrasi", "Online system / integration"),
    ("Kecepatan penciptaan inovasi", "Speed of creating the innovation"),
    ("Kualitas inovasi daerah (video)", "Quality of the innovation (video)"),
)
NAMA_INDIKATOR = {
    "regulasi": ("Regulasi inovasi daerah", "Innovation regulation"),
    "dukungan_anggaran": ("Dukungan anggaran", "Budget support"),
    "alat_kerja": ("Alat kerja", "Work tools"),
    "replikasi": ("Replikasi", "Replication"),
    "kemanfaatan": ("Kemanfaatan inovasi", "Benefit of the innovation"),
    "monev": ("Monitoring dan evaluasi", "Monitoring and evaluation"),
}


def indikator_iid_tidak_dipakai(lang: str = "id") -> list[str]:
    """The IID per-innovation indicators this estimate could not use (besides SPD and the count score)."""
    return [pair[1 if lang == "en" else 0] for pair in INDIKATOR_IID_TIDAK_DIPAKAI]


def indikator_iid_dipakai(lang: str = "id") -> list[str]:
    return [NAMA_INDIKATOR[k][1 if lang == "en" else 0] for k in INDIKATOR_KEMATANGAN]


def predikat_iid(skor: float | pd.Series, *, year: int, rules: Rules) -> str | pd.Series:
    """The IID predicate of a 0..100 score under the year's thresholds (lower bounds).

    A Series gives a categorical Series ordered from the lowest to the highest predicate."""
    band = rules.predicate_band(year)
    values = skor if isinstance(skor, pd.Series) else pd.Series([skor])
    filled = values.astype("float64").fillna(0.0).to_numpy()
    codes = ((filled >= band.kurang_inovatif).astype("int8") + (filled >= band.inovatif)
             + (filled >= band.sangat_inovatif))
    labels = pd.Categorical.from_codes(codes, categories=PREDIKAT, ordered=True)
    return pd.Series(labels, index=values.index) if isinstance(skor, pd.Series) else str(labels[0])


def _budget_pattern(inv: pd.DataFrame) -> pd.Series:
    cols = ("anggaran_tahun_berjalan", "anggaran_tahun_lalu", "anggaran_dua_tahun_lalu")
    has = inv[list(cols)].astype("float64").fillna(0.0).to_numpy() > 0
    years = has.sum(axis=1)
    consecutive = (has[:, 0] & has[:, 1]) | (has[:, 1] & has[:, 2])
    pattern = np.select([years == 3, (years == 2) & consecutive, years == 2, years == 1],
                        ["tiga_tahun", "dua_tahun_berturut", "dua_tahun_tidak_berturut", "satu_tahun"],
                        "tanpa_anggaran")
    return pd.Series(pattern, index=inv.index, dtype=object)


def _threshold_level(values: pd.Series, limits: tuple[int, ...]) -> np.ndarray:
    counts = values.astype("Int64").fillna(0).to_numpy(dtype="int64")
    return sum((counts >= limit).astype("int64") for limit in limits)


def _levels(inv: pd.DataFrame, rules: Rules) -> dict[str, np.ndarray]:
    rule = rules.kematangan
    source = {"regulasi": inv["dasar_hukum"], "dukungan_anggaran": _budget_pattern(inv),
              "alat_kerja": inv["jenis"], "monev": inv["monev"]}
    levels = {k: lookup(source[k], rule.get(k).level_map(), 0, "int64") for k in source}
    levels["replikasi"] = _threshold_level(inv["jumlah_replikasi"], rule.get("replikasi").batas_level)
    levels["kemanfaatan"] = _threshold_level(inv["jumlah_penerima_manfaat"], rule.get("kemanfaatan").batas_level)
    return levels


def _per_inovasi(basis: Basis) -> pd.DataFrame:
    inv, rule = basis.inovasi, basis.rules.kematangan
    out = identity(inv, "dihitung")
    levels, total = _levels(inv, basis.rules), np.zeros(len(inv))
    for key in INDIKATOR_KEMATANGAN:
        out[f"level_{key}"] = levels[key]
        out[f"skor_{key}"] = rule.get(key).bobot * levels[key]
        total = total + out[f"skor_{key}"].to_numpy(dtype="float64")
    out["skor_kematangan"] = total / rule.maksimum * 100
    year = basis.year if basis.year is not None else int(inv["tahun"].max()) if len(inv) else 0
    out["predikat"] = predikat_iid(out["skor_kematangan"], year=year, rules=basis.rules).array
    return out


def _aggregate(frame: pd.DataFrame, by: str | None) -> pd.DataFrame:
    counting = frame.loc[frame["dihitung"]]
    keys = counting[by].to_numpy() if by else np.zeros(len(counting), dtype=int)
    out = counting.groupby(keys)["skor_kematangan"].agg(["size", "sum", "mean"])
    out.columns = ["jumlah_dihitung", "jumlah_skor", "rata_rata_kematangan"]
    return out


def _finish(out: pd.DataFrame, basis: Basis) -> pd.DataFrame:
    divisor = np.maximum(basis.rules.kematangan.pembagi_minimum_sid, out["jumlah_dihitung"].to_numpy())
    out["estimasi_sid"] = out["jumlah_skor"].fillna(0.0).to_numpy() / divisor
    year = basis.year if basis.year is not None else 0
    out["predikat"] = predikat_iid(out["estimasi_sid"], year=year, rules=basis.rules).array
    return out.drop(columns="jumlah_skor")


def _per_unit(basis: Basis, per_inovasi: pd.DataFrame | None = None) -> pd.DataFrame:
    frame = _per_inovasi(basis) if per_inovasi is None else per_inovasi
    stats = _aggregate(frame, "unit_kode")
    units = basis.unit_rows()[["unit_kode", "nama", "jenis_unit"]].rename(columns={"nama": "nama_unit"})
    out = units.merge(stats, left_on="unit_kode", right_index=True, how="left")
    out["jumlah_dihitung"] = out["jumlah_dihitung"].fillna(0).astype("int64")
    return _finish(out, basis).reset_index(drop=True)


def _kabupaten(basis: Basis, per_inovasi: pd.DataFrame | None = None, lang: str = "id") -> dict[str, Any]:
    frame = _per_inovasi(basis) if per_inovasi is None else per_inovasi
    stats = _aggregate(frame, None)
    if stats.empty:
        stats = pd.DataFrame({"jumlah_dihitung": [0], "jumlah_skor": [0.0], "rata_rata_kematangan": [np.nan]})
    row = _finish(stats, basis).iloc[0]
    band = basis.rules.predicate_band(basis.year or 0)
    return {
        "jumlah_dihitung": int(row["jumlah_dihitung"]),
        "rata_rata_kematangan": None if pd.isna(row["rata_rata_kematangan"]) else float(row["rata_rata_kematangan"]),
        "estimasi_sid": float(row["estimasi_sid"]),
        "predikat": str(row["predikat"]),
        "ambang_predikat": {"tahun_mulai": band.tahun_mulai, SANGAT_INOVATIF: band.sangat_inovatif,
                            INOVATIF: band.inovatif, KURANG_INOVATIF: band.kurang_inovatif},
        "label": LABEL_PERKIRAAN,
        "indikator_dipakai": indikator_iid_dipakai(lang),
        "indikator_tidak_dipakai": indikator_iid_tidak_dipakai(lang),
    }


def kematangan_per_inovasi(innovations: pd.DataFrame, *, year: int, rules: Rules | None = None,
                           units: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per innovation of the year: id, unit_kode, nama_unit, tahun, nama_inovasi, dihitung,
    level_<indikator> (0..3) and skor_<indikator> (bobot × level) for regulasi, dukungan_anggaran,
    alat_kerja, replikasi, kemanfaatan, monev; skor_kematangan (0..100, estimate); predikat."""
    return _per_inovasi(Basis.build(innovations=innovations, units=units, year=year, rules=rules))


def kematangan_per_unit(units: pd.DataFrame, innovations: pd.DataFrame, *, year: int,
                        rules: Rules | None = None) -> pd.DataFrame:
    """Per unit, over its counting innovations: unit_kode, nama_unit, jenis_unit, jumlah_dihitung,
    rata_rata_kematangan (NaN without any), estimasi_sid (Σ / MAX(10, n)), predikat (of estimasi_sid)."""
    return _per_unit(Basis.build(innovations=innovations, units=units, year=year, rules=rules))


def kematangan_kabupaten(innovations: pd.DataFrame, *, year: int, rules: Rules | None = None,
                         lang: str = "id") -> dict[str, Any]:
    """Regency: jumlah_dihitung, rata_rata_kematangan, estimasi_sid, predikat, ambang_predikat,
    label, indikator_dipakai, indikator_tidak_dipakai."""
    return _kabupaten(Basis.build(innovations=innovations, year=year, rules=rules), lang=lang)
