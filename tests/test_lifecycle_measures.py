"""Outcomes, survival, time to Penerapan, stops, flows and the flag check on a hand-built dataset.

Three units, 2023–2025, every expected value worked out by hand below:

opd.a (OPD) reports 2023, 2024, 2025
  A1 Antar Obat      2023 Uji Coba, 2024 Penerapan, 2025 Penerapan (Aktif)      berlanjut
  A2 Kelas Ibu       2023 Penerapan Aktif, 2024 Tidak Aktif, gone in 2025       berhenti 2024 (T=1)
  A3 Sapa Warga      2023 Aktif, missing in 2024, back 2025 Aktif               berlanjut, revived; T=1
  A4 Pojok Baca      2024 Inisiatif, 2025 Uji Coba                               berlanjut (kohort 2024)
  A5 Data Desa       2024 Aktif, gone in 2025                                   berhenti 2025 (T=1)
  A6 Kios Pajak      2025                                                       baru
  A7 Layanan Lama    2023 Tidak Aktif (first report), gone                      berhenti 2023 (T=0)
kec.b (Kecamatan) reports 2023 and 2025 — skipped 2024
  B1 Camat Menyapa   2023, 2025 Aktif                                           berlanjut (the skip is no stop)
  B2 Musrenbang      2023 Aktif, gone in 2025                                   berhenti 2025 (T=2)
  B3 Ngopi Bareng    2025                                                       baru
uptd.c (UPTD) reports 2023 and 2024 — nothing in 2025: censored after 2024
  C1 Posyandu Lansia 2023, 2024 Aktif                                           berlanjut (C=1)
  C2 Posyandu Balita 2024                                                       baru (its unit's latest year)
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from lifecycle_frames import UNITS, frame, record

from analytics import lifecycle as life

STRONG = {"dasar_hukum": "Peraturan Kepala Daerah", "anggaran_tahun_berjalan": 1e6, "anggaran_tahun_lalu": 1e6,
          "ada_sop": True, "monev": "Internal", "jumlah_replikasi": 1}  # 20+20+10+15+10 = 75 without penerapan
A1_DATES = {"tanggal_uji_coba": date(2023, 1, 1), "tanggal_penerapan": date(2024, 1, 1)}  # 365 days


def dataset() -> pd.DataFrame:
    r = record
    return frame([
        r("opd.a", 2023, "Antar Obat", "Uji Coba", tanggal_uji_coba=date(2023, 1, 1)),
        r("opd.a", 2024, "ANTAR-OBAT", "Penerapan", **A1_DATES, **STRONG),
        r("opd.a", 2025, "antar obat ", "Penerapan", **A1_DATES, **STRONG),
        # Berkelanjutan in 2023: applied 2021-06-01 (<= 31 Dec 2021: 25) + Perkada (20) + budget 2 of 3 (20) = 65.
        r("opd.a", 2023, "Kelas Ibu", "Penerapan", tanggal_uji_coba=date(2020, 6, 1),
          tanggal_penerapan=date(2021, 6, 1), dasar_hukum="Peraturan Kepala Daerah", anggaran_tahun_berjalan=1.0,
          anggaran_tahun_lalu=1.0),
        r("opd.a", 2024, "Kelas Ibu", "Penerapan", "Tidak Aktif", tanggal_uji_coba=date(2020, 6, 1),
          tanggal_penerapan=date(2021, 6, 1)),
        r("opd.a", 2023, "Sapa Warga"), r("opd.a", 2025, "Sapa Warga"),
        r("opd.a", 2024, "Pojok Baca", "Inisiatif"), r("opd.a", 2025, "Pojok Baca"),
        r("opd.a", 2024, "Data Desa"),
        r("opd.a", 2025, "Kios Pajak"),
        r("opd.a", 2023, "Layanan Lama", status="Tidak Aktif"),
        r("kec.b", 2023, "Camat Menyapa"), r("kec.b", 2025, "Camat Menyapa"),
        r("kec.b", 2023, "Musrenbang"),
        r("kec.b", 2025, "Ngopi Bareng"),
        r("uptd.c", 2023, "Posyandu Lansia"), r("uptd.c", 2024, "Posyandu Lansia"),
        r("uptd.c", 2024, "Posyandu Balita"),
    ])


@pytest.fixture(scope="module")
def lc() -> life.Lifecycles:
    return life.build_lifecycles(dataset(), units=UNITS)


def row(lc: life.Lifecycles, unit: str, name: str) -> pd.Series:
    table = lc.table
    return table.loc[(table["unit_kode"] == unit) & (table["nama_pertama"] == name)].iloc[0]


def test_every_yearly_record_joins_its_lifecycle(lc):
    assert len(lc.table) == 12 and len(lc.records) == 19
    a1 = row(lc, "opd.a", "Antar Obat")
    assert (a1["tahun_pertama"], a1["tahun_terakhir"], a1["jumlah_tahun"], a1["tahun_laporan"]) == (2023, 2025, 3,
                                                                                                      "2023–2025")
    assert a1["jalur_tahapan"] == "Uji Coba 2023 → Penerapan 2024–2025"
    assert a1["jalur_status"] == "Aktif 2023–2025"
    a3 = row(lc, "opd.a", "Sapa Warga")
    assert (a3["tahun_laporan"], a3["jalur_tahapan"]) == ("2023, 2025", "Uji Coba 2023, 2025")
    assert row(lc, "opd.a", "Kelas Ibu")["jalur_status"] == "Aktif 2023 → Tidak Aktif 2024"


def test_outcomes_by_hand(lc):
    expected = {
        ("opd.a", "Antar Obat"): ("berlanjut", None, False), ("opd.a", "Kelas Ibu"): ("berhenti", 2024, False),
        ("opd.a", "Sapa Warga"): ("berlanjut", None, True), ("opd.a", "Pojok Baca"): ("berlanjut", None, False),
        ("opd.a", "Data Desa"): ("berhenti", 2025, False), ("opd.a", "Kios Pajak"): ("baru", None, False),
        ("opd.a", "Layanan Lama"): ("berhenti", 2023, False), ("kec.b", "Camat Menyapa"): ("berlanjut", None, False),
        ("kec.b", "Musrenbang"): ("berhenti", 2025, False), ("kec.b", "Ngopi Bareng"): ("baru", None, False),
        ("uptd.c", "Posyandu Lansia"): ("berlanjut", None, False),
        ("uptd.c", "Posyandu Balita"): ("baru", None, False),
    }
    for (unit, name), (hasil, stopped, revived) in expected.items():
        found = row(lc, unit, name)
        assert found["hasil"] == hasil, name
        assert (None if pd.isna(found["tahun_berhenti"]) else found["tahun_berhenti"]) == stopped, name
        assert found["dihidupkan_kembali"] == revived, name
    assert life.outcomes_kabupaten(lc) == {"jumlah_inovasi": 12, "berlanjut": 5, "berhenti": 4, "baru": 3,
                                           "porsi_bertahan": 5 / 9}
    per_type = life.outcomes_by(lc, "jenis_unit").set_index("jenis_unit")
    assert per_type.loc["OPD", ["berlanjut", "berhenti", "baru"]].tolist() == [3, 3, 1]
    assert per_type.loc["Kecamatan", ["berlanjut", "berhenti", "baru"]].tolist() == [1, 1, 1]
    assert per_type.loc["UPTD", ["berlanjut", "berhenti", "baru"]].tolist() == [1, 0, 1]
    per_unit = life.outcomes_by_unit(lc, UNITS).set_index("unit_kode")
    assert per_unit.loc["opd.d", "jumlah_inovasi"] == 0 and pd.isna(per_unit.loc["opd.d", "porsi_bertahan"])
    assert per_unit.loc["kec.b", "porsi_bertahan"] == 0.5


def test_survival_per_kohort_by_hand_with_censoring(lc):
    table = life.survival(lc).set_index(["kohort", "tahun_ke"])
    # Kohort 2023: A1 A2 A3 A7 B1 B2 C1.  k=0: 7 observed, A7 stopped -> 6/7.
    # k=1: 6 observed (A7 gone), A2 and A3 stop -> 6/7 * 4/6 = 4/7; C1 is censored there (uptd.c ends 2024).
    # k=2: A1 B1 B2 observed, B2 stops (kec.b skipped 2024: seen in 2025) -> 4/7 * 2/3 = 8/21.
    assert table.loc[(2023, 0), ["berisiko", "berhenti", "disensor"]].tolist() == [7, 1, 0]
    assert table.loc[(2023, 1), ["berisiko", "berhenti", "disensor"]].tolist() == [6, 2, 1]
    assert table.loc[(2023, 2), ["berisiko", "berhenti", "disensor"]].tolist() == [3, 1, 2]
    assert table.loc[(2023, 0), "bertahan"] == pytest.approx(6 / 7)
    assert table.loc[(2023, 1), "bertahan"] == pytest.approx(4 / 7)
    assert table.loc[(2023, 2), "bertahan"] == pytest.approx(8 / 21)
    # Kohort 2024: A4 A5 C2.  k=0: none stops; C2 censored at once.  k=1: A4, A5 observed, A5 stops -> 1/2.
    assert table.loc[(2024, 0), "bertahan"] == 1.0 and table.loc[(2024, 0), "disensor"] == 1
    assert table.loc[(2024, 1), "bertahan"] == pytest.approx(0.5)
    assert pd.isna(table.loc[(2024, 2), "bertahan"]) and table.loc[(2024, 2), "berisiko"] == 0
    # Kohort 2025: A6 B3, one report each: year 0 only.
    assert table.loc[(2025, 0), "bertahan"] == 1.0 and pd.isna(table.loc[(2025, 1), "bertahan"])
    assert table.loc[(2024, 1), "tahun"] == 2025


def test_survival_pooled_by_unit_type(lc):
    curve = life.survival(lc, by="jenis_unit", per_kohort=False).set_index(["jenis_unit", "tahun_ke"])
    # OPD: A1 A2 A3 A7 (2023), A4 A5 (2024), A6 (2025).  k=0: 7 observed, A7 stops -> 6/7.
    # k=1: A1 A2 A3 A4 A5 observed (A6 censored at 0), A2 A3 A5 stop -> 6/7 * 2/5 = 12/35.
    # k=2: A1 observed, no stop -> 12/35.
    assert curve.loc[("OPD", 1), ["berisiko", "berhenti"]].tolist() == [5, 3]
    assert curve.loc[("OPD", 1), "bertahan"] == pytest.approx(12 / 35)
    assert curve.loc[("OPD", 2), "bertahan"] == pytest.approx(12 / 35)
    # Kecamatan: B1 B2 (2023), B3 (2025).  k=1: B1 B2 observed, nobody stops (2024 skipped); k=2: B2 stops.
    assert curve.loc[("Kecamatan", 1), "bertahan"] == 1.0
    assert curve.loc[("Kecamatan", 2), "bertahan"] == pytest.approx(0.5)
    # UPTD: C1 observed to k=1, C2 to k=0; nothing is known at k=2.
    assert curve.loc[("UPTD", 1), "bertahan"] == 1.0 and pd.isna(curve.loc[("UPTD", 2), "bertahan"])
    members = life.survival_members(lc, tahun_ke=1, by="jenis_unit", value="OPD")
    assert sorted(members.loc[members["keadaan"] == "berhenti", "nama_pertama"]) == ["Data Desa", "Kelas Ibu",
                                                                                     "Sapa Warga"]


def test_time_from_uji_coba_to_penerapan(lc):
    timing = life.time_to_penerapan(lc).iloc[0]
    # By report years only A1 moved (Uji Coba 2023 -> Penerapan 2024): 1 year.  By dates: A1 (2023-01-01 ->
    # 2024-01-01) and A2 (2020-06-01 -> 2021-06-01), 365 days each.
    assert (timing["jumlah_transisi"], timing["median_tahun"]) == (1, 1.0)
    assert timing["jumlah_bertanggal"] == 2
    assert timing["median_bulan"] == pytest.approx(365 / (365.25 / 12))
    # Still in Uji Coba and not berhenti: A3 A4 A6 B1 B3 C1 C2.
    assert timing["masih_uji_coba"] == 7


def test_stops_are_dated_to_the_report_that_shows_them(lc):
    by_year = {year: sorted(life.stopped_in(lc, year)["nama_inovasi"]) for year in (2023, 2024, 2025)}
    assert by_year == {2023: ["Layanan Lama"], 2024: ["Kelas Ibu", "Sapa Warga"], 2025: ["Data Desa", "Musrenbang"]}
    kelas = life.stopped_in(lc, 2024).set_index("nama_inovasi").loc["Kelas Ibu"]
    # The last known flags are those of 2023, while still Aktif: penerapan 25 + dasar hukum 20 + anggaran 20.
    assert (kelas["sebab"], kelas["tahun_terakhir_aktif"], kelas["kategori_keberlanjutan"]) == (
        "tidak_aktif", 2023, "Berkelanjutan")
    assert kelas["skor_keberlanjutan"] == 65
    assert life.stopped_in(lc, 2025).set_index("nama_inovasi").at["Musrenbang", "sebab"] == "tidak_dilaporkan"


def test_flag_check_by_hand(lc):
    check = life.flag_check(lc).set_index("kategori_keberlanjutan")
    # Berkelanjutan: A2-2023 (stopped next), A1-2024 (went on), A1-2025 (next unknown).
    assert check.loc["Berkelanjutan", ["jumlah", "diketahui", "berlanjut_berikutnya", "berhenti_berikutnya",
                                       "berhenti_kemudian"]].tolist() == [3, 2, 1, 1, 1]
    assert check.loc["Berkelanjutan", "porsi_berhenti_berikutnya"] == 0.5
    # Vakum: A2-2024 and A7-2023, neither back.
    assert check.loc["Vakum", ["jumlah", "diketahui", "berhenti_berikutnya"]].tolist() == [2, 2, 2]
    # Perlu Penguatan: 14 records, 7 with a known next report; A3-2023, A5-2024, B2-2023 stopped.
    assert check.loc["Perlu Penguatan", ["jumlah", "diketahui", "berhenti_berikutnya",
                                         "berhenti_kemudian"]].tolist() == [14, 7, 3, 3]
    assert check.loc["Perlu Penguatan", "porsi_berhenti_berikutnya"] == pytest.approx(3 / 7)
    per_year = life.flag_check(lc, per_tahun=True).set_index(["tahun", "kategori_keberlanjutan"])
    assert per_year.loc[(2023, "Berkelanjutan"), "berhenti_berikutnya"] == 1
    assert per_year.loc[(2025, "Berkelanjutan"), "diketahui"] == 0


def test_stage_flows_by_hand(lc):
    flows = life.stage_flows(lc)
    moves = {(r.tahun_dari, r.dari, r.ke): r.jumlah for r in flows.itertuples()}
    assert moves[(2023, "Uji Coba", "Penerapan")] == 1  # A1
    assert moves[(2023, "Penerapan", "Tidak Aktif")] == 1  # A2
    assert moves[(2023, "Uji Coba", "Tidak dilaporkan")] == 1  # A3
    assert moves[(2023, "Tidak Aktif", "Tidak dilaporkan")] == 1  # A7
    assert moves[(2023, "Uji Coba", "Unit tidak melapor")] == 2  # B1, B2
    assert moves[(2023, "Uji Coba", "Uji Coba")] == 1  # C1
    assert moves[(2023, "Baru", "Inisiatif")] == 1 and moves[(2023, "Baru", "Uji Coba")] == 2  # A4; A5, C2
    assert moves[(2024, "Tidak dilaporkan", "Uji Coba")] == 1  # A3 back
    assert moves[(2024, "Unit tidak melapor", "Uji Coba")] == 1  # B1
    assert moves[(2024, "Unit tidak melapor", "Tidak dilaporkan")] == 1  # B2
    assert moves[(2024, "Uji Coba", "Tidak dilaporkan")] == 1  # A5
    assert moves[(2024, "Tidak Aktif", "Tidak dilaporkan")] == 1  # A2
    assert moves[(2024, "Baru", "Uji Coba")] == 2  # A6, B3
    assert moves[(2024, "Penerapan", "Penerapan")] == 1 and moves[(2024, "Inisiatif", "Uji Coba")] == 1  # A1, A4
    # A1..A5, B1, B2 and the two new ones; uptd.c sent nothing in 2025: C1 and C2 have no state there.
    assert flows.loc[flows["tahun_dari"] == 2024, "jumlah"].sum() == 9
    members = life.flow_members(lc, tahun_dari=2023, dari="Uji Coba", ke="Unit tidak melapor")
    assert sorted(members["nama_pertama"]) == ["Camat Menyapa", "Musrenbang"]


def test_columns_for_the_data_page_and_the_unit_line(lc):
    data = dataset()
    columns = life.lifecycle_columns(lc)
    assert list(columns.columns) == ["id", *life.LIFECYCLE_FIELDS] and len(columns) == 19
    merged = life.with_lifecycle_columns(lc.records[["id", "nama_inovasi"]], lc)
    assert merged.loc[merged["nama_inovasi"] == "ANTAR-OBAT", "jalur_tahapan"].item() == (
        "Uji Coba 2023 → Penerapan 2024–2025")
    assert set(life.filter_by_hasil(merged, "baru")["nama_inovasi"]) == {"Kios Pajak", "Ngopi Bareng",
                                                                         "Posyandu Balita"}
    assert len(life.filter_by_hasil(merged, None)) == 19
    with pytest.raises(ValueError):
        life.filter_by_hasil(merged, "vakum")
    assert len(data) == 19
    assert life.unit_summary_line(lc, "kec.b", "id") == (
        "Siklus inovasi 2023–2025: 3 inovasi — 1 berlanjut, 1 berhenti, 1 baru. "
        "100% bertahan setahun setelah laporan pertama.")
    assert life.unit_summary_line(lc, "opd.a", "en").startswith("Innovation lifecycle 2023–2025: 7 innovations")
    assert life.unit_summary_line(lc, "opd.d", "en") == "This unit has reported no innovation yet."


def test_report_is_plain_json(lc):
    import json

    report = life.lifecycle_report(lc, units=UNITS)
    assert list(report) == list(life.report.REPORT_KEYS)
    again = json.loads(json.dumps(report))
    assert again["ringkasan"]["berhenti"] == 4 and len(again["inovasi"]) == 12
    assert again["tahun"] == [2023, 2024, 2025]


def test_empty_data_gives_empty_frames():
    empty = frame([record("opd.a", 2024, "X")]).iloc[0:0]
    lc = life.build_lifecycles(empty, units=UNITS)
    assert lc.table.empty and lc.records.empty
    assert life.outcomes_kabupaten(lc)["jumlah_inovasi"] == 0
    assert life.survival(lc).empty or life.survival(lc)["jumlah"].eq(0).all()
    assert life.stage_flows(lc).empty
    assert life.lifecycle_report(lc)["inovasi"] == []


def test_a_clicked_point_opens_its_innovations(lc):
    from analytics.charts.lifecycle import point_members

    opd = point_members(lc, ["survival", "jenis_unit", "OPD", 1, 5, 3])
    assert len(opd) == 5 and (opd["keadaan"] == "berhenti").sum() == 3
    assert len(point_members(lc, ["survival", "_kabupaten", "Kabupaten", 0, 12, 1])) == 12
    kohort = point_members(lc, ["survival", "kohort", "2024", 1, 2, 1])
    assert sorted(kohort["nama_pertama"]) == ["Data Desa", "Pojok Baca"]
    stopped = point_members(lc, ["hasil", "jenis_unit", "Kecamatan", "berhenti"])
    assert stopped["nama_pertama"].tolist() == ["Musrenbang"]
    flagged = point_members(lc, ["kategori", "Berkelanjutan"])
    assert flagged["nama_inovasi"].tolist() == ["Kelas Ibu", "ANTAR-OBAT"]  # the stop first
    with pytest.raises(ValueError):
        point_members(lc, ["peta", "x"])


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_presentation_slide(lc, lang):
    from analytics.charts.lifecycle import slide_figure

    fig = slide_figure(life.survival(lc, by="jenis_unit", per_kohort=False), life.survival(lc, per_kohort=False),
                       life.outcomes_kabupaten(lc), lang)
    words = {"id": "5 berlanjut, 4 berhenti, 3 baru", "en": "5 continuing, 4 stopped, 3 new"}[lang]
    assert words in fig.layout.title.text
    assert len(fig.data) == 4  # OPD, Kecamatan, UPTD and the regency
    # No type sizes of its own: the screen and the images size it like every other slide's chart.
    assert fig.layout.font.size is None and fig.layout.title.font.size is None
