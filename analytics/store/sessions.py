"""Signing in (password or SSO), lockout after repeated failures, and server-side sessions.

Why sessions live in the database: the browser session keeps only a random token, and every run
of the app turns that token back into an account and re-reads the role and units from the
accounts table.  Nothing the browser or `st.session_state` holds can therefore raise a role, an
admin's change of role takes effect on the next click, and a timeout is enforced where it cannot
be edited away.

Sign-in events are audited without bumping the data version (`bump_version=False`): they change no
data, and a password guesser must not be able to drop the dashboard's caches with every guess.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, insert, select, update

from analytics.access import passwords
from analytics.access.roles import KIOSK, Actor, PermissionDenied
from analytics.access.settings import AccessSettings
from analytics.store import frames
from analytics.store.accounts import AccountRecord, Accounts, fold_username
from analytics.store.core import StoreCore
from analytics.store.schema import accounts, auth_sessions

TOUCH_EVERY = timedelta(seconds=60)  # last_seen_at is written at most this often per session


class SignInRefused(PermissionDenied):
    """Sign-in or session refused; `code` is an "auth." catalogue code."""


@dataclass(frozen=True)
class SignedIn:
    """A live session: who it is (re-read from the accounts table) and the token that names it."""

    actor: Actor
    label: str  # what the sidebar shows: display name or user name
    token: str
    identity: str = ""  # the SSO identity the session was opened for ("" for passwords)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class Sessions:
    def __init__(self, store: StoreCore, settings: AccessSettings | None = None) -> None:
        self.store = store
        self.settings = settings or AccessSettings.from_env()
        self.accounts = Accounts(store)

    # -- signing in --------------------------------------------------------------------------
    def sign_in(self, username: str, password: str, *, now: datetime | None = None) -> SignedIn:
        """Check a user name (or e-mail) and password, then open a session."""
        now = now or frames.utcnow()
        record, new_hash = self._authenticate(username, password, now)
        with self.store._write() as conn:
            values: dict[str, Any] = {"failed_attempts": 0, "locked_until": None, "last_login_at": now}
            if new_hash:
                values["password_hash"] = new_hash
            conn.execute(update(accounts).where(accounts.c.id == record.id).values(**values))
            token = self._open(conn, record, "password", "", now)
            self.store._audit(conn, actor=record.actor("password"), action="auth.login", target="session",
                              bump_version=False)
        return SignedIn(record.actor("password"), record.label, token)

    def check_password(self, username: str, password: str) -> None:
        """Prove a password again (before changing it) with the same failure count and lockout."""
        self._authenticate(username, password, frames.utcnow())

    def _authenticate(self, username: str, password: str, now: datetime) -> tuple[AccountRecord, str | None]:
        """The account if the password matches (and a stronger hash when the cost has risen);
        failures are counted and the account locked at the limit; refusals raise SignInRefused."""
        folded = fold_username(username)[:254]
        with self.store.engine.connect() as conn:
            row = conn.execute(select(accounts.c.id, accounts.c.password_hash, accounts.c.locked_until)
                               .where((accounts.c.username == folded) | (accounts.c.email == folded))).first()
        if row is not None and row.locked_until is not None and row.locked_until > now:
            self._event(folded, "auth.login", "locked", {"reason": "locked"})
            raise SignInRefused("auth.locked", minutes=_minutes(row.locked_until - now))
        if not passwords.verify_password(row.password_hash if row else None, password):
            reason = "unknown_user" if row is None else ("no_password" if not row.password_hash else "bad_password")
            self._failed(folded, row.id if row else None, now, reason)
        record = self.accounts.by_id(row.id)
        assert record is not None
        if not record.active:
            self._event(record.username, "auth.login", "failed", {"reason": "inactive"})
            raise SignInRefused("auth.inactive")
        return record, passwords.hash_password(password) if passwords.needs_rehash(row.password_hash) else None

    def sign_in_trusted(self, identity: str, *, via: str, now: datetime | None = None) -> SignedIn:
        """An identity vouched for by OIDC (st.login) or the reverse proxy's user header, mapped to
        the account with that user name or e-mail.  Roles always come from the account."""
        now = now or frames.utcnow()
        folded = fold_username(identity)[:254]
        record = self.accounts.get(folded) if folded else None
        if record is None or not record.active:
            self._event(folded or "(kosong)", "auth.login", "failed",
                        {"reason": "unknown_identity" if record is None else "inactive", "via": via})
            raise SignInRefused("auth.sso_unknown" if record is None else "auth.inactive", identity=folded)
        with self.store._write() as conn:
            conn.execute(update(accounts).where(accounts.c.id == record.id).values(last_login_at=now))
            token = self._open(conn, record, via, folded, now)
            self.store._audit(conn, actor=record.actor(via), action="auth.login", target="session",
                              bump_version=False, detail={"identity": folded})
        return SignedIn(record.actor(via), record.label, token, folded)

    # -- every run ---------------------------------------------------------------------------
    def resume(self, token: str, *, now: datetime | None = None) -> SignedIn | None:
        """The session named by `token` with its account as it is *now*; None for an unknown or
        ended token; SignInRefused("auth.session_expired"/"auth.inactive") when it just ended."""
        if not token or len(token) > 200:
            return None
        now = now or frames.utcnow()
        s = auth_sessions
        with self.store.engine.connect() as conn:
            row = conn.execute(select(s.c.token_hash, s.c.account_id, s.c.via, s.c.identity, s.c.last_seen_at,
                                      s.c.expires_at, s.c.ended_at).where(s.c.token_hash == token_hash(token))).first()
        if row is None or row.ended_at is not None:
            return None
        record = self.accounts.by_id(row.account_id)
        if record is None or not record.active:
            self._end(row.token_hash, record.username if record else "?", "auth.session_ended", {"reason": "inactive"})
            raise SignInRefused("auth.inactive")
        idle = now - row.last_seen_at
        if now >= row.expires_at or (record.role != KIOSK and idle > self.settings.idle_timeout):
            reason = "max_age" if now >= row.expires_at else "idle"
            self._end(row.token_hash, record.username, "auth.session_expired", {"reason": reason})
            raise SignInRefused("auth.session_expired")
        if idle > TOUCH_EVERY:
            with self.store._write() as conn:
                conn.execute(update(s).where(s.c.token_hash == row.token_hash).values(last_seen_at=now))
        return SignedIn(record.actor(row.via), record.label, token, row.identity)

    def sign_out(self, token: str) -> None:
        if not token:
            return
        with self.store.engine.connect() as conn:
            row = conn.execute(select(auth_sessions.c.token_hash, accounts.c.username)
                               .join(accounts, accounts.c.id == auth_sessions.c.account_id)
                               .where(auth_sessions.c.token_hash == token_hash(token),
                                      auth_sessions.c.ended_at.is_(None))).first()
        if row is not None:
            self._end(row.token_hash, row.username, "auth.logout", {})

    # -- helpers -----------------------------------------------------------------------------
    def _open(self, conn: Connection, record: AccountRecord, via: str, identity: str, now: datetime) -> str:
        token = secrets.token_urlsafe(32)
        conn.execute(insert(auth_sessions).values(
            token_hash=token_hash(token), account_id=record.id, via=via, identity=identity, created_at=now,
            last_seen_at=now, expires_at=now + self.settings.max_session))
        return token

    def _failed(self, folded: str, account_id: int | None, now: datetime, reason: str) -> None:
        """Count the failure, lock the account at the limit, audit both; always raises."""
        locked = False
        with self.store._write() as conn:
            if account_id is not None:
                conn.execute(update(accounts).where(accounts.c.id == account_id)
                             .values(failed_attempts=accounts.c.failed_attempts + 1))
                failures = conn.execute(select(accounts.c.failed_attempts)
                                        .where(accounts.c.id == account_id)).scalar_one()
                if failures >= self.settings.lockout_attempts:
                    locked = True
                    conn.execute(update(accounts).where(accounts.c.id == account_id).values(
                        failed_attempts=0, locked_until=now + self.settings.lockout_duration))
            self.store._audit(conn, actor=folded or "(kosong)", action="auth.login", target="session",
                              outcome="failed", detail={"reason": reason}, bump_version=False)
            if locked:
                self.store._audit(conn, actor=folded, action="auth.lockout", target=f"account/{folded}",
                                  outcome="locked", bump_version=False, detail={
                                      "attempts": self.settings.lockout_attempts,
                                      "minutes": _minutes(self.settings.lockout_duration)})
        if locked:
            raise SignInRefused("auth.locked", minutes=_minutes(self.settings.lockout_duration))
        raise SignInRefused("auth.bad_credentials")

    def _end(self, hashed: str, username: str, action: str, detail: dict[str, Any]) -> None:
        with self.store._write() as conn:
            conn.execute(update(auth_sessions).where(auth_sessions.c.token_hash == hashed)
                         .values(ended_at=frames.utcnow()))
            self.store._audit(conn, actor=username, action=action, target="session", detail=detail,
                              bump_version=False)

    def _event(self, actor: str, action: str, outcome: str, detail: dict[str, Any]) -> None:
        with self.store._write() as conn:
            self.store._audit(conn, actor=actor, action=action, target="session", outcome=outcome,
                              detail=detail, bump_version=False)


def _minutes(span: timedelta) -> int:
    return max(1, math.ceil(span.total_seconds() / 60))
