"""Golden test: a small hand-built dataset whose every figure was computed by hand.

The data (tests/indicator_frames.py, golden_*): 2024 innovations I1..I9 —
  I1 Dinkes  "Sipandu  sehat"  Penerapan 2021-06-01, Digital, Perkada, budget 3 yrs, SOP, 3 repl., 1000 benef.,
             Eksternal
  I2 Dinkes  "Posyandu Remaja" Penerapan 2023-03-01, Non Digital, SK KD, budget 2 consecutive, SOP, 300 benef., SKM
  I3 Dinkes  "Klinik Digital"  Uji Coba (new), Digital, budget 1 yr (0 Rp is no budget), 50 benef., Internal
  I4 PKM Jati "Jemput Bola Lansia" Penerapan 2022-12-31 (new), SK KPD, budget 2 non-consecutive, 1 repl., 201 benef.
  I5 PKM Jati "Skrining TBC"   Inisiatif (new, not counting)
  I6 Kec Jati "Jati Bersih"    Uji Coba (Inisiatif in 2023, so not new), Perda, budget 3 yrs, SOP, 2 repl., 600 benef.
  I7 Kec Jati "Kampung KB"     Penerapan 2020, Tidak Aktif (new, not counting, Vakum)
  I8 Dishub  "Parkir Online"   Penerapan 2023-01-10, Perkada, budget 3 yrs, SOP, SKM; NIP N5 listed twice
  I9 Dishub  "Halte Pintar"    Uji Coba (new), Tidak Ada, 10 benef.
2023: SIPANDU Sehat (Penerapan), Posyandu Remaja (Uji Coba), Jati Bersih (Inisiatif), Parkir Online (Penerapan).
Counting in 2024 (Aktif, Uji Coba or Penerapan): I1 I2 I3 I4 I6 I8 I9 = 7; in 2023: 3.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from indicator_frames import N1, N2, N3, N4, N5, N6, N7, N8, golden_innovations, golden_officials, golden_units

from analytics import indicators as ind
from analytics.rules import DISCLAIMER, load_rules

YEAR = 2024


@pytest.fixture(scope="module")
def frames() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return golden_units(), golden_innovations(), golden_officials()


@pytest.fixture(scope="module")
def all_(frames):
    units, innovations, officials = frames
    return ind.compute_all(units, innovations, officials, year=YEAR, rules=load_rules())


def rows(frame: pd.DataFrame, key: str, columns: list[str]) -> dict[str, tuple]:
    return {k: tuple(v) for k, *v in frame[[key, *columns]].itertuples(index=False)}


COUNTS = ["jumlah_inovasi", "jumlah_dihitung", "jumlah_baru", "dihitung_tahun_lalu", "perubahan"]


# ---- 1 counts --------------------------------------------------------------------------------
def test_totals(frames):
    _, innovations, _ = frames
    assert ind.summarize_counts(innovations, year=YEAR) == {
        "jumlah_inovasi": 9, "jumlah_dihitung": 7, "jumlah_baru": 5, "baru_dihitung": 3, "unit_melapor": 4,
        "dihitung_tahun_lalu": 3, "perubahan": 4}
    year_rows = innovations.loc[innovations["tahun"].eq(YEAR)]
    assert ind.counting_mask(year_rows, rules=load_rules()).tolist() == [True, True, True, True, False, True, False,
                                                                         True, True]


def test_count_by_unit(frames):
    units, innovations, _ = frames
    got = rows(ind.count_by_unit(units, innovations, year=YEAR), "unit_kode", COUNTS)
    assert got == {"opd.dinkes": (3, 3, 1, 2, 1), "opd.dishub": (2, 2, 1, 1, 1), "kec.jati": (2, 1, 1, 0, 1),
                   "uptd.pkm-jati": (2, 1, 2, 0, 1), "bumd.bpr": (0, 0, 0, 0, 0)}  # opd.lama: inactive, silent


def test_count_by_unit_all_years(frames):
    units, innovations, _ = frames
    got = rows(ind.count_by_unit(units, innovations, year=None), "unit_kode", ["jumlah_inovasi", "jumlah_dihitung"])
    assert got == {"opd.dinkes": (5, 5), "opd.dishub": (3, 3), "kec.jati": (3, 1), "uptd.pkm-jati": (2, 1),
                   "bumd.bpr": (0, 0)}


def test_count_by_jenis_unit_and_parent_opd(frames):
    units, innovations, _ = frames
    assert rows(ind.count_by_jenis_unit(units, innovations, year=YEAR), "jenis_unit", COUNTS) == {
        "OPD": (5, 5, 2, 3, 2), "Kecamatan": (2, 1, 1, 0, 1), "BUMD": (0, 0, 0, 0, 0), "UPTD": (2, 1, 2, 0, 1)}
    # The UPTD rolls up into Dinas Kesehatan: 3 + 2 innovations, 3 + 1 counting, 2 units.
    assert rows(ind.count_by_opd_induk(units, innovations, year=YEAR), "opd_induk_kode", ["jumlah_unit", *COUNTS]) == {
        "opd.dinkes": (2, 5, 4, 3, 2, 2), "opd.dishub": (1, 2, 2, 1, 1, 1), "kec.jati": (1, 2, 1, 1, 0, 1),
        "bumd.bpr": (1, 0, 0, 0, 0, 0)}


def test_count_by_kecamatan_keeps_regency_wide_apart(frames):
    _, innovations, _ = frames
    table = ind.count_by_kecamatan(innovations, year=YEAR)
    assert table["kecamatan"].tolist() == ["Kaliwungu", "Kota Kudus", "Jati", "Undaan", "Mejobo", "Jekulo", "Bae",
                                           "Gebog", "Dawe", "Seluruh Kabupaten"]
    assert rows(table, "kecamatan", ["kode", "grup", *COUNTS]) == {
        "Kaliwungu": ("33.19.01", "kecamatan", 0, 0, 0, 0, 0),
        "Kota Kudus": ("33.19.02", "kecamatan", 2, 2, 1, 1, 1),   # I3, I8
        "Jati": ("33.19.03", "kecamatan", 6, 4, 3, 1, 3),         # I2 I4 I5 I6 I7 I8
        "Undaan": ("33.19.04", "kecamatan", 0, 0, 0, 0, 0),
        "Mejobo": ("33.19.05", "kecamatan", 0, 0, 0, 0, 0),
        "Jekulo": ("33.19.06", "kecamatan", 0, 0, 0, 0, 0),
        "Bae": ("33.19.07", "kecamatan", 1, 1, 0, 0, 1),          # I2
        "Gebog": ("33.19.08", "kecamatan", 0, 0, 0, 0, 0),
        "Dawe": ("33.19.09", "kecamatan", 0, 0, 0, 0, 0),
        "Seluruh Kabupaten": ("33.19", "lintas kecamatan", 2, 2, 1, 1, 1),  # I1, I9: never spread
    }
    assert table["jumlah_inovasi"].sum() == 11  # I2 and I8 sit in two kecamatan each


def test_count_by_categories(frames):
    _, innovations, _ = frames
    two = ["jumlah_inovasi", "jumlah_dihitung"]
    assert rows(ind.count_by_tahapan(innovations, year=YEAR), "tahapan", two) == {
        "Inisiatif": (1, 0), "Uji Coba": (3, 3), "Penerapan": (5, 4)}
    assert rows(ind.count_by_jenis(innovations, year=YEAR), "jenis", two) == {"Digital": (4, 4), "Non Digital": (5, 3),
                                                                                 "Teknologi": (0, 0)}
    assert rows(ind.count_by_bentuk(innovations, year=YEAR), "bentuk", two) == {
        "Tata Kelola Pemerintahan Daerah": (2, 2), "Pelayanan Publik": (6, 5), "Inovasi Daerah Lainnya": (1, 0)}
    assert rows(ind.count_by_inisiator(innovations, year=YEAR), "inisiator", two) == {
        "Kepala Daerah": (1, 1), "Anggota DPRD": (0, 0), "OPD": (4, 4), "ASN": (2, 2), "Masyarakat": (2, 0)}
    assert rows(ind.count_by_status(innovations, year=YEAR), "status", two) == {"Aktif": (8, 7), "Tidak Aktif": (1, 0)}


def test_count_by_urusan_is_multi_label(frames):
    _, innovations, _ = frames
    table = ind.count_by_urusan(innovations, year=YEAR)
    nonzero = table.loc[table["jumlah_inovasi"] > 0]
    assert rows(nonzero, "urusan", ["pelayanan_dasar", "jumlah_inovasi", "jumlah_dihitung"]) == {
        "Kesehatan": (True, 5, 4), "Pekerjaan Umum dan Penataan Ruang": (True, 1, 1),
        "Ketenteraman, Ketertiban Umum dan Pelindungan Masyarakat": (True, 1, 1), "Sosial": (True, 1, 1),
        "Lingkungan Hidup": (False, 1, 1), "Pengendalian Penduduk dan Keluarga Berencana": (False, 1, 0),
        "Perhubungan": (False, 2, 2)}
    assert len(table) == 38


def test_count_by_tahun(frames):
    _, innovations, _ = frames
    table = ind.count_by_tahun(innovations)
    assert table[["tahun", "jumlah_inovasi", "jumlah_dihitung", "jumlah_baru", "unit_melapor"]].values.tolist() == [
        [2023, 4, 3, 4, 3], [2024, 9, 7, 5, 4]]
    assert table["perubahan"].isna().tolist() == [True, False] and int(table["perubahan"].iloc[1]) == 4


# ---- 2 coverage ------------------------------------------------------------------------------
def test_satu_instansi_satu_inovasi(frames):
    units, innovations, officials = frames
    table = ind.cakupan_satu_instansi(units, innovations, year=YEAR)
    assert rows(table, "jenis_unit", ["jumlah_unit", "unit_berinovasi", "unit_tanpa_inovasi", "porsi_berinovasi"]) == {
        "OPD": (2, 2, 0, 1.0), "Kecamatan": (1, 1, 0, 1.0), "BUMD": (1, 0, 1, 0.0), "UPTD": (1, 1, 0, 1.0)}
    none = ind.unit_tanpa_inovasi(units, innovations, year=YEAR, officials=officials)
    assert none[["unit_kode", "jumlah_inovasi", "melapor"]].values.tolist() == [["bumd.bpr", 0, True]]


def test_basic_services(frames):
    _, innovations, _ = frames
    summary = ind.ringkasan_pelayanan_dasar(innovations, year=YEAR)
    assert summary == {
        "tercakup": ["Kesehatan", "Pekerjaan Umum dan Penataan Ruang",
                     "Ketenteraman, Ketertiban Umum dan Pelindungan Masyarakat", "Sosial"],
        "belum_tercakup": ["Pendidikan", "Perumahan Rakyat dan Kawasan Permukiman"],
        "jumlah_tercakup": 4, "dari": 6, "minimum": 5, "memenuhi_minimum": False}
    assert ind.cakupan_pelayanan_dasar(innovations, year=YEAR)["jumlah_dihitung"].tolist() == [0, 4, 1, 0, 1, 1]


def test_satu_pejabat_satu_inovasi(frames):
    units, innovations, officials = frames
    by_unit = ind.cakupan_satu_pejabat(officials, innovations, year=YEAR, units=units)
    assert rows(by_unit, "unit_kode", ["jumlah_pejabat", "pejabat_berinovasi"]) == {
        "bumd.bpr": (1, 0), "kec.jati": (2, 1), "opd.dinkes": (3, 2), "opd.dishub": (1, 1), "uptd.pkm-jati": (1, 1)}
    assert by_unit.set_index("unit_kode").loc["opd.dinkes", "porsi_berinovasi"] == pytest.approx(2 / 3)
    by_type = ind.cakupan_satu_pejabat(officials, innovations, year=YEAR, by="jenis_jabatan")
    assert rows(by_type, "jenis_jabatan", ["jumlah_pejabat", "pejabat_berinovasi", "porsi_berinovasi"]) == {
        "JPT Pratama": (1, 1, 1.0), "Administrator": (2, 2, 1.0), "Pengawas": (2, 2, 1.0), "Fungsional": (0, 0, 0.0),
        "Pelaksana": (2, 0, 0.0), "(tidak diisi)": (1, 0, 0.0)}


# ---- 3 sustainability ------------------------------------------------------------------------
def test_sustainability_per_innovation(frames):
    _, innovations, _ = frames
    table = ind.keberlanjutan_per_inovasi(innovations, year=YEAR)
    flags = ["flag_penerapan", "flag_dasar_hukum", "flag_anggaran", "flag_sop", "flag_monev", "flag_replikasi"]
    got = {name: (tuple(int(f) for f in fl), score, cat) for name, fl, score, cat in zip(
        table["nama_inovasi"], table[flags].values.tolist(), table["skor_keberlanjutan"],
        table["kategori_keberlanjutan"].astype(str), strict=True)}
    assert got == {
        "Sipandu  sehat": ((1, 1, 1, 1, 1, 1), 100.0, "Berkelanjutan"),
        "Posyandu Remaja": ((0, 1, 1, 1, 1, 0), 65.0, "Berkelanjutan"),    # Penerapan only since 2023
        "Klinik Digital": ((0, 0, 0, 0, 1, 0), 15.0, "Perlu Penguatan"),
        "Jemput Bola Lansia": ((1, 0, 1, 0, 0, 1), 55.0, "Perlu Penguatan"),  # 31 Dec 2022: exactly 2 years
        "Skrining TBC": ((0, 0, 0, 0, 0, 0), 0.0, "Perlu Penguatan"),
        "Jati Bersih": ((0, 1, 1, 1, 1, 1), 75.0, "Perlu Penguatan"),      # score ok, but only Uji Coba
        "Kampung KB": ((1, 1, 0, 1, 1, 0), 70.0, "Vakum"),                 # Tidak Aktif: the gate
        "Parkir Online": ((0, 1, 1, 1, 1, 0), 65.0, "Berkelanjutan"),
        "Halte Pintar": ((0, 0, 0, 0, 0, 0), 0.0, "Perlu Penguatan"),
    }


def test_sustainability_per_unit_and_regency(frames):
    units, innovations, _ = frames
    table = ind.keberlanjutan_per_unit(units, innovations, year=YEAR)
    got = rows(table, "unit_kode", ["jumlah_inovasi", "berkelanjutan", "perlu_penguatan", "vakum", "rata_rata_skor"])
    assert {k: v[:4] for k, v in got.items()} == {
        "opd.dinkes": (3, 2, 1, 0), "uptd.pkm-jati": (2, 0, 2, 0), "kec.jati": (2, 0, 1, 1), "opd.dishub": (2, 1, 1, 0),
        "bumd.bpr": (0, 0, 0, 0)}
    assert [got[k][4] for k in ("opd.dinkes", "uptd.pkm-jati", "kec.jati", "opd.dishub")] == [60.0, 27.5, 72.5, 32.5]
    assert pd.isna(got["bumd.bpr"][4])
    assert table.set_index("unit_kode").loc["opd.dinkes", "porsi_berkelanjutan"] == pytest.approx(2 / 3)
    regency = ind.keberlanjutan_kabupaten(innovations, year=YEAR)
    assert regency["jumlah_inovasi"] == 9
    assert (regency["berkelanjutan"], regency["perlu_penguatan"], regency["vakum"]) == (3, 5, 1)
    assert regency["porsi_berkelanjutan"] == pytest.approx(3 / 9)
    assert regency["porsi_vakum"] == pytest.approx(1 / 9)
    assert regency["rata_rata_skor"] == pytest.approx(445 / 9)
    assert regency["flag_terpenuhi"] == {"penerapan": 3, "dasar_hukum": 5, "anggaran": 5, "sop": 5, "monev": 6,
                                         "replikasi": 3}


# ---- 4 maturity ------------------------------------------------------------------------------
def test_maturity_per_innovation(frames):
    _, innovations, _ = frames
    table = ind.kematangan_per_inovasi(innovations, year=YEAR)
    levels = ["level_regulasi", "level_dukungan_anggaran", "level_alat_kerja", "level_replikasi",
              "level_kemanfaatan", "level_monev"]
    got = {n: tuple(lv) for n, lv in zip(table["nama_inovasi"], table[levels].values.tolist(), strict=True)}
    assert got == {
        "Sipandu  sehat": (2, 3, 3, 3, 3, 3),      # 6+6+6+9+9+6 = 42
        "Posyandu Remaja": (1, 2, 1, 0, 2, 2),     # 3+4+2+0+6+4 = 19
        "Klinik Digital": (0, 1, 3, 0, 1, 1),      # 0+2+6+0+3+2 = 13
        "Jemput Bola Lansia": (1, 1, 1, 1, 2, 0),  # 3+2+2+3+6+0 = 16
        "Skrining TBC": (0, 0, 1, 0, 0, 0),        # 2
        "Jati Bersih": (3, 3, 1, 2, 3, 1),         # 9+6+2+6+9+2 = 34
        "Kampung KB": (1, 0, 1, 0, 1, 1),          # 3+0+2+0+3+2 = 10
        "Parkir Online": (2, 3, 3, 0, 0, 2),       # 6+6+6+0+0+4 = 22
        "Halte Pintar": (0, 0, 3, 0, 1, 0),        # 6+3 = 9
    }
    scores = dict(zip(table["nama_inovasi"], table["skor_kematangan"], strict=True))
    assert scores["Sipandu  sehat"] == pytest.approx(93.3333, abs=1e-4)
    assert scores["Posyandu Remaja"] == pytest.approx(42.2222, abs=1e-4)
    assert scores["Halte Pintar"] == pytest.approx(20.0)
    predicates = dict(zip(table["nama_inovasi"], table["predikat"].astype(str), strict=True))
    assert predicates["Sipandu  sehat"] == "Sangat Inovatif" and predicates["Jemput Bola Lansia"] == "Inovatif"
    assert predicates["Klinik Digital"] == "Kurang Inovatif"


def test_maturity_per_unit_and_regency(frames):
    units, innovations, _ = frames
    table = ind.kematangan_per_unit(units, innovations, year=YEAR).set_index("unit_kode")
    assert table["jumlah_dihitung"].to_dict() == {"opd.dinkes": 3, "uptd.pkm-jati": 1, "kec.jati": 1, "opd.dishub": 2,
                                                  "bumd.bpr": 0}
    assert table.loc["opd.dinkes", "rata_rata_kematangan"] == pytest.approx(54.8148, abs=1e-4)  # 74/45*100/3
    assert table.loc["opd.dinkes", "estimasi_sid"] == pytest.approx(16.4444, abs=1e-4)  # /MAX(10, 3)
    assert table.loc["opd.dishub", "rata_rata_kematangan"] == pytest.approx(34.4444, abs=1e-4)
    assert pd.isna(table.loc["bumd.bpr", "rata_rata_kematangan"]) and table.loc["bumd.bpr", "estimasi_sid"] == 0
    assert str(table.loc["bumd.bpr", "predikat"]) == "Tidak Dapat Dinilai"
    assert str(table.loc["opd.dinkes", "predikat"]) == "Kurang Inovatif"
    regency = ind.kematangan_kabupaten(innovations, year=YEAR)
    assert regency["jumlah_dihitung"] == 7
    assert regency["rata_rata_kematangan"] == pytest.approx(49.2063, abs=1e-4)  # 155/45*100/7
    assert regency["estimasi_sid"] == pytest.approx(34.4444, abs=1e-4)          # 155/45*100/10
    assert regency["predikat"] == "Kurang Inovatif"                             # < 35.00 in 2024
    assert len(regency["indikator_tidak_dipakai"]) == 14 and len(regency["indikator_dipakai"]) == 6


def test_predicate_thresholds_change_by_year():
    rules = load_rules()
    assert [ind.predikat_iid(s, year=2024, rules=rules) for s in (0, 0.01, 34.99, 35.0, 60.0, 60.01)] == [
        "Tidak Dapat Dinilai", "Kurang Inovatif", "Kurang Inovatif", "Inovatif", "Inovatif", "Sangat Inovatif"]
    assert [ind.predikat_iid(s, year=2025, rules=rules) for s in (40.0, 40.01, 65.0, 65.01)] == [
        "Kurang Inovatif", "Inovatif", "Inovatif", "Sangat Inovatif"]
    assert ind.predikat_iid(62.0, year=2019, rules=rules) == "Sangat Inovatif"  # before 2022: earliest band


# ---- 5 TPP -------------------------------------------------------------------------------------
def test_tpp_per_official(frames):
    units, innovations, officials = frames
    table = ind.tpp_per_pejabat(officials, innovations, year=YEAR, units=units)
    got = {nip: (n, str(t), p, None if pd.isna(rp) else rp, b) for nip, n, t, p, rp, b in table[
        ["nip", "jumlah_inovasi", "tingkat", "penyesuaian_persen", "penyesuaian_rp_bulan", "belum_berinovasi"]
    ].itertuples(index=False)}
    assert got == {
        N1: (5, "5+", 5.0, 500_000.0, False),   # I1 I2 I3 I8 I9
        N2: (2, "1-2", 3.0, 180_000.0, False),  # I1 I2
        N6: (0, "0", 0.0, None, True),          # no TPP Dasar: no Rupiah figure
        N3: (1, "1-2", 3.0, 120_000.0, False),  # I4 (I5 is Inisiatif)
        N4: (1, "1-2", 3.0, 150_000.0, False),  # I6
        N7: (0, "0", 0.0, 0.0, True),           # only I7, Tidak Aktif
        N5: (1, "1-2", 3.0, 135_000.0, False),  # I8 names N5 twice: once
        N8: (0, "0", 0.0, 0.0, True),
    }
    assert table["penyesuaian_rp_tahun"].sum() == 13_020_000.0
    assert (table["catatan"] == DISCLAIMER).all() and table.attrs["catatan"] == DISCLAIMER
    assert table["aturan_tpp"].str.contains("1–2 → +3%", regex=False).all()


def test_tpp_per_unit_and_regency(frames):
    units, innovations, officials = frames
    table = ind.tpp_per_unit(units, officials, innovations, year=YEAR)
    cols = ["jumlah_pejabat", "pejabat_berinovasi", "pejabat_tanpa_tpp_dasar", "total_rp_bulan", "total_rp_tahun",
            "tingkat_0", "tingkat_1-2", "tingkat_3-4", "tingkat_5+"]
    assert rows(table, "unit_kode", cols) == {
        "bumd.bpr": (1, 0, 0, 0.0, 0.0, 1, 0, 0, 0),
        "kec.jati": (2, 1, 0, 150_000.0, 1_800_000.0, 1, 1, 0, 0),
        "opd.dinkes": (3, 2, 1, 680_000.0, 8_160_000.0, 1, 1, 0, 1),
        "opd.dishub": (1, 1, 0, 135_000.0, 1_620_000.0, 0, 1, 0, 0),
        "uptd.pkm-jati": (1, 1, 0, 120_000.0, 1_440_000.0, 0, 1, 0, 0)}
    assert (table["catatan"] == DISCLAIMER).all()
    regency = ind.tpp_kabupaten(officials, innovations, year=YEAR)
    assert {k: regency[k] for k in ("jumlah_pejabat", "pejabat_berinovasi", "porsi_berinovasi", "pejabat_per_tingkat",
                                    "pejabat_tanpa_tpp_dasar", "total_rp_bulan", "total_rp_tahun", "catatan")} == {
        "jumlah_pejabat": 8, "pejabat_berinovasi": 5, "porsi_berinovasi": 0.625,
        "pejabat_per_tingkat": {"0": 3, "1-2": 4, "3-4": 0, "5+": 1}, "pejabat_tanpa_tpp_dasar": 1,
        "total_rp_bulan": 1_085_000.0, "total_rp_tahun": 13_020_000.0, "catatan": DISCLAIMER}
    assert DISCLAIMER in regency["aturan_tpp"]


def test_tpp_unit_rule(frames, tmp_path):
    units, innovations, officials = frames
    path = tmp_path / "aturan.toml"
    path.write_text("[tpp.aturan_unit]\naktif = true\npotongan_persen = 5\n", encoding="utf-8")
    rules = load_rules(path)
    table = ind.tpp_per_pejabat(officials, innovations, year=YEAR, rules=rules).set_index("nip")
    # Only PD BPR Bank Pasar has no counting innovation: N8 gets 0% - 5% of Rp 3,000,000.
    assert table.loc[N8, ["potongan_unit_persen", "penyesuaian_persen", "penyesuaian_rp_bulan"]].tolist() == [
        5.0, -5.0, -150_000.0]
    assert table.loc[N7, "penyesuaian_persen"] == 0.0  # Kecamatan Jati has I6: no cut
    regency = ind.tpp_kabupaten(officials, innovations, year=YEAR, rules=rules)
    assert (regency["total_rp_bulan"], regency["total_rp_tahun"]) == (935_000.0, 11_220_000.0)
    assert "−5%" in regency["aturan_tpp"]


# ---- 7 explanations ----------------------------------------------------------------------------
def names(frame: pd.DataFrame) -> list[str]:
    return sorted(frame["nama_inovasi"])


def test_explain_innovations_behind_figures(frames):
    units, innovations, officials = frames
    kw = dict(innovations=innovations, units=units, officials=officials, year=YEAR)
    assert names(ind.explain("dihitung", **kw, kecamatan="Jati")) == [
        "Jati Bersih", "Jemput Bola Lansia", "Parkir Online", "Posyandu Remaja"]
    assert names(ind.explain("inovasi", **kw, kecamatan="lintas kecamatan")) == ["Halte Pintar", "Sipandu  sehat"]
    assert names(ind.explain("dihitung", **kw, opd_induk_kode="opd.dinkes")) == [
        "Jemput Bola Lansia", "Klinik Digital", "Posyandu Remaja", "Sipandu  sehat"]
    assert names(ind.explain("baru", **kw, dihitung=True)) == ["Halte Pintar", "Jemput Bola Lansia", "Klinik Digital"]
    assert names(ind.explain("keberlanjutan", **kw, kategori_keberlanjutan="Vakum")) == ["Kampung KB"]
    assert names(ind.explain("pelayanan_dasar", **kw, urusan="Sosial")) == ["Posyandu Remaja"]
    assert names(ind.explain("dihitung", **kw, unit_kode="opd.dishub", urusan=["Perhubungan"])) == [
        "Halte Pintar", "Parkir Online"]


def test_explain_officials_and_units(frames):
    units, innovations, officials = frames
    kw = dict(innovations=innovations, units=units, officials=officials, year=YEAR)
    tier = ind.explain("pejabat", **kw, tingkat="1-2")
    assert sorted(tier["nip"]) == sorted([N2, N3, N4, N5])
    assert tier.set_index("nip").loc[N2, "inovasi"] == "Sipandu  sehat; Posyandu Remaja"
    assert sorted(ind.explain("pejabat_belum_berinovasi", **kw)["nip"]) == sorted([N6, N7, N8])
    assert ind.explain("unit_tanpa_inovasi", **kw)["unit_kode"].tolist() == ["bumd.bpr"]
    with pytest.raises(ValueError, match="unknown figure"):
        ind.explain("nope", **kw)
    with pytest.raises(ValueError, match="unknown filter"):
        ind.explain("pejabat", **kw, kecamatan="Jati")


# ---- 8 the CLI's JSON ----------------------------------------------------------------------------
def test_report(frames):
    units, innovations, officials = frames
    report = ind.indicators_report(units, innovations, officials, year=YEAR, rules=load_rules())
    json.dumps(report, allow_nan=False)
    assert report["year"] == 2024
    totals = report["totals"]
    assert (totals["innovations"], totals["counting"], totals["new"], totals["change"]) == (9, 7, 5, 4)
    assert totals["by_tahapan"] == {"Inisiatif": 1, "Uji Coba": 3, "Penerapan": 5}
    assert totals["by_jenis"] == {"Digital": 4, "Non Digital": 5, "Teknologi": 0}
    assert totals["by_bentuk"] == {"Tata Kelola Pemerintahan Daerah": 2, "Pelayanan Publik": 6,
                                   "Inovasi Daerah Lainnya": 1}
    by_unit = {u["unit"]: u for u in report["units"]}
    assert by_unit["opd.dinkes"] == {"unit": "opd.dinkes", "unit_name": "Dinas Kesehatan", "unit_type": "OPD",
                                     "innovations": 3, "counting": 3, "sustainable": 2, "maturity": 54.81,
                                     "officials": 3, "officials_with_innovation": 2}
    assert by_unit["bumd.bpr"]["maturity"] is None
    kec = {k["kecamatan"]: k for k in report["kecamatan"]}
    assert kec["Jati"] == {"kecamatan": "Jati", "kode": "33.19.03", "group": "kecamatan", "innovations": 6,
                           "counting": 4}
    assert report["coverage"]["units_without_innovation"] == ["bumd.bpr"]
    assert report["coverage"]["basic_services"]["count"] == 4
    assert report["tpp"]["officials_by_tier"] == {"0": 3, "1-2": 4, "3-4": 0, "5+": 1}
    assert (report["tpp"]["monthly_total_rp"], report["tpp"]["yearly_total_rp"]) == (1_085_000.0, 13_020_000.0)
    assert DISCLAIMER in report["tpp"]["rule"] and report["tpp"]["disclaimer"] == DISCLAIMER
    assert report["sustainability"]["by_category"] == {"Berkelanjutan": 3, "Perlu Penguatan": 5, "Vakum": 1}
    assert report["maturity"]["predicate"] == "Kurang Inovatif" and len(report["maturity"]["indicators_not_used"]) == 14
