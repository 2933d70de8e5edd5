"""Serving benchmark (issue 14): what a leader's browser waits for, cold, warm and on a 4G phone.

The server is started exactly as the README's run command starts it (`streamlit run serve.py`;
`--script app.py` measures plain Streamlit for comparison) on 50,000 CURRENT innovations: 500
distinct unit-year reports of 100 innovations (`analytics.sample.write_bulk_workbooks`), not
replacements of a few.  Chromium (Debian's, headless, 1366x900) opens the overview:

- cold: a new browser context each time (empty cache);
- warm: the same context again (HTTP cache kept, a new page = a new Streamlit session);
- 4G: cold, throttled by CDP Network.emulateNetworkConditions (150 ms, 1.2 MB/s down, 0.5 MB/s up);
- "set-up": cold and 4G again, through README "Server" as a leader's phone reaches it: the shipped
  nginx site (TLS, HTTP/2) in front of one replica, signed in through the SSO variant
  (`server_set_up`); over HTTP/1.1 a phone's ~100 requests queue six at a time;
- the first visit after the server says ready, and the first after a write by another process
  (the CLI's path: `ingest_paths` in this process), once the server has re-warmed (the bench
  prints how long that took after the write).

Cases are interleaved round by round (cold, warm, 4G) so that machine noise spreads over all.
Clocks run in the page from the navigation's start (performance.now()): the first chart is the
animation frame in which the first chart's SVG is laid out, "first screen" the frame in which the
last chart whose top is inside the viewport (what shows without scrolling) is, and "all charts"
the frame in which the last chart of the page is.  The targets are on the first screen.  Bytes
are what CDP reports on the wire (encodedDataLength: headers and compressed bodies) plus the
websocket frames; requests count every HTTP request and the websocket.
Memory: the server's resident set (VmRSS, read once the server has been quiet for 3 s) and peak
(VmHWM) after every page was shown and six uploads (three through the Unggah page, three by
another process).

    .venv/bin/python bench/bench_serving.py [--rounds 7] [--db sqlite:////tmp/bench.sqlite] [--script app.py]

Targets (issue 14, medians): cold <= 2.2 s, 4G <= 4.4 s (all charts of the first screen drawn),
<= 3.0 MB on a cold visit, first visit after start and after a write <= 1.2 x a warm visit,
server memory <= 400 MB.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT / "deploy"))

from bench_dashboard import (  # noqa: E402 - after the path set-up
    URLS,
    a_new_report,
    build_database,
    peak_mb,
    reused,
    upload_from_another_process,
    upload_in_the_app,
)

COLD_TARGET_S, PHONE_TARGET_S, BYTES_TARGET_MB, FIRST_VISIT_RATIO, MEMORY_TARGET_MB = 2.2, 4.4, 3.0, 1.2, 400.0
PHONE = {"offline": False, "latency": 150, "downloadThroughput": 1.2e6, "uploadThroughput": 0.5e6}
CHARTS = '[data-testid="stPlotlyChart"]'
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
ASSET_CACHE = Path(tempfile.gettempdir()) / "kudus-bench-asset-cache"
LEADER = "pimpinan.bench"  # the server set-up's signed-in leader (an account with the pimpinan role)

# In the page, from the navigation's start: the animation frame in which each chart's SVG is first
# laid out, with the chart's top on the page; the bench reads them once the script has finished
# and every chart the page holds is drawn.  The first screen is what shows without scrolling: the
# charts whose top is inside the viewport.
PROBE = """
window.__drawn = [];
const drawn = new WeakSet();
const probe = () => {
  for (const chart of document.querySelectorAll('CHARTS')) {
    const svg = chart.querySelector('.main-svg');
    if (drawn.has(chart) || !svg || svg.getBoundingClientRect().width === 0) continue;
    drawn.add(chart);
    window.__drawn.push({at: performance.now(), top: chart.getBoundingClientRect().top + scrollY});
  }
  requestAnimationFrame(probe);
};
requestAnimationFrame(probe);
""".replace("CHARTS", CHARTS)
ALL_DRAWN = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const charts = document.querySelectorAll('CHARTS').length;
  return app && app.dataset.testScriptState === 'notRunning' && charts > 0 && window.__drawn.length >= charts
    && !document.querySelector('[data-testid="stSkeleton"]');
}""".replace("CHARTS", CHARTS)


@dataclass
class Visit:
    first_chart_s: float
    first_screen_s: float  # every chart whose top is inside the viewport drawn
    all_charts_s: float
    charts: int
    first_screen_charts: int
    bytes: int
    requests: int
    waterfall: list[dict] = field(default_factory=list)


class Wire:
    """CDP Network events of one page: bytes on the wire per request, and the websocket frames."""

    def __init__(self, cdp) -> None:
        self.requests: dict[str, dict] = {}
        self.socket_bytes = 0
        self.sockets = 0
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.webSocketCreated", self._socket)
        cdp.on("Network.webSocketFrameReceived", self._frame)
        cdp.on("Network.webSocketFrameSent", self._frame)

    def _sent(self, event: dict) -> None:
        self.requests[event["requestId"]] = {"url": event["request"]["url"], "start": event["timestamp"],
                                             "bytes": 0, "end": None, "encoding": ""}

    def _response(self, event: dict) -> None:
        if event["requestId"] in self.requests:
            headers = {k.lower(): v for k, v in event["response"].get("headers", {}).items()}
            self.requests[event["requestId"]]["encoding"] = headers.get("content-encoding", "")

    def _finished(self, event: dict) -> None:
        if event["requestId"] in self.requests:
            self.requests[event["requestId"]].update(bytes=int(event["encodedDataLength"]), end=event["timestamp"])

    def _socket(self, _event: dict) -> None:
        self.sockets += 1

    def _frame(self, event: dict) -> None:
        self.socket_bytes += len(event["response"].get("payloadData", "")) * 3 // 4 \
            if event["response"].get("opcode") == 2 else len(event["response"].get("payloadData", ""))

    def total_bytes(self) -> int:
        return sum(r["bytes"] for r in self.requests.values()) + self.socket_bytes

    def waterfall(self) -> list[dict]:
        if not self.requests:
            return []
        origin = min(r["start"] for r in self.requests.values())
        return sorted(({"url": r["url"].split("/", 3)[-1][:60], "start_ms": (r["start"] - origin) * 1000,
                        "end_ms": ((r["end"] or r["start"]) - origin) * 1000, "kB": r["bytes"] / 1024,
                        "encoding": r["encoding"]} for r in self.requests.values()), key=lambda r: r["start_ms"])


def visit(context, base: str, *, phone: bool = False, path: str = "") -> Visit:
    """Open `path` in a new page of `context` and wait until every chart of it is drawn."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    if phone:
        cdp.send("Network.emulateNetworkConditions", PHONE)
    wire = Wire(cdp)
    page.goto(f"{base}/{path}", wait_until="commit")
    charts = 0
    while True:  # until the number of charts stays the same for a second (React mounts them in turns)
        page.wait_for_function(ALL_DRAWN, timeout=180_000, polling=100)
        drawn, seen, height = page.evaluate("() => [window.__drawn, document.querySelectorAll('CHARTS').length,"
                                            " innerHeight]".replace("CHARTS", CHARTS))
        if seen == charts:
            break
        charts = seen
        page.wait_for_timeout(1000)  # not timed: the clocks are read in the page
    times = [chart["at"] / 1000 for chart in drawn]
    first_screen = [chart["at"] / 1000 for chart in drawn if chart["top"] < height]
    result = Visit(min(times), max(first_screen, default=min(times)), max(times), charts, len(first_screen),
                   wire.total_bytes(), len(wire.requests) + wire.sockets, wire.waterfall())
    cdp.detach()
    page.close()
    return result


def new_context(browser, *, signed_in_at: str = ""):
    """A browser with an empty cache; `signed_in_at`: the server set-up's address, for which it
    carries the identity proxy's cookie (a leader signed in through SSO)."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, ignore_https_errors=bool(signed_in_at))
    if signed_in_at:
        import stack

        context.add_cookies([{"name": stack.SSO_COOKIE, "value": LEADER, "url": signed_in_at}])
    context.add_init_script(PROBE)
    return context


@contextlib.contextmanager
def server_set_up(url: str, folder: Path) -> Iterator[str]:
    """README "Server" as a leader's phone reaches it (yields its https address): the shipped nginx
    site (TLS, HTTP/2: one connection carries every request) in front of one replica started by
    deploy/kudus-replica, signed in through the SSO variant (a stand-in identity proxy vouches for
    an account with the leader's role).  Open mode refuses proxied clients, so this is how a
    browser reaches the overview without a sign-in form in between."""
    import stack

    from analytics.access import PIMPINAN
    from analytics.store import Store

    store = Store(url)
    if store.accounts.get(LEADER) is None:  # a PostgreSQL --db is used as it is, not copied
        store.accounts.create(LEADER, role=PIMPINAN, actor="cli")
    env = {"DATABASE_URL": url, "KUDUS_DATA_DIR": str(folder), "KUDUS_WARM_SECONDS": "1",
           "KUDUS_ASSET_CACHE": str(ASSET_CACHE), "KUDUS_AUTH": "signed-in", "KUDUS_SSO": "header",
           "STREAMLIT_SERVER_TRUSTED_USER_HEADERS": json.dumps({"X-Forwarded-User": "kudus_user"}),
           "STREAMLIT_SERVER_COOKIE_SECRET": os.urandom(16).hex()}
    with stack.running_identity_stand_in() as sso_port, \
            stack.running_stack(folder / "server-set-up", env, replicas=1, sso_port=sso_port) as proxied:
        yield proxied.url


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read().decode()
    except OSError:
        return 0, ""


@contextlib.contextmanager
def server(url: str, folder: Path, script: str) -> Iterator[tuple[str, int, float]]:
    """The README's run command (or `streamlit run app.py`) on the bench database; yields
    (base URL, pid, seconds until ready)."""
    from server import free_port, wait_healthy

    port = free_port()
    env = {**os.environ, "DATABASE_URL": url, "KUDUS_DATA_DIR": str(folder), "KUDUS_WARM_SECONDS": "1",
           "KUDUS_ASSET_CACHE": str(ASSET_CACHE)}
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / script), "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none"]
    with open(folder / "server.log", "w") as log:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(base, process, 600, "/healthz" if script == "serve.py" else "/_stcore/health")
            yield base, process.pid, time.perf_counter() - started
        finally:
            process.terminate()
            process.wait(timeout=20)


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


QUIET_S = 3.0  # the server hands freed memory back 1 s after the runs settle; its watcher looks every 1 s


def held_mb(pid: int) -> float:
    """What the server holds once quiet (the transient peak is read apart, as VmHWM)."""
    time.sleep(QUIET_S)
    return resident_mb(pid)


def wait_rewarmed(base: str, url: str, timeout: float = 120) -> float:
    """Seconds until the server's /metrics says the store's new data version is warmed (serve.py)."""
    from analytics.store import Store

    wanted = Store(url).data_version()
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        status, text = fetch(f"{base}/metrics")
        if status != 200:
            return float("nan")
        lines = dict(line.rsplit(" ", 1) for line in text.splitlines() if line.startswith("kudus_"))
        if float(lines.get("kudus_warmed_version", "nan")) == wanted:
            return time.perf_counter() - started
        time.sleep(0.1)  # polling interval of /metrics
    return float("nan")


def measure(url: str, folder: Path, script: str, rounds: int) -> dict[str, object]:
    from playwright.sync_api import sync_playwright
    from server import CHROMIUM, CHROMIUM_ARGS

    out: dict[str, object] = {}
    with server(url, folder, script) as (base, pid, ready_s), sync_playwright() as playwright:
        out["ready_s"] = ready_s
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        first = new_context(browser)
        out["after_start"] = visit(first, base)
        first.close()
        kept = new_context(browser)
        visit(kept, base)  # fills the kept context's cache
        with server_set_up(url, folder) as proxied:
            out.update(visit_rounds(browser, base, kept, proxied, rounds))
        after_write, rewarm = [], []
        for index in range(2):
            upload_from_another_process(url, a_new_report(url, folder, 60 + index))
            rewarm.append(wait_rewarmed(base, url) if script == "serve.py" else 0.0)
            context = new_context(browser)
            after_write.append(visit(context, base))
            context.close()
        out.update(after_write=after_write, rewarm=rewarm)
        for path in URLS[1:]:
            context = new_context(browser)
            page = context.new_page()
            page.goto(f"{base}/{path}")
            page.wait_for_selector(IDLE, timeout=180_000)
            page.locator('[data-testid="stMain"]').wait_for(timeout=60_000)
            page.wait_for_selector(IDLE, timeout=180_000)
            context.close()
        out["rss_pages"], out["peak_pages"] = held_mb(pid), peak_mb(pid)
        for index in range(3):
            upload_in_the_app(browser, base, a_new_report(url, folder, 2 * index))
            upload_from_another_process(url, a_new_report(url, folder, 2 * index + 1))
        if script == "serve.py":
            wait_rewarmed(base, url)
        out["rss_uploads"], out["peak_uploads"] = held_mb(pid), peak_mb(pid)
        kept.close()
        browser.close()
    return out


def visit_rounds(browser, base: str, kept, proxied: str, rounds: int) -> dict[str, list[Visit]]:
    """Cold, warm and 4G visits of the server itself, then cold and 4G through the server set-up,
    interleaved round by round so that machine noise spreads over all."""
    cases = {"cold": (base, False), "warm": (base, False), "phone": (base, True),
             "proxied_cold": (proxied, False), "proxied_phone": (proxied, True)}
    done: dict[str, list[Visit]] = {name: [] for name in cases}
    first = new_context(browser, signed_in_at=proxied)
    visit(first, proxied)  # the replica's first session after its warm-up, as for `base` above
    first.close()
    for _ in range(rounds):
        for name, (where, phone) in cases.items():
            if name == "warm":
                done[name].append(visit(kept, base))
                continue
            context = new_context(browser, signed_in_at=where if where == proxied else "")
            done[name].append(visit(context, where, phone=phone))
            context.close()
    return done


def median(visits: list[Visit], attribute: str) -> float:
    return statistics.median(getattr(v, attribute) for v in visits)


def report(out: dict[str, object], rounds: int) -> None:
    cold, warm, phone = out["cold"], out["warm"], out["phone"]
    print(f"\nserver ready {out['ready_s']:.1f} s after start (health check says ready)")
    print(f"\noverview, Chromium 1366x900, medians of {rounds} interleaved rounds (in-page clocks); "
          f"targets on the first screen's charts:")
    print(f"  {'case':22} {'1st chart':>9} {'1st screen':>10} {'target':>7} {'ratio':>6} {'all charts':>10} "
          f"{'MB':>6} {'req':>4}")
    rows = [("cold (empty cache)", cold, COLD_TARGET_S), ("warm (cache kept)", warm, None),
            ("4G phone, cold", phone, PHONE_TARGET_S),
            ("set-up: cold", out["proxied_cold"], COLD_TARGET_S),
            ("set-up: 4G phone", out["proxied_phone"], PHONE_TARGET_S)]
    for name, visits, target in rows:
        screen = median(visits, "first_screen_s")
        goal = f"{target:6.1f}s" if target else f"{'':7}"
        ratio = f"{screen / target:6.2f}" if target else f"{'':6}"
        print(f"  {name:22} {median(visits, 'first_chart_s'):8.2f}s {screen:9.2f}s {goal} {ratio} "
              f"{median(visits, 'all_charts_s'):9.2f}s {median(visits, 'bytes') / 1e6:6.2f} "
              f"{median(visits, 'requests'):4.0f}")
    print("  (the server itself: HTTP/1.1 on loopback; \"set-up\": the same through README \"Server\"'s nginx,"
          " TLS and HTTP/2, signed in through SSO, as a leader's phone reaches it)")
    print(f"  charts on the page: {cold[0].charts}, on the first screen (top inside the viewport): "
          f"{cold[0].first_screen_charts}")
    for name, visits, _ in rows:
        print(f"  {name} first screen / all charts, each round: "
              f"{', '.join(f'{v.first_screen_s:.2f}/{v.all_charts_s:.2f}' for v in visits)}")
    warm_s = median(warm, "first_screen_s")
    cold_mb = median(cold, "bytes") / 1e6
    print(f"\nbytes on a cold visit: {cold_mb:.2f} MB  target {BYTES_TARGET_MB} MB  "
          f"ratio {cold_mb / BYTES_TARGET_MB:.2f}")
    start = out["after_start"]
    cold_s = median(cold, "first_screen_s")
    print(f"first visit after start: {start.first_screen_s:.2f} s (1st chart {start.first_chart_s:.2f} s) = "
          f"{start.first_screen_s / warm_s:.2f} x warm; target <= {FIRST_VISIT_RATIO} x  "
          f"ratio {start.first_screen_s / warm_s / FIRST_VISIT_RATIO:.2f}  "
          f"(its browser cache is empty: {start.first_screen_s / cold_s:.2f} x a cold visit)")
    after = out["after_write"]
    after_s = statistics.median(v.first_screen_s for v in after)
    print(f"first visit after an out-of-process write (median of {len(after)}): {after_s:.2f} s = "
          f"{after_s / warm_s:.2f} x warm; ratio {after_s / warm_s / FIRST_VISIT_RATIO:.2f}; "
          f"{after_s / cold_s:.2f} x a cold visit  "
          f"(re-warmed {', '.join(f'{s:.1f}' for s in out['rewarm'])} s after the write)")
    print(f"  each: {', '.join(f'{v.first_screen_s:.2f}' for v in after)}")
    for label, rss, peak in (("after every page", out["rss_pages"], out["peak_pages"]),
                             ("then 6 uploads", out["rss_uploads"], out["peak_uploads"])):
        print(f"server memory {label:17}: RSS {rss:5.0f} MB (ratio {rss / MEMORY_TARGET_MB:.2f}), "
              f"peak {peak:5.0f} MB (ratio {peak / MEMORY_TARGET_MB:.2f}) to {MEMORY_TARGET_MB:.0f} MB")
    print("\nwaterfall of the first cold visit (ms from the first request; kB on the wire):")
    for row in cold[0].waterfall:
        print(f"  {row['start_ms']:7.0f} {row['end_ms']:7.0f} {row['kB']:8.1f} {row['encoding']:5} {row['url']}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workbooks", type=int, default=500)
    parser.add_argument("--per-workbook", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=7, help="interleaved cold / warm / 4G visits (issue 14: 7)")
    parser.add_argument("--db", help="reuse this database (a SQLite file is copied first)")
    parser.add_argument("--script", default="serve.py", choices=("serve.py", "app.py"))
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {Path('/proc/loadavg').read_text().split()[:3]}; "
          f"server: streamlit run {args.script}")
    with tempfile.TemporaryDirectory(prefix="bench-serving-") as tmp:
        folder = Path(tmp)
        url = reused(args.db, folder) if args.db else build_database(folder, args.workbooks, args.per_workbook)
        from analytics.store import Store

        history = Store(url).history()
        current = history[history["is_current"]]
        print(f"{len(Store(url).innovations()):,} current innovations in {len(current)} current unit reports")
        out = measure(url, folder, args.script, args.rounds)
        if args.json:
            Path(args.json).write_text(json.dumps(out, default=lambda v: v.__dict__, indent=1))
        report(out, args.rounds)


if __name__ == "__main__":
    main()
