"""The Data page's parts: stored reports with their history and restore, the innovations table
(filtered by the dashboard's shared filter bar, downloadable exactly as shown)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import i18n
from analytics.access import Permission
from analytics.charts import number, table_formats
from analytics.exports import INNOVATION_EXPORT_COLUMNS
from analytics.filters import years_with_data
from analytics.lifecycle import HASIL, column_labels, hasil_label
from ui import auth, common, dashboard, filters
from ui.common import escape_md, t


def submissions_table(history: pd.DataFrame) -> pd.DataFrame:
    table = history[["submission_id", "unit_nama", "tahun", "is_current", "file_name", "uploaded_by",
                     "uploaded_at", "innovations", "officials", "source", "sumber", "content_hash"]].copy()
    table["content_hash"] = table["content_hash"].str[:12]
    table["uploaded_at"] = common.local_time(table["uploaded_at"])
    table["source"] = table["source"].map(lambda s: t(f"source.{s}") if f"source.{s}" in i18n.MESSAGES else s)
    table["sumber"] = table["sumber"].map(lambda s: t(f"upload.source.{s}"))  # own report, or the IID export
    return table.rename(columns={
        "submission_id": t("col.version"), "unit_nama": t("col.unit"), "tahun": t("col.year"),
        "is_current": t("col.current"), "file_name": t("col.file"), "uploaded_by": t("col.uploaded_by"),
        "uploaded_at": t("col.uploaded_at"), "innovations": t("col.innovations"),
        "officials": t("col.officials"), "source": t("col.source"), "sumber": t("dash.export.sumber"),
        "content_hash": t("col.hash")})


def filtered_history() -> pd.DataFrame:
    """The stored versions this reader may see (an operator: only their own units), filtered."""
    history = common.history(common.version())
    who = auth.current_actor()
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
    if not auth.may(Permission.RESTORE):
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
        result = common.store().restore(int(chosen), actor=auth.current_actor() or "")
        common.data_changed()
        st.success(result.message(common.lang(), escape_md(result.unit_kode)))
        st.rerun()


def innovations_section() -> None:
    """The current innovations under the shared filter bar, downloadable exactly as shown."""
    version = common.version()
    years = years_with_data(common.history(version))
    chosen = filters.filter_bar(years=years, units=common.units(version))
    left, middle, right = st.columns([1, 1, 2])
    all_years = left.toggle(t("dash.data_all_years"), key="data_all_years", persist_state="session")
    with_lifecycle = middle.toggle(t("data.with_lifecycle"), key="data_lifecycle", help=t("data.with_lifecycle_help"))
    hasil = right.multiselect(t("life.col.hasil"), list(HASIL), format_func=lambda h: hasil_label(h, common.lang()),
                              key="data_hasil", placeholder=t("data.all"), disabled=not with_lifecycle)
    lang = common.lang()
    hasil_chosen = tuple(hasil) if with_lifecycle else None
    table = shown_innovations(version, chosen.key(), all_years, hasil_chosen, lang)
    if table.empty:
        st.info(t("dash.no_result_filtered", year=chosen.tahun) if chosen.is_filtered else t("data.empty_filter"),
                icon=":material/filter_alt_off:")
        return
    st.caption(t("data.rows", n=number(len(table), lang)))
    config = column_config(lang)
    link = headers(lang).get("Tautan Bukti", "Tautan Bukti")
    if link in table.columns and table[link].fillna("").str.contains(" ", regex=False).any():
        config[link] = st.column_config.TextColumn()  # several links in one cell: a link column would join them
    st.dataframe(table, hide_index=True, width="stretch", column_config=config)
    name = f"inovasi-kudus-{'semua-tahun' if all_years else chosen.tahun}"
    dashboard.downloads(lambda: shown_innovations(version, chosen.key(), all_years, hasil_chosen, lang), name,
                        sheet="Inovasi", detail={"year": None if all_years else chosen.tahun,
                                                 "filters": chosen.to_query(), "rows": len(table)})


def shown_innovations(version: common.DataVersion, filter_key: tuple, all_years: bool,
                      hasil: tuple[str, ...] | None, lang: str) -> pd.DataFrame:
    """The innovations table as the Data page shows it and its downloads write it (built again on
    a click from the cached reads, so a waiting session holds no copy of it; a click after another
    upload changed the data writes the table as it then is)."""
    table = dashboard.innovations_table(version, filter_key, all_years, hasil)
    if hasil is not None:
        table["hasil"] = table["hasil"].map(lambda h: hasil_label(h, lang) if isinstance(h, str) else "")
    return table.rename(columns={**headers(lang), **column_labels(lang)})


def headers(lang: str) -> dict[str, str]:
    """Template header (Indonesian, as in the workbook) -> the header in the reader's language."""
    if lang == "id":
        return {}
    # i18n with the language given, not the session's: a download builds the table outside the run
    return {header: i18n.t(f"dash.export.{key}", lang) for key, header in INNOVATION_EXPORT_COLUMNS.items()}


def column_config(lang: str) -> dict[str, object]:
    """Indonesian (or English) grouping for counts and Rupiah, day-first dates, links that open."""
    formats = table_formats(lang)
    names = {key: headers(lang).get(header, header) for key, header in INNOVATION_EXPORT_COLUMNS.items()}
    config: dict[str, object] = {names["tahun"]: st.column_config.NumberColumn(format=formats["year"]),
                                 names["tautan_bukti"]: st.column_config.LinkColumn()}
    for key, name in names.items():
        if key.startswith("tanggal_"):
            config[name] = st.column_config.DateColumn(format="DD/MM/YYYY")
        elif key.startswith("anggaran_"):
            config[name] = st.column_config.NumberColumn(format=formats["rupiah"])
        elif key.startswith("jumlah_"):
            config[name] = st.column_config.NumberColumn(format=formats["count"])
    return config
