"""In Debian's Chromium: upload a generated workbook, store it, see it on the Data page."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect
from server import wait_idle

from analytics.intake.units import read_units_csv
from analytics.sample import generate_year


def open_app(page, url: str) -> None:
    page.goto(url)
    wait_idle(page)


def test_upload_store_and_browse(page, app_url: str, tmp_path: Path) -> None:
    [book] = [w for w in generate_year(read_units_csv(), 2024) if w.unit_kode == "opd.dinkes"]
    workbook = tmp_path / book.file_name
    book.write(workbook)

    open_app(page, f"{app_url}/unggah")
    expect(page.get_by_role("heading", name="Unggah Data")).to_be_visible()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(workbook))
    wait_idle(page)
    page.get_by_text("1 dari 1 berkas lolos pemeriksaan").wait_for()
    page.get_by_role("button", name="Simpan 1 berkas yang lolos").click()
    wait_idle(page)
    page.get_by_text("Dinas Kesehatan 2024: tersimpan").wait_for()

    page.get_by_role("link", name="Data", exact=True).click()
    wait_idle(page)
    page.get_by_role("tab", name="Laporan tersimpan").wait_for()
    expect(page.locator('[data-testid="stDataFrame"]').first).to_be_visible()  # waits: elements may still arrive


def test_english_switch_changes_every_label(page, app_url: str) -> None:
    open_app(page, f"{app_url}/unggah")
    page.get_by_text("English", exact=True).click()
    wait_idle(page)
    page.get_by_role("heading", name="Upload Data").wait_for()
    expect(page.get_by_role("link", name="Upload Data")).to_be_visible()
    assert "lang=en" in page.url
