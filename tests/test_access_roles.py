"""The role matrix as pure functions: which role holds which permission, per unit where it matters."""

from __future__ import annotations

import pytest

from analytics import i18n
from analytics.access import ADMIN, KIOSK, OPERATOR, PIMPINAN, ROLE_PERMISSIONS, ROLES, Actor, Permission, check
from analytics.access.guard import as_actor
from analytics.access.passwords import check_policy, generate_password, hash_password, verify_password
from analytics.access.roles import PermissionDenied
from analytics.access.settings import OPEN, SIGNED_IN, AccessSettings
from ui import navigation

P = Permission
# Tracker issue 6, as a table: role -> what it may do (operators only for their own unit).
EXPECTED = {
    PIMPINAN: {P.VIEW_DASHBOARD, P.VIEW_PRESENTATION, P.EXPORT, P.VIEW_HISTORY},
    OPERATOR: {P.VIEW_DASHBOARD, P.STORE_SUBMISSION, P.VIEW_HISTORY, P.DECIDE_LINKS},
    ADMIN: set(Permission),
    KIOSK: {P.VIEW_PRESENTATION},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("permission", list(Permission))
def test_every_role_and_permission(role: str, permission: Permission) -> None:
    actor = Actor("someone", role, units={"opd.dinkes"})
    assert actor.can(permission) == (permission in EXPECTED[role])
    assert (permission in ROLE_PERMISSIONS[role]) == (permission in EXPECTED[role])


@pytest.mark.parametrize("permission", [P.STORE_SUBMISSION, P.VIEW_HISTORY, P.DECIDE_LINKS])
def test_operator_permissions_stop_at_their_units(permission: Permission) -> None:
    ani = Actor("ani", OPERATOR, units={"opd.dinkes", "kec.jati"})
    assert ani.can(permission, "opd.dinkes") and ani.can(permission, "kec.jati")
    assert not ani.can(permission, "opd.disdukcapil")
    with pytest.raises(PermissionDenied) as refused:
        check(ani, permission, unit="opd.disdukcapil")
    assert refused.value.code == "access.other_unit"
    assert not Actor("baru", OPERATOR).can(permission, "opd.dinkes")  # no units assigned: nothing
    assert Actor("admin", ADMIN).can(permission, "opd.disdukcapil")


def test_refusals_speak_both_languages() -> None:
    with pytest.raises(PermissionDenied) as refused:
        check(Actor("kios", KIOSK), P.RESTORE)
    error = refused.value
    assert error.code == "access.denied" and isinstance(error, PermissionError)
    assert "tidak berwenang" in error.message("id") and "may not" in error.message("en")
    assert error.message("id") in str(error) and error.message("en") in str(error)


def test_every_access_code_has_both_languages() -> None:
    codes = [code for code in i18n.MESSAGES if code.split(".")[0] in {"access", "auth", "audit"}]
    assert len(codes) > 60
    for code in codes:
        assert i18n.MESSAGES[code]["id"] and i18n.MESSAGES[code]["en"], code


def test_unknown_role_is_refused_at_construction() -> None:
    with pytest.raises(ValueError):
        Actor("x", "superuser")


def test_a_bare_name_is_the_local_admin_only_when_the_store_allows_it() -> None:
    assert as_actor("cli", strict=False).role == ADMIN
    with pytest.raises(PermissionDenied) as refused:
        as_actor("cli", strict=True)
    assert refused.value.code == "access.no_actor"
    ani = Actor("ani", OPERATOR, units={"opd.dinkes"})
    assert as_actor(ani, strict=True) is ani


def test_role_names_agree_with_the_page_registry() -> None:
    assert (navigation.PIMPINAN, navigation.OPERATOR, navigation.ADMIN, navigation.KIOSK) == \
        (PIMPINAN, OPERATOR, ADMIN, KIOSK)
    admin_pages = {p.file for p in navigation.PAGES if p.roles == frozenset({ADMIN})}
    assert admin_pages == {"views/admin_pengguna.py", "views/admin_unit.py", "views/admin_aturan.py",
                           "views/admin_audit.py", "views/admin_alias.py"}
    assert {p.file for p in navigation.PAGES if KIOSK in p.roles} == {"views/presentasi.py"}


@pytest.mark.parametrize(("value", "mode"), [("", OPEN), ("open", OPEN), ("signed-in", SIGNED_IN),
                                             ("SIGNED-IN", SIGNED_IN), ("signedin", SIGNED_IN), ("yes", SIGNED_IN)])
def test_any_auth_setting_but_open_fails_closed(monkeypatch: pytest.MonkeyPatch, value: str, mode: str) -> None:
    monkeypatch.setenv("KUDUS_AUTH", value)
    assert AccessSettings.from_env().mode == mode


def test_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {"KUDUS_SESSION_IDLE_MINUTES": "5", "KUDUS_SESSION_MAX_HOURS": "2",
                        "KUDUS_LOCKOUT_ATTEMPTS": "3", "KUDUS_LOCKOUT_MINUTES": "bad", "KUDUS_SSO": "header"}.items():
        monkeypatch.setenv(name, value)
    settings = AccessSettings.from_env()
    assert (settings.idle_timeout.total_seconds(), settings.max_session.total_seconds()) == (300, 7200)
    assert (settings.lockout_attempts, settings.lockout_duration.total_seconds()) == (3, 900)
    assert settings.sso == "header"
    monkeypatch.setenv("KUDUS_SSO", "saml")
    with pytest.raises(ValueError):
        AccessSettings.from_env()


def test_password_hashes_are_argon2id_and_the_policy_holds() -> None:
    stored = hash_password("Kudus-kota-kretek")
    assert stored.startswith("$argon2id$") and "Kudus" not in stored
    assert verify_password(stored, "Kudus-kota-kretek")
    assert not verify_password(stored, "kudus-kota-kretek")
    assert not verify_password(None, "anything")  # unknown user: still False (and as slow)
    assert not verify_password("not-a-hash", "x")
    for bad, code in (("pendek", "auth.password_short"), ("aaaaaaaaaaaa", "auth.password_simple"),
                      ("x" * 300, "auth.password_long"), ("ani.kudus.1", "auth.password_is_username")):
        with pytest.raises(PermissionDenied) as refused:
            check_policy(bad, username="ani.kudus.1")
        assert refused.value.code == code
    temporary = generate_password()
    check_policy(temporary, username="ani")
    assert len(temporary) == 19 and temporary != generate_password()
