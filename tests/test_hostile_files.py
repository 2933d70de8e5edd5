"""Hostile files through the real entry points — the upload page and `python -m analytics ingest` —
refused with a clear message and nothing stored.

tests/test_validation.py checks each refusal inside `validate_workbook`; here the same files go the
whole way, to show no path around the checks reaches the store.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from access_helpers import app_database
from streamlit.testing.v1 import AppTest
from test_validation import zip_bytes
from xlsx_helpers import simple_workbook

from analytics.cli import main
from analytics.store import Store

APP = str(Path(__file__).resolve().parent.parent / "app.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def with_macros(workbook: bytes) -> bytes:
    """A real workbook with a VBA project added, as Excel saves an .xlsm."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            out.writestr(item, source.read(item.filename))
        out.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\x00" * 512)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>",
                      "xl/worksheets/sheet1.xml": b"0" * (6 * 1024 * 1024)})


# (file name, content, words the message must contain)
HOSTILE = {
    "oversized": ("besar.xlsx", lambda: simple_workbook() + b"\x00" * 2048, "melebihi batas"),
    "zip bomb": ("bom.xlsx", zip_bomb, "mengembang"),
    "macros": ("makro.xlsm", lambda: with_macros(simple_workbook()), "makro (VBA)"),
    "damaged": ("rusak.xlsx", lambda: simple_workbook()[:3000], "rusak"),
    "not a workbook": ("data.xlsx", lambda: b"Nama Inovasi;Tahapan\n=cmd|' /C calc'!A0;Uji Coba\n", "bukan buku kerja"),
    "traversal, empty": ("../../../etc/cron.d/x.xlsx", lambda: b"", "kosong"),
}


@pytest.fixture
def app_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """Limits just above a sound workbook's size, and 5 MB unzipped: the hostile files cross them."""
    return app_database(tmp_path, monkeypatch, KUDUS_MAX_EXPANDED_MB="5",
                        KUDUS_MAX_UPLOAD_MB=str(round((len(simple_workbook()) + 1024) / 1024 / 1024, 6)))


def nothing_stored(url: str) -> None:
    store = Store(url)
    assert store.is_empty() and store.history().empty
    assert not [a for a in store.audit_log()["action"] if a.startswith("store.")]


@pytest.mark.parametrize("case", list(HOSTILE))
def test_upload_page_refuses_and_stores_nothing(app_db: str, case: str) -> None:
    name, content, words = HOSTILE[case]
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("views/unggah.py").run()
    at.file_uploader[0].upload(name, content(), XLSX).run()
    assert not at.exception
    issues = at.dataframe[1].value
    assert words in issues.iloc[0]["Apa yang harus dilakukan"], issues.iloc[0].to_dict()
    assert not [b for b in at.button if b.label.startswith("Simpan")]
    assert "../" not in at.dataframe[0].value.iloc[0]["Berkas"]
    nothing_stored(app_db)


@pytest.mark.parametrize("case", list(HOSTILE))
def test_cli_ingest_refuses_and_stores_nothing(app_db: str, tmp_path: Path, case: str, capsys) -> None:
    name, content, words = HOSTILE[case]
    path = tmp_path / Path(name).name
    path.write_bytes(content())
    assert main(["ingest", str(path), "--db", app_db]) == 1
    assert words in capsys.readouterr().out
    nothing_stored(app_db)


def test_a_traversal_name_on_a_sound_workbook_is_only_a_label(app_db: str, tmp_path: Path) -> None:
    """The upload is never written to disk under its name: the stored name is the bare file name."""
    before = {p for p in tmp_path.rglob("*")}
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("views/unggah.py").run()
    at.file_uploader[0].upload("..\\..\\..\\windows\\system32\\dinkes.xlsx", simple_workbook(), XLSX).run()
    [store_button] = [b for b in at.button if b.label.startswith("Simpan")]
    store_button.click().run()
    assert Store(app_db).history()["file_name"].tolist() == ["dinkes.xlsx"]
    created = {p for p in tmp_path.rglob("*")} - before
    assert all(p.suffix in {".sqlite", ".sqlite-wal", ".sqlite-shm"} or p.name.startswith("app.sqlite")
               for p in created), created
