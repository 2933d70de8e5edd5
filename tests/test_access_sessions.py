"""Signing in, brute-force lockout, sessions that time out and follow account changes, SSO mapping —
on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from access_helpers import OWN_UNIT, PASSWORDS, make_people

from analytics.access import ADMIN, KIOSK, OPERATOR, PIMPINAN
from analytics.access.settings import AccessSettings
from analytics.store import Store
from analytics.store import frames as store_rows
from analytics.store.sessions import Sessions, SignInRefused

SETTINGS = AccessSettings(mode="signed-in", lockout_attempts=3, lockout_duration=timedelta(minutes=10),
                          idle_timeout=timedelta(minutes=30), max_session=timedelta(hours=8))


@pytest.fixture
def sessions(store: Store) -> Sessions:
    make_people(store, with_passwords=True)
    return Sessions(store, SETTINGS)


def refused(code: str):
    """pytest.raises for a SignInRefused with this code."""
    class _Check:
        def __enter__(self):
            self.raises = pytest.raises(SignInRefused)
            self.info = self.raises.__enter__()
            return self.info

        def __exit__(self, *exc):
            result = self.raises.__exit__(*exc)
            assert self.info.value.code == code, self.info.value.code
            return result
    return _Check()


def test_sign_in_by_name_or_email_and_the_role_comes_from_the_account(sessions: Sessions) -> None:
    signed = sessions.sign_in("  ANI ", PASSWORDS["ani"])
    assert (signed.actor.name, signed.actor.role, signed.actor.units) == ("ani", OPERATOR, frozenset({OWN_UNIT}))
    assert signed.label == "Ani" and len(signed.token) >= 40
    assert sessions.resume(signed.token).actor == signed.actor
    event = sessions.store.audit_log(limit=1).iloc[0]
    assert (event["actor"], event["action"], event["outcome"]) == ("ani", "auth.login", "ok")


def test_wrong_password_and_unknown_user_say_the_same_and_are_audited(sessions: Sessions) -> None:
    version = sessions.store.data_version()
    with refused("auth.bad_credentials"):
        sessions.sign_in("ani", "salah-sekali-1")
    with refused("auth.bad_credentials"):
        sessions.sign_in("siapa", "salah-sekali-1")
    log = sessions.store.audit_log(limit=2)
    assert log["action"].tolist() == ["auth.login", "auth.login"] and set(log["outcome"]) == {"failed"}
    assert [json.loads(d)["reason"] for d in log["detail"]] == ["unknown_user", "bad_password"]
    assert sessions.store.data_version() == version  # guesses never drop the dashboard's caches


def test_brute_force_locks_the_account_and_is_audited(sessions: Sessions) -> None:
    now = store_rows.utcnow()
    for _ in range(SETTINGS.lockout_attempts - 1):
        with refused("auth.bad_credentials"):
            sessions.sign_in("ani", "tebakan-salah-1", now=now)
    with refused("auth.locked") as locked:
        sessions.sign_in("ani", "tebakan-salah-1", now=now)
    assert locked.value.params == {"minutes": 10}
    with refused("auth.locked"):  # even the right password, while locked
        sessions.sign_in("ani", PASSWORDS["ani"], now=now + timedelta(minutes=5))
    log = sessions.store.audit_log()
    assert ((log["action"] == "auth.lockout") & (log["actor"] == "ani") & (log["outcome"] == "locked")).sum() == 1
    assert ((log["action"] == "auth.login") & (log["outcome"] == "failed")).sum() == SETTINGS.lockout_attempts
    assert ((log["action"] == "auth.login") & (log["outcome"] == "locked")).sum() == 1
    assert sessions.accounts.frame().set_index("username").at["ani", "locked_until"] is not None
    signed = sessions.sign_in("ani", PASSWORDS["ani"], now=now + timedelta(minutes=11))  # the lock runs out
    assert signed.actor.name == "ani"


def test_an_admin_unlocks_and_a_password_reset_unlocks_too(sessions: Sessions) -> None:
    admin = sessions.accounts.get("admin").actor("password")
    for _ in range(SETTINGS.lockout_attempts):
        with pytest.raises(SignInRefused):
            sessions.sign_in("ani", "tebakan-salah-1")
    sessions.accounts.unlock("ani", actor=admin)
    assert sessions.sign_in("ani", PASSWORDS["ani"]).actor.name == "ani"
    assert sessions.store.audit_log()["action"].tolist().count("account.unlock") == 1


def test_sessions_end_after_idle_time_or_max_age_except_kiosk_idle(sessions: Sessions) -> None:
    start = store_rows.utcnow()
    ani = sessions.sign_in("ani", PASSWORDS["ani"], now=start)
    kiosk = sessions.sign_in("kios", PASSWORDS["kios"], now=start)
    assert sessions.resume(ani.token, now=start + timedelta(minutes=29)) is not None  # touches last_seen
    assert sessions.resume(ani.token, now=start + timedelta(minutes=58)) is not None
    with refused("auth.session_expired"):
        sessions.resume(ani.token, now=start + timedelta(minutes=58 + 31))
    assert sessions.resume(ani.token) is None  # ended for good
    assert sessions.resume(kiosk.token, now=start + timedelta(hours=7)).actor.role == KIOSK  # a wall screen
    with refused("auth.session_expired"):
        sessions.resume(kiosk.token, now=start + timedelta(hours=8, minutes=1))
    expired = sessions.store.audit_log(limit=3)
    assert expired["action"].tolist()[:1] == ["auth.session_expired"]
    assert {json.loads(d)["reason"] for d in expired["detail"][expired["action"] == "auth.session_expired"]} == \
        {"idle", "max_age"}


def test_a_forged_or_ended_token_names_no_session(sessions: Sessions) -> None:
    ani = sessions.sign_in("ani", PASSWORDS["ani"])
    for forged in ("", "x", ani.token + "x", ani.token[:-1], "A" * 500):
        assert sessions.resume(forged) is None
    sessions.sign_out(ani.token)
    assert sessions.resume(ani.token) is None
    assert sessions.store.audit_log(limit=1)["action"].iloc[0] == "auth.logout"


def test_a_changed_role_applies_at_once_and_disabling_ends_sessions(sessions: Sessions) -> None:
    admin = sessions.accounts.get("admin").actor("password")
    pimpinan = sessions.sign_in("pimpinan", PASSWORDS["pimpinan"])
    sessions.accounts.update("pimpinan", role=OPERATOR, units=[OWN_UNIT], actor=admin)
    assert sessions.resume(pimpinan.token) is None  # rights changed: sign in again
    again = sessions.sign_in("pimpinan", PASSWORDS["pimpinan"])
    assert again.actor.role == OPERATOR
    sessions.accounts.update("pimpinan", active=False, actor=admin)
    assert sessions.resume(again.token) is None
    with refused("auth.inactive"):
        sessions.sign_in("pimpinan", PASSWORDS["pimpinan"])


def test_changing_a_password_ends_the_other_sessions(sessions: Sessions) -> None:
    first = sessions.sign_in("ani", PASSWORDS["ani"])
    sessions.check_password("ani", PASSWORDS["ani"])
    with refused("auth.bad_credentials"):
        sessions.check_password("ani", "bukan-itu-123")
    sessions.accounts.set_password("ani", "Sandi-baru-ani-9", actor=first.actor)
    assert sessions.resume(first.token) is None
    with refused("auth.bad_credentials"):
        sessions.sign_in("ani", PASSWORDS["ani"])
    assert sessions.sign_in("ani", "Sandi-baru-ani-9").actor.name == "ani"


@pytest.mark.parametrize("via", ["oidc", "header"])
def test_sso_identities_map_to_accounts_and_their_roles(sessions: Sessions, via: str) -> None:
    admin = sessions.accounts.get("admin").actor("password")
    sessions.accounts.create("sari", role=PIMPINAN, email="Sari@kuduskab.go.id", actor=admin)
    by_mail = sessions.sign_in_trusted("sari@KUDUSKAB.go.id", via=via)
    assert (by_mail.actor.name, by_mail.actor.role, by_mail.actor.via) == ("sari", PIMPINAN, via)
    assert sessions.sign_in_trusted("admin", via=via).actor.role == ADMIN
    with refused("auth.sso_unknown") as unknown:
        sessions.sign_in_trusted("mallory@example.com", via=via)
    assert unknown.value.params == {"identity": "mallory@example.com"}
    event = sessions.store.audit_log(limit=1).iloc[0]
    assert (event["actor"], event["outcome"], json.loads(event["detail"])) == (
        "mallory@example.com", "failed", {"reason": "unknown_identity", "via": via})
    with refused("auth.bad_credentials"):  # an SSO-only account has no password to guess
        sessions.sign_in("sari", "")
