"""Keberlanjutan: does an innovation really last?  Survival curves, stage flows over the years, the
innovations that stopped, and the check of the one-year sustainability flags against what happened.

Every figure opens into its innovations: a click on a point or bar lists them below the chart
(the Sankey, which cannot report clicks, opens a flow chosen from the list under it).
"""

from __future__ import annotations

import streamlit as st

from analytics import lifecycle as life
from analytics.charts import lifecycle as life_charts
from analytics.charts import number, percent
from ui import auth, common
from ui import lifecycle as view
from ui.common import escape_md, lang, t
from ui.navigation import pages_for

st.title(t("page.lifecycle"))
if common.store().is_empty():
    common.offer_sample(auth.current_actor())
    st.stop()
lc = view.current()
reader = lang()
st.caption(t("life.intro"))

# ---- headline -----------------------------------------------------------------------------------
summary = life.outcomes_kabupaten(lc)
timing = life.time_to_penerapan(lc).iloc[0] if len(lc.table) else None
cards = st.columns(4)
cards[0].metric(t("life.hasil.berlanjut"), number(summary["berlanjut"], reader), border=True,
                help=t("life.help.berlanjut"))
cards[1].metric(t("life.hasil.berhenti"), number(summary["berhenti"], reader), border=True,
                help=t("life.help.berhenti"))
cards[2].metric(t("life.hasil.baru"), number(summary["baru"], reader), border=True, help=t("life.help.baru"))
cards[3].metric(t("life.median_trial_to_applied"),
                number(timing["median_bulan"], reader, 1) if timing is not None else "–",
                border=True, help=t("life.help.median", tahun=number(timing["median_tahun"], reader, 1)
                                    if timing is not None else "–", n=int(timing["jumlah_bertanggal"])
                                    if timing is not None else 0))
pending = len(view.own_units(lc.linking.proposals))
if pending:
    if any(p.file == "views/tautan.py" for p in pages_for(auth.current_role())):
        st.page_link("views/tautan.py", label=t("life.pending_link", n=pending), icon=":material/link:")
    else:
        st.caption(t("life.pending", n=pending))

survive, flows, stopped, check, units = st.tabs([
    t("life.tab.survival"), t("life.tab.flows"), t("life.tab.stopped"), t("life.tab.check"), t("life.tab.units")])

# ---- survival -----------------------------------------------------------------------------------
with survive:
    curve_labels = {o: t(f"life.curves_by.{o}") for o in ("jenis_unit", "kohort")}
    by_kohort = st.segmented_control(t("life.curves_by"), list(curve_labels), default="jenis_unit",
                                     format_func=curve_labels.get, key="life_curves_by")
    if by_kohort == "kohort":
        figure = life_charts.survival_chart(life.survival(lc), by="kohort", lang=reader,
                                            title=t("life.chart_survival_kohort"))
    else:
        figure = life_charts.survival_chart(life.survival(lc, by="jenis_unit", per_kohort=False), by="jenis_unit",
                                            regency=life.survival(lc, per_kohort=False), lang=reader)
    picked = view.chart(figure, key=f"life_survival_{by_kohort}")
    st.markdown(f"**{t('life.survival_table')}**")
    st.dataframe(view.survival_table(life.survival(lc)), hide_index=True, width="stretch",
                 column_config={t("life.col.kohort"): st.column_config.NumberColumn(format="%d")})
    st.caption(t("life.survival_note"))
    if picked:
        _, kind, value, step = picked[-1][:4]
        group_name = escape_md(life_charts.group_label(kind, value, reader))  # values from a chart click
        st.markdown(f"**{t('life.opened_survival', group=group_name, k=step)}**")
        view.show_table(life_charts.point_members(lc, picked[-1]),
                        ("keadaan", "nama_unit", "nama_inovasi", "kohort", "tahun_laporan", "jalur_status", "hasil"),
                        key="life_survival_members")
    else:
        st.caption(t("life.click_hint"))

# ---- stage flows --------------------------------------------------------------------------------
with flows:
    moves = life.stage_flows(lc)
    if moves.empty:
        st.info(t("life.one_year_only"))
    else:
        st.plotly_chart(life_charts.flow_chart(moves, reader), width="stretch", key="life_flows",
                        config={"displaylogo": False})
        ranked = moves.sort_values("jumlah", ascending=False, kind="stable").reset_index(drop=True)
        flow_labels = {None: t("life.pick_flow"),
                       **{i: life_charts.flow_label(ranked.loc[i], reader) for i in ranked.index}}
        chosen = st.selectbox(t("life.open_flow"), list(flow_labels), format_func=flow_labels.get,
                              key="life_flow_pick")
        if chosen is not None:
            row = ranked.loc[chosen]
            view.show_table(life.flow_members(lc, tahun_dari=int(row["tahun_dari"]), dari=row["dari"], ke=row["ke"]),
                            view.LIFECYCLE_VIEW, key="life_flow_members")

# ---- stopped this year --------------------------------------------------------------------------
with stopped:
    years = lc.years[::-1]
    year = st.selectbox(t("life.stopped_year"), years, key="life_stopped_year") if years else None
    if year is not None:
        gone = life.stopped_in(lc, year)
        st.markdown(f"**{t('life.stopped_title', n=len(gone), tahun=year)}**")
        st.caption(t("life.stopped_help"))
        # The flags first: what was missing is what a reader looks for; the unit and the path after.
        view.show_table(gone, ("nama_inovasi", "sebab", "kategori_keberlanjutan", "skor_keberlanjutan",
                               *(f"flag_{f}" for f in view.FLAG_NAMES), "tahun_terakhir_aktif", "nama_unit",
                               "jalur_tahapan", "tahun_laporan", "hasil"), key="life_stopped")

# ---- the check of the one-year flags ------------------------------------------------------------
with check:
    table = life.flag_check(lc)
    berkelanjutan = table.loc[table["kategori_keberlanjutan"].eq("Berkelanjutan")].iloc[0]
    st.markdown(t("life.check_headline", n=int(berkelanjutan["diketahui"]),
                  berhenti=int(berkelanjutan["berhenti_kemudian"]),
                  persen=percent(berkelanjutan["porsi_berhenti_kemudian"], reader)))
    picked = view.chart(life_charts.flag_check_chart(table, reader), key="life_check")
    st.caption(t("life.check_note"))
    if picked:
        st.markdown(f"**{t('life.opened_check', kategori=escape_md(picked[-1][1]))}**")
        view.show_table(life_charts.point_members(lc, picked[-1]),
                        ("nama_unit", "nama_inovasi", "tahun", "skor_keberlanjutan", "berhenti_berikutnya",
                         "jalur_status", "hasil"), key="life_check_rows")
    else:
        st.caption(t("life.click_hint"))

# ---- per unit type and unit ---------------------------------------------------------------------
with units:
    per_type = life.outcomes_by(lc, "jenis_unit")
    picked = view.chart(life_charts.outcome_chart(per_type, by="jenis_unit", lang=reader), key="life_outcomes")
    if picked:
        _, by, value, hasil = picked[-1][:4]
        st.markdown(f"**{t('life.opened_outcome', hasil=life.hasil_label(hasil, reader), group=escape_md(value))}**")
        view.show_table(life_charts.point_members(lc, picked[-1]), view.LIFECYCLE_VIEW, key="life_outcome_members")
    else:
        st.caption(t("life.click_hint"))
    per_unit = life.outcomes_by_unit(lc, common.units(common.version()))
    per_unit = per_unit.assign(porsi_bertahan=per_unit["porsi_bertahan"] * 100)
    st.dataframe(view.labelled(per_unit, ("nama_unit", "jenis_unit", "jumlah_inovasi", "berlanjut", "berhenti", "baru",
                                          "porsi_bertahan")),
                 hide_index=True, width="stretch",
                 column_config={t("life.col.porsi_bertahan"): st.column_config.NumberColumn(format="%.0f%%")})
