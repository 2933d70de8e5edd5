"""Dashboard benchmark: 50,000 stored innovations, every page's rerun, the first chart in Chromium,
and the server's peak memory.

Targets (issue 4), with 50,000 innovations stored:
  - a warm rerun of each page's script <= 300 ms, a cold one <= 2 s (AppTest: the page run through
    app.py, as a browser rerun does; cold = st.cache_data cleared, as after every write);
  - in headless Chromium the first chart is visible <= 3 s after opening the overview on 127.0.0.1
    (measured in the page from the navigation's start; each visit in a new context, empty cache);
  - peak server memory <= 800 MB (VmHWM of the `streamlit run` process after every page was shown).

The data: `analytics.sample.write_bulk_workbooks` (500 workbooks x 100 innovations, real Kudus units,
years 2015-2026) ingested by `analytics.intake.ingest.ingest_paths` into a temporary SQLite file, exactly as
uploads would be.  `--db URL` reuses a database built before (a SQLite file is copied first: the
bench stores `--uploads` reports to time the first visit after an upload).

    .venv/bin/python bench/bench_dashboard.py [--runs 5] [--visits 7] [--db sqlite:////tmp/x.sqlite] [--no-browser]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))  # server.py: how the browser tests start the app

WARM_TARGET_S, COLD_TARGET_S, FIRST_CHART_TARGET_S, MEMORY_TARGET_MB = 0.3, 2.0, 3.0, 800.0
PAGES = ("views/ringkasan.py", "views/perangkat_daerah.py", "views/kecamatan.py", "views/tpp.py", "views/data.py")
URLS = ("", "perangkat-daerah", "kecamatan", "tpp", "data")
CHART = '[data-testid="stPlotlyChart"] .main-svg'
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def build_database(folder: Path, workbooks: int, per_workbook: int) -> str:
    from analytics.intake.ingest import ingest_paths
    from analytics.sample import write_bulk_workbooks
    from analytics.store import Store

    started = time.perf_counter()
    paths = write_bulk_workbooks(folder / "xlsx", workbooks, per_workbook)
    url = f"sqlite:///{folder / 'bench.sqlite'}"
    store = Store(url)
    outcomes = ingest_paths(paths, store, actor="bench")
    stored = len(store.innovations())
    print(f"stored {stored:,} innovations from {sum(o.result.ok for o in outcomes)} workbooks "
          f"in {time.perf_counter() - started:.1f} s")
    return url


def reused(url: str, folder: Path) -> str:
    """A copy of a SQLite database given with --db (the bench uploads into it); other URLs as given."""
    if not url.startswith("sqlite:///"):
        return url
    copy = folder / "bench.sqlite"
    shutil.copyfile(url.removeprefix("sqlite:///"), copy)
    return f"sqlite:///{copy}"


def time_pages(url: str, runs: int) -> dict[str, tuple[float, float]]:
    """Median cold and warm seconds of each page's script run through app.py (AppTest)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["DATABASE_URL"] = url
    results = {}
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        at.run()
        at.switch_page(page).run()
        assert not at.exception, [e.message for e in at.exception]
        cold, warm = [], []
        for _ in range(runs):
            st.cache_data.clear()
            started = time.perf_counter()
            at.run()
            cold.append(time.perf_counter() - started)
            started = time.perf_counter()
            at.run()
            warm.append(time.perf_counter() - started)
            assert not at.exception, [e.message for e in at.exception]
        results[page] = (statistics.median(cold), statistics.median(warm))
    return results


def time_new_sessions(url: str, runs: int) -> float:
    """Median seconds of the overview's first run in a new session with warm caches: the server's
    share of 'opening the overview' (the rest of the first-chart time is the browser's)."""
    from streamlit.testing.v1 import AppTest

    os.environ["DATABASE_URL"] = url
    seconds = []
    for _ in range(runs):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        started = time.perf_counter()
        at.run()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


@contextlib.contextmanager
def streamlit_server(url: str, folder: Path) -> Iterator[tuple[str, int]]:
    """`streamlit run app.py` on the bench database, started as the browser tests start it
    (tests/browser/server.py); yields (base URL, pid) once healthy — the pid for its memory."""
    from server import free_port, wait_healthy

    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "KUDUS_DATA_DIR": str(folder)}
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none"]
    with open(folder / "streamlit.log", "w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(base, process)
            yield base, process.pid
        finally:
            process.terminate()
            process.wait(timeout=15)


def peak_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# Records, in the page, the moment the first chart's SVG is laid out: performance.now() counts from
# the navigation's start, and an animation-frame check sees the chart in the frame that paints it.
# Playwright's own wait polls at growing intervals (up to 500 ms), so it is printed as an upper bound.
FIRST_CHART_PROBE = """
window.__firstChartMs = null;
const probe = () => {
  const svg = document.querySelector('CHART');
  if (svg && svg.getBoundingClientRect().width > 0) { window.__firstChartMs = performance.now(); return; }
  requestAnimationFrame(probe);
};
requestAnimationFrame(probe);
""".replace("CHART", CHART)


def first_chart(browser, base: str, path: str = "") -> tuple[float, float]:
    """(seconds in the page, seconds seen by Playwright) until the first chart is visible, in a new
    browser context: an empty cache, as for someone opening the dashboard for the first time."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.add_init_script(FIRST_CHART_PROBE)
    page = context.new_page()
    started = time.perf_counter()
    page.goto(f"{base}/{path}")
    page.locator(CHART).first.wait_for(state="visible", timeout=60_000)
    seen = time.perf_counter() - started
    page.wait_for_function("() => window.__firstChartMs !== null", timeout=60_000)
    in_page = page.evaluate("() => window.__firstChartMs") / 1000
    page.wait_for_selector(IDLE, timeout=60_000)
    context.close()
    return in_page, seen


def a_new_report(url: str, folder: Path, index: int) -> Path:
    """One unit's report for the latest year, different from the stored one (a new version)."""
    from analytics.intake.units import read_units_csv
    from analytics.sample import generate_year
    from analytics.store import Store

    book = generate_year(read_units_csv(), int(Store(url).history()["tahun"].max()))[index]
    path = folder / "uploads" / str(index) / book.file_name
    path.parent.mkdir(parents=True)
    book.write(path)
    return path


def upload_in_the_app(browser, base: str, path: Path) -> None:
    """An operator checks and stores the report on the Unggah page (their session then prepares
    the overview's default view for whoever comes next: ui.dashboard.warm_up)."""
    from server import wait_idle

    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/unggah")
    wait_idle(page, timeout=60_000)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    page.get_by_text("1 dari 1 berkas lolos pemeriksaan").wait_for(timeout=60_000)
    wait_idle(page, timeout=60_000)
    page.get_by_role("button", name="Simpan 1 berkas yang lolos").click()
    page.get_by_text(re.compile(r": (tersimpan|menggantikan versi sebelumnya) \(")).first.wait_for(timeout=60_000)
    wait_idle(page, timeout=60_000)
    context.close()


def upload_from_another_process(url: str, path: Path) -> None:
    """The same report stored by another process (the CLI's `ingest`): the server learns of the
    new data version only when the next visitor's run asks for it."""
    from analytics.intake.ingest import ingest_paths
    from analytics.store import Store

    [outcome] = ingest_paths([path], Store(url), actor="bench")
    assert outcome.stored, "the bench's upload was not stored"


def browser_figures(url: str, folder: Path, visits: int, uploads: int) -> dict[str, object]:
    """First chart visible on the overview (a fresh server, then `visits` more visits), every page
    shown once with the server's peak memory after each, then visits after uploads."""
    from playwright.sync_api import sync_playwright
    from server import CHROMIUM, CHROMIUM_ARGS

    figures: dict[str, object] = {}
    with streamlit_server(url, folder) as (base, pid), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        figures["first_chart_fresh_server"] = first_chart(browser, base)
        figures["first_chart_visits"] = [first_chart(browser, base) for _ in range(visits)]
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        for path in URLS:
            page.goto(f"{base}/{path}")
            page.wait_for_selector(IDLE, timeout=60_000)
            if path != "data":
                page.locator(CHART).first.wait_for(state="visible", timeout=60_000)
            else:  # the innovations table is built when its tab is drawn; wait until the run ends
                page.wait_for_function("() => document.querySelectorAll('[data-testid=\"stDataFrame\"]').length >= 2",
                                       timeout=120_000)
            page.wait_for_selector(IDLE, timeout=120_000)
            figures[f"peak_mb_after_{path or 'ringkasan'}"] = peak_mb(pid)
        page.close()
        in_app, elsewhere = [], []
        for index in range(uploads):
            upload_in_the_app(browser, base, a_new_report(url, folder, 2 * index))
            in_app.append(first_chart(browser, base))
            upload_from_another_process(url, a_new_report(url, folder, 2 * index + 1))
            elsewhere.append(first_chart(browser, base))
        figures["first_chart_after_upload"] = {"in the app": in_app, "by the CLI": elsewhere}
        figures["peak_mb_after_uploads"] = peak_mb(pid)
        browser.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workbooks", type=int, default=500)
    parser.add_argument("--per-workbook", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5, help="cold and warm runs per page; medians are reported")
    parser.add_argument("--db", help="reuse this database URL instead of building one")
    parser.add_argument("--visits", type=int, default=7, help="overview visits timed after the first one")
    parser.add_argument("--uploads", type=int, default=3,
                        help="uploads through the app, and as many by the CLI, each followed by a timed visit")
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {Path('/proc/loadavg').read_text().split()[:3]}")
    with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as tmp:
        folder = Path(tmp)
        url = reused(args.db, folder) if args.db else build_database(folder, args.workbooks, args.per_workbook)
        print(f"\npage rerun through app.py (AppTest, median of {args.runs}):")
        print(f"{'page':28} {'cold s':>8} {'/ 2 s':>7} {'warm s':>8} {'/ 0.3 s':>8}")
        for page, (cold, warm) in time_pages(url, args.runs).items():
            print(f"{page:28} {cold:8.3f} {cold / COLD_TARGET_S:7.2f} {warm:8.3f} {warm / WARM_TARGET_S:8.2f}")
        print(f"overview, first run of a new session (warm caches): {time_new_sessions(url, args.runs):.3f} s")
        if args.no_browser or not Path("/usr/bin/chromium").exists():
            print("\n(browser figures skipped)")
            return
        figures = browser_figures(url, folder, args.visits, args.uploads)
        in_page, seen = figures["first_chart_fresh_server"]
        visits = figures["first_chart_visits"]
        median_in_page = statistics.median(v[0] for v in visits)
        median_seen = statistics.median(v[1] for v in visits)
        print("\nheadless Chromium, overview on 127.0.0.1, first chart visible (new browser context, empty cache):")
        print(f"  {'':34} {'in page':>8} {'/ 3 s':>6} {'Playwright':>11}")
        print(f"  {'first visit to a fresh server':34} {in_page:7.2f}s {in_page / FIRST_CHART_TARGET_S:6.2f} "
              f"{seen:10.2f}s")
        print(f"  {f'median of {len(visits)} later visits':34} {median_in_page:7.2f}s "
              f"{median_in_page / FIRST_CHART_TARGET_S:6.2f} {median_seen:10.2f}s")
        print(f"  later visits, in page: {', '.join(f'{v[0]:.2f}' for v in visits)}")
        for how, after in figures["first_chart_after_upload"].items():
            if after:
                median_after = statistics.median(v[0] for v in after)
                print(f"  {f'after an upload {how} ({len(after)})':34} {median_after:7.2f}s "
                      f"{median_after / FIRST_CHART_TARGET_S:6.2f} {statistics.median(v[1] for v in after):10.2f}s")
        print("peak server memory (VmHWM) after each page was shown:")
        for path in URLS:
            peak = figures[f"peak_mb_after_{path or 'ringkasan'}"]
            print(f"  {path or 'ringkasan':18} {peak:6.0f} MB  ratio to 800 MB: {peak / MEMORY_TARGET_MB:.2f}")
        peak, after = figures["peak_mb_after_uploads"], f"then {2 * args.uploads} uploads"
        print(f"  {after:18} {peak:6.0f} MB  ratio to 800 MB: {peak / MEMORY_TARGET_MB:.2f}"
              "  (a CLI write leaves the old version's cached frames until they are evicted)")


if __name__ == "__main__":
    main()
