"""Workbook-level validation: untidy layouts are read, every mistake is reported where it is."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pandas as pd
import pytest
from xlsx_helpers import (
    INOVASI_HEADER,
    NIP_A,
    NIP_B,
    UNITS,
    innovation_row,
    official_row,
    profil_grid,
    simple_workbook,
    write_xlsx,
)

from analytics.intake.validation import issues_frame, validate_workbook


def only_issue(result, code: str):
    found = [i for i in result.issues if i.code == code]
    assert found, f"expected {code}, got {[(i.code, i.message()) for i in result.issues]}"
    return found[0]


def test_sound_workbook_gives_one_submission_without_issues() -> None:
    result = validate_workbook(simple_workbook(), "dinkes.xlsx", UNITS)
    assert result.ok and result.issues == []
    [sub] = result.submissions
    assert (sub.unit_kode, sub.tahun) == ("opd.dinkes", 2024)
    row = sub.innovations.iloc[0]
    assert row["nama_inovasi"] == "Antar Obat Lansia"
    assert row["tanggal_penerapan"] == pd.Timestamp("2023-01-10")
    assert row["anggaran_tahun_berjalan"] == 15_000_000.0
    assert pd.isna(row["anggaran_dua_tahun_lalu"])
    assert bool(row["ada_sop"]) is True
    assert row["jumlah_replikasi"] == 2
    assert row["baris"] == 2
    assert sub.officials.iloc[0]["nip"] == NIP_A
    assert sub.profil == {"nama_operator": "Sari"}


def test_title_rows_blank_rows_and_columns_and_shouted_headers() -> None:
    header = [h.upper() for h in INOVASI_HEADER]
    header[14] = "Anggaran tahun berjalan (Rp.)"
    header[15] = "anggaran_tahun_lalu"
    grid = [["DATA INOVASI DINAS KESEHATAN 2024"], [None], header,
            innovation_row("Satu"), [None], [None], innovation_row("Dua")]
    data = write_xlsx({"Profil": profil_grid(), "Inovasi": grid}, origin=(2, 1))
    result = validate_workbook(data, "untidy.xlsx", UNITS)
    assert result.ok, [i.message() for i in result.errors]
    inov = result.submissions[0].innovations
    assert inov["nama_inovasi"].tolist() == ["Satu", "Dua"]
    # Header on Excel row 5 (2 offset + 2 title rows + 1), data rows 6 and 9.
    assert inov["baris"].tolist() == [6, 9]
    assert inov["anggaran_tahun_lalu"].tolist() == [10_000_000.0, 10_000_000.0]


def test_text_forms_of_dates_money_and_yes_no_in_a_workbook() -> None:
    row = innovation_row(**{"Tanggal Uji Coba": "1 Maret 2022", "Tanggal Penerapan": "10/01/2023",
                            "Anggaran Tahun Berjalan (Rp)": "Rp 1.500.000", "Anggaran Tahun Lalu (Rp)": "1,5 juta",
                            "Anggaran Dua Tahun Lalu (Rp)": "-", "Ada SOP": "Tidak Ada",
                            "Lokasi Kecamatan": "Kec. Jati; Kota", "Tahapan": "penerapan",
                            "Jenis": "non-digital"})
    result = validate_workbook(simple_workbook([row]), "text.xlsx", UNITS)
    assert result.ok
    got = result.submissions[0].innovations.iloc[0]
    assert got["tanggal_uji_coba"] == pd.Timestamp("2022-03-01")
    assert got["tanggal_penerapan"] == pd.Timestamp("2023-01-10")
    assert got["anggaran_tahun_berjalan"] == 1_500_000 and got["anggaran_tahun_lalu"] == 1_500_000
    assert pd.isna(got["anggaran_dua_tahun_lalu"])
    assert bool(got["ada_sop"]) is False
    assert got["lokasi_kecamatan"] == "Jati;Kota Kudus"
    assert (got["tahapan"], got["jenis"]) == ("Penerapan", "Non Digital")


@pytest.mark.parametrize(
    ("overrides", "code", "column"),
    [
        ({"Tahapan": "Penerapn"}, "cell.choice", "Tahapan"),
        ({"NIP Penggagas": 197001011990031002}, "cell.nip_number", "NIP Penggagas"),
        ({"Tanggal Penerapan": dt.datetime(2021, 1, 1)}, "cell.date_order", "Tanggal Penerapan"),
        ({"Tanggal Penerapan": None}, "cell.date_required_for_stage", "Tanggal Penerapan"),
        ({"Tanggal Uji Coba": "kemarin sore"}, "cell.date", "Tanggal Uji Coba"),
        ({"Anggaran Tahun Lalu (Rp)": "sepuluh juta"}, "cell.money", "Anggaran Tahun Lalu (Rp)"),
        ({"Anggaran Tahun Lalu (Rp)": -10}, "cell.negative", "Anggaran Tahun Lalu (Rp)"),
        ({"Lokasi Kecamatan": "Kudus Barat"}, "cell.kecamatan", "Lokasi Kecamatan"),
        ({"Tautan Bukti": "www.kuduskab"}, "cell.url", "Tautan Bukti"),
        ({"Status": None}, "cell.required", "Status"),
        ({"Jumlah Replikasi": 1.5}, "cell.count", "Jumlah Replikasi"),
        ({"Ada SOP": "mungkin"}, "cell.yesno", "Ada SOP"),
        ({"Urusan Pemerintahan": "Kesehatan; Pariwisatah"}, "cell.choice", "Urusan Pemerintahan"),
        ({"Nama Inovasi": "AB"}, "cell.text_length", "Nama Inovasi"),
    ],
)
def test_each_mistake_is_reported_at_its_cell(overrides: dict, code: str, column: str) -> None:
    rows = [innovation_row("Pertama"), innovation_row(overrides.pop("Nama Inovasi", "Kedua"), **overrides)]
    result = validate_workbook(simple_workbook(rows), "salah.xlsx", UNITS)
    assert not result.ok and result.submissions == []
    issue = only_issue(result, code)
    assert (issue.sheet, issue.row, issue.column) == ("Inovasi", 3, column)
    assert issue.severity == "error"
    assert issue.message("id") != issue.message("en")


def test_every_problem_is_reported_at_once() -> None:
    rows = [innovation_row("Satu", Tahapan="Penerapn"), innovation_row("Dua", Jenis="Analog"),
            innovation_row("Tiga", Status="Hidup")]
    result = validate_workbook(simple_workbook(rows), "banyak.xlsx", UNITS)
    assert [(i.row, i.column) for i in result.errors] == [(2, "Tahapan"), (3, "Jenis"), (4, "Status")]


def test_duplicate_names_fold_case_and_spaces() -> None:
    rows = [innovation_row("Antar Obat Lansia"), innovation_row("antar  obat LANSIA")]
    issue = only_issue(validate_workbook(simple_workbook(rows), "d.xlsx", UNITS), "cell.duplicate_name")
    assert issue.row == 3 and dict(issue.params)["first_row"] == 2


def test_unknown_unit_suggests_close_names() -> None:
    result = validate_workbook(simple_workbook(unit="Dinas Kesehatn"), "u.xlsx", UNITS)
    issue = only_issue(result, "unit.unknown")
    assert (issue.sheet, issue.row, issue.column) == ("Profil", 1, "Nama Unit")
    assert "Dinas Kesehatan" in issue.message()


@pytest.mark.parametrize("spelling", ["Kecamatan Jati", "Jati", "Kec. Jati", "KEC JATI", "kecamatan  jati"])
def test_kecamatan_unit_spellings_and_default_location(spelling: str) -> None:
    row = innovation_row(**{"Lokasi Kecamatan": None})
    result = validate_workbook(simple_workbook([row], unit=spelling), "k.xlsx", UNITS)
    assert result.ok
    sub = result.submissions[0]
    assert sub.unit_kode == "kec.jati"
    assert sub.innovations.iloc[0]["lokasi_kecamatan"] == "Jati"


def test_other_units_default_to_the_whole_regency() -> None:
    row = innovation_row(**{"Lokasi Kecamatan": None})
    sub = validate_workbook(simple_workbook([row], unit="DKK"), "k.xlsx", UNITS).submissions[0]
    assert sub.innovations.iloc[0]["lokasi_kecamatan"] == "Seluruh Kabupaten"


def test_consolidated_workbook_splits_by_unit_and_year() -> None:
    header = [*INOVASI_HEADER, "Nama Unit", "Tahun"]
    grid = [header,
            [*innovation_row("Aplikasi A"), "Dinas Kesehatan", 2024],
            [*innovation_row("Aplikasi B"), "Kec. Jati", 2024],
            [*innovation_row("Aplikasi A"), "Dinkes", 2023]]
    result = validate_workbook(write_xlsx({"Inovasi": grid}), "gabungan.xlsx", UNITS)
    assert result.ok, [i.message() for i in result.errors]
    got = sorted((s.unit_kode, s.tahun, len(s.innovations)) for s in result.submissions)
    assert got == [("kec.jati", 2024, 1), ("opd.dinkes", 2023, 1), ("opd.dinkes", 2024, 1)]


def test_year_out_of_range() -> None:
    issue = only_issue(validate_workbook(simple_workbook(tahun=2014), "y.xlsx", UNITS), "year.invalid")
    assert (issue.sheet, issue.column) == ("Profil", "Tahun")


def test_officials_sheet_checks() -> None:
    officials = [official_row(NIP_A), official_row(NIP_A), official_row(198505152010012003.0),
                 official_row(NIP_B, **{"Kelas Jabatan": 20})]
    result = validate_workbook(simple_workbook(officials=officials), "p.xlsx", UNITS)
    codes = {(i.code, i.row) for i in result.errors}
    assert codes == {("cell.nip_duplicate", 3), ("cell.nip_number", 4), ("cell.int_range", 5)}


def test_penggagas_not_among_officials_is_a_warning() -> None:
    row = innovation_row(**{"NIP Penggagas": NIP_B})
    result = validate_workbook(simple_workbook([row]), "w.xlsx", UNITS)
    assert result.ok
    assert only_issue(result, "cell.nip_unknown").severity == "warning"
    # ...and not when the unit's stored roster knows the NIP.
    known = validate_workbook(simple_workbook([row]), "w.xlsx", UNITS, roster=lambda kode: {NIP_B})
    assert not [i for i in known.issues if i.code == "cell.nip_unknown"]


def test_unknown_extra_column_is_a_warning_only() -> None:
    header = [*INOVASI_HEADER, "Kolom Tambahan"]
    grid = [header, [*innovation_row(), "apa saja"]]
    result = validate_workbook(write_xlsx({"Profil": profil_grid(), "Inovasi": grid}), "x.xlsx", UNITS)
    assert result.ok
    assert only_issue(result, "header.unknown").severity == "warning"


def test_missing_required_column_and_sheet() -> None:
    header = [h for h in INOVASI_HEADER if h != "Status"]
    row = [c for h, c in zip(INOVASI_HEADER, innovation_row()) if h != "Status"]
    result = validate_workbook(write_xlsx({"Profil": profil_grid(), "Inovasi": [header, row]}), "h.xlsx", UNITS)
    assert only_issue(result, "header.missing").column == "Status"
    no_sheet = validate_workbook(write_xlsx({"Profil": profil_grid(), "Data": [header]}), "s.xlsx", UNITS)
    assert only_issue(no_sheet, "sheet.missing").sheet == "Inovasi"


def test_sheet_names_ignore_case_and_spaces() -> None:
    data = write_xlsx({" PROFIL ": profil_grid(), "inovasi": [INOVASI_HEADER, innovation_row()]})
    assert validate_workbook(data, "c.xlsx", UNITS).ok


# ---- hostile and broken files -------------------------------------------------------------
def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "file.empty"),
        (b"Nama Inovasi,Tahapan\nA,Uji Coba\n", "file.not_xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "file.damaged"),  # .xls is read; this is no .xls
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64, "file.encrypted"),
        (zip_bytes({"hello.txt": b"hi"}), "file.not_xlsx"),
        (zip_bytes({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>",
                    "xl/vbaProject.bin": b"\x00"}), "file.macros"),
    ],
)
def test_files_that_are_not_plain_workbooks(data: bytes, code: str) -> None:
    result = validate_workbook(data, "x.xlsx", UNITS)
    assert not result.ok and result.submissions == []
    assert result.issues[0].code == code


def test_truncated_workbook_is_damaged() -> None:
    data = simple_workbook()
    result = validate_workbook(data[: len(data) // 2], "potong.xlsx", UNITS)
    assert result.issues[0].code == "file.damaged"


def test_zip_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KUDUS_MAX_EXPANDED_MB", "5")
    bomb = zip_bytes({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>",
                      "xl/worksheets/sheet1.xml": b"0" * (6 * 1024 * 1024)})
    assert len(bomb) < 100_000
    assert validate_workbook(bomb, "bom.xlsx", UNITS).issues[0].code == "file.zip_bomb"


def test_oversized_file_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KUDUS_MAX_UPLOAD_MB", "0.001")
    assert validate_workbook(simple_workbook(), "besar.xlsx", UNITS).issues[0].code == "file.too_large"


def test_file_name_cannot_carry_a_path() -> None:
    result = validate_workbook(simple_workbook(), "../../etc/passwd.xlsx", UNITS)
    assert result.file_name == "passwd.xlsx"
    assert validate_workbook(b"", "..\\..\\boot.ini", UNITS).file_name == "boot.ini"


def test_issue_table_in_both_languages() -> None:
    result = validate_workbook(simple_workbook([innovation_row(Tahapan="Penerapn")]), "t.xlsx", UNITS)
    table_id, table_en = issues_frame([result], "id"), issues_frame([result], "en")
    assert table_id.loc[0, ["file", "sheet", "row", "column", "value"]].tolist() == \
        ["t.xlsx", "Inovasi", 2, "Tahapan", "Penerapn"]
    assert "Mungkin maksudnya 'Penerapan'" in table_id.loc[0, "message"]
    assert "Did you mean 'Penerapan'" in table_en.loc[0, "message"]


def test_both_engines_read_the_same_records() -> None:
    """The benchmark compares engines on one pipeline: it only means something if both read
    the workbooks the same way."""
    from analytics.intake.units import read_units_csv
    from analytics.sample import generate_year

    units = read_units_csv()
    for book in generate_year(units, 2024)[:6]:
        data = book.to_bytes()
        fast = validate_workbook(data, book.file_name, units, engine="calamine")
        slow = validate_workbook(data, book.file_name, units, engine="openpyxl")
        assert fast.ok and slow.ok
        assert [i.as_dict() for i in fast.issues] == [i.as_dict() for i in slow.issues]
        for a, b in zip(fast.submissions, slow.submissions, strict=True):
            pd.testing.assert_frame_equal(a.innovations, b.innovations)
            pd.testing.assert_frame_equal(a.officials, b.officials)
