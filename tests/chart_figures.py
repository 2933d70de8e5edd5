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


def lifecycle_figures(lang: str) -> dict[str, go.Figure]:
    """The Keberlanjutan page's charts on small hand-made measures (analytics.lifecycle.measures'
    columns): survival over five years of life by unit type, outcomes by unit type, and the
    stopped shares per sustainability category."""
    import pandas as pd

    from analytics.charts import lifecycle

    types = ["OPD", "Kecamatan", "UPTD"]
    curve = pd.DataFrame([{"jenis_unit": kind, "tahun_ke": k, "bertahan": 1 - 0.1 * k * (n + 1), "berisiko": 40 - k,
                           "berhenti": k} for n, kind in enumerate(types) for k in range(5)])
    outcomes = pd.DataFrame({"jenis_unit": types, "berlanjut": [120, 30, 64], "berhenti": [14, 9, 3],
                             "baru": [40, 12, 25]})
    check = pd.DataFrame({"kategori_keberlanjutan": ["Berkelanjutan", "Perlu Penguatan", "Vakum"],
                          "porsi_berhenti_berikutnya": [0.05, 0.2, 0.5], "porsi_berhenti_kemudian": [0.1, 0.3, 0.6],
                          "berhenti_berikutnya": [2, 8, 10], "berhenti_kemudian": [4, 12, 12],
                          "diketahui": [40, 40, 20]})
    return {"survival": lifecycle.survival_chart(curve, by="jenis_unit", lang=lang,
                                                 regency=curve.groupby("tahun_ke", as_index=False)[
                                                     ["bertahan", "berisiko", "berhenti"]].mean()),
            "outcomes": lifecycle.outcome_chart(outcomes, by="jenis_unit", lang=lang),
            "flag check": lifecycle.flag_check_chart(check, lang)}
