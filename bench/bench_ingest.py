"""Ingest benchmark: 500 workbooks x 100 innovations (50,000 innovations) into SQLite.

Generates the workbooks once, then runs the whole pipeline (read + validate + store into a fresh
SQLite file) in a child process per engine: calamine (what the app uses) and openpyxl (the usual
default), each timed end to end with its peak memory (the child's max RSS). Targets (issue 2):
calamine pipeline <= 15 s, peak <= 600 MB, and >= 4x faster than the openpyxl pipeline.

    .venv/bin/python bench/bench_ingest.py [--workbooks 500] [--per-workbook 100] [--runs 1]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_SECONDS, TARGET_MB, TARGET_RATIO = 15.0, 600.0, 4.0


def run_pipeline(folder: Path, engine: str, db_file: Path) -> dict:
    """Child process: ingest every workbook of `folder`; report seconds and counts."""
    from analytics.intake.ingest import ingest_paths
    from analytics.store import Store

    paths = sorted(folder.glob("*.xlsx"))
    store = Store(f"sqlite:///{db_file}")
    started, cpu_started = time.perf_counter(), _cpu_seconds()
    outcomes = ingest_paths(paths, store, actor="bench", engine=engine)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "cpu_seconds": _cpu_seconds() - cpu_started,
        "files": len(outcomes),
        "ok": sum(o.result.ok for o in outcomes),
        "innovations": int(sum(s.innovations for o in outcomes for s in o.stored)),
        "peak_mb": _peak_mb(),
    }


def _cpu_seconds() -> float:
    """CPU time of this process and its finished workers: unlike wall time, barely moved by
    whatever else the shared machine is running."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _peak_mb() -> float:
    """Upper bound of the pipeline's peak memory in MB: this process's max RSS plus, for each
    worker process, the largest worker's max RSS (Linux reports KiB; worker peaks may not
    coincide, so the true peak is at most this)."""
    from analytics.intake.ingest import default_workers

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    largest_worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + default_workers() * largest_worker) / 1024


def measure(folder: Path, engine: str, work: Path) -> dict:
    db_file = work / f"bench-{engine}-{time.monotonic_ns()}.sqlite"
    command = [sys.executable, __file__, "--child", engine, "--folder", str(folder), "--db", str(db_file)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workbooks", type=int, default=500)
    parser.add_argument("--per-workbook", type=int, default=100)
    parser.add_argument("--runs", type=int, default=1, help="runs per engine; medians are reported")
    parser.add_argument("--child"), parser.add_argument("--folder"), parser.add_argument("--db")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_pipeline(Path(args.folder), args.child, Path(args.db))))
        return

    from analytics.sample import write_bulk_workbooks

    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        write_bulk_workbooks(work / "xlsx", args.workbooks, args.per_workbook)
        print(f"generated {args.workbooks} workbooks x {args.per_workbook} innovations "
              f"in {time.perf_counter() - started:.1f} s")
        results = {engine: [measure(work / "xlsx", engine, work) for _ in range(args.runs)]
                   for engine in ("calamine", "openpyxl")}
    report(results)


def report(results: dict[str, list[dict]]) -> None:
    median = {engine: statistics.median(r["seconds"] for r in runs) for engine, runs in results.items()}
    peak = {engine: max(r["peak_mb"] for r in runs) for engine, runs in results.items()}
    for engine, runs in results.items():
        last = runs[-1]
        print(f"{engine:9s}: {median[engine]:6.2f} s (median of {len(runs)}), peak {peak[engine]:5.0f} MB, "
              f"{last['ok']}/{last['files']} files ok, {last['innovations']:,} innovations stored")
    cpu = {engine: statistics.median(r["cpu_seconds"] for r in runs) for engine, runs in results.items()}
    print(f"CPU time: calamine {cpu['calamine']:.2f} s, openpyxl {cpu['openpyxl']:.2f} s, "
          f"ratio {cpu['openpyxl'] / cpu['calamine']:.2f}x (robust to other load on the machine)")
    ratio = median["openpyxl"] / median["calamine"]
    print(f"calamine pipeline: {median['calamine']:.2f} s of {TARGET_SECONDS:.0f} s target "
          f"({median['calamine'] / TARGET_SECONDS:.0%}); peak {peak['calamine']:.0f} MB of {TARGET_MB:.0f} MB")
    print(f"speed-up over openpyxl: {ratio:.2f}x (target >= {TARGET_RATIO:.0f}x)")
    met = median["calamine"] <= TARGET_SECONDS and peak["calamine"] <= TARGET_MB and ratio >= TARGET_RATIO
    print("targets met" if met else "TARGETS NOT MET")


if __name__ == "__main__":
    main()
