"""Benchmark: every indicator of one year for 100,000 innovations, 2,000 units, 30,000 officials.

Target: <= 1 s on the project's 2-core machine.  The frames are synthetic, built here with numpy
in the docs/frames.md format (no database).  "All indicators" = `compute_all` (counts by every
breakdown and year, new and change, coverage, sustainability, maturity, TPP per official, unit and
regency) plus the JSON built from it, which is what a dashboard screen and the CLI need.

Scenarios:
  year-only  100,000 innovations, all in the chosen year (the stated size)
  two-years  the same plus 100,000 of the previous year (200,000 rows: new/change do real work)

Run: .venv/bin/python bench/bench_indicators.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analytics import contract  # noqa: E402
from analytics.indicators import indicators_report  # noqa: E402
from analytics.rules import load_rules  # noqa: E402

TARGET_S = 1.0
YEAR = 2025


def make_units(n: int, rng: np.random.Generator) -> pd.DataFrame:
    kinds = np.array(["OPD"] * 60 + ["Kecamatan"] * 9 + ["BUMD"] * 4 + ["UPTD"] * (n - 73))
    kode = np.array([f"u{i:05d}" for i in range(n)])
    parent = np.where(kinds == "UPTD", kode[rng.integers(0, 60, n)], "")
    return pd.DataFrame({
        "kode": kode, "nama": np.char.add("Unit ", kode), "singkatan": "", "jenis_unit": kinds,
        "induk_kode": parent, "kecamatan": "", "aktif": rng.random(n) > 0.02,
    }).astype({c: "str" for c in ("kode", "nama", "singkatan", "jenis_unit", "induk_kode", "kecamatan")})


def _pick(values: tuple[str, ...] | list[str], n: int, rng: np.random.Generator) -> np.ndarray:
    return np.asarray(values, dtype=object)[rng.integers(0, len(values), n)]


def _joined(choices: np.ndarray, n: int, rng: np.random.Generator, most: int) -> np.ndarray:
    """n cells of 1..most values of `choices` joined by ';' (vectorised per width)."""
    width = rng.integers(1, most + 1, n)
    out = choices[rng.integers(0, len(choices), n)].astype(object)
    for extra in range(2, most + 1):
        more = width >= extra
        out[more] = out[more] + ";" + choices[rng.integers(0, len(choices), int(more.sum()))]
    return out


def make_innovations(n: int, units: pd.DataFrame, nips: np.ndarray, year: int, rng: np.random.Generator,
                     start_id: int = 1) -> pd.DataFrame:
    kec = np.array([k.nama for k in contract.KECAMATAN] + [contract.SELURUH_KABUPATEN] * 3, dtype=object)
    budgets = np.where(rng.random((n, 3)) < 0.5, rng.integers(1, 500, (n, 3)) * 1e6, np.nan)
    applied = pd.Timestamp("2018-01-01") + pd.to_timedelta(rng.integers(0, 2900, n), unit="D")
    return pd.DataFrame({
        "id": np.arange(start_id, start_id + n), "submission_id": 1,
        "unit_kode": units["kode"].to_numpy()[rng.integers(0, len(units), n)],
        "tahun": year,
        "nama_inovasi": np.char.add("Inovasi Layanan ", rng.integers(0, 60_000, n).astype(str)),
        "tahapan": _pick(contract.TAHAPAN, n, rng), "jenis": _pick(contract.JENIS, n, rng),
        "bentuk": _pick(contract.BENTUK, n, rng), "inisiator": _pick(contract.INISIATOR, n, rng),
        "status": np.where(rng.random(n) < 0.9, "Aktif", "Tidak Aktif"),
        "urusan": _joined(np.array(contract.URUSAN, dtype=object), n, rng, 2),
        "nip_penggagas": _joined(nips, n, rng, 3),
        "nama_penggagas": None, "nomor_dasar_hukum": None, "tautan_bukti": None, "keterangan": None,
        "tanggal_uji_coba": applied - pd.Timedelta(days=90), "tanggal_penerapan": applied,
        "lokasi_kecamatan": _joined(kec, n, rng, 2),
        "dasar_hukum": _pick(contract.DASAR_HUKUM, n, rng), "monev": _pick(contract.MONEV, n, rng),
        "anggaran_tahun_berjalan": budgets[:, 0], "anggaran_tahun_lalu": budgets[:, 1],
        "anggaran_dua_tahun_lalu": budgets[:, 2],
        "ada_sop": pd.array(rng.random(n) < 0.6, dtype="boolean"),
        "jumlah_replikasi": pd.array(rng.integers(0, 5, n), dtype="Int64"),
        "jumlah_penerima_manfaat": pd.array(rng.integers(0, 2000, n), dtype="Int64"),
        "baris": np.arange(n) + 8,
    }).astype({c: "str" for c in ("unit_kode", "nama_inovasi", "tahapan", "jenis", "bentuk", "inisiator",
                                   "status", "urusan", "nip_penggagas", "lokasi_kecamatan")})


def make_officials(n: int, units: pd.DataFrame, year: int, rng: np.random.Generator) -> pd.DataFrame:
    nips = np.char.add("19", np.char.zfill(np.arange(n).astype(str), 16))
    return pd.DataFrame({
        "id": np.arange(1, n + 1), "submission_id": 1,
        "unit_kode": units["kode"].to_numpy()[rng.integers(0, len(units), n)], "tahun": year,
        "nip": nips, "nama": "Pejabat", "jabatan": "Jabatan",
        "jenis_jabatan": _pick(contract.JENIS_JABATAN, n, rng),
        "kelas_jabatan": pd.array(rng.integers(1, 18, n), dtype="Int64"),
        "tpp_dasar": np.where(rng.random(n) < 0.9, rng.integers(2, 20, n) * 500_000.0, np.nan),
        "baris": np.arange(n) + 8,
    }).astype({c: "str" for c in ("unit_kode", "nip", "nama", "jabatan")})


def build(history: bool) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(20250101)
    units = make_units(2_000, rng)
    officials = make_officials(30_000, units, YEAR, rng)
    nips = np.concatenate([officials["nip"].to_numpy(dtype=object), np.array(["199999999999999999"], dtype=object)])
    frames = [make_innovations(100_000, units, nips, YEAR, rng)]
    if history:
        frames.append(make_innovations(100_000, units, nips, YEAR - 1, rng, start_id=100_001))
    return units, pd.concat(frames, ignore_index=True), officials


def timed(units: pd.DataFrame, innovations: pd.DataFrame, officials: pd.DataFrame, runs: int) -> list[float]:
    rules = load_rules()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        indicators_report(units, innovations, officials, year=YEAR, rules=rules)  # runs compute_all inside
        times.append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    worst = 0.0
    for name, history in (("year-only", False), ("two-years", True)):
        units, innovations, officials = build(history)
        timed(units, innovations, officials, 1)  # warm-up: imports, regex compilation
        times = timed(units, innovations, officials, args.runs)
        median = statistics.median(times)
        worst = max(worst, median) if name == "year-only" else worst
        print(f"{name:9s}: {len(innovations):,} innovations, {len(units):,} units, {len(officials):,} officials | "
              f"all indicators median {median:.3f} s (min {min(times):.3f}, max {max(times):.3f}, "
              f"{args.runs} runs) | ratio to {TARGET_S:.0f} s target: {median / TARGET_S:.2f}")
    return 0 if worst <= TARGET_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
