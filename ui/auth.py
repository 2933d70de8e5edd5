"""Who is at the keyboard: open mode, the sign-in form, SSO (st.login or a proxy header), sign-out.

Each run turns the session's token back into an account through the store (`Sessions.resume`), so
the role is whatever the accounts table says *now*.  `st.session_state` holds only that random
token: editing session state cannot raise a role, and a forged token names no session.
"""

from __future__ import annotations

import streamlit as st

from analytics.access import Actor, Permission, PermissionDenied
from analytics.access.settings import SSO_HEADER, SSO_OIDC, AccessSettings
from analytics.store.accounts import fold_username
from analytics.store.sessions import SignedIn, SignInRefused
from ui import common
from ui.common import escape_md, t

TOKEN_KEY = "_kudus_session_token"
NOTICE_KEY = "_kudus_auth_notice"  # a refusal to show once on the sign-in form (display only)
SSO_REFUSED_KEY = "_kudus_sso_refused"  # the SSO identity already refused in this browser session


def settings() -> AccessSettings:
    return AccessSettings.from_env()


def identify() -> SignedIn | None:
    """The person using this browser session, re-read from the store on every run; None when
    signed-in mode has nobody signed in (the caller shows the sign-in page)."""
    config = settings()
    if not config.signed_in:
        return SignedIn(Actor.local_admin(config.open_user, via="open"), config.open_user, token="")
    sessions = common.store().sessions
    identity = _sso_identity(config)
    token = st.session_state.get(TOKEN_KEY)
    if isinstance(token, str) and token:
        try:
            signed = sessions.resume(token)
        except SignInRefused as refusal:
            st.session_state[NOTICE_KEY] = refusal
            signed = None
        if signed is not None and signed.actor.via in {SSO_OIDC, SSO_HEADER} and signed.identity != identity:
            sessions.sign_out(token)  # the proxy or identity provider now vouches for someone else
            signed = None
        if signed is not None:
            return signed
        st.session_state.pop(TOKEN_KEY, None)
    if identity and st.session_state.get(SSO_REFUSED_KEY) != identity:
        try:
            signed = sessions.sign_in_trusted(identity, via=config.sso)
        except SignInRefused as refusal:
            st.session_state[SSO_REFUSED_KEY] = identity
            st.session_state[NOTICE_KEY] = refusal
            return None
        st.session_state[TOKEN_KEY] = signed.token
        st.session_state.pop(NOTICE_KEY, None)  # e.g. "session ended": the provider signed us back in
        return signed
    return None


def _sso_identity(config: AccessSettings) -> str:
    """The identity vouched for outside the app, folded; "" when none.

    oidc: st.login's identity token, matched by e-mail.  header: the reverse proxy's user header,
    which `server.trustedUserHeaders` copies into st.user under `config.sso_user_key`.
    """
    try:
        user = st.user.to_dict()
    except Exception:  # noqa: BLE001 - no script context or no user info: nobody is vouched for
        return ""
    if config.sso == SSO_OIDC and user.get("is_logged_in"):
        return fold_username(str(user.get("email") or ""))
    if config.sso == SSO_HEADER:
        return fold_username(str(user.get(config.sso_user_key) or ""))
    return ""


def current_actor() -> Actor | None:
    """Who is using this browser session, re-read from the store on every call: the local admin
    in open mode, the signed-in account, or None before signing in."""
    signed = identify()
    return None if signed is None else signed.actor


def current_role() -> str:
    """The role of `current_actor()` ("" before signing in)."""
    who = current_actor()
    return "" if who is None else who.role


def may(permission: Permission | str, unit: str | None = None) -> bool:
    """For showing or hiding a control; the store checks the write itself again."""
    who = current_actor()
    return who is not None and who.can(permission, unit)


# ---- pages and sidebar --------------------------------------------------------------------------
def sign_in_page() -> None:
    """The only page of signed-in mode before signing in."""
    config = settings()
    st.title(t("auth.title"))
    st.caption(t("auth.intro"))
    notice = st.session_state.pop(NOTICE_KEY, None)
    if isinstance(notice, PermissionDenied):
        common.show_refusal(notice, quiet=notice.code in {"auth.session_expired", "auth.password_changed"})
    if config.sso == SSO_OIDC:
        st.button(t("auth.sso_button"), type="primary", icon=":material/key:",
                  on_click=lambda: st.login(config.sso_provider) if config.sso_provider else st.login())
    elif config.sso == SSO_HEADER:
        st.info(t("auth.sso_waiting"), icon=":material/vpn_key:")
    if config.password_sign_in:
        _password_form()


def _password_form() -> None:
    with st.form("sign_in", clear_on_submit=True):
        username = st.text_input(t("auth.username"), max_chars=254, autocomplete="username")
        password = st.text_input(t("auth.password"), type="password", max_chars=256,
                                 autocomplete="current-password")
        submitted = st.form_submit_button(t("auth.submit"), type="primary", icon=":material/login:")
    if not submitted:
        return
    try:
        signed = common.store().sessions.sign_in(username, password)
    except SignInRefused as refusal:
        common.show_refusal(refusal)
        return
    st.session_state[TOKEN_KEY] = signed.token
    st.rerun()


def sidebar(signed: SignedIn) -> None:
    """Who is signed in, their units, password change and sign-out; or the open-mode banner."""
    actor = signed.actor
    if actor.via == "open":
        st.sidebar.info(t("auth.open_banner", name=escape_md(actor.name)), icon=":material/lock_open:")
        return
    role = t(f"access.role.{actor.role}")
    st.sidebar.markdown(t("auth.signed_in_as", name=escape_md(signed.label), role=escape_md(role)))
    if actor.units:
        names = common.units(common.version()).set_index("kode")["nama"]
        st.sidebar.caption(escape_md(t("auth.units_of", units=", ".join(names.get(k, k) for k in sorted(actor.units)))))
    if actor.via == "password":
        with st.sidebar.popover(t("auth.change_password"), icon=":material/password:"):
            _change_password(signed)
    st.sidebar.button(t("auth.sign_out"), icon=":material/logout:", on_click=sign_out, args=(actor.via,))


def _change_password(signed: SignedIn) -> None:
    with st.form("change_password", clear_on_submit=True):
        current = st.text_input(t("auth.current_password"), type="password", max_chars=256)
        new = st.text_input(t("auth.new_password"), type="password", max_chars=256)
        again = st.text_input(t("auth.repeat_password"), type="password", max_chars=256)
        if not st.form_submit_button(t("auth.change_password")):
            return
    if new != again:
        st.error(t("auth.password_mismatch"))
        return
    store = common.store()
    try:
        store.sessions.check_password(signed.actor.name, current)  # counts failures like a sign-in
        store.accounts.set_password(signed.actor.name, new, actor=signed.actor)
    except PermissionDenied as refusal:
        common.show_refusal(refusal)
        return
    st.session_state.pop(TOKEN_KEY, None)
    st.session_state[NOTICE_KEY] = SignInRefused("auth.password_changed")
    st.rerun()


def sign_out(via: str = "password") -> None:
    """End the session in the store (and at the identity provider for OIDC)."""
    token = st.session_state.pop(TOKEN_KEY, None)
    if token:
        common.store().sessions.sign_out(token)
    if via == SSO_OIDC:
        st.logout()
