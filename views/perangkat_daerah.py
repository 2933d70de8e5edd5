"""Perangkat Daerah: every unit ranked by counting innovations (or rolled up to its parent OPD),
the units with none highlighted and listed, and one unit's detail when it is chosen — by a click
on its bar, the unit filter or the picker below.

The page returns early from functions, never st.stop(): a stopped run drops the filters' kept state
on a page switch (Streamlit 1.67).
"""

from __future__ import annotations

import streamlit as st

from analytics import charts
from analytics import dashboard as figures
from ui import common, dashboard, exports, filters, lifecycle
from ui.common import t

FLAGS = ("penerapan", "dasar_hukum", "anggaran", "sop", "monev", "replikasi")


def ranking(view: dashboard.View) -> dict[str, str] | None:
    """The ranking (ignoring the unit filter: it is the way to choose a unit) and the units with
    none; returns the units the picker offers (None when nothing matches)."""
    everyone = dashboard.indicators(view, chosen=view.filters.without("unit"))
    if dashboard.nothing_to_show(view, everyone, about="units"):
        return None
    mode = st.segmented_control(t("dash.units_view"), ["unit", "induk"], key="units_view", persist_state="session",
                                default="unit", format_func=lambda m: t(f"dash.units_view.{m}"), required=True)
    table = figures.unit_ranking(everyone, rollup=mode == "induk")
    title = t("chart.ranking_rollup" if mode == "induk" else "chart.ranking", year=view.year)
    short = charts.short_names(common.units(view.version))
    dashboard.chart(dashboard.figure(charts.units_chart, table, view.lang, title=title, subtitle=t("chart.ranking_sub"),
                                     chosen=view.filters.unit, short=short), "ranking", view)
    without = everyone.unit_tanpa_inovasi
    with st.expander(t("dash.units_without", n=len(without)), expanded=0 < len(without) <= 15,
                     icon=":material/report:"):
        dashboard.table(without, [
            ("nama_unit", "col.unit", "text"), ("jenis_unit", "dash.col.jenis_unit", "value:jenis_unit"),
            ("jumlah_inovasi", "dash.col.innovations_any_stage", "count"), ("melapor", "dash.col.reported", "bool")],
            key="units_without")
    return dict(zip(everyone.per_unit["unit_kode"], everyone.per_unit["nama_unit"]))


def _pick(key: str) -> None:
    picked = st.session_state.get(key)
    filters.set_filters(filters.current().with_values("unit", [picked] if picked else []))


def picker(view: dashboard.View, names: dict[str, str]) -> str | None:
    """The unit whose detail is shown: the only unit of the unit filter, or one picked here."""
    chosen = view.filters.unit[0] if len(view.filters.unit) == 1 else None
    key = f"unit_pick_{view.filters.digest()}"
    options = sorted(names, key=lambda kode: names[kode])
    st.selectbox(t("dash.unit_pick"), options, index=options.index(chosen) if chosen in options else None,
                 format_func=names.get, key=key, on_change=_pick, args=(key,),
                 placeholder=t("dash.unit_pick_placeholder"))
    if chosen is None:
        st.info(t("dash.unit_pick_help"), icon=":material/touch_app:")
    return chosen


def source_of(history, year: int) -> str:
    """Where the unit's figures of `year` come from: its own report, else its IID import."""
    current = history[history["is_current"] & (history["tahun"] == year)] if "sumber" in history else history[:0]
    kinds = set(current["sumber"])
    return "laporan" if "laporan" in kinds else ("iid" if "iid" in kinds else "none")


def detail(view: dashboard.View, kode: str) -> None:
    """One unit: its figures, innovations with their sustainability flags, officials, history."""
    lang = view.lang
    unit = figures.unit_detail(dashboard.indicators(view), dashboard.history(view), kode)
    if unit is None:
        st.info(t("dash.unit_no_data", year=view.year))
        return
    st.markdown(f"### {common.escape_md(unit.nama)}")
    st.caption(charts.value_label("jenis_unit", unit.jenis_unit, lang))
    st.caption(common.escape_md(lifecycle.unit_line(kode)))  # what happened to its innovations over the years
    st.caption(t(f"iid.figures_from.{source_of(unit.history, view.year)}", year=view.year))
    a, b, c, d = st.columns(4)
    a.metric(t("kpi.innovations"), charts.number(unit.counts["jumlah_inovasi"], lang), border=True)
    b.metric(t("kpi.counting"), charts.number(unit.counts["jumlah_dihitung"], lang), border=True)
    c.metric(t("dash.sustainable"), charts.number(unit.sustainability["berkelanjutan"], lang), border=True,
             help=t("dash.sustainable_help"))
    d.metric(t("kpi.officials_covered"), f"{charts.number(unit.officials['pejabat_berinovasi'], lang)}/"
             f"{charts.number(unit.officials['jumlah_pejabat'], lang)}", border=True)
    innovations, officials, history = st.tabs([t("dash.tab_innovations"), t("dash.tab_officials"),
                                               t("dash.tab_history")])
    with innovations:
        dashboard.table(unit.innovations, [
            ("nama_inovasi", "dash.col.innovation", "text"), ("tahapan", "dash.col.tahapan", "value:tahapan"),
            ("status", "col.status", "value:status"),
            ("kategori_keberlanjutan", "dash.col.category", "value:kategori"),
            ("skor_keberlanjutan", "dash.col.sustainability_score", "score"),
            *[(f"flag_{f}", f"chart.flag.{f}", "bool") for f in FLAGS],
            ("skor_kematangan", "dash.col.maturity_score", "score")], key="unit_innovations")
    with officials:
        dashboard.table(unit.pejabat, [
            ("nama", "dash.col.name", "text"), ("jabatan", "dash.col.position", "text"),
            ("jumlah_inovasi", "dash.col.innovations_named", "count"), ("tingkat", "dash.col.tier", "text"),
            ("penyesuaian_rp_bulan", "dash.col.tpp_month", "rupiah")], key="unit_officials")
    with history:
        dashboard.chart(dashboard.figure(charts.unit_trend_chart, unit.per_tahun, lang, nama=unit.nama, year=view.year),
                        "unit_trend", view)
        dashboard.table(unit.history, [
            ("tahun", "col.year", "year"), ("submission_id", "col.version", "count"),
            ("is_current", "col.current", "bool"), ("file_name", "col.file", "text"),
            ("uploaded_by", "col.uploaded_by", "text"), ("uploaded_at", "col.uploaded_at", "datetime"),
            ("innovations", "col.innovations", "count"), ("officials", "col.officials", "count"),
            ("sumber", "dash.export.sumber", "text")],
            key="unit_history")


view = dashboard.open_page("page.units")
export_slot = st.container()  # the export panel shows here, drawn last (below)
names = ranking(view)
if names is not None:
    st.subheader(t("dash.unit_detail"))
    chosen = picker(view, names)
    if chosen is not None:
        detail(view, chosen)
exports.export_panel(export_slot, view, slides=("kpi", "peringkat", "cakupan"), key="export_units")
