"""deploy/nginx as shipped, run by Debian's nginx in front of stand-in replicas (small HTTP servers
that answer with what they received): TLS, sticky sessions and failover, the headers the replicas
may trust, the upload limit, security headers, precompressed bodies passed through, and the
trusted-header SSO variant.  The real replicas and the WebSocket are in tests/browser/test_server_boot.py."""

from __future__ import annotations

import contextlib
import gzip
import http.client
import json
import re
import shutil
import sys
import threading
import tomllib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import brotli
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "deploy"))
import stack  # noqa: E402 - deploy/stack.py, the local server set-up

pytestmark = pytest.mark.skipif(not Path(stack.NGINX).exists() or not Path(stack.BROTLI_MODULE).exists()
                                or not shutil.which("openssl"),
                                reason="nginx, its brotli module or openssl missing (.ci/run installs them)")
STATIC_JS = b"console.log('precompressed');\n" * 400
PAGE = b"<html>" + b"<p>tidak dikompres</p>" * 500 + b"</html>"
# Frontend files in the replicas' asset folder (serving.assets), which nginx serves itself.
BUNDLE = ("static/js/app.c0ffee.js", b"export const inovasi = 'berkelanjutan';\n" * 300)
FONT = ("static/media/font.f00d.woff2", bytes(range(256)) * 8)  # compressed already: no variants


class StandIn(BaseHTTPRequestHandler):
    """A replica: answers every request with its name, the path and the headers it received."""

    name = "?"

    def log_message(self, *_args) -> None:  # quiet
        pass

    def _answer(self, status: int, body: bytes, headers: dict[str, str]) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path == stack.HEALTH:
            return self._answer(200, b"ok", {"Content-Type": "text/plain"})
        if self.path == "/static/js/index.js":
            body = gzip.compress(STATIC_JS, mtime=0)
            return self._answer(200, body, {"Content-Type": "application/javascript", "Content-Encoding": "gzip",
                                            "Vary": "Accept-Encoding"})
        if self.path == "/page.html":
            return self._answer(200, PAGE, {"Content-Type": "text/html"})
        echo = {"replica": self.name, "path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}}
        return self._answer(200, json.dumps(echo).encode(), {"Content-Type": "application/json"})

    def do_PUT(self) -> None:  # noqa: N802
        size = int(self.headers.get("Content-Length", "0"))
        received = 0
        while received < size:
            received += len(self.rfile.read(min(1 << 20, size - received)))
        self._answer(200, json.dumps({"replica": self.name, "received": received}).encode(),
                     {"Content-Type": "application/json"})


def serve(handler: type[StandIn], name: str, port: int = 0) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", port), type(name, (handler,), {"name": name}))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class Proxy:
    def __init__(self, port: int, http_port: int, replicas: dict[str, ThreadingHTTPServer]) -> None:
        self.port, self.http_port, self.replicas = port, http_port, replicas

    def request(self, method: str, path: str, headers: dict[str, str] | None = None,
                body: bytes | None = None, port: int | None = None) -> tuple[int, http.client.HTTPMessage, bytes]:
        if port is None:
            conn = http.client.HTTPSConnection("127.0.0.1", self.port, context=stack.insecure_context(), timeout=30)
        else:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            answer = conn.getresponse()
            return answer.status, answer.headers, answer.read()
        finally:
            conn.close()

    def echo(self, headers: dict[str, str] | None = None, path: str = "/") -> dict:
        status, _headers, body = self.request("GET", path, headers)
        assert status == 200, (status, body)
        return json.loads(body)


def asset_folder(root: Path) -> Path:
    """What a replica's start leaves in KUDUS_ASSET_CACHE, made by serving.assets from a small
    Streamlit static folder; returns the cache root."""
    from serving.assets import PrecompressedAssets

    static = root / "streamlit-static"
    for name, body in (BUNDLE, FONT, ("index.html", PAGE)):
        (static / name).parent.mkdir(parents=True, exist_ok=True)
        (static / name).write_bytes(body)
    PrecompressedAssets(static, root / "asset-cache", quality=5, version="9.9.9").prepare(workers=1)
    return root / "asset-cache"


@pytest.fixture(params=["plain", "sso"])
def proxy(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Proxy]:
    replicas = {name: serve(StandIn, name) for name in ("a", "b")}
    cert, key = stack.self_signed_certificate(tmp_path)
    port, http_port = stack.free_port(), stack.free_port()
    try:
        with contextlib.ExitStack() as running:
            sso_port = running.enter_context(stack.running_identity_stand_in()) if request.param == "sso" else None
            site = stack.render_site(https_port=port, http_port=http_port, cert=cert, key=key,
                                     assets=asset_folder(tmp_path),
                                     replicas=[s.server_address[1] for s in replicas.values()], sso_port=sso_port)
            nginx = running.enter_context(stack.running_nginx(tmp_path, site))
            proxy = Proxy(port, http_port, replicas)
            proxy.sso = sso_port is not None
            stack.wait_for(lambda: proxy.request("GET", stack.HEALTH, {"Cookie": "sso=ani"})[0] == 200, "nginx", nginx)
            yield proxy
    finally:
        for server in replicas.values():
            server.shutdown()
            server.server_close()


def signed_in(proxy: Proxy, headers: dict[str, str] | None = None) -> dict[str, str]:
    """The SSO variant needs the identity proxy's cookie on every request."""
    return {**(headers or {}), **({"Cookie": "sso=ani" + _cookie_tail(headers)} if proxy.sso else {})}


def _cookie_tail(headers: dict[str, str] | None) -> str:
    return f"; {headers['Cookie']}" if headers and "Cookie" in headers else ""


def pin_of(headers) -> str:
    """The pin cookie nginx set (name=value), checked for its attributes."""
    cookie = headers["Set-Cookie"]
    assert re.fullmatch(r"kudus_upstream=127\.0\.0\.1:\d+; Path=/; Secure; HttpOnly; SameSite=Lax", cookie), cookie
    return cookie.split(";")[0]


def test_a_browser_stays_on_the_replica_that_answered_it_and_browsers_spread(proxy: Proxy) -> None:
    status, headers, body = proxy.request("GET", "/", signed_in(proxy))
    assert status == 200
    pin = {"Cookie": pin_of(headers)}
    first = json.loads(body)["replica"]
    assert {proxy.echo(signed_in(proxy, pin))["replica"] for _ in range(15)} == {first}
    browsers = {proxy.echo(signed_in(proxy))["replica"] for _ in range(30)}
    assert browsers == {"a", "b"}  # new browsers are spread over both
    for forged in ("kudus_upstream=10.1.2.3:22", "kudus_upstream=../../etc", "kudus_upstream=127.0.0.1:9"):
        _status, headers, _body = proxy.request("GET", "/", signed_in(proxy, {"Cookie": forged}))
        assert pin_of(headers) != forged  # never used as an address: the answer pins a real replica


def test_a_browser_moves_when_its_replica_is_down_and_stays_when_it_returns(proxy: Proxy) -> None:
    pins = {}
    while set(pins) != {"a", "b"}:
        status, headers, body = proxy.request("GET", "/", signed_in(proxy))
        pins.setdefault(json.loads(body)["replica"], pin_of(headers))
    port = proxy.replicas["a"].server_address[1]
    proxy.replicas["a"].shutdown()
    proxy.replicas["a"].server_close()
    status, headers, body = proxy.request("GET", "/", signed_in(proxy, {"Cookie": pins["a"]}))
    assert status == 200 and json.loads(body)["replica"] == "b"  # a's browser moved to b ...
    moved = pin_of(headers)
    assert moved == pins["b"]  # ... and is pinned there now
    assert proxy.echo(signed_in(proxy, {"Cookie": pins["b"]}))["replica"] == "b"  # b's never moved
    proxy.replicas["a"] = serve(StandIn, "a", port)  # a restarts (systemd's Restart=on-failure)
    assert proxy.echo(signed_in(proxy, {"Cookie": moved}))["replica"] == "b"  # it stays with its session
    assert proxy.echo(signed_in(proxy, {"Cookie": pins["a"]}))["replica"] == "a"


def test_replicas_receive_the_client_address_and_no_forged_identity(proxy: Proxy) -> None:
    forged = {"X-Forwarded-For": "10.9.8.7", "X-Real-IP": "10.9.8.7", "X-Forwarded-User": "admin",
              "x-forwarded-user": "admin"}
    seen = proxy.echo(signed_in(proxy, forged))["headers"]
    assert seen["x-forwarded-for"] == "127.0.0.1"
    assert seen["x-real-ip"] == "127.0.0.1"
    assert seen["x-forwarded-proto"] == "https"
    assert seen["host"] == f"127.0.0.1:{proxy.port}"  # with the port: Streamlit checks Origin against it
    assert seen.get("x-forwarded-user") == ("ani" if proxy.sso else None)


def test_sso_variant_lets_no_request_through_without_the_identity_proxy(proxy: Proxy) -> None:
    if not proxy.sso:
        pytest.skip("the SSO variant only")
    for path in ("/", "/_stcore/stream", "/_stcore/upload_file/x/y"):
        status, _headers, body = proxy.request("GET", path, {"X-Forwarded-User": "admin"})
        assert (status, body) == (200, stack.SSO_SIGN_IN), path  # the sign-in page, never a replica


def test_upload_limit_equals_the_apps(proxy: Proxy) -> None:
    limit_mb = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())["server"]["maxUploadSize"]
    server_conf = (stack.NGINX_DIR / "kudus-server.conf").read_text()
    assert re.search(r"^client_max_body_size (\d+)m;", server_conf, re.M).group(1) == str(limit_mb)
    path = "/_stcore/upload_file/sesi/berkas"
    status, _h, body = proxy.request("PUT", path, signed_in(proxy), body=b"x" * (limit_mb * 1024 * 1024 - 4096))
    assert status == 200 and json.loads(body)["received"] == limit_mb * 1024 * 1024 - 4096
    status, _h, _b = proxy.request("PUT", path, signed_in(proxy), body=b"x" * (limit_mb * 1024 * 1024 + 1))
    assert status == 413


def test_security_headers_on_every_answer(proxy: Proxy) -> None:
    for path in ("/", "/page.html", "/tidak-ada", "/" + BUNDLE[0], "/" + FONT[0]):
        _status, headers, _body = proxy.request("GET", path, signed_in(proxy))
        assert headers["Strict-Transport-Security"] == "max-age=31536000"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert headers["X-Frame-Options"] == "SAMEORIGIN"
        policy = dict(part.strip().split(" ", 1) for part in headers["Content-Security-Policy"].split(";"))
        assert policy["frame-ancestors"] == "'self'" and policy["default-src"] == "'self'"
        assert policy["connect-src"] == "'self'" and policy["object-src"] == "'none'"


def test_precompressed_bodies_pass_through_untouched(proxy: Proxy) -> None:
    direct = http.client.HTTPConnection(*proxy.replicas["b"].server_address)
    direct.request("GET", "/static/js/index.js", headers={"Accept-Encoding": "br, gzip"})
    original = direct.getresponse().read()
    asking = signed_in(proxy, {"Accept-Encoding": "br, gzip"})
    status, headers, body = proxy.request("GET", "/static/js/index.js", asking)
    assert status == 200 and headers["Content-Encoding"] == "gzip" and body == original
    assert gzip.decompress(body) == STATIC_JS
    status, headers, body = proxy.request("GET", "/page.html", signed_in(proxy, {"Accept-Encoding": "gzip"}))
    assert "Content-Encoding" not in headers and body == PAGE  # nginx adds no compression of its own


@pytest.mark.parametrize(("accept", "encoding", "decode"), [
    ("gzip, deflate, br, zstd", "br", brotli.decompress), ("gzip", "gzip", gzip.decompress), ("", None, bytes)])
def test_frontend_files_come_from_nginx_as_the_browser_accepts(proxy: Proxy, accept: str, encoding: str | None,
                                                               decode) -> None:
    """Without the identity proxy's cookie too: Streamlit's own code, the same for everyone."""
    status, headers, body = proxy.request("GET", "/" + BUNDLE[0], {"Accept-Encoding": accept} if accept else {})
    assert status == 200 and headers.get("Content-Encoding") == encoding
    assert decode(body) == BUNDLE[1]  # nginx's own answer: a replica would have echoed the request
    assert "Accept-Encoding" in headers["Vary"]
    assert headers["Cache-Control"] == "public, immutable, max-age=31536000"
    assert "Set-Cookie" not in headers  # no replica answered, so none to pin to
    status, headers, body = proxy.request("GET", "/" + FONT[0], {"Accept-Encoding": "br, gzip"})
    assert status == 200 and "Content-Encoding" not in headers and body == FONT[1]


def test_a_frontend_file_not_in_the_folder_comes_from_the_replica(proxy: Proxy) -> None:
    status, _headers, body = proxy.request("GET", "/static/js/baru.beef.js")  # no identity needed either
    assert status == 200 and json.loads(body)["path"] == "/static/js/baru.beef.js"


@pytest.mark.parametrize("path", ["/static/../index.html", "/static/%2e%2e/index.html", "/static/..%2findex.html",
                                  "/static/%2e%2e%2findex.html"])
def test_nothing_outside_static_comes_from_the_folder(proxy: Proxy, path: str) -> None:
    """The folder's page shell (index.html) sits beside static/, out of nginx's reach."""
    status, _headers, body = proxy.request("GET", path, signed_in(proxy))
    assert body != PAGE and PAGE not in body, (path, status)


def test_plain_http_goes_to_https(proxy: Proxy) -> None:
    status, headers, _body = proxy.request("GET", "/presentasi?interval=20", port=proxy.http_port)
    assert status == 301
    assert headers["Location"] == "https://127.0.0.1/presentasi?interval=20"


def test_metrics_stay_inside_the_server(proxy: Proxy) -> None:
    """Streamlit's /_stcore/metrics answers without signing in; neither it nor /metrics goes out."""
    for path in ("/_stcore/metrics", "/metrics"):
        status, _headers, _body = proxy.request("GET", path, signed_in(proxy))
        assert status == 404, path
    status, _headers, _body = proxy.request("GET", "/_stcore/health", signed_in(proxy))
    assert status == 200
