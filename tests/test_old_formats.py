"""Excel 97-2003 .xls and OpenDocument .ods, read through calamine with the same checks as .xlsx."""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import xlwt
from xlsx_helpers import INOVASI_HEADER, PEJABAT_HEADER, UNITS, innovation_row, official_row, profil_grid

from analytics.intake.validation import validate_workbook


def _sheets(rows=None) -> dict[str, list[list[object]]]:
    return {"Profil": profil_grid(), "Inovasi": [INOVASI_HEADER, *(rows or [innovation_row()])],
            "Pejabat": [PEJABAT_HEADER, official_row()]}


def xls_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    book = xlwt.Workbook()
    dates = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for name, grid in sheets.items():
        sheet = book.add_sheet(name)
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                if isinstance(cell, (dt.date, dt.datetime)):
                    sheet.write(r, c, cell, dates)
                elif cell is not None:
                    sheet.write(r, c, cell)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ods_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="odf") as writer:
        for name, grid in sheets.items():
            pd.DataFrame(grid).to_excel(writer, sheet_name=name, header=False, index=False)
    return out.getvalue()


def test_xls_and_ods_give_the_same_submission_as_xlsx():
    for data, name in ((xls_bytes(_sheets()), "dinkes.xls"), (ods_bytes(_sheets()), "dinkes.ods")):
        result = validate_workbook(data, name, UNITS)
        assert result.ok, (name, [(i.code, i.message()) for i in result.issues])
        [sub] = result.submissions
        row = sub.innovations.iloc[0]
        got = (sub.unit_kode, sub.tahun, row["nama_inovasi"], row["baris"])
        assert got == ("opd.dinkes", 2024, "Antar Obat Lansia", 2)
        assert row["tanggal_penerapan"] == pd.Timestamp("2023-01-10")
        assert sub.officials.iloc[0]["nip"] == official_row()[0]


def test_the_same_checks_apply_to_an_old_format():
    rows = [innovation_row(Tahapan="Penerapn")]
    for data, name in ((xls_bytes(_sheets(rows)), "x.xls"), (ods_bytes(_sheets(rows)), "x.ods")):
        result = validate_workbook(data, name, UNITS)
        [issue] = result.errors
        assert (issue.code, issue.sheet, issue.row, issue.column) == ("cell.choice", "Inovasi", 2, "Tahapan")
