"""The whole server, booted as README "Server" sets it up: PostgreSQL, two replicas started by
deploy/kudus-replica at the same time on an empty database (they migrate once, under the lock),
nginx with TLS and the shipped site in front.  Chromium signs in through the proxy; one browser
uploads on one replica, another sees the figure on the other; then that replica is killed in the
middle of the session: the page reconnects through nginx to the surviving replica and the stored
data is all there; when the killed replica is back, the moved browser stays where its session is
(its next upload works), and the returned replica serves the same data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from server import wait_idle

from analytics.access import ADMIN
from analytics.indicators import compute_all
from analytics.intake.units import read_units_csv
from analytics.sample import generate_year
from analytics.store import Store

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "deploy"))
import stack  # noqa: E402 - deploy/stack.py

ARTIFACTS = ROOT / "tests" / "artifacts"
PASSWORD = "Admin-rahasia-boot-1"
COUNTED = '[data-testid="stMetric"]'
TIMEOUT = 90_000  # a replica's first run on a loaded 2-core machine
# Every connection state the page goes through from now on (a reconnect can be quicker than a poll).
WATCH_CONNECTION = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    window.kudusStates = [app.dataset.testConnectionState];
    new MutationObserver(() => window.kudusStates.push(app.dataset.testConnectionState))
        .observe(app, {attributes: true, attributeFilter: ['data-test-connection-state']});
}"""
CHARTS_DRAWN = """() => {
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
    return charts.length > 0 && charts.every(c => c.querySelector('.main-svg'));
}"""
RECONNECTED = """() => window.kudusStates.some(s => s !== 'CONNECTED')
    && document.querySelector('[data-testid="stApp"]').dataset.testConnectionState === 'CONNECTED'"""


@pytest.fixture
def database(new_postgresql_database) -> str:
    return new_postgresql_database()


def sign_in(page, url: str) -> None:
    page.goto(url, timeout=TIMEOUT)
    sign_in_here(page)


def sign_in_here(page) -> None:
    wait_idle(page, TIMEOUT)
    page.get_by_label("Nama pengguna atau e-mel").fill("admin")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    wait_idle(page, TIMEOUT)
    page.get_by_text("Masuk sebagai").wait_for(timeout=TIMEOUT)


def counted(page) -> str:
    card = page.locator(COUNTED).filter(has=page.get_by_text("Inovasi dihitung", exact=True))
    card.wait_for(timeout=TIMEOUT)
    return card.locator('[data-testid="stMetricValue"]').inner_text()


def report_of(folder: Path, year: int) -> Path:
    [book] = [w for w in generate_year(read_units_csv(), year) if w.unit_kode == "opd.dinkes"]
    book.write(folder / book.file_name)
    return folder / book.file_name


def upload(page, workbook: Path, stored: str) -> None:
    """Through the Unggah Data page: the file goes to the session's replica (PUT upload_file)."""
    page.get_by_test_id("stSidebar").get_by_role("link", name="Unggah Data", exact=True).click()
    page.get_by_role("heading", name="Unggah Data").wait_for()
    wait_idle(page, TIMEOUT)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(workbook))
    wait_idle(page, TIMEOUT)
    page.get_by_text("1 dari 1 berkas lolos pemeriksaan").wait_for()
    page.get_by_role("button", name="Simpan 1 berkas yang lolos").click()
    wait_idle(page, TIMEOUT)
    page.get_by_text(stored).wait_for()


def browser_on(browser, server: stack.Stack, replica: stack.Replica, violations: list[str]):
    """A browser pinned to `replica` (the cookie nginx sets); CSP violations are collected."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID", ignore_https_errors=True)
    context.add_cookies([server.pin(replica)])
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    return context, page


def test_two_replicas_behind_nginx(browser, database: str, tmp_path: Path) -> None:
    env = {"DATABASE_URL": database, "KUDUS_AUTH": "signed-in", "STREAMLIT_SERVER_COOKIE_SECRET": os.urandom(16).hex(),
           "KUDUS_DATA_DIR": str(tmp_path / "data")}
    workbook, second = (report_of(tmp_path, year) for year in (2025, 2024))
    violations: list[str] = []
    with stack.running_stack(tmp_path / "stack", env, replicas=2) as server:
        store = Store(database)  # the replicas have migrated by now; the admin's first account
        store.accounts.create("admin", role=ADMIN, actor="cli", password=PASSWORD)
        one, two = server.replicas
        uploader, up = browser_on(browser, server, one, violations)
        viewer, view = browser_on(browser, server, two, violations)
        try:
            # The viewer, on the second replica, sees an empty dashboard.
            sign_in(view, server.url)
            view.get_by_text("Belum ada data tersimpan").wait_for(timeout=TIMEOUT)

            # The uploader, on the first replica, stores a workbook through the proxy.
            sign_in(up, server.url)
            upload(up, workbook, "Dinas Kesehatan 2025: tersimpan")

            # The viewer's next click, on the other replica, shows the new figure.
            expected = str(compute_all(store.units(), store.innovations(), store.officials(),
                                       year=2025).ringkasan["jumlah_dihitung"])
            view.get_by_test_id("stSidebar").get_by_role("link", name="Ringkasan", exact=True).click()
            wait_idle(view, TIMEOUT)
            assert counted(view) == expected
            view.wait_for_function(CHARTS_DRAWN)  # Plotly draws under the Content-Security-Policy
            ARTIFACTS.mkdir(exist_ok=True)
            view.screenshot(path=str(ARTIFACTS / "server-boot-viewer.png"))

            # Its replica dies mid-session: the page reconnects through nginx to the other one.
            # The session lived in the dead replica's memory, so the viewer signs in again; the
            # stored data is all there.
            view.evaluate(WATCH_CONNECTION)
            two.kill()
            view.wait_for_function(RECONNECTED)  # lost, then connected again (to the other replica)
            # The frontend keeps showing the last page; the next click runs the script in a new
            # session on the surviving replica, which asks to sign in.
            view.get_by_test_id("stSidebar").get_by_role("link", name="Ringkasan", exact=True).click()
            sign_in_here(view)
            assert counted(view) == expected
            # systemd's Restart=on-failure brings it back.  The viewer stays with its new session
            # (pinned to the replica that took it over): its upload still works...
            two = server.restart(two)
            upload(view, second, "Dinas Kesehatan 2024: tersimpan")
            # ... and a browser on the restarted replica sees both reports.
            again, page = browser_on(browser, server, two, violations)
            sign_in(page, server.url)
            assert counted(page) == expected
            again.close()
            assert sorted(store.history()["file_name"]) == sorted([workbook.name, second.name])
            assert violations == []  # Streamlit lived with the policy: nothing it did was refused
            # ... and the policy is in force: a request to another origin is refused.
            with view.expect_console_message(lambda m: "Content Security Policy" in m.text) as refused:
                view.evaluate("() => fetch('https://example.invalid/').catch(() => null)")
            assert "connect-src" in refused.value.text
        finally:
            ARTIFACTS.mkdir(exist_ok=True)
            view.screenshot(path=str(ARTIFACTS / "server-boot-viewer-last.png"))
            store.close()
            uploader.close()
            viewer.close()
