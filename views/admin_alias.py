"""Alias Unit (admin): confirm once which unit a name (or IID login) as an office writes it means.

The resolver's fixed rules (analytics.intake.unit_names) read most spellings; what they cannot read is
assigned here, stored in `unit_aliases` and audited by the store (analytics.store_aliases).
"""

from __future__ import annotations

import streamlit as st

from analytics.access import PermissionDenied
from analytics.intake.units import ALIAS_LOGIN, ALIAS_NAME
from analytics.store.aliases import AliasError
from ui import auth, common
from ui.common import escape_md, t


def _write(action, done: str) -> bool:
    """Run a store write; show the refusal or the store's reason, or `done`. True when it worked."""
    try:
        action()
    except PermissionDenied as refusal:
        common.show_refusal(refusal)
    except AliasError as problem:
        st.error(t("iid.alias.invalid", reason=escape_md(problem)))
    else:
        common.data_changed()
        st.success(done)
        return True
    return False


st.title(t("page.unit_aliases"))
st.caption(t("iid.alias.intro"))
store = common.store()
units = common.units(common.version())
directory = store.unit_directory()

unknown = sorted({issue.value for result in st.session_state.get("checked", {}).values()
                  for issue in result.issues if issue.code == "unit.unknown" and issue.value})
if unknown:
    st.caption(t("iid.alias.unknown_seen"))
    picked = st.pills(t("iid.alias.unknown_seen"), unknown, label_visibility="collapsed", key="alias_seen")
    if picked:
        st.session_state["alias_written"] = picked

written = st.text_input(t("iid.alias.written"), key="alias_written", max_chars=300)
match = directory.match(written) if written.strip() else None
if match is not None:
    if match.kode:
        st.info(t("iid.alias.reads_as", unit=escape_md(directory.nama(match.kode)), rule=t(f"iid.rule.{match.rule}")))
    else:
        st.warning(t("iid.alias.not_read") + (" " + t("iid.alias.suggestions", names=escape_md(", ".join(
            match.suggestions))) if match.suggestions else ""))
    names = list(units["nama"])
    first = [n for n in match.suggestions if n in names]
    options = [*first, *(n for n in names if n not in first)]
    left, right = st.columns([3, 1])
    unit_name = left.selectbox(t("iid.alias.unit"), options, key="alias_unit")
    kind = right.radio(t("iid.alias.kind"), [ALIAS_NAME, ALIAS_LOGIN], key="alias_kind",
                       format_func=lambda k: t(f"iid.alias.kind.{k}"),
                       index=1 if match.login and written.strip() == match.login else 0)
    if st.button(t("iid.alias.confirm"), type="primary", icon=":material/done:"):
        kode = str(units.loc[units["nama"] == unit_name, "kode"].iloc[0])
        _write(lambda: store.aliases.confirm(written, kode, actor=auth.current_actor() or "", jenis=kind),
               t("iid.alias.confirmed", alias=escape_md(written), unit=escape_md(unit_name)))

st.subheader(t("iid.alias.in_force"))
aliases = store.aliases.frame()
if aliases.empty:
    st.caption(t("iid.alias.none"))
else:
    shown = aliases[["id", "jenis", "alias", "unit_nama", "dibuat_oleh", "dibuat_pada"]].assign(
        dibuat_pada=common.local_time(aliases["dibuat_pada"]))
    st.dataframe(shown, hide_index=True, width="stretch")
    chosen = st.selectbox(t("iid.alias.revoke"), list(aliases["id"]), key="alias_revoke",
                          format_func=lambda i: f"#{i} {aliases.set_index('id').at[i, 'alias']}")
    if st.button(t("iid.alias.revoke"), icon=":material/undo:"):
        _write(lambda: store.aliases.revoke(int(chosen), actor=auth.current_actor() or ""),
               t("iid.alias.revoked", id=int(chosen)))
