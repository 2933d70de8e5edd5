"""Checking and storing many workbooks: read + validate in worker processes, store in one writer.

Reading and validating is CPU-bound Python and parallelises across cores; storing goes through
the single store (one transaction per unit and year) while the workers read the next files.
Results come back in the order of the files, so reports read the same however many workers ran.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pandas as pd

from analytics.access import Actor, PermissionDenied
from analytics.intake.model import SUMBER_IID, SubmissionData, WorkbookResult
from analytics.intake.typed import INOVASI_FRAME_COLUMNS, PEJABAT_FRAME_COLUMNS, typed_innovations, typed_officials
from analytics.intake.units import UnitDirectory
from analytics.intake.validation import validate_workbook

Rosters = dict[str, set[str]]


class ReportStore(Protocol):
    """What ingesting needs of the store (`analytics.store.Store`): typed here, so that the intake
    never imports the storage layer above it; the store is handed in by the caller."""

    def units(self) -> pd.DataFrame: ...

    def officials(self) -> pd.DataFrame: ...

    def store_many(self, submissions: Any, *, actor: Actor | str, source: str) -> list[Any]: ...

    def history(self, unit_kode: str | None = None, tahun: int | None = None) -> pd.DataFrame: ...

    @property
    def aliases(self) -> Any: ...  # analytics.store.aliases.UnitAliases: frame(), map_logins()

# State of a worker process, set once by _start_worker (a pool cannot pass it per task cheaply).
_worker: dict[str, object] = {}


@dataclass
class IngestOutcome:
    result: WorkbookResult
    stored: list[Any] = field(default_factory=list)  # analytics.store.StoreResult, one per unit and year
    refused: PermissionDenied | None = None  # the actor may not store this file's unit(s): nothing stored


def rosters_of(store: ReportStore) -> Rosters:
    """Every unit's stored officials' NIPs, read once for a whole batch."""
    officials = store.officials()
    if officials.empty:
        return {}
    return {kode: set(nips) for kode, nips in officials.groupby("unit_kode")["nip"]}


def _start_worker(units: pd.DataFrame, rosters: Rosters, engine: str, aliases: pd.DataFrame | None = None,
                  tahun: int | None = None) -> None:
    _worker.update(directory=UnitDirectory(units, aliases), rosters=rosters, engine=engine, tahun=tahun)


def _check_path(path: Path) -> WorkbookResult:
    rosters: Rosters = _worker["rosters"]  # type: ignore[assignment]
    return validate_workbook(Path(path).read_bytes(), Path(path).name, _worker["directory"],  # type: ignore[arg-type]
                             roster=lambda kode: rosters.get(kode, set()), engine=str(_worker["engine"]),
                             tahun=_worker.get("tahun"))  # type: ignore[arg-type]


def default_workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def check_paths(paths: Iterable[Path], units: pd.DataFrame, *, rosters: Rosters | None = None,
                workers: int | None = None, engine: str = "calamine",
                aliases: pd.DataFrame | None = None, tahun: int | None = None) -> Iterator[WorkbookResult]:
    """Validate files in worker processes; results in the order of `paths`. `aliases`: the unit
    aliases in force (store.aliases.frame()), so confirmed spellings resolve; `tahun`: the year of
    an IID export among the files."""
    paths = list(paths)
    workers = min(workers or default_workers(), max(1, len(paths)))
    if workers == 1:
        _start_worker(units, rosters or {}, engine, aliases, tahun)
        yield from map(_check_path, paths)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                             initargs=(units, rosters or {}, engine, aliases, tahun)) as pool:
        yield from pool.map(_check_path, paths, chunksize=4)


def store_result(result: WorkbookResult, store: ReportStore, *, actor: Actor | str,
                 source: str = "upload") -> list[Any]:
    """Store one checked file's submissions (raises PermissionDenied before storing any when the
    actor may not store one of its units).

    An IID export is a snapshot of the whole region for its year: a unit that had IID rows in the
    previous import and has none now gets an empty IID version (the old one stays in the history),
    and the IID logins of the file are remembered for their units."""
    subs = list(result.submissions)
    if result.sumber == SUMBER_IID and subs:
        subs += _vanished_units(store, subs)
    stored = store.store_many(subs, actor=actor, source=source)
    if result.sumber == SUMBER_IID:
        logins = [(login, sub.unit_kode) for sub in result.submissions for login in sub.profil.get("iid_logins", ())]
        store.aliases.map_logins(logins, actor=actor)
    return stored


def _vanished_units(store: ReportStore, subs: list[SubmissionData]) -> list[SubmissionData]:
    tahun = subs[0].tahun
    history = store.history(tahun=tahun)
    current = history[history["is_current"] & (history["sumber"] == SUMBER_IID)]
    present = {s.unit_kode for s in subs}
    empty_columns = {key: [] for key in [*INOVASI_FRAME_COLUMNS, "baris"]}
    empty_officials = {key: [] for key in [*PEJABAT_FRAME_COLUMNS, "baris"]}
    return [SubmissionData(kode, tahun, subs[0].file_name, f"iid:kosong:{kode}:{tahun}",
                           innovation_columns=empty_columns, official_columns=empty_officials,
                           frame_builders=(typed_innovations, typed_officials), sumber=SUMBER_IID)
            for kode in sorted(set(current["unit_kode"]) - present)]


def ingest_paths(paths: Iterable[Path], store: ReportStore, *, actor: Actor | str, source: str = "upload",
                 workers: int | None = None, engine: str = "calamine", tahun: int | None = None) -> list[IngestOutcome]:
    """Validate every file and store each one that has no error (per unit and year, one
    transaction each). A file with an error stores nothing."""
    outcomes = []
    for result in check_paths(paths, store.units(), rosters=rosters_of(store), workers=workers,
                              engine=engine, aliases=store.aliases.frame(), tahun=tahun):
        outcome = IngestOutcome(result)
        if result.ok:
            try:  # store_many checks every unit of the file before storing any
                outcome.stored = store_result(result, store, actor=actor, source=source)
            except PermissionDenied as refusal:
                outcome.refused = refusal
        outcomes.append(outcome)
    return outcomes
