"""Accounts of the signed-in mode: create, change, reset passwords, unlock — all checked and audited.

Part of the storage layer (it speaks SQL, on the `Store`'s engine and in its transactions).  Every
write asks `authorize(..., Permission.MANAGE_ACCOUNTS)` first, so the admin page, the CLI and any
later caller meet the same rule; the one exception is a person changing their own password.
Accounts are never deleted, only made inactive, so that the audit log keeps naming real people.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pandas as pd
from sqlalchemy import Connection, delete, func, insert, select, update

from analytics.access import passwords
from analytics.access.guard import authorize
from analytics.access.roles import ADMIN, OPERATOR, ROLES, Actor, Permission, PermissionDenied
from analytics.intake import values
from analytics.store import frames
from analytics.store.core import StoreCore
from analytics.store.schema import account_units, accounts, auth_sessions, units

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@+-]{1,63}$")
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s]{1,60}$")
ACCOUNT_COLUMNS = ("id", "username", "display_name", "email", "role", "units", "active", "locked_until",
                   "failed_attempts", "last_login_at", "created_at")


@dataclass(frozen=True)
class AccountRecord:
    """One account as read from the database (never carries the password hash out)."""

    id: int
    username: str
    display_name: str
    email: str | None
    role: str
    units: frozenset[str]
    active: bool
    locked_until: datetime | None
    has_password: bool

    def actor(self, via: str) -> Actor:
        return Actor(name=self.username, role=self.role, units=self.units, via=via, account_id=self.id)

    @property
    def label(self) -> str:
        return self.display_name or self.username


def fold_username(name: str) -> str:
    """User names and e-mails compare case-blind and without stray spaces (and no longer than an
    e-mail address may be: whatever is typed also lands in the audit log)."""
    return values.clean_text(name or "").value.casefold()[:254]


class Accounts:
    """The accounts table and the units each operator account covers."""

    def __init__(self, store: StoreCore) -> None:
        self.store = store

    # -- reads -------------------------------------------------------------------------------
    def count(self) -> int:
        with self.store.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(accounts)).scalar_one())

    def get(self, username: str) -> AccountRecord | None:
        """The account with this user name or e-mail (case-blind), or None."""
        with self.store.engine.connect() as conn:
            return self._get(conn, fold_username(username))

    def by_id(self, account_id: int) -> AccountRecord | None:
        with self.store.engine.connect() as conn:
            return self._get(conn, None, account_id=int(account_id))

    def _get(self, conn: Connection, folded: str | None, *, account_id: int | None = None,
             for_update: bool = False) -> AccountRecord | None:
        a = accounts
        statement = select(a.c.id, a.c.username, a.c.display_name, a.c.email, a.c.role, a.c.active,
                           a.c.locked_until, a.c.password_hash.is_not(None).label("has_password"))
        if account_id is not None:
            statement = statement.where(a.c.id == account_id)
        else:
            statement = statement.where((a.c.username == folded) | (a.c.email == folded))
        if for_update and self.store.dialect == "postgresql":
            statement = statement.with_for_update()
        row = conn.execute(statement).first()
        if row is None:
            return None
        unit_codes = frozenset(conn.execute(
            select(account_units.c.unit_kode).where(account_units.c.account_id == row.id)).scalars())
        return AccountRecord(id=row.id, username=row.username, display_name=row.display_name, email=row.email,
                             role=row.role, units=unit_codes, active=bool(row.active),
                             locked_until=row.locked_until, has_password=bool(row.has_password))

    def frame(self) -> pd.DataFrame:
        """Every account for the admin page: units as '; '-joined codes; times tz-aware UTC."""
        a = accounts
        statement = select(a.c.id, a.c.username, a.c.display_name, a.c.email, a.c.role, a.c.active,
                           a.c.locked_until, a.c.failed_attempts, a.c.last_login_at, a.c.created_at
                           ).order_by(a.c.username)
        with self.store.engine.connect() as conn:
            rows = conn.execute(statement).mappings().all()
            links = conn.execute(select(account_units.c.account_id, account_units.c.unit_kode)
                                 .order_by(account_units.c.unit_kode)).all()
        by_account: dict[int, list[str]] = {}
        for account_id, kode in links:
            by_account.setdefault(account_id, []).append(kode)
        frame = pd.DataFrame([{**row, "units": "; ".join(by_account.get(row["id"], []))} for row in rows],
                             columns=list(ACCOUNT_COLUMNS))
        for name in ("locked_until", "last_login_at", "created_at"):
            frame[name] = frames.utc(frame[name])
        frame["active"] = frame["active"].astype(bool)
        return frame

    # -- writes ------------------------------------------------------------------------------
    def create(self, username: str, *, role: str, actor: Actor | str, password: str | None = None,
               units: Iterable[str] = (), display_name: str = "", email: str | None = None) -> AccountRecord:
        """A new account.  Without a password it can sign in only through SSO."""
        folded = fold_username(username)
        who = authorize(self.store, actor, Permission.MANAGE_ACCOUNTS, target=f"account/{folded}")
        unit_codes = self._check_fields(folded, role, units, email)
        password_hash = self._new_hash(password, folded) if password else None
        now = frames.utcnow()
        with self.store._write() as conn:
            names = sorted({folded, _fold_email(email) or folded})  # neither may be taken as either
            if conn.execute(select(accounts.c.id).where(
                    accounts.c.username.in_(names) | accounts.c.email.in_(names))).first():
                raise PermissionDenied("access.account_exists", username=folded)
            account_id = conn.execute(insert(accounts).values(
                username=folded, display_name=_display(display_name), email=_fold_email(email), role=role,
                password_hash=password_hash, active=True, failed_attempts=0, created_at=now, updated_at=now,
                password_changed_at=now if password_hash else None,
            )).inserted_primary_key[0]
            self._set_units(conn, account_id, unit_codes)
            self.store._audit(conn, actor=who, action="account.create", target=f"account/{folded}", detail={
                "role": role, "units": sorted(unit_codes), "password": bool(password_hash),
                "email": _fold_email(email)})
        record = self.get(folded)
        assert record is not None
        return record

    def update(self, username: str, *, actor: Actor | str, role: str | None = None,
               units: Iterable[str] | None = None, display_name: str | None = None,
               email: str | None = None, active: bool | None = None) -> AccountRecord:
        """Change role, units, name, e-mail or active flag; the last active admin cannot go."""
        folded = fold_username(username)
        who = authorize(self.store, actor, Permission.MANAGE_ACCOUNTS, target=f"account/{folded}")
        with self.store._write() as conn:
            current = self._require(conn, folded)
            new_role = current.role if role is None else role
            unit_codes = self._check_fields(current.username, new_role,
                                            current.units if units is None else units,
                                            current.email if email is None else email)
            new_active = current.active if active is None else bool(active)
            if current.role == ADMIN and current.active and (new_role != ADMIN or not new_active):
                self._keep_one_admin(conn, current.id)
            changes: dict[str, Any] = {}
            fields: dict[str, Any] = {}
            for name, old, new in (("role", current.role, new_role), ("active", current.active, new_active),
                                   ("display_name", current.display_name,
                                    current.display_name if display_name is None else _display(display_name)),
                                   ("email", current.email, current.email if email is None else _fold_email(email))):
                if old != new:
                    changes[name], fields[name] = [old, new], new
            if unit_codes != current.units:
                changes["units"] = [sorted(current.units), sorted(unit_codes)]
                self._set_units(conn, current.id, unit_codes)
            if fields:
                conn.execute(update(accounts).where(accounts.c.id == current.id)
                             .values(**fields, updated_at=frames.utcnow()))
            if "role" in changes or "active" in changes or "units" in changes:
                self._end_sessions(conn, current.id)  # a changed right applies now, not at next sign-in
            self.store._audit(conn, actor=who, action="account.update", target=f"account/{current.username}",
                              outcome="ok" if changes else "unchanged", detail={"changes": changes})
        record = self.get(folded)
        assert record is not None
        return record

    def set_password(self, username: str, password: str, *, actor: Actor | str) -> None:
        """An admin's reset, or a person's change of their own password; ends the other sessions
        and lifts a lockout."""
        folded = fold_username(username)
        own = isinstance(actor, Actor) and actor.account_id is not None and actor.name == folded
        if not own:
            authorize(self.store, actor, Permission.MANAGE_ACCOUNTS, target=f"account/{folded}")
        with self.store.engine.connect() as conn:
            target = self._require(conn, folded)
        if own and actor.account_id != target.id:  # a name that now belongs to another account
            authorize(self.store, actor, Permission.MANAGE_ACCOUNTS, target=f"account/{folded}")
        password_hash = self._new_hash(password, target.username)
        with self.store._write() as conn:
            now = frames.utcnow()
            conn.execute(update(accounts).where(accounts.c.id == target.id).values(
                password_hash=password_hash, failed_attempts=0, locked_until=None, password_changed_at=now,
                updated_at=now))
            self._end_sessions(conn, target.id)
            action = "account.password_change" if own else "account.password_reset"
            self.store._audit(conn, actor=actor, action=action, target=f"account/{target.username}")

    def unlock(self, username: str, *, actor: Actor | str) -> None:
        folded = fold_username(username)
        who = authorize(self.store, actor, Permission.MANAGE_ACCOUNTS, target=f"account/{folded}")
        with self.store._write() as conn:
            target = self._require(conn, folded)
            conn.execute(update(accounts).where(accounts.c.id == target.id).values(
                failed_attempts=0, locked_until=None, updated_at=frames.utcnow()))
            self.store._audit(conn, actor=who, action="account.unlock", target=f"account/{target.username}")

    # -- helpers -----------------------------------------------------------------------------
    def _require(self, conn: Connection, folded: str) -> AccountRecord:
        record = self._get(conn, folded, for_update=True)
        if record is None:
            raise PermissionDenied("access.no_account", username=folded)
        return record

    def _check_fields(self, folded: str, role: str, unit_codes: Iterable[str], email: str | None) -> frozenset[str]:
        if not USERNAME.match(folded):
            raise PermissionDenied("access.bad_username", username=folded[:64])
        if role not in ROLES:
            raise PermissionDenied("access.bad_role", role=str(role)[:32], roles=", ".join(ROLES))
        if email and not EMAIL.match(_fold_email(email) or ""):
            raise PermissionDenied("access.bad_email", email=str(email)[:254])
        codes = frozenset(str(k).strip() for k in unit_codes if str(k).strip()) if role == OPERATOR else frozenset()
        if role == OPERATOR and not codes:
            raise PermissionDenied("access.operator_needs_unit")
        if codes:
            with self.store.engine.connect() as conn:
                known = set(conn.execute(select(units.c.kode).where(units.c.kode.in_(sorted(codes)))).scalars())
            if codes - known:
                raise PermissionDenied("access.unknown_units", units=", ".join(sorted(codes - known)))
        return codes

    @staticmethod
    def _new_hash(password: str, username: str) -> str:
        passwords.check_policy(password, username=username)
        return passwords.hash_password(password)

    @staticmethod
    def _set_units(conn: Connection, account_id: int, unit_codes: frozenset[str]) -> None:
        conn.execute(delete(account_units).where(account_units.c.account_id == account_id))
        if unit_codes:
            conn.execute(insert(account_units),
                         [{"account_id": account_id, "unit_kode": kode} for kode in sorted(unit_codes)])

    @staticmethod
    def _keep_one_admin(conn: Connection, leaving_id: int) -> None:
        others = conn.execute(select(func.count()).select_from(accounts).where(
            accounts.c.role == ADMIN, accounts.c.active, accounts.c.id != leaving_id)).scalar_one()
        if not others:
            raise PermissionDenied("access.last_admin")

    @staticmethod
    def _end_sessions(conn: Connection, account_id: int) -> None:
        conn.execute(update(auth_sessions).where(auth_sessions.c.account_id == account_id,
                                                 auth_sessions.c.ended_at.is_(None))
                     .values(ended_at=frames.utcnow()))


def _display(name: str | None) -> str:
    return values.clean_text(name or "").value[:120]


def _fold_email(email: str | None) -> str | None:
    folded = fold_username(email or "")
    return folded or None
