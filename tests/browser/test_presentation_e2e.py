"""The command-center screen in Debian's Chromium at 1920×1080 and 1366×768: every slide fits
without scrollbars, headline figures are at least 5% of the screen height, slides advance on their
own and by keyboard, and a newly stored workbook appears without a reload.  Screenshots of every
slide go to tests/artifacts/ (look at them: legible from the back of a room?).

Waits are on state (the slide title changing, a KPI changing), never on sleeps."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from briefing_data import LATE_UNIT, filled_folder, late_workbook, store_workbook
from server import running_app, wait_idle

from analytics.store import Store

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
# The slide on screen: every slide is drawn, only the one the footer's marker names is visible.
SHOWN = """(() => [...document.querySelectorAll('.st-key-pres_deck > [data-testid="stLayoutWrapper"]')]
  .find(e => getComputedStyle(e).visibility === 'visible'))"""
SHOWN_TITLE = f"() => {{ const s = {SHOWN}(); const h = s && s.querySelector('h1'); return h ? h.innerText : ''; }}"
CLOCK = ".st-key-pres_clock p"
KPI_VALUE = '[class*="st-key-pres_body_"] [data-testid="stMetricValue"]'
FITS = """() => {
  const html = document.documentElement, main = document.querySelector('[data-testid="stMain"]');
  return html.scrollHeight <= innerHeight && html.scrollWidth <= innerWidth
    && (!main || (main.scrollHeight <= main.clientHeight + 1 && main.scrollWidth <= main.clientWidth + 1));
}"""
SMALLEST_FONT = "els => Math.min(...els.map(e => parseFloat(getComputedStyle(e.querySelector('div') || e).fontSize)))"
TITLE_IS_NOT = "([selector, old]) => { const e = document.querySelector(selector); return e && e.innerText !== old; }"
SHOWN_TITLE_IS_NOT = f"old => {{ const now = ({SHOWN_TITLE})(); return now !== '' && now !== old; }}"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The server as the README's run command starts it (serve.py): its page shell carries the
    deck's rules, so no slide can show before the page's own CSS has arrived."""
    env = {"KUDUS_ASSET_CACHE": str(tmp_path_factory.getbasetemp() / "asset-cache"), "KUDUS_BROTLI_QUALITY": "1"}
    with running_app(filled_folder(tmp_path_factory.mktemp("presentasi")), env, script="serve.py", timeout=180) as url:
        yield url


def open_screen(browser, url: str, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="id-ID")
    tab = context.new_page()
    tab.goto(url)
    wait_idle(tab)
    tab.wait_for_function(f"() => ({SHOWN_TITLE})() !== ''")
    return context, tab


def title(tab) -> str:
    """The title of the slide on screen."""
    return tab.evaluate(SHOWN_TITLE)


def next_title(tab, old: str, timeout: float = 30_000) -> str:
    tab.wait_for_function(SHOWN_TITLE_IS_NOT, arg=old, timeout=timeout)
    return title(tab)


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1366, 768)])
def test_every_slide_fits_and_is_legible(browser, app: str, width: int, height: int) -> None:
    context, tab = open_screen(browser, f"{app}/presentasi?interval=600", width, height)
    ARTIFACTS.mkdir(exist_ok=True)
    seen = []
    for number in range(7):
        seen.append(title(tab))
        wait_idle(tab)
        assert tab.evaluate(FITS), f"scrollbars on '{seen[-1]}' at {width}×{height}"
        smallest = tab.eval_on_selector_all(KPI_VALUE, SMALLEST_FONT)
        assert smallest >= 0.05 * height, f"headline figures {smallest}px on '{seen[-1]}'"
        tab.screenshot(path=str(ARTIFACTS / f"presentation_{width}x{height}_{number + 1}.png"))
        tab.keyboard.press("ArrowRight" if number % 2 == 0 else "PageDown")  # arrow keys and a clicker
        next_title(tab, seen[-1])
    assert title(tab) == seen[0] and len(set(seen)) == 7  # round the whole deck and back to the start
    tab.keyboard.press("ArrowLeft")
    assert next_title(tab, seen[0]) == seen[-1]
    context.close()


def test_slides_advance_on_their_own_and_pause(browser, app: str) -> None:
    order = ["Indikator utama 2025", "TPP dan inovasi (simulasi) 2025", "Inovasi terbaru 2025"]
    context, tab = open_screen(browser, f"{app}/presentasi?slides=kpi,tpp,terbaru&interval=2", 1366, 768)
    first = title(tab)
    second = next_title(tab, first)
    third = next_title(tab, second)
    start = order.index(first)  # the first load may take longer than one interval
    assert [first, second, third] == [order[(start + k) % 3] for k in range(3)]
    tab.get_by_role("button", name="Jeda").click()
    tab.get_by_role("button", name="Lanjut").wait_for()
    paused_on = title(tab)
    for _ in range(3):  # three timer ticks (the clock shows each) and the slide stays
        clock = tab.locator(CLOCK).inner_text()
        tab.wait_for_function(TITLE_IS_NOT, arg=[CLOCK, clock], timeout=30_000)
    assert title(tab) == paused_on and "DIJEDA" in tab.locator(".st-key-pres_footer").inner_text()
    tab.keyboard.press("Space")  # resume by keyboard
    tab.get_by_role("button", name="Jeda").wait_for()
    assert next_title(tab, paused_on) != paused_on
    context.close()


def test_resuming_waits_one_interval(browser, app: str) -> None:
    """After Space resumes, the next slide comes one interval later: not sooner, and not on the
    data check's schedule (which could make it up to twice the interval)."""
    context, tab = open_screen(browser, f"{app}/presentasi?slides=kpi,terbaru&interval=8&live=30", 1366, 768)
    tab.keyboard.press("Space")
    tab.get_by_role("button", name="Lanjut").wait_for()
    paused_on = title(tab)
    clock = tab.locator(CLOCK).inner_text()  # let the pause last a while, so phases do not line up
    tab.wait_for_function(TITLE_IS_NOT, arg=[CLOCK, clock], timeout=30_000)
    tab.keyboard.press("Space")
    tab.get_by_role("button", name="Jeda").wait_for()
    resumed = tab.evaluate("() => performance.now()")
    tab.wait_for_function(SHOWN_TITLE_IS_NOT, arg=paused_on, timeout=30_000, polling=50)
    waited = (tab.evaluate("() => performance.now()") - resumed) / 1000
    assert 8 - 1 <= waited <= 8 + 4, f"next slide {waited:.1f} s after resuming, interval 8 s"
    context.close()


def test_new_workbook_appears_without_reload(browser, tmp_path: Path) -> None:
    folder = filled_folder(tmp_path, hold_back=LATE_UNIT)
    with running_app(folder) as url:
        context, tab = open_screen(browser, f"{url}/presentasi?slides=kpi&live=2", 1366, 768)
        tab.evaluate("() => { window.__notReloaded = true; }")
        before = tab.locator(KPI_VALUE).first.inner_text()
        assert "Data per" in tab.locator('[class*="st-key-pres_meta_"]').first.inner_text()
        store = Store(f"sqlite:///{folder / 'inovasi.sqlite'}")
        store_workbook(store, late_workbook())
        store.close()
        tab.wait_for_function("([selector, old]) => document.querySelector(selector).innerText !== old",
                              arg=[KPI_VALUE, before], timeout=60_000)
        assert tab.evaluate("() => window.__notReloaded === true")
        assert tab.locator(KPI_VALUE).first.inner_text() != before
        assert tab.evaluate(FITS)
        tab.screenshot(path=str(ARTIFACTS / "presentation_live_update.png"))
        context.close()


LAZY_HTML_CHUNK = "**/static/js/Html.*.js"
# Sampled in the page every 100 ms from its first script on: what a viewer sees at that moment.
# Visible = rendered, not visibility:hidden, not transparent (Element.checkVisibility).
SAMPLER = """
window.__frames = [];
const seen = e => e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
setInterval(() => {
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main) return;
  const titles = [...main.querySelectorAll('h1')].filter(seen).map(e => e.innerText);
  const charts = [...main.querySelectorAll('[data-testid="stPlotlyChart"]')].filter(seen);
  const labels = [...main.querySelectorAll('[data-testid="stMetricLabel"]')].filter(seen).map(e => e.innerText);
  window.__frames.push({
    at: performance.now(), titles,
    content: [...charts.map(c => (c.querySelector('.gtitle') || {}).textContent || '?'), ...labels].sort().join('|'),
    placeholders: [...[...main.querySelectorAll('[data-testid="stSkeleton"]')].filter(seen)
        .map(e => 'skeleton in ' + ((e.closest('[class*="st-key-"]') || {}).className || 'page')),
      ...charts.filter(c => !c.querySelector('svg.main-svg')).map(() => 'chart not drawn')],
  });
}, 100);
"""


def test_slide_changes_are_clean_frame_by_frame(browser, app: str) -> None:
    """Every 100 ms across slide changes (on a timer and by key), from a fresh session in which
    every chart slide shows for the first time: never two titles at once, never a title over
    another slide's body, never a placeholder.  The content shown under a title is compared
    with what that title settles on."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="id-ID")
    context.add_init_script(SAMPLER)
    # Streamlit loads st.html's code (which brings the page's CSS) only when its element arrives;
    # held back here until the first run is drawn, the deck must still show one slide at a time.
    held = []
    context.route(LAZY_HTML_CHUNK, lambda route: held.append(route))
    tab = context.new_page()
    tab.goto(f"{app}/presentasi?slides=peringkat,kecamatan,keberlanjutan,cakupan,tpp&interval=3")
    tab.wait_for_selector('[class*="st-key-pres_show_"]', state="attached", timeout=90_000)
    for route in held:
        route.continue_()
    changes = "n => new Set(window.__frames.filter(f => f.titles.length).map(f => f.titles[0])).size >= n"
    tab.wait_for_function(changes, arg=3, timeout=90_000)
    tab.keyboard.press("ArrowRight")  # a change by key, between two timer changes
    tab.wait_for_function(changes, arg=5, timeout=90_000)
    tab.keyboard.press("ArrowLeft")
    wait_idle(tab)
    frames = tab.evaluate("() => window.__frames")
    context.close()
    shown = [f for f in frames if f["titles"]]
    assert len({f["titles"][0] for f in shown}) == 5, "every slide showed"
    assert not [f for f in frames if len(f["titles"]) > 1], "two slide titles visible at once"
    assert not [f for f in shown if f["placeholders"]], f"a placeholder was visible: {shown}"
    settled = {}
    for f in shown:  # the content each title shows most often is its own slide's
        settled.setdefault(f["titles"][0], Counter())[f["content"]] += 1
    mixed = [(f["titles"][0], f["content"]) for f in shown
             if f["content"] != settled[f["titles"][0]].most_common(1)[0][0]]
    assert not mixed, f"{len(mixed)} of {len(shown)} frames mixed one slide's title with another's body: {mixed[:2]}"


def test_the_decks_early_rules_follow_a_switch_from_the_overview(browser, app: str) -> None:
    """The page shell's deck rules are off on the overview (they slow every change to a page) and
    on as soon as the app switches to the presentation within the tab: with st.html's code held
    back, the deck still shows one slide at a time and no placeholder."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="id-ID")
    context.add_init_script(SAMPLER)
    held = []
    context.route(LAZY_HTML_CHUNK, lambda route: held.append(route))
    tab = context.new_page()
    tab.goto(app)
    wait_idle(tab)
    early = "() => document.getElementById('kudus-deck-early').disabled"
    assert tab.evaluate(early) is True
    tab.locator('[data-testid="stSidebar"]').get_by_role("link", name="Presentasi").click()
    tab.wait_for_selector('[class*="st-key-pres_show_"]', state="attached", timeout=90_000)
    assert tab.evaluate(early) is False
    deck_since = tab.evaluate("() => performance.now()")  # the deck is on the page from here on
    for route in held:
        route.continue_()
    tab.wait_for_function(f"() => ({SHOWN_TITLE})() !== ''", timeout=90_000)
    wait_idle(tab)
    frames = tab.evaluate("since => window.__frames.filter(f => f.at >= since && f.titles.length)", deck_since)
    context.close()
    assert frames and not [f for f in frames if len(f["titles"]) > 1], "two slide titles visible at once"
    assert not [f for f in frames if f["placeholders"]], f"a placeholder was visible: {frames}"
