"""Reading untrusted files where a crash cannot hurt: worker processes with limits.

An uploaded workbook goes through a zip library, an XML parser and calamine (Rust).  Any of them
can be made to abort the whole process (a Rust allocation failure is an abort, not an exception),
to allocate without bound or to spin.  So every file is read and checked in a worker process:

- the worker's address space is capped (RLIMIT_AS: what it had when it started plus
  KUDUS_READ_MEMORY_MB), its CPU time per file too (RLIMIT_CPU: SIGXCPU ends it), and the parent
  waits at most KUDUS_READ_WALL_SECONDS per file before killing it;
- workers are forked from a small fork server (multiprocessing's "forkserver"), never from the
  app or the CLI themselves, so they inherit no database connection, lock or thread;
- a worker dies with its parent: PR_SET_PDEATHSIG (Linux) kills it when its parent goes, and the
  fork server ends when the process that started it ends (it watches a pipe), so `kill -9` of
  `ingest` leaves no worker behind; a worker waiting for work also ends when its pipe closes;
- whatever happens inside — an exception of any kind, a panic, an abort, a limit — the file gets
  ONE verdict (file.unreadable.*: its name, "could not be read", what to do), the worker is
  replaced, and the other files of the batch go on.

`Sandbox(check)` takes any picklable callable `check(data: bytes, file_name: str) ->
WorkbookResult`, so every reader (the .xlsx validator today, other formats tomorrow) runs under
the same limits; `WorkbookCheck` is the one for the contract's workbooks.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

import pandas as pd

from analytics.intake.model import ERROR, Issue, WorkbookResult

Check = Callable[[bytes, str], WorkbookResult]
Payload = bytes | Path  # the file's bytes (an upload) or its path (read inside the worker)

# Imported once by the fork server, so each worker starts in milliseconds.  Another reader's
# module may be added here; one that is not is imported by the worker on first use.
PRELOAD = ["analytics.intake.validation", "analytics.intake.sandbox"]
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Limits:
    memory_mb: int = 1024  # address space a worker may add to what it started with
    cpu_seconds: int = 60  # CPU time per file
    wall_seconds: int = 120  # time per file, measured by the parent

    @classmethod
    def from_env(cls) -> Limits:
        return cls(memory_mb=int(os.environ.get("KUDUS_READ_MEMORY_MB", cls.memory_mb)),
                   cpu_seconds=int(os.environ.get("KUDUS_READ_CPU_SECONDS", cls.cpu_seconds)),
                   wall_seconds=int(os.environ.get("KUDUS_READ_WALL_SECONDS", cls.wall_seconds)))


# --------------------------------------------------------------------------------------------
# The check the app and the CLI run: the contract's validator, with the store's data passed in
# --------------------------------------------------------------------------------------------
@dataclass
class WorkbookCheck:
    """validate_workbook with the unit list and every unit's roster, picklable (plain data), so
    it can travel to a worker; the unit directory is built once per worker."""

    units: pd.DataFrame
    rosters: dict[str, set[str]] = field(default_factory=dict)
    engine: str = "calamine"
    aliases: pd.DataFrame | None = None  # the unit aliases in force (store.aliases.frame())
    tahun: int | None = None  # the year of an IID export among the files
    _directory: Any = field(default=None, repr=False, compare=False)

    def __call__(self, data: bytes, file_name: str) -> WorkbookResult:
        from analytics.intake.units import UnitDirectory
        from analytics.intake.validation import validate_workbook

        if self._directory is None:
            self._directory = UnitDirectory(self.units, self.aliases)
        return validate_workbook(data, file_name, self._directory, engine=self.engine, tahun=self.tahun,
                                 roster=lambda kode: self.rosters.get(kode, set()))

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_directory": None}


# --------------------------------------------------------------------------------------------
# Verdicts for a file whose check did not come back
# --------------------------------------------------------------------------------------------
def unreadable(file_name: str, code: str, **params: Any) -> WorkbookResult:
    """The one verdict for a file that could not be read (code: memory, time or crash)."""
    from analytics.intake.workbook import safe_file_name

    name = safe_file_name(file_name)
    issue = Issue(ERROR, f"file.unreadable.{code}", name,
                  params=tuple(sorted({"file": name, **params}.items())))
    return WorkbookResult(name, "", issues=[issue])


def _death_verdict(file_name: str, exitcode: int | None, limits: Limits) -> WorkbookResult:
    if exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
        return unreadable(file_name, "time", limit_s=limits.cpu_seconds)
    try:
        detail = signal.Signals(-exitcode).name if exitcode and exitcode < 0 else f"exit {exitcode}"
    except ValueError:
        detail = f"signal {-exitcode}"
    return unreadable(file_name, "crash", detail=detail)


# --------------------------------------------------------------------------------------------
# Inside the worker
# --------------------------------------------------------------------------------------------
def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() == 1:  # the parent is already gone
        os._exit(0)


def _address_space() -> int:
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def _limit_memory(limits: Limits) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an abort leaves no core file behind
    budget = _address_space() + limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (budget, budget))


def _limit_cpu_from_now(limits: Limits) -> None:
    """RLIMIT_CPU counts the process's whole life: set the soft limit to what this file may add."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = math.ceil(usage.ru_utime + usage.ru_stime) + limits.cpu_seconds
    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    resource.setrlimit(resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))


def _quiet_stderr() -> None:
    """A panic or an allocation failure prints a Rust backtrace; the verdict says it instead."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)


def _settings() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k.startswith("KUDUS_")}


def _take_settings(settings: dict[str, str]) -> None:
    """The parent's KUDUS_* settings as they are now (the fork server kept those of its start)."""
    for key in [k for k in os.environ if k.startswith("KUDUS_")]:
        del os.environ[key]
    os.environ.update(settings)


def _serve(conn: Connection, check: Check, limits: Limits, settings: dict[str, str]) -> None:
    """The worker's loop: one file at a time until the pipe closes (the parent finished or died)."""
    _die_with_parent()
    _take_settings(settings)
    _quiet_stderr()
    if sys.platform != "win32":
        _limit_memory(limits)
    while True:
        try:
            name, payload = conn.recv()
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if sys.platform != "win32":
            _limit_cpu_from_now(limits)
        reply = _run_one(check, name, payload, limits)
        try:
            conn.send(reply)
        except MemoryError:
            conn.send(("verdict", unreadable(name, "memory", limit_mb=limits.memory_mb)))
        except Exception as exc:  # noqa: BLE001 — a result that cannot travel back (pickling)
            conn.send(("verdict", unreadable(name, "crash", detail=type(exc).__name__)))
        if reply[0] == "verdict":
            return  # after a MemoryError or a panic the worker's state is not trusted: replace it


def _run_one(check: Check, name: str, payload: Payload, limits: Limits) -> tuple[str, WorkbookResult]:
    try:
        data = payload.read_bytes() if isinstance(payload, Path) else payload
        return "result", check(data, name)
    except MemoryError:
        return "verdict", unreadable(name, "memory", limit_mb=limits.memory_mb)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # noqa: BLE001 — pyo3 panics derive from BaseException
        return "verdict", unreadable(name, "crash", detail=type(exc).__name__)


# --------------------------------------------------------------------------------------------
# The parent's side
# --------------------------------------------------------------------------------------------
def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


_START_LOCK = threading.Lock()


@contextlib.contextmanager
def _without_main_module() -> Iterator[None]:
    """Start a worker without multiprocessing's re-import of the parent's __main__.

    Under Streamlit, __main__ is the page script being run (the script runner installs it), and
    a spawned or fork-server child would run that script again before doing its job; under
    AppTest it fails outright.  The worker needs nothing from __main__ (its target and check are
    imported by module name), so the preparation data leaves it out."""
    from multiprocessing import spawn

    original = spawn.get_preparation_data

    def without_main(name: str) -> dict[str, Any]:
        data = original(name)
        data.pop("init_main_from_path", None)
        data.pop("init_main_from_name", None)
        return data

    with _START_LOCK:
        spawn.get_preparation_data = without_main
        try:
            yield
        finally:
            spawn.get_preparation_data = original


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    job: tuple[int, str] | None = None  # (index, file name) being checked
    deadline: float = 0.0


class Sandbox:
    """A few limited worker processes that check files and always answer, in the files' order.

        with Sandbox(WorkbookCheck(units, rosters), workers=2) as sandbox:
            for result in sandbox.check([(name, data_or_path), ...]):
                ...
    """

    def __init__(self, check: Check, *, workers: int = 1, limits: Limits | None = None) -> None:
        self.check, self.size = check, max(1, workers)
        self.limits = limits or Limits.from_env()
        self._context = _context()
        self._workers: list[_Worker] = []

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """End every worker (their memory goes back to the system with them)."""
        for worker in self._workers:
            worker.conn.close()
        for worker in self._workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
        self._workers = []

    def _start(self) -> _Worker:
        parent, child = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(child, self.check, self.limits, _settings()),
                                        name="kudus-read", daemon=True)
        with _without_main_module():
            process.start()
        child.close()
        return _Worker(process, parent)

    def _retire(self, worker: _Worker) -> None:
        worker.conn.close()
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        self._workers.remove(worker)

    def check_one(self, name: str, payload: Payload) -> WorkbookResult:
        return next(self.check_all([(name, payload)]))

    def check_all(self, files: Iterable[tuple[str, Payload]]) -> Iterator[WorkbookResult]:
        """Each file's result (or verdict), in the order given, as soon as it and those before it
        are done."""
        queue = list(enumerate(files))
        done: dict[int, WorkbookResult] = {}
        following, total = 0, len(queue)
        queue.reverse()
        while following < total:
            self._dispatch(queue)
            self._collect(done)
            while following in done:
                self._dispatch(queue)  # idle workers read on while the caller handles this result
                yield done.pop(following)
                following += 1

    def _dispatch(self, queue: list[tuple[int, tuple[str, Payload]]]) -> None:
        while queue and (len(self._workers) < self.size or any(w.job is None for w in self._workers)):
            idle = next((w for w in self._workers if w.job is None), None) or self._add_worker()
            index, (name, payload) = queue.pop()
            try:
                idle.conn.send((name, payload))
            except (OSError, ValueError):  # the idle worker died (its parent's limits, a kill)
                self._retire(idle)
                queue.append((index, (name, payload)))
                continue
            idle.job, idle.deadline = (index, name), time.monotonic() + self.limits.wall_seconds

    def _add_worker(self) -> _Worker:
        worker = self._start()
        self._workers.append(worker)
        return worker

    def _collect(self, done: dict[int, WorkbookResult]) -> None:
        busy = [w for w in self._workers if w.job is not None]
        if not busy:
            return
        timeout = max(0.0, min(w.deadline for w in busy) - time.monotonic())
        ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=timeout)
        for worker in busy:
            index, name = worker.job  # type: ignore[misc]
            if worker.conn in ready or worker.process.sentinel in ready:
                done[index] = self._answer(worker, name)
            elif time.monotonic() >= worker.deadline:
                self._retire(worker)
                done[index] = unreadable(name, "time", limit_s=self.limits.wall_seconds)

    def _answer(self, worker: _Worker, name: str) -> WorkbookResult:
        try:
            kind, result = worker.conn.recv()
        except (EOFError, OSError):
            worker.process.join()
            verdict = _death_verdict(name, worker.process.exitcode, self.limits)
            self._retire(worker)
            return verdict
        worker.job = None
        if kind == "verdict":
            self._retire(worker)
        return result
