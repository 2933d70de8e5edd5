"""People: names, degrees and villages; positions; officials with plausible NIPs; TPP dasar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from random import Random
from typing import Any

from analytics.intake import contract as c

# ============================================================================================
# Words: names, titles, villages
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


# TPP dasar per bulan by kelas jabatan (Rupiah, 2023 level).
TPP_BY_KELAS = {3: 1_900_000, 4: 2_050_000, 5: 2_250_000, 6: 2_500_000, 7: 2_800_000,
                8: 3_200_000, 9: 3_800_000, 10: 4_600_000, 11: 5_600_000, 12: 7_000_000,
                13: 8_800_000, 14: 11_000_000, 15: 14_000_000, 16: 17_500_000, 17: 21_000_000}


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
