"""Unit aliases: a unit name or IID login as an office writes it, mapped once to a unit.

An admin confirms a name alias once (Admin › Unit, or `python -m analytics alias confirm`); every
later upload resolves that spelling to the unit.  IID logins are mapped when an import is stored
(the login in brackets after the unit name), so a login keeps its unit even when the office later
types its name differently.  Every confirmation and revocation is one transaction with its audit
event; revoking never deletes (the row is marked revoked and stays as history), and a partial
unique index keeps one alias in force per spelling.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, insert, select, update

from analytics.access.guard import authorize
from analytics.access.roles import Actor, Permission
from analytics.intake.contract import fold
from analytics.intake.units import ALIAS_LOGIN, ALIAS_NAME
from analytics.store import frames
from analytics.store.core import StoreCore
from analytics.store.schema import unit_aliases, units

ALIAS_COLUMNS = ("id", "jenis", "alias", "alias_fold", "unit_kode", "dibuat_oleh", "dibuat_pada",
                 "dicabut_oleh", "dicabut_pada")
CONFIRM_ACTION, REVOKE_ACTION, LOGIN_ACTION = "unit.alias_confirmed", "unit.alias_revoked", "unit.login_mapped"


class AliasError(ValueError):
    """An alias the store refused: empty, an unknown unit, or an unknown kind."""


@dataclass(frozen=True)
class AliasResult:
    action: str  # "confirmed", "unchanged", "replaced" or "revoked"
    alias_id: int


class UnitAliases:
    """Aliases on the store's engine (reached as ``store.aliases``)."""

    def __init__(self, store: StoreCore) -> None:
        self.store = store

    def frame(self, *, include_revoked: bool = False) -> pd.DataFrame:
        """Aliases (ALIAS_COLUMNS + unit_nama), newest first; only those in force unless asked."""
        a = unit_aliases
        statement = (select(*(a.c[name] for name in ALIAS_COLUMNS), units.c.nama.label("unit_nama"))
                     .join_from(a, units, units.c.kode == a.c.unit_kode).order_by(a.c.id.desc()))
        if not include_revoked:
            statement = statement.where(a.c.dicabut_pada.is_(None))
        frame = self.store._read(statement)
        frame["id"] = frame["id"].astype("int64")
        for name in ("dibuat_pada", "dicabut_pada"):
            frame[name] = frames.utc(frame[name])
        return frame

    def confirm(self, alias: str, unit_kode: str, *, actor: Actor | str, jenis: str = ALIAS_NAME) -> AliasResult:
        """Map `alias` to the unit from now on (an admin's decision; audited)."""
        key = _checked(alias, jenis)
        who = authorize(self.store, actor, Permission.MANAGE_UNITS, target=f"alias/{jenis}:{key}")
        return self._put(alias, key, unit_kode, jenis, who, CONFIRM_ACTION)

    def map_logins(self, logins: Iterable[tuple[str, str]], *, actor: Actor | str) -> list[AliasResult]:
        """Remember the unit of each IID login seen in a stored import (login, unit_kode); a login
        mapped before keeps its unit (only an admin's confirm() moves it)."""
        pairs = dict(logins)
        current = self.frame()
        known = set(current["alias_fold"][current["jenis"] == ALIAS_LOGIN])
        fresh = {login: kode for login, kode in pairs.items() if fold(login) not in known and fold(login)}
        if not fresh:
            return []
        who = authorize(self.store, actor, Permission.STORE_SUBMISSION, target="alias/login", units=fresh.values())
        with self.store._write() as conn:  # one transaction for a whole import's logins
            return [self._put_in(conn, login, fold(login), kode, ALIAS_LOGIN, who, LOGIN_ACTION)
                    for login, kode in fresh.items()]

    def _put(self, alias: str, key: str, unit_kode: str, jenis: str, who: Actor, action: str) -> AliasResult:
        with self.store._write() as conn:
            return self._put_in(conn, alias, key, unit_kode, jenis, who, action)

    def _put_in(self, conn: Connection, alias: str, key: str, unit_kode: str, jenis: str, who: Actor,
                action: str) -> AliasResult:
        a = unit_aliases
        if conn.execute(select(units.c.kode).where(units.c.kode == unit_kode)).first() is None:
            raise AliasError(f"unit {unit_kode!r} tidak ada di daftar unit / is not in the unit list")
        current = conn.execute(select(a.c.id, a.c.unit_kode).where(
            a.c.jenis == jenis, a.c.alias_fold == key, a.c.dicabut_pada.is_(None))).first()
        detail = {"jenis": jenis, "alias": alias, "unit_kode": unit_kode}
        if current is not None and current.unit_kode == unit_kode:
            self.store._audit(conn, actor=who, action=action, target=f"alias/{jenis}:{key}",
                              outcome="unchanged", detail={**detail, "alias_id": current.id})
            return AliasResult("unchanged", int(current.id))
        now = frames.utcnow()
        if current is not None:
            conn.execute(update(a).where(a.c.id == current.id).values(dicabut_oleh=who.name, dicabut_pada=now))
        alias_id = int(conn.execute(insert(a).values(
            jenis=jenis, alias=alias.strip(), alias_fold=key, unit_kode=unit_kode, dibuat_oleh=who.name,
            dibuat_pada=now)).inserted_primary_key[0])
        self.store._audit(conn, actor=who, action=action, target=f"alias/{jenis}:{key}", detail={
            **detail, "alias_id": alias_id, "replaced_alias_id": None if current is None else int(current.id)})
        return AliasResult("confirmed" if current is None else "replaced", alias_id)

    def revoke(self, alias_id: int, *, actor: Actor | str) -> AliasResult:
        """Take an alias back: the spelling is resolved by the rules again."""
        a = unit_aliases
        who = authorize(self.store, actor, Permission.MANAGE_UNITS, target=f"alias/{alias_id}")
        with self.store._write() as conn:
            row = conn.execute(select(a).where(a.c.id == int(alias_id), a.c.dicabut_pada.is_(None))).first()
            if row is None:
                raise AliasError(f"tidak ada alias #{alias_id} yang berlaku / no alias in force")
            conn.execute(update(a).where(a.c.id == row.id).values(dicabut_oleh=who.name,
                                                                  dicabut_pada=frames.utcnow()))
            self.store._audit(conn, actor=who, action=REVOKE_ACTION, target=f"alias/{row.jenis}:{row.alias_fold}",
                              detail={"jenis": row.jenis, "alias": row.alias, "unit_kode": row.unit_kode,
                                      "alias_id": int(row.id)})
        return AliasResult("revoked", int(row.id))


def _checked(alias: str, jenis: str) -> str:
    if jenis not in (ALIAS_NAME, ALIAS_LOGIN):
        raise AliasError(f"jenis alias {jenis!r} tidak dikenal ({ALIAS_NAME}, {ALIAS_LOGIN})")
    key = fold(alias)
    if not key:
        raise AliasError("alias kosong / the alias is empty")
    return key
