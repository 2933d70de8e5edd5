"""Load: N new sessions of the overview opened at once, with 1 replica and with 2 behind nginx.

    .venv/bin/python bench/bench_load.py                      # N = 10, 25, 50; needs TEST_DATABASE_URL
    .venv/bin/python bench/bench_load.py --sizes 25 --setups nginx-2

A browser per session would measure Chromium on 2 cores, not the server, so each session speaks
Streamlit's own protocol over its WebSocket, as the frontend does: open /_stcore/stream (through
nginx and TLS as a new browser, which nginx sends to the replica with the fewest connections, or
straight to the replica), send a BackMsg
`rerun_script` for the default page, and read the ForwardMsgs until `script_finished`.  What the
server does per session is exactly a browser's first visit: a new session, the app script, every
element's delta sent.  What it leaves out is the browser's own work (loading the frontend bundle,
drawing), which does not load the server.

Per session it records the time to the first Plotly chart's delta and to the script's end; an
error is a failed connection, an exception element, a script that did not finish successfully or
no end within the timeout.  Memory per session is the growth of the replicas' resident memory
while the N sessions are open, divided by N.

The database is a fresh PostgreSQL database of TEST_DATABASE_URL's server, filled with the sample
data (every unit of Kudus, 2023-2025), dropped at the end.  The replicas start through
deploy/kudus-replica and nginx runs deploy/nginx's site (deploy/stack.py); each replica serves one
session before the timing (a server that just started is not what 30 leaders meet).

Target (issue 15): 25 simultaneous new sessions, p95 to the script's end <= 3 s with 2 replicas, no error.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "deploy"))

import stack  # noqa: E402 - deploy/stack.py
import websockets  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

TARGET_N, TARGET_P95_S = 25, 3.0
SESSION_TIMEOUT_S = 120.0
SETUPS = {"direct-1": (1, False), "nginx-1": (1, True), "nginx-2": (2, True)}


@dataclass
class Visit:
    first_chart: float | None = None
    end: float | None = None
    error: str | None = None


async def visit(ws_url: str, cookie: str | None, ssl_context) -> Visit:
    """One new session of the overview, as a browser's first visit; times from before connecting.
    Without `cookie` nginx picks the replica (least connections), as for a new browser."""
    result = Visit()
    started = time.perf_counter()
    headers = {"Cookie": cookie} if cookie else {}
    try:
        async with websockets.connect(ws_url, subprotocols=["streamlit"], additional_headers=headers,
                                      ssl=ssl_context, max_size=None, open_timeout=SESSION_TIMEOUT_S) as ws:
            rerun = BackMsg()
            rerun.rerun_script.query_string = ""
            rerun.rerun_script.page_script_hash = ""
            await ws.send(rerun.SerializeToString())
            async with asyncio.timeout(SESSION_TIMEOUT_S):
                while result.end is None:
                    message = ForwardMsg()
                    message.ParseFromString(await ws.recv())
                    _read(message, result, time.perf_counter() - started)
    except TimeoutError:
        result.error = "timeout"
    except Exception as error:  # noqa: BLE001 - any failure of a session counts as its error
        result.error = f"{type(error).__name__}: {error}"
    return result


def _read(message: ForwardMsg, result: Visit, elapsed: float) -> None:
    kind = message.WhichOneof("type")
    if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
        element = message.delta.new_element.WhichOneof("type")
        if element == "plotly_chart" and result.first_chart is None:
            result.first_chart = elapsed
        elif element == "exception":
            result.error = result.error or f"exception: {message.delta.new_element.exception.message[:120]}"
    elif kind == "script_finished":
        status = message.script_finished
        if status == ForwardMsg.FINISHED_SUCCESSFULLY:
            result.end = elapsed
            if result.first_chart is None:
                result.error = result.error or "no chart"
        elif status != ForwardMsg.FINISHED_EARLY_FOR_RERUN:  # a rerun the app asked for goes on
            result.error = f"script finished with status {status}"
            result.end = elapsed


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the process so far (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


async def burst(server: stack.Stack, via_nginx: bool, n: int) -> tuple[list[Visit], float, float]:
    """n new sessions at once; memory measured while they are all still open, and the replicas'
    CPU time per session (what the machine must give each new session, whatever else runs)."""
    pids = [r.process.pid for r in server.replicas]
    before = sum(rss_mb(pid) for pid in pids)
    cpu_before = sum(cpu_seconds(pid) for pid in pids)
    context = stack.insecure_context() if via_nginx else None
    ws_url = (server.url.replace("https://", "wss://") if via_nginx
              else server.replicas[0].url.replace("http://", "ws://")) + "/_stcore/stream"
    visits = await asyncio.gather(*(visit(ws_url, None, context) for _ in range(n)))
    grown = sum(rss_mb(pid) for pid in pids) - before
    cpu = sum(cpu_seconds(pid) for pid in pids) - cpu_before
    return list(visits), grown / n, cpu / n


def warm(server: stack.Stack, via_nginx: bool) -> None:
    for replica in server.replicas:
        pin = server.pin(replica)
        cookie = f"{pin['name']}={pin['value']}" if via_nginx else None
        ws_url = ((server.url.replace("https://", "wss://") if via_nginx else replica.url.replace("http://", "ws://"))
                  + "/_stcore/stream")
        first = asyncio.run(visit(ws_url, cookie, stack.insecure_context() if via_nginx else None))
        if first.error:
            raise RuntimeError(f"warm-up session on {replica.url}: {first.error} (log: {replica.log})")


def report(setup: str, n: int, visits: list[Visit], mb_per_session: float, cpu_per_session: float) -> dict[str, float]:
    ends = [v.end for v in visits if v.end is not None and v.error is None]
    charts = [v.first_chart for v in visits if v.first_chart is not None and v.error is None]
    errors = [v.error for v in visits if v.error]
    row = {"p50_chart": statistics.median(charts) if charts else float("nan"),
           "p95_chart": percentile(charts, 0.95) if charts else float("nan"),
           "p50_end": statistics.median(ends) if ends else float("nan"),
           "p95_end": percentile(ends, 0.95) if ends else float("nan"), "errors": len(errors),
           "cpu": cpu_per_session}
    print(f"{setup:9} N={n:3}  first chart p50 {row['p50_chart']:6.2f} s  p95 {row['p95_chart']:6.2f} s   "
          f"script end p50 {row['p50_end']:6.2f} s  p95 {row['p95_end']:6.2f} s   errors {len(errors):2}   "
          f"memory {mb_per_session:5.1f} MB/session   server CPU {cpu_per_session * 1000:4.0f} ms/session", flush=True)
    for error in sorted(set(errors))[:3]:
        print(f"          error: {error}")
    return row


def median_row(rows: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(row[key] for row in rows) for key in rows[0]}


def filled_database() -> tuple[str, Callable[[], None]]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    from analytics.sample.loader import load_sample
    from analytics.store import Store, normalise_url

    server = os.environ.get("TEST_DATABASE_URL", "").strip()
    if not server:
        sys.exit("TEST_DATABASE_URL must name a PostgreSQL server whose user may create databases")
    admin = create_engine(normalise_url(server), isolation_level="AUTOCOMMIT", poolclass=NullPool)
    name = f"bench_kudus_{uuid.uuid4().hex[:16]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    store = Store(url)
    with tempfile.TemporaryDirectory() as folder:
        load_sample(store, folder=Path(folder))
    print(f"database: PostgreSQL, sample data ({len(store.innovations())} innovations, "
          f"{len(store.history())} reports)", flush=True)
    store.close()

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url, drop


def main() -> None:
    parser = argparse.ArgumentParser(description="N new sessions of the overview at once")
    parser.add_argument("--sizes", default="10,25,50")
    parser.add_argument("--setups", default="direct-1,nginx-2", help=f"comma-separated: {', '.join(SETUPS)}")
    parser.add_argument("--runs", type=int, default=1, help="bursts per size; with more than one, their median too")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} ({os.cpu_count()} cores; "
          "a shared machine makes every time longer)", flush=True)
    url, drop = filled_database()
    results: dict[tuple[str, int], dict[str, float]] = {}
    try:
        for setup in args.setups.split(","):
            replicas, via_nginx = SETUPS[setup]
            # Open mode measures the overview's own work (no sign-in per session); behind nginx open mode
            # refuses proxied clients unless told otherwise (issue 12), which a load test on 127.0.0.1 may.
            env = {"DATABASE_URL": url, "KUDUS_AUTH": "open", "KUDUS_DANGEROUS_OPEN_NETWORK": "1",
                   "STREAMLIT_SERVER_COOKIE_SECRET": os.urandom(16).hex()}
            with tempfile.TemporaryDirectory() as folder, \
                    stack.running_stack(Path(folder), env, replicas=replicas) as server:
                warm(server, via_nginx)
                for n in sizes:
                    rows = [report(setup, n, *asyncio.run(burst(server, via_nginx, n))) for _ in range(args.runs)]
                    results[(setup, n)] = median_row(rows)
                    if args.runs > 1:
                        print(f"{setup:9} N={n:3}  median of {args.runs} runs: " + "  ".join(
                            f"{key} {value:.2f}" for key, value in results[(setup, n)].items()), flush=True)
    finally:
        drop()
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    target = results.get(("nginx-2", TARGET_N))
    if target:
        cores = os.cpu_count() or 1
        print(f"server CPU per new session {target['cpu'] * 1000:.0f} ms: {TARGET_N} sessions need "
              f"{TARGET_N * target['cpu']:.1f} CPU-seconds, {TARGET_N * target['cpu'] / min(cores, 2):.1f} s "
              f"of wall time on {min(cores, 2)} otherwise idle cores")
        print(f"\ntarget: {TARGET_N} new sessions, 2 replicas behind nginx: p95 to script end "
              f"{target['p95_end']:.2f} s against {TARGET_P95_S:.0f} s (ratio {target['p95_end'] / TARGET_P95_S:.2f}), "
              f"errors {int(target['errors'])} against 0")


if __name__ == "__main__":
    main()
