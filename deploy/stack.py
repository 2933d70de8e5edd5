"""The server set-up of README "Server", started locally in one folder: Streamlit replicas and nginx
with TLS in front, all on 127.0.0.1 high ports, no root-owned paths, nothing left behind.

The CI boot test, the nginx tests and bench/bench_load.py use it; by hand it boots the whole thing
for a look (Ctrl-C stops it):

    .venv/bin/python deploy/stack.py --db postgresql+psycopg://user:pass@127.0.0.1/kudus --replicas 2

It runs the real files of deploy/: nginx gets deploy/nginx/kudus-inovasi.conf with only its ports,
certificate paths and replica list changed (`render_site`, which fails loudly if the file no longer
has what it replaces), and the snippets included as they are; the replicas start through
deploy/kudus-replica, the line the systemd unit runs.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent
ROOT = DEPLOY.parent
NGINX_DIR = DEPLOY / "nginx"
SITE_FILE = NGINX_DIR / "kudus-inovasi.conf"
REPLICA_SCRIPT = DEPLOY / "kudus-replica"
NGINX = "/usr/sbin/nginx"
# Debian's nginx loads it from /etc/nginx/modules-enabled; nginx.conf here names it itself.
BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"
ASSETS = "/var/cache/kudus/assets"  # KUDUS_ASSET_CACHE in deploy/kudus.env.example, nginx's /static/ root
HEALTH = "/_stcore/health"
PIN_COOKIE = "kudus_upstream"  # deploy/nginx/kudus-http.conf
SSO_COOKIE = "sso"  # the identity stand-in's (running_identity_stand_in)
SSO_SIGN_IN = b"masuk lewat SSO"  # its sign-in page


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A throwaway certificate for 127.0.0.1 and localhost (tests only; the README says where the real one goes)."""
    cert, key = folder / "fullchain.pem", folder / "privkey.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


def _replace(text: str, old: str, new: str) -> str:
    if old not in text:
        raise ValueError(f"{SITE_FILE.name} no longer contains {old!r}: update deploy/stack.py with it")
    return text.replace(old, new)


def render_site(*, https_port: int, http_port: int, replicas: list[int], cert: Path, key: Path, assets: Path,
                sso_port: int | None = None) -> str:
    """deploy/nginx/kudus-inovasi.conf with local ports, this certificate, these replicas and their
    asset folder (KUDUS_ASSET_CACHE)."""
    text = SITE_FILE.read_text()
    text = _replace(text, f"set $kudus_assets {ASSETS}/current;", f"set $kudus_assets {assets}/current;")
    servers = "".join(f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;\n" for port in replicas)
    text = _replace(text, "    server 127.0.0.1:8501 max_fails=1 fail_timeout=10s;\n"
                          "    server 127.0.0.1:8502 max_fails=1 fail_timeout=10s;\n", servers)
    pins = "".join(f'    "127.0.0.1:{port}" 127.0.0.1:{port};\n' for port in replicas)
    text = _replace(text, '    "127.0.0.1:8501" 127.0.0.1:8501;\n    "127.0.0.1:8502" 127.0.0.1:8502;\n', pins)
    text = _replace(text, "server 127.0.0.1:4180;", f"server 127.0.0.1:{sso_port or 9};")
    text = _replace(text, "    listen [::]:80;\n", "")
    text = _replace(text, "    listen [::]:443 ssl http2;\n", "")
    text = _replace(text, "    listen 80;\n", f"    listen 127.0.0.1:{http_port};\n")
    text = _replace(text, "    listen 443 ssl http2;\n", f"    listen 127.0.0.1:{https_port} ssl http2;\n")
    text = _replace(text, "/etc/ssl/kudus/fullchain.pem", str(cert))
    text = _replace(text, "/etc/ssl/kudus/privkey.pem", str(key))
    if sso_port is not None:
        sso_line = "include snippets/kudus/kudus-sso-header.conf;"
        text = _replace(text, f"# {sso_line}", sso_line)
    return text


def nginx_conf(folder: Path, site: str) -> Path:
    """A main nginx.conf around `site` whose every path is inside `folder` (prefix, temp, logs, pid)."""
    conf = folder / "conf"
    (conf / "snippets").mkdir(parents=True, exist_ok=True)
    link = conf / "snippets" / "kudus"
    if not link.exists():
        link.symlink_to(NGINX_DIR, target_is_directory=True)
    temp = folder / "temp"
    temp.mkdir(exist_ok=True)
    temp_paths = "".join(f"    {name}_temp_path {temp / name};\n"
                         for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers must read the certificate in our folder
    (conf / "nginx.conf").write_text(
        f"load_module {BROTLI_MODULE};\n{user}worker_processes 1;\npid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'} notice;\n"
        "events { worker_connections 1024; }\n"
        f"http {{\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
        f"    access_log {folder / 'access.log'};\n"
        # Which replica served which browser: the tests and the benchmark read it (not for production).
        "    log_format kudus_upstream '$cookie_kudus_upstream|$upstream_addr|$status|$request_uri';\n"
        f"    access_log {folder / 'upstream.log'} kudus_upstream;\n{temp_paths}{site}\n}}\n")
    return conf / "nginx.conf"


def check_nginx_conf(conf: Path) -> subprocess.CompletedProcess:
    return subprocess.run([NGINX, "-t", "-p", str(conf.parent.parent), "-c", str(conf), "-e",
                           str(conf.parent.parent / "error.log")], capture_output=True, text=True)


def wait_for(check, what: str, process: subprocess.Popen | None = None, timeout: float = 90) -> None:
    """Poll `check()` until true; fail early if `process` died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what}: exited with {process.returncode}")
        with contextlib.suppress(OSError):
            if check():
                return
        time.sleep(0.1)  # polling interval, not a wait for something to happen
    raise TimeoutError(f"{what}: not ready after {timeout} s")


def healthy(url: str, context: ssl.SSLContext | None = None, headers: dict[str, str] | None = None) -> bool:
    request = urllib.request.Request(url + HEALTH, headers=headers or {})
    with urllib.request.urlopen(request, timeout=2, context=context) as answer:
        return answer.status == 200


def insecure_context() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


@dataclass
class Replica:
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        """A crash: SIGKILL, no goodbye to the browser."""
        self.process.kill()
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_replica(folder: Path, env: dict[str, str], port: int | None = None) -> Replica:
    """deploy/kudus-replica PORT, as the systemd unit runs it, with `env` as its environment file."""
    port = port or free_port()
    log = folder / f"replica-{port}.log"
    environment = {**os.environ, "KUDUS_HOME": str(ROOT), "KUDUS_PYTHON": sys.executable, **env}
    with open(log, "w") as out:
        process = subprocess.Popen([str(REPLICA_SCRIPT), str(port)], env=environment, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    return Replica(port, process, log)


@dataclass
class Stack:
    folder: Path
    replicas: list[Replica]
    https_port: int
    http_port: int
    nginx: subprocess.Popen | None = None
    env: dict[str, str] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"

    def pin(self, replica: Replica) -> dict[str, str]:
        """The cookie that pins a browser to `replica` (what nginx sets after that replica answered)."""
        return {"name": PIN_COOKIE, "value": f"127.0.0.1:{replica.port}", "url": self.url}

    def restart(self, replica: Replica) -> Replica:
        """Start a replica again on the same port (what systemd's Restart=on-failure does)."""
        index = self.replicas.index(replica)
        replica.stop()
        fresh = start_replica(self.folder, self.env, port=replica.port)
        self.replicas[index] = fresh
        wait_for(lambda: healthy(fresh.url), f"replica {fresh.port}", fresh.process)
        return fresh


@contextlib.contextmanager
def running_nginx(folder: Path, site: str) -> Iterator[subprocess.Popen]:
    """nginx in the foreground (daemon off) with its own prefix; stopped (and waited for) at the end."""
    conf = nginx_conf(folder, site)
    checked = check_nginx_conf(conf)
    if checked.returncode != 0:
        raise RuntimeError(f"nginx -t failed:\n{checked.stderr}")
    process = subprocess.Popen([NGINX, "-p", str(folder), "-c", str(conf), "-e", str(folder / "error.log"),
                                "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)  # fast shutdown of master and workers
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


class _IdentityStandIn(BaseHTTPRequestHandler):
    """oauth2-proxy's part in the SSO variant, for local runs: /oauth2/auth vouches for the user
    that the `sso` cookie names (202 and X-Auth-Request-User), else 401; /oauth2/sign_in is its
    sign-in page (SSO_SIGN_IN)."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        cookies = dict(part.strip().partition("=")[::2] for part in self.headers.get("Cookie", "").split(";"))
        user = cookies.get(SSO_COOKIE, "")
        if self.path.startswith("/oauth2/sign_in"):
            return self._answer(200, {"Content-Type": "text/plain"}, SSO_SIGN_IN)
        if self.path.startswith("/oauth2/auth") and re.fullmatch(r"[\w.@-]+", user):
            return self._answer(202, {"X-Auth-Request-User": user})
        return self._answer(401 if self.path.startswith("/oauth2/auth") else 404, {})

    def _answer(self, status: int, headers: dict[str, str], body: bytes = b"") -> None:
        self.send_response(status)
        for name, value in {**headers, "Content-Length": str(len(body))}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args) -> None:  # noqa: ANN002 - quiet
        pass


class _Backlogged(ThreadingHTTPServer):
    # nginx asks once per request, a hundred at once when a page opens: with http.server's listen
    # backlog of 5 the kernel drops the rest, and they retry after 1, 3, 7... seconds.
    request_queue_size = 1024


@contextlib.contextmanager
def running_identity_stand_in() -> Iterator[int]:
    """A stand-in identity proxy on a free port (yielded): pass it as running_stack's sso_port and
    give the browser the cookie `sso=<user name>`."""
    server = _Backlogged(("127.0.0.1", 0), _IdentityStandIn)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def replica_assets(env: dict[str, str]) -> Path:
    """The asset folder the replicas started with `env` fill (serving.assets; relative paths are
    the replicas' working folder's, ROOT)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from serving.assets import default_cache_dir

    return ROOT / default_cache_dir({**os.environ, **env})


@contextlib.contextmanager
def running_stack(folder: Path, env: dict[str, str], *, replicas: int = 2,
                  sso_port: int | None = None) -> Iterator[Stack]:
    """Replicas on one database (env's DATABASE_URL) and nginx with TLS in front."""
    folder.mkdir(parents=True, exist_ok=True)
    cert, key = self_signed_certificate(folder)
    started = [start_replica(folder, env) for _ in range(replicas)]
    stack = Stack(folder, started, free_port(), free_port(), env=env)
    try:
        for replica in started:
            wait_for(lambda r=replica: healthy(r.url), f"replica {replica.port} (log: {replica.log})", replica.process)
        site = render_site(https_port=stack.https_port, http_port=stack.http_port, replicas=[r.port for r in started],
                           cert=cert, key=key, assets=replica_assets(env), sso_port=sso_port)
        with running_nginx(folder, site) as nginx:
            stack.nginx = nginx
            # The SSO variant lets only requests the identity proxy vouches for through.
            vouched = {"Cookie": f"{SSO_COOKIE}=health"} if sso_port else None
            wait_for(lambda: healthy(stack.url, insecure_context(), vouched), "nginx", nginx)
            yield stack
    finally:
        for replica in stack.replicas:
            replica.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="DATABASE_URL of the replicas (PostgreSQL)")
    parser.add_argument("--replicas", type=int, default=2)
    parser.add_argument("--folder", default=str(ROOT / "data" / "stack"))
    parser.add_argument("--auth", default="signed-in")
    args = parser.parse_args()
    env = {"DATABASE_URL": args.db, "KUDUS_AUTH": args.auth,
           "STREAMLIT_SERVER_COOKIE_SECRET": os.environ.get("STREAMLIT_SERVER_COOKIE_SECRET", os.urandom(16).hex())}
    with running_stack(Path(args.folder), env, replicas=args.replicas) as stack:
        print(f"{stack.url}  (replicas: {', '.join(r.url for r in stack.replicas)}; Ctrl-C stops)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            stack.nginx.wait()


if __name__ == "__main__":
    main()
