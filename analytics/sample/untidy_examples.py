"""Untidy but valid examples: what people really send, and what each must yield."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from analytics.intake import contract as c
from analytics.intake import template
from analytics.sample.flawed_examples import _write_manifest
from analytics.sample.settings import SAMPLE_DATA


@dataclass(frozen=True)
class UntidyExample:
    """An untidy workbook that must still be accepted, and one (unit, year) report it yields."""

    file: str
    nama_unit: str
    unit_kode: str
    tahun: int
    inovasi: int
    pejabat: int
    keterangan: str = ""


UNTIDY_MANIFEST_FIELDS = ("file", "nama_unit", "unit_kode", "tahun", "inovasi", "pejabat", "keterangan")
Grid = list[list[Any]]


def _write_grid_workbook(path: Path, sheets: Sequence[tuple[str, Grid]]) -> None:
    """Write sheets cell by cell exactly as given: strings stay strings, dates become dates."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                               "strings_to_urls": False})
    workbook.set_properties({"created": dt.datetime(2025, 1, 15, 9, 0)})
    date_format = workbook.add_format({"num_format": template.DATE_FORMAT})
    for name, grid in sheets:
        sheet = workbook.add_worksheet(name)
        for r, row in enumerate(grid):
            for col, value in enumerate(row):
                _write_raw(sheet, r, col, value, date_format)
    workbook.close()


def _write_raw(sheet: Any, row: int, col: int, value: Any, date_format: Any) -> None:
    if value is None:
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, col, value, date_format)
    elif isinstance(value, (int, float)):
        sheet.write_number(row, col, value)
    else:
        sheet.write_string(row, col, str(value))


def _headers(keys: str, *, style: str = "label", columns: Sequence[c.Column] = c.INOVASI_COLUMNS) -> list[str]:
    """Header texts for space-separated column keys, in a given house style."""
    by_key = {col.key: col for col in columns}
    render = {
        "label": lambda col: col.label,
        "upper": lambda col: col.label.replace("(Rp)", "(Rp.)").upper().replace("(RP.)", "(Rp.)"),
        "english": lambda col: col.label_en,
        "snake": lambda col: col.key,
    }[style]
    return [render(by_key[key]) for key in keys.split()]


_ALL_INOVASI = ("no nama_inovasi tahapan jenis bentuk inisiator urusan nip_penggagas nama_penggagas "
                "tanggal_uji_coba tanggal_penerapan lokasi_kecamatan dasar_hukum nomor_dasar_hukum "
                "anggaran_tahun_berjalan anggaran_tahun_lalu anggaran_dua_tahun_lalu ada_sop jumlah_replikasi "
                "jumlah_penerima_manfaat monev status tautan_bukti keterangan")
_ALL_PEJABAT = "nip nama jabatan jenis_jabatan kelas_jabatan tpp_dasar"


def _untidy_titles() -> tuple[list[tuple[str, Grid]], list[UntidyExample]]:
    """Title rows above the header, a blank first column, blank rows, UPPERCASE headers with (Rp.)."""
    nip1, nip2, nip3 = "197102151998031005", "198305262009012004", "199001302015031002"
    lead = [None]  # the blank column A
    inovasi = [
        ["DATA INOVASI DAERAH TAHUN 2024"], ["DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KABUPATEN KUDUS"], [],
        lead + _headers(_ALL_INOVASI, style="upper"),
        lead + [1, "LAMPID (Lapor Peristiwa Kependudukan dari Desa)", "Penerapan", "Digital", "Pelayanan Publik",
                "OPD", "Administrasi Kependudukan dan Pencatatan Sipil", nip1, "Bambang Santoso, S.Sos., M.Si.",
                dt.date(2022, 2, 7), dt.date(2022, 8, 1), "Seluruh Kabupaten", "Peraturan Kepala Daerah",
                "Nomor 12 Tahun 2022", 85_000_000, 80_000_000, 60_000_000, "Ya", 3, 15_230, "Survei Kepuasan",
                "Aktif", "https://inovasi.kuduskab.go.id/disdukcapil/lampid", None],
        [],
        lead + [2, "Layanan KTP Elektronik Keliling", "Uji Coba", "Non Digital", "Pelayanan Publik", "ASN",
                "Administrasi Kependudukan dan Pencatatan Sipil", nip2, "Siti Rahmawati, S.E.", dt.date(2024, 4, 15),
                None, "Undaan; Dawe", "SK Kepala Perangkat Daerah", "470/0142/2024", 25_000_000, None, None,
                "Tidak", 0, 640, "Internal", "Aktif", None, "Menyasar warga lanjut usia"],
        lead + [3, "Aplikasi Akta Kelahiran", "Inisiatif", "Digital", "Tata Kelola Pemerintahan Daerah", "ASN",
                "Administrasi Kependudukan dan Pencatatan Sipil", nip3, "Imam Hidayat, S.Kom.", None, None,
                "Seluruh Kabupaten", "Tidak Ada", None, None, None, None, "Tidak", None, None, "Tidak Ada",
                "Aktif", None, None],
    ]
    pejabat = [_headers(_ALL_PEJABAT, style="upper", columns=c.PEJABAT_COLUMNS),
               [nip1, "Bambang Santoso, S.Sos., M.Si.", "Kepala Dinas Kependudukan dan Pencatatan Sipil",
                "JPT Pratama", 14, 11_270_000],
               [nip2, "Siti Rahmawati, S.E.", "Kepala Bidang Pelayanan Pendaftaran Penduduk", "Administrator", 11,
                5_740_000],
               [],
               [nip3, "Imam Hidayat, S.Kom.", "Pranata Komputer Ahli Pertama", "Fungsional", 8, 3_280_000]]
    profil = [["NAMA UNIT", "Disdukcapil"], ["JENIS UNIT", "OPD"], ["TAHUN", 2024],
              ["NAMA OPERATOR", "Imam Hidayat, S.Kom."], ["NIP OPERATOR", nip3]]
    file = "01_judul_dan_baris_kosong.xlsx"
    return ([("PROFIL", profil), ("INOVASI", inovasi), ("PEJABAT", pejabat)],
            [UntidyExample(file, "Dinas Kependudukan dan Pencatatan Sipil", "opd.disdukcapil", 2024, 3, 3,
                           "Judul di atas header, kolom A kosong, baris kosong, header KAPITAL dengan (Rp.), "
                           "unit ditulis singkatan.")])


def _untidy_text_values() -> tuple[list[tuple[str, Grid]], list[UntidyExample]]:
    """Dates, money, yes/no and choices typed as free text in the ways the contract accepts."""
    nip1, nip2 = "197608111999031003", "198511032010012017"
    camat, sekcam = "Drs. Mashudi Anwar, M.Si.", "Lilik Handayani, S.STP."
    inovasi = [
        _headers(_ALL_INOVASI),
        [1, "PATEN Keliling", "penerapan", "non-digital", "pelayanan publik", "OPD", "Dukcapil; PMD", nip1, camat,
         "15 Maret 2023", "2 Januari 2024", "Kec. Jati; Kota", "SK Kepala Perangkat Daerah", "400.7/051/2023",
         "Rp 1.500.000", "Rp1.500.000,00", "-", "Y", 1, 420, "SKM", "berlanjut", None, None],
        [2, "Camat Menyapa Warga", "UJI COBA", "Nondigital", "Tata Kelola", "Kepala Daerah", "Trantibum", None,
         "Bupati Kudus", "01-02-2024", None, "semua kecamatan", "tidak ada", None, "1,5 juta", None, None, "tidak",
         0, 150, "internal", "Aktif", None, None],
        [3, "Sambang Desa", "Inisiatif", "Digital", "Pelayanan Publik", "Masyarakat", "Sosial, Kesehatan", None,
         "Karang Taruna Desa Jetiskapuan", None, None, "Jati", None, None, "Rp 250.000", None, None, "✓", None,
         None, None, "aktif", None, "Usulan musrenbang kecamatan"],
        [4, "Pojok Pengaduan Warga", "Penerapan", "Non Digital", "Pelayanan Publik", "ASN", "Kominfo",
         f"{nip1};{nip2}", f"{camat}; {sekcam}", "31 Des 2022", "Maret 2023", "Jati", "SK Kepala Daerah",
         "100.3.3.2/77/2023", "1.500.000", "2.000.000", "0", True, 2, 980, "Survei Kepuasan", "vakum", None,
         "Vakum sejak petugas dimutasi"],
    ]
    pejabat = [_headers(_ALL_PEJABAT, columns=c.PEJABAT_COLUMNS),
               [nip1, camat, "Camat Jati", "Administrator", 12, "Rp 7.000.000"],
               [nip2, sekcam, "Sekretaris Kecamatan", "Administrator", 11, "Rp 5.600.000,00"],
               ["198902142014022001", "Erna Wulandari, S.IP.", "Kepala Seksi Pelayanan Umum", "Pengawas", 9, None]]
    profil = [["Nama Unit", "Kec. Jati"], ["Tahun", 2024], ["Nama Operator", sekcam], ["NIP Operator", nip2],
              ["Telepon", "0291-431245"]]
    file = "02_tanggal_uang_teks.xlsx"
    return ([(c.SHEET_PROFIL, profil), (c.SHEET_INOVASI, inovasi), (c.SHEET_PEJABAT, pejabat)],
            [UntidyExample(file, "Kecamatan Jati", "kec.jati", 2024, 4, 3,
                           "Tanggal teks Indonesia, uang 'Rp 1.500.000' dan '1,5 juta', Ya/Tidak beragam, "
                           "'Kec. Jati; Kota', pilihan huruf kecil dan singkatan urusan; satu tanggal tak lengkap "
                           "('Maret 2023') hanya peringatan.")])


def _untidy_consolidated() -> tuple[list[tuple[str, Grid]], list[UntidyExample]]:
    """One file for several units and years: Nama Unit and Tahun columns, no Profil sheet."""
    keys = "nama_unit tahun " + _ALL_INOVASI.replace("no ", "", 1)
    blank = [None] * 13

    def row(unit: str, tahun: int, nama: str, tahapan: str, uji: dt.date | None, terap: dt.date | None) -> list:
        return [unit, tahun, nama, tahapan, "Non Digital", "Pelayanan Publik", "ASN", "Kesehatan", None, None,
                uji, terap, None, *blank[:9], "Aktif", None, None]
    inovasi = [
        _headers(keys),
        row("PKM Jati", 2024, "Kelas Ibu Hamil Risiko Tinggi", "Penerapan", dt.date(2022, 6, 1), dt.date(2023, 1, 9)),
        row("Puskesmas Jati", 2024, "Posyandu Lansia Keliling", "Uji Coba", dt.date(2024, 5, 20), None),
        row("UPTD Puskesmas Ngembal Kulon", 2024, "Pojok Gizi Balita", "Penerapan", dt.date(2023, 2, 1),
            dt.date(2023, 9, 4)),
        row("UPTD Puskesmas Ngembal Kulon", 2024, "Sahabat TBC", "Inisiatif", None, None),
        row("Labkesda", 2024, "Layanan Antar Hasil Laboratorium", "Uji Coba", dt.date(2024, 3, 11), None),
        row("UPTD Puskesmas Jati", 2023, "Kelas Ibu Hamil Risiko Tinggi", "Penerapan", dt.date(2022, 6, 1),
            dt.date(2023, 1, 9)),
    ]
    file = "03_konsolidasi.xlsx"
    return ([(c.SHEET_INOVASI, inovasi)], [
        UntidyExample(file, "UPTD Puskesmas Jati", "uptd.pkm-jati", 2024, 2, 0, "Konsolidasi tanpa lembar Profil."),
        UntidyExample(file, "UPTD Puskesmas Ngembal Kulon", "uptd.pkm-ngembal-kulon", 2024, 2, 0, ""),
        UntidyExample(file, "UPTD Laboratorium Kesehatan", "uptd.labkes", 2024, 1, 0, ""),
        UntidyExample(file, "UPTD Puskesmas Jati", "uptd.pkm-jati", 2023, 1, 0, ""),
    ])


def _untidy_english() -> tuple[list[tuple[str, Grid]], list[UntidyExample]]:
    """English sheet names, headers and choice values (the contract accepts them too)."""
    nip1, nip2 = "197204091997031006", "198607192011012008"
    inovasi = [
        _headers(_ALL_INOVASI, style="english"),
        [1, "SIPRAJA (Sistem Informasi Perencanaan Pembangunan Daerah)", "implementation", "Digital",
         "governance", "civil servant", "Perencanaan", nip1, "Joko Prasetyo, S.T., M.T.", "2021-03-01",
         "2021-10-04", "whole regency", "perbup", "Nomor 41 Tahun 2021", 120_000_000, 110_000_000, 95_000_000,
         "Yes", 4, 2_100, "external", "active", "https://inovasi.kuduskab.go.id/bappeda/sipraja", None],
        [2, "Rumah Inovasi Daerah Kudus", "trial", "non digital", "other", "regent", "Litbang; Perencanaan", nip2,
         "Rina Astuti, S.E., M.M.", "2025-02-17", None, "Kota; Bae", "none", None, 40_000_000, None, None, "No",
         0, 75, "internal", "active", None, None],
    ]
    pejabat = [_headers(_ALL_PEJABAT, style="english", columns=c.PEJABAT_COLUMNS),
               [nip1, "Joko Prasetyo, S.T., M.T.", "Kepala Bidang Infrastruktur dan Kewilayahan", "Administrator",
                11, 5_880_000],
               [nip2, "Rina Astuti, S.E., M.M.", "Kepala Bidang Penelitian dan Pengembangan", "Administrator", 11,
                5_880_000]]
    profil = [["Unit name", "Bappeda"], ["Unit type", "OPD"], ["Year", 2025], ["Operator name", "Rina Astuti"]]
    file = "04_bahasa_inggris.xlsx"
    return ([("Profile", profil), ("Innovations", inovasi), ("Officials", pejabat)],
            [UntidyExample(file, "Badan Perencanaan Pembangunan Daerah", "opd.bappeda", 2025, 2, 2,
                           "Nama lembar, judul kolom dan pilihan dalam bahasa Inggris.")])


def _untidy_snake_case() -> tuple[list[tuple[str, Grid]], list[UntidyExample]]:
    """snake_case headers, Excel serial dates, no Lokasi Kecamatan column (a Kecamatan defaults to itself)."""
    keys = ("nama_inovasi tahapan jenis bentuk inisiator urusan nip_penggagas tanggal_uji_coba tanggal_penerapan "
            "anggaran_tahun_berjalan ada_sop status")
    nip = "197905252005011009"
    inovasi = [
        _headers(keys, style="snake"),
        ["Kecamatan Undaan Tanggap", "Penerapan", "Non Digital", "Pelayanan Publik", "OPD", "PMD", nip,
         45292, 45474, "Rp 12.500.000", "ada", "Aktif"],
        ["Ngopi Bareng Camat", "Uji Coba", "Non Digital", "Tata Kelola Pemerintahan Daerah", "ASN", "Trantibum",
         nip, 45689, None, "-", "tidak ada", "Aktif"],
    ]
    pejabat = [_headers("nip nama jabatan", style="snake", columns=c.PEJABAT_COLUMNS),
               [nip, "Sugeng Riyadi, S.Sos., M.M.", "Camat Undaan"],
               ["198804102012022003", "Umi Kusumawati, S.E.", "Kepala Subbagian Umum dan Kepegawaian"]]
    profil = [["nama unit", "Kecamatan Undaan"], ["tahun", 2025]]
    file = "05_snake_case_tanpa_lokasi.xlsx"
    return ([("profil", profil), ("inovasi", inovasi), ("pejabat", pejabat)],
            [UntidyExample(file, "Kecamatan Undaan", "kec.undaan", 2025, 2, 2,
                           "Judul snake_case, tanggal berupa nomor seri Excel, tanpa kolom Lokasi Kecamatan.")])


def write_untidy_workbooks(folder: str | Path) -> list[UntidyExample]:
    """Write the untidy-but-valid examples and their manifest.csv (one row per unit-year report)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    examples: list[UntidyExample] = []
    for build in (_untidy_titles, _untidy_text_values, _untidy_consolidated, _untidy_english, _untidy_snake_case):
        sheets, expected = build()
        _write_grid_workbook(folder / expected[0].file, sheets)
        examples.extend(expected)
    _write_manifest(folder / "manifest.csv", UNTIDY_MANIFEST_FIELDS, [asdict(e) for e in examples])
    return examples


def read_untidy_manifest(folder: str | Path = SAMPLE_DATA / "contoh-rapi-tidak") -> list[UntidyExample]:
    with (Path(folder) / "manifest.csv").open(encoding="utf-8") as handle:
        return [UntidyExample(**{**r, "tahun": int(r["tahun"]), "inovasi": int(r["inovasi"]),
                                 "pejabat": int(r["pejabat"])}) for r in csv.DictReader(handle)]
