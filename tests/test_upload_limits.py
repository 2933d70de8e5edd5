"""Issue 12, finding 9: limits that fit the job — files per upload, rows per sheet, characters per
free-text cell, the uploader's size limit the same as the app's, and results of files no longer
in the uploader let go."""

from __future__ import annotations

from pathlib import Path

import pytest
from access_helpers import app_database
from streamlit.testing.v1 import AppTest
from xlsx_helpers import UNITS, innovation_row, simple_workbook

from analytics.intake import values
from analytics.intake.validation import validate_workbook

APP = str(Path(__file__).resolve().parent.parent / "app.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.mark.parametrize("column, length, refused", [
    ("Keterangan", 4000, False), ("Keterangan", 32000, True),
    ("Nama Penggagas", 500, False), ("Nama Penggagas", 5000, True),
])
def test_free_text_cells_have_a_length_limit(column: str, length: int, refused: bool) -> None:
    result = validate_workbook(simple_workbook([innovation_row(**{column: "a" * length})]), "x.xlsx", UNITS)
    errors = [i for i in result.errors if i.code == "cell.too_long"]
    assert bool(errors) == refused
    if errors:
        assert errors[0].column == column and str(length) in errors[0].message("en")


def test_the_limits_are_the_documented_ones() -> None:
    assert (values.MAX_TEXT_CHARS, values.MAX_NOTE_CHARS) == (500, 4000)


def upload_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **env: str) -> AppTest:
    app_database(tmp_path, monkeypatch, **env)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("views/unggah.py").run()
    return at


def test_too_many_files_at_once_are_refused_before_any_is_checked(tmp_path, monkeypatch) -> None:
    at = upload_page(tmp_path, monkeypatch, KUDUS_MAX_FILES="2")
    uploader = at.file_uploader[0]
    for number in range(3):
        uploader.upload(f"laporan-{number}.xlsx", simple_workbook(), XLSX)
    at.run()
    assert any("3 berkas diunggah sekaligus; paling banyak 2" in e.value for e in at.error)
    assert not at.dataframe and "checked" not in at.session_state


def test_the_uploader_limit_is_the_apps_and_the_reader_is_told_in_their_language(tmp_path, monkeypatch) -> None:
    at = upload_page(tmp_path, monkeypatch, KUDUS_MAX_UPLOAD_MB="5")
    uploader = at.file_uploader[0]
    assert uploader.proto.max_upload_size_mb == 5
    assert "5 MB per berkas" in uploader.proto.help


def test_results_of_files_taken_out_of_the_uploader_are_let_go(tmp_path, monkeypatch) -> None:
    at = upload_page(tmp_path, monkeypatch)
    at.file_uploader[0].upload("a.xlsx", simple_workbook(), XLSX).run()
    at.file_uploader[0].upload("b.xlsx", simple_workbook(tahun=2023), XLSX).run()
    assert len(at.session_state["checked"]) == 1
