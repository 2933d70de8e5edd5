"""The Store: stored reports (submissions) with their versions, and every read of the data.

A SQLite file by default, PostgreSQL when ``DATABASE_URL`` says so; the same code and the same
Alembic migrations serve both.  Every statement is built with SQLAlchemy Core, so every value
travels as a bound parameter.

What the rest of the app relies on:

* Storing a validated workbook (`Store.store_submission`) is one transaction.  It replaces that
  unit's data for that year, keeps the earlier versions in the history, and does nothing (but say
  so) when the current version has the same content hash.  Failure anywhere leaves the previous
  data exactly as it was.
* Two writers never corrupt each other: on PostgreSQL the unit's row is locked with
  ``SELECT ... FOR UPDATE``; on SQLite every write transaction starts with ``BEGIN IMMEDIATE`` (the
  pysqlite recipe of the SQLAlchemy docs), so writers queue on the database lock instead of
  deadlocking on a lock upgrade.  A partial unique index guarantees at most one current
  submission per unit and year whatever happens.
* Every write records an audit event and bumps `data_version()` in the same transaction; the app
  keys its caches by that number.
* Every write takes an `actor` and checks its permission first (`analytics.access`): an operator's
  workbook for another unit is refused, and the refusal audited, before anything is stored.  A
  plain name instead of an `Actor` means the local administrator (CLI, scripts), unless the store
  was opened with ``require_actor=True`` (the signed-in app), where it is refused.
* Reads return DataFrames with the columns and dtypes of docs/frames.md.

The value conversions on either side (frames <-> row dicts) live in `analytics.store.frames`, and the
unit list is read and checked by `analytics.intake.units`; every statement is built and run here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from alembic import command
from sqlalchemy import Select, bindparam, delete, exists, func, insert, or_, select, text, update
from sqlalchemy.engine import Connection, Engine

from analytics.access.guard import actor_name, audit_detail, authorize
from analytics.access.roles import Actor, Permission
from analytics.intake.model import SUMBER_IID, SUMBER_LAPORAN, SubmissionData
from analytics.intake.units import UNIT_COLUMNS, UNITS_CSV, UnitDirectory, clean_units, read_units_csv
from analytics.store import audit_chain, frames
from analytics.store.engine import (
    BOOTSTRAP_LOCK_KEY,
    WRITE_OPTION,
    alembic_config,
    create_store_engine,
    default_database_url,
    insert_many,
    new_sqlite_files,
    normalise_url,
)
from analytics.store.frames import AUDIT_COLUMNS, HISTORY_COLUMNS, INNOVATION_KINDS, OFFICIAL_KINDS
from analytics.store.results import StoreError, StoreResult, UnknownSubmissionError, UnknownUnitError
from analytics.store.schema import (
    INNOVATION_FIELDS,
    OFFICIAL_FIELDS,
    audit_events,
    innovations,
    officials,
    store_version,
    submissions,
    units,
)

if TYPE_CHECKING:
    from analytics.store.accounts import Accounts
    from analytics.store.aliases import UnitAliases
    from analytics.store.rules_versions import RulesVersions
    from analytics.store.sessions import Sessions

__all__ = [
    "AUDIT_COLUMNS", "DEFAULT_UNITS_CSV", "HISTORY_COLUMNS", "INNOVATION_KINDS", "OFFICIAL_KINDS",
    "UNIT_COLUMNS", "Store", "StoreError", "StoreResult", "UnknownSubmissionError", "UnknownUnitError",
    "alembic_config", "clean_units", "default_database_url", "normalise_url", "read_units_csv",
]

DEFAULT_UNITS_CSV = UNITS_CSV  # sample_data/units.csv


# ------------------------------------------------------------------------------------------------
class Store:
    """Submissions, their history and the audit trail, in SQLite or PostgreSQL.

    Thread-safe: one instance may serve all sessions of a Streamlit server (the engine pools
    connections; every method takes its own).  Several processes may share one database.
    """

    def __init__(self, url: str | None = None, *, units_csv: Path | None = None,
                 require_actor: bool = False) -> None:
        parsed = normalise_url(url or default_database_url())
        # True in the signed-in app: every write must carry an Actor (a bare name is refused).
        self.require_actor: bool = require_actor
        self.engine: Engine = create_store_engine(parsed)
        self._writer: Engine = self.engine.execution_options(**{WRITE_OPTION: True})
        self.dialect: str = self.engine.dialect.name
        # Shown in the interface and logs: never with the password.
        self.url: str = parsed.render_as_string(hide_password=True)
        new_file = new_sqlite_files(parsed)
        try:
            self._bootstrap(DEFAULT_UNITS_CSV if units_csv is None else Path(units_csv))
        except BaseException:
            # Creating a database is all or nothing: a file this call created is removed again
            # (on a full disk it used to stay behind without tables).  The migrations ran in one
            # transaction, so an existing database is left as it was.
            self.engine.dispose()
            for leftover in new_file:
                leftover.unlink(missing_ok=True)
            raise

    def close(self) -> None:
        """Release every pooled connection (tests call it before dropping their database)."""
        self.engine.dispose()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    # -- access: accounts, sessions and the rules in force live next door, on the same engine ------
    @property
    def accounts(self) -> Accounts:
        """Accounts, sign-in, sessions and lockout (`analytics.store.accounts`)."""
        from analytics.store.accounts import Accounts

        return Accounts(self)

    @property
    def sessions(self) -> Sessions:
        """Sign-in (password or SSO), lockout, session tokens and timeouts (`analytics.store.sessions`)."""
        from analytics.store.sessions import Sessions

        return Sessions(self)

    @property
    def aliases(self) -> UnitAliases:
        """Unit name aliases an admin confirmed and IID logins mapped (`analytics.store.aliases`)."""
        from analytics.store.aliases import UnitAliases

        return UnitAliases(self)

    def unit_directory(self) -> UnitDirectory:
        """The unit resolver over the unit list and every alias in force."""
        return UnitDirectory(self.units(), self.aliases.frame())

    @property
    def rules_versions(self) -> RulesVersions:
        """The rules file in force and its earlier versions (`analytics.store.rules_versions`)."""
        from analytics.store.rules_versions import RulesVersions

        return RulesVersions(self)

    # -- plumbing --------------------------------------------------------------------------------
    @property
    def _is_postgresql(self) -> bool:
        return self.dialect == "postgresql"

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One write transaction (SQLite: BEGIN IMMEDIATE); commits on success, else rolls back."""
        with self._writer.begin() as conn:
            yield conn

    def _read(self, statement: Select[Any]) -> pd.DataFrame:
        """The rows as a frame built column by column from the driver's plain tuples: SQLAlchemy's
        Row objects and per-value type processing (dates are text in SQLite) cost more than the
        query on 50,000 rows.  Callers give the columns their dtypes (`frames.typed*`)."""
        with self.engine.connect() as conn:
            result = conn.execute(statement)
            columns = list(result.keys())
            rows = result.cursor.fetchall()
        if not rows:
            return pd.DataFrame.from_records([], columns=columns)
        return pd.DataFrame(dict(zip(columns, map(list, zip(*rows)))), columns=columns)

    def _audit(self, conn: Connection, *, actor: Actor | str, action: str, target: str = "", outcome: str = "ok",
               detail: dict[str, Any] | None = None, bump_version: bool = True) -> None:
        """Record the event and bump the data version: the last statements of every write.

        Sign-in events pass ``bump_version=False``: they change no data, and a password guesser
        must not be able to empty every cache of the dashboard with each guess.
        """
        audit_chain.append(conn, postgresql=self._is_postgresql, at=frames.utcnow(), actor=actor_name(actor)[:200],
                           action=action, target=target or "", outcome=outcome,
                           detail=frames.to_json(audit_detail(actor, detail)))
        if bump_version:
            conn.execute(update(store_version).where(store_version.c.id == 1)
                         .values(version=store_version.c.version + 1))

    def _record_failure(self, *, actor: Actor | str, action: str, target: str, error: BaseException) -> None:
        """Audit a write that failed (in its own transaction; never hides the original error)."""
        with suppress(Exception):  # the original error is what the caller must see
            self.record_event(
                actor=actor, action=action, target=target, outcome="error",
                detail={"error": type(error).__name__, "message": str(error)[:500]},
            )

    def _lock_unit(self, conn: Connection, unit_kode: str) -> None:
        """Serialise writers of one unit (PostgreSQL: row lock; SQLite: BEGIN IMMEDIATE did it)."""
        statement = select(units.c.kode).where(units.c.kode == unit_kode)
        if self._is_postgresql:
            statement = statement.with_for_update()
        if conn.execute(statement).first() is None:
            raise UnknownUnitError(f"unit {unit_kode!r} tidak ada di daftar unit")

    def _bootstrap(self, units_csv: Path) -> None:
        """Migrate to the head and seed the unit list, once, whoever else starts at the same time."""
        with self._write() as conn:
            if self._is_postgresql:
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": BOOTSTRAP_LOCK_KEY})
            # "head", singular: the migrations form one line (a second head fails here, not silently).
            command.upgrade(alembic_config(connection=conn), "head")
            if units_csv.is_file() and conn.execute(select(func.count()).select_from(units)).scalar_one() == 0:
                rows = clean_units(read_units_csv(units_csv))
                if rows:
                    conn.execute(insert(units), rows)
                    self._audit(conn, actor="system", action="units.seed", target=units_csv.name,
                                detail={"units": len(rows)})

    # -- reads -----------------------------------------------------------------------------------
    def data_version(self) -> int:
        """A number that grows with every write; the app's cache key."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(store_version.c.version).where(store_version.c.id == 1)).scalar_one())

    def is_empty(self) -> bool:
        """True when nothing has ever been stored."""
        with self.engine.connect() as conn:
            return conn.execute(select(submissions.c.id).limit(1)).first() is None

    def units(self) -> pd.DataFrame:
        statement = select(*(units.c[name] for name in UNIT_COLUMNS)).order_by(units.c.kode)
        return frames.typed_units(self._read(statement))

    def years(self) -> list[int]:
        """Years that have current data, ascending."""
        statement = select(submissions.c.tahun).where(submissions.c.is_current).distinct().order_by(submissions.c.tahun)
        with self.engine.connect() as conn:
            return [int(v) for v in conn.execute(statement).scalars()]

    def innovations(self, tahun: int | None = None) -> pd.DataFrame:
        """Innovations of the current submission of every unit (and year, unless `tahun`): the
        unit's own report where it has one, else its IID import (column `sumber` says which)."""
        return self._current_rows(innovations, INNOVATION_FIELDS, INNOVATION_KINDS, tahun)

    def officials(self, tahun: int | None = None) -> pd.DataFrame:
        """Officials of the current submission of every unit (and year, unless `tahun`)."""
        return self._current_rows(officials, OFFICIAL_FIELDS, OFFICIAL_KINDS, tahun)

    def iid_innovations(self, tahun: int | None = None) -> pd.DataFrame:
        """The current IID import's rows of every unit, whether or not its own report wins."""
        return self._current_rows(innovations, INNOVATION_FIELDS, INNOVATION_KINDS, tahun, sumber=SUMBER_IID)

    def report_innovations(self, tahun: int | None = None) -> pd.DataFrame:
        """The units' own reports only (no IID import), for reconciliation."""
        return self._current_rows(innovations, INNOVATION_FIELDS, INNOVATION_KINDS, tahun,
                                  sumber=SUMBER_LAPORAN)

    def submission_innovations(self, submission_id: int) -> pd.DataFrame:
        """The innovations of any version, current or not (for the history view)."""
        return self._version_rows(innovations, INNOVATION_FIELDS, INNOVATION_KINDS, submission_id)

    def submission_officials(self, submission_id: int) -> pd.DataFrame:
        """The officials of any version, current or not."""
        return self._version_rows(officials, OFFICIAL_FIELDS, OFFICIAL_KINDS, submission_id)

    @staticmethod
    def _detail_select(table: Any, fields: Iterable[str]) -> Select[Any]:
        """The columns of an innovations or officials frame (docs/frames.md), from `table`."""
        return select(table.c.id, table.c.submission_id, table.c.unit_kode, table.c.tahun,
                      *(table.c[name] for name in fields))

    def _current_rows(self, table: Any, fields: Iterable[str], kinds: dict[str, str],
                      tahun: int | None, *, sumber: str | None = None) -> pd.DataFrame:
        """Rows of current submissions. Without `sumber`: per unit and year the one source whose
        figures count (the unit's own report wins over an IID import)."""
        s = submissions
        statement = (
            self._detail_select(table, fields)
            .add_columns(s.c.sumber)
            .join(s, s.c.id == table.c.submission_id)
            .where(s.c.is_current)
            .order_by(table.c.unit_kode, table.c.tahun, table.c.baris, table.c.id)
        )
        if sumber is not None:
            statement = statement.where(s.c.sumber == sumber)
        else:
            report = s.alias("own_report")
            has_report = exists().where(report.c.unit_kode == s.c.unit_kode, report.c.tahun == s.c.tahun,
                                        report.c.is_current, report.c.sumber == SUMBER_LAPORAN)
            statement = statement.where(or_(s.c.sumber == SUMBER_LAPORAN, ~has_report))
        if tahun is not None:
            statement = statement.where(submissions.c.tahun == int(tahun))
        return frames.typed(self._read(statement), kinds)

    def _version_rows(self, table: Any, fields: Iterable[str], kinds: dict[str, str],
                      submission_id: int) -> pd.DataFrame:
        statement = (
            self._detail_select(table, fields)
            .where(table.c.submission_id == int(submission_id))
            .order_by(table.c.baris, table.c.id)
        )
        return frames.typed(self._read(statement), kinds)

    def roster(self, unit_kode: str) -> set[str]:
        """NIPs of the unit's officials in its current submissions (any year)."""
        statement = (
            select(officials.c.nip)
            .join(submissions, submissions.c.id == officials.c.submission_id)
            .where(submissions.c.is_current, submissions.c.unit_kode == unit_kode)
            .distinct()
        )
        with self.engine.connect() as conn:
            return set(conn.execute(statement).scalars())

    def history(self, unit_kode: str | None = None, tahun: int | None = None) -> pd.DataFrame:
        """Every stored version, newest first, with who uploaded it, when, and whether it is current."""
        s = submissions
        statement = (
            select(
                s.c.id.label("submission_id"), s.c.unit_kode, units.c.nama.label("unit_nama"), s.c.tahun,
                s.c.is_current, s.c.uploaded_by, s.c.uploaded_at, s.c.file_name, s.c.content_hash,
                s.c.source, s.c.sumber, s.c.jumlah_inovasi.label("innovations"),
                s.c.jumlah_pejabat.label("officials"),
            )
            .join_from(s, units, units.c.kode == s.c.unit_kode, isouter=True)
            .order_by(s.c.id.desc())
        )
        if unit_kode is not None:
            statement = statement.where(s.c.unit_kode == unit_kode)
        if tahun is not None:
            statement = statement.where(s.c.tahun == int(tahun))
        return frames.typed_history(self._read(statement))

    def audit_chain_head(self) -> audit_chain.ChainHead:
        """The audit chain's head (events and last hash): the nightly backup records it."""
        return audit_chain.chain_head(self)

    def verify_audit_chain(self) -> audit_chain.ChainReport:
        """Walk the audit log's hash chain; the first event changed, removed or inserted."""
        return audit_chain.verify(self)

    def audit_log(self, limit: int | None = None) -> pd.DataFrame:
        """Audit events, newest first; `detail` is JSON text."""
        statement = select(*(audit_events.c[name] for name in AUDIT_COLUMNS)).order_by(audit_events.c.id.desc())
        if limit is not None:
            statement = statement.limit(int(limit))
        return frames.typed_audit(self._read(statement))

    # -- writes ----------------------------------------------------------------------------------
    def record_event(self, *, actor: Actor | str, action: str, target: str = "", outcome: str = "ok",
                     detail: dict[str, Any] | None = None, bump_version: bool = True) -> None:
        """Add one audit event (sign-ins, exports, refused uploads, ...); events that change no data
        (an export) pass ``bump_version=False`` so the app's caches stay valid."""
        with self._write() as conn:
            self._audit(conn, actor=actor, action=action, target=target, outcome=outcome, detail=detail,
                        bump_version=bump_version)

    def replace_units(self, frame: pd.DataFrame, *, actor: Actor | str) -> None:
        """Make the unit list equal to `frame`: upsert by kode; units no longer listed are deleted,
        or only marked inactive when submissions refer to them (their history must keep a name)."""
        actor = authorize(self, actor, Permission.MANAGE_UNITS, target="units")
        rows = clean_units(frame)
        with self._write() as conn:
            if self._is_postgresql:
                # Serialise against another replace_units/seed; submissions may go on meanwhile.
                conn.execute(text("LOCK TABLE units IN SHARE ROW EXCLUSIVE MODE"))
            existing = set(conn.execute(select(units.c.kode)).scalars())
            listed = {row["kode"] for row in rows}
            new_rows = [row for row in rows if row["kode"] not in existing]
            old_rows = [{f"b_{key}": value for key, value in row.items()} for row in rows if row["kode"] in existing]
            if new_rows:
                conn.execute(insert(units), new_rows)
            if old_rows:
                conn.execute(
                    update(units)
                    .where(units.c.kode == bindparam("b_kode"))
                    .values({name: bindparam(f"b_{name}") for name in UNIT_COLUMNS if name != "kode"}),
                    old_rows,
                )
            gone = sorted(existing - listed)
            referenced: list[str] = []
            if gone:
                referenced = sorted(set(conn.execute(
                    select(submissions.c.unit_kode).where(submissions.c.unit_kode.in_(gone)).distinct()
                ).scalars()))
                if referenced:
                    conn.execute(update(units).where(units.c.kode.in_(referenced)).values(aktif=False))
                deletable = sorted(set(gone) - set(referenced))
                if deletable:
                    conn.execute(delete(units).where(units.c.kode.in_(deletable)))
            self._audit(conn, actor=actor, action="units.replace", target="units", detail={
                "added": len(new_rows), "updated": len(old_rows),
                "deleted": len(gone) - len(referenced), "deactivated": referenced,
            })

    def store_submission(self, sub: SubmissionData, *, actor: Actor | str, source: str = "upload") -> StoreResult:
        """Store one validated (unit, year) report in one transaction; see the module docstring."""
        target = f"{sub.unit_kode}/{sub.tahun}"
        actor = authorize(self, actor, Permission.STORE_SUBMISSION, target=target, unit=str(sub.unit_kode))
        try:
            with self._write() as conn:
                return self._store(conn, sub, actor=actor, source=source)
        except Exception as error:
            self._record_failure(actor=actor, action="store.failed", target=target, error=error)
            raise

    def store_many(self, subs: list[SubmissionData], *, actor: Actor | str,
                   source: str = "upload") -> list[StoreResult]:
        """Store several reports, each in its own transaction, in order (stops at the first error).

        Permission is checked for every unit first: a workbook that names another unit stores nothing.
        """
        targets = ", ".join(dict.fromkeys(f"{s.unit_kode}/{s.tahun}" for s in subs))
        actor = authorize(self, actor, Permission.STORE_SUBMISSION, target=targets,
                          units=[str(s.unit_kode) for s in subs])
        return [self.store_submission(sub, actor=actor, source=source) for sub in subs]

    def _store(self, conn: Connection, sub: SubmissionData, *, actor: Actor, source: str) -> StoreResult:
        s = submissions
        unit_kode, tahun = str(sub.unit_kode), int(sub.tahun)
        target = f"{unit_kode}/{tahun}"
        self._lock_unit(conn, unit_kode)
        sumber = sub.sumber
        current = conn.execute(
            select(s.c.id, s.c.content_hash, s.c.jumlah_inovasi, s.c.jumlah_pejabat)
            .where(s.c.unit_kode == unit_kode, s.c.tahun == tahun, s.c.sumber == sumber, s.c.is_current)
        ).first()
        if current is not None and current.content_hash == sub.content_hash:
            self._audit(conn, actor=actor, action="store.unchanged", target=target, detail={
                "submission_id": current.id, "file_name": sub.file_name,
                "content_hash": sub.content_hash, "source": source,
            })
            return StoreResult("unchanged", unit_kode, tahun, current.id,
                               current.jumlah_inovasi, current.jumlah_pejabat)
        n_innovations = sub.count("innovations")
        n_officials = sub.count("officials")
        if current is not None:
            conn.execute(update(s).where(s.c.id == current.id).values(is_current=False))
        submission_id = conn.execute(
            insert(s).values(
                unit_kode=unit_kode, tahun=tahun, file_name=sub.file_name or "",
                content_hash=sub.content_hash, uploaded_by=actor.name, uploaded_at=frames.utcnow(),
                source=source, is_current=True, jumlah_inovasi=n_innovations, sumber=sumber,
                jumlah_pejabat=n_officials, profil=frames.to_json(sub.profil),
            )
        ).inserted_primary_key[0]
        constants = {"submission_id": submission_id, "unit_kode": unit_kode, "tahun": tahun}
        self._insert_innovations(conn, frames.submission_rows(sub, "innovations", INNOVATION_KINDS, constants))
        self._insert_officials(conn, frames.submission_rows(sub, "officials", OFFICIAL_KINDS, constants))
        action = "stored" if current is None else "replaced"
        self._audit(conn, actor=actor, action=f"store.{action}", target=target, detail={
            "submission_id": submission_id,
            "previous_submission_id": None if current is None else current.id,
            "file_name": sub.file_name, "content_hash": sub.content_hash, "source": source,
            "sumber": sumber, "innovations": n_innovations, "officials": n_officials,
        })
        return StoreResult(action, unit_kode, tahun, submission_id, n_innovations, n_officials)

    def _insert_innovations(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        insert_many(conn, innovations, rows)

    def _insert_officials(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        insert_many(conn, officials, rows)

    def restore(self, submission_id: int, *, actor: Actor | str) -> StoreResult:
        """Make an earlier version current again for its unit and year (one transaction).

        Restoring the version that is already current changes nothing: action "unchanged".
        """
        actor = authorize(self, actor, Permission.RESTORE, target=f"submission/{submission_id}")
        try:
            with self._write() as conn:
                return self._restore(conn, int(submission_id), actor=actor)
        except Exception as error:
            self._record_failure(actor=actor, action="store.restore_failed",
                                 target=f"submission/{submission_id}", error=error)
            raise

    def _restore(self, conn: Connection, submission_id: int, *, actor: Actor) -> StoreResult:
        s = submissions
        wanted = conn.execute(
            select(s.c.unit_kode, s.c.tahun, s.c.sumber, s.c.jumlah_inovasi, s.c.jumlah_pejabat)
            .where(s.c.id == submission_id)
        ).first()
        if wanted is None:
            raise UnknownSubmissionError(f"tidak ada versi #{submission_id}")
        self._lock_unit(conn, wanted.unit_kode)
        target = f"{wanted.unit_kode}/{wanted.tahun}"
        same_slot = (s.c.unit_kode == wanted.unit_kode, s.c.tahun == wanted.tahun, s.c.sumber == wanted.sumber)
        current_id = conn.execute(select(s.c.id).where(*same_slot, s.c.is_current)).scalar_one_or_none()
        action = "unchanged" if current_id == submission_id else "restored"
        if action == "restored":
            conn.execute(update(s).where(*same_slot, s.c.is_current).values(is_current=False))
            conn.execute(update(s).where(s.c.id == submission_id).values(is_current=True))
        self._audit(conn, actor=actor, action=f"store.{action}", target=target, detail={
            "submission_id": submission_id, "previous_submission_id": current_id, "restore": True,
        })
        return StoreResult(action, wanted.unit_kode, int(wanted.tahun), submission_id,
                           wanted.jumlah_inovasi, wanted.jumlah_pejabat)
