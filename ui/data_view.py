"""The Data page's parts: stored reports with their history and restore, the innovations table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import i18n
from analytics.access import Permission
from analytics.exports import innovations_for_export, to_csv_bytes, to_excel_bytes
from ui import common
from ui.common import escape_md, t


def submissions_table(history: pd.DataFrame) -> pd.DataFrame:
    table = history[["submission_id", "unit_nama", "tahun", "is_current", "file_name", "uploaded_by",
                     "uploaded_at", "innovations", "officials", "source", "content_hash"]].copy()
    table["content_hash"] = table["content_hash"].str[:12]
    table["uploaded_at"] = common.local_time(table["uploaded_at"])
    table["source"] = table["source"].map(lambda s: t(f"source.{s}") if f"source.{s}" in i18n.MESSAGES else s)
    return table.rename(columns={
        "submission_id": t("col.version"), "unit_nama": t("col.unit"), "tahun": t("col.year"),
        "is_current": t("col.current"), "file_name": t("col.file"), "uploaded_by": t("col.uploaded_by"),
        "uploaded_at": t("col.uploaded_at"), "innovations": t("col.innovations"),
        "officials": t("col.officials"), "source": t("col.source"), "content_hash": t("col.hash")})


def filtered_history() -> pd.DataFrame:
    """The stored versions this reader may see (an operator: only their own units), filtered."""
    history = common.history(common.version())
    who = common.actor()
    if who is not None and not who.all_units():
        history = history[history["unit_kode"].isin(who.units)]
    left, middle, right = st.columns([3, 1, 1])
    units = sorted(history["unit_nama"].dropna().unique())
    unit = left.selectbox(t("data.filter_unit"), [None, *units], format_func=lambda u: u or t("data.all"))
    years = sorted(history["tahun"].unique(), reverse=True)
    year = middle.selectbox(t("data.filter_year"), [None, *years], format_func=lambda y: str(y) if y else t("data.all"))
    current_only = right.toggle(t("data.current_only"), value=False)
    if unit:
        history = history[history["unit_nama"] == unit]
    if year:
        history = history[history["tahun"] == year]
    if current_only:
        history = history[history["is_current"]]
    return history


def restore_section(history: pd.DataFrame) -> None:
    if not common.may(Permission.RESTORE):
        return
    st.markdown(f"**{t('data.restore_header')}**")
    earlier = history[~history["is_current"]]
    if earlier.empty:
        st.caption(t("data.restore_none"))
        return
    labels = {row.submission_id: f"#{row.submission_id} · {row.unit_nama} {row.tahun} · {row.file_name} · "
                                 f"{common.local_time(pd.Series([row.uploaded_at])).iloc[0]:%d/%m/%Y %H:%M}"
              for row in earlier.itertuples()}
    chosen = st.selectbox(t("data.restore_pick"), list(labels), format_func=labels.get)
    if st.button(t("data.restore_button"), icon=":material/restore:"):
        result = common.store().restore(int(chosen), actor=common.actor() or "")
        common.data_changed()
        st.success(result.message(common.lang(), escape_md(result.unit_kode)))
        st.rerun()


def innovations_section() -> None:
    version = common.version()
    table = innovations_for_export(common.innovations(version), common.units(version))
    years = sorted(table["Tahun"].unique(), reverse=True)
    year = st.selectbox(t("data.filter_year"), [None, *years], format_func=lambda y: str(y) if y else t("data.all"),
                        key="innovations_year")
    if year:
        table = table[table["Tahun"] == year]
    if table.empty:
        st.info(t("data.empty_filter"))
        return
    st.caption(t("data.rows", n=f"{len(table):,}".replace(",", ".")))
    st.dataframe(table, hide_index=True, width="stretch", column_config={
        "Tahun": st.column_config.NumberColumn(format="%d"),
        "Tanggal Uji Coba": st.column_config.DateColumn(format="DD/MM/YYYY"),
        "Tanggal Penerapan": st.column_config.DateColumn(format="DD/MM/YYYY"),
        "Anggaran Tahun Berjalan (Rp)": st.column_config.NumberColumn(format="localized"),
        "Tautan Bukti": st.column_config.LinkColumn(),
    })
    if not common.may(Permission.EXPORT):
        return
    left, right = st.columns(2)
    # Files are built only when clicked (deferred callables): 50,000 rows cost seconds to write.
    detail = {"year": None if year is None else int(year), "rows": len(table)}
    left.download_button(t("data.download_xlsx"),
                         common.audited_download(lambda: to_excel_bytes(table, "Inovasi"), what="innovations.xlsx",
                                                 detail=detail),
                         "inovasi-kudus.xlsx", icon=":material/grid_on:", on_click="ignore")
    right.download_button(t("data.download_csv"),
                          common.audited_download(lambda: to_csv_bytes(table), what="innovations.csv", detail=detail),
                          "inovasi-kudus.csv", icon=":material/description:", on_click="ignore")
