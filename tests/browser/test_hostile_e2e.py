"""In Debian's Chromium: hostile names (HTML/JavaScript, Markdown tricks) on every page run no script
and show as text; signed-in mode's sign-in form and admin pages (screenshots in tests/artifacts/)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect
from server import running_app, wait_idle
from xlsx_helpers import innovation_row, simple_workbook

from analytics.access import ADMIN
from analytics.intake.validation import validate_workbook
from analytics.store import Store
from ui.navigation import pages_for

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
SCRIPT_NAME = ("<img src=x onerror=alert(1)> and **bold** [x](javascript:alert(1)) "
               "<a href='https://attacker.example/'>klik</a>")
HOSTILE_UNIT = "Dinas **Kesehatan** <img src=y onerror=alert(2)>"
HOSTILE_FILE = "**tebal** [klik](javascript:alert(3)) <img src=z onerror=alert(4)>.xlsx"
HOSTILE_ADMIN = "Admin <img src=w onerror=alert(5)> **x**"
PASSWORD = "Admin-rahasia-browser-1"
# Issue 12, findings 5 and 6: a disguised link, a tracking image and bare addresses in a name.
PHISH_NAME = ("Layanan [klik di sini](https://evil.example/phish) ![p](http://evil.example/px.png) "
              "lihat https://evil.example/a atau www.evil.example atau admin@evil.example")
INJECTED = ("img[src='x'], img[src='y'], img[src='z'], img[src='w'], a[href^='javascript'], [onerror], "
            "a[href*='evil.example'], img[src*='evil.example']")
# Streamlit's own page has inline scripts; an injected one would mention alert.
SCRIPT_WITH_ALERT = "() => [...document.scripts].some(s => s.text.includes('alert'))"
# Markdown or HTML that took effect: the words of the tricks above as bold text or as the text of a
# link (a disguised link).  No address in a name becomes a link at all (INJECTED).
MARKDOWN_RENDERED = """() => [...document.querySelectorAll('strong, b, em, a, code')]
    .filter(e => ['bold', 'x', 'klik', 'tebal'].includes(e.textContent.trim())).map(e => e.outerHTML)"""


def prepare(data_dir: Path) -> None:
    """The app's database before the server starts: a hostile unit name, and last year's report
    with a near-same hostile innovation name (so the linking page proposes the pair)."""
    store = Store(f"sqlite:///{data_dir / 'inovasi.sqlite'}")
    units = store.units()
    units.loc[units["kode"] == "opd.dinkes", "nama"] = HOSTILE_UNIT
    store.replace_units(units, actor="cli")
    last_year = simple_workbook([innovation_row(SCRIPT_NAME + " lama"), innovation_row(PHISH_NAME + " lama")],
                                unit=HOSTILE_UNIT, tahun=2023)
    [sub] = validate_workbook(last_year, "2023.xlsx", store.units()).submissions
    store.store_submission(sub, actor="cli")
    store.close()


@pytest.fixture
def dialogs(page) -> list[str]:
    """Every alert/confirm/prompt the page tries to open (dismissed), and every page error."""
    seen: list[str] = []
    page.on("dialog", lambda dialog: (seen.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda error: seen.append(f"error: {error}") if "alert" in str(error) else None)
    return seen


@pytest.fixture
def app_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Overrides conftest's app_url (the `page` fixture outlives it): open mode, or with
    ``indirect`` param "signed-in" an admin (hostile display name) and an operator."""
    prepare(tmp_path)
    signed_in = getattr(request, "param", "open") == "signed-in"
    if signed_in:
        store = Store(f"sqlite:///{tmp_path / 'inovasi.sqlite'}")
        store.accounts.create("admin", role=ADMIN, actor="cli", password=PASSWORD, display_name=HOSTILE_ADMIN)
        store.accounts.create("ani", role="operator", actor="cli", password=PASSWORD, units=["opd.dinkes"])
        store.close()
    with running_app(tmp_path, env={"KUDUS_AUTH": "signed-in"} if signed_in else None) as url:
        yield url


def visit(page, url: str) -> None:
    page.goto(url)
    wait_idle(page)


def test_hostile_workbook_runs_no_script_on_any_page(page, app_url: str, dialogs: list[str], tmp_path: Path) -> None:
    data = simple_workbook([innovation_row(SCRIPT_NAME), innovation_row("Biasa Saja"), innovation_row(PHISH_NAME)],
                           unit=HOSTILE_UNIT)
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url) if "evil.example" in request.url else None)
    visit(page, f"{app_url}/unggah")
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        files=[{"name": HOSTILE_FILE, "mimeType": "application/octet-stream", "buffer": data}])
    wait_idle(page)
    page.get_by_text("1 dari 1 berkas lolos pemeriksaan").wait_for()
    page.get_by_role("button", name="Simpan 1 berkas yang lolos").click()
    wait_idle(page)
    stored = page.get_by_text("tersimpan (3 inovasi")
    stored.wait_for()
    assert HOSTILE_UNIT in stored.inner_text()  # the unit's Markdown and HTML shown as characters
    stored_names = Store(f"sqlite:///{tmp_path / 'inovasi.sqlite'}").innovations(tahun=2024)["nama_inovasi"]
    assert SCRIPT_NAME in stored_names.tolist()
    for number, spec in enumerate(pages_for(ADMIN)):
        visit(page, f"{app_url}/{'' if number == 0 else spec.url_path}")  # the first page lives at /
        assert not page.locator('[data-testid="stException"]').count(), spec.file
        assert not page.locator(INJECTED).count(), (spec.file, page.locator(INJECTED).evaluate_all(
            "els => els.map(e => e.outerHTML.slice(0, 300))"))
        assert not page.evaluate(SCRIPT_WITH_ALERT), spec.file
        assert page.evaluate(MARKDOWN_RENDERED) == [], spec.file
        page.screenshot(path=str(ARTIFACTS / f"hostile_{spec.url_path}.png"), full_page=True)
    assert dialogs == [] and fetched == []


def sign_in(page, url: str, username: str, password: str) -> None:
    visit(page, url)
    sign_in_here(page, username, password)


def sign_in_here(page, username: str, password: str) -> None:
    page.get_by_label("Nama pengguna atau e-mel").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    wait_idle(page)


@pytest.mark.parametrize("app_url", ["signed-in"], indirect=True)
def test_signed_in_mode_sign_in_and_admin_pages(page, app_url: str, dialogs: list[str]) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    visit(page, app_url)
    page.get_by_role("heading", name="Masuk").wait_for()
    assert not page.get_by_role("link", name="Pengguna").count()  # no menu before signing in
    page.screenshot(path=str(ARTIFACTS / "auth_sign_in.png"), full_page=True)
    sign_in(page, app_url, "admin", "salah-sekali-123")
    page.get_by_text("Nama pengguna atau kata sandi salah.").wait_for()
    page.screenshot(path=str(ARTIFACTS / "auth_sign_in_refused.png"), full_page=True)
    sign_in(page, app_url, "admin", PASSWORD)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("Masuk sebagai").wait_for()
    assert HOSTILE_ADMIN in sidebar.inner_text()
    for name, path in (("Pengguna", "pengguna"), ("Daftar Unit", "daftar-unit"), ("Aturan Indikator", "aturan"),
                       ("Log Audit", "audit")):
        more = sidebar.get_by_text(re.compile(r"^View \d+ more$"))  # Streamlit folds long menus
        if more.count():
            more.click()
        page.get_by_role("link", name=name, exact=True).click()
        page.get_by_role("heading", name=name).wait_for()
        wait_idle(page)  # after the heading: the click's rerun has surely started by then
        assert not page.locator(INJECTED).count()
        page.screenshot(path=str(ARTIFACTS / f"admin_{path}.png"), full_page=True)
    assert dialogs == []


@pytest.mark.parametrize("app_url", ["signed-in"], indirect=True)
def test_an_operator_sees_no_admin_menu_and_no_admin_url(page, app_url: str) -> None:
    sign_in(page, app_url, "ani", PASSWORD)
    page.get_by_role("link", name="Unggah Data").wait_for()
    for name in ("Pengguna", "Daftar Unit", "Aturan Indikator", "Log Audit"):
        assert not page.get_by_role("link", name=name, exact=True).count()
    visit(page, f"{app_url}/pengguna")  # a typed URL is a new session: the sign-in page, never the users page
    expect(page.get_by_role("heading", name="Masuk")).to_be_visible()
    assert not page.get_by_role("heading", name="Pengguna").count()


@pytest.mark.parametrize("app_url", ["signed-in"], indirect=True)
def test_a_page_link_opened_before_signing_in_asks_to_sign_in_then_opens_the_page(page, app_url: str) -> None:
    """A link to /presentasi shared with a leader: the sign-in form (no "page not found"), then the
    page itself; a page the role may not open stays out of reach after signing in."""
    sign_in(page, f"{app_url}/presentasi", "admin", PASSWORD)
    page.get_by_role("button", name="Berikutnya").wait_for()  # the presentation's own controls
    assert "/presentasi" in page.url
    assert not page.get_by_text("Page not found").count()
    visit(page, f"{app_url}/pengguna")
    page.get_by_role("heading", name="Masuk").wait_for()
    assert not page.get_by_text("Page not found").count()
    sign_in_here(page, "ani", PASSWORD)
    page.get_by_role("link", name="Unggah Data").wait_for()
    assert not page.get_by_role("heading", name="Pengguna").count()
