"""Indicators: counts, coverage, sustainability, maturity and TPP — DataFrames in, DataFrames out.

Pure pandas (never streamlit).  Inputs are the frames of docs/frames.md (units, innovations,
officials); every function takes keyword arguments named after the domain and the `Rules` in force
(`analytics.rules.load_rules()`; the defaults when omitted).  Formulas, sources and defaults:
docs/indikator.md.  A page that shows many figures of one year should call `compute_all` once.
"""

from __future__ import annotations

from analytics.indicators._basis import counting_mask, fold_series
from analytics.indicators.cakupan import (
    cakupan_pelayanan_dasar,
    cakupan_satu_instansi,
    cakupan_satu_pejabat,
    ringkasan_pelayanan_dasar,
    unit_tanpa_inovasi,
)
from analytics.indicators.counts import (
    LINTAS_KECAMATAN,
    count_by_bentuk,
    count_by_inisiator,
    count_by_jenis,
    count_by_jenis_unit,
    count_by_kecamatan,
    count_by_opd_induk,
    count_by_status,
    count_by_tahapan,
    count_by_tahun,
    count_by_unit,
    count_by_urusan,
    summarize_counts,
)
from analytics.indicators.explain import FIGURES, explain
from analytics.indicators.keberlanjutan import (
    BERKELANJUTAN,
    PERLU_PENGUATAN,
    VAKUM,
    keberlanjutan_kabupaten,
    keberlanjutan_per_inovasi,
    keberlanjutan_per_unit,
)
from analytics.indicators.kematangan import (
    indikator_iid_dipakai,
    indikator_iid_tidak_dipakai,
    kematangan_kabupaten,
    kematangan_per_inovasi,
    kematangan_per_unit,
    predikat_iid,
)
from analytics.indicators.report import Indicators, compute_all, indicators_report, plain
from analytics.indicators.tpp import tpp_kabupaten, tpp_per_pejabat, tpp_per_unit

__all__ = [
    "BERKELANJUTAN", "FIGURES", "LINTAS_KECAMATAN", "PERLU_PENGUATAN", "VAKUM", "Indicators",
    "cakupan_pelayanan_dasar", "cakupan_satu_instansi", "cakupan_satu_pejabat", "compute_all",
    "count_by_bentuk", "count_by_inisiator", "count_by_jenis", "count_by_jenis_unit", "count_by_kecamatan",
    "count_by_opd_induk", "count_by_status", "count_by_tahapan", "count_by_tahun", "count_by_unit",
    "count_by_urusan", "counting_mask", "explain", "fold_series", "indicators_report",
    "indikator_iid_dipakai", "indikator_iid_tidak_dipakai", "keberlanjutan_kabupaten",
    "keberlanjutan_per_inovasi", "keberlanjutan_per_unit", "kematangan_kabupaten", "kematangan_per_inovasi",
    "kematangan_per_unit", "plain", "predikat_iid", "ringkasan_pelayanan_dasar", "summarize_counts",
    "tpp_kabupaten", "tpp_per_pejabat", "tpp_per_unit", "unit_tanpa_inovasi",
]
