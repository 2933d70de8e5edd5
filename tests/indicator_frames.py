"""Builders of units / innovations / officials frames in the docs/frames.md format, for tests.

Why here and not from storage: the indicator tests must not depend on the database layer; they
build exactly the columns and dtypes the store hands over, with defaults for what a row omits.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

INNOVATION_DEFAULTS: dict[str, Any] = {
    "submission_id": 1, "unit_kode": "opd.x", "tahun": 2024, "nama_inovasi": "Inovasi",
    "tahapan": "Penerapan", "jenis": "Digital", "bentuk": "Pelayanan Publik", "inisiator": "OPD",
    "status": "Aktif", "urusan": "Kesehatan", "nip_penggagas": "", "nama_penggagas": None,
    "nomor_dasar_hukum": None, "tautan_bukti": None, "keterangan": None,
    "tanggal_uji_coba": None, "tanggal_penerapan": None, "lokasi_kecamatan": "Seluruh Kabupaten",
    "dasar_hukum": None, "monev": None, "anggaran_tahun_berjalan": np.nan, "anggaran_tahun_lalu": np.nan,
    "anggaran_dua_tahun_lalu": np.nan, "ada_sop": None, "jumlah_replikasi": None,
    "jumlah_penerima_manfaat": None,
}
OFFICIAL_DEFAULTS: dict[str, Any] = {
    "submission_id": 1, "unit_kode": "opd.x", "tahun": 2024, "nip": "199001012020011001", "nama": "Pejabat",
    "jabatan": "Jabatan", "jenis_jabatan": None, "kelas_jabatan": None, "tpp_dasar": np.nan,
}
UNIT_DEFAULTS: dict[str, Any] = {"singkatan": "", "jenis_unit": "OPD", "induk_kode": "", "kecamatan": "", "aktif": True}
_TEXT = ("unit_kode", "nama_inovasi", "tahapan", "jenis", "bentuk", "inisiator", "status", "urusan", "nip_penggagas",
         "lokasi_kecamatan")
_OPTIONAL_TEXT = ("nama_penggagas", "nomor_dasar_hukum", "tautan_bukti", "keterangan", "dasar_hukum", "monev")


def innovations_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame([{**INNOVATION_DEFAULTS, **row} for row in rows], columns=list(INNOVATION_DEFAULTS))
    frame.insert(0, "id", np.arange(1, len(frame) + 1, dtype="int64"))
    frame["baris"] = np.arange(len(frame), dtype="int64") + 8
    frame = frame.astype({"submission_id": "int64", "tahun": "int64", **{c: "str" for c in _TEXT},
                          "anggaran_tahun_berjalan": "float64", "anggaran_tahun_lalu": "float64",
                          "anggaran_dua_tahun_lalu": "float64", "ada_sop": "boolean",
                          "jumlah_replikasi": "Int64", "jumlah_penerima_manfaat": "Int64"})
    for column in _OPTIONAL_TEXT:
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    for column in ("tanggal_uji_coba", "tanggal_penerapan"):
        frame[column] = pd.to_datetime(frame[column])
    return frame


def officials_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame([{**OFFICIAL_DEFAULTS, **row} for row in rows], columns=list(OFFICIAL_DEFAULTS))
    frame.insert(0, "id", np.arange(1, len(frame) + 1, dtype="int64"))
    frame["baris"] = np.arange(len(frame), dtype="int64") + 8
    frame = frame.astype({"submission_id": "int64", "tahun": "int64", "unit_kode": "str", "nip": "str",
                          "nama": "str", "jabatan": "str", "kelas_jabatan": "Int64", "tpp_dasar": "float64"})
    frame["jenis_jabatan"] = frame["jenis_jabatan"].astype(object).where(frame["jenis_jabatan"].notna(), None)
    return frame


def units_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame([{**UNIT_DEFAULTS, **row} for row in rows],
                         columns=["kode", "nama", "singkatan", "jenis_unit", "induk_kode", "kecamatan", "aktif"])
    return frame.astype({c: "str" for c in ("kode", "nama", "singkatan", "jenis_unit", "induk_kode", "kecamatan")}
                        | {"aktif": "bool"})


# --------------------------------------------------------------------------------------------
# The golden dataset (expected figures are computed by hand in test_indicators_golden.py)
# 6 units (one inactive, one UPTD under Dinas Kesehatan, one kecamatan, one BUMD without any
# innovation), 4 innovations in 2023 and 9 in 2024 (I1..I9 in order), 8 officials in 2024 (+1 in 2023).
# --------------------------------------------------------------------------------------------
N1, N2, N3, N4 = "197001012000011001", "197502022001012002", "198003032005011003", "198104042006042004"
N5, N6, N7, N8 = "198205052007011005", "199006062015012006", "199107072016011007", "198808082012011008"
TRANTIBUM = "Ketenteraman, Ketertiban Umum dan Pelindungan Masyarakat"
PPKB = "Pengendalian Penduduk dan Keluarga Berencana"
PUPR = "Pekerjaan Umum dan Penataan Ruang"
NAN = np.nan


def golden_units() -> pd.DataFrame:
    return units_frame([
        {"kode": "opd.dinkes", "nama": "Dinas Kesehatan", "jenis_unit": "OPD"},
        {"kode": "uptd.pkm-jati", "nama": "UPTD Puskesmas Jati", "jenis_unit": "UPTD", "induk_kode": "opd.dinkes",
         "kecamatan": "Jati"},
        {"kode": "kec.jati", "nama": "Kecamatan Jati", "jenis_unit": "Kecamatan", "kecamatan": "Jati"},
        {"kode": "opd.dishub", "nama": "Dinas Perhubungan", "jenis_unit": "OPD"},
        {"kode": "bumd.bpr", "nama": "PD BPR Bank Pasar", "jenis_unit": "BUMD"},
        {"kode": "opd.lama", "nama": "Dinas Lama", "jenis_unit": "OPD", "aktif": False},
    ])


def golden_innovations() -> pd.DataFrame:
    return innovations_frame([
        # ---- 2023 ----
        dict(unit_kode="opd.dinkes", tahun=2023, nama_inovasi="SIPANDU Sehat", tahapan="Penerapan",
             tanggal_uji_coba="2021-01-04", tanggal_penerapan="2021-06-01", nip_penggagas=N1),
        dict(unit_kode="opd.dinkes", tahun=2023, nama_inovasi="Posyandu Remaja", tahapan="Uji Coba",
             jenis="Non Digital", urusan="Kesehatan;Sosial", lokasi_kecamatan="Jati", tanggal_uji_coba="2022-09-01"),
        dict(unit_kode="kec.jati", tahun=2023, nama_inovasi="Jati Bersih", tahapan="Inisiatif",
             jenis="Non Digital", lokasi_kecamatan="Jati"),
        dict(unit_kode="opd.dishub", tahun=2023, nama_inovasi="Parkir Online", tahapan="Penerapan",
             urusan="Perhubungan", lokasi_kecamatan="Kota Kudus", tanggal_uji_coba="2022-06-01",
             tanggal_penerapan="2023-01-10"),
        # ---- 2024 ----  I1
        dict(unit_kode="opd.dinkes", nama_inovasi="Sipandu  sehat", tahapan="Penerapan", jenis="Digital",
             bentuk="Pelayanan Publik", inisiator="OPD", urusan="Kesehatan", nip_penggagas=f"{N1};{N2}",
             lokasi_kecamatan="Seluruh Kabupaten", tanggal_uji_coba="2021-01-04", tanggal_penerapan="2021-06-01",
             dasar_hukum="Peraturan Kepala Daerah", anggaran_tahun_berjalan=10e6, anggaran_tahun_lalu=8e6,
             anggaran_dua_tahun_lalu=5e6, ada_sop=True, jumlah_replikasi=3, jumlah_penerima_manfaat=1000,
             monev="Eksternal"),
        # I2
        dict(unit_kode="opd.dinkes", nama_inovasi="Posyandu Remaja", tahapan="Penerapan", jenis="Non Digital",
             inisiator="ASN", urusan="Kesehatan;Sosial", nip_penggagas=f"{N2};{N1}", lokasi_kecamatan="Jati;Bae",
             tanggal_uji_coba="2022-09-01", tanggal_penerapan="2023-03-01", dasar_hukum="SK Kepala Daerah",
             anggaran_tahun_berjalan=5e6, anggaran_tahun_lalu=5e6, ada_sop=True, jumlah_replikasi=0,
             jumlah_penerima_manfaat=300, monev="Survei Kepuasan"),
        # I3
        dict(unit_kode="opd.dinkes", nama_inovasi="Klinik Digital", tahapan="Uji Coba", jenis="Digital",
             bentuk="Tata Kelola Pemerintahan Daerah", urusan="Kesehatan", nip_penggagas=N1,
             lokasi_kecamatan="Kota Kudus", tanggal_uji_coba="2024-02-01", anggaran_tahun_lalu=0.0,
             anggaran_dua_tahun_lalu=2e6, jumlah_penerima_manfaat=50, monev="Internal"),
        # I4
        dict(unit_kode="uptd.pkm-jati", nama_inovasi="Jemput Bola Lansia", tahapan="Penerapan", jenis="Non Digital",
             inisiator="ASN", nip_penggagas=N3, lokasi_kecamatan="Jati", tanggal_uji_coba="2022-01-03",
             tanggal_penerapan="2022-12-31", dasar_hukum="SK Kepala Perangkat Daerah",
             anggaran_tahun_berjalan=1e6, anggaran_dua_tahun_lalu=1e6, ada_sop=False, jumlah_replikasi=1,
             jumlah_penerima_manfaat=201, monev="Tidak Ada"),
        # I5
        dict(unit_kode="uptd.pkm-jati", nama_inovasi="Skrining TBC", tahapan="Inisiatif", jenis="Non Digital",
             bentuk="Inovasi Daerah Lainnya", inisiator="Masyarakat", nip_penggagas=N3, lokasi_kecamatan="Jati"),
        # I6
        dict(unit_kode="kec.jati", nama_inovasi="Jati Bersih", tahapan="Uji Coba", jenis="Non Digital",
             bentuk="Tata Kelola Pemerintahan Daerah", inisiator="Kepala Daerah",
             urusan=f"{TRANTIBUM};Lingkungan Hidup", nip_penggagas=N4, lokasi_kecamatan="Jati",
             tanggal_uji_coba="2024-01-15", dasar_hukum="Peraturan Daerah", anggaran_tahun_berjalan=2e6,
             anggaran_tahun_lalu=2e6, anggaran_dua_tahun_lalu=2e6, ada_sop=True, jumlah_replikasi=2,
             jumlah_penerima_manfaat=600, monev="Internal"),
        # I7
        dict(unit_kode="kec.jati", nama_inovasi="Kampung KB", tahapan="Penerapan", jenis="Non Digital",
             inisiator="Masyarakat", urusan=PPKB, nip_penggagas=N7, lokasi_kecamatan="Jati",
             tanggal_uji_coba="2019-06-01", tanggal_penerapan="2020-01-01", dasar_hukum="SK Kepala Daerah",
             ada_sop=True, jumlah_replikasi=0, jumlah_penerima_manfaat=100, monev="Internal", status="Tidak Aktif"),
        # I8
        dict(unit_kode="opd.dishub", nama_inovasi="Parkir Online", tahapan="Penerapan", jenis="Digital",
             urusan="Perhubungan", nip_penggagas=f"{N5};{N5};{N1}", lokasi_kecamatan="Kota Kudus;Jati",
             tanggal_uji_coba="2022-06-01", tanggal_penerapan="2023-01-10", dasar_hukum="Peraturan Kepala Daerah",
             anggaran_tahun_berjalan=3e6, anggaran_tahun_lalu=3e6, anggaran_dua_tahun_lalu=3e6, ada_sop=True,
             monev="Survei Kepuasan"),
        # I9
        dict(unit_kode="opd.dishub", nama_inovasi="Halte Pintar", tahapan="Uji Coba", jenis="Digital",
             urusan=f"Perhubungan;{PUPR}", nip_penggagas=N1, lokasi_kecamatan="Seluruh Kabupaten",
             tanggal_uji_coba="2024-05-02", dasar_hukum="Tidak Ada", jumlah_penerima_manfaat=10),
    ])


def golden_officials() -> pd.DataFrame:
    return officials_frame([
        dict(unit_kode="opd.dinkes", tahun=2023, nip=N1, nama="dr. Satu", jenis_jabatan="JPT Pratama", tpp_dasar=9e6),
        dict(unit_kode="opd.dinkes", nip=N1, nama="dr. Satu", jenis_jabatan="JPT Pratama", kelas_jabatan=14,
             tpp_dasar=10_000_000),
        dict(unit_kode="opd.dinkes", nip=N2, nama="Dua", jenis_jabatan="Administrator", tpp_dasar=6_000_000),
        dict(unit_kode="opd.dinkes", nip=N6, nama="Enam", jenis_jabatan="Pelaksana"),
        dict(unit_kode="uptd.pkm-jati", nip=N3, nama="Tiga", jenis_jabatan="Pengawas", tpp_dasar=4_000_000),
        dict(unit_kode="kec.jati", nip=N4, nama="Empat", jenis_jabatan="Administrator", tpp_dasar=5_000_000),
        dict(unit_kode="kec.jati", nip=N7, nama="Tujuh", jenis_jabatan="Pelaksana", tpp_dasar=2_500_000),
        dict(unit_kode="opd.dishub", nip=N5, nama="Lima", jenis_jabatan="Pengawas", tpp_dasar=4_500_000),
        dict(unit_kode="bumd.bpr", nip=N8, nama="Delapan", tpp_dasar=3_000_000),
    ])
