"""Rekonsiliasi IID (module, CLI, page) and the export in the application's shape (round trip)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from iid_helpers import iid_row
from xlsx_helpers import innovation_row, simple_workbook

from analytics.cli import main
from analytics.exports import iid_export_rows, reconcile_excel_bytes
from analytics.intake import contract
from analytics.intake.iid_export import HEADERS, export_bytes
from analytics.intake.ingest import ingest_paths
from analytics.intake.units import UnitDirectory, read_units_csv
from analytics.intake.validation import validate_workbook
from analytics.lifecycle.reconcile import match_titles, reconcile
from analytics.store import Store

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def store(tmp_path) -> Store:
    kudus = Store(f"sqlite:///{tmp_path / 'k.sqlite'}")
    rows = [innovation_row("Antar Obat Lansia"), innovation_row("SIPANDU Posyandu", No=2, Tahapan="Uji Coba"),
            innovation_row("Jemput Bola KIA", No=3)]
    report = tmp_path / "dinkes.xlsx"
    report.write_bytes(simple_workbook(rows, tahun=2025))
    export = tmp_path / "iid.xlsx"
    export.write_bytes(export_bytes([
        iid_row("Antar Obat Pasien Lansia"),  # renamed on the IID side: matched by similarity
        iid_row("SIPANDU Posyandu", Tahapan_Inovasi="Penerapan"),  # a stage mismatch
        iid_row("Bank Sampah Digital", admin="Disdukcapil Kabupaten Kudus"),  # a unit with no report
        iid_row("Layanan Darurat 112", admin="Dinas Kesehatan"),  # only in IID
    ]))
    for path, tahun in ((report, None), (export, 2025)):
        [outcome] = ingest_paths([path], kudus, actor="admin", workers=1, tahun=tahun)
        assert outcome.result.ok, [i.message() for i in outcome.result.errors]
    return kudus


def test_reconciliation_lists_the_three_kinds_per_unit(store):
    found = reconcile(store.report_innovations(2025), store.iid_innovations(2025), store.units())
    got = {(r.unit_kode, r.kategori, r.nama_laporan if r.kategori != "hanya_di_iid" else r.nama_iid)
           for r in found.itertuples()}
    assert got == {("opd.dinkes", "belum_di_iid", "Jemput Bola KIA"),
                   ("opd.dinkes", "hanya_di_iid", "Layanan Darurat 112"),
                   ("opd.dinkes", "berbeda", "SIPANDU Posyandu"),
                   ("opd.disdukcapil", "hanya_di_iid", "Bank Sampah Digital")}
    [different] = found[found["kategori"] == "berbeda"].itertuples()
    assert different.perbedaan == "tahapan: Uji Coba ≠ Penerapan"
    # One sheet with everything and one per unit, to send to each office.
    book = openpyxl.load_workbook(io.BytesIO(reconcile_excel_bytes(found)))
    assert book.sheetnames == ["Semua", "Dinas Kependudukan dan Pencatat", "Dinas Kesehatan"]
    assert book["Dinas Kesehatan"].max_row == 4


def test_titles_match_by_folding_first_then_similarity_each_once():
    pairs = match_titles(["E-Parkir", "Antar Obat Pasien Lansia", "Lain"],
                         ["Antar Obat Lansia", "e parkir", "Sesuatu Berbeda Sekali"], 88)
    assert sorted((a, b) for a, b, _ in pairs) == [(0, 1), (1, 0)]


def test_cli_reconcile_json_and_excel(store, tmp_path, capsys):
    db = str(store.engine.url)
    out = tmp_path / "rekon.xlsx"
    assert main(["reconcile", "--year", "2025", "--json", "-o", str(out), "--db", db]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["totals"] == {"not_in_iid": 1, "only_in_iid": 2, "different": 1}
    by_unit = {u["unit"]: u for u in report["units"]}
    assert by_unit["opd.dinkes"]["figures_from"] == "laporan" and by_unit["opd.disdukcapil"]["figures_from"] == "iid"
    assert by_unit["opd.dinkes"]["not_in_iid"] == ["Jemput Bola KIA"]
    assert out.is_file()


def test_export_in_the_iid_shape_from_the_cli(store, tmp_path):
    out = tmp_path / "iid-bentuk.xlsx"
    assert main(["export", "--format", "iid", "--year", "2025", "-o", str(out), "--db", str(store.engine.url)]) == 0
    sheet = openpyxl.load_workbook(out)["Data"]
    assert [c.value for c in sheet[1]] == list(HEADERS)
    admin = {row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert "Dinas Kesehatan (kudus.dinkes)" in admin  # the login the import mapped


def test_reconciliation_page(store, monkeypatch, tmp_path):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DATABASE_URL", str(store.engine.url))
    monkeypatch.setenv("KUDUS_DATA_DIR", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("views/rekonsiliasi.py").run()
    assert not at.exception, at.exception
    assert [m.value for m in at.metric] == ["1", "2", "1"]
    table = at.dataframe[0].value
    assert set(table["Temuan"]) == {"Belum diinput di aplikasi IID", "Hanya ada di aplikasi IID",
                                    "Tahapan/jenis/bentuk berbeda"}
    units = at.dataframe[2].value  # findings, sources, maturity per unit
    assert units.set_index("Unit").at["Dinas Kesehatan", "Entri IID"] == 3
    at.selectbox(key="rec_unit").select("Dinas Kependudukan dan Pencatatan Sipil").run()
    assert not at.exception, at.exception
    assert at.dataframe[0].value["Judul di Aplikasi IID"].tolist() == ["Bank Sampah Digital"]
    per_innovation = at.dataframe[3].value
    assert per_innovation["Kematangan IID"].tolist() == [72.5]  # its figures come from the IID rows
    assert [b.label for b in at.get("download_button")] == ["Unduh Excel (satu lembar per unit)",
                                                              "Unduh data dalam bentuk ekspor IID"]


# ---- property: export in the application's shape, then import: the same innovations -------------
UNITS = read_units_csv()
DIRECTORY = UnitDirectory(UNITS)
title = st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -“”'éÉ"),
                min_size=3, max_size=60).map(lambda s: " ".join(s.split())).filter(lambda s: len(s) >= 3)
innovation = st.fixed_dictionaries({
    "unit_kode": st.sampled_from(["opd.dinkes", "opd.disdukcapil", "kec.jati", "uptd.pkm-jati", "bumd.tirta-muria"]),
    "nama_inovasi": title,
    "tahapan": st.sampled_from(contract.TAHAPAN), "jenis": st.sampled_from(contract.JENIS),
    "bentuk": st.sampled_from(contract.BENTUK), "inisiator": st.sampled_from(contract.INISIATOR),
    "urusan": st.lists(st.sampled_from(contract.URUSAN), min_size=1, max_size=4, unique=True).map(";".join),
    "nama_penggagas": st.none() | st.sampled_from(["Budi", "Sri Wahyuni"]),
    "tanggal_penerapan": st.none() | st.dates(pd.Timestamp("2019-01-01").date(), pd.Timestamp("2025-12-31").date()),
    "kematangan_iid": st.none() | st.integers(0, 10000).map(lambda n: n / 100),
    "koordinat": st.none() | st.just("-6.804300, 110.844300"),
    "tautan_bukti": st.none() | st.lists(st.from_regex(r"\Ahttps://[a-z]{2,8}\.go\.id/[a-z0-9]{1,8}\Z"), min_size=1,
                                         max_size=3, unique=True).map(" ".join),
})


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(innovation, min_size=1, max_size=12,
                unique_by=lambda r: (r["unit_kode"], contract.fold(r["nama_inovasi"]))))
def test_export_in_the_iid_shape_then_import_gives_the_same_innovations(records):
    frame = pd.DataFrame(records)
    rows = iid_export_rows(frame, UNITS)
    result = validate_workbook(export_bytes(rows), "rondtrip.xlsx", DIRECTORY, tahun=2025)
    assert result.ok, [(i.code, i.row, i.value) for i in result.errors]
    back = pd.concat([s.innovations.assign(unit_kode=s.unit_kode) for s in result.submissions])
    fields = ["unit_kode", "nama_inovasi", "tahapan", "jenis", "bentuk", "inisiator", "urusan", "nama_penggagas",
              "kematangan_iid", "koordinat", "tautan_bukti"]
    expected = frame[fields].astype(object).where(frame[fields].notna(), None)
    got = back[fields].astype(object).where(back[fields].notna(), None)
    key = ["unit_kode", "nama_inovasi"]
    pd.testing.assert_frame_equal(got.sort_values(key).reset_index(drop=True),
                                  expected.sort_values(key).reset_index(drop=True), check_dtype=False)
    dates = {k: (None if pd.isna(v) else v.date()) for k, v in back.set_index(key)["tanggal_penerapan"].items()}
    assert dates == frame.set_index(key)["tanggal_penerapan"].to_dict()
