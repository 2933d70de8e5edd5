"""The server: `streamlit run serve.py` starts the dashboard (`app.py`, the script) as an ASGI app.

What it adds to plain `streamlit run app.py` (which keeps working for development):
- Streamlit's frontend files served precompressed, brotli or gzip (serving.assets);
- no cold first visitor: the store opened, the overview computed and the script run once before
  the first request is accepted, and again within seconds of any write (serving.warmup);
- /healthz and /metrics (serving.ops).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware
from streamlit import config, runtime
from streamlit.logger import get_logger

from serving import assets, ops

LOG = get_logger("serve")


class _Precompressed(assets.PrecompressedStaticMiddleware):
    """Built with the app, after the config is loaded (so server.baseUrlPath is known)."""

    def __init__(self, app) -> None:  # noqa: ANN001 - an ASGI app
        super().__init__(app, base_url=config.get_option("server.baseUrlPath") or "")


@asynccontextmanager
async def lifespan(_app: st.App) -> AsyncIterator[None]:
    """Runs before the server accepts its first request; the watcher lives as long as the server."""
    from serving import warmup  # imports the app's modules: only once Streamlit's runtime exists

    started = time.perf_counter()
    warmup.limit_arenas()
    warmup.arrow_on_the_system_allocator()  # before the warm-up's first frame
    await asyncio.to_thread(assets.shared_assets().prepare)
    LOG.info("Static assets ready in %.1f s", time.perf_counter() - started)
    ops.register_collector()
    await warmup.warm_at_startup(runtime.get_instance())
    warmup.release_memory()
    LOG.info("Ready to serve %.1f s after start", time.perf_counter() - started)
    watcher = warmup.VersionWatcher()
    watcher.start()
    try:
        yield
    finally:
        watcher.stop()


app = st.App("app.py", lifespan=lifespan, routes=ops.ROUTES, middleware=[Middleware(_Precompressed)])
