"""In Debian's Chromium: upload the national IID application's export on Unggah with its year picked
beside it, store it, and find it on Rekonsiliasi IID; screenshots at laptop, phone and full-HD size."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect
from server import wait_idle

from analytics.intake.units import read_units_csv
from analytics.sample.workbooks import write_sample_iid_export

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def test_upload_an_iid_export_on_unggah_then_reconcile(page, app_url: str, tmp_path: Path) -> None:
    export = write_sample_iid_export(tmp_path, units=read_units_csv())
    page.goto(f"{app_url}/unggah")
    wait_idle(page)
    year = page.get_by_role("spinbutton", name="Tahun IID")
    year.fill("2025")
    year.press("Enter")
    wait_idle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(export))
    wait_idle(page)
    page.get_by_text("1 dari 1 berkas lolos pemeriksaan").wait_for()
    # expect() waits (is_visible() would read the page once, maybe before the run's last elements).
    shown = page.get_by_text("Ekspor aplikasi IID").or_(page.locator('[data-testid="stDataFrame"]'))
    expect(shown.first).to_be_visible()
    page.get_by_role("button", name="Simpan 1 berkas yang lolos").click()
    wait_idle(page)
    page.get_by_text("2025: tersimpan").first.wait_for()

    page.get_by_role("link", name="Rekonsiliasi IID").click()
    wait_idle(page)
    page.get_by_role("heading", name="Rekonsiliasi IID").wait_for()
    expect(page.get_by_text("Hanya di aplikasi IID").first).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    for width, height in ((1366, 900), (390, 844), (1920, 1080)):
        page.set_viewport_size({"width": width, "height": height})
        wait_idle(page)
        page.screenshot(path=str(ARTIFACTS / f"rekonsiliasi-iid-{width}.png"), full_page=True)
