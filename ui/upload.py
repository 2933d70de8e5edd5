"""The upload flow: template download, checking many workbooks, storing those that passed."""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
import streamlit as st

from analytics import i18n
from analytics.access import Permission, PermissionDenied
from analytics.intake.ingest import store_result
from analytics.intake.model import WorkbookResult
from analytics.intake.template import template_bytes
from analytics.intake.validation import issues_frame, validate_workbook
from ui import auth, common, dashboard
from ui.common import escape_md, t


@st.cache_data(show_spinner=False, max_entries=32)
def _template(unit: str | None, tahun: int, version: common.DataVersion) -> bytes:
    return template_bytes(unit=unit, tahun=tahun, units=common.units(version))


def template_section() -> None:
    st.subheader(t("upload.template_header"))
    names = common.units(common.version())
    names = names[names["aktif"]]["nama"].tolist()
    left, right = st.columns([3, 1])
    unit = left.selectbox(t("upload.template_unit"), [None, *names], format_func=lambda n: n or "—")
    this_year = dt.date.today().year
    tahun = right.number_input(t("upload.template_year"), 2015, this_year + 1, this_year, step=1)
    file_name = f"templat-inovasi-{tahun}{'-' + unit if unit else ''}.xlsx".replace(" ", "-")
    st.download_button(t("upload.template_download"), _template(unit, int(tahun), common.version()),
                       file_name=file_name, icon=":material/download:",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


# The template is .xlsx; the national IID application's export also comes as .csv; offices still
# send .xls and .ods (read through calamine with the same checks).
ACCEPTED_TYPES = ("xlsx", "xlsm", "xls", "ods", "csv")


def iid_year_picker(where) -> int:
    """The year of an IID export among the files (an export is a snapshot and carries none)."""
    this_year = dt.date.today().year
    return int(where.number_input(t("upload.iid_year"), 2015, this_year + 1, this_year, step=1, key="iid_year",
                                  help=t("upload.iid_year_help")))


def check_files(uploads: list, iid_year: int | None = None) -> list[WorkbookResult]:
    """Validate each uploaded file once per content (results kept in the session by hash)."""
    checked: dict[str, WorkbookResult] = st.session_state.setdefault("checked", {})
    store = common.store()
    directory = store.unit_directory()  # the unit list and every alias in force
    progress = st.progress(0.0)
    results = []
    for i, upload in enumerate(uploads, start=1):
        data = upload.getvalue()
        key = f"{hashlib.sha256(data).hexdigest()}:{upload.name}:{common.version()}:{iid_year}"
        progress.progress(i / len(uploads), t("upload.checking", name=escape_md(upload.name), i=i, n=len(uploads)))
        if key not in checked:
            checked[key] = validate_workbook(data, upload.name, directory, roster=store.roster, tahun=iid_year)
        results.append(checked[key])
    progress.empty()
    return results


def summary_frame(results: list[WorkbookResult]) -> pd.DataFrame:
    names = common.units(common.version()).set_index("kode")["nama"]
    rows = []
    for r in results:
        rows.append({
            t("col.file"): r.file_name,
            t("upload.source"): t(f"upload.source.{r.sumber}"),
            t("col.status"): t("upload.file_ok") if r.ok else t("upload.file_error"),
            t("col.unit"): "; ".join(dict.fromkeys(names.get(s.unit_kode, s.unit_kode) for s in r.submissions)),
            t("col.year"): ", ".join(str(y) for y in dict.fromkeys(s.tahun for s in r.submissions)),
            t("col.innovations"): sum(s.count("innovations") for s in r.submissions),
            t("col.officials"): sum(s.count("officials") for s in r.submissions),
            t("col.errors"): len(r.errors),
            t("col.warnings"): len(r.warnings),
        })
    return pd.DataFrame(rows)


def show_report(results: list[WorkbookResult]) -> None:
    st.subheader(t("upload.report_header"))
    ok = sum(r.ok for r in results)
    errors = sum(len(r.errors) for r in results)
    warnings = sum(len(r.warnings) for r in results)
    (st.success if ok == len(results) else st.warning)(
        t("upload.summary", ok=ok, n=len(results), errors=errors, warnings=warnings))
    st.dataframe(summary_frame(results), hide_index=True, width="stretch")
    for result in sorted(results, key=lambda r: r.ok):
        if not result.issues:
            continue
        counts = f"{len(result.errors)} {t('col.errors').lower()}, {len(result.warnings)} {t('col.warnings').lower()}"
        icon = ":material/warning:" if result.ok else ":material/error:"
        with st.expander(f"{escape_md(result.file_name)}: {counts}", expanded=not result.ok, icon=icon):
            st.dataframe(issue_table(result), hide_index=True, width="stretch")


def issue_table(result: WorkbookResult) -> pd.DataFrame:
    table = issues_frame([result], common.lang()).drop(columns=["file", "code"])
    table["severity"] = table["severity"].map(lambda s: t(f"severity.{s}"))
    table["row"] = table["row"].astype("Int64")
    return table.rename(columns={"severity": t("col.severity"), "sheet": t("col.sheet"), "row": t("col.row"),
                                 "column": t("col.column"), "value": t("col.value"),
                                 "message": t("col.message")})


def store_section(results: list[WorkbookResult]) -> None:
    passed = [r for r in results if r.ok]
    if not passed:
        st.error(t("upload.nothing_to_store"))
        return
    warn_other_units(passed)
    if st.button(t("upload.store_button", n=len(passed)), type="primary", icon=":material/save:"):
        st.session_state["stored"] = store_passed(passed)
    if st.session_state.get("stored"):
        st.subheader(t("upload.stored_header"))
        for kind, message in st.session_state["stored"]:
            {"unchanged": st.info, "refused": st.error}.get(kind, st.success)(message)


def warn_other_units(passed: list[WorkbookResult]) -> None:
    """Say before storing which files hold units this operator is not assigned to (the store
    refuses them anyway, and audits the attempt)."""
    who = auth.current_actor()
    names = common.units(common.version()).set_index("kode")["nama"]
    for result in passed:
        foreign = sorted({s.unit_kode for s in result.submissions
                          if who is None or not who.can(Permission.STORE_SUBMISSION, s.unit_kode)})
        if foreign:
            st.warning(t("access.upload_other_unit", file=escape_md(result.file_name),
                         units=escape_md(", ".join(names.get(k, k) for k in foreign))), icon=":material/block:")


def store_passed(passed: list[WorkbookResult]) -> list[tuple[str, str]]:
    """Store each passed file as the signed-in actor; a file the store refuses stores nothing."""
    store, who = common.store(), auth.current_actor()
    names = common.units(common.version()).set_index("kode")["nama"]
    progress = st.progress(0.0)
    messages = []
    for i, result in enumerate(passed, start=1):
        progress.progress(i / len(passed), t("upload.storing", name=escape_md(result.file_name), i=i, n=len(passed)))
        try:
            stored_all = store_result(result, store, actor=who or "")
        except PermissionDenied as refusal:
            params = {key: escape_md(value) for key, value in refusal.params.items()}
            reason = i18n.t(refusal.code, common.lang(), **params)
            messages.append(("refused", f"{escape_md(result.file_name)}: {reason}"))
            continue
        for stored in stored_all:
            unit = escape_md(names.get(stored.unit_kode, stored.unit_kode))
            messages.append((stored.action, stored.message(common.lang(), unit)))
    progress.empty()
    common.data_changed()
    dashboard.warm_up()
    return messages
