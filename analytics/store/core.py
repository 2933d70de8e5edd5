"""What the account, session, rules and link stores need of the `Store` they work beside.

They run their statements on the Store's engine and inside its write transactions, and record their
events through its audit writer.  Typed here as a protocol so that they depend on this contract,
not on `analytics.store.reports` (which opens them): the package has no import circle.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any, Protocol

import pandas as pd
from sqlalchemy import Select
from sqlalchemy.engine import Connection, Engine

from analytics.access.roles import Actor


class StoreCore(Protocol):
    engine: Engine
    dialect: str
    require_actor: bool

    def _write(self) -> AbstractContextManager[Connection]:
        """One write transaction; commits on success, else rolls back."""

    def _read(self, statement: Select[Any]) -> pd.DataFrame:
        """The statement's rows as a frame (untyped columns)."""

    def _audit(self, conn: Connection, *, actor: Actor | str, action: str, target: str = "", outcome: str = "ok",
               detail: dict[str, Any] | None = None, bump_version: bool = True) -> None:
        """Record an event inside `conn`'s transaction (and bump the data version)."""

    def _lock_unit(self, conn: Connection, unit_kode: str) -> None:
        """Serialise writers of one unit."""

    def record_event(self, *, actor: Actor | str, action: str, target: str = "", outcome: str = "ok",
                     detail: dict[str, Any] | None = None, bump_version: bool = True) -> None:
        """Add one audit event in a transaction of its own."""


__all__ = ["StoreCore"]
