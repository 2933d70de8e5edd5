"""The template: what a person downloads must guide them to a workbook the validator accepts."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from analytics.intake import contract as c
from analytics.intake import template
from analytics.intake.units import read_units_csv

CHOICE_KINDS = {"choice", "multichoice", "kecamatan", "yesno"}


@pytest.fixture(scope="module")
def units():
    return read_units_csv()


@pytest.fixture(scope="module")
def blank(units) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(template.template_bytes("opd.dinkes", 2025, units)))


def _validations(sheet) -> dict[str, object]:
    """First cell of each validated range -> its DataValidation."""
    found = {}
    for dv in sheet.data_validations.dataValidation:
        for cell_range in str(dv.sqref).split():
            found[cell_range.split(":")[0]] = dv
    return found


def _reference_values(book, formula: str) -> list[str]:
    sheet_name, cells = formula.lstrip("=").split("!")
    return [cell.value for (cell,) in book[sheet_name][cells.replace("$", "")]]


def _table_columns():
    yield c.SHEET_INOVASI, template.TEMPLATE_INOVASI_COLUMNS
    yield c.SHEET_PEJABAT, c.PEJABAT_COLUMNS


def test_five_sheets_in_contract_order(blank):
    assert blank.sheetnames == list(c.SHEETS)


def test_headers_are_the_contract_labels_without_consolidated_columns(blank):
    for sheet, columns in _table_columns():
        assert [cell.value for cell in blank[sheet][1]] == [col.label for col in columns]
    assert "Nama Unit" not in [cell.value for cell in blank[c.SHEET_INOVASI][1]]


def test_every_header_has_its_note(blank):
    for sheet, columns in _table_columns():
        for index, col in enumerate(columns, start=1):
            comment = blank[sheet].cell(1, index).comment
            assert comment is not None, (sheet, col.label)
            assert comment.text == (col.note or template.column_note(col))


def test_every_choice_column_has_a_dropdown_from_referensi(blank):
    for sheet, columns in _table_columns():
        rules = _validations(blank[sheet])
        for index, col in enumerate(columns, start=1):
            if col.kind not in CHOICE_KINDS:
                continue
            letter = get_column_letter(index)
            dv = rules[f"{letter}2"]
            assert dv.type == "list", col.label
            assert str(dv.sqref) == f"{letter}2:{letter}{template.VALIDATION_ROWS + 1}"
            assert dv.formula1.startswith(f"{c.SHEET_REFERENSI}!")
            listed = _reference_values(blank, dv.formula1)
            if col.vocabulary:
                assert listed == list(c.VOCABULARIES[col.vocabulary])
            if col.kind == "kecamatan":
                assert listed == [k.nama for k in c.KECAMATAN] + [c.SELURUH_KABUPATEN]


def test_multi_value_dropdowns_inform_instead_of_blocking(blank):
    rules = _validations(blank[c.SHEET_INOVASI])
    letters = {col.key: get_column_letter(i) for i, col in enumerate(template.TEMPLATE_INOVASI_COLUMNS, start=1)}
    for key in ("urusan", "lokasi_kecamatan"):
        assert rules[f"{letters[key]}2"].errorStyle == "information"
    assert rules[f"{letters['tahapan']}2"].errorStyle in (None, "stop")


def test_number_and_date_checks(blank):
    inovasi = _validations(blank[c.SHEET_INOVASI])
    letters = {col.key: get_column_letter(i) for i, col in enumerate(template.TEMPLATE_INOVASI_COLUMNS, start=1)}
    for key in ("tanggal_uji_coba", "tanggal_penerapan"):
        assert inovasi[f"{letters[key]}2"].type == "date"
    for key in ("anggaran_tahun_berjalan", "anggaran_tahun_lalu", "anggaran_dua_tahun_lalu"):
        dv = inovasi[f"{letters[key]}2"]
        assert (dv.type, dv.operator, dv.formula1) == ("decimal", "greaterThanOrEqual", "0")
    for key in ("jumlah_replikasi", "jumlah_penerima_manfaat"):
        dv = inovasi[f"{letters[key]}2"]
        assert (dv.type, dv.operator, dv.formula1) == ("whole", "greaterThanOrEqual", "0")
    kelas = _validations(blank[c.SHEET_PEJABAT])["E2"]
    assert (kelas.type, kelas.formula1, kelas.formula2) == ("whole", "1", "17")


def test_nip_columns_are_text_formatted(blank):
    nip_penggagas = [col.key for col in template.TEMPLATE_INOVASI_COLUMNS].index("nip_penggagas") + 1
    assert blank[c.SHEET_INOVASI].column_dimensions[get_column_letter(nip_penggagas)].number_format == "@"
    assert blank[c.SHEET_PEJABAT].column_dimensions["A"].number_format == "@"
    assert blank[c.SHEET_PROFIL]["B5"].number_format == "@"  # NIP Operator


def test_header_rows_are_frozen(blank):
    assert blank[c.SHEET_INOVASI].freeze_panes == "C2"
    assert blank[c.SHEET_PEJABAT].freeze_panes == "A2"


def test_column_widths_follow_the_contract(blank):
    widths = {}  # openpyxl groups neighbouring columns of equal width into one <col min max>
    for dim in blank[c.SHEET_INOVASI].column_dimensions.values():
        widths.update(dict.fromkeys(range(dim.min, dim.max + 1), dim.width))
    for index, col in enumerate(template.TEMPLATE_INOVASI_COLUMNS, start=1):
        assert widths[index] == pytest.approx(col.width, abs=1), col.label


def test_profil_prefilled_from_unit_kode(blank):
    sheet = blank[c.SHEET_PROFIL]
    assert [sheet.cell(r, 1).value for r in range(1, len(c.PROFIL_FIELDS) + 1)] == [f.label for f in c.PROFIL_FIELDS]
    assert (sheet["B1"].value, sheet["B2"].value, sheet["B3"].value) == ("Dinas Kesehatan", "OPD", 2025)


def test_referensi_lists_the_units(blank, units):
    header = [cell.value for cell in blank[c.SHEET_REFERENSI][1]]
    column = header.index("Nama Unit") + 1
    listed = {row[0] for row in blank[c.SHEET_REFERENSI].iter_rows(min_row=2, min_col=column, max_col=column,
                                                                    values_only=True) if row[0]}
    assert listed == set(units.loc[units["aktif"], "nama"])


def test_petunjuk_explains_in_bahasa_indonesia(blank):
    text = "\n".join(str(row[0]) for row in blank[c.SHEET_PETUNJUK].iter_rows(values_only=True) if row[0])
    for phrase in ("satu instansi satu inovasi", "teks", "31/12/2023", "uji coba", "seluruh kabupaten"):
        assert phrase in text.lower()
    for col in template.TEMPLATE_INOVASI_COLUMNS:
        if col.required:
            assert col.label in text


def test_english_instructions_keep_indonesian_headers(units):
    book = openpyxl.load_workbook(io.BytesIO(template.template_bytes(units=units, lang="en")))
    assert "How to fill in" in book[c.SHEET_PETUNJUK]["A1"].value
    assert book[c.SHEET_INOVASI]["B1"].value == "Nama Inovasi"
    assert book[c.SHEET_PROFIL]["B1"].value is None


def test_filled_rows_keep_their_types(tmp_path):
    nip = "197503142000031002"
    path = tmp_path / "terisi.xlsx"
    template.write_workbook(
        path,
        profil={"nama_unit": "Dinas Kesehatan", "tahun": 2024, "nip_operator": nip},
        inovasi=[{"no": 1, "nama_inovasi": "SIPANDU", "tahapan": "Penerapan", "urusan": ["Kesehatan", "Sosial"],
                  "nip_penggagas": [nip], "tanggal_uji_coba": dt.date(2022, 3, 1),
                  "tanggal_penerapan": dt.datetime(2022, 9, 1), "lokasi_kecamatan": ["Jati", "Bae"],
                  "anggaran_tahun_berjalan": 1_500_000.0, "anggaran_tahun_lalu": None, "ada_sop": True}],
        pejabat=[{"nip": nip, "nama": "Hendra", "jabatan": "Kepala", "kelas_jabatan": 14, "tpp_dasar": 11_000_000.0}],
    )
    book = openpyxl.load_workbook(path)
    row = {cell.value: below.value for cell, below in zip(book[c.SHEET_INOVASI][1], book[c.SHEET_INOVASI][2],
                                                          strict=True)}
    cells = {cell.value: below for cell, below in zip(book[c.SHEET_INOVASI][1], book[c.SHEET_INOVASI][2],
                                                      strict=True)}
    assert row["NIP Penggagas"] == nip and cells["NIP Penggagas"].data_type == "s"
    assert row["Urusan Pemerintahan"] == "Kesehatan; Sosial"
    assert row["Lokasi Kecamatan"] == "Jati; Bae"
    assert row["Tanggal Uji Coba"] == dt.datetime(2022, 3, 1)
    assert cells["Tanggal Uji Coba"].number_format == template.DATE_FORMAT
    assert row["Anggaran Tahun Berjalan (Rp)"] == 1_500_000
    assert cells["Anggaran Tahun Berjalan (Rp)"].number_format == template.MONEY_FORMAT
    assert row["Anggaran Tahun Lalu (Rp)"] is None
    assert row["Ada SOP"] == "Ya"
    assert book[c.SHEET_PEJABAT]["A2"].value == nip and book[c.SHEET_PEJABAT]["A2"].data_type == "s"
    assert book[c.SHEET_PROFIL]["B5"].value == nip


def test_validations_stretch_over_long_tables(tmp_path):
    rows = [{"nama_inovasi": f"Inovasi {i}"} for i in range(1500)]
    path = tmp_path / "panjang.xlsx"
    template.write_workbook(path, inovasi=rows)
    rules = _validations(openpyxl.load_workbook(path)[c.SHEET_INOVASI])
    assert str(rules["C2"].sqref) == "C2:C1501"


def test_fixed_created_date_gives_identical_bytes():
    def build() -> bytes:
        buffer = io.BytesIO()
        template.write_workbook(buffer, profil={"nama_unit": "Dinas Kesehatan"}, created=dt.datetime(2025, 1, 1))
        return buffer.getvalue()
    assert build() == build()


def test_blank_template_passes_the_validator(units):
    validation = pytest.importorskip("analytics.intake.validation")
    result = validation.validate_workbook(template.template_bytes("opd.dinkes", 2025, units), "templat.xlsx", units)
    assert result.ok, [i.as_dict() for i in result.errors]
