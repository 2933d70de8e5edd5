"""Writing small, deliberately untidy workbooks cell by cell, for the validation tests."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

import pandas as pd
import xlsxwriter

Grid = Sequence[Sequence[object]]

UNITS = pd.DataFrame(
    [
        ("opd.dinkes", "Dinas Kesehatan", "DKK;Dinkes", "OPD", "", "", True),
        ("opd.disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", "OPD", "", "", True),
        ("kec.jati", "Kecamatan Jati", "", "Kecamatan", "", "Jati", True),
        ("kec.kota", "Kecamatan Kota Kudus", "", "Kecamatan", "", "Kota Kudus", True),
        ("uptd.pkm-jati", "UPTD Puskesmas Jati", "", "UPTD", "opd.dinkes", "Jati", True),
        ("bumd.tirta-muria", "Perumda Air Minum Tirta Muria", "PDAM", "BUMD", "", "", True),
        ("opd.lama", "Kantor Lama", "", "OPD", "", "", False),
    ],
    columns=["kode", "nama", "singkatan", "jenis_unit", "induk_kode", "kecamatan", "aktif"],
)

INOVASI_HEADER = [
    "No", "Nama Inovasi", "Tahapan", "Jenis", "Bentuk", "Inisiator", "Urusan Pemerintahan",
    "NIP Penggagas", "Nama Penggagas", "Tanggal Uji Coba", "Tanggal Penerapan", "Lokasi Kecamatan",
    "Dasar Hukum", "Nomor Dasar Hukum", "Anggaran Tahun Berjalan (Rp)", "Anggaran Tahun Lalu (Rp)",
    "Anggaran Dua Tahun Lalu (Rp)", "Ada SOP", "Jumlah Replikasi", "Jumlah Penerima Manfaat", "Monev",
    "Status", "Tautan Bukti", "Keterangan",
]
PEJABAT_HEADER = ["NIP", "Nama", "Jabatan", "Jenis Jabatan", "Kelas Jabatan", "TPP Dasar per Bulan (Rp)"]
NIP_A = "197001011990031002"
NIP_B = "198505152010012003"


def innovation_row(name: str = "Antar Obat Lansia", **overrides: object) -> list[object]:
    """A sound Inovasi row; keyword arguments (by header) replace single cells."""
    row: dict[str, object] = {
        "No": 1, "Nama Inovasi": name, "Tahapan": "Penerapan", "Jenis": "Digital",
        "Bentuk": "Pelayanan Publik", "Inisiator": "OPD", "Urusan Pemerintahan": "Kesehatan",
        "NIP Penggagas": NIP_A, "Nama Penggagas": "Budi", "Tanggal Uji Coba": dt.datetime(2022, 3, 1),
        "Tanggal Penerapan": dt.datetime(2023, 1, 10), "Lokasi Kecamatan": "Jati",
        "Dasar Hukum": "SK Kepala Daerah", "Nomor Dasar Hukum": "188/12/2023",
        "Anggaran Tahun Berjalan (Rp)": 15000000, "Anggaran Tahun Lalu (Rp)": 10000000,
        "Anggaran Dua Tahun Lalu (Rp)": None, "Ada SOP": "Ya", "Jumlah Replikasi": 2,
        "Jumlah Penerima Manfaat": 350, "Monev": "Internal", "Status": "Aktif",
        "Tautan Bukti": "https://kuduskab.go.id/inovasi/1", "Keterangan": None,
    }
    for key, value in overrides.items():
        row[key.replace("_", " ") if key not in row else key] = value
    return [row[h] for h in INOVASI_HEADER]


def official_row(nip: object = NIP_A, **overrides: object) -> list[object]:
    row = {"NIP": nip, "Nama": "Budi Santoso", "Jabatan": "Kepala Bidang", "Jenis Jabatan": "Administrator",
           "Kelas Jabatan": 11, "TPP Dasar per Bulan (Rp)": 6500000}
    row.update(overrides)
    return [row[h] for h in PEJABAT_HEADER]


def profil_grid(unit: object = "Dinas Kesehatan", tahun: object = 2024) -> list[list[object]]:
    return [["Nama Unit", unit], ["Jenis Unit", None], ["Tahun", tahun], ["Nama Operator", "Sari"]]


def write_xlsx(sheets: dict[str, Grid], *, origin: tuple[int, int] = (0, 0)) -> bytes:
    """Write each grid at `origin` (row, column); None cells stay empty, datetimes get a date
    format, str cells are written as text (so NIPs stay text) and numbers as numbers."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False,
                                        "strings_to_formulas": False, "strings_to_urls": False})
    date_format = book.add_format({"num_format": "dd/mm/yyyy"})
    for name, grid in sheets.items():
        sheet = book.add_worksheet(name)
        for r, row in enumerate(grid):
            for c, cell in enumerate(row):
                at = (origin[0] + r, origin[1] + c)
                if cell is None:
                    continue
                if isinstance(cell, (dt.date, dt.datetime)):
                    sheet.write_datetime(*at, cell, date_format)
                elif isinstance(cell, str):
                    sheet.write_string(*at, cell)
                else:
                    sheet.write(*at, cell)
    book.close()
    return buffer.getvalue()


def simple_workbook(rows: list[list[object]] | None = None, officials: list[list[object]] | None = None,
                    unit: object = "Dinas Kesehatan", tahun: object = 2024) -> bytes:
    return write_xlsx({
        "Profil": profil_grid(unit, tahun),
        "Inovasi": [INOVASI_HEADER, *(rows if rows is not None else [innovation_row()])],
        "Pejabat": [PEJABAT_HEADER, *(officials if officials is not None else [official_row()])],
    })
