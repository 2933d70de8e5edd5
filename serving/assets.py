"""Streamlit's frontend files served precompressed (brotli, gzip), compressed once per Streamlit version.

Why not compress per request: Streamlit deliberately serves /static uncompressed because
Starlette's GZipMiddleware would compress a 4.7 MB Plotly bundle again on every hit
(`streamlit/web/server/starlette/starlette_gzip_middleware.py`).  Here every compressible file of
Streamlit's static folder is compressed once — at startup, into a cache folder named after the
Streamlit version and the brotli quality — and a request only picks the variant its
Accept-Encoding allows and streams it from disk.  Headers stay Streamlit's: the same Content-Type
and Cache-Control (immutable for the content-hashed bundles, no-cache for index.html and
manifest.json), plus `Vary: Accept-Encoding` and `Content-Encoding`.  A reverse proxy in front
(nginx) passes these through untouched.

The folder also holds a copy of every file of Streamlit's /static/ as it is, and `current` beside
the folders links to the newest started server's: the reverse proxy serves /static/ from there
itself (deploy/nginx/kudus-server.conf: brotli_static, gzip_static), without a Python process.

Only files known at startup are served this way (a dict lookup, never a path built from the
request), so this layer cannot widen what Streamlit serves; the app's page URLs (`/presentasi`, …)
get the page shell as `/` does, and anything else — ranges, other methods, files without a
variant — goes on to Streamlit unchanged.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import mimetypes
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import brotli
import streamlit
from starlette.responses import FileResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from streamlit import file_util
from streamlit.logger import get_logger
from streamlit.web.server.starlette.starlette_server_config import STATIC_ASSET_CACHE_MAX_AGE_SECONDS

from ui.navigation import PAGES
from ui.presentation_css import EARLY_CSS

LOG = get_logger(__name__)

# Text-like files compress 3-5x; fonts (woff2), images and the like are compressed already.
COMPRESSIBLE = {".js", ".mjs", ".css", ".html", ".json", ".svg", ".txt", ".map", ".ttf", ".otf", ".wasm", ".xml"}
MINIMUM_SIZE = 1024  # below this the headers cost more than the saving
# Streamlit's rule (starlette_static_routes._apply_cache_headers): HTML and manifest.json revalidate.
NO_CACHE = re.compile(r"(?:\.html$|^manifest\.json$)")
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))  # preference order when a client accepts both
MANIFEST = "manifest-kudus.json"
INDEX = "index.html"
IMPORT = re.compile(rb'(?:from|import)\s*"\./([\w.\-]+\.js)"')
# The app's page URLs, which Streamlit answers with index.html: here with the page shell, as "/".
PAGE_URLS = frozenset({"", *(page.url_path for page in PAGES)})
# The element kinds whose code Streamlit loads on first use and the overview (the page at "/")
# draws on opening: the charts — first, as the largest: a browser fetches six files at a time
# from one server over HTTP/1.1 — then the language switch, the year, the KPI cards, the menu's
# page links and the export panel's toggle (the filter lists come when their panel opens).
FIRST_SCREEN = ("PlotlyChart", "ButtonGroup", "Selectbox", "Metric", "PageLink", "Checkbox")

# Evaluating the chart code takes the browser's main thread for about 0.7 s.  Streamlit starts it
# when the first chart arrives, after the script's run.  Here it starts as soon as the browser has
# asked for the run (its first message on the websocket), so that it overlaps the server's run and
# the elements' transfer: the charts came about 0.1 s sooner than when it started with the run
# (A/B of 24 cold visits), which was itself 0.1-0.15 s sooner than Streamlit's own start.  Started
# as soon as the code had arrived, it held up the websocket's opening by as long.  Only on the
# pages with charts, which the last part of the address names ("" is the overview).
CHART_PAGES = ("", *(page.url_path for page in PAGES if page.charts))
EARLY_CHART_CODE = b"""<script type="module">
if (PAGES.includes(location.pathname.split("/").filter(Boolean).pop() || "")) {
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (...message) {
    WebSocket.prototype.send = send;
    const sent = send.apply(this, message);
    import("./static/js/CHUNK");
    return sent;
  };
}
</script>
  """.replace(b"PAGES", json.dumps(CHART_PAGES).encode())
# The deck's early rules hold only on the presentation page (also after a switch to it within the
# app): their `.stApp:has(...)` selectors make the browser re-check the whole page at every change
# to it, and on the overview that cost the first screen about 0.07 s (A/B of 12 cold visits).
DECK_PAGE = next(page.url_path for page in PAGES if page.file == "views/presentasi.py")
SHELL_STYLE = b"""<style id="kudus-deck-early">""" + EARLY_CSS.encode() + b"""</style>
  <script>
(() => {
  const early = document.getElementById("kudus-deck-early");
  const follow = () => { early.disabled = (location.pathname.split("/").filter(Boolean).pop() || "") !== "DECK"; };
  for (const name of ["pushState", "replaceState"]) {
    const change = history[name];
    history[name] = function (...args) { const done = change.apply(this, args); follow(); return done; };
  }
  addEventListener("popstate", follow);
  follow();
})();
</script>
  """.replace(b"DECK", DECK_PAGE.encode())
# The folder also holds Streamlit's /static/ files as they are, beside their compressed copies, so
# that the reverse proxy can serve the whole of /static/ itself (deploy/nginx/kudus-server.conf).
# `CURRENT`, next to the folders, links to the one the newest started server uses.
LAYOUT = "originals beside"
CURRENT = "current"
# What the page shell adds and how the folder is laid out, in its name: a change gives a new folder.
SHELL_DIGEST = hashlib.sha256(repr((FIRST_SCREEN, EARLY_CHART_CODE, SHELL_STYLE, LAYOUT)).encode()).hexdigest()[:8]


def brotli_quality() -> int:
    """KUDUS_BROTLI_QUALITY (0-11, default 9): 11 saves ~10% more but takes ~10x longer, once."""
    try:
        return min(11, max(0, int(os.environ.get("KUDUS_BROTLI_QUALITY", "9"))))
    except ValueError:
        return 9


def default_cache_dir(environ: Mapping[str, str] = os.environ) -> Path:
    """KUDUS_ASSET_CACHE, else `$KUDUS_DATA_DIR/asset-cache` (a folder the app may already write)."""
    chosen = environ.get("KUDUS_ASSET_CACHE")
    if chosen:
        return Path(chosen)
    return Path(environ.get("KUDUS_DATA_DIR", "data")) / "asset-cache"


@dataclass(frozen=True)
class Asset:
    """One static file and its precompressed variants (encoding -> path)."""

    content_type: str
    cache_control: str
    size: int
    digest: str
    variants: dict[str, Path]


def _compress_one(job: tuple[str, str, int]) -> tuple[str, str]:
    """Write `target`.br and .gz from `source` (atomically: replicas may start together)."""
    source, target, quality = job
    data = Path(source).read_bytes()
    outputs = {".br": brotli.compress(data, quality=quality), ".gz": gzip.compress(data, 9, mtime=0)}
    for suffix, body in outputs.items():
        _write_atomic(Path(target + suffix), body)
    return target, hashlib.sha256(data).hexdigest()[:16]


def _write_atomic(path: Path, body: bytes | Path) -> None:
    """Write `body` (bytes, or a file to copy) to `path` atomically: a replica starting beside may
    write it too, and nginx may be reading it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(handle, "wb") as out:
        if isinstance(body, Path):
            with open(body, "rb") as source:
                shutil.copyfileobj(source, out)
        else:
            out.write(body)
    os.chmod(temporary, 0o644)  # mkstemp's 0600 would keep the reverse proxy's user out
    os.replace(temporary, path)


def compressible(static_dir: Path) -> Iterable[Path]:
    for path in sorted(static_dir.rglob("*")):
        if path.is_file() and path.suffix.lower() in COMPRESSIBLE and path.stat().st_size >= MINIMUM_SIZE:
            yield path


class PrecompressedAssets:
    """The table of precompressed variants of one static folder, built (or reused) at startup."""

    def __init__(self, static_dir: Path, cache_root: Path, *, quality: int | None = None,
                 version: str = streamlit.__version__) -> None:
        self.static_dir = static_dir
        self.quality = brotli_quality() if quality is None else quality
        # Named after what its files depend on: Streamlit's version, the quality and our shell additions.
        self.cache_dir = cache_root / f"streamlit-{version}-br{self.quality}-shell{SHELL_DIGEST}"
        self.assets: dict[str, Asset] = {}

    def prepare(self, workers: int | None = None) -> dict[str, Asset]:
        """Compress what the cache folder lacks (all of it on the first start of a Streamlit version,
        nothing afterwards), then build the lookup table.  A folder that cannot be written leaves
        the table empty: the app still works, uncompressed, and the log says why."""
        try:
            digests = self._load_or_compress(workers)
        except OSError as problem:
            LOG.warning("Static assets served uncompressed: cannot write %s (%s)", self.cache_dir, problem)
            return {}
        try:
            self._make_current()
        except OSError as problem:  # this server still serves them compressed; nginx asks it for them
            LOG.warning("nginx cannot serve /static/ from %s: cannot link %s there (%s)", self.cache_dir.parent,
                        CURRENT, problem)
        for path in compressible(self.static_dir):
            relative = path.relative_to(self.static_dir).as_posix()
            variants = {name: self.cache_dir / (relative + suffix) for name, suffix in ENCODINGS}
            if relative == INDEX:
                variants["identity"] = self.cache_dir / INDEX
            if relative in digests and all(v.is_file() for v in variants.values()):
                self.assets[relative] = Asset(_content_type(path), _cache_control(relative), path.stat().st_size,
                                              digests[relative], variants)
        return self.assets

    def _make_current(self) -> None:
        """Point CURRENT at this folder (atomically: nginx may be reading through the link)."""
        link = self.cache_dir.parent / CURRENT
        temporary = link.with_name(f".{CURRENT}-{os.getpid()}")
        temporary.unlink(missing_ok=True)
        temporary.symlink_to(self.cache_dir.name, target_is_directory=True)
        os.replace(temporary, link)

    def _load_or_compress(self, workers: int | None) -> dict[str, str]:
        manifest = self.cache_dir / MANIFEST
        if manifest.is_file():
            return json.loads(manifest.read_text())
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        sources = {path: path for path in compressible(self.static_dir)}
        index = self.static_dir / INDEX
        if index in sources:  # the page shell, with the chart code announced early and the deck's rules
            served = self.cache_dir / INDEX
            _write_atomic(served, page_shell(index.read_bytes(), self.static_dir))
            sources[index] = served
        for path in sorted((self.static_dir / "static").rglob("*")):
            if path.is_file():
                _write_atomic(self.cache_dir / path.relative_to(self.static_dir), path)
        jobs = [(str(source), str(self.cache_dir / path.relative_to(self.static_dir)), self.quality)
                for path, source in sources.items()]
        workers = workers or max(1, min(4, os.cpu_count() or 1))
        if workers == 1:
            done = map(_compress_one, jobs)
        else:
            pool = ProcessPoolExecutor(max_workers=workers)
            done = pool.map(_compress_one, jobs, chunksize=4)
        try:
            digests = {Path(target).relative_to(self.cache_dir).as_posix(): digest for target, digest in done}
        finally:
            if workers != 1:
                pool.shutdown()
        _write_atomic(manifest, json.dumps(digests, sort_keys=True).encode())
        LOG.info("Compressed %d static assets into %s", len(digests), self.cache_dir)
        return digests


def first_screen_code(static_dir: Path) -> list[str]:
    """The chunks of FIRST_SCREEN and every module they import (transitively), as static/js names.

    Why: Streamlit loads an element kind's code only when its first element arrives over the
    websocket, after the shell, the socket and the script run; on a phone each wave of such
    requests costs a round trip, and the chart code alone is 1.2 MB.  Announced in the page
    shell, the code downloads while the socket connects and the script runs."""
    folder = static_dir / "static" / "js"
    seen: list[str] = []
    for kind in FIRST_SCREEN:
        wanted = sorted(folder.glob(f"{kind}.*.js"))[:1]
        while wanted:
            path = wanted.pop()
            if path.name in seen or not path.is_file():
                continue
            seen.append(path.name)
            wanted.extend(folder / name.decode() for name in IMPORT.findall(path.read_bytes()[:20_000]))
    return seen


def page_shell(index: bytes, static_dir: Path) -> bytes:
    """Streamlit's index.html plus a modulepreload link for each first-screen module it does not
    list yet (after its own, so the app's code keeps the first place in the queue), the
    presentation's early rules (ui.presentation_css.EARLY_CSS: one slide at a time, no
    placeholders), which must hold before st.html's code arrives, and the early start of the
    chart code's evaluation (EARLY_CHART_CODE)."""
    links = b"".join(b'<link rel="modulepreload" crossorigin href="./static/js/%s">\n  ' % name.encode()
                     for name in first_screen_code(static_dir) if b"./static/js/" + name.encode() not in index)
    if b"</head>" not in index:
        return index
    plotly = [name for name in first_screen_code(static_dir) if name.startswith("PlotlyChart.")]
    early = EARLY_CHART_CODE.replace(b"CHUNK", plotly[0].encode()) if plotly else b""
    return index.replace(b"</head>", links + SHELL_STYLE + early + b"</head>", 1)


def _content_type(path: Path) -> str:
    """As Streamlit's FileResponse guesses it (Starlette adds the charset to text/ types alike)."""
    return mimetypes.guess_type(path.name)[0] or "text/plain"


def _cache_control(relative: str) -> str:
    if NO_CACHE.search(relative):
        return "no-cache"
    return f"public, immutable, max-age={STATIC_ASSET_CACHE_MAX_AGE_SECONDS}"


def accepted_encodings(header: str) -> set[str]:
    """The content codings an Accept-Encoding header allows (q=0 refuses; `*` allows all)."""
    allowed: set[str] = set()
    refused: set[str] = set()
    for part in header.lower().split(","):
        name, _, params = part.strip().partition(";")
        q = 1.0
        match = re.search(r"q\s*=\s*([0-9.]+)", params)
        if match:
            try:
                q = float(match.group(1))
            except ValueError:
                q = 0.0
        if name.strip():
            (allowed if q > 0 else refused).add(name.strip())
    if "*" in allowed:
        allowed |= {name for name, _ in ENCODINGS}
    return allowed - refused


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return ""


class PrecompressedStaticMiddleware:
    """ASGI middleware: GET/HEAD of a known static file -> its precompressed variant from disk."""

    def __init__(self, app: ASGIApp, assets: PrecompressedAssets | None = None, base_url: str = "") -> None:
        self.app = app
        self.assets = assets if assets is not None else shared_assets()
        self.prefix = "/" + base_url.strip("/") if base_url.strip("/") else ""

    def _asset(self, scope: Scope) -> tuple[str, Asset] | None:
        path: str = scope.get("path", "")
        root = scope.get("root_path", "") or self.prefix
        if root and path.startswith(root):
            path = path[len(root):]
        relative = INDEX if path.lstrip("/") in PAGE_URLS else path.lstrip("/")
        found = self.assets.assets.get(relative)
        return (relative, found) if found else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        known = self._asset(scope)
        if known is None:
            await self.app(scope, receive, send)
            return
        _, asset = known
        allowed = accepted_encodings(_header(scope, b"accept-encoding"))
        encoding = next((name for name, _ in ENCODINGS if name in allowed), None)
        if encoding is None and "identity" in asset.variants and not _header(scope, b"range"):
            encoding = "identity"  # the page shell with its preload links, uncompressed
        if encoding is None or _header(scope, b"range"):
            await self.app(scope, receive, send_with_vary(send))
            return
        etag = f'"{asset.digest}-{encoding}"'
        headers = {"cache-control": asset.cache_control, "vary": "Accept-Encoding", "etag": etag}
        if encoding != "identity":
            headers["content-encoding"] = encoding
        if etag in _header(scope, b"if-none-match"):
            await Response(status_code=304, headers=headers)(scope, receive, send)
            return
        response = FileResponse(asset.variants[encoding], media_type=asset.content_type, headers=headers)
        await response(scope, receive, send)


def send_with_vary(send: Send) -> Send:
    """The identity response of a compressible file varies by Accept-Encoding too (for caches)."""
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = [*message.get("headers", []), (b"vary", b"Accept-Encoding")]
        await send(message)
    return sending


_SHARED: PrecompressedAssets | None = None


def shared_assets() -> PrecompressedAssets:
    """The process's table over Streamlit's own static folder (filled by `prepare` at startup)."""
    global _SHARED
    if _SHARED is None:
        _SHARED = PrecompressedAssets(Path(file_util.get_static_dir()), default_cache_dir())
    return _SHARED
