"""The data contract of the innovation workbook, as code.

Everything the template writer, the reader, the validator and the store agree on lives here:
sheet names, columns (with the aliases people actually type), the controlled vocabularies, and the
9 kecamatan of Kabupaten Kudus.  See ../shared/spec/data-contract.md for the prose version.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

# --------------------------------------------------------------------------------------------
# Folding: the one way of comparing what people type with what we expect.
# --------------------------------------------------------------------------------------------
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_TRAILING_UNIT = re.compile(r"\s*[\(\[][^\)\]]*[\)\]]\s*$")


@lru_cache(maxsize=65536)
def _fold_text(text: str) -> str:
    normal = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_ALNUM.sub("", normal.lower())


def fold(text: object) -> str:
    """Case-, accent-, space- and punctuation-insensitive key: 'Uji-Coba ' -> 'ujicoba'."""
    return "" if text is None else _fold_text(str(text))


@lru_cache(maxsize=65536)
def _fold_header_text(text: str) -> str:
    return fold(_TRAILING_UNIT.sub("", text.strip()))


def fold_header(text: object) -> str:
    """Header key: like fold(), and a trailing unit in brackets ('(Rp.)') is dropped first."""
    return _fold_header_text(str(text or ""))


# --------------------------------------------------------------------------------------------
# Sheets
# --------------------------------------------------------------------------------------------
SHEET_PETUNJUK = "Petunjuk"
SHEET_PROFIL = "Profil"
SHEET_INOVASI = "Inovasi"
SHEET_PEJABAT = "Pejabat"
SHEET_REFERENSI = "Referensi"
SHEETS = (SHEET_PETUNJUK, SHEET_PROFIL, SHEET_INOVASI, SHEET_PEJABAT, SHEET_REFERENSI)
SHEET_ALIASES = {
    SHEET_PETUNJUK: ("petunjuk", "instructions", "panduan"),
    SHEET_PROFIL: ("profil", "profile", "profilunit"),
    SHEET_INOVASI: ("inovasi", "innovations", "innovation", "datainovasi"),
    SHEET_PEJABAT: ("pejabat", "officials", "datapejabat"),
    SHEET_REFERENSI: ("referensi", "reference", "references"),
}

# --------------------------------------------------------------------------------------------
# Vocabularies (canonical Bahasa Indonesia form first; extra accepted spellings after)
# --------------------------------------------------------------------------------------------
TAHAPAN = ("Inisiatif", "Uji Coba", "Penerapan")
# Teknologi is the national IID application's third jenis (a technology that is not a digital
# system, e.g. a tool or a machine): a jenis of its own in every count, never folded into Digital.
JENIS = ("Digital", "Non Digital", "Teknologi")
BENTUK = ("Tata Kelola Pemerintahan Daerah", "Pelayanan Publik", "Inovasi Daerah Lainnya")
INISIATOR = ("Kepala Daerah", "Anggota DPRD", "OPD", "ASN", "Masyarakat")
DASAR_HUKUM = (
    "Tidak Ada",
    "SK Kepala Perangkat Daerah",
    "SK Kepala Daerah",
    "Peraturan Kepala Daerah",
    "Peraturan Daerah",
)
MONEV = ("Tidak Ada", "Internal", "Survei Kepuasan", "Eksternal")
STATUS = ("Aktif", "Tidak Aktif")
JENIS_UNIT = ("OPD", "Kecamatan", "BUMD", "UPTD")
JENIS_JABATAN = ("JPT Pratama", "Administrator", "Pengawas", "Fungsional", "Pelaksana")

URUSAN = (
    "Pendidikan",
    "Kesehatan",
    "Pekerjaan Umum dan Penataan Ruang",
    "Perumahan Rakyat dan Kawasan Permukiman",
    "Ketenteraman, Ketertiban Umum dan Pelindungan Masyarakat",
    "Sosial",
    "Tenaga Kerja",
    "Pemberdayaan Perempuan dan Pelindungan Anak",
    "Pangan",
    "Pertanahan",
    "Lingkungan Hidup",
    "Administrasi Kependudukan dan Pencatatan Sipil",
    "Pemberdayaan Masyarakat dan Desa",
    "Pengendalian Penduduk dan Keluarga Berencana",
    "Perhubungan",
    "Komunikasi dan Informatika",
    "Koperasi, Usaha Kecil dan Menengah",
    "Penanaman Modal",
    "Kepemudaan dan Olahraga",
    "Statistik",
    "Persandian",
    "Kebudayaan",
    "Perpustakaan",
    "Kearsipan",
    "Kelautan dan Perikanan",
    "Pariwisata",
    "Pertanian",
    "Kehutanan",
    "Energi dan Sumber Daya Mineral",
    "Perdagangan",
    "Perindustrian",
    "Transmigrasi",
    "Perencanaan",
    "Keuangan",
    "Kepegawaian",
    "Pendidikan dan Pelatihan",
    "Penelitian dan Pengembangan",
    "Fungsi Penunjang Lainnya",
)
# The six basic-service affairs (urusan pelayanan dasar), in the order the IID lists them.
URUSAN_PELAYANAN_DASAR = URUSAN[:6]

# Extra spellings people use, mapped to the canonical value (keys are folded when looked up).
CHOICE_ALIASES: dict[str, dict[str, str]] = {
    "tahapan": {"initiative": "Inisiatif", "trial": "Uji Coba", "pilot": "Uji Coba",
                "implementation": "Penerapan", "implemented": "Penerapan"},
    "jenis": {"nondigital": "Non Digital", "non": "Non Digital", "technology": "Teknologi"},
    "bentuk": {"tatakelola": "Tata Kelola Pemerintahan Daerah",
               # the IID application's own spellings
               "inovasitatakelolapemerintahandaerah": "Tata Kelola Pemerintahan Daerah",
               "inovasipelayananpublik": "Pelayanan Publik",
               "inovasidaerahlainnyasesuaidenganurusanpemerintahanyangmenjadikewenangandaerah":
                   "Inovasi Daerah Lainnya",
               "bentuklainnya": "Inovasi Daerah Lainnya",
               "governance": "Tata Kelola Pemerintahan Daerah",
               "publicservice": "Pelayanan Publik", "pelayanan": "Pelayanan Publik",
               "lainnya": "Inovasi Daerah Lainnya", "other": "Inovasi Daerah Lainnya"},
    "inisiator": {"dprd": "Anggota DPRD", "perangkatdaerah": "OPD", "bupati": "Kepala Daerah",
                  "regent": "Kepala Daerah", "community": "Masyarakat", "public": "Masyarakat",
                  "civilservant": "ASN", "pns": "ASN"},
    "dasar_hukum": {"tidak": "Tidak Ada", "none": "Tidak Ada", "skkepalaopd": "SK Kepala Perangkat Daerah",
                    "skkepaladinas": "SK Kepala Perangkat Daerah", "skbupati": "SK Kepala Daerah",
                    "perbup": "Peraturan Kepala Daerah", "peraturanbupati": "Peraturan Kepala Daerah",
                    "perkada": "Peraturan Kepala Daerah", "perda": "Peraturan Daerah"},
    "monev": {"tidak": "Tidak Ada", "none": "Tidak Ada", "survei": "Survei Kepuasan",
              "skm": "Survei Kepuasan", "surveikepuasanmasyarakat": "Survei Kepuasan",
              "survey": "Survei Kepuasan", "external": "Eksternal"},
    "status": {"active": "Aktif", "inactive": "Tidak Aktif", "berlanjut": "Aktif",
               "berkembang": "Aktif", "vakum": "Tidak Aktif", "berhenti": "Tidak Aktif",
               "nonaktif": "Tidak Aktif"},
    "jenis_unit": {"perangkatdaerah": "OPD", "kec": "Kecamatan", "dinas": "OPD", "badan": "OPD"},
    "jenis_jabatan": {"jpt": "JPT Pratama", "eselon2": "JPT Pratama", "eselonii": "JPT Pratama",
                      "eselon3": "Administrator", "eselon4": "Pengawas", "jft": "Fungsional",
                      "jfu": "Pelaksana", "staf": "Pelaksana"},
    "urusan": {
        "pupr": "Pekerjaan Umum dan Penataan Ruang", "pu": "Pekerjaan Umum dan Penataan Ruang",
        "perkim": "Perumahan Rakyat dan Kawasan Permukiman",
        "perumahan": "Perumahan Rakyat dan Kawasan Permukiman",
        "trantibum": "Ketenteraman, Ketertiban Umum dan Pelindungan Masyarakat",
        "trantibumlinmas": "Ketenteraman, Ketertiban Umum dan Pelindungan Masyarakat",
        "p3a": "Pemberdayaan Perempuan dan Pelindungan Anak",
        "pppa": "Pemberdayaan Perempuan dan Pelindungan Anak",
        "lh": "Lingkungan Hidup",
        "dukcapil": "Administrasi Kependudukan dan Pencatatan Sipil",
        "adminduk": "Administrasi Kependudukan dan Pencatatan Sipil",
        "pmd": "Pemberdayaan Masyarakat dan Desa",
        "kb": "Pengendalian Penduduk dan Keluarga Berencana",
        "ppkb": "Pengendalian Penduduk dan Keluarga Berencana",
        "kominfo": "Komunikasi dan Informatika",
        "ukm": "Koperasi, Usaha Kecil dan Menengah", "koperasi": "Koperasi, Usaha Kecil dan Menengah",
        "umkm": "Koperasi, Usaha Kecil dan Menengah",
        "pm": "Penanaman Modal", "investasi": "Penanaman Modal",
        "pora": "Kepemudaan dan Olahraga", "olahraga": "Kepemudaan dan Olahraga",
        "esdm": "Energi dan Sumber Daya Mineral",
        "diklat": "Pendidikan dan Pelatihan",
        "litbang": "Penelitian dan Pengembangan",
        "penunjang": "Fungsi Penunjang Lainnya",
        # The IID application writes the affairs of UU 23/2014 in lower case and in the law's own
        # words; folding takes care of case, these take care of the words.
        "fungsipenunjanglainnyasesuaidenganketentuanperaturanperundangundangan": "Fungsi Penunjang Lainnya",
        "ketenteramandanketertibanumumsertapelindunganmasyarakat":
            "Ketenteraman, Ketertiban Umum dan Pelindungan Masyarakat",
        "ketentramandanketertibanumumsertaperlindunganmasyarakat":
            "Ketenteraman, Ketertiban Umum dan Pelindungan Masyarakat",
        "ketenteramanketertibanumumdanperlindunganmasyarakat":
            "Ketenteraman, Ketertiban Umum dan Pelindungan Masyarakat",
        "pemberdayaanperempuandanperlindungananak": "Pemberdayaan Perempuan dan Pelindungan Anak",
        "koperasiusahakecildanmenengahukm": "Koperasi, Usaha Kecil dan Menengah",
        "kepemudaandanolahragapora": "Kepemudaan dan Olahraga",
        "energidansumberdayamineralesdm": "Energi dan Sumber Daya Mineral",
        "kepegawaiansertapendidikandanpelatihan": "Kepegawaian",
        "penelitiandanpengembangan": "Penelitian dan Pengembangan",
        "litbangda": "Penelitian dan Pengembangan",
    },
}

VOCABULARIES: dict[str, tuple[str, ...]] = {
    "tahapan": TAHAPAN,
    "jenis": JENIS,
    "bentuk": BENTUK,
    "inisiator": INISIATOR,
    "dasar_hukum": DASAR_HUKUM,
    "monev": MONEV,
    "status": STATUS,
    "jenis_unit": JENIS_UNIT,
    "jenis_jabatan": JENIS_JABATAN,
    "urusan": URUSAN,
}

YES_WORDS = frozenset({"ya", "y", "ada", "yes", "1", "true", "benar", "✓", "✔", "v"})
NO_WORDS = frozenset({"tidak", "t", "tidakada", "no", "n", "0", "false", "salah", "tdk", "x", "✗"})


def _fold_symbolic(text: object) -> str:
    """fold(), but a lone tick or cross keeps its meaning instead of folding to ''."""
    raw = str(text).strip()
    return raw if raw in {"✓", "✔", "✗"} else fold(raw)


def yes_no_key(text: object) -> str:
    return _fold_symbolic(text)


# --------------------------------------------------------------------------------------------
# Kecamatan
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Kecamatan:
    kode: str
    nama: str
    lat: float
    lon: float


KECAMATAN = (
    Kecamatan("33.19.01", "Kaliwungu", -6.793, 110.794),
    Kecamatan("33.19.02", "Kota Kudus", -6.804, 110.844),
    Kecamatan("33.19.03", "Jati", -6.830, 110.839),
    Kecamatan("33.19.04", "Undaan", -6.906, 110.829),
    Kecamatan("33.19.05", "Mejobo", -6.841, 110.888),
    Kecamatan("33.19.06", "Jekulo", -6.801, 110.935),
    Kecamatan("33.19.07", "Bae", -6.780, 110.866),
    Kecamatan("33.19.08", "Gebog", -6.705, 110.847),
    Kecamatan("33.19.09", "Dawe", -6.708, 110.892),
)
KECAMATAN_BY_NAMA = {k.nama: k for k in KECAMATAN}
# The regency-wide location: its own group in every figure, never spread over the nine.
SELURUH_KABUPATEN = "Seluruh Kabupaten"
SELURUH_KABUPATEN_SPELLINGS = ("seluruhkabupaten", "semuakecamatan", "kabupaten", "sekabupaten",
                               "kabupatenkudus", "seluruhkecamatan", "lintaskecamatan", "all",
                               "regencywide", "wholeregency")
_KECAMATAN_PREFIX = re.compile(r"^\s*(kec(amatan)?\.?)\s*", re.IGNORECASE)


def kecamatan_key(text: object) -> str:
    """Folded kecamatan name without a 'Kec.'/'Kecamatan' prefix; 'kota' stands for Kota Kudus."""
    key = fold(_KECAMATAN_PREFIX.sub("", str(text or "")))
    return "kotakudus" if key == "kota" else key


KECAMATAN_LOOKUP: dict[str, str] = {fold(k.nama): k.nama for k in KECAMATAN}
KECAMATAN_LOOKUP.update({fold(k.kode): k.nama for k in KECAMATAN})
KECAMATAN_LOOKUP.update({s: SELURUH_KABUPATEN for s in SELURUH_KABUPATEN_SPELLINGS})


def kecamatan_of_feature(properties: Mapping[str, Any]) -> str | None:
    """The kecamatan a boundary file's feature stands for: by Kemendagri code (`code`, `kode`,
    `kemendagri_code`), else by name (`name`, `nama`, `kecamatan`); None when neither matches."""
    by_code = {k.kode: k.nama for k in KECAMATAN}
    nama = next((by_code[str(properties[key])] for key in ("code", "kode", "kemendagri_code")
                 if str(properties.get(key)) in by_code), None)
    if nama is None:
        nama = next((KECAMATAN_LOOKUP.get(fold(str(properties[key])))
                     for key in ("name", "nama", "kecamatan") if properties.get(key)), None)
    return nama

# --------------------------------------------------------------------------------------------
# Columns
# --------------------------------------------------------------------------------------------
# kind: text | choice | multichoice | kecamatan | date | money | count | yesno | nip | niplist |
#       url | year | int | unit | score (0..100, the IID's Kematangan) | coordinates ('lat, lon')
@dataclass(frozen=True)
class Column:
    key: str  # snake_case identifier used in frames and the database
    label: str  # the header in the template (Bahasa Indonesia)
    label_en: str
    kind: str
    required: bool = False
    vocabulary: str | None = None  # key into VOCABULARIES for choice kinds
    aliases: tuple[str, ...] = field(default_factory=tuple)
    note: str = ""  # the header's note (comment) in the template, in Bahasa Indonesia
    width: int = 18
    in_template: bool = True  # False: read when present (the IID application's columns), never written


INOVASI_COLUMNS: tuple[Column, ...] = (
    Column("no", "No", "No", "int", width=5, note="Nomor urut; boleh dikosongkan."),
    Column("nama_inovasi", "Nama Inovasi", "Innovation name", "text", True,
           aliases=("nama", "judul inovasi", "innovation"), width=40,
           note="Wajib. 3–300 karakter, tidak boleh sama dengan inovasi lain unit ini pada tahun yang sama."),
    Column("tahapan", "Tahapan", "Stage", "choice", True, "tahapan",
           aliases=("tahap", "stage", "tahapan inovasi"),
           note="Wajib. Pilih: Inisiatif, Uji Coba, atau Penerapan."),
    Column("jenis", "Jenis", "Type", "choice", True, "jenis", aliases=("jenis inovasi", "type"),
           note="Wajib. Digital, Non Digital, atau Teknologi."),
    Column("bentuk", "Bentuk", "Form", "choice", True, "bentuk", aliases=("bentuk inovasi", "form"),
           width=30, note="Wajib. Tata Kelola Pemerintahan Daerah, Pelayanan Publik, atau Inovasi Daerah Lainnya."),
    Column("inisiator", "Inisiator", "Initiator", "choice", True, "inisiator",
           aliases=("inisiator inovasi", "initiator"),
           note="Wajib. Kepala Daerah, Anggota DPRD, OPD, ASN, atau Masyarakat."),
    Column("urusan", "Urusan Pemerintahan", "Government affairs", "multichoice", True, "urusan",
           aliases=("urusan", "urusan pemerintah", "affairs", "urusan utama"), width=34,
           note="Wajib. Satu atau lebih urusan, dipisah titik koma (;). Lihat daftar di lembar Referensi."),
    Column("nip_penggagas", "NIP Penggagas", "Initiator NIP", "niplist",
           aliases=("nip", "nip inisiator", "initiator nip"), width=22,
           note="NIP 18 digit, ketik sebagai teks. Lebih dari satu dipisah titik koma (;)."),
    Column("nama_penggagas", "Nama Penggagas", "Initiator name", "text",
           aliases=("penggagas", "initiator name", "nama inisiator"), width=26),
    Column("tanggal_uji_coba", "Tanggal Uji Coba", "Trial date", "date",
           aliases=("tgl uji coba", "trial date", "tanggal ujicoba"), width=16,
           note="Wajib bila Tahapan Uji Coba atau Penerapan. Format tanggal, mis. 31/12/2023."),
    Column("tanggal_penerapan", "Tanggal Penerapan", "Implementation date", "date",
           aliases=("tgl penerapan", "implementation date"), width=16,
           note="Wajib bila Tahapan Penerapan; tidak boleh sebelum Tanggal Uji Coba."),
    Column("lokasi_kecamatan", "Lokasi Kecamatan", "Kecamatan", "kecamatan",
           aliases=("kecamatan", "lokasi", "location"), width=22,
           note="Satu atau lebih kecamatan dipisah titik koma (;), atau 'Seluruh Kabupaten'."),
    Column("dasar_hukum", "Dasar Hukum", "Legal basis", "choice", vocabulary="dasar_hukum",
           aliases=("regulasi", "legal basis"), width=26),
    Column("nomor_dasar_hukum", "Nomor Dasar Hukum", "Legal basis number", "text",
           aliases=("nomor regulasi", "no dasar hukum"), width=22),
    Column("anggaran_tahun_berjalan", "Anggaran Tahun Berjalan (Rp)", "Budget this year (Rp)", "money",
           aliases=("anggaran", "budget this year"), width=18,
           note="Rupiah, mis. 1.500.000 atau 1,5 juta. Kosong atau '-' berarti tanpa anggaran."),
    Column("anggaran_tahun_lalu", "Anggaran Tahun Lalu (Rp)", "Budget last year (Rp)", "money",
           aliases=("budget last year",), width=18),
    Column("anggaran_dua_tahun_lalu", "Anggaran Dua Tahun Lalu (Rp)", "Budget two years ago (Rp)", "money",
           aliases=("budget two years ago",), width=18),
    Column("ada_sop", "Ada SOP", "Has SOP", "yesno", aliases=("sop", "has sop"), width=9,
           note="Ya atau Tidak."),
    Column("jumlah_replikasi", "Jumlah Replikasi", "Replications", "count",
           aliases=("replikasi", "replications"), width=10,
           note="Jumlah unit/daerah lain yang meniru inovasi ini (bilangan bulat ≥ 0)."),
    Column("jumlah_penerima_manfaat", "Jumlah Penerima Manfaat", "Beneficiaries", "count",
           aliases=("penerima manfaat", "beneficiaries"), width=12),
    Column("monev", "Monev", "Monitoring & evaluation", "choice", vocabulary="monev",
           aliases=("monitoring evaluasi", "monitoring dan evaluasi"), width=16),
    Column("status", "Status", "Status", "choice", True, "status", width=12,
           note="Wajib. Aktif, atau Tidak Aktif (vakum/berhenti)."),
    Column("tautan_bukti", "Tautan Bukti", "Evidence link", "url",
           aliases=("link bukti", "tautan", "url", "evidence", "link video"), width=30,
           note="Alamat http(s):// dokumen atau video bukti; beberapa alamat dipisah koma atau spasi."),
    Column("keterangan", "Keterangan", "Notes", "text", aliases=("catatan", "notes"), width=30),
    # The IID application's columns, read when a workbook carries them (never in the template):
    Column("urusan_lain", "Urusan Lain yang Beririsan", "Other affairs", "multichoice", False, "urusan",
           aliases=("urusan lain", "urusan beririsan", "other affairs"), in_template=False),
    Column("kematangan_iid", "Kematangan", "IID maturity", "score",
           aliases=("kematangan iid", "skor kematangan", "maturity"), in_template=False),
    Column("koordinat", "Koordinat", "Coordinates", "coordinates", aliases=("coordinates", "lokasi koordinat"),
           in_template=False),
    # Only in a consolidated workbook (one file, many units):
    Column("nama_unit", "Nama Unit", "Unit name", "unit", aliases=("unit", "unit pelapor", "perangkat daerah")),
    Column("tahun", "Tahun", "Year", "year", aliases=("year", "tahun laporan")),
)

PEJABAT_COLUMNS: tuple[Column, ...] = (
    Column("nip", "NIP", "NIP", "nip", True, width=22, note="Wajib. 18 digit, ketik sebagai teks."),
    Column("nama", "Nama", "Name", "text", True, aliases=("nama pejabat", "name"), width=30),
    Column("jabatan", "Jabatan", "Position", "text", True, aliases=("position",), width=34),
    Column("jenis_jabatan", "Jenis Jabatan", "Position type", "choice", vocabulary="jenis_jabatan",
           aliases=("position type",), width=16),
    Column("kelas_jabatan", "Kelas Jabatan", "Grade", "int", aliases=("grade", "kelas"), width=10,
           note="Bilangan bulat 1–17."),
    Column("tpp_dasar", "TPP Dasar per Bulan (Rp)", "Base TPP per month (Rp)", "money",
           aliases=("tpp dasar", "tpp", "base tpp"), width=18),
)

PROFIL_FIELDS: tuple[Column, ...] = (
    Column("nama_unit", "Nama Unit", "Unit name", "unit", True, aliases=("unit", "unit pelapor")),
    Column("jenis_unit", "Jenis Unit", "Unit type", "choice", vocabulary="jenis_unit",
           aliases=("unit type",)),
    Column("tahun", "Tahun", "Year", "year", True, aliases=("year", "tahun laporan")),
    Column("nama_operator", "Nama Operator", "Operator name", "text", aliases=("operator",)),
    Column("nip_operator", "NIP Operator", "Operator NIP", "nip"),
    Column("telepon", "Telepon", "Phone", "text", aliases=("telp", "hp", "phone", "no hp")),
    Column("email", "Email", "Email", "text", aliases=("e-mail", "surel")),
)


def header_lookup(columns: tuple[Column, ...]) -> dict[str, Column]:
    """Folded header text -> Column, over labels (id, en), keys and aliases."""
    lookup: dict[str, Column] = {}
    for col in columns:
        for name in (col.label, col.label_en, col.key, *col.aliases):
            lookup.setdefault(fold_header(name), col)
    return lookup


INOVASI_BY_KEY = {c.key: c for c in INOVASI_COLUMNS}
PEJABAT_BY_KEY = {c.key: c for c in PEJABAT_COLUMNS}

# Multi-value cells are stored joined by this separator (no canonical value contains it).
MULTI_SEP = ";"
MIN_YEAR = 2015
NIP_LENGTH = 18
NAMA_INOVASI_MIN, NAMA_INOVASI_MAX = 3, 300  # the IID application's titles run to about 250
# Several links in one cell are stored joined by a space (a URL never holds a bare space).
LINK_SEP = " "
KEMATANGAN_IID_MAX = 100.0
KELAS_JABATAN_MIN, KELAS_JABATAN_MAX = 1, 17
