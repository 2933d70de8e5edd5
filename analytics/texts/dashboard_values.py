"""Vocabulary values in English, for chart axes, legends, filters and chips.

Codes are `value.<dimension>.<canonical value>`; the Indonesian text is the canonical value itself
(what the workbook says), so only English needs writing.  Unit and kecamatan names are proper
names and are not translated.  `analytics.charts.format.value_label` looks them up.
"""

from __future__ import annotations

_ENGLISH: dict[str, dict[str, str]] = {
    "tahapan": {"Inisiatif": "Initiative", "Uji Coba": "Trial", "Penerapan": "Implementation"},
    "jenis": {"Digital": "Digital", "Non Digital": "Non-digital", "Teknologi": "Technology"},
    "bentuk": {"Tata Kelola Pemerintahan Daerah": "Regional governance", "Pelayanan Publik": "Public service",
               "Inovasi Daerah Lainnya": "Other regional innovation"},
    "status": {"Aktif": "Active", "Tidak Aktif": "Inactive"},
    "jenis_unit": {"OPD": "Agency (OPD)", "Kecamatan": "Kecamatan office", "BUMD": "Regional enterprise (BUMD)",
                   "UPTD": "Technical unit (UPTD)"},
    "kategori": {"Berkelanjutan": "Sustainable", "Perlu Penguatan": "Needs strengthening", "Vakum": "Dormant"},
    "predikat": {"Sangat Inovatif": "Very innovative", "Inovatif": "Innovative", "Kurang Inovatif": "Less innovative",
                 "Tidak Dapat Dinilai": "Cannot be assessed"},
    "kecamatan": {"Seluruh Kabupaten": "Whole regency"},
    "jenis_jabatan": {"JPT Pratama": "Senior executive (JPT Pratama)", "Administrator": "Administrator",
                      "Pengawas": "Supervisor", "Fungsional": "Functional", "Pelaksana": "Staff"},
    "urusan": {
        "Pendidikan": "Education",
        "Kesehatan": "Health",
        "Pekerjaan Umum dan Penataan Ruang": "Public works and spatial planning",
        "Perumahan Rakyat dan Kawasan Permukiman": "Housing and settlements",
        "Ketenteraman, Ketertiban Umum dan Pelindungan Masyarakat": "Public order and community protection",
        "Sosial": "Social affairs",
        "Tenaga Kerja": "Labour",
        "Pemberdayaan Perempuan dan Pelindungan Anak": "Women's empowerment and child protection",
        "Pangan": "Food",
        "Pertanahan": "Land",
        "Lingkungan Hidup": "Environment",
        "Administrasi Kependudukan dan Pencatatan Sipil": "Population administration and civil registry",
        "Pemberdayaan Masyarakat dan Desa": "Community and village empowerment",
        "Pengendalian Penduduk dan Keluarga Berencana": "Population control and family planning",
        "Perhubungan": "Transport",
        "Komunikasi dan Informatika": "Communication and informatics",
        "Koperasi, Usaha Kecil dan Menengah": "Cooperatives and small businesses",
        "Penanaman Modal": "Investment",
        "Kepemudaan dan Olahraga": "Youth and sports",
        "Statistik": "Statistics",
        "Persandian": "Cryptography",
        "Kebudayaan": "Culture",
        "Perpustakaan": "Libraries",
        "Kearsipan": "Archives",
        "Kelautan dan Perikanan": "Marine affairs and fisheries",
        "Pariwisata": "Tourism",
        "Pertanian": "Agriculture",
        "Kehutanan": "Forestry",
        "Energi dan Sumber Daya Mineral": "Energy and mineral resources",
        "Perdagangan": "Trade",
        "Perindustrian": "Industry",
        "Transmigrasi": "Transmigration",
        "Perencanaan": "Planning",
        "Keuangan": "Finance",
        "Kepegawaian": "Civil service",
        "Pendidikan dan Pelatihan": "Education and training",
        "Penelitian dan Pengembangan": "Research and development",
        "Fungsi Penunjang Lainnya": "Other supporting functions",
    },
}

MESSAGES: dict[str, dict[str, str]] = {
    f"value.{dimension}.{value}": {"id": value, "en": english}
    for dimension, values in _ENGLISH.items()
    for value, english in values.items()
}
