"""Signing in (password or SSO), throttling of repeated failures, and server-side sessions.

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
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, insert, select, update

from analytics.access import passwords
from analytics.access.roles import KIOSK, Actor, PermissionDenied
from analytics.access.settings import AccessSettings
from analytics.store import frames, throttle
from analytics.store.accounts import AccountRecord, Accounts, fold_username
from analytics.store.core import StoreCore
from analytics.store.schema import accounts, auth_sessions

TOUCH_EVERY = timedelta(seconds=60)  # last_seen_at is written at most this often per session...
TOUCH_SHARE = 20  # ...and at least 20 times per idle timeout, so a 1-minute limit is kept to ~3 s
# Called with the reason after every audited sign-in failure (the server's /metrics counts them).
FAILURE_LISTENERS: list[Callable[[str], None]] = []


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
    def sign_in(self, username: str, password: str, *, now: datetime | None = None,
                client: str = "127.0.0.1") -> SignedIn:
        """Check a user name (or e-mail) and password from `client` (its address), then open a session."""
        now = now or frames.utcnow()
        record, new_hash = self._authenticate(username, password, now, client)
        with self.store._write() as conn:
            values: dict[str, Any] = {"failed_attempts": 0, "locked_until": None, "last_login_at": now}
            if new_hash:
                values["password_hash"] = new_hash
            conn.execute(update(accounts).where(accounts.c.id == record.id).values(**values))
            token = self._open(conn, record, "password", "", now)
            self.store._audit(conn, actor=record.actor("password"), action="auth.login", target="session",
                              bump_version=False, detail={"address": client})
        return SignedIn(record.actor("password"), record.label, token)

    def check_password(self, username: str, password: str, *, client: str = "127.0.0.1") -> None:
        """Prove a password again (before changing it), throttled like a sign-in."""
        self._authenticate(username, password, frames.utcnow(), client)

    @property
    def _rule(self) -> throttle.ThrottleRule:
        return throttle.ThrottleRule(self.settings.lockout_attempts, self.settings.lockout_duration)

    def _authenticate(self, username: str, password: str, now: datetime,
                      client: str) -> tuple[AccountRecord, str | None]:
        """The account if the password matches (and a stronger hash when the cost has risen).

        Known and unknown names take the same path: the name's and the address's wait is checked
        first (answered at once, for every name alike), then the password is verified (against a
        dummy hash when no account has the name), and a failure counts under both keys."""
        folded = fold_username(username)[:254]
        keys = throttle.keys(folded, client)
        with self.store.engine.connect() as conn:
            wait = throttle.waiting(conn, keys, now)
            row = None if wait else conn.execute(
                select(accounts.c.id, accounts.c.password_hash)
                .where((accounts.c.username == folded) | (accounts.c.email == folded))).first()
        if wait:
            self._event(folded or "(kosong)", "auth.login", "throttled", {"address": client, "seconds": wait})
            raise SignInRefused("auth.throttled", seconds=wait)
        if not passwords.verify_password(row.password_hash if row else None, password):
            reason = "unknown_user" if row is None else ("no_password" if not row.password_hash else "bad_password")
            self._failed(folded, keys, now, reason, client)
        with self.store._write() as conn:
            throttle.clear(conn, keys)
        record = self.accounts.by_id(row.id)
        assert record is not None
        if not record.active:
            self._event(record.username, "auth.login", "failed", {"reason": "inactive", "address": client})
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
    def resume(self, token: str, *, now: datetime | None = None, activity: bool = True) -> SignedIn | None:
        """The session named by `token` with its account as it is *now*; None for an unknown or
        ended token; SignInRefused("auth.session_expired"/"auth.inactive") when it just ended.
        `activity=False` (a screen refreshing itself) checks the session without keeping it alive."""
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
        if activity and idle > min(TOUCH_EVERY, self.settings.idle_timeout / TOUCH_SHARE):
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

    def _failed(self, folded: str, keys: tuple[str, str], now: datetime, reason: str, client: str) -> None:
        """Count the failure under the name and the address, audit it (and any wait it starts);
        always raises, with the same answer whether or not the name exists."""
        with self.store._write() as conn:
            wait = throttle.record_failure(conn, keys, now, self._rule)
            self.store._audit(conn, actor=folded or "(kosong)", action="auth.login", target="session",
                              outcome="failed", detail={"reason": reason, "address": client}, bump_version=False)
            if wait:
                self.store._audit(conn, actor=folded or "(kosong)", action="auth.throttle", target="session",
                                  outcome="throttled", bump_version=False,
                                  detail={"address": client, "seconds": wait})
        for listener in FAILURE_LISTENERS:
            listener(reason)
        if wait:
            raise SignInRefused("auth.bad_credentials_wait", seconds=wait)
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
