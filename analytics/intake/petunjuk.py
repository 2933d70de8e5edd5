"""The Petunjuk sheet's text: how to fill in the workbook, in Bahasa Indonesia (and English).

Built from the contract (required columns, vocabularies, kecamatan, years), so the instructions
never drift from what the validator accepts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from analytics.intake import contract as c

# The Inovasi columns of a one-unit workbook: Nama Unit and Tahun live on the Profil sheet.
TEMPLATE_INOVASI_COLUMNS: tuple[c.Column, ...] = tuple(
    col for col in c.INOVASI_COLUMNS if col.key not in ("nama_unit", "tahun") and col.in_template
)


def max_year() -> int:
    """The latest acceptable reporting year: next year, as the contract says."""
    return dt.date.today().year + 1


def petunjuk_lines(lang: str = "id") -> list[tuple[str, str]]:
    """The instructions as (style, text) lines; built from the contract so they never drift."""
    return _petunjuk_en() if lang == "en" else _petunjuk_id()


def _required_labels(columns: Sequence[c.Column]) -> str:
    return ", ".join(col.label for col in columns if col.required)


def _choice_lines() -> list[tuple[str, str]]:
    lines = []
    for col in (*TEMPLATE_INOVASI_COLUMNS, *c.PEJABAT_COLUMNS):
        if col.vocabulary and col.key != "urusan":
            lines.append(("body", f"• {col.label}: {', '.join(c.VOCABULARIES[col.vocabulary])}."))
    return lines


def _petunjuk_id() -> list[tuple[str, str]]:
    kecamatan = ", ".join(k.nama for k in c.KECAMATAN)
    return [
        ("title", "Petunjuk Pengisian Format Data Inovasi Daerah Kabupaten Kudus"),
        ("body", "Satu buku kerja untuk satu unit (OPD, Kecamatan, BUMD atau UPTD) dan satu tahun "
                 "laporan. Jangan mengubah nama lembar maupun judul kolom."),
        ("body", ""),
        ("heading", "Isi buku kerja"),
        ("body", "• Petunjuk: lembar ini."),
        ("body", "• Profil: unit pelapor, tahun laporan dan kontak operator (label di kolom A, isian di kolom B)."),
        ("body", "• Inovasi: satu baris untuk satu inovasi, mulai baris 2."),
        ("body", "• Pejabat: satu baris untuk satu pejabat/pegawai unit (untuk 'satu pejabat satu inovasi' dan TPP)."),
        ("body", "• Referensi: daftar pilihan untuk menu tarik-turun; tidak perlu diubah."),
        ("body", ""),
        ("heading", "Langkah pengisian"),
        ("body", "1. Lembar Profil: isi Nama Unit persis seperti daftar unit (lembar Referensi) dan "
                 f"Tahun laporan ({c.MIN_YEAR}–{max_year()}). Nama dan NIP operator, telepon dan email boleh diisi."),
        ("body", "2. Lembar Inovasi: isi satu baris per inovasi. Kolom berjudul jingga wajib diisi: "
                 f"{_required_labels(TEMPLATE_INOVASI_COLUMNS)}."),
        ("body", "3. Arahkan kursor ke judul kolom untuk membaca catatannya; pilih isian dari menu tarik-turun "
                 "bila ada."),
        ("body", "4. Lembar Pejabat: isi semua pejabat unit. Kolom wajib: "
                 f"{_required_labels(c.PEJABAT_COLUMNS)}."),
        ("body", "5. Simpan sebagai Buku Kerja Excel (.xlsx) tanpa kata sandi dan tanpa makro, lalu unggah di dasbor."),
        ("body", ""),
        ("heading", "Pilihan yang diterima"),
        *_choice_lines(),
        ("body", "• Urusan Pemerintahan: satu atau lebih urusan dari daftar di lembar Referensi, dipisah "
                 "titik koma (;), mis. Kesehatan; Sosial."),
        ("body", f"• Lokasi Kecamatan: {kecamatan}; lebih dari satu dipisah titik koma (;), atau "
                 f"'{c.SELURUH_KABUPATEN}'. Bila kosong: kecamatan unit itu sendiri (untuk Kecamatan) "
                 f"atau {c.SELURUH_KABUPATEN} (untuk unit lain)."),
        ("body", "• Ada SOP: Ya atau Tidak."),
        ("body", ""),
        ("heading", "Bentuk isian"),
        ("body", "• Tanggal: hari/bulan/tahun, mis. 31/12/2023. Kolom tanggal sudah berformat tanggal."),
        ("body", "• Uang (Rp): angka tanpa 'Rp' dan tanpa titik, mis. 1500000 (tampil 1.500.000). "
                 "Kosongkan bila tanpa anggaran."),
        ("body", "• NIP: tepat 18 digit dan harus berupa TEKS. Kolom NIP sudah berformat Teks; bila menempel "
                 "dari aplikasi lain, gunakan Tempel Nilai (Paste Values) atau awali NIP dengan tanda petik ('). "
                 "NIP yang tersimpan sebagai angka kehilangan digit terakhirnya dan akan ditolak."),
        ("body", "• Jumlah Replikasi dan Jumlah Penerima Manfaat: bilangan bulat ≥ 0. Kelas Jabatan: 1–17."),
        ("body", "• Beberapa nilai dalam satu sel (urusan, kecamatan, NIP penggagas) dipisah titik koma (;)."),
        ("body", ""),
        ("heading", "Aturan tahapan dan nama"),
        ("body", "• Tahapan Uji Coba: Tanggal Uji Coba wajib. Tahapan Penerapan: Tanggal Uji Coba dan Tanggal "
                 "Penerapan wajib, dan Tanggal Penerapan tidak boleh sebelum Tanggal Uji Coba."),
        ("body", "• Nama inovasi tidak boleh kembar dalam satu unit dan satu tahun. Inovasi lanjutan dari tahun "
                 "lalu ditulis dengan nama yang sama agar keberlanjutannya terbaca."),
        ("body", "• Inovasi yang berhenti tetap dilaporkan dengan Status 'Tidak Aktif'."),
        ("body", ""),
        ("heading", "Satu instansi satu inovasi, satu pejabat satu inovasi"),
        ("body", "• Setiap unit diharapkan memiliki paling sedikit satu inovasi aktif setiap tahun."),
        ("body", "• Setiap pejabat dianjurkan menjadi penggagas paling sedikit satu inovasi: tulis NIP penggagas "
                 "di kolom NIP Penggagas, dan pastikan NIP itu tercantum di lembar Pejabat."),
        ("body", ""),
        ("body", "Setiap masalah pada berkas yang diunggah dilaporkan lengkap dengan lembar, baris dan kolomnya. "
                 "Berkas yang masih memuat kesalahan tidak disimpan sama sekali; perbaiki lalu unggah lagi."),
    ]


def _petunjuk_en() -> list[tuple[str, str]]:
    return [
        ("title", "How to fill in the Kabupaten Kudus innovation workbook"),
        ("body", "One workbook per unit (OPD, Kecamatan, BUMD or UPTD) and reporting year. Do not rename "
                 "sheets or column headers; they stay in Bahasa Indonesia."),
        ("body", ""),
        ("heading", "Steps"),
        ("body", "1. Profil: the unit's name exactly as in the unit list (Referensi sheet) and the reporting "
                 f"year ({c.MIN_YEAR}–{max_year()})."),
        ("body", "2. Inovasi: one row per innovation. Orange headers are required: "
                 f"{_required_labels(TEMPLATE_INOVASI_COLUMNS)}."),
        ("body", "3. Pejabat: every official of the unit. Required: "
                 f"{_required_labels(c.PEJABAT_COLUMNS)}."),
        ("body", "4. Save as an Excel Workbook (.xlsx), without password or macros, and upload it."),
        ("body", ""),
        ("heading", "Accepted values"),
        *_choice_lines(),
        ("body", "• Urusan Pemerintahan and Lokasi Kecamatan: one or more values from the Referensi sheet, "
                 f"separated by ';', or '{c.SELURUH_KABUPATEN}' for the whole regency."),
        ("body", ""),
        ("heading", "Forms"),
        ("body", "• Dates day first, e.g. 31/12/2023. Money in Rupiah as a plain number, e.g. 1500000."),
        ("body", "• NIP: exactly 18 digits stored as TEXT (the NIP columns are text-formatted); a NIP stored "
                 "as a number has lost its last digits and is refused."),
        ("body", "• Uji Coba needs Tanggal Uji Coba; Penerapan needs both dates, implementation not before "
                 "the trial. Innovation names are unique within the unit and year."),
        ("body", "• One agency one innovation, one official one innovation: put the initiating officials' "
                 "NIPs in NIP Penggagas and list them on the Pejabat sheet."),
    ]
