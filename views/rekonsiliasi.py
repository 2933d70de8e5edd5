"""Rekonsiliasi IID: a unit's own reports against the national IID application, per unit."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.access import Permission
from analytics.exports import RECONCILE_HEADERS, RECONCILE_KATEGORI, SUMBER_LABELS
from analytics.lifecycle.reconcile import KATEGORI
from ui import auth, common, reconcile
from ui.common import t

st.title(t("page.reconcile"))
st.caption(t("iid.rec.intro"))
version = common.version()
years = reconcile.iid_years(version) or sorted(common.store().years(), reverse=True)
if not years:
    st.info(t("iid.rec.no_iid", year="—"))
    st.stop()
year = st.selectbox(t("iid.rec.year"), years, key="rec_year")
if year not in reconcile.iid_years(version):
    st.info(t("iid.rec.no_iid", year=year))
found = reconcile.findings(int(year), version)

columns = st.columns(len(KATEGORI))
for column, kategori in zip(columns, KATEGORI):
    column.metric(t(f"iid.rec.metric.{kategori}"), int((found["kategori"] == kategori).sum()))

units = sorted(found["nama_unit"].unique())
chosen = st.selectbox(t("iid.rec.unit"), [None, *units], format_func=lambda u: u or t("iid.rec.all_units"),
                      key="rec_unit")
shown = found if chosen is None else found[found["nama_unit"] == chosen]
if shown.empty:
    st.success(t("iid.rec.nothing"))
else:
    table = shown.assign(kategori=shown["kategori"].map(RECONCILE_KATEGORI))[list(RECONCILE_HEADERS)]
    text = [c for c in table.columns if table[c].dtype == object or pd.api.types.is_string_dtype(table[c])]
    table[text] = table[text].fillna("")
    st.dataframe(table.rename(columns=RECONCILE_HEADERS), hide_index=True, width="stretch")

with st.expander(t("iid.rec.sources")):
    names = common.units(version).set_index("kode")["nama"]
    source = reconcile.sources(int(year), version)
    st.dataframe(source.assign(unit_kode=source["unit_kode"].map(names), sumber=source["sumber"].map(SUMBER_LABELS))
                 .rename(columns={"unit_kode": t("iid.rec.unit"), "sumber": t("dash.export.sumber")}),
                 hide_index=True, width="stretch")

with st.expander(t("iid.rec.maturity")):
    st.caption(t("iid.rec.maturity_note"))
    per_innovation, per_unit = reconcile.maturity(int(year), version)
    labels = {"nama_unit": t("iid.rec.unit"), "nama_inovasi": t("dash.export.nama_inovasi"),
              "rata_rata_kematangan": t("iid.rec.estimate"), "skor_kematangan": t("iid.rec.estimate"),
              "kematangan_iid": t("dash.export.kematangan_iid"), "jumlah_iid": t("iid.rec.iid_rows")}
    st.dataframe(per_unit.drop(columns="unit_kode").rename(columns=labels).round(1), hide_index=True,
                 width="stretch", key="rec_maturity_units")
    if chosen is not None:
        mine = per_innovation[per_innovation["nama_unit"] == chosen]
        st.dataframe(mine.drop(columns=["unit_kode", "nama_unit"]).rename(columns=labels).round(1),
                     hide_index=True, width="stretch", key="rec_maturity_innovations")

if auth.may(Permission.EXPORT):  # the lists go out to the offices: only roles that may export
    who = auth.current_actor()
    left, right = st.columns(2)
    left.download_button(t("iid.rec.download"), common.audited_download(lambda: reconcile.excel(found), who=who,
                                                                            what=f"rekonsiliasi-iid-{year}.xlsx"),
                         file_name=f"rekonsiliasi-iid-{year}.xlsx", icon=":material/download:",
                         mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    right.download_button(t("iid.rec.download_iid"), common.audited_download(lambda: reconcile.iid_shape(int(year)),
                                                                              who=who, what=f"inovasi-iid-{year}.xlsx"),
                          file_name=f"inovasi-bentuk-iid-{year}.xlsx", icon=":material/table_view:",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

