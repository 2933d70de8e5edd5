"""Charts as PNG through kaleido and the system's Chromium, with kaleido's server started once.

Why a server and a lock: kaleido starts a headless Chromium for every call unless its sync server
runs (2–3 s each, against well under a second on a running one); the server is a process-wide
singleton, started on the first image and reused by every export after it.  Its queue is not safe
for two threads at once (one thread could take the other's image), and Streamlit runs deferred
downloads on worker threads — hence one lock around every call.

Presentation resolution: `figure_png(fig, width=1920, height=1080)` lays the chart out at half that
size and renders it at scale 2, so the type is as large on a projected 1920×1080 slide as it is in
the app, and the pixels are exactly the size asked for.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import plotly.graph_objects as go

from analytics.briefing.figures import for_image

PRESENTATION = (1920, 1080)
_lock = threading.Lock()
_started = False


def _ensure_server() -> None:
    """Start kaleido's sync server on first use, or again if its browser thread has died (a crashed
    Chromium must not break every later export of a long-running app).  Call with the lock held."""
    global _started
    import kaleido

    thread = getattr(kaleido._global_server, "_thread", None)  # noqa: SLF001 - no public liveness check
    if _started and (thread is None or not thread.is_alive()):
        kaleido.stop_sync_server(silence_warnings=True)
        _started = False
    if not _started:
        kaleido.start_sync_server(silence_warnings=True)
        _started = True


def figure_png(fig: go.Figure, *, width: int = PRESENTATION[0], height: int = PRESENTATION[1],
               scale: int = 2) -> bytes:
    """The figure as a PNG of exactly `width` × `height` pixels (layout at 1/scale of that)."""
    if width % scale or height % scale:
        scale = 1
    sized = for_image(fig, width=width // scale, height=height // scale)
    import kaleido

    with _lock:
        _ensure_server()
        return kaleido.calc_fig_sync(sized, opts={"format": "png", "width": width // scale,
                                                  "height": height // scale, "scale": scale})


def figures_png(figures: list[go.Figure], *, width: int, height: int, scale: int = 2,
                progress: Callable[[int, int], None] | None = None) -> list[bytes]:
    """Several figures in turn on the one server; `progress(done, total)` after each."""
    images = []
    for done, fig in enumerate(figures, start=1):
        images.append(figure_png(fig, width=width, height=height, scale=scale))
        if progress is not None:
            progress(done, len(figures))
    return images
