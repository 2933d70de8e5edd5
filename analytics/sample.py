"""Deterministic sample data: the unit reports of Kabupaten Kudus as they could have arrived.

Why a simulation rather than independent random rows: the dashboard's most interesting figures are
about time (do innovations last, do they mature from Inisiatif to Penerapan, does every unit keep
reporting).  So each unit's innovations and officials evolve year by year from BASE_YEAR with
their own seeded stream; the report of any year is a snapshot of that history.  Asking for 2025
alone or for 2023–2025 together gives the same 2025, and 2025 continues 2024.

Also here: a bulk generator for benchmarks, the flawed examples (one mistake each, with the issue
the validator must raise) and the untidy-but-valid examples (what real people send).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from random import Random
from typing import Any

import pandas as pd

from analytics import contract as c
from analytics import template
from analytics.units import UNITS_CSV, read_units_csv

SAMPLE_DATA = UNITS_CSV.parent
BASE_YEAR = c.MIN_YEAR  # every unit's history starts here, whatever year is asked for
DEFAULT_SEED = 2025
SKIP_YEAR_RATE = 0.04  # a unit that sends nothing at all in a year
# Late starters: four small units with no innovation in any sample year, two from 2025, two from 2024.
LATE_STARTS = (2099, 2099, 2099, 2099, 2025, 2025, 2024, 2024)
BULK_YEARS = tuple(range(2015, 2027))


def read_units(path: str | Path = UNITS_CSV) -> pd.DataFrame:
    """The unit master list (docs/frames.md): the one reader in analytics.units, re-exported here."""
    return read_units_csv(Path(path))


# ============================================================================================
# Words: names, titles, positions, topics
# ============================================================================================
NAMA_DEPAN_PRIA = (
    "Agus", "Budi", "Bambang", "Joko", "Slamet", "Heru", "Hadi", "Eko", "Teguh", "Arif", "Ahmad",
    "Muhammad", "Rudi", "Wahyu", "Yusuf", "Imam", "Hendra", "Dedy", "Fajar", "Rizki", "Ilham",
    "Sugeng", "Sunarto", "Supriyanto", "Widodo", "Sholikhin", "Khoirul", "Mustofa", "Abdul",
    "Saiful", "Fathur", "Andi", "Dimas", "Galih", "Bayu", "Aris", "Catur", "Sigit", "Mashudi",
)
NAMA_DEPAN_WANITA = (
    "Sri", "Siti", "Endang", "Rina", "Dewi", "Yuni", "Ani", "Lilik", "Retno", "Wulan", "Fitri",
    "Anis", "Nanik", "Umi", "Lusi", "Ratna", "Indah", "Ayu", "Putri", "Nurul", "Eni", "Kartika",
    "Mega", "Novita", "Diah", "Laila", "Rini", "Yulia", "Erna", "Ika", "Hesti", "Titik",
)
NAMA_TENGAH = ("Nur", "Dwi", "Tri", "Eka", "Ari", "Budi", "Sri")
NAMA_BELAKANG_PRIA = (
    "Setiawan", "Santoso", "Prasetyo", "Wibowo", "Kurniawan", "Hidayat", "Susanto", "Purnomo",
    "Nugroho", "Saputra", "Rahman", "Hakim", "Fauzi", "Hartono", "Mulyono", "Riyadi",
    "Firmansyah", "Syaifuddin", "Anwar", "Kholid", "Hariyanto", "Subekti", "Sulistyo", "Ma'ruf",
)
NAMA_BELAKANG_WANITA = (
    "Wahyuni", "Lestari", "Rahayu", "Handayani", "Susanti", "Purwanti", "Mulyani", "Astuti",
    "Kusumawati", "Fatimah", "Khasanah", "Aminah", "Rahmawati", "Setyowati", "Hidayati",
    "Nuraini", "Maslahah", "Zulaikha", "Pratiwi", "Wulandari",
)
GELAR = {
    "admin": (", S.E.", ", S.H.", ", S.Sos.", ", S.IP.", ", S.STP.", ", S.Kom.", ", S.T.", ", S.AP."),
    "master": (", S.E., M.M.", ", S.H., M.H.", ", S.Sos., M.Si.", ", S.T., M.T.", ", S.IP., M.Si.",
               ", S.STP., M.Si.", ", S.Kom., M.Kom.", ", S.Pd., M.Pd."),
    "dokter": (", M.Kes.", "", ", Sp.PD.", ", Sp.A.", ", Sp.OG.", ", MARS"),
    "perawat": (", S.Kep., Ns.", ", A.Md.Kep."),
    "bidan": (", A.Md.Keb.", ", S.Tr.Keb."),
    "kesehatan": (", S.Farm., Apt.", ", S.KM.", ", A.Md.Kes.", ", S.Gz.", ", A.Md.AK."),
    "guru": (", S.Pd.", ", S.Pd., M.Pd.", ", S.Ag.", ", S.Si."),
    "kesmas": (", S.KM., M.Kes.", ", S.Kep., M.Kes.", ", S.ST., M.Kes.", ", S.Farm., Apt., M.Kes."),
    "pendidikan": (", S.Pd., M.Pd.", ", S.Pd., M.M.", ", S.Ag., M.Pd.I."),
    "pelaksana": ("", "", ", A.Md.", ", S.E."),
}
DESA = (
    "Prambatan Kidul", "Getas Pejaten", "Loram Kulon", "Jepang Pakis", "Hadipolo", "Colo",
    "Kandangmas", "Undaan Lor", "Bakalan Krapyak", "Gondangmanis", "Honggosoco", "Ngembalrejo",
    "Rahtawu", "Terban", "Wates", "Tanjungkarang", "Karangmalang", "Jurang", "Peganjaran",
)

# ---- positions -----------------------------------------------------------------------------
@dataclass(frozen=True)
class _Posisi:
    jabatan: str
    jenis: str
    kelas: int
    gelar: str  # key into GELAR
    prefix: str = ""  # 'dr. ' and the like
    tpp: bool = True  # teachers are paid TPG, not TPP


def _p(jabatan: str, jenis: str, kelas: int, gelar: str = "admin", **kw: Any) -> _Posisi:
    return _Posisi(jabatan, jenis, kelas, gelar, **kw)


_UMUM = (_p("Kepala Subbagian Umum dan Kepegawaian", "Pengawas", 9),
         _p("Kepala Subbagian Perencanaan dan Keuangan", "Pengawas", 9))
_FUNGSIONAL_OPD = (_p("Analis Kebijakan Ahli Muda", "Fungsional", 9, "master"),
                   _p("Perencana Ahli Pertama", "Fungsional", 8),
                   _p("Pranata Komputer Ahli Pertama", "Fungsional", 8),
                   _p("Analis Keuangan Pusat dan Daerah Ahli Pertama", "Fungsional", 8),
                   _p("Arsiparis Terampil", "Fungsional", 6, "pelaksana"))
_PELAKSANA = (_p("Pengadministrasi Perkantoran", "Pelaksana", 5, "pelaksana"),
              _p("Pengelola Layanan Operasional", "Pelaksana", 6, "pelaksana"),
              _p("Penata Layanan Operasional", "Pelaksana", 7, "pelaksana"))

BIDANG = {
    "opd.disdikpora": ("Pembinaan Sekolah Dasar", "Pembinaan Sekolah Menengah Pertama",
                       "Pembinaan PAUD dan Pendidikan Nonformal", "Kepemudaan dan Olahraga"),
    "opd.dinkes": ("Kesehatan Masyarakat", "Pencegahan dan Pengendalian Penyakit",
                   "Pelayanan dan Sumber Daya Kesehatan"),
    "opd.pupr": ("Bina Marga", "Sumber Daya Air", "Cipta Karya", "Penataan Ruang"),
    "opd.pkplh": ("Perumahan", "Kawasan Permukiman", "Pengelolaan Sampah dan Limbah B3",
                  "Penaatan dan Peningkatan Kapasitas Lingkungan Hidup"),
    "opd.dinsos": ("Rehabilitasi dan Perlindungan Jaminan Sosial", "Pemberdayaan Sosial",
                   "Pemberdayaan Perempuan dan Perlindungan Anak",
                   "Pengendalian Penduduk dan Keluarga Berencana"),
    "opd.disdukcapil": ("Pelayanan Pendaftaran Penduduk", "Pelayanan Pencatatan Sipil",
                        "Pengelolaan Informasi Administrasi Kependudukan"),
    "opd.pmd": ("Pemerintahan Desa", "Pemberdayaan Masyarakat Desa", "Pembangunan dan Ekonomi Desa"),
    "opd.dishub": ("Lalu Lintas", "Angkutan", "Sarana dan Prasarana Perhubungan"),
    "opd.diskominfo": ("Informasi dan Komunikasi Publik", "Aplikasi Informatika",
                       "Statistik dan Persandian"),
    "opd.disnakerperinkop": ("Hubungan Industrial dan Jaminan Sosial", "Penempatan dan Pelatihan Kerja",
                             "Perindustrian", "Koperasi dan Usaha Kecil Menengah"),
    "opd.dpmptsp": ("Penanaman Modal", "Pelayanan Perizinan", "Pengaduan dan Pelaporan Layanan"),
    "opd.disbudpar": ("Kebudayaan", "Destinasi Pariwisata", "Pemasaran Pariwisata dan Ekonomi Kreatif"),
    "opd.dispertan": ("Tanaman Pangan dan Hortikultura", "Peternakan dan Kesehatan Hewan",
                      "Ketahanan Pangan", "Perikanan"),
    "opd.disdag": ("Perdagangan", "Pengelolaan Pasar", "Metrologi dan Perlindungan Konsumen"),
    "opd.arpusda": ("Kearsipan", "Perpustakaan"),
    "opd.bappeda": ("Pemerintahan dan Pembangunan Manusia", "Perekonomian dan Sumber Daya Alam",
                    "Infrastruktur dan Kewilayahan", "Penelitian dan Pengembangan"),
    "opd.bkpsdm": ("Pengadaan dan Informasi Kepegawaian", "Mutasi dan Promosi",
                   "Pengembangan Sumber Daya Manusia"),
    "opd.bppkad": ("Pendapatan Daerah", "Anggaran", "Perbendaharaan", "Akuntansi dan Aset"),
    "opd.bpbd": ("Pencegahan dan Kesiapsiagaan", "Kedaruratan dan Logistik", "Rehabilitasi dan Rekonstruksi"),
    "opd.kesbangpol": ("Ideologi dan Wawasan Kebangsaan", "Politik Dalam Negeri dan Ormas",
                       "Kewaspadaan Nasional dan Penanganan Konflik"),
    "opd.satpolpp": ("Penegakan Peraturan Daerah", "Ketertiban Umum dan Ketenteraman Masyarakat",
                     "Perlindungan Masyarakat"),
}
SPECIAL_STAFF = {
    "opd.setda": (_p("Asisten Pemerintahan dan Kesejahteraan Rakyat", "JPT Pratama", 14, "master"),
                  _p("Asisten Perekonomian dan Pembangunan", "JPT Pratama", 14, "master"),
                  _p("Asisten Administrasi Umum", "JPT Pratama", 14, "master"),
                  _p("Staf Ahli Bupati Bidang Hukum, Politik dan Pemerintahan", "JPT Pratama", 13, "master"),
                  _p("Staf Ahli Bupati Bidang Ekonomi dan Pembangunan", "JPT Pratama", 13, "master")),
    "opd.inspektorat": (_p("Sekretaris Inspektorat", "Administrator", 12, "master"),
                        *(_p(f"Inspektur Pembantu Wilayah {w}", "Administrator", 11, "master")
                          for w in ("I", "II", "III", "IV")),
                        _p("Auditor Ahli Madya", "Fungsional", 11, "master"),
                        _p("Auditor Ahli Muda", "Fungsional", 9),
                        _p("Pengawas Penyelenggaraan Urusan Pemerintahan Daerah Ahli Muda", "Fungsional", 9)),
    "opd.setwan": (_p("Kepala Bagian Umum dan Keuangan", "Administrator", 11, "master"),
                   _p("Kepala Bagian Persidangan dan Perundang-undangan", "Administrator", 11, "master"),
                   _p("Kepala Bagian Fasilitasi Penganggaran dan Pengawasan", "Administrator", 11, "master"),
                   _p("Analis Kebijakan Ahli Muda", "Fungsional", 9)),
    "opd.rsud": (_p("Wakil Direktur Pelayanan", "Administrator", 12, "dokter", prefix="dr. "),
                 _p("Wakil Direktur Umum dan Keuangan", "Administrator", 12, "master"),
                 _p("Kepala Bidang Pelayanan Medik", "Administrator", 11, "dokter", prefix="dr. "),
                 _p("Kepala Bidang Keperawatan", "Administrator", 11, "perawat"),
                 _p("Dokter Ahli Madya", "Fungsional", 11, "dokter", prefix="dr. "),
                 _p("Dokter Ahli Muda", "Fungsional", 9, "dokter", prefix="dr. "),
                 _p("Perawat Ahli Muda", "Fungsional", 9, "perawat"),
                 _p("Perawat Terampil", "Fungsional", 6, "perawat"),
                 _p("Apoteker Ahli Pertama", "Fungsional", 8, "kesehatan")),
}
_KECAMATAN_STAFF = (
    _p("Sekretaris Kecamatan", "Administrator", 11, "master"),
    _p("Kepala Seksi Pemerintahan", "Pengawas", 9), _p("Kepala Seksi Ketenteraman dan Ketertiban Umum", "Pengawas", 9),
    _p("Kepala Seksi Pemberdayaan Masyarakat dan Desa", "Pengawas", 9),
    _p("Kepala Seksi Kesejahteraan Sosial", "Pengawas", 9), _p("Kepala Seksi Pelayanan Umum", "Pengawas", 9),
    _p("Kepala Subbagian Umum dan Kepegawaian", "Pengawas", 9),
)
_PUSKESMAS_STAFF = (
    _p("Kepala Subbagian Tata Usaha", "Pengawas", 8),
    _p("Dokter Ahli Pertama", "Fungsional", 8, "dokter", prefix="dr. "),
    _p("Dokter Gigi Ahli Pertama", "Fungsional", 8, "dokter", prefix="drg. "),
    _p("Perawat Ahli Pertama", "Fungsional", 8, "perawat"), _p("Perawat Terampil", "Fungsional", 6, "perawat"),
    _p("Bidan Ahli Pertama", "Fungsional", 8, "bidan"), _p("Bidan Terampil", "Fungsional", 6, "bidan"),
    _p("Nutrisionis Terampil", "Fungsional", 6, "kesehatan"), _p("Sanitarian Terampil", "Fungsional", 6, "kesehatan"),
    _p("Penyuluh Kesehatan Masyarakat Ahli Pertama", "Fungsional", 8, "kesehatan"),
)
_LABKES_STAFF = (
    _p("Kepala Subbagian Tata Usaha", "Pengawas", 8),
    _p("Pranata Laboratorium Kesehatan Ahli Muda", "Fungsional", 9, "kesehatan"),
    _p("Pranata Laboratorium Kesehatan Ahli Pertama", "Fungsional", 8, "kesehatan"),
    _p("Pranata Laboratorium Kesehatan Terampil", "Fungsional", 6, "kesehatan"),
)
_SEKOLAH_STAFF = (
    _p("Guru Ahli Madya", "Fungsional", 11, "guru", tpp=False),
    _p("Guru Ahli Muda", "Fungsional", 9, "guru", tpp=False),
    _p("Guru Ahli Muda", "Fungsional", 9, "guru", tpp=False),
    _p("Guru Ahli Pertama", "Fungsional", 8, "guru", tpp=False),
    _p("Guru Ahli Pertama", "Fungsional", 8, "guru", tpp=False),
)
_BAGIAN_STAFF = (_p("Analis Kebijakan Ahli Muda", "Fungsional", 9, "master"),
                 _p("Analis Kebijakan Ahli Pertama", "Fungsional", 8),
                 _p("Pengadministrasi Perkantoran", "Pelaksana", 5, "pelaksana"))

# TPP dasar per bulan by kelas jabatan (Rupiah, 2023 level).
TPP_BY_KELAS = {3: 1_900_000, 4: 2_050_000, 5: 2_250_000, 6: 2_500_000, 7: 2_800_000,
                8: 3_200_000, 9: 3_800_000, 10: 4_600_000, 11: 5_600_000, 12: 7_000_000,
                13: 8_800_000, 14: 11_000_000, 15: 14_000_000, 16: 17_500_000, 17: 21_000_000}

# ---- urusan per unit -----------------------------------------------------------------------
ADMINDUK, TRANTIB = "Administrasi Kependudukan dan Pencatatan Sipil", c.URUSAN[4]
PUPR, PERKIM, P3A = c.URUSAN[2], c.URUSAN[3], "Pemberdayaan Perempuan dan Pelindungan Anak"
PMD, KB, KUKM = "Pemberdayaan Masyarakat dan Desa", "Pengendalian Penduduk dan Keluarga Berencana", \
    "Koperasi, Usaha Kecil dan Menengah"
PENUNJANG, KOMINFO, LH = "Fungsi Penunjang Lainnya", "Komunikasi dan Informatika", "Lingkungan Hidup"
URUSAN_UNIT: dict[str, tuple[str, ...]] = {
    "opd.disdikpora": ("Pendidikan", "Kepemudaan dan Olahraga"), "opd.dinkes": ("Kesehatan",),
    "opd.pupr": (PUPR,), "opd.pkplh": (PERKIM, LH, "Pertanahan"), "opd.dinsos": ("Sosial", P3A, KB),
    "opd.disdukcapil": (ADMINDUK,), "opd.pmd": (PMD,), "opd.dishub": ("Perhubungan",),
    "opd.diskominfo": (KOMINFO, "Statistik", "Persandian"),
    "opd.disnakerperinkop": ("Tenaga Kerja", "Perindustrian", KUKM, "Transmigrasi"),
    "opd.dpmptsp": ("Penanaman Modal",), "opd.disbudpar": ("Pariwisata", "Kebudayaan"),
    "opd.dispertan": ("Pertanian", "Pangan", "Kelautan dan Perikanan"), "opd.disdag": ("Perdagangan",),
    "opd.arpusda": ("Perpustakaan", "Kearsipan"), "opd.bappeda": ("Perencanaan", "Penelitian dan Pengembangan"),
    "opd.bkpsdm": ("Kepegawaian", "Pendidikan dan Pelatihan"), "opd.bppkad": ("Keuangan",),
    "opd.bpbd": (TRANTIB,), "opd.kesbangpol": (PENUNJANG, TRANTIB), "opd.inspektorat": (PENUNJANG,),
    "opd.satpolpp": (TRANTIB,), "opd.setda": (PENUNJANG, "Perencanaan"),
    "opd.setda.tapem": (PENUNJANG, "Pertanahan"), "opd.setda.hukum": (PENUNJANG,),
    "opd.setda.organisasi": (PENUNJANG, "Kepegawaian"),
    "opd.setda.perekonomian": ("Energi dan Sumber Daya Mineral", PENUNJANG),
    "opd.setda.adpem": ("Perencanaan", PENUNJANG), "opd.setda.kesra": ("Sosial", "Pendidikan", PENUNJANG),
    "opd.setda.umum": (PENUNJANG,), "opd.setda.pbj": (PENUNJANG,), "opd.setwan": (PENUNJANG,),
    "opd.rsud": ("Kesehatan",), "bumd.tirta-muria": (PUPR,), "bumd.bpr-bank-pasar": ("Keuangan", KUKM),
    "bumd.apotek": ("Kesehatan",), "bumd.percetakan": ("Perindustrian", PENUNJANG),
}
URUSAN_KECAMATAN = (PMD, ADMINDUK, TRANTIB, "Sosial", "Kesehatan", LH)
URUSAN_INDUK = {"opd.dinkes": ("Kesehatan",), "opd.disdikpora": ("Pendidikan",)}

# ---- topics and acronyms per urusan (what innovation names are made of) --------------------
TOPIK: dict[str, tuple[str, ...]] = {
    "Kesehatan": ("Posyandu Remaja", "Gizi Balita", "Ibu Hamil Risiko Tinggi", "Lansia", "Imunisasi",
                  "Stunting", "Kesehatan Jiwa", "TBC", "Hipertensi", "Diabetes", "Sanitasi",
                  "Antrean Pasien", "Rujukan", "Donor Darah", "Kesehatan Gigi Anak", "ASI Eksklusif",
                  "Demam Berdarah", "Obat Pasien Kronis"),
    "Pendidikan": ("Literasi", "Numerasi", "Anak Tidak Sekolah", "Pembelajaran Digital",
                   "Sekolah Ramah Anak", "Karakter Siswa", "Bimbingan Konseling", "Bahasa Jawa",
                   "Baca Al-Qur'an", "Pendidikan Inklusi", "Beasiswa", "Perpustakaan Sekolah"),
    PUPR: ("Jalan Rusak", "Drainase", "Irigasi", "Air Baku", "Jembatan Desa", "Persetujuan Bangunan Gedung",
           "Tata Ruang", "Sungai Bersih", "Embung", "Air Minum"),
    PERKIM: ("Rumah Tidak Layak Huni", "Sanitasi Permukiman", "Kawasan Kumuh", "Penerangan Jalan",
             "Taman Kota", "Prasarana Permukiman"),
    TRANTIB: ("Pedagang Kaki Lima", "Siaga Bencana", "Desa Tangguh Bencana", "Pemadam Kebakaran",
              "Linmas", "Penegakan Perda", "Ketertiban Malam", "Relawan Bencana", "Peringatan Dini Banjir"),
    "Sosial": ("Penyandang Disabilitas", "Lansia Terlantar", "Data Kemiskinan", "Bantuan Sosial",
               "Anak Jalanan", "Rehabilitasi Sosial", "Karang Taruna"),
    "Tenaga Kerja": ("Pencari Kerja", "Pelatihan Kerja", "Bursa Kerja", "Pekerja Migran", "Magang",
                     "Jaminan Sosial Pekerja"),
    P3A: ("Perlindungan Anak", "Pencegahan Perkawinan Anak", "Kabupaten Layak Anak",
          "Perempuan Pelaku Usaha", "Forum Anak", "Pengaduan Kekerasan"),
    "Pangan": ("Cadangan Pangan", "Pekarangan Pangan Lestari", "Keamanan Pangan", "Harga Pangan", "Pangan Lokal"),
    "Pertanahan": ("Sertifikat Tanah", "Aset Tanah Daerah", "Sengketa Tanah"),
    LH: ("Bank Sampah", "Sampah Plastik", "Kualitas Udara", "Limbah Cair", "Penghijauan", "Kompos",
         "Sungai Gelis", "Adiwiyata"),
    ADMINDUK: ("KTP Elektronik", "Akta Kelahiran", "Kartu Identitas Anak", "Akta Kematian",
               "Identitas Kependudukan Digital", "Pindah Datang", "Dokumen Kependudukan"),
    PMD: ("Dana Desa", "BUMDes", "Profil Desa", "Musrenbang Desa", "Kader Desa", "Pasar Desa", "Desa Wisata"),
    KB: ("Kampung KB", "Bina Keluarga Balita", "Remaja Berencana", "Pasangan Usia Subur", "Keluarga Berisiko Stunting"),
    "Perhubungan": ("Parkir", "Angkutan Sekolah", "Uji Kendaraan", "Lalu Lintas", "Terminal",
                    "Keselamatan Jalan", "Angkutan Perdesaan"),
    KOMINFO: ("Pengaduan Masyarakat", "Internet Desa", "Informasi Publik", "Website Desa",
              "Keamanan Siber", "Satu Data", "Literasi Digital"),
    KUKM: ("UMKM", "Koperasi", "Produk Lokal", "Pemasaran Digital UMKM", "Sertifikasi Halal",
           "Permodalan UMKM", "Kemasan Produk"),
    "Penanaman Modal": ("Perizinan", "Investasi", "Izin Usaha", "Konsultasi Perizinan", "Pengaduan Perizinan"),
    "Kepemudaan dan Olahraga": ("Atlet Muda", "Olahraga Rekreasi", "Wirausaha Muda", "Sarana Olahraga"),
    "Statistik": ("Data Sektoral", "Statistik Desa", "Survei Kepuasan"),
    "Persandian": ("Keamanan Informasi", "Tanda Tangan Elektronik"),
    "Kebudayaan": ("Cagar Budaya", "Seni Tradisi", "Sejarah Kudus", "Tradisi Dandangan", "Batik Kudus",
                   "Bordir Kudus"),
    "Perpustakaan": ("Minat Baca", "Perpustakaan Keliling", "Perpustakaan Digital", "Literasi Keluarga"),
    "Kearsipan": ("Arsip Digital", "Arsip Vital", "Arsip Desa", "Penyusutan Arsip"),
    "Kelautan dan Perikanan": ("Budidaya Ikan", "Ikan Air Tawar", "Pembudidaya Ikan"),
    "Pariwisata": ("Desa Wisata", "Wisata Religi", "Wisata Colo", "Ekonomi Kreatif", "Pemandu Wisata",
                   "Kuliner Kudus"),
    "Pertanian": ("Petani Milenial", "Pupuk", "Hama Tanaman", "Kopi Muria", "Parijoto", "Jeruk Pamelo",
                  "Alat Mesin Pertanian", "Penyuluh Pertanian", "Kesehatan Hewan"),
    "Kehutanan": ("Hutan Rakyat", "Lereng Muria"),
    "Energi dan Sumber Daya Mineral": ("Energi Surya", "Biogas", "Hemat Energi"),
    "Perdagangan": ("Pasar Tradisional", "Harga Bahan Pokok", "Tera Ulang", "Retribusi Pasar",
                    "Pedagang Pasar", "Perlindungan Konsumen"),
    "Perindustrian": ("Industri Kecil", "Jenang Kudus", "Industri Bordir", "Desain Kemasan", "Cetak Dokumen"),
    "Transmigrasi": ("Calon Transmigran",),
    "Perencanaan": ("Perencanaan Pembangunan", "Musrenbang", "Evaluasi Pembangunan", "Data Pembangunan",
                    "Pokok Pikiran DPRD", "Kinerja Pembangunan"),
    "Keuangan": ("Pajak Daerah", "PBB", "Retribusi Daerah", "Aset Daerah", "Belanja Daerah", "BPHTB",
                 "Pembayaran Nontunai", "Kredit Usaha Mikro"),
    "Kepegawaian": ("Kenaikan Pangkat", "Cuti Pegawai", "Kinerja ASN", "Data ASN", "Pensiun", "Disiplin ASN"),
    "Pendidikan dan Pelatihan": ("Pelatihan ASN", "Kompetensi ASN", "Coaching ASN"),
    "Penelitian dan Pengembangan": ("Inovasi Daerah", "Riset Daerah", "Kajian Kebijakan"),
    PENUNJANG: ("Persuratan", "Produk Hukum", "Pengawasan Internal", "Reformasi Birokrasi",
                "Pengadaan Barang dan Jasa", "Protokol", "Aspirasi Masyarakat", "Pengendalian Gratifikasi",
                "Tata Naskah Dinas", "Kinerja Perangkat Daerah"),
}
AKRONIM: dict[str, tuple[tuple[str, str, str], ...]] = {
    "Kesehatan": (("SIPANDU", "Sistem Informasi Posyandu Terpadu", "Digital"),
                  ("SEHATI", "Sehat Ibu Hamil Terpantau", "Non Digital"),
                  ("SI-GIZI", "Sistem Informasi Gizi Balita", "Digital"),
                  ("PANDAWA", "Pelayanan Antrean Daring Warga", "Digital"),
                  ("GERTAK TBC", "Gerakan Temukan dan Obati Kasus TBC", "Non Digital"),
                  ("JAGA BALITA", "Jejaring Gizi Anak Balita", "Non Digital")),
    "Pendidikan": (("SIPINTAR", "Sistem Informasi Pendidikan Terpadu", "Digital"),
                   ("GELIS", "Gerakan Literasi Sekolah", "Non Digital"),
                   ("SANTUN", "Sekolah Anti Perundungan", "Non Digital"),
                   ("SI-ATS", "Sistem Informasi Anak Tidak Sekolah", "Digital")),
    ADMINDUK: (("PADI EMAS", "Pelayanan Adminduk Jemput Bola Masyarakat", "Non Digital"),
               ("LAMPID", "Lapor Peristiwa Kependudukan dari Desa", "Digital"),
               ("AKU SAYANG", "Akta Kelahiran untuk Semua Anak yang Baru Lahir", "Non Digital"),
               ("SI-DUKCAPIL", "Sistem Informasi Kependudukan Daring", "Digital")),
    "Keuangan": (("SI-PAJAK", "Sistem Informasi Pajak Daerah", "Digital"),
                 ("E-BPHTB", "Pelayanan BPHTB Elektronik", "Digital"),
                 ("SAPA PBB", "Sambang Desa Pajak Bumi dan Bangunan", "Non Digital")),
    KOMINFO: (("SIPADU", "Sistem Pengaduan Terpadu", "Digital"),
              ("KUDUS SATU DATA", "Portal Satu Data Kabupaten Kudus", "Digital"),
              ("DESA CERDAS", "Desa Cerdas Terkoneksi Internet", "Digital")),
    "Sosial": (("SI-DATIN", "Sistem Informasi Data Terpadu Kesejahteraan Sosial", "Digital"),
               ("RUMAH SINGGAH", "Rumah Singgah Penyandang Masalah Sosial", "Non Digital")),
    TRANTIB: (("SIAGA", "Sistem Informasi Awal Gejala Bencana", "Digital"),
              ("PATROLI MALAM", "Patroli Ketertiban Malam Hari", "Non Digital")),
    PMD: (("SIDESA", "Sistem Informasi Desa", "Digital"),
          ("BUMDES JUARA", "Pendampingan BUMDes Juara", "Non Digital")),
    "Perhubungan": (("E-PARKIR", "Retribusi Parkir Elektronik", "Digital"),
                    ("SI-KIR", "Sistem Informasi Uji Kendaraan Bermotor", "Digital")),
    "Pertanian": (("PETIK", "Petani Milenial Kudus", "Non Digital"),
                  ("SIPETANI", "Sistem Informasi Pertanian", "Digital")),
    "Perencanaan": (("SIPRAJA", "Sistem Informasi Perencanaan Pembangunan Daerah", "Digital"),
                    ("RUMAH INOVASI", "Rumah Inovasi Daerah Kudus", "Non Digital")),
    "Kepegawaian": (("SIMPEG", "Sistem Informasi Manajemen Kepegawaian", "Digital"),
                    ("E-CUTI", "Pengajuan Cuti Elektronik", "Digital")),
    PENUNJANG: (("E-SURAT", "Persuratan Elektronik", "Digital"),
                ("JDIH", "Jaringan Dokumentasi dan Informasi Hukum", "Digital"),
                ("WBS", "Whistleblowing System", "Digital"),
                ("KLINIK PBJ", "Klinik Konsultasi Pengadaan Barang dan Jasa", "Non Digital"),
                ("SAPA BUPATI", "Saluran Pengaduan dan Aspirasi untuk Bupati", "Digital")),
    LH: (("BASO", "Bank Sampah Online", "Digital"),
         ("KUDUS RESIK", "Gerakan Kudus Bersih Sampah", "Non Digital")),
    "Perpustakaan": (("PUSLING", "Perpustakaan Keliling", "Non Digital"),
                     ("I-KUDUS", "Perpustakaan Digital Kudus", "Digital")),
    "Kearsipan": (("SIKD", "Sistem Informasi Kearsipan Dinamis", "Digital"),),
    "Penanaman Modal": (("SIPENTOL", "Sistem Pelayanan Perizinan Online", "Digital"),
                        ("KLINIK INVESTASI", "Klinik Konsultasi Investasi", "Non Digital")),
    "Tenaga Kerja": (("BKOL", "Bursa Kerja Online Kudus", "Digital"),),
    KUKM: (("SI-UMKM", "Sistem Informasi UMKM Kudus", "Digital"),
           ("GUSJIGANG MART", "Galeri Produk UMKM Gusjigang", "Non Digital")),
    "Pariwisata": (("KUDUS TRIP", "Aplikasi Informasi Wisata Kudus", "Digital"),),
    "Kebudayaan": (("GELAR SENI", "Gelar Seni Tradisi Kudus", "Non Digital"),),
    "Perdagangan": (("SI-HARGA", "Sistem Informasi Harga Bahan Pokok", "Digital"),
                    ("TERA KELILING", "Layanan Tera Ulang Keliling", "Non Digital")),
    P3A: (("SAPA", "Sahabat Perempuan dan Anak", "Non Digital"),
          ("SIGAP PPA", "Sistem Pengaduan Kekerasan Perempuan dan Anak", "Digital")),
    KB: (("KAMPUNG KB", "Kampung Keluarga Berkualitas", "Non Digital"),),
    "Pendidikan dan Pelatihan": (("KUDUS BELAJAR", "Belajar Daring untuk ASN Kudus", "Digital"),),
    "Energi dan Sumber Daya Mineral": (("PLTS ATAP", "Pembangkit Listrik Tenaga Surya Atap Kantor", "Non Digital"),),
}
POLA_DIGITAL = ("Aplikasi {t}", "{t} Online", "Layanan {t} Berbasis WhatsApp", "Dasbor {t}",
                "Sistem Informasi {t}", "Kudus {t} Digital", "{t} dalam Genggaman", "Layanan {t} Daring",
                "QR Code {t}", "e-{t}")
POLA_NON_DIGITAL = ("Gerakan Peduli {t}", "Gerakan Bersama {t}", "Layanan {t} Keliling", "Pojok {t}",
                    "Jemput Bola {t}", "Kampung {t}", "Sekolah {t}", "Klinik {t}", "Gerai {t}", "Kelas {t}",
                    "Forum {t}", "Sahabat {t}", "Pendampingan {t} Terpadu", "Rembug {t}", "Gusjigang {t}",
                    "Sapa {t}", "Desa Peduli {t}", "Kader {t}")
NAMA_KECAMATAN_KHAS = ("PATEN Keliling", "Camat Menyapa Warga", "Ngopi Bareng Camat", "Sambang Desa",
                       "Pojok Pengaduan Warga", "Kecamatan {k} Tanggap", "Layanan Adminduk di Kecamatan {k}")
KETERANGAN_VAKUM = ("Vakum karena keterbatasan anggaran", "Vakum sejak pergantian pengelola",
                    "Dihentikan, digantikan aplikasi provinsi", "Berhenti karena perubahan regulasi")
KETERANGAN_AKTIF = ("Kerja sama dengan Baznas Kabupaten Kudus", "Didukung dana CSR",
                    "Meraih penghargaan inovasi tingkat provinsi", "Dikembangkan bersama perguruan tinggi di Kudus",
                    "Masuk nominasi Kompetisi Inovasi Pelayanan Publik")
RENAME_SUFFIX = (" Plus", " 2.0", " Terpadu", " Kudus")


# ============================================================================================
# People
# ============================================================================================
@dataclass(frozen=True)
class _Pejabat:
    nip: str
    nama: str
    posisi: _Posisi
    lahir: dt.date


def make_nip(rng: Random, tahun: int, umur: tuple[int, int]) -> tuple[str, dt.date, int]:
    """An 18-digit NIP: birth yyyymmdd + CPNS appointment yyyymm + sex (1/2) + 3-digit serial."""
    lahir = dt.date(tahun - rng.randint(*umur), rng.randint(1, 12), rng.randint(1, 28))
    tmt_year = min(lahir.year + rng.randint(22, 32), tahun - 1)
    sex = rng.choice((1, 2))
    serial = rng.randint(1, 12) if rng.random() < 0.8 else rng.randint(13, 999)
    nip = f"{lahir:%Y%m%d}{tmt_year}{rng.randint(1, 12):02d}{sex}{serial:03d}"
    return nip, lahir, sex


def is_plausible_nip(nip: str) -> bool:
    """18 digits whose birth date, appointment and sex digit make sense together."""
    if len(nip) != c.NIP_LENGTH or not nip.isdigit():
        return False
    try:
        lahir = dt.date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        return False
    tmt_year, tmt_month = int(nip[8:12]), int(nip[12:14])
    return (1 <= tmt_month <= 12 and lahir.year + 18 <= tmt_year <= dt.date.today().year + 1
            and nip[14] in "12" and nip[15:] != "000" and lahir.year >= 1940)


def person_name(rng: Random, sex: int) -> str:
    depan = rng.choice(NAMA_DEPAN_PRIA if sex == 1 else NAMA_DEPAN_WANITA)
    belakang = rng.choice(NAMA_BELAKANG_PRIA if sex == 1 else NAMA_BELAKANG_WANITA)
    tengah = f" {rng.choice(NAMA_TENGAH)}" if rng.random() < 0.2 else ""
    return f"{depan}{tengah} {belakang}"


# Senior staff of a technical agency carry that field's degrees.
GELAR_UNIT = {"opd.dinkes": "kesmas", "opd.disdikpora": "pendidikan"}
_UMUR = {"JPT Pratama": (46, 57), "Administrator": (40, 55), "Pengawas": (33, 54),
         "Fungsional": (27, 54), "Pelaksana": (24, 54)}


def _new_pejabat(rng: Random, posisi: _Posisi, tahun: int) -> _Pejabat:
    nip, lahir, sex = make_nip(rng, tahun, _UMUR[posisi.jenis])
    nama = posisi.prefix + person_name(rng, sex) + rng.choice(GELAR[posisi.gelar])
    return _Pejabat(nip, nama, posisi, lahir)


def tpp_dasar(kelas: int, tahun: int) -> float:
    """TPP dasar per month: the kelas rate, raised 2.5% a year from 2023, in thousands."""
    base = TPP_BY_KELAS.get(kelas, TPP_BY_KELAS[5]) * (1 + 0.025 * (tahun - 2023))
    return float(round(base, -4))


# ============================================================================================
# Units: who they are, what they do, how many positions and innovations
# ============================================================================================
@dataclass(frozen=True)
class _Unit:
    kode: str
    nama: str
    jenis: str
    induk: str
    kecamatan: str

    @property
    def has_asn(self) -> bool:
        """BUMD staff are not civil servants: no NIP, no Pejabat sheet."""
        return self.jenis != "BUMD"

    @property
    def short(self) -> str:
        return self.kode.split(".")[-1].replace("-", "")


def _units_of(units: pd.DataFrame) -> list[_Unit]:
    active = units[units["aktif"].astype(bool)] if "aktif" in units.columns else units
    return [_Unit(r.kode, r.nama, r.jenis_unit, r.induk_kode or "", r.kecamatan or "")
            for r in active.sort_values("kode").itertuples()]


def unit_urusan(unit: _Unit) -> tuple[str, ...]:
    """The urusan a unit's innovations are mostly about."""
    if unit.kode in URUSAN_UNIT:
        return URUSAN_UNIT[unit.kode]
    if unit.jenis == "Kecamatan":
        return URUSAN_KECAMATAN
    return URUSAN_INDUK.get(unit.induk, (PENUNJANG,))


def _head(unit: _Unit) -> _Posisi:
    if unit.jenis == "Kecamatan":
        return _p(f"Camat {unit.kecamatan}", "Administrator", 12, "master")
    if unit.jenis == "UPTD":
        if unit.induk == "opd.disdikpora":
            return _p(f"Kepala {unit.nama}", "Fungsional", 11, "guru", tpp=False)
        return _p(f"Kepala {unit.nama}", "Pengawas", 9, "dokter" if "Puskesmas" in unit.nama else "kesehatan",
                  prefix="dr. " if "Puskesmas" in unit.nama else "")
    titles = {"opd.setda": ("Sekretaris Daerah", 15), "opd.inspektorat": ("Inspektur", 14),
              "opd.setwan": ("Sekretaris DPRD", 14), "opd.rsud": (f"Direktur {unit.nama}", 14)}
    if unit.induk == "opd.setda":
        return _p(f"Kepala {unit.nama}", "Administrator", 11, "master")
    title, kelas = titles.get(unit.kode, (f"Kepala {unit.nama}", 14))
    return _p(title, "JPT Pratama", kelas, "dokter" if unit.kode == "opd.rsud" else "master",
              prefix="dr. " if unit.kode == "opd.rsud" else "")


def _staff(unit: _Unit, rng: Random) -> list[_Posisi]:
    if unit.kode in SPECIAL_STAFF:
        return [*SPECIAL_STAFF[unit.kode], *rng.sample(_PELAKSANA, 2)]
    if unit.jenis == "Kecamatan":
        return [*_KECAMATAN_STAFF, *rng.sample(_PELAKSANA, 2)]
    if unit.induk == "opd.setda":
        return list(_BAGIAN_STAFF)
    if unit.jenis == "UPTD":
        pool = {"opd.disdikpora": _SEKOLAH_STAFF}.get(unit.induk)
        pool = pool or (_PUSKESMAS_STAFF if "Puskesmas" in unit.nama else _LABKES_STAFF)
        return [pool[0], *rng.sample(pool[1:], min(len(pool) - 1, rng.randint(3, 7))), _PELAKSANA[0]]
    bidang = BIDANG.get(unit.kode, ("Perencanaan dan Evaluasi", "Pelayanan", "Pengembangan"))
    return [_p("Sekretaris", "Administrator", 12, "master"),
            *(_p(f"Kepala Bidang {b}", "Administrator", 11, "master") for b in bidang),
            *_UMUM, *rng.sample(_FUNGSIONAL_OPD, rng.randint(2, 4)), *rng.sample(_PELAKSANA, rng.randint(1, 3))]


def positions(unit: _Unit, rng: Random) -> list[_Posisi]:
    """The unit's positions, head first; stable over the years (people change, posts do not)."""
    if not unit.has_asn:
        return []
    posts = [_head(unit), *_staff(unit, rng)]
    gelar = GELAR_UNIT.get(unit.kode)
    return [replace(p, gelar=gelar) if gelar and p.gelar == "master" else p for p in posts]


def _capacity(unit: _Unit, rng: Random) -> int:
    """How many active innovations a unit of this kind typically carries once it is up to speed."""
    if unit.kode in ("opd.dinkes", "opd.rsud", "opd.disdukcapil", "opd.diskominfo"):
        return rng.randint(8, 13)
    if unit.jenis == "OPD":
        return rng.randint(1, 4) if unit.induk == "opd.setda" else rng.randint(3, 9)
    return {"Kecamatan": rng.randint(2, 6), "BUMD": rng.randint(1, 3)}.get(unit.jenis, rng.randint(1, 4))


def start_years(units: Sequence[_Unit], seed: int) -> dict[str, int]:
    """The year each unit first reports an innovation.

    A handful of small units (UPTD, BUMD, Setda bagian) start late or not within the sample years,
    so that about 8% of units have no innovation in a given year, and the earlier years have more
    of them than the later ones.
    """
    rng = Random(f"{seed}:start")
    years = {u.kode: rng.choice((2015, 2015, 2016, 2017, 2018, 2019, 2020, 2021)) for u in units}
    small = [u.kode for u in units if u.jenis in ("UPTD", "BUMD") or u.induk == "opd.setda"]
    late = rng.sample(small, min(len(small), len(LATE_STARTS)))
    years.update(zip(late, LATE_STARTS[: len(late)], strict=True))
    return years


# ============================================================================================
# Innovations
# ============================================================================================
@dataclass
class _Inovasi:
    nama: str
    lahir: int
    tahapan: str
    jenis: str
    bentuk: str
    inisiator: str
    urusan: tuple[str, ...]
    lokasi: tuple[str, ...] | str | None
    uji_coba: dt.date | None = None
    penerapan: dt.date | None = None
    dasar_hukum: str | None = None
    nomor_dasar_hukum: str | None = None
    anggaran: dict[int, float | None] = field(default_factory=dict)
    ada_sop: bool | None = None
    replikasi: int | None = None
    penerima: int | None = None
    monev: str | None = None
    status: str = "Aktif"
    nip: tuple[str, ...] = ()
    penggagas: str | None = None
    tautan: str | None = None
    keterangan: str | None = None


@dataclass(frozen=True)
class _Ctx:
    """What the innovation generator needs to know about the unit and the year."""
    unit: _Unit
    roster: tuple[_Pejabat, ...]
    tahun: int


def _pick_name(rng: Random, ctx: _Ctx, urusan: str, taken: set[str]) -> tuple[str, str]:
    """A plausible, not yet used (after folding) innovation name and the jenis it implies."""
    for _ in range(40):
        nama, jenis = _name_candidate(rng, ctx.unit, urusan)
        if c.fold(nama) not in taken and len(nama) <= c.NAMA_INOVASI_MAX:
            return nama, jenis
    base, jenis = _name_candidate(rng, ctx.unit, urusan)
    number = 2
    while c.fold(f"{base} {number}") in taken:
        number += 1
    return f"{base} {number}", jenis


def _name_candidate(rng: Random, unit: _Unit, urusan: str) -> tuple[str, str]:
    if unit.jenis == "Kecamatan" and rng.random() < 0.25:
        return rng.choice(NAMA_KECAMATAN_KHAS).format(k=unit.kecamatan), "Non Digital"
    acronyms = AKRONIM.get(urusan, ())
    if acronyms and rng.random() < 0.3:
        acr, long, jenis = rng.choice(acronyms)
        return (f"{acr} ({long})" if rng.random() < 0.7 else acr), jenis
    topic = rng.choice(TOPIK.get(urusan) or TOPIK[PENUNJANG])
    digital = rng.random() < 0.45
    pattern = rng.choice(POLA_DIGITAL if digital else POLA_NON_DIGITAL)
    if pattern.startswith("e-") and " " in topic:
        pattern = "Aplikasi {t}"
    return pattern.format(t=topic), "Digital" if digital else "Non Digital"


def _choose_urusan(rng: Random, unit: _Unit) -> tuple[str, ...]:
    own = unit_urusan(unit)
    first = own[0] if rng.random() < 0.6 else rng.choice(own)
    if rng.random() < 0.2:
        second = rng.choice([u for u in (*own, *c.URUSAN_PELAYANAN_DASAR, PMD, KOMINFO) if u != first])
        return first, second
    return (first,)


def _choose_bentuk(rng: Random, unit: _Unit, urusan: tuple[str, ...]) -> str:
    inward = urusan[0] in (PENUNJANG, "Keuangan", "Kepegawaian", "Perencanaan", "Kearsipan",
                           "Pendidikan dan Pelatihan", "Penelitian dan Pengembangan", "Persandian")
    weights = (60, 25, 15) if inward else (22, 63, 15)
    return rng.choices(c.BENTUK, weights=weights)[0]


def _choose_lokasi(rng: Random, unit: _Unit) -> tuple[str, ...] | str | None:
    """A Kecamatan's innovations sit in itself (often left blank: it defaults to itself)."""
    if unit.jenis == "Kecamatan":
        return None if rng.random() < 0.3 else (unit.kecamatan,)
    if unit.kecamatan:
        return (unit.kecamatan,)
    roll = rng.random()
    if roll < 0.5:
        return c.SELURUH_KABUPATEN
    if roll < 0.56:
        return None
    names = [k.nama for k in c.KECAMATAN]
    chosen = set(rng.sample(names, 1 if roll < 0.8 else rng.randint(2, 4)))
    return tuple(n for n in names if n in chosen)


def _date_in(rng: Random, year: int, after: dt.date | None = None, gap: int = 30) -> dt.date | None:
    """A working-ish day in `year`, at least `gap` days after `after`; None when none is left."""
    first = max(dt.date(year, 1, 2), after + dt.timedelta(days=gap) if after else dt.date(year, 1, 2))
    last = dt.date(year, 12, 20)
    if first > last:
        return None
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _scale(unit: _Unit) -> tuple[int, int]:
    """(budget ceiling in Rupiah, beneficiary ceiling) for a unit of this kind."""
    if unit.jenis == "OPD" and unit.induk != "opd.setda":
        return 750_000_000, 25_000
    return {"Kecamatan": (75_000_000, 3_000), "BUMD": (200_000_000, 10_000)}.get(
        unit.jenis, (50_000_000 if unit.jenis == "UPTD" else 150_000_000, 4_000))


def _budget(rng: Random, unit: _Unit, tahapan: str) -> float | None:
    if rng.random() < (0.6 if tahapan == "Inisiatif" else 0.15):
        return None
    if rng.random() < 0.05:
        return 0.0
    ceiling = _scale(unit)[0]
    return float(round(rng.uniform(0.1, 1.0) ** 2 * ceiling, -5))


def new_inovasi(rng: Random, ctx: _Ctx, taken: set[str]) -> _Inovasi:
    """A newly reported innovation, born in ctx.tahun at any stage (with its earlier dates)."""
    urusan = _choose_urusan(rng, ctx.unit)
    nama, jenis = _pick_name(rng, ctx, urusan[0], taken)
    inisiator = rng.choices(c.INISIATOR, weights=(12, 5, 45, 30, 8))[0]
    inov = _Inovasi(nama=nama, lahir=ctx.tahun, tahapan="Inisiatif", jenis=jenis,
                    bentuk=_choose_bentuk(rng, ctx.unit, urusan), inisiator=inisiator, urusan=urusan,
                    lokasi=_choose_lokasi(rng, ctx.unit))
    stage = rng.choices(c.TAHAPAN, weights=(45, 33, 22))[0]
    if stage != "Inisiatif":
        start = max(BASE_YEAR, ctx.tahun - 1) if stage == "Penerapan" else ctx.tahun
        inov.tahapan, inov.uji_coba = "Uji Coba", _date_in(rng, start)
    if stage == "Penerapan":
        _try_penerapan(rng, inov, ctx.tahun)
    _choose_penggagas(rng, inov, ctx)
    _refresh_details(rng, inov, ctx)
    return inov


def _try_penerapan(rng: Random, inov: _Inovasi, tahun: int) -> None:
    """Move to Penerapan in `tahun` if a date at least a month after the trial still fits."""
    date = _date_in(rng, tahun, after=inov.uji_coba)
    if date is not None:
        inov.tahapan, inov.penerapan = "Penerapan", date


def _choose_penggagas(rng: Random, inov: _Inovasi, ctx: _Ctx) -> None:
    """Penggagas NIPs come from the unit's own officials; some innovations name none."""
    roster = ctx.roster
    if inov.inisiator == "Masyarakat" or not roster or rng.random() < 0.15:
        inov.nip = ()
        inov.penggagas = _outside_penggagas(rng, inov.inisiator) if rng.random() < 0.8 else None
        return
    if inov.inisiator == "Kepala Daerah" and rng.random() < 0.6:
        inov.nip, inov.penggagas = (), "Bupati Kudus"
        return
    count = 2 if rng.random() < 0.2 and len(roster) > 2 else 1
    people = rng.sample(roster[: max(count, min(len(roster), 8))], count)
    inov.nip = tuple(p.nip for p in people)
    inov.penggagas = f"{c.MULTI_SEP} ".join(p.nama for p in people)


def _outside_penggagas(rng: Random, inisiator: str) -> str:
    if inisiator == "Anggota DPRD":
        return f"Komisi {rng.choice('ABCD')} DPRD Kabupaten Kudus"
    if inisiator == "Masyarakat":
        return rng.choice((f"Karang Taruna Desa {rng.choice(DESA)}", f"PKK Desa {rng.choice(DESA)}",
                           person_name(rng, rng.choice((1, 2)))))
    return person_name(rng, rng.choice((1, 2)))


def _refresh_details(rng: Random, inov: _Inovasi, ctx: _Ctx) -> None:
    """This year's budget, SOP, reach, monitoring, legal basis and evidence for an innovation."""
    stage = inov.tahapan
    inov.anggaran[ctx.tahun] = _budget(rng, ctx.unit, stage) if inov.status == "Aktif" else None
    if inov.ada_sop is not True:
        inov.ada_sop = rng.random() < {"Inisiatif": 0.15, "Uji Coba": 0.5, "Penerapan": 0.8}[stage]
        inov.ada_sop = None if rng.random() < 0.05 else inov.ada_sop
    ceiling = _scale(ctx.unit)[1]
    if stage != "Inisiatif" and inov.status == "Aktif":
        base = inov.penerima or rng.randint(20, max(50, ceiling // 10))
        inov.penerima = min(int(base * rng.uniform(1.0, 1.5)), ceiling * 3)
    if stage == "Penerapan" and rng.random() < 0.25:
        inov.replikasi = (inov.replikasi or 0) + rng.randint(1, 2)
    elif inov.replikasi is None and stage != "Inisiatif":
        inov.replikasi = 0 if rng.random() < 0.8 else None
    inov.monev = _monev(rng, stage)
    _legal_basis(rng, inov, ctx)
    if inov.tautan is None and rng.random() < 0.75:
        inov.tautan = _evidence_url(rng, inov, ctx.unit)
    if inov.status == "Aktif":
        inov.keterangan = rng.choice(KETERANGAN_AKTIF) if rng.random() < 0.12 else None


def _monev(rng: Random, stage: str) -> str | None:
    if rng.random() < 0.08:
        return None
    weights = {"Inisiatif": (70, 25, 5, 0), "Uji Coba": (30, 50, 18, 2), "Penerapan": (10, 35, 40, 15)}
    return rng.choices(c.MONEV, weights=weights[stage])[0]


def _legal_basis(rng: Random, inov: _Inovasi, ctx: _Ctx) -> None:
    """Legal bases only ever get stronger; the number carries the year it was signed."""
    rank = {None: -1, **{v: i for i, v in enumerate(c.DASAR_HUKUM)}}
    target = rng.choices(c.DASAR_HUKUM, weights={"Inisiatif": (70, 25, 5, 0, 0), "Uji Coba": (30, 45, 20, 5, 0),
                                                 "Penerapan": (8, 40, 30, 20, 2)}[inov.tahapan])[0]
    if rank[target] <= rank[inov.dasar_hukum] or (inov.dasar_hukum is None and rng.random() < 0.06):
        return  # no stronger basis this year (or, now and then, the column is left blank)
    year, n = ctx.tahun, rng.randint(1, 420)
    inov.dasar_hukum = target
    inov.nomor_dasar_hukum = {
        "Tidak Ada": None,
        "SK Kepala Perangkat Daerah": f"{rng.choice(('000.8', '400.7', '440', '470', '800', '900.1'))}/{n:04d}/{year}",
        "SK Kepala Daerah": f"100.3.3.2/{n}/{year}",
        "Peraturan Kepala Daerah": f"Nomor {n % 90 + 1} Tahun {year}",
        "Peraturan Daerah": f"Nomor {n % 15 + 1} Tahun {year}",
    }[target]


def _evidence_url(rng: Random, inov: _Inovasi, unit: _Unit) -> str:
    slug = "-".join(c.fold(w) for w in inov.nama.split("(")[0].split() if c.fold(w))[:60]
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"
    roll = rng.random()
    if roll < 0.65:
        return f"https://inovasi.kuduskab.go.id/{unit.short}/{slug}"
    if roll < 0.82:
        return "https://www.youtube.com/watch?v=" + "".join(rng.choice(alphabet) for _ in range(11))
    return "https://drive.google.com/file/d/" + "".join(rng.choice(alphabet) for _ in range(33)) + "/view"


# ============================================================================================
# One unit's history
# ============================================================================================
class _History:
    """One unit's officials and innovations, stepped one year at a time from BASE_YEAR."""

    def __init__(self, unit: _Unit, seed: int, start_year: int) -> None:
        self.unit = unit
        self.rng = Random(f"{seed}:{unit.kode}")
        self.start_year = start_year
        self.posts = positions(unit, self.rng)
        self.capacity = _capacity(unit, self.rng)
        self.roster: list[_Pejabat] = [_new_pejabat(self.rng, p, BASE_YEAR) for p in self.posts]
        self.inovasi: list[_Inovasi] = []

    def step(self, tahun: int) -> GeneratedWorkbook | None:
        """Advance to `tahun`; the year's workbook, or None when the unit sent nothing."""
        self._rotate_officials(tahun)
        ctx = _Ctx(self.unit, tuple(self.roster), tahun)
        self._age_innovations(ctx)
        self._add_innovations(ctx)
        skipped = self.rng.random() < SKIP_YEAR_RATE and tahun > BASE_YEAR
        return None if skipped else _snapshot(self.unit, ctx, self.inovasi, self.rng)

    def _rotate_officials(self, tahun: int) -> None:
        """Transfers (mutasi) and retirements: the post stays, the person changes."""
        for slot, person in enumerate(self.roster):
            pension_age = 60 if person.posisi.jenis == "JPT Pratama" else 58
            retiring = tahun - person.lahir.year >= pension_age
            if retiring or (tahun > BASE_YEAR and self.rng.random() < 0.07):
                self.roster[slot] = _new_pejabat(self.rng, person.posisi, tahun)

    def _age_innovations(self, ctx: _Ctx) -> None:
        kept = []
        for inov in self.inovasi:
            if inov.status == "Tidak Aktif":
                roll = self.rng.random()
                if roll < 0.5:
                    continue  # no longer reported
                if roll < 0.62:
                    inov.status, inov.keterangan = "Aktif", "Diaktifkan kembali"
            elif self.rng.random() < 0.1:
                inov.status, inov.keterangan = "Tidak Aktif", self.rng.choice(KETERANGAN_VAKUM)
            else:
                self._mature(inov, ctx)
            _keep_penggagas(inov, ctx)
            _refresh_details(self.rng, inov, ctx)
            kept.append(inov)
        self.inovasi = kept

    def _mature(self, inov: _Inovasi, ctx: _Ctx) -> None:
        """Inisiatif -> Uji Coba -> Penerapan, at most one stage a year; now and then a new name."""
        if inov.tahapan == "Inisiatif" and self.rng.random() < 0.4:
            inov.tahapan, inov.uji_coba = "Uji Coba", _date_in(self.rng, ctx.tahun)
        elif inov.tahapan == "Uji Coba" and self.rng.random() < 0.45:
            _try_penerapan(self.rng, inov, ctx.tahun)
        if self.rng.random() < 0.04:
            taken = {c.fold(i.nama) for i in self.inovasi}
            renamed = _renamed(self.rng, inov.nama)
            if c.fold(renamed) not in taken:
                inov.nama = renamed

    def _add_innovations(self, ctx: _Ctx) -> None:
        if ctx.tahun < self.start_year:
            return
        ramp = min(1.0, 0.3 + 0.1 * (ctx.tahun - BASE_YEAR)) + max(0, ctx.tahun - 2021) * 0.06
        target = max(1, round(self.capacity * ramp)) + (self.rng.random() < 0.3)
        taken = {c.fold(i.nama) for i in self.inovasi}
        while sum(i.status == "Aktif" for i in self.inovasi) < target:
            inov = new_inovasi(self.rng, ctx, taken)
            taken.add(c.fold(inov.nama))
            self.inovasi.append(inov)


def _renamed(rng: Random, nama: str) -> str:
    """A slight rename, as units do: a suffix, 'Pelayanan' for 'Layanan', or the acronym alone."""
    if "(" in nama and rng.random() < 0.5:
        return nama.split("(")[0].strip()
    if nama.startswith("Layanan ") and rng.random() < 0.5:
        return "Pelayanan " + nama[len("Layanan "):]
    suffix = rng.choice(RENAME_SUFFIX)
    return nama if nama.endswith(suffix) else nama + suffix


def _keep_penggagas(inov: _Inovasi, ctx: _Ctx) -> None:
    """A penggagas who has moved on hands the innovation to the unit's head."""
    if not inov.nip:
        return
    by_nip = {p.nip: p for p in ctx.roster}
    still = [by_nip[n] for n in inov.nip if n in by_nip] or ctx.roster[:1]
    inov.nip = tuple(p.nip for p in still)
    inov.penggagas = f"{c.MULTI_SEP} ".join(p.nama for p in still)


# ============================================================================================
# Workbooks
# ============================================================================================
@dataclass
class GeneratedWorkbook:
    """One unit's report for one year, as rows keyed by the contract's column keys."""

    unit_kode: str
    unit_nama: str
    jenis_unit: str
    tahun: int
    profil: dict[str, Any]
    inovasi: list[dict[str, Any]]
    pejabat: list[dict[str, Any]]

    @property
    def file_name(self) -> str:
        return f"{self.tahun}_{self.unit_kode}.xlsx"

    def write(self, target: template.Target, units: pd.DataFrame | None = None) -> None:
        """Write with a fixed document date, so the same data always gives the same bytes."""
        template.write_workbook(target, profil=self.profil, inovasi=self.inovasi, pejabat=self.pejabat,
                                units=units, created=dt.datetime(self.tahun, 12, 31, 9, 0))

    def to_bytes(self, units: pd.DataFrame | None = None) -> bytes:
        buffer = io.BytesIO()
        self.write(buffer, units)
        return buffer.getvalue()


def _snapshot(unit: _Unit, ctx: _Ctx, inovasi: Sequence[_Inovasi], rng: Random) -> GeneratedWorkbook:
    rows = [_inovasi_row(i, n, ctx.tahun) for n, i in enumerate(inovasi, start=1)]
    pejabat = [_pejabat_row(p, ctx.tahun) for p in ctx.roster]
    return GeneratedWorkbook(unit.kode, unit.nama, unit.jenis, ctx.tahun, _profil(unit, ctx, rng), rows, pejabat)


def _profil(unit: _Unit, ctx: _Ctx, rng: Random) -> dict[str, Any]:
    operator = ctx.roster[-1] if ctx.roster else None
    phone = (f"0291-{rng.randint(430000, 449999)}" if rng.random() < 0.5
             else f"08{rng.choice(('12', '13', '52', '56', '57', '78', '95'))}{rng.randint(10**7, 10**8 - 1)}")
    return {"nama_unit": unit.nama, "jenis_unit": unit.jenis, "tahun": ctx.tahun,
            "nama_operator": operator.nama if operator else person_name(rng, rng.choice((1, 2))),
            "nip_operator": operator.nip if operator else None, "telepon": phone,
            "email": f"inovasi.{unit.short}@kuduskab.go.id"}


def _inovasi_row(inov: _Inovasi, no: int, tahun: int) -> dict[str, Any]:
    return {
        "no": no, "nama_inovasi": inov.nama, "tahapan": inov.tahapan, "jenis": inov.jenis,
        "bentuk": inov.bentuk, "inisiator": inov.inisiator, "urusan": list(inov.urusan),
        "nip_penggagas": list(inov.nip), "nama_penggagas": inov.penggagas,
        "tanggal_uji_coba": inov.uji_coba, "tanggal_penerapan": inov.penerapan,
        "lokasi_kecamatan": list(inov.lokasi) if isinstance(inov.lokasi, tuple) else inov.lokasi,
        "dasar_hukum": inov.dasar_hukum, "nomor_dasar_hukum": inov.nomor_dasar_hukum,
        "anggaran_tahun_berjalan": inov.anggaran.get(tahun),
        "anggaran_tahun_lalu": inov.anggaran.get(tahun - 1),
        "anggaran_dua_tahun_lalu": inov.anggaran.get(tahun - 2),
        "ada_sop": inov.ada_sop, "jumlah_replikasi": inov.replikasi,
        "jumlah_penerima_manfaat": inov.penerima, "monev": inov.monev, "status": inov.status,
        "tautan_bukti": inov.tautan, "keterangan": inov.keterangan,
    }


def _pejabat_row(person: _Pejabat, tahun: int) -> dict[str, Any]:
    posisi = person.posisi
    return {"nip": person.nip, "nama": person.nama, "jabatan": posisi.jabatan,
            "jenis_jabatan": posisi.jenis, "kelas_jabatan": posisi.kelas,
            "tpp_dasar": tpp_dasar(posisi.kelas, tahun) if posisi.tpp else None}


# ============================================================================================
# Public API: sample years and bulk
# ============================================================================================
def generate_years(units: pd.DataFrame, years: Iterable[int],
                   seed: int = DEFAULT_SEED) -> dict[int, list[GeneratedWorkbook]]:
    """The workbooks of several years from one pass over every unit's history."""
    wanted = sorted(set(years))
    unit_list = _units_of(units)
    starts = start_years(unit_list, seed)
    result: dict[int, list[GeneratedWorkbook]] = {y: [] for y in wanted}
    for unit in unit_list:
        history = _History(unit, seed, starts[unit.kode])
        for tahun in range(BASE_YEAR, wanted[-1] + 1):
            workbook = history.step(tahun)
            if tahun in result and workbook is not None:
                result[tahun].append(workbook)
    return result


def generate_year(units: pd.DataFrame, tahun: int, seed: int = DEFAULT_SEED) -> list[GeneratedWorkbook]:
    """Every unit's workbook for one year (units that skipped the year have none)."""
    return generate_years(units, [tahun], seed)[tahun]


def write_sample_workbooks(folder: str | Path, years: Iterable[int] = (2023, 2024, 2025),
                           seed: int = DEFAULT_SEED, units: pd.DataFrame | None = None) -> list[Path]:
    """Write one workbook per unit per year, named like `2024_opd.dinkes.xlsx`."""
    units = read_units() if units is None else units
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for workbooks in generate_years(units, years, seed).values():
        for workbook in workbooks:
            path = folder / workbook.file_name
            workbook.write(path, units)
            paths.append(path)
    return paths


def generate_bulk(n_workbooks: int, per_workbook: int, seed: int = DEFAULT_SEED,
                  units: pd.DataFrame | None = None) -> list[GeneratedWorkbook]:
    """Many independent workbooks for benchmarks: real units x years 2015..2026, each pair once."""
    unit_list = _units_of(read_units() if units is None else units)
    rng = Random(f"{seed}:bulk")
    pairs = [(u, y) for u in unit_list for y in BULK_YEARS]
    if n_workbooks > len(pairs):
        raise ValueError(f"at most {len(pairs)} distinct unit-year workbooks, asked for {n_workbooks}")
    return [_bulk_workbook(Random(f"{seed}:bulk:{u.kode}:{y}"), u, y, per_workbook)
            for u, y in rng.sample(pairs, n_workbooks)]


def _bulk_workbook(rng: Random, unit: _Unit, tahun: int, per_workbook: int) -> GeneratedWorkbook:
    roster = tuple(_new_pejabat(rng, p, tahun) for p in positions(unit, rng))
    ctx = _Ctx(unit, roster, tahun)
    taken: set[str] = set()
    inovasi = []
    for _ in range(per_workbook):
        inov = new_inovasi(rng, ctx, taken)
        taken.add(c.fold(inov.nama))
        inovasi.append(inov)
    return _snapshot(unit, ctx, inovasi, rng)


def write_bulk_workbooks(folder: str | Path, n_workbooks: int = 500, per_workbook: int = 100,
                         seed: int = DEFAULT_SEED, units: pd.DataFrame | None = None) -> list[Path]:
    """Write the bulk benchmark workbooks; file names are unique because unit-year pairs are."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for workbook in generate_bulk(n_workbooks, per_workbook, seed, units):
        path = folder / workbook.file_name
        workbook.write(path)
        paths.append(path)
    return paths


# ============================================================================================
# Flawed examples: one mistake each, and the issue the validator must raise for it
# ============================================================================================
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
        _cell_flaw("02_unit_tidak_dikenal.xlsx", "unit.unknown", prof, 0, "nama_unit", "Dinas Kesehatan Kab. Kudus",
                   "Nama unit tidak persis seperti daftar unit."),
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


# ============================================================================================
# Untidy but valid examples: what people really send, and what each must yield
# ============================================================================================
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


def main(argv: Sequence[str] | None = None) -> None:
    """python -m analytics.sample [FOLDER]: rewrite the committed examples; sample workbooks to FOLDER."""
    import sys

    args = list(sys.argv[1:] if argv is None else argv)
    print(f"{len(write_flawed_workbooks(SAMPLE_DATA / 'contoh-salah'))} flawed examples")
    print(f"{len(write_untidy_workbooks(SAMPLE_DATA / 'contoh-rapi-tidak'))} untidy example reports")
    if args:
        print(f"{len(write_sample_workbooks(args[0]))} sample workbooks in {args[0]}")


if __name__ == "__main__":
    main()
