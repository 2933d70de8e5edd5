"""Starting the app with `streamlit run` on a free port for browser tests and screenshots.

Waits on state, never on sleeps: polls /_stcore/health before the page is opened, and after
every action waits for the app's script to be idle (data-test-script-state="notRunning").
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
NO_SKELETON = "() => !document.querySelector('[data-testid=\"stSkeleton\"]')"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 60, health: str = "/_stcore/health") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        with contextlib.suppress(OSError), urllib.request.urlopen(f"{url}{health}", timeout=2) as answer:
            if answer.status == 200:
                return
        time.sleep(0.1)  # polling interval of the health check, not a wait for the app
    raise TimeoutError(f"{url} not healthy after {timeout} s")


@contextlib.contextmanager
def running_app(data_dir: Path, env: dict[str, str] | None = None, *, script: str = "app.py",
                timeout: float = 60) -> Iterator[str]:
    """`streamlit run app.py` (or the server, `serve.py`, ready when its /healthz says so) on a free
    port with its own data folder; yields the base URL."""
    port = free_port()
    environment = {**os.environ, "KUDUS_DATA_DIR": str(data_dir), **(env or {})}
    environment.pop("DATABASE_URL", None) if "DATABASE_URL" not in (env or {}) else None
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / script), "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    log = open(data_dir / "streamlit.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, process, timeout, "/healthz" if script == "serve.py" else "/_stcore/health")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def wait_idle(page, timeout: float = 30_000) -> None:
    """After every action: connected, the script has finished its rerun, nothing still drawing."""
    page.wait_for_selector(CONNECTED, timeout=timeout)
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_function(NO_SKELETON, timeout=timeout)
