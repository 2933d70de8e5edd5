"""/healthz and /metrics: what a load balancer and Prometheus ask a replica.

Neither says anything about the data: /healthz answers a status word, /metrics counts and sizes
under fixed labels (the names of cache functions are code, not data).  Both are cheap enough to be
polled every few seconds: /healthz reads one row (the data version), /metrics reads counters
kept in memory and Streamlit's own cache statistics.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from streamlit import runtime
from streamlit.logger import get_logger
from streamlit.runtime.stats import CACHE_MEMORY_FAMILY, CacheStat

from serving import assets
from serving.readiness import STATE

LOG = get_logger(__name__)
STORE_TIMEOUT_SECONDS = 5.0
NO_STORE = {"Cache-Control": "no-store"}


async def healthz(_request: Request) -> Response:
    """200 {"status": "ok"} only when the store answers now and the startup warm-up is done;
    503 {"status": "warming"} or {"status": "store unavailable"} otherwise (no detail: the log has it)."""
    from ui import common  # not at import: the ASGI entry loads this module before Streamlit's runtime

    try:
        version = await asyncio.wait_for(asyncio.to_thread(lambda: common.store().data_version()),
                                         STORE_TIMEOUT_SECONDS)
    except Exception:  # noqa: BLE001 - any failure to answer is "unavailable"; the reason goes to the log
        LOG.warning("/healthz: the store did not answer", exc_info=True)
        return JSONResponse({"status": "store unavailable"}, status_code=503, headers=NO_STORE)
    STATE.data_version = version
    if not STATE.warmed:
        return JSONResponse({"status": "warming"}, status_code=503, headers=NO_STORE)
    return JSONResponse({"status": "ok"}, headers=NO_STORE)


async def metrics(_request: Request) -> Response:
    body = await asyncio.to_thread(generate_latest, REGISTRY)
    return Response(body, media_type=CONTENT_TYPE_LATEST, headers=NO_STORE)


class ServerCollector(Collector):
    """Read at every scrape: sessions, the data version, warm-ups, cache sizes, precompressed assets."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        yield from self._sessions()
        yield _gauge("kudus_data_version", "The store's data version last seen (rises with every write)",
                     STATE.data_version)
        yield _gauge("kudus_warmed_version", "The data version the overview's default view was last computed for",
                     STATE.warmed_version)
        yield _gauge("kudus_warm", "1 once the startup warm-up finished (what /healthz waits for)",
                     int(STATE.warmed))
        yield _gauge("kudus_warm_ups", "Warm-ups of the default view since start (startup and after writes)",
                     STATE.warm_ups)
        yield _gauge("kudus_last_warm_seconds", "Duration of the last warm-up", STATE.last_warm_seconds)
        yield _gauge("kudus_precompressed_assets", "Static files served precompressed (brotli and gzip)",
                     len(assets.shared_assets().assets))
        yield from self._caches()

    def _sessions(self) -> Iterator[GaugeMetricFamily]:
        if not runtime.exists():
            return
        manager = runtime.get_instance()._session_mgr
        yield _gauge("kudus_sessions_active", "Browser sessions connected now", manager.num_active_sessions())
        yield _gauge("kudus_sessions", "Browser sessions kept (connected, or disconnected and resumable)",
                     manager.num_sessions())

    def _caches(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily("kudus_cache_bytes", "Memory of Streamlit's caches by function",
                                   labels=["cache_type", "cache"])
        if runtime.exists():
            stats = runtime.get_instance().stats_mgr.get_stats([CACHE_MEMORY_FAMILY]).get(CACHE_MEMORY_FAMILY, [])
            for stat in stats:
                if isinstance(stat, CacheStat) and stat.category_name != "st_session_state":
                    family.add_metric([stat.category_name, stat.cache_name], stat.byte_length)
        yield family


def _gauge(name: str, documentation: str, value: float | None) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=float("nan") if value is None else value)


_COLLECTOR = ServerCollector()


def register_collector() -> None:
    """Once per process (the registry refuses a second collector with the same names)."""
    with contextlib.suppress(ValueError):  # "Duplicated timeseries": registered already
        REGISTRY.register(_COLLECTOR)


ROUTES = [Route("/healthz", healthz, methods=["GET", "HEAD"]), Route("/metrics", metrics, methods=["GET"])]
