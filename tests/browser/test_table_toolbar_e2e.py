"""In Debian's Chromium (issue 12, finding 3): a table's toolbar offers search and full screen but
no "Download as CSV" — Streamlit's own export, unaudited and raw, is off; the app's audited
download buttons remain for the roles that may export."""

from __future__ import annotations

from mutants import sound_workbook
from server import wait_idle


def test_no_table_toolbar_offers_a_csv_download(page, app_url: str, tmp_path) -> None:
    workbook = tmp_path / "dinkes.xlsx"
    workbook.write_bytes(sound_workbook())
    page.goto(f"{app_url}/unggah")
    wait_idle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(workbook))
    wait_idle(page, timeout=120_000)
    table = page.locator('[data-testid="stDataFrame"]').first
    table.hover()
    toolbar = page.locator('[data-testid="stElementToolbar"]').first
    toolbar.get_by_role("button", name="Search").wait_for()
    assert toolbar.get_by_role("button", name="Download as CSV").count() == 0
