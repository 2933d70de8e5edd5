"""AppTest of the upload and data pages: real generated workbooks, both languages, empty and
filled databases."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from analytics.intake.units import read_units_csv
from analytics.sample import generate_year
from analytics.store import Store

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'app.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("KUDUS_DATA_DIR", str(tmp_path))
    return url


def start(page: str = "views/unggah.py", lang: str = "id") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def workbook_of(kode: str, tahun: int = 2024) -> tuple[str, bytes]:
    [book] = [w for w in generate_year(read_units_csv(), tahun) if w.unit_kode == kode]
    return book.file_name, book.to_bytes()


def texts(at: AppTest, kind: str) -> list[str]:
    return [element.value for element in at.get(kind)]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("page", ["views/unggah.py", "views/data.py"])
def test_every_page_runs_on_an_empty_database(db_url: str, lang: str, page: str) -> None:
    at = start(page, lang)
    assert at.title[0].value == {"id": {"views/unggah.py": "Unggah Data", "views/data.py": "Data"},
                                 "en": {"views/unggah.py": "Upload Data", "views/data.py": "Data"}}[lang][page]


def test_empty_data_page_offers_the_sample(db_url: str) -> None:
    at = start("views/data.py")
    assert any("Belum ada data" in text for text in texts(at, "info"))
    assert [b.label for b in at.button] == ["Muat data contoh"]


def test_upload_check_and_store_a_real_workbook(db_url: str) -> None:
    name, data = workbook_of("opd.dinkes")
    at = start()
    at.file_uploader[0].upload(name, data, XLSX).run()
    assert not at.exception
    assert "1 dari 1 berkas lolos pemeriksaan" in texts(at, "success")[0]
    summary = at.dataframe[0].value
    assert summary.loc[0, "Berkas"] == name and summary.loc[0, "Unit"] == "Dinas Kesehatan"
    [store_button] = [b for b in at.button if b.label.startswith("Simpan")]
    store_button.click().run()
    messages = texts(at, "success")
    assert any("Dinas Kesehatan 2024: tersimpan" in m for m in messages), messages
    store = Store(db_url)
    assert len(store.history()) == 1
    assert len(store.innovations(tahun=2024)) == int(summary.loc[0, "Inovasi"])
    # The same file again changes nothing and says so.
    [again] = [b for b in at.button if b.label.startswith("Simpan")]
    again.click().run()
    assert any("tidak ada yang berubah" in m for m in texts(at, "info"))
    assert len(Store(db_url).history()) == 1


def test_an_upload_prepares_the_overview_for_the_next_visitor(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The uploader's session reads the new data and computes the overview's default view: the
    leader who opens the overview next waits for no read of the store."""
    at = start()
    for tahun in (2024, 2025):
        at.file_uploader[0].upload(*workbook_of("opd.dinkes", tahun), XLSX)
    at.run()
    [store_button] = [b for b in at.button if b.label.startswith("Simpan")]
    store_button.click().run()
    assert not at.exception
    reads: list[str] = []
    for name in ("innovations", "officials"):
        original = getattr(Store, name)
        monkeypatch.setattr(Store, name, lambda self, *a, _read=original, _name=name, **k: (
            reads.append(_name), _read(self, *a, **k))[1])
    leader = start("views/ringkasan.py")
    assert leader.get("plotly_chart") and leader.metric, "the overview shows the upload"
    assert reads == []


def test_flawed_workbook_is_reported_cell_by_cell_and_not_stored(db_url: str) -> None:
    data = (ROOT / "sample_data" / "contoh-salah" / "01_tahapan_salah_ketik.xlsx").read_bytes()
    at = start(lang="en")
    at.file_uploader[0].upload("01_tahapan_salah_ketik.xlsx", data, XLSX).run()
    assert "0 of 1 files passed" in texts(at, "warning")[0]
    issues = at.dataframe[1].value
    first = issues.iloc[0]
    assert (first["Severity"], first["Sheet"], first["Row"], first["Column"]) == ("Error", "Inovasi", 2, "Tahapan")
    assert "Did you mean 'Penerapan'" in first["What to do"]
    assert not [b for b in at.button if b.label.startswith("Store")]
    assert Store(db_url).is_empty()


def test_many_files_at_once(db_url: str) -> None:
    at = start()
    for kode in ("kec.jati", "opd.dishub"):
        at.file_uploader[0].upload(*workbook_of(kode), XLSX)
    bad = (ROOT / "sample_data" / "contoh-salah" / "17_bukan_excel.xlsx").read_bytes()
    at.file_uploader[0].upload("17_bukan_excel.xlsx", bad, XLSX).run()
    summary = at.dataframe[0].value
    assert len(summary) == 3 and summary["Galat"].tolist().count(0) == 2
    [store_button] = [b for b in at.button if b.label.startswith("Simpan")]
    assert store_button.label == "Simpan 2 berkas yang lolos"
    store_button.click().run()
    assert sorted(Store(db_url).history()["unit_kode"]) == ["kec.jati", "opd.dishub"]


def test_template_download_is_a_prefilled_workbook(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import ui.upload

    served: list[bytes] = []
    original = ui.upload.template_bytes
    monkeypatch.setattr(ui.upload, "template_bytes", lambda **kw: served.append(original(**kw)) or served[-1])
    at = start()
    at.selectbox[0].select("Kecamatan Jati").run()
    at.number_input[0].set_value(2025).run()
    [button] = at.get("download_button")
    assert button.proto.label == "Unduh templat Excel"
    assert button.proto.url.endswith(".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(served[-1]))
    assert book.sheetnames == ["Petunjuk", "Profil", "Inovasi", "Pejabat", "Referensi"]
    profil = {row[0]: row[1] for row in book["Profil"].iter_rows(values_only=True) if row[0]}
    assert profil["Nama Unit"] == "Kecamatan Jati" and profil["Tahun"] == 2025


def test_data_page_lists_versions_and_restores(db_url: str) -> None:
    store = Store(db_url)
    units = read_units_csv()
    from analytics.intake.validation import validate_workbook

    for tahun_data in (2023, 2024):  # two different files for the same unit and year
        [book] = [w for w in generate_year(units, tahun_data) if w.unit_kode == "opd.dinkes"]
        book.profil["tahun"] = 2024
        book.tahun = 2024
        result = validate_workbook(book.to_bytes(), f"v{tahun_data}.xlsx", units)
        assert result.ok, [i.message() for i in result.errors]
        store.store_many(result.submissions, actor="uji")
    at = start("views/data.py")
    table = at.dataframe[0].value
    assert table["Berlaku"].tolist() == [True, False]
    assert table["Berkas"].tolist() == ["v2024.xlsx", "v2023.xlsx"]
    [restore] = [b for b in at.button if b.label == "Pulihkan sebagai data berlaku"]
    restore.click().run()
    assert not at.exception
    history = Store(db_url).history()
    assert history.loc[history["is_current"], "file_name"].tolist() == ["v2023.xlsx"]


def test_data_table_shows_lifecycles_and_filters_by_outcome(db_url: str) -> None:
    store = Store(db_url)
    units = read_units_csv()
    from analytics.intake.validation import validate_workbook

    for tahun in (2023, 2024, 2025):
        [book] = [w for w in generate_year(units, tahun) if w.unit_kode == "opd.dinkes"]
        store.store_many(validate_workbook(book.to_bytes(), book.file_name, units).submissions, actor="uji")
    at = start("views/data.py")
    at.toggle(key="data_all_years").set_value(True).run()
    assert "Hasil" not in at.dataframe[1].value.columns  # lifecycles only when asked for
    at.toggle(key="data_lifecycle").set_value(True).run()
    table = at.dataframe[1].value
    assert {"Tahun pertama", "Jalur tahapan", "Hasil"} <= set(table.columns)
    assert set(table["Hasil"]) <= {"Berlanjut", "Berhenti", "Baru"} and len(set(table["Hasil"])) >= 2
    at.multiselect(key="data_hasil").set_value(["berhenti"]).run()
    stopped = at.dataframe[1].value
    assert 0 < len(stopped) < len(table) and set(stopped["Hasil"]) == {"Berhenti"}
