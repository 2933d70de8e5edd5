"""Checking and storing many workbooks: read + validate in limited worker processes
(analytics.intake.sandbox), store in one writer.

Reading and validating is CPU-bound Python and parallelises across cores; storing goes through
the single store (one transaction per unit and year) while the workers read the next files.
Results come back in the order of the files, so reports read the same however many workers ran.
A file that crashes or exhausts its worker gets one verdict; the batch goes on.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

from analytics.access import Actor, PermissionDenied
from analytics.intake.model import WorkbookResult
from analytics.intake.sandbox import Check, Limits, Sandbox, WorkbookCheck

Rosters = dict[str, set[str]]


class ReportStore(Protocol):
    """What ingesting needs of the store (`analytics.store.Store`): typed here, so that the intake
    never imports the storage layer above it; the store is handed in by the caller."""

    def units(self) -> pd.DataFrame: ...

    def officials(self) -> pd.DataFrame: ...

    def store_many(self, submissions: Any, *, actor: Actor | str, source: str) -> list[Any]: ...


@dataclass
class IngestOutcome:
    result: WorkbookResult
    stored: list[Any] = field(default_factory=list)  # analytics.store.StoreResult, one per unit and year
    refused: PermissionDenied | None = None  # the actor may not store this file's unit(s): nothing stored
    not_stored: str = ""  # a sound file the store could not take (full disk, lost connection): why


def rosters_of(store: ReportStore) -> Rosters:
    """Every unit's stored officials' NIPs, read once for a whole batch."""
    officials = store.officials()
    if officials.empty:
        return {}
    return {kode: set(nips) for kode, nips in officials.groupby("unit_kode")["nip"]}


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def check_paths(paths: Iterable[Path], units: pd.DataFrame, *, rosters: Rosters | None = None,
                workers: int | None = None, engine: str = "calamine", check: Check | None = None,
                limits: Limits | None = None) -> Iterator[WorkbookResult]:
    """Validate files in limited worker processes; results in the order of `paths`.  `check`
    replaces the contract's workbook check (another reader), under the same limits."""
    paths = list(paths)
    check = check or WorkbookCheck(units, rosters or {}, engine)
    with Sandbox(check, workers=min(workers or default_workers(), max(1, len(paths))), limits=limits) as sandbox:
        yield from sandbox.check_all((Path(p).name, Path(p)) for p in paths)


def ingest_paths(paths: Iterable[Path], store: ReportStore, *, actor: Actor | str, source: str = "upload",
                 workers: int | None = None, engine: str = "calamine") -> list[IngestOutcome]:
    """Validate every file and store each one that has no error (per unit and year, one
    transaction each). A file with an error stores nothing.

    When the store fails (a full disk, a lost connection), that file's transaction is rolled back,
    nothing more is stored, and every later sound file says so: the report then shows what was
    stored and what was not, and no traceback."""
    outcomes: list[IngestOutcome] = []
    failure = ""
    for result in check_paths(paths, store.units(), rosters=rosters_of(store), workers=workers,
                              engine=engine):
        outcome = IngestOutcome(result)
        outcomes.append(outcome)
        if not result.ok:
            continue
        if failure:
            outcome.not_stored = failure
            continue
        try:  # store_many checks every unit of the file before storing any
            outcome.stored = store.store_many(result.submissions, actor=actor, source=source)
        except PermissionDenied as refusal:
            outcome.refused = refusal
        except Exception as error:  # noqa: BLE001 — the database's own errors, whatever the driver
            failure = outcome.not_stored = store_failure(error)
    return outcomes


def store_failure(error: BaseException) -> str:
    """One line for a store that failed: the driver's first line, without its SQL and parameters."""
    cause = getattr(error, "orig", None) or error
    first = (str(cause).strip().splitlines() or [type(cause).__name__])[0]
    return f"{type(cause).__name__}: {first[:300]}"
