"""No cold first visitor: warm the process at startup and again after every write, by any process.

At startup (in the ASGI lifespan, before the server accepts a request and so before /healthz can
say ready) the process opens the store, computes the overview's default view (its indicators and
its first-screen figures, cached exactly as a page run caches them) and then runs the app script
once in a session of its own — the way a browser's first visit does — so that every import, the
page scripts' compilation and the first run's own work are paid here, not by a person.

Afterwards a watcher thread reads the store's data version every few seconds (one indexed row:
the same on SQLite and PostgreSQL, whichever process or replica wrote) and recomputes the default
view when it has changed, so the first leader after a CLI `ingest` or another replica's upload
finds it ready.
"""

from __future__ import annotations

import asyncio
import ctypes
import os
import threading
import time

from streamlit.logger import get_logger
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime import Runtime
from streamlit.runtime.session_manager import SessionClient

from analytics import i18n
from serving.readiness import STATE
from ui import common, dashboard, metrics

LOG = get_logger(__name__)
VISIT_TIMEOUT_SECONDS = 180.0  # 50,000 innovations on a loaded 2-core machine: well under a minute


def watch_seconds() -> float:
    """KUDUS_WARM_SECONDS (default 2): how often the watcher reads the data version (0.2-60)."""
    try:
        return min(60.0, max(0.2, float(os.environ.get("KUDUS_WARM_SECONDS", "2"))))
    except ValueError:
        return 2.0




def warm_data() -> int:
    """Open the store and compute the overview's default view; returns the data version warmed."""
    started = time.perf_counter()
    with STATE.lock:  # the watcher and the startup never warm the same thing twice at once
        version = common.version()
        dashboard.warm_up(lang=i18n.DEFAULT_LANGUAGE, figures=True)  # what a new visitor sees
        STATE.data_version = STATE.warmed_version = version[1]
        STATE.warm_ups += 1
        STATE.last_warm_seconds = time.perf_counter() - started
    LOG.info("Warmed data version %s in %.2f s", version[1], STATE.last_warm_seconds)
    return version[1]


class _VisitClient(SessionClient):
    """A session client that only waits for the end of the run (the frames go nowhere)."""

    def __init__(self) -> None:
        self.finished = asyncio.Event()
        self.status: int | None = None

    def write_forward_msg(self, msg: ForwardMsg) -> None:
        if msg.WhichOneof("type") == "script_finished" \
                and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            self.status = msg.script_finished
            self.finished.set()

    @property
    def client_context(self) -> None:
        return None


async def first_visit(runtime: Runtime, timeout: float = VISIT_TIMEOUT_SECONDS) -> bool:
    """Run the app script once, as a browser's first visit to the default page would; True when
    the run finished.  The session is closed afterwards, so it is never counted as a visitor."""
    client = _VisitClient()
    session_id = runtime.connect_session(client=client, user_info={})
    try:
        rerun = BackMsg()
        rerun.rerun_script.query_string = ""
        rerun.rerun_script.page_script_hash = ""
        runtime.handle_backmsg(session_id, rerun)
        await asyncio.wait_for(client.finished.wait(), timeout)
        return client.status == ForwardMsg.FINISHED_SUCCESSFULLY
    except TimeoutError:
        LOG.warning("The warm-up visit did not finish within %.0f s", timeout)
        return False
    finally:
        runtime.close_session(session_id)


async def warm_at_startup(runtime: Runtime) -> None:
    """Data first (a thread: it is blocking I/O and pandas), then one script run.  A store that
    does not answer is logged, not fatal: /healthz says 503 and the watcher retries."""
    try:
        await asyncio.to_thread(warm_data)
    except Exception:  # noqa: BLE001 - e.g. PostgreSQL not up yet: the server still starts
        LOG.exception("Warm-up could not read the store; /healthz stays 503 until it answers")
        return
    await first_visit(runtime)
    STATE.warmed = True


def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:  # not glibc (musl, macOS): the allocator keeps its defaults
        return None


M_ARENA_MAX = -8  # glibc's mallopt parameter


def limit_arenas(arenas: int = 2) -> None:
    """Fewer malloc arenas: glibc gives every thread that allocates its own 64 MB arena (Streamlit
    runs each session's script in a thread), which leaves hundreds of MB resident and unused."""
    libc = _libc()
    if libc is not None:
        libc.mallopt(M_ARENA_MAX, arenas)


def arrow_on_the_system_allocator() -> None:
    """Arrow's buffers (pandas' text columns, Streamlit's Arrow tables) from glibc's malloc, whose
    freed memory release_memory hands back, instead of Arrow's default mimalloc pool, which kept
    ~70 MB more resident after the same pages and uploads (447 against 519-569 MB at the peak)."""
    import pyarrow

    pyarrow.set_memory_pool(pyarrow.system_memory_pool())


def release_memory() -> None:
    """Return the heap freed by dropped frames to the operating system (glibc's malloc_trim)."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


class VersionWatcher(threading.Thread):
    """Re-warms within `interval` seconds of a write by any process (or of the store coming back)."""

    def __init__(self, interval: float | None = None) -> None:
        super().__init__(name="kudus-warm-watcher", daemon=True)
        self.interval = watch_seconds() if interval is None else interval
        self.stopping = threading.Event()

    TRIM_SECONDS = 30.0  # how often memory freed by ended sessions is handed back, at least
    SETTLE_SECONDS = 1.0  # and at the watcher's first look after a run ended at least this long ago

    def run(self) -> None:
        trimmed = time.monotonic()
        while not self.stopping.wait(self.interval):
            self.check_once()
            now = time.monotonic()
            if self.trim_due(trimmed, now):
                trimmed = now  # before the trim: a run that ends during it is trimmed after it
                release_memory()  # about 15 ms on a 700 MB heap, outside the GIL

    def trim_due(self, trimmed: float, now: float) -> bool:
        """A page's run frees most of what it allocated (a 50,000-row frame, figures): hand it back
        soon after the runs settle, not up to half a minute later; sessions that expire free memory
        without a run, hence the periodic trim too."""
        ended = metrics.last_run_ended()
        return now - trimmed > self.TRIM_SECONDS or (ended > trimmed and now - ended >= self.SETTLE_SECONDS)

    def check_once(self) -> bool:
        """One look at the data version; True when it warmed.  Every cached read is keyed by the
        version, so after a write the old version's frames are only memory: they are dropped (as
        the writing process does, `common.data_changed`; not twice when the write was this
        process's own) before the new version is computed."""
        try:
            current = common.store().data_version()
            STATE.data_version = current
            if current == STATE.warmed_version:
                return False
            if STATE.warmed_version is not None:
                common.drop_older_versions((common.store().url, current))
            warm_data()
            release_memory()
            STATE.warmed = True
            return True
        except Exception:  # noqa: BLE001 - the store may be briefly away; look again next time
            LOG.warning("Data-version watcher: the store did not answer", exc_info=True)
            return False

    def stop(self) -> None:
        self.stopping.set()
