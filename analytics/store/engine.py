"""Engine set-up and bulk inserts for the store: the driver-level plumbing of analytics.store;
where the database is (DATABASE_URL, else a SQLite file in KUDUS_DATA_DIR) and its migrations.

SQLite gets WAL, foreign keys, a busy timeout and BEGIN IMMEDIATE for writers (SQLAlchemy's
documented pysqlite recipe); PostgreSQL gets a pre-pinged pool.  Bulk rows go to the driver's
executemany with the INSERT compiled once.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from operator import itemgetter
from pathlib import Path
from typing import Any

from alembic.config import Config
from sqlalchemy import Table, create_engine, event, insert
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.engine.url import URL
from sqlalchemy.pool import StaticPool

STORE_DIR = Path(__file__).resolve().parent
REPO_ROOT = STORE_DIR.parents[1]
MIGRATIONS_DIR = STORE_DIR / "migrations"
DATABASE_FILE_NAME = "inovasi.sqlite"
# Key of the PostgreSQL advisory lock held while migrating and seeding (any constant will do).
BOOTSTRAP_LOCK_KEY = 0x4B55_4455_53  # "KUDUS"
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


# ------------------------------------------------------------------------------------------------
# Where the database is, and its migrations
# ------------------------------------------------------------------------------------------------
def default_database_url() -> str:
    """``DATABASE_URL`` if set; else the SQLite file ``$KUDUS_DATA_DIR/inovasi.sqlite``.

    ``KUDUS_DATA_DIR`` defaults to ``<repo>/data``; the directory is created here, on first use.
    """
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return url
    data_dir = Path(os.environ.get("KUDUS_DATA_DIR") or REPO_ROOT / "data").expanduser()
    data_dir.mkdir(parents=True, exist_ok=True)
    return URL.create("sqlite", database=str((data_dir / DATABASE_FILE_NAME).resolve())).render_as_string()


def normalise_url(url: str | URL) -> URL:
    """Parse `url`; a PostgreSQL URL without a driver gets psycopg 3 (the driver we ship)."""
    parsed = make_url(url)
    if parsed.drivername in {"postgres", "postgresql"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Config:
    """An Alembic Config for the migrations inside this package (no alembic.ini needed).

    With `connection`, migrations run on it, inside its transaction.  For new revisions from a
    shell: ``alembic.command.revision(alembic_config(url=...), "message")``.
    """
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("path_separator", "os")
    if url is not None:
        cfg.set_main_option("sqlalchemy.url", normalise_url(url).render_as_string(hide_password=False))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def new_sqlite_files(url: URL) -> list[Path]:
    """The SQLite files (database, journal, WAL) a store on `url` would create, when the database
    does not exist yet; [] for an existing one, memory or a server."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return []
    path = Path(url.database)
    if path.exists():
        return []
    return [path, *(path.with_name(path.name + suffix) for suffix in ("-journal", "-wal", "-shm"))]
