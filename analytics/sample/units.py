"""Units: who they are, what they do, how many positions and innovations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from random import Random

import pandas as pd

from analytics.sample.people import _p, _Posisi
from analytics.sample.settings import LATE_STARTS
from analytics.sample.urusan import PENUNJANG, URUSAN_INDUK, URUSAN_KECAMATAN, URUSAN_UNIT

# ---- positions per kind of unit ------------------------------------------------------------
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

# Senior staff of a technical agency carry that field's degrees.
GELAR_UNIT = {"opd.dinkes": "kesmas", "opd.disdikpora": "pendidikan"}


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
