"""The server as started by the README's run command (`streamlit run serve.py`): ready only when
warm, compressed assets that decompress to Streamlit's files, /metrics without data, and a
re-warm within seconds of a write by another process (the CLI's `ingest`)."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import brotli
import pytest
from browser.server import running_app
from streamlit import file_util

from analytics.intake.units import read_units_csv
from analytics.sample import generate_year
from analytics.store import Store
from serving.assets import page_shell

ROOT = Path(__file__).resolve().parent.parent
UNIT = "opd.dinkes"


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=20) as answer:
            return answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read()
    except urllib.error.HTTPError as refused:
        return refused.code, {k.lower(): v for k, v in refused.headers.items()}, refused.read()


def ingest(data_dir: Path, tahun: int) -> None:
    """A write by another process, exactly as an administrator's CLI does it."""
    [book] = [w for w in generate_year(read_units_csv(), tahun) if w.unit_kode == UNIT]
    path = data_dir / book.file_name
    path.write_bytes(book.to_bytes())
    subprocess.run([sys.executable, "-m", "analytics", "ingest", str(path)], cwd=ROOT, check=True,
                   env={"KUDUS_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin"}, capture_output=True)


def metric(text: str, name: str) -> float:
    match = re.search(rf"^{re.escape(name)} ([0-9.e+]+)$", text, re.MULTILINE)
    assert match, f"{name} missing from /metrics"
    return float(match.group(1))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    data_dir = tmp_path_factory.mktemp("serve")
    ingest(data_dir, 2024)
    env = {"KUDUS_ASSET_CACHE": str(tmp_path_factory.getbasetemp() / "asset-cache"),
           "KUDUS_BROTLI_QUALITY": "1", "KUDUS_WARM_SECONDS": "0.3"}  # quality 1: a quick first compression
    with running_app(data_dir, env, script="serve.py", timeout=180) as url:
        yield url, data_dir


def test_ready_means_warm(server: tuple[str, Path]) -> None:
    url, data_dir = server
    status, headers, body = fetch(f"{url}/healthz")
    assert (status, json.loads(body)) == (200, {"status": "ok"})
    text = fetch(f"{url}/metrics")[2].decode()
    assert metric(text, "kudus_warm") == 1
    assert metric(text, "kudus_reruns_total") >= 1  # the script already ran once, before any visitor
    assert metric(text, "kudus_sessions_active") == 0  # ...in a session that is closed again
    assert metric(text, "kudus_data_version") == Store(f"sqlite:///{data_dir / 'inovasi.sqlite'}").data_version()
    for cache in ("ui.dashboard._indicators", "ui.dashboard._figure_spec", "ui.common.innovations"):
        assert f'cache="{cache}"' in text, cache  # the overview's data and charts are computed


def test_the_frontend_is_served_precompressed(server: tuple[str, Path]) -> None:
    url, _ = server
    _, _, page = fetch(f"{url}/", {"Accept-Encoding": "gzip"})
    static = Path(file_util.get_static_dir())
    [bundle] = re.findall(r'src="\.?/?(static/js/index\.[^"]+\.js)"', (static / "index.html").read_text())
    status, headers, body = fetch(f"{url}/{bundle}", {"Accept-Encoding": "gzip, deflate, br"})
    assert status == 200 and headers["content-encoding"] == "br" and headers["vary"] == "Accept-Encoding"
    assert headers["cache-control"] == "public, immutable, max-age=31536000"
    assert brotli.decompress(body) == (static / bundle).read_bytes()
    status, headers, body = fetch(f"{url}/{bundle}")
    assert "content-encoding" not in headers and body == (static / bundle).read_bytes()
    shell = (static / "index.html").read_bytes()
    assert gzip.decompress(page) == page_shell(shell, static)  # Streamlit's shell + preload links + deck rules


def test_metrics_show_no_data(server: tuple[str, Path]) -> None:
    url, data_dir = server
    text = fetch(f"{url}/metrics")[2].decode() + fetch(f"{url}/healthz")[2].decode()
    for secret in ("Dinas Kesehatan", UNIT, str(data_dir), "sqlite", "inovasi"):
        assert secret not in text, secret


def test_a_write_by_another_process_is_warmed_within_seconds(server: tuple[str, Path]) -> None:
    url, data_dir = server
    before = metric(fetch(f"{url}/metrics")[2].decode(), "kudus_warm_ups")
    ingest(data_dir, 2025)
    wanted = Store(f"sqlite:///{data_dir / 'inovasi.sqlite'}").data_version()
    deadline = time.monotonic() + 60  # seconds on a quiet machine; generous for a loaded CI
    while time.monotonic() < deadline:
        text = fetch(f"{url}/metrics")[2].decode()
        if metric(text, "kudus_data_version") == wanted and metric(text, "kudus_warm_ups") > before:
            break
        time.sleep(0.2)  # polling interval of the check, not a wait for the server
    else:
        pytest.fail("the watcher did not re-warm after the CLI's write")
    assert fetch(f"{url}/healthz")[0] == 200
