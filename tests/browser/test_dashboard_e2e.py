"""In Debian's Chromium: the dashboard as a leader uses it.

Upload generated workbooks, see the overview's KPI change against last year, drill down from a bar
to a unit, open the kecamatan map, switch to English, download the Excel export and read it back;
and every page at a laptop's and a phone's width.  Screenshots of every page go to tests/artifacts/.
Waits on the app's state (server.wait_idle), never on sleeps.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect
from server import running_app, wait_idle

from analytics.filters import Filters, apply_filters
from analytics.indicators import compute_all
from analytics.intake.units import read_units_csv
from analytics.sample import generate_year
from analytics.store import Store

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
GEOJSON = Path(__file__).resolve().parents[3] / "shared" / "geo" / "kudus-kecamatan.simplified.geojson"
CHART = '[data-testid="stPlotlyChart"]'
PAGES = {"": ("ringkasan", "Ringkasan"), "perangkat-daerah": ("perangkat-daerah", "Perangkat Daerah"),
         "kecamatan": ("kecamatan", "Kecamatan"), "tpp": ("tpp", "TPP"), "data": ("data", "Data"),
         "unggah": ("unggah", "Unggah Data")}


def settle(page) -> None:
    """The script is idle and every chart on the page has drawn its SVG."""
    wait_idle(page)
    page.wait_for_function(f"""() => [...document.querySelectorAll('{CHART}')]
        .every(c => c.querySelector('.main-svg'))""")


def screenshot(page, name: str) -> None:
    """The whole page: Streamlit scrolls inside its main block, so the viewport grows to fit it."""
    ARTIFACTS.mkdir(exist_ok=True)
    settle(page)
    size = page.viewport_size
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], int(height) + 16)})
    settle(page)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    page.set_viewport_size(size)
    settle(page)


def nav(page, name: str) -> None:
    """Follow the sidebar menu to a page (a phone hides the sidebar: pages are opened by URL there)."""
    page.get_by_test_id("stSidebar").get_by_role("link", name=name, exact=True).click()
    page.get_by_role("heading", name=name, exact=True).wait_for()
    settle(page)


def open_page(page, url: str) -> None:
    page.goto(url)
    settle(page)


def chart_titled(page, title: str):
    return page.locator(CHART).filter(has=page.locator(".gtitle", has_text=title))


def click_bar(page, bar) -> None:
    """Click a bar as a person does: Plotly listens on its drag layer, above the bars, and takes
    the point under the pointer from the hover that the move produces."""
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    settle(page)


@pytest.fixture
def geo_app_url(tmp_path: Path):
    """The app with the kecamatan boundary file configured when it is present (../shared/geo)."""
    env = {"KUDUS_GEOJSON": str(GEOJSON)} if GEOJSON.exists() else {}
    with running_app(tmp_path, env) as url:
        yield url


def test_upload_see_change_drill_down_map_english_and_export(browser, geo_app_url: str, tmp_path: Path) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID", accept_downloads=True)
    page = context.new_page()
    url = geo_app_url
    try:
        # 1. An empty app guides to the upload.
        open_page(page, url)
        page.get_by_text("Belum ada data tersimpan").wait_for()
        # 2. Upload two years of one unit's generated reports and store them.
        units = read_units_csv()
        paths = []
        for tahun in (2024, 2025):
            [book] = [w for w in generate_year(units, tahun) if w.unit_kode == "opd.dinkes"]
            paths.append(tmp_path / book.file_name)
            book.write(paths[-1])
        open_page(page, f"{url}/unggah")
        page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(p) for p in paths])
        settle(page)
        page.get_by_text("2 dari 2 berkas lolos pemeriksaan").wait_for()
        page.get_by_role("button", name="Simpan 2 berkas yang lolos").click()
        settle(page)
        page.get_by_text("Dinas Kesehatan 2025: tersimpan").wait_for()
        screenshot(page, "dashboard-unggah")

        # 3. The overview shows 2025 and its change against 2024, as the analytics layer computes it.
        store = Store(f"sqlite:///{tmp_path / 'inovasi.sqlite'}")
        frames = (store.units(), store.innovations(), store.officials())
        now = compute_all(*frames, year=2025)
        nav(page, "Ringkasan")
        card = page.locator('[data-testid="stMetric"]').filter(has=page.get_by_text("Inovasi dihitung", exact=True))
        assert card.locator('[data-testid="stMetricValue"]').inner_text() == str(now.ringkasan["jumlah_dihitung"])
        change = now.ringkasan["perubahan"]
        expected = f"+{change}" if change > 0 else str(change) if change < 0 else "±0"
        assert card.locator('[data-testid="stMetricDelta"]').inner_text().strip() == expected
        assert "dibanding 2024" in card.inner_text()
        screenshot(page, "dashboard-ringkasan")
        # The lower part's tabs are drawn when opened; the open one survives a language switch.
        page.get_by_role("tab", name="Keberlanjutan & risiko").click()
        settle(page)
        page.get_by_role("heading", name="Inovasi berisiko tidak berlanjut").wait_for()
        expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(1)
        page.get_by_text("English", exact=True).click()
        page.get_by_role("heading", name="Innovations at risk of not lasting").wait_for()
        settle(page)
        expect(page.get_by_role("tab", name="Sustainability and risk")).to_have_attribute("aria-selected", "true")
        page.get_by_text("Indonesia", exact=True).click()
        page.get_by_role("heading", name="Ringkasan", exact=True).wait_for()
        page.get_by_role("tab", name="Peringkat unit").click()
        settle(page)

        # 4. Drill down: a click on the unit's bar filters the page (a chip) and opens its detail.
        click_bar(page, chart_titled(page, "10 unit teratas").locator("g.trace.bars g.point path").first)
        page.get_by_role("button", name="Unit: Dinas Kesehatan").wait_for()
        assert "unit=opd.dinkes" in page.url
        nav(page, "Perangkat Daerah")
        page.get_by_role("heading", name="Dinas Kesehatan").wait_for()
        own = compute_all(*apply_filters(Filters(unit=("opd.dinkes",)), units=frames[0], innovations=frames[1],
                                         officials=frames[2]), year=2025)
        every = page.get_by_text("Semua inovasi", exact=True)
        detail = page.locator('[data-testid="stMetric"]').filter(has=every).first
        assert detail.locator('[data-testid="stMetricValue"]').inner_text() == str(own.ringkasan["jumlah_inovasi"])
        screenshot(page, "dashboard-perangkat-daerah")
        page.get_by_role("button", name="Unit: Dinas Kesehatan").click()  # the chip removes the filter
        expect(page.get_by_role("button", name="Unit: Dinas Kesehatan")).to_have_count(0)
        settle(page)
        assert "unit=" not in page.url

        # 5. The kecamatan map (a choropleth drawn offline when the boundary file is configured).
        nav(page, "Kecamatan")
        the_map = chart_titled(page, "Peta inovasi dihitung")
        the_map.wait_for()
        if GEOJSON.exists():
            the_map.locator("canvas").first.wait_for()
        else:
            assert the_map.locator("g.trace.scatter path.point").count() == 9
        screenshot(page, "dashboard-kecamatan")
        nav(page, "TPP")
        page.get_by_text("simulasi — sesuaikan dengan Peraturan Bupati yang berlaku").first.wait_for()
        screenshot(page, "dashboard-tpp")

        # 6. English changes every label, the filters and the page stay.
        page.get_by_text("English", exact=True).click()
        page.get_by_role("heading", name="TPP (additional income)").wait_for()
        settle(page)
        assert chart_titled(page, "Officials per TPP tier").count() == 1
        assert "lang=en" in page.url
        screenshot(page, "dashboard-tpp-en")

        # 7. The Data page: download the Excel of what is shown and read it back.
        nav(page, "Data")
        page.get_by_role("tab", name="Innovations (current data)").click()
        settle(page)
        shown = int(page.get_by_test_id("stMain").get_by_text(" rows").first.inner_text().split()[0].replace(",", ""))
        with page.expect_download() as download:
            page.get_by_role("button", name="Download Excel").click()
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        sheet = openpyxl.load_workbook(io.BytesIO(saved.read_bytes())).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][:4] == ("Year", "Unit name", "Unit type", "Innovation")
        assert len(rows) - 1 == shown == len(store.innovations(tahun=2025))
        assert all(not str(cell).startswith(("=", "+", "-", "@")) for row in rows[1:] for cell in row if cell)
        screenshot(page, "dashboard-data-en")
    finally:
        context.close()


def test_every_page_at_laptop_and_phone_width(browser, app_url: str) -> None:
    """The sample data through the 'load sample' button, then every page at both widths: no error,
    charts drawn, nothing wider than the screen; a screenshot of each."""
    for width, height, tag in ((1366, 900, "laptop"), (390, 844, "phone")):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="id-ID",
                                      is_mobile=tag == "phone", has_touch=tag == "phone")
        page = context.new_page()
        try:
            if tag == "laptop":
                open_page(page, app_url)
                page.get_by_role("button", name="Muat data contoh").click()
                page.locator(CHART).first.wait_for(timeout=90_000)  # stored, and the overview drawn again
            for path, (name, heading) in PAGES.items():
                open_page(page, f"{app_url}/{path}")
                page.get_by_role("heading", name=heading, exact=True).wait_for()
                if name not in ("data", "unggah"):
                    page.locator(CHART).first.wait_for()
                if name == "data":
                    page.get_by_role("tab", name="Inovasi (data berlaku)").click()
                    page.get_by_text(" baris").first.wait_for()
                settle(page)
                assert page.locator('[data-testid="stException"]').count() == 0, name
                overflow = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollWidth"
                                         " - window.innerWidth")
                assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
                screenshot(page, f"dashboard-{tag}-{name}")
        finally:
            context.close()
