"""Every chart builder's figure from one set of indicators (tests/test_charts.py and the browser
test of the charts' margins)."""

from __future__ import annotations

import plotly.graph_objects as go

from analytics import charts, i18n
from analytics import dashboard as figures
from analytics.indicators import Indicators


def every_figure(ind: Indicators, lang: str) -> dict[str, go.Figure]:
    ranking = figures.unit_ranking(ind)
    return {
        "jenis_unit": charts.per_jenis_unit_chart(figures.per_jenis_unit(ind), lang),
        "tahapan": charts.tahapan_funnel_chart(figures.tahapan_funnel(ind), lang),
        "jenis": charts.jenis_chart(figures.per_jenis(ind), lang),
        "trend": charts.trend_chart(ind.per_tahun, 2024, lang),
        "top": charts.units_chart(figures.top_units(ranking), lang, title=i18n.t("chart.top_units", lang, n=10)),
        "keberlanjutan": charts.keberlanjutan_chart(figures.keberlanjutan_categories(ind), lang),
        "flags": charts.flags_chart(figures.flags_met(ind), lang),
        "pelayanan_dasar": charts.pelayanan_dasar_chart(figures.pelayanan_dasar(ind), ind.ringkasan_pelayanan_dasar,
                                                        lang),
        "unit_trend": charts.unit_trend_chart(ind.per_tahun, lang, nama="Dinas Kesehatan", year=2024),
        "map": charts.kecamatan_map(figures.kecamatan_nine(ind), lang),
        "kecamatan_bars": charts.kecamatan_bars(figures.kecamatan_nine(ind), lang),
        "tiers": charts.tpp_tiers_chart(figures.tpp_tiers(ind), lang),
        "tpp_units": charts.tpp_units_chart(figures.tpp_per_unit(ind), lang),
    }
