"""The analyst's link decisions: two yearly records of a unit are the same innovation, or not.

Why keyed on (unit_kode, tahun, folded name) for each side: a re-upload of a year replaces every
row (new ids), but a decision about "Antar Obat Pasien Lansia" 2023 and "Antar Obat Lansia" 2024
must still hold — and a rejected pair must stay rejected.  Names are folded by `contract.fold`,
exactly as the linker folds them.

Every decision and every undo is one transaction with its audit event (which also bumps the data
version, so the dashboard's caches refresh).  Undo never deletes: it marks the decision undone,
so this table is its own history next to the audit log.  A partial unique index keeps at most one
decision in force per pair; writers on one unit are serialised by the store's unit lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import insert, select, update

from analytics.access.guard import authorize
from analytics.access.roles import Actor, Permission
from analytics.intake import contract
from analytics.store import frames
from analytics.store.core import StoreCore
from analytics.store.frames import DECISION_COLUMNS, KEPUTUSAN, TAUTKAN, TOLAK, empty_decisions
from analytics.store.schema import lifecycle_links

__all__ = ["KEPUTUSAN", "TAUTKAN", "TOLAK", "LinkDecisions", "LinkError", "LinkResult"]

ACTIONS = {TAUTKAN: "lifecycle.link_confirmed", TOLAK: "lifecycle.link_rejected"}
UNDO_ACTION = "lifecycle.link_undone"


class LinkError(ValueError):
    """A decision the store refused (same year on both sides, an empty name, an unknown verdict)."""


class UnknownDecisionError(LinkError, LookupError):
    """No decision in force has that id."""


@dataclass(frozen=True)
class LinkResult:
    """What a write did: action is "tautkan", "tolak", "unchanged" or "undone"; replaced is the id of
    an earlier decision on the same pair that the new one took the place of."""

    action: str
    decision_id: int
    replaced: int | None = None


def pair_key(unit_kode: str, tahun_a: int, nama_a: str, tahun_b: int, nama_b: str) -> dict[str, Any]:
    """The stored key of a pair: the earlier year first, names folded; refuses what cannot be a link."""
    tahun_a, tahun_b = int(tahun_a), int(tahun_b)
    if tahun_a == tahun_b:
        raise LinkError(f"{unit_kode}: kedua catatan dari tahun yang sama ({tahun_a}) / both records are of one year")
    if tahun_a > tahun_b:
        tahun_a, nama_a, tahun_b, nama_b = tahun_b, nama_b, tahun_a, nama_a
    fold_a, fold_b = contract.fold(nama_a), contract.fold(nama_b)
    if not fold_a or not fold_b:
        raise LinkError(f"{unit_kode}: nama inovasi kosong / an innovation name is empty")
    return {"unit_kode": str(unit_kode), "tahun_a": tahun_a, "nama_fold_a": fold_a, "nama_a": str(nama_a),
            "tahun_b": tahun_b, "nama_fold_b": fold_b, "nama_b": str(nama_b)}


class LinkDecisions:
    """Link decisions on the store's engine (reached as ``LinkDecisions(store)``)."""

    def __init__(self, store: StoreCore) -> None:
        self.store = store

    def frame(self, *, include_undone: bool = False, unit_kode: str | None = None) -> pd.DataFrame:
        """Decisions (DECISION_COLUMNS), newest first; only those in force unless include_undone.
        Timestamps are tz-aware UTC."""
        t = lifecycle_links
        statement = select(*(t.c[name] for name in DECISION_COLUMNS)).order_by(t.c.id.desc())
        if not include_undone:
            statement = statement.where(t.c.dibatalkan_pada.is_(None))
        if unit_kode is not None:
            statement = statement.where(t.c.unit_kode == unit_kode)
        frame = self.store._read(statement)
        if frame.empty:
            return empty_decisions()
        for name in ("id", "tahun_a", "tahun_b"):
            frame[name] = frame[name].astype("int64")
        frame["skor"] = frame["skor"].astype("float64")
        for name in ("diputuskan_pada", "dibatalkan_pada"):
            frame[name] = frames.utc(frame[name])
        for name in ("unit_kode", "nama_fold_a", "nama_a", "nama_fold_b", "nama_b", "keputusan", "diputuskan_oleh"):
            frame[name] = frame[name].astype("str")
        return frame

    def decide(self, *, unit_kode: str, tahun_a: int, nama_a: str, tahun_b: int, nama_b: str, keputusan: str,
               actor: Actor | str, skor: float | None = None) -> LinkResult:
        """Record that the two records are the same innovation (tautkan) or not (tolak).

        The same verdict again changes nothing ("unchanged"); the other verdict replaces the one in
        force (which is marked undone by the same actor, in the same transaction)."""
        if keputusan not in KEPUTUSAN:
            raise LinkError(f"keputusan {keputusan!r} tidak dikenal ({', '.join(KEPUTUSAN)})")
        key = pair_key(unit_kode, tahun_a, nama_a, tahun_b, nama_b)
        target = _target(key)
        who = authorize(self.store, actor, Permission.DECIDE_LINKS, target=target, unit=key["unit_kode"])
        t = lifecycle_links
        with self.store._write() as conn:
            self.store._lock_unit(conn, key["unit_kode"])
            current = conn.execute(select(t.c.id, t.c.keputusan).where(
                *(t.c[name] == key[name] for name in ("unit_kode", "tahun_a", "nama_fold_a", "tahun_b", "nama_fold_b")),
                t.c.dibatalkan_pada.is_(None))).first()
            detail = {**key, "keputusan": keputusan, "skor": skor}
            if current is not None and current.keputusan == keputusan:
                self.store._audit(conn, actor=who, action=ACTIONS[keputusan], target=target, outcome="unchanged",
                                  detail={**detail, "decision_id": current.id})
                return LinkResult("unchanged", int(current.id))
            now = frames.utcnow()
            if current is not None:
                conn.execute(update(t).where(t.c.id == current.id)
                             .values(dibatalkan_oleh=who.name, dibatalkan_pada=now))
            decision_id = int(conn.execute(insert(t).values(
                **key, skor=None if skor is None else float(skor), keputusan=keputusan,
                diputuskan_oleh=who.name, diputuskan_pada=now)).inserted_primary_key[0])
            replaced = None if current is None else int(current.id)
            self.store._audit(conn, actor=who, action=ACTIONS[keputusan], target=target,
                              detail={**detail, "decision_id": decision_id, "replaced_decision_id": replaced})
        return LinkResult(keputusan, decision_id, replaced)

    def undo(self, decision_id: int, *, actor: Actor | str) -> LinkResult:
        """Take a decision back: the pair is open again (proposed again when it still scores)."""
        t = lifecycle_links
        with self.store.engine.connect() as conn:
            row = conn.execute(select(t).where(t.c.id == int(decision_id))).first()
        if row is None or row.dibatalkan_pada is not None:
            raise UnknownDecisionError(f"tidak ada keputusan #{decision_id} yang berlaku / no decision in force")
        key = {name: getattr(row, name) for name in ("unit_kode", "tahun_a", "nama_fold_a", "tahun_b", "nama_fold_b")}
        target = _target(key)
        who = authorize(self.store, actor, Permission.DECIDE_LINKS, target=target, unit=row.unit_kode)
        with self.store._write() as conn:
            self.store._lock_unit(conn, row.unit_kode)
            done = conn.execute(update(t).where(t.c.id == row.id, t.c.dibatalkan_pada.is_(None))
                                .values(dibatalkan_oleh=who.name, dibatalkan_pada=frames.utcnow())).rowcount
            if not done:  # undone by someone else in the meantime
                raise UnknownDecisionError(f"keputusan #{decision_id} sudah dibatalkan / already undone")
            self.store._audit(conn, actor=who, action=UNDO_ACTION, target=target, detail={
                **key, "nama_a": row.nama_a, "nama_b": row.nama_b, "keputusan": row.keputusan,
                "decision_id": int(row.id)})
        return LinkResult("undone", int(row.id))


def _target(key: dict[str, Any]) -> str:
    return f"{key['unit_kode']}/{key['tahun_a']}:{key['nama_fold_a']}~{key['tahun_b']}:{key['nama_fold_b']}"[:500]
