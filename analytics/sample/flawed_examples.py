"""Flawed examples: one mistake each, and the issue the validator must raise for it."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from analytics.intake import contract as c
from analytics.sample.report import GeneratedWorkbook
from analytics.sample.settings import SAMPLE_DATA
from analytics.sample.urusan import P3A, PMD


@dataclass(frozen=True)
class FlawedExample:
    """A workbook that is valid except for one mistake, and where that mistake must be reported."""

    file: str
    severity: str
    code: str
    sheet: str = ""
    row: int | None = None  # the Excel row number
    column: str = ""  # the contract's Indonesian label
    keterangan: str = ""


FLAWED_MANIFEST_FIELDS = ("file", "severity", "code", "sheet", "row", "column", "keterangan")
_NIP = {  # four officials of the base example; only the first two are penggagas
    "kepala": "197503142000031002", "kabid": "198108222006042011",
    "kasubbag": "198904172014031003", "pelaksana": "199212052019032009",
}


def base_example() -> GeneratedWorkbook:
    """Dinas Kesehatan 2024, four innovations and four officials, written out by hand.

    Every flawed example starts from this valid report, so each file carries exactly one mistake
    at a row we know: row 2 is a Penerapan, 3 an Uji Coba, 4 an Inisiatif, 5 an inactive Penerapan.
    """
    kepala, kabid = "dr. Hendra Setiawan, M.Kes.", "Sri Wahyuni, S.KM., M.Kes."
    common = {"jenis": "Non Digital", "bentuk": "Pelayanan Publik", "urusan": ["Kesehatan"], "status": "Aktif"}
    inovasi = [
        {**common, "no": 1, "nama_inovasi": "SIPANDU (Sistem Informasi Posyandu Terpadu)", "tahapan": "Penerapan",
         "jenis": "Digital", "inisiator": "OPD", "nip_penggagas": [_NIP["kepala"]], "nama_penggagas": kepala,
         "tanggal_uji_coba": dt.date(2022, 3, 1), "tanggal_penerapan": dt.date(2022, 9, 1),
         "lokasi_kecamatan": c.SELURUH_KABUPATEN, "dasar_hukum": "Peraturan Kepala Daerah",
         "nomor_dasar_hukum": "Nomor 17 Tahun 2022", "anggaran_tahun_berjalan": 150_000_000.0,
         "anggaran_tahun_lalu": 125_000_000.0, "anggaran_dua_tahun_lalu": 90_000_000.0, "ada_sop": True,
         "jumlah_replikasi": 2, "jumlah_penerima_manfaat": 12_500, "monev": "Survei Kepuasan",
         "tautan_bukti": "https://inovasi.kuduskab.go.id/dinkes/sipandu"},
        {**common, "no": 2, "nama_inovasi": "Gerakan Peduli Stunting", "tahapan": "Uji Coba",
         "inisiator": "Kepala Daerah", "urusan": ["Kesehatan", PMD], "nip_penggagas": [_NIP["kabid"]],
         "nama_penggagas": kabid, "tanggal_uji_coba": dt.date(2024, 2, 12), "lokasi_kecamatan": ["Jati", "Undaan"],
         "dasar_hukum": "SK Kepala Daerah", "nomor_dasar_hukum": "100.3.3.2/118/2024",
         "anggaran_tahun_berjalan": 75_000_000.0, "ada_sop": False, "jumlah_replikasi": 0,
         "jumlah_penerima_manfaat": 840, "monev": "Internal"},
        {**common, "no": 3, "nama_inovasi": "Layanan Imunisasi Keliling", "tahapan": "Inisiatif", "inisiator": "ASN",
         "nip_penggagas": [_NIP["kepala"], _NIP["kabid"]], "nama_penggagas": f"{kepala}; {kabid}",
         "lokasi_kecamatan": ["Kaliwungu", "Gebog", "Dawe"], "dasar_hukum": "Tidak Ada", "monev": "Tidak Ada"},
        {**common, "no": 4, "nama_inovasi": "Pojok Laktasi Kantor", "tahapan": "Penerapan",
         "bentuk": "Tata Kelola Pemerintahan Daerah", "inisiator": "ASN", "urusan": ["Kesehatan", P3A],
         "nama_penggagas": "Tim Kesehatan Keluarga", "tanggal_uji_coba": dt.date(2021, 5, 3),
         "tanggal_penerapan": dt.date(2021, 11, 15), "lokasi_kecamatan": c.SELURUH_KABUPATEN,
         "dasar_hukum": "SK Kepala Perangkat Daerah", "nomor_dasar_hukum": "440/0215/2021",
         "anggaran_dua_tahun_lalu": 5_000_000.0, "ada_sop": True, "jumlah_replikasi": 0,
         "jumlah_penerima_manfaat": 120, "monev": "Internal", "status": "Tidak Aktif",
         "keterangan": "Vakum karena keterbatasan anggaran"},
    ]
    pejabat = [
        {"nip": _NIP["kepala"], "nama": kepala, "jabatan": "Kepala Dinas Kesehatan", "jenis_jabatan": "JPT Pratama",
         "kelas_jabatan": 14, "tpp_dasar": 11_270_000.0},
        {"nip": _NIP["kabid"], "nama": kabid, "jabatan": "Kepala Bidang Kesehatan Masyarakat",
         "jenis_jabatan": "Administrator", "kelas_jabatan": 11, "tpp_dasar": 5_740_000.0},
        {"nip": _NIP["kasubbag"], "nama": "Arif Nugroho, S.E.", "jabatan": "Kepala Subbagian Umum dan Kepegawaian",
         "jenis_jabatan": "Pengawas", "kelas_jabatan": 9, "tpp_dasar": 3_890_000.0},
        {"nip": _NIP["pelaksana"], "nama": "Nurul Khasanah", "jabatan": "Pengadministrasi Perkantoran",
         "jenis_jabatan": "Pelaksana", "kelas_jabatan": 5, "tpp_dasar": 2_310_000.0},
    ]
    profil = {"nama_unit": "Dinas Kesehatan", "jenis_unit": "OPD", "tahun": 2024, "nama_operator": "Nurul Khasanah",
              "nip_operator": _NIP["pelaksana"], "telepon": "0291-438012", "email": "inovasi.dinkes@kuduskab.go.id"}
    return GeneratedWorkbook("opd.dinkes", "Dinas Kesehatan", "OPD", 2024, profil, inovasi, pejabat)


def _with_cell(sheet: str, index: int, key: str, value: Any) -> Any:
    """A mutation that sets one cell of the base example (index 0 = Excel row 2)."""
    def mutate(workbook: GeneratedWorkbook) -> None:
        if sheet == c.SHEET_PROFIL:
            workbook.profil[key] = value
        else:
            rows = workbook.inovasi if sheet == c.SHEET_INOVASI else workbook.pejabat
            rows[index][key] = value
    return mutate


def _label(key: str) -> str:
    labels = {col.key: col.label for col in (*c.INOVASI_COLUMNS, *c.PEJABAT_COLUMNS)}
    return labels[key]


def _cell_flaw(file: str, code: str, sheet: str, index: int, key: str, value: Any,
               keterangan: str) -> tuple[FlawedExample, Any]:
    """A one-cell mistake and the issue it must raise at that cell."""
    profil_rows = {col.key: row for row, col in enumerate(c.PROFIL_FIELDS, start=1)}
    row = profil_rows[key] if sheet == c.SHEET_PROFIL else index + 2
    column = next(col.label for col in c.PROFIL_FIELDS if col.key == key) if sheet == c.SHEET_PROFIL else _label(key)
    return FlawedExample(file, "error", code, sheet, row, column, keterangan), _with_cell(sheet, index, key, value)


def _as_excel_number(digits: str) -> float:
    """What Excel keeps of a long number typed into a General cell: 15 significant digits."""
    return float(f"{float(digits):.14e}")


def _cell_flaws() -> list[tuple[FlawedExample, Any]]:
    inov, prof, pej = c.SHEET_INOVASI, c.SHEET_PROFIL, c.SHEET_PEJABAT
    flaws = [
        _cell_flaw("01_tahapan_salah_ketik.xlsx", "cell.choice", inov, 0, "tahapan", "Penerapn",
                   "Tahapan salah ketik 'Penerapn'."),
        _cell_flaw("02_unit_tidak_dikenal.xlsx", "unit.unknown", prof, 0, "nama_unit", "Dinas Kesehatn Kab. Kudus",
                   "Nama unit salah ketik (Kesehatn), tidak terbaca aturan baku."),
        _cell_flaw("03_nip_sebagai_angka.xlsx", "cell.nip_number", pej, 2, "nip", _as_excel_number(_NIP["kasubbag"]),
                   "NIP diketik sebagai angka; Excel memotong digit terakhirnya."),
        _cell_flaw("04_nip_17_digit.xlsx", "cell.nip_format", pej, 3, "nip", _NIP["pelaksana"][:17],
                   "NIP hanya 17 digit."),
        _cell_flaw("05_nama_inovasi_kembar.xlsx", "cell.duplicate_name", inov, 1, "nama_inovasi",
                   "sipandu (SISTEM INFORMASI posyandu terpadu)", "Nama inovasi baris 3 sama dengan baris 2."),
        _cell_flaw("06_penerapan_sebelum_uji_coba.xlsx", "cell.date_order", inov, 0, "tanggal_penerapan",
                   dt.date(2021, 12, 1), "Tanggal Penerapan lebih awal dari Tanggal Uji Coba."),
        _cell_flaw("07_tanggal_penerapan_kosong.xlsx", "cell.date_required_for_stage", inov, 0, "tanggal_penerapan",
                   None, "Tahapan Penerapan tanpa Tanggal Penerapan."),
        _cell_flaw("08_tanggal_tak_terbaca.xlsx", "cell.date", inov, 2, "tanggal_uji_coba", "31/31/2023",
                   "Tanggal Uji Coba tidak dapat dibaca."),
        _cell_flaw("09_anggaran_bukan_angka.xlsx", "cell.money", inov, 0, "anggaran_tahun_berjalan", "Rp 1.5OO.OOO",
                   "Anggaran ditulis dengan huruf O, bukan angka nol."),
        _cell_flaw("10_anggaran_negatif.xlsx", "cell.negative", inov, 0, "anggaran_tahun_lalu", -5_000_000.0,
                   "Anggaran tahun lalu negatif."),
        _cell_flaw("11_kecamatan_salah.xlsx", "cell.kecamatan", inov, 1, "lokasi_kecamatan", "Kec. Juwana",
                   "Juwana adalah kecamatan di Kabupaten Pati, bukan Kudus."),
        _cell_flaw("12_tautan_tidak_sah.xlsx", "cell.url", inov, 0, "tautan_bukti", "IG @dinkeskudus",
                   "Tautan bukti bukan alamat http(s)."),
        _cell_flaw("13_tahun_di_luar_rentang.xlsx", "year.invalid", prof, 0, "tahun", 2012,
                   "Tahun laporan sebelum 2015."),
        _cell_flaw("16_sel_wajib_kosong.xlsx", "cell.required", inov, 2, "inisiator", None,
                   "Inisiator (wajib) dikosongkan."),
    ]
    return flaws


def write_flawed_workbooks(folder: str | Path) -> list[FlawedExample]:
    """Write one file per kind of mistake, plus manifest.csv listing the issue each must raise."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    base_bytes = base_example().to_bytes()
    examples = []
    for example, mutate in _cell_flaws():
        workbook = base_example()
        mutate(workbook)
        workbook.write(folder / example.file)
        examples.append(example)
    for example, make in _file_flaws():
        (folder / example.file).write_bytes(make(base_bytes))
        examples.append(example)
    examples.sort(key=lambda e: e.file)
    _write_manifest(folder / "manifest.csv", FLAWED_MANIFEST_FIELDS, [asdict(e) for e in examples])
    return examples


def _write_manifest(path: Path, fields: Sequence[str], rows: Iterable[dict[str, Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(fields), lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: ("" if row.get(k) is None else row[k]) for k in fields})


def read_flawed_manifest(folder: str | Path = SAMPLE_DATA / "contoh-salah") -> list[FlawedExample]:
    with (Path(folder) / "manifest.csv").open(encoding="utf-8") as handle:
        return [FlawedExample(**{**r, "row": int(r["row"]) if r["row"] else None}) for r in csv.DictReader(handle)]


# ---- whole-file mistakes: edits of the base example's bytes --------------------------------
def _file_flaws() -> list[tuple[FlawedExample, Any]]:
    def ex(file: str, code: str, sheet: str = "", column: str = "", keterangan: str = "") -> FlawedExample:
        return FlawedExample(file, "error", code, sheet, None, column, keterangan)
    return [
        (ex("14_kolom_status_hilang.xlsx", "header.missing", c.SHEET_INOVASI, "Status",
            "Kolom wajib Status dihapus dari lembar Inovasi."), _drop_status_column),
        (ex("15_lembar_inovasi_hilang.xlsx", "sheet.missing", c.SHEET_INOVASI,
            keterangan="Lembar Inovasi dihapus."), _drop_inovasi_sheet),
        (ex("17_bukan_excel.xlsx", "file.not_xlsx", keterangan="Berkas teks (CSV) yang diberi nama .xlsx."),
         _text_file),
        (ex("18_berkas_terpotong.xlsx", "file.damaged", keterangan="Unduhan terputus: hanya separuh berkas."),
         lambda data: data[: len(data) // 2]),
        (ex("19_berkas_bersandi.xlsx", "file.encrypted", keterangan="Dilindungi kata sandi 'kudus2024'."),
         _encrypted),
        (ex("20_bom_zip.xlsx", "file.zip_bomb",
            keterangan=f"Anggota zip (bzip2) yang mengembang menjadi {ZIP_BOMB_BYTES // 2**20} MB."), _zip_bomb),
        (ex("21_berisi_makro.xlsm", "file.macros", keterangan="Buku kerja dengan xl/vbaProject.bin (makro)."),
         _with_macros),
    ]


def _rewrite_zip(data: bytes, edit: Any) -> bytes:
    """Copy an xlsx member by member, letting `edit(name, content)` change, drop (None) or keep it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = edit(info.filename, source.read(info))
            if content is not None:
                target.writestr(zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0)), content,
                                compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _drop_status_column(data: bytes) -> bytes:
    """Delete the Status column in Excel's way (cells shift left), via openpyxl."""
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook[c.SHEET_INOVASI]
    index = [cell.value for cell in sheet[1]].index("Status") + 1
    sheet.delete_cols(index)
    sheet.data_validations.dataValidation = []  # the drop-downs no longer line up with the columns
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _drop_inovasi_sheet(data: bytes) -> bytes:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data))
    del workbook[c.SHEET_INOVASI]
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _text_file(_: bytes) -> bytes:
    rows = ["Nama Inovasi;Tahapan;Jenis;Status", "SIPANDU;Penerapan;Digital;Aktif",
            "Gerakan Peduli Stunting;Uji Coba;Non Digital;Aktif"]
    return ("\n".join(rows) + "\n").encode("utf-8")


def _encrypted(data: bytes) -> bytes:
    """Password-protect the workbook the way Excel does (ECMA-376 agile encryption)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt("kudus2024", out)
    return out.getvalue()


ZIP_BOMB_BYTES = 600 * 2**20


def _zip_bomb(data: bytes) -> bytes:
    """The valid workbook plus one member of zeros that declares and expands to ZIP_BOMB_BYTES.

    bzip2 (a zip method Python and many readers support) packs 600 MB of zeros into under a
    kilobyte; deflate would need ~600 KB.  The member is not referenced by the workbook, so only
    a reader that checks sizes before unzipping notices it; one that does not is exactly what
    this example exists to catch.
    """
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a") as archive:
        info = zipfile.ZipInfo("xl/media/image1.png", date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_BZIP2
        chunk = bytes(16 * 2**20)
        with archive.open(info, "w", force_zip64=True) as member:
            for _ in range(ZIP_BOMB_BYTES // len(chunk)):
                member.write(chunk)
    return out.getvalue()


_VBA_RELATIONSHIP = ('<Relationship Id="rIdVba1" Type="http://schemas.microsoft.com/office/2006/'
                     'relationships/vbaProject" Target="vbaProject.bin"/>')
# An OLE compound-file signature followed by padding: looks like a VBA project, runs nothing.
_FAKE_VBA_PROJECT = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)


def _with_macros(data: bytes) -> bytes:
    """Turn the workbook into a macro-enabled one: content type, relationship, vbaProject.bin."""
    def edit(name: str, content: bytes) -> bytes:
        if name == "[Content_Types].xml":
            text = content.decode().replace("sheet.main+xml", "sheet.macroEnabled.main+xml").replace(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.macroEnabled.main+xml",
                "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
            return text.replace("<Default ", '<Default Extension="bin" ContentType="application/'
                                             'vnd.ms-office.vbaProject"/><Default ', 1).encode()
        if name == "xl/_rels/workbook.xml.rels":
            return content.decode().replace("</Relationships>", _VBA_RELATIONSHIP + "</Relationships>").encode()
        return content
    rewritten = _rewrite_zip(data, edit)
    out = io.BytesIO(rewritten)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("xl/vbaProject.bin", date_time=(1980, 1, 1, 0, 0, 0)), _FAKE_VBA_PROJECT)
    return out.getvalue()
