"""Precompressed static assets (serving.assets): compressed once, chosen by Accept-Encoding, the
bytes decompress to the original, and the headers stay Streamlit's own.

Streamlit's own static handler is the app behind the middleware, over a small static folder made
here, so every header can be compared with what Streamlit itself sends for the same file."""

from __future__ import annotations

import gzip
import os
import re
from pathlib import Path

import brotli
import pytest
from asgi_helpers import get
from streamlit.web.server.starlette.starlette_static_routes import create_streamlit_static_handler

from serving.assets import (
    CURRENT,
    EARLY_CHART_CODE,
    SHELL_DIGEST,
    SHELL_STYLE,
    PrecompressedAssets,
    PrecompressedStaticMiddleware,
    accepted_encodings,
    first_screen_code,
    page_shell,
)
from ui.presentation_css import EARLY_CSS

BUNDLE = "static/js/Chart.abc123.js"
PLOTLY = "static/js/PlotlyChart.p1.js"


def _text(size: int, seed: str) -> bytes:
    line = f"function {seed}(a,b){{return a+b*{seed.__len__()}}};// plotly-like bundle line\n".encode()
    return (line * (size // len(line) + 1))[:size]


@pytest.fixture
def static_dir(tmp_path: Path) -> Path:
    root = tmp_path / "static"
    (root / "static" / "js").mkdir(parents=True)
    (root / "static" / "media").mkdir()
    (root / "index.html").write_bytes(b"<!doctype html><html><head></head>" + _text(3000, "i"))
    (root / BUNDLE).write_bytes(_text(200_000, "plot"))
    (root / "static" / "js" / "tiny.js").write_bytes(b"var a=1;")  # below the minimum size
    (root / "static" / "media" / "font.woff2").write_bytes(os.urandom(5000))  # compressed already
    (root / PLOTLY).write_bytes(b'import{a}from"./dep.d1.js";import"./Chart.abc123.js";' + _text(5000, "plotly"))
    (root / "static" / "js" / "dep.d1.js").write_bytes(b"export const a=1;")
    (root / "manifest.json").write_bytes(b'{"files": [' + b'"a.js",' * 400 + b'"b.js"]}')
    return root


@pytest.fixture
def assets(static_dir: Path, tmp_path: Path) -> PrecompressedAssets:
    table = PrecompressedAssets(static_dir, tmp_path / "cache", quality=5, version="9.9.9")
    table.prepare(workers=1)
    return table


def served(static_dir: Path, assets: PrecompressedAssets) -> PrecompressedStaticMiddleware:
    return PrecompressedStaticMiddleware(create_streamlit_static_handler(str(static_dir), None), assets)


def test_only_compressible_files_above_the_minimum_get_variants(assets: PrecompressedAssets) -> None:
    assert sorted(assets.assets) == ["index.html", "manifest.json", BUNDLE, PLOTLY]
    # keyed by Streamlit's version, the quality and what the page shell adds
    assert assets.cache_dir.name == f"streamlit-9.9.9-br5-shell{SHELL_DIGEST}"


@pytest.mark.parametrize(("accept", "encoding", "decode"), [
    ("gzip, deflate, br, zstd", "br", brotli.decompress),
    ("br;q=1.0, gzip;q=0.8", "br", brotli.decompress),
    ("gzip", "gzip", gzip.decompress),
    ("br;q=0, gzip", "gzip", gzip.decompress),
    ("*", "br", brotli.decompress),
])
def test_served_bytes_decompress_to_the_original(static_dir: Path, assets: PrecompressedAssets,
                                                 accept: str, encoding: str, decode) -> None:
    status, headers, body = get(served(static_dir, assets), "/" + BUNDLE, {"Accept-Encoding": accept})
    assert status == 200
    assert headers["content-encoding"] == encoding
    assert headers["vary"] == "Accept-Encoding"
    assert int(headers["content-length"]) == len(body) < (static_dir / BUNDLE).stat().st_size / 3
    assert decode(body) == (static_dir / BUNDLE).read_bytes()


@pytest.mark.parametrize("path", ["/" + BUNDLE, "/", "/presentasi", "/perangkat-daerah", "/manifest.json"])
def test_headers_are_streamlits_own_plus_vary(static_dir: Path, assets: PrecompressedAssets, path: str) -> None:
    """Cache-Control (immutable for bundles, no-cache for index.html and manifest.json) and
    Content-Type equal Streamlit's uncompressed answer for the same file; a page's URL gets the
    page shell, as `/` does (Streamlit answers both with index.html)."""
    _, plain, _ = get(create_streamlit_static_handler(str(static_dir), None), path)
    _, packed, body = get(served(static_dir, assets), path, {"Accept-Encoding": "br"})
    assert packed["cache-control"] == plain["cache-control"]
    assert packed["content-type"] == plain["content-type"]
    assert packed["content-encoding"] == "br" and packed["vary"] == "Accept-Encoding"
    page = "." not in path
    original = (static_dir / ("index.html" if page else path.lstrip("/"))).read_bytes()
    assert brotli.decompress(body) == (page_shell(original, static_dir) if page else original)


def test_a_path_that_is_no_page_is_left_to_streamlit(static_dir: Path, assets: PrecompressedAssets) -> None:
    _, plain, plain_body = get(create_streamlit_static_handler(str(static_dir), None), "/bukan-halaman")
    _, headers, body = get(served(static_dir, assets), "/bukan-halaman", {"Accept-Encoding": "br"})
    assert "content-encoding" not in headers and body == plain_body == (static_dir / "index.html").read_bytes()


def test_without_accept_encoding_streamlit_answers_uncompressed_with_vary(static_dir: Path,
                                                                          assets: PrecompressedAssets) -> None:
    for accept in ({}, {"Accept-Encoding": "identity"}, {"Accept-Encoding": "br;q=0, gzip;q=0"}):
        status, headers, body = get(served(static_dir, assets), "/" + BUNDLE, accept)
        assert status == 200 and "content-encoding" not in headers
        assert headers["vary"] == "Accept-Encoding"
        assert body == (static_dir / BUNDLE).read_bytes()


def test_head_sends_the_headers_only(static_dir: Path, assets: PrecompressedAssets) -> None:
    status, headers, body = get(served(static_dir, assets), "/" + BUNDLE, {"Accept-Encoding": "br"}, method="HEAD")
    assert status == 200 and headers["content-encoding"] == "br" and body == b""
    assert int(headers["content-length"]) == (assets.assets[BUNDLE].variants["br"]).stat().st_size


def test_a_revalidation_with_the_etag_gets_304(static_dir: Path, assets: PrecompressedAssets) -> None:
    app = served(static_dir, assets)
    _, headers, _ = get(app, "/", {"Accept-Encoding": "gzip"})
    status, again, body = get(app, "/", {"Accept-Encoding": "gzip", "If-None-Match": headers["etag"]})
    assert status == 304 and body == b"" and again["vary"] == "Accept-Encoding"
    status, _, _ = get(app, "/", {"Accept-Encoding": "br", "If-None-Match": headers["etag"]})
    assert status == 200  # the brotli representation has an ETag of its own


def test_other_requests_go_to_streamlit_unchanged(static_dir: Path, assets: PrecompressedAssets) -> None:
    app = served(static_dir, assets)
    # A range of a bundle is served by Streamlit from the original file.
    status, headers, body = get(app, "/" + BUNDLE, {"Accept-Encoding": "br", "Range": "bytes=0-99"})
    assert status == 206 and "content-encoding" not in headers and body == (static_dir / BUNDLE).read_bytes()[:100]
    # Files without a variant, and paths that are no page of the app, are Streamlit's answer.
    for path in ("/static/js/tiny.js", "/static/media/font.woff2", "/bukan-halaman"):
        status, headers, _ = get(app, path, {"Accept-Encoding": "br"})
        assert status == 200 and "content-encoding" not in headers
    # A path that climbs out of the folder is never looked up as a file here.
    status, _, _ = get(app, "/static/../../cache/index.html.br", {"Accept-Encoding": "br"})
    assert status in (400, 404)


def test_compressed_once_then_reused(static_dir: Path, tmp_path: Path, assets: PrecompressedAssets) -> None:
    variant = assets.assets[BUNDLE].variants["br"]
    before = variant.stat().st_mtime_ns
    again = PrecompressedAssets(static_dir, tmp_path / "cache", quality=5, version="9.9.9")
    again.prepare(workers=1)
    assert variant.stat().st_mtime_ns == before
    assert sorted(again.assets) == sorted(assets.assets)


def test_the_folder_holds_all_of_static_for_the_reverse_proxy(static_dir: Path, tmp_path: Path,
                                                              assets: PrecompressedAssets) -> None:
    """deploy/nginx serves /static/ from `current`: every file as it is, the variants beside,
    all readable by another user (nginx's workers)."""
    current = tmp_path / "cache" / CURRENT
    assert current.is_symlink() and current.resolve() == assets.cache_dir.resolve()
    originals = sorted(p.relative_to(static_dir) for p in (static_dir / "static").rglob("*") if p.is_file())
    for name in originals:
        assert (current / name).read_bytes() == (static_dir / name).read_bytes()
    assert brotli.decompress((current / (BUNDLE + ".br")).read_bytes()) == (static_dir / BUNDLE).read_bytes()
    for path in current.rglob("*"):
        if path.is_file():
            assert path.stat().st_mode & 0o444 == 0o444, path
    assert not list(current.rglob(".tmp-*"))
    newer = PrecompressedAssets(static_dir, tmp_path / "cache", quality=6, version="9.9.9")
    newer.prepare(workers=1)  # the newest started server's folder becomes current
    assert current.resolve() == newer.cache_dir.resolve()


def test_a_current_link_that_cannot_be_made_keeps_the_compression(static_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "cache" / CURRENT / "someone's").mkdir(parents=True)  # a folder where the link goes
    table = PrecompressedAssets(static_dir, tmp_path / "cache", quality=5, version="9.9.9")
    assert sorted(table.prepare(workers=1)) == ["index.html", "manifest.json", BUNDLE, PLOTLY]
    assert not (tmp_path / "cache" / CURRENT).is_symlink()


def test_an_unwritable_cache_folder_leaves_the_files_uncompressed(static_dir: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    table = PrecompressedAssets(static_dir, blocked, quality=5)
    assert table.prepare(workers=1) == {}
    status, headers, body = get(served(static_dir, table), "/" + BUNDLE, {"Accept-Encoding": "br"})
    assert status == 200 and "content-encoding" not in headers and body == (static_dir / BUNDLE).read_bytes()


def test_two_workers_write_the_same_bytes(static_dir: Path, tmp_path: Path, assets: PrecompressedAssets) -> None:
    pooled = PrecompressedAssets(static_dir, tmp_path / "pooled", quality=5, version="9.9.9")
    pooled.prepare(workers=2)
    for name, asset in assets.assets.items():
        assert pooled.assets[name].variants["br"].read_bytes() == asset.variants["br"].read_bytes()


def test_accept_encoding_parsing() -> None:
    assert accepted_encodings("gzip, deflate, br") == {"gzip", "deflate", "br"}
    assert accepted_encodings("br;q=0, gzip;q=0.5") == {"gzip"}
    assert accepted_encodings("*;q=0.1, gzip;q=0") == {"*", "br"}
    assert accepted_encodings("") == set()


def test_the_page_shell_announces_the_chart_code(static_dir: Path, assets: PrecompressedAssets) -> None:
    """index.html as served (compressed or not) preloads the Plotly chunk and what it imports,
    after Streamlit's own links, and carries the presentation deck's rules; the rest of the file
    is Streamlit's, byte for byte."""
    assert first_screen_code(static_dir) == ["PlotlyChart.p1.js", "Chart.abc123.js", "dep.d1.js"]
    original = (static_dir / "index.html").read_bytes()
    for accept in ("br", "gzip", "identity"):
        status, headers, body = get(served(static_dir, assets), "/", {"Accept-Encoding": accept})
        page = {"br": brotli.decompress, "gzip": gzip.decompress, "identity": bytes}[accept](body)
        assert status == 200 and headers["cache-control"] == "no-cache" and headers["vary"] == "Accept-Encoding"
        assert re.findall(r'modulepreload" crossorigin href="\./static/js/([^"]+)"', page.decode()) == [
            "PlotlyChart.p1.js", "Chart.abc123.js", "dep.d1.js"]
        assert page == page_shell(original, static_dir)
        assert page.count(SHELL_STYLE) == 1 and page.index(SHELL_STYLE) < page.index(b"</head>")
        early = EARLY_CHART_CODE.replace(b"CHUNK", b"PlotlyChart.p1.js")
        assert page.count(early) == 1 and page.index(early) < page.index(b"</head>")
        added = re.sub(rb'<link rel="modulepreload"[^>]*>\n  ', b"", page).replace(SHELL_STYLE, b"").replace(early, b"")
        assert added == original


def test_without_a_chart_chunk_the_page_shell_is_streamlits_and_the_decks_rules(tmp_path: Path) -> None:
    (tmp_path / "static" / "js").mkdir(parents=True)
    shell = b"<html><head><title>x</title></head><body></body></html>"
    assert page_shell(shell, tmp_path) == shell.replace(b"</head>", SHELL_STYLE + b"</head>")
    assert EARLY_CSS.encode() in SHELL_STYLE and b"pres_show_0" in SHELL_STYLE
