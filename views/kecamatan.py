"""Kecamatan: the nine kecamatan on a map (a choropleth when a boundary file is configured, a tile
map otherwise), their bars, the regency-wide ("Seluruh Kabupaten") innovations apart, and one
kecamatan's detail when it is chosen by a click on the map or a bar.

The page returns early from functions, never st.stop(): a stopped run drops the filters' kept
state on a page switch (Streamlit 1.67).
"""

from __future__ import annotations

import streamlit as st

from analytics import charts
from analytics import dashboard as figures
from analytics.indicators import Indicators
from ui import dashboard, exports, kpi
from ui.common import t


def overview(view: dashboard.View) -> Indicators | None:
    """Map, bars and the regency-wide figure; they ignore the kecamatan filter (they are the way
    to choose one) and mark the chosen kecamatan.  None when nothing matches."""
    lang = view.lang
    everywhere = dashboard.indicators(view, chosen=view.filters.without("kecamatan"))
    if dashboard.nothing_to_show(view, everywhere):
        return None
    nine = figures.kecamatan_nine(everywhere)
    apart = figures.seluruh_kabupaten(everywhere)
    left, right = st.columns([3, 2])
    with left:
        dashboard.chart(charts.kecamatan_map(nine, lang, boundaries=dashboard.boundaries(),
                                             chosen=view.filters.kecamatan), "map", view)
    with right:
        change = apart.get("perubahan")
        st.metric(t("dash.regency_wide"), charts.number(apart["jumlah_dihitung"], lang),
                  None if change is None else charts.signed(change, lang), border=True,
                  help=t("dash.regency_wide_help"), **kpi.change_style(change),
                  delta_description=None if change is None else t("kpi.vs_year", year=view.year - 1))
        dashboard.chart(dashboard.figure(charts.kecamatan_bars, nine, lang, chosen=view.filters.kecamatan), "bars",
                        view)
    return everywhere


def nine_table(view: dashboard.View, everywhere: Indicators) -> None:
    nine = figures.kecamatan_nine(everywhere)
    st.subheader(t("dash.kecamatan_table", year=view.year))
    columns = [("kecamatan", "dash.col.kecamatan", "text"), ("jumlah_inovasi", "col.innovations", "count"),
               ("jumlah_dihitung", "kpi.counting", "count"), ("jumlah_baru", "dash.col.new", "count")]
    if "perubahan" in nine:
        columns.append(("perubahan", "dash.col.change", "count"))
    dashboard.table(nine, columns, key="kecamatan_table")
    st.info(t("dash.kecamatan_pick_help"), icon=":material/touch_app:")


def detail(view: dashboard.View, everywhere: Indicators, kecamatan: str) -> None:
    """One kecamatan: its figures, the units located there, the innovations carried out there."""
    lang = view.lang
    here = dashboard.indicators(view)
    st.subheader(t("dash.kecamatan_detail", kecamatan=charts.value_label("kecamatan", kecamatan, lang),
                   year=view.year))
    units_here = figures.units_in_kecamatan(everywhere, dashboard.units(view), kecamatan)
    a, b, c = st.columns(3)
    a.metric(t("kpi.innovations"), charts.number(here.ringkasan["jumlah_inovasi"], lang), border=True)
    b.metric(t("kpi.counting"), charts.number(here.ringkasan["jumlah_dihitung"], lang), border=True)
    c.metric(t("dash.units_here_without"), charts.number(int(units_here["jumlah_dihitung"].eq(0).sum()), lang),
             border=True, help=t("dash.units_here_help"))
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{t('dash.units_here')}**")
        dashboard.table(units_here, [
            ("nama_unit", "col.unit", "text"), ("jenis_unit", "dash.col.jenis_unit", "value:jenis_unit"),
            ("jumlah_inovasi", "col.innovations", "count"), ("jumlah_dihitung", "kpi.counting", "count")],
            key="units_here")
    with right:
        st.markdown(f"**{t('dash.innovations_here')}**")
        dashboard.table(figures.innovation_list(here), [
            ("nama_inovasi", "dash.col.innovation", "text"), ("nama_unit", "col.unit", "text"),
            ("tahapan", "dash.col.tahapan", "value:tahapan"),
            ("kategori_keberlanjutan", "dash.col.category", "value:kategori")], key="innovations_here")


view = dashboard.open_page("page.kecamatan")
export_slot = st.container()  # the export panel shows here, drawn last (below)
everywhere = overview(view)
if everywhere is not None:
    if len(view.filters.kecamatan) == 1:
        detail(view, everywhere, view.filters.kecamatan[0])
    else:
        nine_table(view, everywhere)
exports.export_panel(export_slot, view, slides=("kpi", "kecamatan"), key="export_kecamatan")
