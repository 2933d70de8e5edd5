"""TPP (simulation): officials per tier, the officials no innovation names yet (the list a leader
acts on), the Rupiah impact per unit, and the rule in force with its "simulasi" disclaimer.

The page returns early from a function, never st.stop(): a stopped run drops the filters' kept
state on a page switch (Streamlit 1.67).
"""

from __future__ import annotations

import streamlit as st

from analytics import charts
from analytics import dashboard as figures
from ui import common, dashboard, exports
from ui.common import t

WAITING_COLUMNS = [
    ("nama_unit", "col.unit", "text"), ("nama", "dash.col.name", "text"), ("nip", "dash.col.nip", "text"),
    ("jabatan", "dash.col.position", "text"), ("jenis_jabatan", "dash.col.jenis_jabatan", "value:jenis_jabatan"),
    ("tpp_dasar", "dash.col.tpp_base", "rupiah"),
]
PER_UNIT_COLUMNS = [
    ("nama_unit", "col.unit", "text"), ("jumlah_pejabat", "dash.tpp_officials", "count"),
    ("pejabat_berinovasi", "dash.tpp_innovating", "count"),
    ("porsi_berinovasi", "dash.col.share_innovating", "share"), ("total_rp_bulan", "dash.tpp_month", "rupiah"),
    ("total_rp_tahun", "dash.tpp_year", "rupiah"), ("pejabat_tanpa_tpp_dasar", "dash.tpp_without_base", "count"),
]


def tpp(view: dashboard.View) -> None:
    lang = view.lang
    ind = dashboard.indicators(view)
    if dashboard.nothing_to_show(view, ind, about="officials"):
        return
    summary = ind.tpp_kabupaten
    st.warning(t("dash.tpp_disclaimer", catatan=summary["catatan"]), icon=":material/gavel:")
    with st.expander(t("dash.tpp_rule"), icon=":material/rule:"):
        st.write(summary["aturan_tpp"])

    innovating, officials = summary["pejabat_berinovasi"], summary["jumlah_pejabat"]
    a, b, c = st.columns(3)
    a.metric(t("dash.tpp_officials"), charts.number(officials, lang), border=True)
    b.metric(t("dash.tpp_innovating"),
             f"{charts.number(innovating, lang)} ({charts.percent(summary['porsi_berinovasi'], lang)})", border=True)
    c.metric(t("dash.tpp_not_innovating"), charts.number(officials - innovating, lang), border=True,
             help=t("dash.tpp_not_innovating_help"))
    a, b, c = st.columns(3)
    a.metric(t("dash.tpp_month"), charts.rupiah(summary["total_rp_bulan"], lang), border=True)
    b.metric(t("dash.tpp_year"), charts.rupiah(summary["total_rp_tahun"], lang), border=True)
    c.metric(t("dash.tpp_without_base"), charts.number(summary["pejabat_tanpa_tpp_dasar"], lang), border=True,
             help=t("dash.tpp_without_base_help"))

    per_unit = figures.tpp_per_unit(ind)
    left, right = st.columns(2)
    with left:
        dashboard.chart(dashboard.figure(charts.tpp_tiers_chart, figures.tpp_tiers(ind), lang), "tiers", view,
                        clickable=False)
    with right:
        dashboard.chart(dashboard.figure(charts.tpp_units_chart, per_unit, lang, chosen=view.filters.unit,
                                         short=charts.short_names(common.units(view.version))), "tpp_units",
                        view)

    waiting = figures.officials_without_innovation(ind)
    st.subheader(t("dash.tpp_waiting", n=charts.number(len(waiting), lang)))
    st.caption(t("dash.tpp_waiting_help"))
    dashboard.table(waiting, WAITING_COLUMNS, key="tpp_waiting", max_height=420)
    dashboard.downloads(dashboard.export_frame(waiting, WAITING_COLUMNS), f"pejabat-belum-berinovasi-{view.year}",
                        sheet="Pejabat",
                        detail={"year": view.year, "filters": view.filters.to_query(), "rows": len(waiting)})

    st.subheader(t("dash.tpp_per_unit"))
    dashboard.table(per_unit, PER_UNIT_COLUMNS, key="tpp_per_unit")


view = dashboard.open_page("page.tpp")
export_slot = st.container()  # the export panel shows here, drawn last (below)
tpp(view)
exports.export_panel(export_slot, view, slides=("kpi", "tpp"), key="export_tpp")
