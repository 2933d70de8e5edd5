"""Aturan Indikator (admin): the rules file in force, uploading a new one, its history.

A new file is checked whole by analytics.rules before it is stored (RulesVersions.set); a bad file
is refused with the key and the problem, and the rules in force stay.
"""

from __future__ import annotations

import streamlit as st

from analytics.access import PermissionDenied
from analytics.intake.workbook import safe_file_name
from analytics.rules import DEFAULT_RULES_PATH, RulesError
from ui import auth, common
from ui.common import escape_md, t

st.title(t("page.rules"))
store, who = common.store(), auth.current_actor()
versions = store.rules_versions
force = versions.in_force()
history = versions.history()

if outcome := st.session_state.pop("rules_outcome", None):
    st.success(t(f"access.rules.{outcome}"), icon=":material/check_circle:")
st.subheader(t("access.rules.in_force"))
if force.version_id is None:
    st.caption(t("access.rules.defaults"))
    text = DEFAULT_RULES_PATH.read_text(encoding="utf-8")
else:
    row = history.set_index("id").loc[force.version_id]
    when = common.local_time(history.loc[history["id"] == force.version_id, "uploaded_at"]).iloc[0]
    st.caption(t("access.rules.version", id=force.version_id, who=escape_md(row["uploaded_by"]),
                 when=f"{when:%d/%m/%Y %H:%M} WIB"))
    text = versions.content(force.version_id)
if force.error is not None:
    problem = force.error.problem_id if common.lang() == "id" else force.error.problem_en
    st.warning(t("access.rules.passed_over", error=escape_md(f"{force.error.key}: {problem}")))
with st.expander("TOML"):
    st.code(text, language="toml")  # st.code shows text verbatim, never as Markdown
st.download_button(t("access.rules.download"),
                   common.audited_download(lambda: text.encode("utf-8"), who=who, what="rules.toml"),
                   "aturan-indikator.toml", mime="application/toml", icon=":material/download:", on_click="ignore")

upload = st.file_uploader(t("access.rules.upload"), type=["toml"], key="rules_upload")
left, right = st.columns(2)
if upload is not None and left.button(t("access.rules.apply"), type="primary", icon=":material/rule:"):
    try:
        outcome, _ = versions.set(upload.getvalue().decode("utf-8"), actor=who or "",
                                  file_name=safe_file_name(upload.name))
    except UnicodeDecodeError:
        st.error(t("access.rules.not_text"))
    except RulesError as error:
        problem = error.problem_id if common.lang() == "id" else error.problem_en
        st.error(escape_md(f"{error.key}: {problem}"), icon=":material/block:")
    except PermissionDenied as refusal:
        common.show_refusal(refusal)
    else:
        common.data_changed()
        st.session_state["rules_outcome"] = outcome
        st.rerun()
if force.version_id is not None and right.button(t("access.rules.use_defaults"), icon=":material/undo:"):
    try:
        versions.use_defaults(actor=who or "")
    except PermissionDenied as refusal:
        common.show_refusal(refusal)
    else:
        common.data_changed()
        st.rerun()

if not history.empty:
    st.subheader(t("access.rules.history"))
    st.dataframe(history.assign(uploaded_at=common.local_time(history["uploaded_at"])).rename(columns={
        "id": t("col.version"), "file_name": t("col.file"), "fingerprint": t("col.hash"),
        "uploaded_by": t("col.uploaded_by"), "uploaded_at": t("col.uploaded_at"), "is_current": t("col.current")}),
        hide_index=True, width="stretch")
