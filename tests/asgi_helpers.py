"""One HTTP request through an ASGI app in-process, without a server or an HTTP client library."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor


def get(app, path: str, headers: dict[str, str] | None = None, method: str = "GET"):
    """One request through an ASGI app: (status, headers, body)."""
    scope = {"type": "http", "http_version": "1.1", "method": method, "scheme": "http", "path": path,
             "raw_path": path.encode(), "root_path": "", "query_string": b"", "server": ("test", 80),
             "client": ("127.0.0.1", 1234),
             "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]}
    sent: list[dict] = []
    calls = []

    async def receive() -> dict:
        calls.append(1)
        if len(calls) > 1:  # the client stays connected until the response is done
            await asyncio.Event().wait()
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    # In a thread of its own: Playwright's sync API (the browser tests' session-wide browser) keeps
    # an event loop running in this thread, where asyncio.run() refuses to start another.
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, app(scope, receive, send)).result()
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, body
