"""IID export benchmark: a 40,000-row export (a national year's size) validated and stored.

Writes one export in the application's shape (sheet 'Data', 19 text columns) with 40,000 rows over
every unit of Kudus, then, in a child process per run, checks it and stores it into a fresh SQLite
file through the same path as the CLI (`ingest FILE --year Y`), and times the raw calamine read
of the same file alone. Targets (issue 13): <= 5 s and <= 600 MB; the ratio to the raw read says
how much the checks and the store add to reading the cells.

    .venv/bin/python bench/bench_iid.py [--rows 40000] [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from random import Random

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_SECONDS, TARGET_MB = 5.0, 600.0


def write_export(path: Path, n_rows: int) -> None:
    from analytics.intake import contract
    from analytics.intake.iid_export import export_bytes, iid_row
    from analytics.intake.units import read_units_csv
    from analytics.sample.iid import login_of, written_name

    rng = Random(13)
    units = read_units_csv()
    pairs = list(zip(units["kode"], units["nama"]))
    rows = []
    for n in range(1, n_rows + 1):
        kode, nama = pairs[n % len(pairs)]
        urusan = rng.sample(contract.URUSAN, rng.randint(1, 3))
        record = {"nama_inovasi": f"Inovasi Layanan {rng.choice(('Digital', 'Terpadu', 'Keliling'))} {n}",
                  "tahapan": rng.choice(contract.TAHAPAN), "jenis": rng.choice(contract.JENIS),
                  "bentuk": rng.choice(contract.BENTUK), "inisiator": rng.choice(contract.INISIATOR),
                  "urusan": ";".join(urusan), "nama_penggagas": "Sri Wahyuni",
                  "tanggal_penerapan": dt.date(2025, rng.randint(1, 12), rng.randint(1, 28)),
                  "kematangan_iid": round(rng.uniform(30, 95), 2), "koordinat": "-6.804300, 110.844300",
                  "tautan_bukti": f"https://youtu.be/v{n}, https://inovasi.kuduskab.go.id/{n}"}
        rows.append(iid_row(n, record, f"{written_name(kode, nama)} ({login_of(kode)})", "Kabupaten Kudus"))
    path.write_bytes(export_bytes(rows))


def run_pipeline(path: Path, db_file: Path) -> dict:
    """Child process: validate and store the export; then read it raw with calamine."""
    import python_calamine

    from analytics.intake.ingest import ingest_paths
    from analytics.store import Store

    store = Store(f"sqlite:///{db_file}")
    started = time.perf_counter()
    [outcome] = ingest_paths([path], store, actor="bench", workers=1, tahun=2025)
    seconds = time.perf_counter() - started
    raw_started = time.perf_counter()
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    cells = book.get_sheet_by_name("Data").to_python()
    raw_seconds = time.perf_counter() - raw_started
    return {"seconds": seconds, "raw_seconds": raw_seconds, "ok": outcome.result.ok, "rows": len(cells) - 1,
            "stored": int(sum(s.innovations for s in outcome.stored)),
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=40_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_pipeline(Path(args.child[0]), Path(args.child[1]))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "iid-40000.xlsx"
        started = time.perf_counter()
        write_export(export, args.rows)
        print(f"export: {args.rows:,} rows, {export.stat().st_size / 1e6:.1f} MB, written in "
              f"{time.perf_counter() - started:.1f} s")
        results = []
        for run in range(args.runs):
            db = Path(tmp) / f"run{run}.sqlite"
            out = subprocess.run([sys.executable, __file__, "--child", str(export), str(db)], check=True,
                                 capture_output=True, text=True).stdout
            results.append(json.loads(out.strip().splitlines()[-1]))
            r = results[-1]
            print(f"run {run + 1}: {r['seconds']:.2f} s validate+store ({r['stored']:,} stored, ok={r['ok']}), "
                  f"raw calamine read {r['raw_seconds']:.2f} s, peak {r['peak_mb']:.0f} MB")
    seconds = statistics.median(r["seconds"] for r in results)
    raw = statistics.median(r["raw_seconds"] for r in results)
    peak = max(r["peak_mb"] for r in results)
    print(f"median validate+store: {seconds:.2f} s "
          f"(target {TARGET_SECONDS:.0f} s, ratio {seconds / TARGET_SECONDS:.2f})")
    print(f"peak memory: {peak:.0f} MB (target {TARGET_MB:.0f} MB, ratio {peak / TARGET_MB:.2f})")
    print(f"ratio to the raw calamine read ({raw:.2f} s): {seconds / raw:.1f}x")


if __name__ == "__main__":
    main()
