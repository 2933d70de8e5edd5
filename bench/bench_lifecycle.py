"""Benchmark: linking and every lifecycle measure for 5 years × 20,000 innovations.

Target: <= 5 s on the project's 2-core machine.  The reports are synthetic, built here with numpy
in the docs/frames.md format (no database): 2,000 units, each year about 20,000 innovations, of
which some stop (not reported again, or reported Tidak Aktif), some are renamed slightly (a suffix,
"Layanan" -> "Pelayanan", a word dropped: what the fuzzy proposals must find), some come back, new
ones start, stages mature, and a few units skip a whole year.

What is timed ("all"): `build_lifecycles` (folding, exact links, proposals scored with rapidfuzz,
lifecycles, stops, the one-year flags of every record) and then every measure the Keberlanjutan
page and the CLI show — outcomes per unit / unit type / regency, survival per kohort and per unit
type, time to Penerapan, the flag check, stage flows, the latest year's stops — i.e. exactly
`lifecycle_report`, the JSON of `python -m analytics lifecycle --json`.

Memory: the build's peak resident memory over what the process held before it (VmHWM after
resetting it), for these data and for the worst case of linking — every unit renames every
innovation every year (names shuffled across units within a year), so every lifecycle ends and
is compared with every one its unit starts the next year.

Run: .venv/bin/python bench/bench_lifecycle.py [--runs 3] [--years 5] [--per-year 20000]
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

from analytics.lifecycle import build_lifecycles, lifecycle_report  # noqa: E402
from analytics.rules import load_rules  # noqa: E402

TARGET_S = 5.0
FIRST_YEAR = 2021
PREFIX = ("Layanan", "Sistem", "Gerakan", "Kampung", "Pojok", "Klinik", "Aplikasi", "Sapa", "Jemput Bola",
          "Desa Peduli", "Kelas", "Rumah", "Dasbor", "Kios", "Posko", "Program", "Sekolah", "Inovasi", "Gerai", "Balai")
TOPIC = ("Pajak", "Sampah", "Stunting", "Lansia", "Ibu Hamil", "Balita", "Literasi", "UMKM", "Pasar", "Irigasi",
         "Perizinan", "Kependudukan", "Pangan", "Ternak", "Wisata", "Bencana", "Jalan", "Air Bersih", "Sanitasi",
         "Hipertensi", "Imunisasi", "Disabilitas", "Pemuda", "Arsip", "Aset", "Retribusi", "Kepegawaian",
         "Pengaduan", "Kesehatan Jiwa", "Gizi", "Tanah", "Koperasi", "Nelayan", "Tembakau", "Batik", "Kopi",
         "Beasiswa", "Karakter Siswa", "Perpustakaan", "Transportasi", "Parkir", "Kebersihan", "Hutan", "Listrik",
         "Drainase", "Sertifikat", "Vaksin", "Posyandu", "Haji", "Zakat")
TAIL = ("Digital", "Daring", "Berbasis WhatsApp", "Terintegrasi", "Keliling", "Mandiri", "Cepat", "Terpadu",
        "Online", "Warga", "Desa", "Sekolah", "Kecamatan", "Malam Hari", "Akhir Pekan", "Gratis", "Ramah Anak",
        "Satu Pintu", "Tanpa Antre", "Kudus", "Bersama", "Sehat", "Cerdas", "Hijau", "Aman", "Tertib", "Bersih",
        "Juara", "Hebat", "Prima", "Unggul", "Maju", "Ceria", "Peduli", "Santun", "Tangguh", "Sigap", "Tuntas",
        "Terbuka", "Akurat")
RENAME = (" Plus", " 2.0", " Terpadu", " Kudus")
STAGES = np.array(["Inisiatif", "Uji Coba", "Penerapan"], dtype=object)


def make_units(n: int, rng: np.random.Generator) -> pd.DataFrame:
    kinds = np.array(["OPD"] * 60 + ["Kecamatan"] * 9 + ["BUMD"] * 4 + ["UPTD"] * (n - 73))
    kode = np.array([f"u{i:05d}" for i in range(n)])
    return pd.DataFrame({"kode": kode, "nama": np.char.add("Unit ", kode), "singkatan": "", "jenis_unit": kinds,
                         "induk_kode": "", "kecamatan": "", "aktif": True})


def _names(count: int, rng: np.random.Generator) -> np.ndarray:
    combos = (np.asarray(PREFIX, dtype=object)[rng.integers(0, len(PREFIX), count)] + " "
              + np.asarray(TOPIC, dtype=object)[rng.integers(0, len(TOPIC), count)] + " "
              + np.asarray(TAIL, dtype=object)[rng.integers(0, len(TAIL), count)])
    return combos


def _renamed(names: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    kind = rng.integers(0, 3, len(names))
    suffixed = names + np.asarray(RENAME, dtype=object)[rng.integers(0, len(RENAME), len(names))]
    layanan = np.array([("Pelayanan " + n[8:]) if n.startswith("Layanan ") else n + " Plus" for n in names],
                       dtype=object)
    dropped = np.array([n.rsplit(" ", 1)[0] for n in names], dtype=object)
    return np.where(kind == 0, suffixed, np.where(kind == 1, layanan, dropped))


def make_history(years: int, per_year: int, units: pd.DataFrame, seed: int = 7) -> pd.DataFrame:
    """`years` yearly reports of about `per_year` innovations each (see the module docstring)."""
    rng = np.random.default_rng(seed)
    n_units = len(units)
    live = pd.DataFrame({"unit_kode": units["kode"].to_numpy()[rng.integers(0, n_units, per_year)]})
    live["nama_inovasi"] = _names(per_year, rng)
    live["tahapan"] = STAGES[rng.integers(0, 3, per_year)]
    live["status"] = "Aktif"
    out = []
    for offset in range(years):
        year = FIRST_YEAR + offset
        if offset:
            roll = rng.random(len(live))
            live = live.loc[roll >= 0.06].copy()  # no longer reported
            roll = roll[roll >= 0.06]
            inactive = live["status"].eq("Tidak Aktif").to_numpy()
            live.loc[inactive & (roll < 0.3), "status"] = "Aktif"  # revived
            live.loc[~inactive & (roll < 0.11), "status"] = "Tidak Aktif"
            renamed = roll > 0.96
            live.loc[renamed, "nama_inovasi"] = _renamed(live.loc[renamed, "nama_inovasi"].to_numpy(), rng)
            rank = pd.Series(live["tahapan"]).map({s: i for i, s in enumerate(STAGES)}).to_numpy()
            mature = (rng.random(len(live)) < 0.35) & (rank < 2)
            live.loc[mature, "tahapan"] = STAGES[rank[mature] + 1]
            owners = rng.integers(0, n_units, per_year - len(live))
            fresh = pd.DataFrame({"unit_kode": units["kode"].to_numpy()[owners]})
            fresh["nama_inovasi"] = _names(len(fresh), rng)
            fresh["tahapan"], fresh["status"] = "Inisiatif", "Aktif"
            live = pd.concat([live, fresh], ignore_index=True)
        live = live.drop_duplicates(["unit_kode", "nama_inovasi"]).reset_index(drop=True)
        skipping = set(units["kode"].to_numpy()[rng.random(n_units) < 0.04]) if offset else set()
        shown = live.loc[~live["unit_kode"].isin(skipping)].copy()
        shown["tahun"] = year
        out.append(shown)
    frame = pd.concat(out, ignore_index=True)
    count = len(frame)
    frame.insert(0, "id", np.arange(1, count + 1))
    applied = pd.Timestamp(f"{FIRST_YEAR - 2}-01-01") + pd.to_timedelta(rng.integers(0, 1500, count), unit="D")
    frame["tanggal_uji_coba"] = applied.where(frame["tahapan"].ne("Inisiatif"))
    frame["tanggal_penerapan"] = (applied + pd.to_timedelta(rng.integers(60, 700, count), unit="D")).where(
        frame["tahapan"].eq("Penerapan"))
    frame["dasar_hukum"] = np.where(rng.random(count) < 0.5, "Peraturan Kepala Daerah", "Tidak Ada")
    for column in ("anggaran_tahun_berjalan", "anggaran_tahun_lalu", "anggaran_dua_tahun_lalu"):
        frame[column] = np.where(rng.random(count) < 0.6, 5e7, np.nan)
    frame["ada_sop"] = pd.array(rng.random(count) < 0.5, dtype="boolean")
    frame["monev"] = np.where(rng.random(count) < 0.6, "Internal", "Tidak Ada")
    frame["jumlah_replikasi"] = pd.array(rng.integers(0, 3, count), dtype="Int64")
    frame["baris"] = frame.groupby(["unit_kode", "tahun"]).cumcount() + 2
    return frame.astype({"unit_kode": "str", "nama_inovasi": "str", "tahapan": "str", "status": "str"})


def resident_mb(field: str) -> float:
    """VmRSS or VmHWM (the peak since the last reset) of this process, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def build_peak_mb(innovations: pd.DataFrame, units: pd.DataFrame, rules) -> tuple[float, float]:
    """(seconds, peak MB above the resident set before) of one build_lifecycles."""
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current resident set
    before = resident_mb("VmRSS")
    start = time.perf_counter()
    build_lifecycles(innovations, units=units, rules=rules)
    return time.perf_counter() - start, resident_mb("VmHWM") - before


def every_name_changed(innovations: pd.DataFrame, seed: int = 7) -> pd.DataFrame:
    """The worst case of linking: within each year the names are shuffled across units."""
    rng = np.random.default_rng(seed)
    out = innovations.copy()
    for _, rows in out.groupby("tahun").groups.items():
        out.loc[rows, "nama_inovasi"] = rng.permutation(out.loc[rows, "nama_inovasi"].to_numpy())
    return out


def run_once(innovations: pd.DataFrame, units: pd.DataFrame, rules) -> tuple[float, float, dict]:
    start = time.perf_counter()
    lifecycles = build_lifecycles(innovations, units=units, rules=rules)
    built = time.perf_counter()
    report = lifecycle_report(lifecycles, units=units)
    done = time.perf_counter()
    return built - start, done - start, report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--per-year", type=int, default=20_000)
    parser.add_argument("--units", type=int, default=2_000)
    args = parser.parse_args()
    units = make_units(args.units, np.random.default_rng(1))
    innovations = make_history(args.years, args.per_year, units)
    rules = load_rules()
    per_year = innovations.groupby("tahun").size()
    print(f"data: {len(innovations):,} records, {args.years} years ({per_year.min():,}..{per_year.max():,} a year), "
          f"{args.units:,} units")
    timings, builds = [], []
    for _ in range(args.runs):
        build_s, total_s, report = run_once(innovations, units, rules)
        timings.append(total_s)
        builds.append(build_s)
    summary = report["ringkasan"]
    print(f"lifecycles: {summary['jumlah_inovasi']:,} ({summary['berlanjut']:,} berlanjut, {summary['berhenti']:,} "
          f"berhenti, {summary['baru']:,} baru); proposals: {len(report['usulan_tautan']):,}")
    best, median = min(timings), statistics.median(timings)
    print(f"build (linking + lifecycles + flags): best {min(builds):.2f} s, median {statistics.median(builds):.2f} s")
    print(f"all (build + every measure + JSON report): best {best:.2f} s, median {median:.2f} s over {args.runs} runs")
    print(f"target {TARGET_S:.1f} s: median / target = {median / TARGET_S:.2f} "
          f"({'within' if median <= TARGET_S else 'OVER'} target)")
    cases = (("these data", innovations), ("every name changed every year", every_name_changed(innovations)))
    for label, frame in cases:
        seconds, peak = build_peak_mb(frame, units, rules)
        print(f"build memory, {label}: {seconds:.2f} s, peak {peak:.0f} MB above the resident set before")
    return 0 if median <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
