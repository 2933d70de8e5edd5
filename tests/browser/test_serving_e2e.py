"""In Debian's Chromium, through the README's run command (`streamlit run serve.py`): the overview
looks and works as with `streamlit run app.py` — KPI cards, the first screen's charts, a click that
switches language — while Streamlit's frontend arrives brotli-compressed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from server import running_app, wait_idle
from streamlit import file_util

from analytics.intake.units import read_units_csv
from analytics.sample import generate_year
from serving.assets import MINIMUM_SIZE

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
CHART = '[data-testid="stPlotlyChart"]'
UNITS = ("opd.dinkes", "kec.jati", "opd.dishub")
# Counts how often the page replaces WebSocket.prototype.send (the page shell's EARLY_CHART_CODE).
COUNT_SEND_REPLACED = """
window.__sendReplaced = 0;
let send = WebSocket.prototype.send;
Object.defineProperty(WebSocket.prototype, "send", {configurable: true, get: () => send,
  set: (value) => { window.__sendReplaced += 1; send = value; }});
"""


def test_the_server_shows_the_overview_with_compressed_assets(browser, tmp_path: Path,
                                                              tmp_path_factory) -> None:
    paths = []
    for tahun in (2024, 2025):
        for book in generate_year(read_units_csv(), tahun):
            if book.unit_kode in UNITS:
                paths.append(tmp_path / book.file_name)
                book.write(paths[-1])
    subprocess.run([sys.executable, "-m", "analytics", "ingest", *map(str, paths)], cwd=ROOT, check=True,
                   env={"KUDUS_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}, capture_output=True)
    env = {"KUDUS_ASSET_CACHE": str(tmp_path_factory.getbasetemp() / "asset-cache"), "KUDUS_BROTLI_QUALITY": "1"}
    with running_app(tmp_path, env, script="serve.py", timeout=180) as url:
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        encodings: dict[str, str] = {}
        page.on("response", lambda r: encodings.__setitem__(r.url, r.headers.get("content-encoding", "")))
        page.add_init_script(COUNT_SEND_REPLACED)
        page.goto(url)
        wait_idle(page, timeout=90_000)
        page.wait_for_function(f"() => document.querySelectorAll('{CHART} .main-svg').length >= 4", timeout=90_000)
        assert page.get_by_role("heading", name="Ringkasan").is_visible()
        assert page.locator('[data-testid="stMetric"]').count() >= 4
        static = Path(file_util.get_static_dir())
        scripts = {u: e for u, e in encodings.items() if "/static/js/" in u}
        plain = [u for u, e in scripts.items() if e != "br"
                 and (static / "static" / "js" / u.rsplit("/", 1)[-1]).stat().st_size >= MINIMUM_SIZE]
        assert scripts and not plain, plain  # every bundle but the tiniest arrived brotli-compressed
        assert any("PlotlyChart" in u for u in scripts)
        # The page shell's early start of the chart code hooked the websocket's first message once
        # (set, then put back) and left the socket as it was.
        assert page.evaluate("() => window.__sendReplaced") == 2
        assert page.evaluate("() => WebSocket.prototype.send.toString().includes('[native code]')")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "serve-ringkasan-1366.png"))
        # The session works as usual: the language switch reruns the page in English.
        page.get_by_text("English", exact=True).click()
        page.get_by_role("heading", name="Overview").wait_for(timeout=90_000)
        wait_idle(page, timeout=90_000)
        page.set_viewport_size({"width": 390, "height": 844})
        wait_idle(page, timeout=90_000)
        page.screenshot(path=str(ARTIFACTS / "serve-ringkasan-390.png"))
        page.close()
