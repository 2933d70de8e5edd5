"""Searching the audit log: by time, who, what, outcome and free text, filtered in the database.

The log only grows (triggers of migration 0002_access refuse UPDATE and DELETE), so the admin page
asks the database for the slice it shows instead of reading every event into memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy import or_, select

from analytics.store import frames
from analytics.store.core import StoreCore
from analytics.store.frames import AUDIT_COLUMNS
from analytics.store.schema import audit_events


@dataclass(frozen=True)
class AuditFilter:
    since: datetime | None = None  # naive UTC, inclusive
    until: datetime | None = None  # naive UTC, exclusive
    actor: str = ""  # exact user name ("" = anyone)
    action: str = ""  # an action or its family: "store" matches "store.stored", "store.replaced", ...
    outcome: str = ""  # "ok", "failed", "denied", "locked", "refused", ...
    text: str = ""  # found anywhere in the target or the detail
    limit: int = 5000


def search_audit(store: StoreCore, wanted: AuditFilter) -> pd.DataFrame:
    """Events matching `wanted`, newest first (columns of `Store.audit_log`)."""
    a = audit_events
    statement = select(*(a.c[name] for name in AUDIT_COLUMNS)).order_by(a.c.id.desc()).limit(max(1, wanted.limit))
    if wanted.since is not None:
        statement = statement.where(a.c.at >= wanted.since)
    if wanted.until is not None:
        statement = statement.where(a.c.at < wanted.until)
    if wanted.actor:
        statement = statement.where(a.c.actor == wanted.actor)
    if wanted.action:
        statement = statement.where(or_(a.c.action == wanted.action,
                                        a.c.action.startswith(wanted.action.rstrip(".") + ".", autoescape=True)))
    if wanted.outcome:
        statement = statement.where(a.c.outcome == wanted.outcome)
    if wanted.text:
        statement = statement.where(or_(a.c.target.contains(wanted.text, autoescape=True),
                                        a.c.detail.contains(wanted.text, autoescape=True)))
    return frames.typed_audit(store._read(statement))


def audit_choices(store: StoreCore) -> dict[str, list[str]]:
    """The actors, actions and outcomes that occur, for the filter drop-downs."""
    a = audit_events
    with store.engine.connect() as conn:
        return {name: sorted(str(v) for v in conn.execute(select(a.c[name]).distinct()).scalars())
                for name in ("actor", "action", "outcome")}
