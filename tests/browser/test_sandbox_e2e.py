"""In Debian's Chromium: the fuzzer's worst file, a 23 KB workbook declaring a cell at XFD1048576,
uploaded on Unggah while another session stays connected (issue 12).  Before the sandbox it made
calamine ask for 512 GiB and abort the whole Streamlit server: health refused, every user
disconnected.  Now the file gets one verdict, its neighbour in the same upload passes, and the
other session keeps working."""

from __future__ import annotations

import urllib.request
from pathlib import Path

from mutants import sound_workbook, xfd_workbook
from server import CONNECTED, wait_idle


def test_the_xfd1048576_workbook_leaves_the_server_up_for_everyone(browser, page, app_url: str,
                                                                   tmp_path: Path) -> None:
    other = browser.new_context(viewport={"width": 1366, "height": 900}, locale="id-ID").new_page()
    other.goto(f"{app_url}/unggah")
    wait_idle(other)

    killer, sound = tmp_path / "xfd1048576.xlsx", tmp_path / "dinkes.xlsx"
    killer.write_bytes(xfd_workbook())
    sound.write_bytes(sound_workbook())
    page.goto(f"{app_url}/unggah")
    wait_idle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(killer), str(sound)])
    wait_idle(page, timeout=120_000)
    page.get_by_text("1 dari 2 berkas lolos pemeriksaan").wait_for()
    page.get_by_text("xfd1048576.xlsx: 1 galat").wait_for()

    with urllib.request.urlopen(f"{app_url}/_stcore/health", timeout=10) as answer:
        assert answer.status == 200
    other.wait_for_selector(CONNECTED)
    other.get_by_text("English", exact=True).click()  # the other session still reruns
    wait_idle(other)
    other.get_by_role("heading", name="Upload Data").wait_for()
    other.context.close()
