"""Ringkasan (overview): the year's KPI cards against last year and the charts a leader scans first.

Every figure comes from analytics (indicators -> dashboard -> charts); a click on a bar filters
the whole page and shows a removable chip.
"""

from __future__ import annotations

import streamlit as st

from analytics import charts
from analytics import dashboard as figures
from ui import dashboard, kpi
from ui.common import t


def overview(view: dashboard.View) -> None:
    """Everything below the filter bar (a function: the page returns early, never st.stop(),
    which would drop the filters' kept state on a page switch)."""
    now = dashboard.indicators(view)
    if dashboard.nothing_to_show(view, now):
        return
    kpi.kpi_cards(figures.kpis(now, dashboard.indicators_last_year(view)), year=view.year)
    lang = view.lang

    left, right = st.columns(2)
    with left:
        dashboard.chart(charts.per_jenis_unit_chart(figures.per_jenis_unit(now), lang), "jenis_unit", view)
        dashboard.chart(charts.jenis_chart(figures.per_jenis(now), lang), "jenis", view)
    with right:
        dashboard.chart(charts.tahapan_funnel_chart(figures.tahapan_funnel(now), lang), "tahapan", view)
        dashboard.chart(charts.trend_chart(now.per_tahun, view.year, lang), "trend", view)

    ranking = figures.unit_ranking(now)
    left, right = st.columns(2)
    with left:
        dashboard.chart(charts.units_chart(figures.top_units(ranking), lang, title=t("chart.top_units", n=10),
                                           chosen=view.filters.unit), "top", view)
    with right:
        dashboard.chart(charts.units_chart(figures.bottom_units(ranking), lang, title=t("chart.bottom_units", n=10),
                                           subtitle=t("chart.bottom_units_sub"), chosen=view.filters.unit),
                        "bottom", view)
    without = len(now.unit_tanpa_inovasi)
    if without:
        st.warning(t("dash.units_without_note", n=without), icon=":material/report:")
        st.page_link("views/perangkat_daerah.py", label=t("dash.see_units"), icon=":material/apartment:")

    left, right = st.columns(2)
    with left:
        dashboard.chart(charts.keberlanjutan_chart(figures.keberlanjutan_categories(now), lang), "keberlanjutan", view,
                        clickable=False)
        dashboard.chart(charts.flags_chart(figures.flags_met(now), lang), "flags", view, clickable=False)
    with right:
        dashboard.chart(charts.pelayanan_dasar_chart(figures.pelayanan_dasar(now), now.ringkasan_pelayanan_dasar, lang),
                        "pelayanan_dasar", view)
        st.subheader(t("dash.at_risk"))
        threshold = charts.number(now.keberlanjutan_kabupaten["ambang_berkelanjutan"], lang)
        st.caption(t("dash.at_risk_help", threshold=threshold))
        dashboard.table(figures.innovations_at_risk(now), [
            ("nama_inovasi", "dash.col.innovation", "text"), ("nama_unit", "col.unit", "text"),
            ("tahapan", "dash.col.tahapan", "value:tahapan"),
            ("skor_keberlanjutan", "dash.col.sustainability_score", "score"),
            ("syarat_kurang", "dash.col.missing_conditions", "flags")], key="at_risk")


view = dashboard.open_page("page.overview")
export_slot = st.container()  # the export panel shows here, drawn last (below)
overview(view)
dashboard.export_panel(export_slot, view, key="export_overview")
