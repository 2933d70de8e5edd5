"""Daftar Unit (admin): edit names, add units, mark units inactive.

Existing codes are never removed or renamed here: submissions, accounts and the history refer to
them.  A unit that stops reporting is made inactive instead; the store's `replace_units` checks
the admin's permission and audits the change.
"""

from __future__ import annotations

import re

import streamlit as st

from analytics.access import PermissionDenied
from analytics.intake import contract
from ui import auth, common
from ui.common import escape_md, t

KODE = re.compile(r"^[a-z0-9][a-z0-9.\-]{1,63}$")

st.title(t("page.unit_list"))
st.caption(t("access.units.intro"))
if st.session_state.pop("units_saved", False):
    st.success(t("access.units.saved"), icon=":material/check_circle:")
units = common.units(common.version())
edited = st.data_editor(
    units, num_rows="add", hide_index=True, width="stretch", key="units_editor",
    column_order=["kode", "nama", "singkatan", "jenis_unit", "induk_kode", "kecamatan", "aktif"],
    column_config={
        "kode": st.column_config.TextColumn(t("col.unit") + " (kode)", required=True, max_chars=64),
        "nama": st.column_config.TextColumn(t("access.users.display_name"), required=True, max_chars=200),
        "singkatan": st.column_config.TextColumn("Singkatan", max_chars=40),
        "jenis_unit": st.column_config.SelectboxColumn("Jenis Unit", options=list(contract.JENIS_UNIT), required=True),
        "induk_kode": st.column_config.TextColumn("Induk (kode)", max_chars=64),
        "kecamatan": st.column_config.TextColumn("Kecamatan", max_chars=60),
        "aktif": st.column_config.CheckboxColumn(t("access.users.active"), default=True),
    },
)

if st.button(t("access.units.save"), type="primary", icon=":material/save:"):
    codes = edited["kode"].fillna("").astype(str).str.strip()
    missing = sorted(set(units["kode"]) - set(codes))
    bad = [kode for kode in codes if kode not in set(units["kode"]) and not KODE.match(kode)]
    if missing:
        st.error(t("access.units.missing", units=escape_md(", ".join(missing))))
    elif bad:
        st.error(t("access.units.bad_code", kode=escape_md(bad[0])))
    else:
        try:
            common.store().replace_units(edited.assign(kode=codes), actor=auth.current_actor() or "")
        except PermissionDenied as refusal:
            common.show_refusal(refusal)
        except ValueError as problem:  # clean_units: missing name, duplicate code, unknown jenis
            st.error(t("access.units.invalid", reason=escape_md(problem)))
        else:
            common.data_changed()
            # The editor's pending edits are now the stored list: drop them, or added rows would repeat.
            st.session_state.pop("units_editor", None)
            st.session_state["units_saved"] = True
            st.rerun()
