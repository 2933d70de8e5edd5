"""Engine set-up and bulk inserts for the store: the driver-level plumbing of analytics.store.

SQLite gets WAL, foreign keys, a busy timeout and BEGIN IMMEDIATE for writers (SQLAlchemy's
documented pysqlite recipe); PostgreSQL gets a pre-pinged pool.  Bulk rows go to the driver's
executemany with the INSERT compiled once.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import Table, create_engine, event, insert
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.engine.url import URL
from sqlalchemy.pool import StaticPool

SQLITE_BUSY_TIMEOUT_S = 30
# Execution option that marks a connection as a writer (SQLite: BEGIN IMMEDIATE).
WRITE_OPTION = "kudus_write"


def insert_many(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """executemany straight to the driver, with the statement compiled once by SQLAlchemy.

    SQLAlchemy's per-row parameter processing costs more than SQLite's own insert for a bulk
    upload; the values are already plain Python (analytics.store.frames).  Dates go to SQLite as the ISO
    text its Date type reads back (the adapter registered below); psycopg takes them natively.
    """
    if not rows:
        return
    sql, order = _compiled_insert(conn.dialect, table, tuple(rows[0]))
    conn.exec_driver_sql(sql, rows if order is None else list(map(itemgetter(*order), rows)))


_COMPILED_INSERTS: dict[tuple[str, str, tuple[str, ...]], tuple[str, tuple[str, ...] | None]] = {}


def _compiled_insert(dialect: Any, table: Table, keys: tuple[str, ...]) -> tuple[str, tuple[str, ...] | None]:
    """The INSERT text for these columns and, for positional drivers, the parameter order."""
    cache_key = (dialect.name, table.name, keys)
    if cache_key not in _COMPILED_INSERTS:
        compiled = insert(table).compile(dialect=dialect, column_keys=list(keys))
        order = tuple(compiled.positiontup or keys) if compiled.positional else None
        _COMPILED_INSERTS[cache_key] = (str(compiled), order)
    return _COMPILED_INSERTS[cache_key]


# A date as 'YYYY-MM-DD', the text SQLAlchemy's SQLite Date type writes and parses back (the
# implicit default adapter for dates is deprecated from Python 3.12; datetimes keep their own).
sqlite3.register_adapter(date, date.isoformat)


# ------------------------------------------------------------------------------------------------
# SQLite connection set-up (SQLAlchemy's documented pysqlite recipe)
# ------------------------------------------------------------------------------------------------
def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Take BEGIN away from the sqlite3 module (it would defer it past SELECTs and DDL) ...
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_S * 1000}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")  # safe with WAL; no fsync per commit
    finally:
        cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    # ... and emit it ourselves.  Writers take the write lock up front (IMMEDIATE): two deferred
    # transactions that both read and then try to write would otherwise deadlock (SQLITE_BUSY).
    writer = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")


def create_store_engine(url: URL) -> Engine:
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    database = url.database or ""
    in_memory = database in {"", ":memory:"} or url.query.get("mode") == "memory"
    kwargs: dict[str, Any] = {
        "connect_args": {"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False},
    }
    if in_memory:
        # One shared connection, or each pooled connection would see its own empty database.
        # (An in-memory store is for tests and demos in one thread.)
        kwargs["poolclass"] = StaticPool
    else:
        Path(database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, **kwargs)
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_on_begin)
    return engine
