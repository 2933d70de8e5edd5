"""Backups of the whole store, and restoring one into an empty database.

A backup is one SQLite file: every table of the store at one moment (the audit log, accounts and
their units, rules versions, link decisions, the unit list and every submission version with its
rows), the Alembic revisions it was made at, and a manifest (table ``kudus_backup``, also written
beside the file as ``FILE.manifest.json``).  Why this format:

* From SQLite it is SQLite's online backup API: a consistent page copy taken while the app runs.
* From PostgreSQL it is a *portable* copy of every table, read in one REPEATABLE READ snapshot and
  written into a SQLite file built by the same migrations.  pg_dump would tie a backup to the
  server's major version and to PostgreSQL itself; this file restores into SQLite or PostgreSQL
  alike (a laptop can open last night's server backup), needs no client binaries of the right
  version on the host, and any ``sqlite3`` shell can read it.  The data volume (tens of thousands
  of rows) makes the row-by-row copy a matter of seconds.

Restoring (`restore_backup`) runs in one transaction on the target, under the same lock that
migrations take, so a replica starting meanwhile waits: drop whatever an empty start created
(Alembic downgrade to base: tables, the audit log's append-only triggers), migrate to the backup's
revisions, copy the rows with their ids, set PostgreSQL's sequences past them, migrate on to the
code's heads, and check every row count against the manifest.  Any failure rolls it all back.
The audit log's triggers refuse UPDATE and DELETE only, so inserting the old events is allowed and
the log stays append-only.  Sign-in sessions are not part of a backup (after a restore everyone
signs in again).
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import MetaData, Table, create_engine, func, insert, inspect, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.engine.url import URL

from analytics import i18n
from analytics.store.engine import BOOTSTRAP_LOCK_KEY, WRITE_OPTION, alembic_config, create_store_engine, normalise_url
from analytics.store.schema import audit_chain

FORMAT = "kudus-backup"
FORMAT_VERSION = 1
MANIFEST_TABLE = "kudus_backup"
ALEMBIC_TABLE = "alembic_version"
# Not data: sign-in sessions end with a restore.
SKIPPED_TABLES = frozenset({"auth_sessions"})
# Tables whose rows a fresh start writes by itself (the seeded unit list, its audit event, the
# data-version counter): a database holding only these counts as empty.
SEED_TABLES = frozenset({"units", "store_version", "audit_events", "audit_chain"})
SEED_ACTIONS = ("units.seed",)
CHUNK_ROWS = 5000


class BackupError(i18n.CatalogueError):
    """A backup or restore that cannot be done; the message is bilingual (`message(lang)`)."""


@dataclass(frozen=True)
class RestoreResult:
    manifest: dict[str, Any]
    tables: dict[str, int]
    replaced: bool


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + ".manifest.json")


def audit_chain_head(conn: Connection) -> dict[str, Any] | None:
    """The head of the audit log's hash chain as the copy holds it, recorded in every manifest: a
    later rewrite of the whole log (every hash recomputed) still differs from what the nightly
    backups saw.  None for a database from before the chain (migration 0004_audit_chain)."""
    if not inspect(conn).has_table(audit_chain.name):
        return None
    row = conn.execute(select(audit_chain.c.last_seq, audit_chain.c.head_hash).where(audit_chain.c.id == 1)).first()
    return {"seq": int(row.last_seq), "hash": str(row.head_hash)} if row else None


# ------------------------------------------------------------------------------------------------
# Backup
# ------------------------------------------------------------------------------------------------
def backup(url: str | URL, output: Path) -> dict[str, Any]:
    """Write a backup of the database at `url` to `output` (atomically); return its manifest."""
    parsed = normalise_url(url)
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".part", dir=output.parent)
    os.close(handle)
    partial = Path(temporary)
    try:
        if parsed.get_backend_name() == "sqlite":
            manifest = _backup_sqlite(parsed, partial)
        else:
            manifest = _backup_portable(parsed, partial)
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    manifest_file = manifest_path(output)
    manifest_file.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return manifest


def _backup_sqlite(url: URL, partial: Path) -> dict[str, Any]:
    database = url.database or ""
    if database in {"", ":memory:"} or not Path(database).is_file():
        raise BackupError("backup.no_database", url=url.render_as_string(hide_password=True))
    source = sqlite3.connect(f"file:{Path(database).resolve()}?mode=ro", uri=True)
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy)  # SQLite's online backup API: one consistent snapshot, writers go on
        copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, not WAL
        for table in SKIPPED_TABLES:
            copy.execute(f'DELETE FROM "{table}"') if _sqlite_has_table(copy, table) else None
        copy.commit()
    finally:
        source.close()
        copy.close()
    return _seal(partial, url)


def _sqlite_has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def _backup_portable(url: URL, partial: Path) -> dict[str, Any]:
    """Every table read in one snapshot, copied into a SQLite file migrated like the source."""
    source = create_store_engine(url)
    container = _container_engine(partial)
    try:
        snapshot = source.execution_options(isolation_level="REPEATABLE READ")
        with snapshot.connect() as reader:
            reader.execute(text("SET TRANSACTION READ ONLY"))
            revisions = _revisions(reader)
            if not revisions:
                raise BackupError("backup.not_migrated", url=url.render_as_string(hide_password=True))
            with container.begin() as writer:
                _migrate_to(writer, revisions)
                source_tables = _tables(reader)
                target_tables = _tables(writer)
                _check_same_tables(source_tables, target_tables)
                for table in _data_tables(target_tables):
                    if table.name not in SKIPPED_TABLES:
                        _delete_seed_rows(writer, table)
                        _copy_rows(reader, source_tables.tables[table.name], writer, table)
            reader.rollback()
    finally:
        source.dispose()
        container.dispose()
    return _seal(partial, url)


def _seal(partial: Path, url: URL) -> dict[str, Any]:
    """Count the copy's rows, write the manifest into it, check it reads back whole."""
    container = _container_engine(partial)
    try:
        with container.begin() as conn:
            tables = _tables(conn)
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "created_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
                "source": {"dialect": url.get_backend_name(), "url": url.render_as_string(hide_password=True)},
                "schema_revision": sorted(_revisions(conn)),
                "tables": _row_counts(conn, tables),
                "data_version": _data_version(conn),
                "audit_chain_head": audit_chain_head(conn),
            }
            conn.execute(text(f'CREATE TABLE "{MANIFEST_TABLE}" (manifest TEXT NOT NULL)'))
            conn.execute(text(f'INSERT INTO "{MANIFEST_TABLE}" (manifest) VALUES (:m)'),
                         {"m": json.dumps(manifest, ensure_ascii=False)})
    finally:
        container.dispose()
    return manifest


# ------------------------------------------------------------------------------------------------
# Reading a backup
# ------------------------------------------------------------------------------------------------
def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest stored inside the backup; BackupError when the file is not a sound backup."""
    path = Path(path)
    if not path.is_file():
        raise BackupError("backup.missing", file=str(path))
    try:
        conn = sqlite3.connect(f"file:{path.resolve()}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError("backup.damaged", file=path.name)
            row = conn.execute(f'SELECT manifest FROM "{MANIFEST_TABLE}"').fetchone()
        finally:
            conn.close()
        manifest = json.loads(row[0])
    except (sqlite3.DatabaseError, TypeError, ValueError) as error:
        raise BackupError("backup.not_a_backup", file=path.name) from error
    if manifest.get("format") != FORMAT or manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError("backup.not_a_backup", file=path.name)
    return manifest


@contextmanager
def _open_backup(path: Path) -> Iterator[tuple[dict[str, Any], Connection]]:
    """The manifest and a read-only connection to the backup, checked against each other."""
    manifest = read_manifest(path)
    engine = _container_engine(Path(path), read_only=True)
    try:
        with engine.connect() as conn:
            counts = _row_counts(conn, _tables(conn))
            if counts != manifest["tables"] or sorted(_revisions(conn)) != manifest["schema_revision"]:
                raise BackupError("backup.damaged", file=Path(path).name)
            yield manifest, conn
    finally:
        engine.dispose()


def verify_backup(path: Path) -> dict[str, Any]:
    """Open the backup and check it is whole (integrity, manifest, counts); its manifest."""
    with _open_backup(path) as (manifest, _conn):
        _check_known_revisions(manifest, Path(path).name)
        return manifest


# ------------------------------------------------------------------------------------------------
# Restore
# ------------------------------------------------------------------------------------------------
def restore_backup(path: Path, url: str | URL, *, replace: bool = False) -> RestoreResult:
    """Restore the backup at `path` into the database at `url`, which must be empty (as a fresh
    start leaves it) unless `replace`: then everything in it is dropped first.  All or nothing."""
    path = Path(path)
    target = create_store_engine(normalise_url(url)).execution_options(**{WRITE_OPTION: True})
    try:
        with _open_backup(path) as (manifest, source), target.begin() as conn:
            _check_known_revisions(manifest, path.name)
            if conn.dialect.name == "postgresql":
                # The lock migrations take: replicas starting now wait until the restore is done.
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": BOOTSTRAP_LOCK_KEY})
            had_data = _holds_data(conn)
            if had_data and not replace:
                raise BackupError("restore.not_empty")
            _drop_everything(conn)
            _migrate_to(conn, manifest["schema_revision"])
            source_tables, target_tables = _tables(source), _tables(conn)
            _check_same_tables(source_tables, target_tables)
            for table in _data_tables(target_tables):
                if table.name in SKIPPED_TABLES:
                    continue
                _delete_seed_rows(conn, table)
                _copy_rows(source, source_tables.tables[table.name], conn, table)
            if conn.dialect.name == "postgresql":
                _advance_sequences(conn, target_tables)
            counts = _row_counts(conn, _tables(conn))
            if counts != manifest["tables"]:
                raise BackupError("restore.count_mismatch", file=path.name)
            command.upgrade(alembic_config(connection=conn), "head")
    finally:
        target.engine.dispose()
    return RestoreResult(manifest=manifest, tables=counts, replaced=had_data)


def _holds_data(conn: Connection) -> bool:
    """Anything beyond what a fresh start writes by itself (seeded units, their audit event)."""
    tables = _tables(conn)
    for table in _data_tables(tables):
        if table.name in SKIPPED_TABLES:
            continue
        if table.name == "audit_events":
            statement = select(func.count()).select_from(table).where(table.c.action.not_in(SEED_ACTIONS))
        elif table.name in SEED_TABLES:
            continue
        else:
            statement = select(func.count()).select_from(table)
        if conn.execute(statement).scalar_one():
            return True
    return False


def _drop_everything(conn: Connection) -> None:
    """Undo every migration (tables, triggers, functions), then drop anything left over."""
    if _revisions(conn):
        command.downgrade(alembic_config(connection=conn), "base")
    leftovers = _tables(conn)
    leftovers.drop_all(conn)


def _delete_seed_rows(conn: Connection, table: Table) -> None:
    """Rows that migrations themselves insert (store_version's counter row, the audit chain's head
    row) make way for the backup's.  (The audit log is empty here: migrations write no events.)"""
    if table.name in ("store_version", "audit_chain"):
        conn.execute(table.delete())


def _advance_sequences(conn: Connection, tables: MetaData) -> None:
    """Explicit ids were inserted: each serial column's sequence must continue after them."""
    for table in tables.sorted_tables:
        for column in table.primary_key.columns:
            sequence = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                    {"t": table.name, "c": column.name}).scalar_one()
            if sequence:
                highest = f'(SELECT max("{column.name}") FROM "{table.name}")'
                conn.execute(text(f"SELECT setval(:s, coalesce({highest}, 0) + 1, false)"), {"s": sequence})


# ------------------------------------------------------------------------------------------------
# Shared plumbing
# ------------------------------------------------------------------------------------------------
def _container_engine(path: Path, *, read_only: bool = False) -> Engine:
    if read_only:
        location = f"file:{path.resolve()}?mode=ro"
        return create_engine("sqlite://", creator=lambda: sqlite3.connect(location, uri=True))
    return create_store_engine(URL.create("sqlite", database=str(path)))


def _revisions(conn: Connection) -> list[str]:
    if ALEMBIC_TABLE not in _table_names(conn):
        return []
    return [str(v) for v in conn.execute(text(f"SELECT version_num FROM {ALEMBIC_TABLE}")).scalars()]


def _table_names(conn: Connection) -> set[str]:
    return set(inspect(conn).get_table_names())


def _tables(conn: Connection) -> MetaData:
    metadata = MetaData()
    metadata.reflect(conn)
    return metadata


def _data_tables(metadata: MetaData) -> list[Table]:
    """The store's tables in foreign-key order (parents first), without bookkeeping tables."""
    return [t for t in metadata.sorted_tables if t.name not in {ALEMBIC_TABLE, MANIFEST_TABLE}]


def _row_counts(conn: Connection, metadata: MetaData) -> dict[str, int]:
    return {t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
            for t in _data_tables(metadata)}


def _data_version(conn: Connection) -> int | None:
    if "store_version" not in _table_names(conn):
        return None
    value = conn.execute(text("SELECT version FROM store_version WHERE id = 1")).scalar()
    return None if value is None else int(value)


def _check_same_tables(source: MetaData, target: MetaData) -> None:
    missing = {t.name for t in _data_tables(source)} ^ {t.name for t in _data_tables(target)}
    if missing:
        raise BackupError("backup.schema_mismatch", tables=", ".join(sorted(missing)))


def _check_known_revisions(manifest: dict[str, Any], file_name: str) -> None:
    script = ScriptDirectory.from_config(alembic_config())
    for revision in manifest["schema_revision"]:
        try:
            script.get_revision(revision)
        except CommandError as error:
            raise BackupError("restore.newer_schema", file=file_name, revision=revision) from error


def _migrate_to(conn: Connection, revisions: list[str]) -> None:
    cfg = alembic_config(connection=conn)
    for revision in revisions:
        command.upgrade(cfg, revision)


def _copy_rows(reader: Connection, source: Table, writer: Connection, target: Table) -> None:
    """All rows of `source` into `target`, ids included, in primary-key order, in chunks."""
    columns = [c.name for c in target.columns]
    missing = [name for name in columns if name not in source.c]
    if missing:
        raise BackupError("backup.schema_mismatch", tables=f"{target.name}.{','.join(missing)}")
    statement = select(*(source.c[name] for name in columns)).order_by(*source.primary_key.columns)
    result = reader.execution_options(yield_per=CHUNK_ROWS).execute(statement)
    for chunk in result.partitions():
        writer.execute(insert(target), [dict(zip(columns, row)) for row in chunk])
