"""Untrusted files are read in limited worker processes (analytics.intake.sandbox), and the reader's
own checks refuse what would make it allocate without bound.  Each test here is one finding of
the fuzzer (issue 12): before the fix it aborted the process, printed a traceback, disagreed
between `validate` and `ingest`, or left workers running after `kill -9`.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from mutants import date_cell, future_zip_version, huge_count, sound_workbook, xfd_workbook
from sandbox_checks import misbehave
from xlsx_helpers import UNITS

from analytics.intake import values
from analytics.intake.sandbox import Limits, Sandbox
from analytics.intake.validation import validate_workbook
from analytics.store import Store

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analytics", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env={**os.environ, **(env or {})})


# ---- the reader's own limits --------------------------------------------------------------------
def test_a_cell_at_xfd1048576_is_refused_before_the_reader_allocates(tmp_path: Path) -> None:
    """It made calamine ask for 549,755,813,888 bytes and abort the process (exit 134)."""
    path = tmp_path / "xfd.xlsx"
    path.write_bytes(xfd_workbook())
    assert len(path.read_bytes()) < 30_000
    done = cli("validate", str(path), "--json", "--lang", "en", "--db", f"sqlite:///{tmp_path / 'db.sqlite'}")
    assert done.returncode == 1, done.stderr[-2000:]
    [issue] = json.loads(done.stdout)["files"][0]["issues"]
    assert issue["code"] == "file.too_many_cells" and issue["sheet"] == "Inovasi"
    assert "Sheet 'Inovasi'" in issue["message"] and "1048576" in issue["message"]
    assert "Traceback" not in done.stderr and "panicked" not in done.stderr


@pytest.mark.parametrize("ref", ["A1:XFD5", "A1:X25000"])
def test_too_many_declared_columns_or_rows_are_refused(ref: str) -> None:
    from mutants import INOVASI_XML, declare_area, edit_member

    result = validate_workbook(edit_member(sound_workbook(), INOVASI_XML, declare_area(ref, with_cell=False)),
                               "luas.xlsx", UNITS)
    assert [i.code for i in result.errors] == ["file.too_many_cells"]


def test_a_sound_workbook_is_not_measured_as_large() -> None:
    assert validate_workbook(sound_workbook(), "baik.xlsx", UNITS).ok


@pytest.mark.parametrize("name, content", [
    ("version.xlsx", lambda: future_zip_version(sound_workbook())),  # NotImplementedError: zip file version 20.6
    ("minus-inf.xlsx", lambda: date_cell("-inf")),  # pyo3 PanicException: TimeDelta out of bounds
])
def test_a_broken_file_is_one_verdict_not_a_traceback(name: str, content) -> None:
    result = validate_workbook(content(), name, UNITS)
    assert [i.code for i in result.errors] == ["file.damaged"]


def test_a_shared_string_table_declaring_trillions_of_entries_is_refused_before_reading() -> None:
    """uniqueCount="4294967295999" made calamine reserve terabytes and abort."""
    import re

    from mutants import edit_member

    lying = edit_member(sound_workbook(), "xl/sharedStrings.xml",
                        lambda xml: re.sub(rb'uniqueCount="\d+"', b'uniqueCount="4294967295999"', xml))
    result = validate_workbook(lying, "teks.xlsx", UNITS)
    assert [i.code for i in result.errors] == ["file.damaged"]
    assert "uniqueCount" in result.errors[0].message("en")


def test_a_flipped_byte_in_the_zip_is_a_verdict() -> None:
    """zlib.error in the expansion check escaped as a traceback (17 mutants)."""
    import random

    from mutants import flip_compressed_bytes

    rng = random.Random(17)
    for _ in range(40):
        result = validate_workbook(flip_compressed_bytes(sound_workbook(), rng), "flip.xlsx", UNITS)
        assert result.errors, "a damaged file passed"


# ---- numbers beyond what the store holds ------------------------------------------------------
@pytest.mark.parametrize("raw", [1.2e29, 1e308, "1.000.000.000.000.000", 10**13])
def test_counts_beyond_the_store_are_refused(raw) -> None:
    assert values.parse_count(raw, column="Jumlah Replikasi").code == "cell.too_large"
    assert values.parse_count(10**12).value == 10**12


@pytest.mark.parametrize("raw", [float("inf"), float("-inf"), float("nan"), 1e308])
def test_money_and_dates_beyond_reason_are_refused(raw) -> None:
    assert values.parse_money(raw).code in ("cell.money", "cell.too_large")
    assert values.parse_date(raw).code in ("cell.date", "cell.date_range")


def test_validate_and_ingest_agree_on_a_huge_count(tmp_path: Path) -> None:
    """1.2e29 in Jumlah Replikasi passed validate and crashed ingest (OverflowError / bigint)."""
    path = tmp_path / "replikasi.xlsx"
    path.write_bytes(huge_count())
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    checked, stored = cli("validate", str(path), "--db", db), cli("ingest", str(path), "--db", db)
    assert checked.returncode == stored.returncode == 1, stored.stderr[-2000:]
    assert "Jumlah Replikasi" in checked.stdout and "Traceback" not in stored.stderr + stored.stdout
    assert Store(db).history().empty


# ---- the worker: limits, verdicts, the batch goes on ----------------------------------------------
@pytest.fixture(scope="module")
def sandbox():
    with Sandbox(misbehave, workers=2, limits=Limits(memory_mb=256, cpu_seconds=2, wall_seconds=60)) as box:
        yield box


@pytest.mark.parametrize("action, code", [
    ("abort", "file.unreadable.crash"), ("raise", "file.unreadable.crash"), ("base", "file.unreadable.crash"),
    ("hog", "file.unreadable.memory"), ("spin", "file.unreadable.time"), ("unpicklable", "file.unreadable.crash"),
])
def test_whatever_happens_in_the_worker_the_file_gets_one_verdict(sandbox: Sandbox, action: str, code: str) -> None:
    before, bad, after = sandbox.check_all([("a.xlsx", b"fine"), (f"{action}.xlsx", action.encode()),
                                            ("b.xlsx", b"fine")])
    assert (before.content_hash, after.content_hash) == ("fine", "fine")  # the batch goes on, in order
    [issue] = bad.issues
    assert issue.code == code
    for lang in ("id", "en"):
        message = issue.message(lang)
        assert f"'{action}.xlsx'" in message and ("tidak dapat dibaca" in message or "could not be read" in message)


def test_a_hang_is_ended_at_the_wall_limit() -> None:
    started = time.monotonic()
    with Sandbox(misbehave, limits=Limits(memory_mb=256, cpu_seconds=600, wall_seconds=2)) as box:
        [issue] = box.check_one("spin.xlsx", b"spin").issues
    assert issue.code == "file.unreadable.time" and ("limit_s", 2) in issue.params
    assert time.monotonic() - started < 60


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_kill_9_of_ingest_leaves_no_worker_behind(tmp_path: Path) -> None:
    """24 of 40 kills left the validation workers running, holding the dead parent's connection."""
    files = []
    for i in range(40):
        path = tmp_path / f"laporan-{i}.xlsx"
        path.write_bytes(sound_workbook(200))
        files.append(str(path))
    ingest = subprocess.Popen([sys.executable, "-m", "analytics", "ingest", *files, "--db",
                               f"sqlite:///{tmp_path / 'db.sqlite'}"], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(workers := _descendants(ingest.pid)) < 3 and time.monotonic() < deadline:  # fork server + 2
        assert ingest.poll() is None, "ingest ended before its workers could be seen"
        time.sleep(0.05)
    assert len(workers) >= 3
    ingest.send_signal(signal.SIGKILL)
    ingest.wait()
    deadline = time.monotonic() + 30
    while (left := {p for p in workers if _alive(p)}) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not left, f"orphans: {left}"


def test_a_worker_never_runs_the_parents_main_script(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under Streamlit (and AppTest) __main__ is the page script; multiprocessing would run it again
    in the worker (under AppTest every upload became 'could not be read')."""
    import types

    script = tmp_path / "halaman.py"
    script.write_text("raise SystemExit('the page script ran in the worker')\n")
    page = types.ModuleType("__main__")
    page.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", page)
    with Sandbox(misbehave, limits=Limits(memory_mb=256, cpu_seconds=20, wall_seconds=60)) as box:
        assert box.check_one("baik.xlsx", b"fine").content_hash == "fine"
