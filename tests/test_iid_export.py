"""The national IID application's export, read as it comes: checks, the region, unknowns, storage."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from iid_helpers import iid_row
from xlsx_helpers import simple_workbook, write_xlsx

from analytics.cli import main
from analytics.intake.iid_export import HEADERS, export_bytes
from analytics.intake.ingest import ingest_paths
from analytics.intake.units import UnitDirectory, read_units_csv
from analytics.intake.validation import validate_workbook
from analytics.store import Store

# /work/shared/geo beside the checkout (main or a worktree one level deeper): test data, not project data
GEOJSON = next((p / "shared" / "geo" / "kudus-kecamatan.simplified.geojson" for p in Path(__file__).resolve().parents
                if (p / "shared" / "geo" / "kudus-kecamatan.simplified.geojson").is_file()), Path("/nonexistent"))


@pytest.fixture(scope="module")
def directory() -> UnitDirectory:
    return UnitDirectory(read_units_csv())


def rows_sample() -> list[dict[str, str]]:
    return [
        iid_row("SIPANDU\u00a0“Posyandu” Terpadu", Jenis="Teknologi",
                Urusan_lain_yang_beririsan="koperasi, usaha kecil, dan menengah,pendidikan",
                Link_Video="https://youtu.be/a - https://kuduskab.go.id/b"),
        iid_row("Antar Obat Lansia", Tahapan_Inovasi="Uji Coba"),
        iid_row("Kartu Identitas Anak Keliling", admin="Disdukcapil Kabupaten Kudus (kudus.dukcapil)",
                Urusan_Utama="Fungsi Penunjang lainnya sesuai dengan ketentuan peraturan perundang-undangan"),
        iid_row("Rekap Inovasi Daerah", admin="admin.kudus (iga2025.kabupaten.kudus)", Urusan_Utama="Perencanaan"),
    ]


def test_export_as_downloaded_with_title_rows_above_the_header(directory):
    grid = [["DAFTAR INOVASI DAERAH"], ["Kabupaten Kudus"], [None], list(HEADERS),
            *([row[h] for h in HEADERS] for row in rows_sample())]
    data = write_xlsx({"Data": grid})
    result = validate_workbook(data, "export.xlsx", directory, tahun=2025)
    assert result.ok, [(i.code, i.message()) for i in result.errors]
    assert result.sumber == "iid"
    by_unit = {s.unit_kode: s.innovations for s in result.submissions}
    assert set(by_unit) == {"opd.dinkes", "opd.disdukcapil", "opd.setda.organisasi"}
    first = by_unit["opd.dinkes"].iloc[0]
    assert first["nama_inovasi"] == "SIPANDU “Posyandu” Terpadu" and first["jenis"] == "Teknologi"
    assert first["urusan"] == "Kesehatan;Koperasi, Usaha Kecil dan Menengah;Pendidikan"
    assert first["tautan_bukti"] == "https://youtu.be/a https://kuduskab.go.id/b"
    assert first["kematangan_iid"] == 72.5 and first["baris"] == 5  # Excel row of the first data row
    # What the export lacks stays unknown.
    assert first["status"] is None and pd.isna(first["tanggal_uji_coba"]) and first["lokasi_kecamatan"] is None
    assert by_unit["opd.disdukcapil"].iloc[0]["urusan"] == "Fungsi Penunjang Lainnya"
    warnings = [(i.code, i.row) for i in result.warnings]
    assert ("unit.region_admin", 8) in warnings  # one per row of the region's admin account
    assert ("iid.penerapan_date_early", 6) in warnings  # the Uji Coba row that carries a penerapan date


def test_the_same_table_as_csv_gives_the_same_innovations(directory):
    xlsx = validate_workbook(export_bytes(rows_sample()), "e.xlsx", directory, tahun=2025)
    csv = validate_workbook(export_bytes(rows_sample(), "csv"), "e.csv", directory, tahun=2025)
    assert csv.ok and [s.unit_kode for s in csv.submissions] == [s.unit_kode for s in xlsx.submissions]
    for a, b in zip(xlsx.submissions, csv.submissions):
        pd.testing.assert_frame_equal(a.innovations, b.innovations)


def test_another_regions_export_is_refused_with_one_error_naming_both(directory):
    rows = [dict(r, Pemda="Provinsi Jawa Timur") for r in rows_sample()]
    result = validate_workbook(export_bytes(rows), "jatim.xlsx", directory, tahun=2025)
    assert [i.code for i in result.issues] == ["iid.other_region"]
    message = result.issues[0].message("en")
    assert "Provinsi Jawa Timur" in message and "Kabupaten Kudus" in message and "4 rows" in message


def test_a_bad_cell_is_reported_with_sheet_row_column_and_value(directory):
    rows = rows_sample()
    rows[1]["Jenis"] = "Hibrida"
    rows[2]["Link Video"] = "https://youtu.be/x, lihat IG"
    result = validate_workbook(export_bytes(rows), "e.xlsx", directory, tahun=2025)
    found = {(i.code, i.sheet, i.row, i.column, i.value) for i in result.errors}
    assert ("cell.choice", "Data", 3, "Jenis", "Hibrida") in found
    assert ("cell.url", "Data", 4, "Link Video", "lihat") in found


def test_an_unknown_admin_opd_is_one_error_with_short_name_aware_suggestions(directory):
    rows = [iid_row(f"Inovasi {i}", admin="Dinas Dukcapil Kudus Barat (kudus.dukcapil2)") for i in range(5)]
    result = validate_workbook(export_bytes(rows), "e.xlsx", directory, tahun=2025)
    [issue] = result.errors
    assert issue.code == "unit.unknown" and issue.row == 2
    assert "Dinas Kependudukan dan Pencatatan Sipil" in issue.message() and "SMP" not in issue.message()


def test_koordinat_gives_the_kecamatan_when_a_boundary_file_is_configured(directory, monkeypatch):
    if not GEOJSON.is_file():
        pytest.skip("no boundary file in this checkout")
    monkeypatch.setenv("KUDUS_GEOJSON", str(GEOJSON))
    rows = [iid_row("Di Jati", Koordinat="-6.8298, 110.8389"), iid_row("Di laut", Koordinat="-6.0, 110.0"),
            iid_row("Tanpa titik", Koordinat="-")]
    result = validate_workbook(export_bytes(rows), "e.xlsx", directory, tahun=2025)
    frame = result.submissions[0].innovations
    assert frame["lokasi_kecamatan"].tolist() == ["Jati", None, None]
    assert frame["lokasi_sumber"].tolist() == ["koordinat", None, None]


def test_cli_needs_the_year_for_an_export(tmp_path, capsys):
    db = f"sqlite:///{tmp_path / 'k.sqlite'}"
    path = tmp_path / "iid-kudus.xlsx"
    path.write_bytes(export_bytes(rows_sample()))
    assert main(["validate", str(path), "--db", db]) == 2
    assert "--year" in capsys.readouterr().err
    assert main(["validate", str(path), "--year", "2025", "--json", "--db", db]) == 0
    report = json.loads(capsys.readouterr().out)["files"][0]
    assert report["ok"] and report["year"] == 2025 and report["innovations"] == 4
    assert main(["ingest", str(path), "--db", db]) == 2
    assert Store(db).history().empty


# `store` (conftest): a migrated store on SQLite and on PostgreSQL in turn.


def _ingest(store: Store, tmp_path: Path, rows, name="iid.xlsx", tahun=2025):
    path = tmp_path / name
    path.write_bytes(export_bytes(rows))
    [outcome] = ingest_paths([path], store, actor="admin", workers=1, tahun=tahun)
    assert outcome.result.ok and outcome.refused is None, [i.message() for i in outcome.result.errors]
    return {s.unit_kode: s.action for s in outcome.stored}


def test_storage_same_export_twice_changes_nothing_newer_replaces_with_history(store, tmp_path):
    first = _ingest(store, tmp_path, rows_sample())
    assert set(first.values()) == {"stored"}
    before = (store.history(), store.iid_innovations())
    assert set(_ingest(store, tmp_path, rows_sample()).values()) == {"unchanged"}
    pd.testing.assert_frame_equal(store.history(), before[0])
    pd.testing.assert_frame_equal(store.iid_innovations(), before[1])
    newer = rows_sample()[:2] + [iid_row("Rekap Inovasi Daerah", admin="admin.kudus (iga2025.kabupaten.kudus)",
                                        Urusan_Utama="Perencanaan", Tahapan_Inovasi="Penerapan")]
    newer[0]["Tahapan Inovasi"] = "Uji Coba"
    actions = _ingest(store, tmp_path, newer, "iid-baru.xlsx")
    # Dinkes changed, the coordinator did not, Disdukcapil vanished: an empty IID version.
    assert actions == {"opd.dinkes": "replaced", "opd.setda.organisasi": "unchanged", "opd.disdukcapil": "replaced"}
    iid = store.iid_innovations(2025)
    assert "opd.disdukcapil" not in set(iid["unit_kode"])
    history = store.history(unit_kode="opd.dinkes")
    assert list(history["sumber"]) == ["iid", "iid"] and history["is_current"].tolist() == [True, False]
    store.restore(int(history["submission_id"].iloc[1]), actor="admin")
    assert store.iid_innovations(2025).query("unit_kode == 'opd.dinkes'")["tahapan"].iloc[0] == "Penerapan"


def test_a_units_own_report_wins_and_its_iid_rows_serve_reconciliation(store, tmp_path):
    _ingest(store, tmp_path, rows_sample())
    report = tmp_path / "dinkes.xlsx"
    report.write_bytes(simple_workbook(tahun=2025))
    [outcome] = ingest_paths([report], store, actor="admin", workers=1)
    assert outcome.stored[0].action == "stored"  # its own slot: the IID version is not replaced
    current = store.innovations(2025)
    dinkes = current[current["unit_kode"] == "opd.dinkes"]
    assert dinkes["nama_inovasi"].tolist() == ["Antar Obat Lansia"] and set(dinkes["sumber"]) == {"laporan"}
    assert set(current[current["unit_kode"] == "opd.disdukcapil"]["sumber"]) == {"iid"}
    assert len(store.iid_innovations(2025).query("unit_kode == 'opd.dinkes'")) == 2
    assert store.report_innovations(2025)["unit_kode"].tolist() == ["opd.dinkes"]


def test_logins_of_a_stored_export_stay_mapped(store, tmp_path):
    _ingest(store, tmp_path, rows_sample())
    logins = store.aliases.frame()
    assert set(zip(logins["alias"], logins["unit_kode"])) >= {("kudus.dinkes", "opd.dinkes"),
                                                              ("kudus.dukcapil", "opd.disdukcapil")}
    renamed = [iid_row("Antar Obat Lansia", admin="UPT Farmasi Kesehatan (kudus.dinkes)")]
    assert _ingest(store, tmp_path, renamed, "iid-2.xlsx") .get("opd.dinkes") == "replaced"


def test_unggah_page_checks_an_export_with_the_year_picked_beside_it_and_stores_it(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    url = f"sqlite:///{tmp_path / 'app.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("KUDUS_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("views/unggah.py").run()
    at.number_input(key="iid_year").set_value(2025).run()
    at.file_uploader[0].upload("iid-kudus.csv", export_bytes(rows_sample(), "csv"), "text/csv").run()
    assert not at.exception, at.exception
    summary = at.dataframe[0].value
    assert summary.loc[0, "Sumber"] == "Ekspor aplikasi IID" and summary.loc[0, "Tahun"] == "2025"
    [store_button] = [b for b in at.button if b.label.startswith("Simpan")]
    store_button.click().run()
    assert not at.exception, at.exception
    assert set(Store(url).iid_innovations(2025)["unit_kode"]) == {"opd.dinkes", "opd.disdukcapil",
                                                                   "opd.setda.organisasi"}


def test_dashboard_pages_say_how_many_units_figures_come_from_the_iid_export(store, db_url, tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    _ingest(store, tmp_path, rows_sample())
    report = tmp_path / "dinkes.xlsx"
    report.write_bytes(simple_workbook(tahun=2025))
    ingest_paths([report], store, actor="admin", workers=1)
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("KUDUS_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=90)
    at.run()
    at.switch_page("views/ringkasan.py").run()
    assert not at.exception, at.exception
    captions = [c.value for c in at.caption]
    assert any(c.startswith("Angka 2 unit pada 2025 berasal dari ekspor aplikasi IID") for c in captions), captions
