"""A tamper-evident audit log: every event carries the hash of the one before it.

Revision ID: 0004_audit_chain
Revises: 0003_merge_heads
Create Date: 2026-12-05

audit_events gains chain_seq (1, 2, 3, ... in the order events were written), prev_hash and hash:
hash = sha256(prev_hash + the event's canonical content) (analytics/store/audit_chain.py).  The
one-row table audit_chain holds the head (last sequence number and hash); writers lock it, so the
chain never forks.  Events already stored are chained here in id order.

The triggers of 0002 refused UPDATE and DELETE.  Two ways around them were found (issue 12): on
SQLite `REPLACE INTO audit_events(id, ...)` deletes without firing delete triggers, and on
PostgreSQL `TRUNCATE` fires none.  Now an INSERT whose id is not above every existing id is
refused (REPLACE and re-inserting a removed event alike), upsert ends in the UPDATE trigger, and
PostgreSQL refuses TRUNCATE too.  What a table owner can still do (drop the triggers) the chain
shows: `python -m analytics audit verify`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0004_audit_chain"
down_revision: str | Sequence[str] | None = "0003_merge_heads"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GENESIS = "0" * 64
_MESSAGE = "audit_events is append-only"


def _canonical(seq: int, row) -> bytes:
    """Kept identical to analytics.store.audit_chain.canonical (a migration must not import the app)."""
    at = row.at
    if isinstance(at, str):  # SQLite gives text
        at = datetime.fromisoformat(at)
    fields = [seq, at.isoformat(sep=" ", timespec="microseconds"), row.actor, row.action, row.target or "",
              row.outcome, row.detail or "{}"]
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    op.add_column("audit_events", sa.Column("chain_seq", sa.BigInteger(), nullable=True))
    op.add_column("audit_events", sa.Column("prev_hash", sa.String(64), nullable=True))
    op.add_column("audit_events", sa.Column("hash", sa.String(64), nullable=True))
    op.create_index("uq_audit_events_chain_seq", "audit_events", ["chain_seq"], unique=True)
    op.create_table(
        "audit_chain",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.Column("head_hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_chain"),
    )
    _drop_old_triggers(postgresql)
    seq, head = _chain_existing_events()
    op.execute(sa.text("INSERT INTO audit_chain (id, last_seq, head_hash) VALUES (1, :seq, :head)")
               .bindparams(seq=seq, head=head))
    (_postgresql_triggers if postgresql else _sqlite_triggers)()


def _chain_existing_events() -> tuple[int, str]:
    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, at, actor, action, target, outcome, detail FROM audit_events ORDER BY id"))
    seq, head = 0, GENESIS
    for row in rows.fetchall():
        seq += 1
        digest = hashlib.sha256(head.encode("ascii") + _canonical(seq, row)).hexdigest()
        conn.execute(sa.text("UPDATE audit_events SET chain_seq = :seq, prev_hash = :prev, hash = :hash WHERE id = :id")
                     .bindparams(seq=seq, prev=head, hash=digest, id=row.id))
        head = digest
    return seq, head


def _drop_old_triggers(postgresql: bool) -> None:
    if postgresql:
        op.execute("DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events")
        op.execute("DROP FUNCTION IF EXISTS audit_events_append_only()")
        return
    for event in ("update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS audit_events_no_{event}")


def _sqlite_triggers() -> None:
    for event in ("UPDATE", "DELETE"):
        op.execute(f"""
            CREATE TRIGGER audit_events_no_{event.lower()} BEFORE {event} ON audit_events
            BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END
        """)
    # REPLACE deletes the old row without firing delete triggers (recursive_triggers is off):
    # refuse any insert that does not come after every existing event.  (Before an insert SQLite
    # shows NEW.id as -1 while the id is still to be assigned.)
    op.execute(f"""
        CREATE TRIGGER audit_events_no_replace BEFORE INSERT ON audit_events
        WHEN NEW.id <> -1 AND NEW.id <= (SELECT coalesce(max(id), 0) FROM audit_events)
        BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END
    """)


def _postgresql_triggers() -> None:
    op.execute(f"""
        CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                IF NEW.id <= (SELECT coalesce(max(id), 0) FROM audit_events) THEN
                    RAISE EXCEPTION '{_MESSAGE}';
                END IF;
                RETURN NEW;
            END IF;
            RAISE EXCEPTION '{_MESSAGE}';
        END;
        $$
    """)
    op.execute("""
        CREATE TRIGGER audit_events_append_only BEFORE INSERT OR UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()
    """)
    op.execute("""
        CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()
    """)


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.execute("DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events")
        op.execute("DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events")
        op.execute("DROP FUNCTION IF EXISTS audit_events_append_only()")
    else:
        for name in ("update", "delete", "replace"):
            op.execute(f"DROP TRIGGER IF EXISTS audit_events_no_{name}")
    op.drop_table("audit_chain")
    op.drop_index("uq_audit_events_chain_seq", table_name="audit_events")
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_column("hash")
        batch.drop_column("prev_hash")
        batch.drop_column("chain_seq")
    # back to 0002's triggers
    if postgresql:
        op.execute(f"""
            CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION '{_MESSAGE}'; END; $$
        """)
        op.execute("""CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
                      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()""")
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(f"""CREATE TRIGGER audit_events_no_{event.lower()} BEFORE {event} ON audit_events
                           BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END""")
