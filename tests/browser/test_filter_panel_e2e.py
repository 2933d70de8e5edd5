"""In Debian's Chromium: the Filter panel draws its eight lists only while it is open, and stays open
while a reader chooses one value after another (its title counts them), switches page or language.

Waits are on the app's state (server.wait_idle), never on sleeps."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from briefing_data import filled_folder
from playwright.sync_api import expect
from server import running_app, wait_idle

LISTS = '[data-testid="stMultiSelect"]'
PANEL_TITLE = '[data-testid="stExpander"] summary:has-text("Filter")'


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_app(filled_folder(tmp_path_factory.mktemp("filter-panel"))) as url:
        yield url


def choose(tab, label: str, value: str) -> None:
    """In the list named `label`, choose `value`, and wait for the page's rerun."""
    field = tab.locator(LISTS).filter(has=tab.get_by_text(label, exact=True))
    field.locator("input").click()
    tab.get_by_role("option", name=value, exact=True).click()
    tab.keyboard.press("Escape")
    wait_idle(tab, timeout=90_000)


def test_the_panel_stays_open_while_choosing(browser, app: str) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    tab = context.new_page()
    tab.goto(app)
    wait_idle(tab, timeout=90_000)
    expect(tab.locator(LISTS)).to_have_count(0)  # closed: not drawn at all
    tab.locator(PANEL_TITLE).click()
    expect(tab.locator(LISTS)).to_have_count(8, timeout=60_000)
    wait_idle(tab, timeout=90_000)
    choose(tab, "Kecamatan", "Bae")
    expect(tab.get_by_text("Filter (1 aktif)")).to_be_visible()
    expect(tab.locator(LISTS)).to_have_count(8)  # still open after the title changed
    choose(tab, "Tahapan", "Uji Coba")
    expect(tab.get_by_text("Filter (2 aktif)")).to_be_visible()
    expect(tab.locator(LISTS)).to_have_count(8)
    tab.get_by_test_id("stSidebar").get_by_role("link", name="TPP", exact=True).click()
    tab.get_by_role("heading", name="TPP", exact=True).wait_for(timeout=90_000)
    wait_idle(tab, timeout=90_000)
    expect(tab.locator(LISTS)).to_have_count(8)  # open on the next page too, with the choices
    expect(tab.locator(LISTS).filter(has_text="Bae")).to_have_count(1)
    tab.locator(PANEL_TITLE).click()  # closed again by the reader
    expect(tab.locator(LISTS)).to_have_count(0, timeout=60_000)
    wait_idle(tab, timeout=90_000)
    expect(tab.get_by_role("button", name="Kecamatan: Bae")).to_be_visible()  # its chip stays
    context.close()
