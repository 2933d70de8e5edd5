"""The audit log as a hash chain: each event carries the hash of the one before it.

hash(event) = sha256(prev_hash + canonical(event)), where canonical is the event's sequence
number, time, actor, action, target, outcome and detail as compact JSON; the first event's
prev_hash is 64 zeros.  Changing, removing or inserting an event breaks the chain at that point,
and `verify` names the first such event.  The head (last sequence number and hash) lives in the
one-row table audit_chain; writers lock it (SELECT ... FOR UPDATE on PostgreSQL; SQLite writes
are serialised by BEGIN IMMEDIATE), so the chain never forks.

Someone who can rewrite the table can also recompute every hash after an edit; what catches
that is a copy of the head kept elsewhere — the nightly backup records `chain_head()`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from analytics.store.schema import audit_chain, audit_events

GENESIS = "0" * 64


@dataclass(frozen=True)
class ChainHead:
    seq: int  # how many events the chain holds
    hash: str  # the last event's hash (GENESIS when there is none)


@dataclass(frozen=True)
class ChainReport:
    """The result of walking the chain: intact, or the first place where it breaks."""

    ok: bool
    events: int  # events walked
    head: ChainHead  # as recorded in audit_chain
    problem: str = ""  # "changed", "removed", "inserted" or "head"
    event_id: int | None = None  # the audit_events.id where it breaks (None: at the end)
    seq: int | None = None  # the sequence number where it breaks

    def message(self, lang: str = "id") -> str:
        from analytics import i18n

        if self.ok:
            return i18n.t("audit.chain_ok", lang, events=self.events, head=self.head.hash[:16])
        return i18n.t(f"audit.chain_{self.problem}", lang, id=self.event_id if self.event_id is not None else "-",
                      seq=self.seq if self.seq is not None else "-", events=self.events)


def _time_text(at: datetime | str) -> str:
    if isinstance(at, str):  # read without type conversion (SQLite's text)
        at = datetime.fromisoformat(at)
    return at.isoformat(sep=" ", timespec="microseconds")


def canonical(seq: int, at: datetime | str, actor: str, action: str, target: str, outcome: str, detail: str) -> bytes:
    """The bytes an event's hash covers (kept identical in migration 0004_audit_chain)."""
    return json.dumps([seq, _time_text(at), actor, action, target or "", outcome, detail or "{}"],
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def link(prev_hash: str, seq: int, **event: Any) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + canonical(seq, **event)).hexdigest()


def append(conn: Connection, *, postgresql: bool, at: datetime, actor: str, action: str, target: str,
           outcome: str, detail: str) -> None:
    """Insert one event at the end of the chain, inside `conn`'s transaction."""
    statement = select(audit_chain.c.last_seq, audit_chain.c.head_hash).where(audit_chain.c.id == 1)
    head = conn.execute(statement.with_for_update() if postgresql else statement).first()
    if head is None:  # a database created without the migration's row (never by the store)
        conn.execute(insert(audit_chain).values(id=1, last_seq=0, head_hash=GENESIS))
        last_seq, prev = 0, GENESIS
    else:
        last_seq, prev = int(head.last_seq), str(head.head_hash)
    event = {"at": at, "actor": actor, "action": action, "target": target or "", "outcome": outcome,
             "detail": detail}
    seq = last_seq + 1
    digest = link(prev, seq, **event)
    conn.execute(insert(audit_events).values(**event, chain_seq=seq, prev_hash=prev, hash=digest))
    conn.execute(update(audit_chain).where(audit_chain.c.id == 1).values(last_seq=seq, head_hash=digest))


def chain_head(engine_or_store: Any) -> ChainHead:
    """The chain's head as recorded: the nightly backup keeps it, so a later rewrite of the whole
    table (hashes recomputed) still shows."""
    engine = getattr(engine_or_store, "engine", engine_or_store)
    with engine.connect() as conn:
        row = conn.execute(select(audit_chain.c.last_seq, audit_chain.c.head_hash)
                           .where(audit_chain.c.id == 1)).first()
    return ChainHead(int(row.last_seq), str(row.head_hash)) if row else ChainHead(0, GENESIS)


def verify(engine_or_store: Any, *, batch: int = 5000) -> ChainReport:
    """Walk every event in chain order and report the first one changed, removed or inserted."""
    engine = getattr(engine_or_store, "engine", engine_or_store)
    head = chain_head(engine)
    a = audit_events
    walk = _Walk(head.seq)
    columns = (a.c.id, a.c.chain_seq, a.c.prev_hash, a.c.hash, a.c.at, a.c.actor, a.c.action, a.c.target,
               a.c.outcome, a.c.detail)
    with engine.connect() as conn:
        rows = conn.execution_options(yield_per=batch).execute(
            select(*columns).order_by(a.c.chain_seq.is_(None), a.c.chain_seq, a.c.id))
        for row in rows:
            if problem := walk.step(row):
                return ChainReport(False, walk.walked, head, *problem)
    return _against_head(walk, head, engine)


class _Walk:
    def __init__(self, head_seq: int) -> None:
        self.walked, self.prev_hash, self.prev_id = 0, GENESIS, None
        self.head_seq, self.beyond_id = head_seq, None  # the first event past the recorded head

    def step(self, row: Any) -> tuple[str, int | None, int] | None:
        expected = self.walked + 1
        if row.chain_seq is None or row.hash is None or row.prev_hash is None:
            return "inserted", row.id, expected  # written around the store: no place in the chain
        event = {"at": row.at, "actor": row.actor, "action": row.action, "target": row.target,
                 "outcome": row.outcome, "detail": row.detail}
        seq = int(row.chain_seq)
        if link(row.prev_hash, seq, **event) != row.hash:
            return "changed", row.id, seq
        if seq > expected:
            return "removed", row.id, expected  # sequence numbers skipped: events before this one are gone
        if row.prev_hash != self.prev_hash:
            # the event before was rewritten with a fresh hash of its own (or this one replaced it)
            return "changed", self.prev_id if self.prev_id is not None else row.id, seq - 1
        self.walked, self.prev_hash, self.prev_id = seq, row.hash, row.id
        if seq == self.head_seq + 1:
            self.beyond_id = row.id
        return None


def _against_head(walk: _Walk, head: ChainHead, engine: Any) -> ChainReport:
    """The walk's end against the recorded head: a shorter chain lost its last events; a longer
    one is fine only if events were appended meanwhile (the head has moved to the same place)."""
    if walk.walked < head.seq:
        return ChainReport(False, walk.walked, head, "removed", None, walk.walked + 1)
    if walk.walked == head.seq and walk.prev_hash == head.hash:
        return ChainReport(True, walk.walked, head)
    now = chain_head(engine)
    if (walk.walked, walk.prev_hash) == (now.seq, now.hash):
        return ChainReport(True, walk.walked, now)
    if walk.walked == head.seq:
        return ChainReport(False, walk.walked, head, "head", None, head.seq)
    return ChainReport(False, walk.walked, head, "inserted", walk.beyond_id, head.seq + 1)
