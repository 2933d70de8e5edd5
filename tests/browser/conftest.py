"""Browser fixtures: Debian's Chromium through Playwright, one app server per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from server import CHROMIUM, CHROMIUM_ARGS, running_app, wait_idle

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def app_url(tmp_path: Path) -> Iterator[str]:
    """A fresh app with its own data folder and port."""
    with running_app(tmp_path) as url:
        yield url


@pytest.fixture
def page(browser, app_url: str, request: pytest.FixtureRequest):
    """A tab in a fresh context; depends on app_url so the server outlives it (screenshot at the end)."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID")
    tab = context.new_page()
    yield tab
    ARTIFACTS.mkdir(exist_ok=True)
    wait_idle(tab)
    tab.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
