"""Pengguna (admin): the accounts, creating them, changing role and units, resetting passwords.

Only admins reach this page (ui.navigation); every button below still goes through the store's
permission check, so a stale page in another role's session could not change an account.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.access import ROLES, PermissionDenied
from analytics.access.passwords import generate_password
from ui import auth, common
from ui.common import escape_md, t

st.title(t("page.users"))
store, who = common.store(), auth.current_actor()
accounts = store.accounts.frame()
units = common.units(common.version())
unit_names = units.set_index("kode")["nama"].to_dict()


def role_name(role: str) -> str:
    return t(f"access.role.{role}")


def done(message: str) -> None:
    """Keep the outcome (it may hold a password shown once) over the rerun that refreshes the table."""
    st.session_state["users_outcome"] = message
    st.rerun()


def attempt(action, *args, **kwargs) -> bool:
    try:
        action(*args, **kwargs)
    except PermissionDenied as refusal:
        common.show_refusal(refusal)
        return False
    return True


if outcome := st.session_state.pop("users_outcome", None):
    st.success(outcome, icon=":material/check_circle:")

table = accounts.assign(
    email=accounts["email"].fillna(""),
    role=accounts["role"].map(role_name),
    units=accounts["units"].map(lambda codes: "; ".join(unit_names.get(k, k) for k in codes.split("; ") if k)),
    locked_until=common.local_time(accounts["locked_until"]),
    last_login_at=common.local_time(accounts["last_login_at"]),
)[["username", "display_name", "email", "role", "units", "active", "locked_until", "last_login_at"]]
st.subheader(t("access.users.table"))
st.dataframe(table.rename(columns={
    "username": t("access.users.username"), "display_name": t("access.users.display_name"),
    "email": t("access.users.email_col"), "role": t("access.users.role"), "units": t("access.users.units"),
    "active": t("access.users.active"), "locked_until": t("access.users.locked"),
    "last_login_at": t("access.users.last_login")}), hide_index=True, width="stretch")

active_units = sorted(units.loc[units["aktif"], "kode"])
create, edit = st.tabs([t("access.users.create"), t("access.users.edit")])
with create, st.form("create_account", clear_on_submit=True):
    left, right = st.columns(2)
    username = left.text_input(t("access.users.username"), max_chars=64)
    display_name = right.text_input(t("access.users.display_name"), max_chars=120)
    email = left.text_input(t("access.users.email"), max_chars=254)
    role = right.selectbox(t("access.users.role"), ROLES, format_func=role_name)
    chosen = st.multiselect(t("access.users.units"), active_units, format_func=lambda k: unit_names.get(k, k),
                            placeholder=t("access.users.pick_units"))
    sso_only = st.checkbox(t("access.users.sso_only"))
    if st.form_submit_button(t("access.users.create"), type="primary", icon=":material/person_add:"):
        password = None if sso_only else generate_password()
        if attempt(store.accounts.create, username, role=role, actor=who or "", password=password,
                   units=chosen, display_name=display_name, email=email.strip() or None):
            name = escape_md(username.strip().lower())
            done(t("access.users.created_sso", username=name) if sso_only
                 else t("access.users.created", username=name, password=password))

with edit:
    if accounts.empty:
        st.caption("—")
        st.stop()
    pick = st.selectbox(t("access.users.pick"), accounts["username"].tolist(), key="account_pick")
    record = store.accounts.get(pick)
    if record is None:
        st.stop()
    with st.form(f"edit_account_{record.id}"):
        left, right = st.columns(2)
        new_name = left.text_input(t("access.users.display_name"), value=record.display_name, max_chars=120)
        new_email = right.text_input(t("access.users.email"), value=record.email or "", max_chars=254)
        new_role = left.selectbox(t("access.users.role"), ROLES, index=ROLES.index(record.role), format_func=role_name)
        new_active = right.checkbox(t("access.users.active"), value=record.active)
        options = sorted(set(active_units) | set(record.units))
        new_units = st.multiselect(t("access.users.units"), options, default=sorted(record.units),
                                   format_func=lambda k: unit_names.get(k, k), placeholder=t("access.users.pick_units"))
        if st.form_submit_button(t("access.users.save"), type="primary", icon=":material/save:") and attempt(
                store.accounts.update, record.username, actor=who or "", role=new_role, units=new_units,
                display_name=new_name, email=new_email.strip() or None, active=new_active):
            done(t("access.users.saved", username=escape_md(record.username)))
    left, right = st.columns(2)
    if left.button(t("access.users.reset"), icon=":material/lock_reset:"):
        password = generate_password()
        if attempt(store.accounts.set_password, record.username, password, actor=who or ""):
            done(t("access.users.reset_done", username=escape_md(record.username), password=password))
    now = pd.Timestamp.now("UTC").tz_localize(None)
    locked = record.locked_until is not None and pd.Timestamp(record.locked_until) > now
    if right.button(t("access.users.unlock"), icon=":material/lock_open:", disabled=not locked) and attempt(
            store.accounts.unlock, record.username, actor=who or ""):
        done(t("access.users.unlocked", username=escape_md(record.username)))
