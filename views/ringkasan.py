"""Ringkasan (overview): the year's KPI cards against last year and the charts a leader scans first.

Every figure comes from analytics (indicators -> dashboard -> charts); a click on a bar filters
the whole page and shows a removable chip.  Below the four main charts, the ranking, sustainability
(with the innovations at risk) and basic services are tabs drawn only when open: the browser then
renders six charts on opening instead of nine and a table, and the first chart shows sooner.
"""

from __future__ import annotations

import streamlit as st

from analytics import charts
from analytics import dashboard as figures
from analytics.indicators import Indicators
from ui import common, dashboard, exports, kpi
from ui.common import t


def overview(view: dashboard.View) -> None:
    """Everything below the filter bar (a function: the page returns early, never st.stop(),
    which would drop the filters' kept state on a page switch)."""
    now = dashboard.indicators(view)
    if dashboard.nothing_to_show(view, now):
        return
    kpi.kpi_cards(figures.kpis(now, dashboard.indicators_last_year(view)), year=view.year)
    lang = view.lang

    first = dashboard.first_screen_figures(view, now)  # also computed by the server's warm-up
    left, right = st.columns(2)
    with left:
        dashboard.chart(first["jenis_unit"], "jenis_unit", view)
        dashboard.chart(first["jenis"], "jenis", view)
    with right:
        dashboard.chart(first["tahapan"], "tahapan", view)
        dashboard.chart(first["trend"], "trend", view)

    without = len(now.unit_tanpa_inovasi)
    if without:
        st.warning(t("dash.units_without_note", n=without), icon=":material/report:")
        st.page_link("views/perangkat_daerah.py", label=t("dash.see_units"), icon=":material/apartment:")
    sections = dashboard.lazy_tabs(("units", "sustainability", "basic_services"), key="overview_section")
    if sections["units"].open:
        with sections["units"]:
            units_section(view, now)
    if sections["sustainability"].open:
        with sections["sustainability"]:
            sustainability_section(view, now)
    if sections["basic_services"].open:
        with sections["basic_services"]:
            dashboard.chart(dashboard.figure(charts.pelayanan_dasar_chart, figures.pelayanan_dasar(now),
                                   now.ringkasan_pelayanan_dasar, lang), "pelayanan_dasar", view)


def units_section(view: dashboard.View, now: Indicators) -> None:
    ranking = figures.unit_ranking(now)
    chosen, lang = view.filters.unit, view.lang
    short = charts.short_names(common.units(view.version))  # names that fit half a page; the hover has the full name
    left, right = st.columns(2)
    with left:
        dashboard.chart(dashboard.figure(charts.units_chart, figures.top_units(ranking), lang,
                                         title=t("chart.top_units", n=10), chosen=chosen, short=short), "top", view)
    with right:
        dashboard.chart(dashboard.figure(charts.units_chart, figures.bottom_units(ranking), lang,
                                         title=t("chart.bottom_units", n=10), subtitle=t("chart.bottom_units_sub"),
                                         chosen=chosen, short=short), "bottom", view)


def sustainability_section(view: dashboard.View, now: Indicators) -> None:
    lang = view.lang
    left, right = st.columns(2)
    with left:
        dashboard.chart(dashboard.figure(charts.keberlanjutan_chart, figures.keberlanjutan_categories(now), lang),
                        "keberlanjutan", view, clickable=False)
        dashboard.chart(dashboard.figure(charts.flags_chart, figures.flags_met(now), lang), "flags", view,
                        clickable=False)
    with right:
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
exports.export_panel(export_slot, view, key="export_overview")
