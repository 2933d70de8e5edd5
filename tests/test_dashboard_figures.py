"""analytics.dashboard: what the pages show, picked from the indicators of the golden frames
(tests/indicator_frames.py, hand-checked in test_indicators_golden.py)."""

from __future__ import annotations

import pandas as pd
import pytest
from indicator_frames import golden_innovations, golden_officials, golden_units

from analytics import dashboard as figures
from analytics.filters import Filters, apply_filters
from analytics.indicators import Indicators, compute_all


@pytest.fixture(scope="module")
def now() -> Indicators:
    return compute_all(golden_units(), golden_innovations(), golden_officials(), year=2024)


@pytest.fixture(scope="module")
def before() -> Indicators:
    return compute_all(golden_units(), golden_innovations(), golden_officials(), year=2023)


def test_kpis_compare_with_last_year(now: Indicators, before: Indicators) -> None:
    cards = {card.code: card for card in figures.kpis(now, before)}
    assert list(cards) == list(figures.KPI_CODES)
    assert (cards["innovations"].value, cards["innovations"].previous, cards["innovations"].change) == (9, 4, 5)
    assert cards["counting"].value == now.ringkasan["jumlah_dihitung"]
    assert cards["counting"].change == now.ringkasan["perubahan"]
    units = cards["units_covered"]
    assert (units.part, units.whole) == (4, 5)  # bumd.bpr has none; opd.lama is not aktif
    assert units.value == pytest.approx(0.8)
    people = cards["officials_covered"]
    assert (people.part, people.whole) == (now.ringkasan_satu_pejabat["pejabat_berinovasi"], 8)
    assert cards["sustainable_share"].value == now.keberlanjutan_kabupaten["porsi_berkelanjutan"]
    maturity = cards["maturity"]
    assert maturity.value == now.kematangan_kabupaten["estimasi_sid"]
    assert (maturity.note, maturity.previous_note) == (now.kematangan_kabupaten["predikat"],
                                                        before.kematangan_kabupaten["predikat"])


def test_without_last_year_no_card_has_a_change(now: Indicators) -> None:
    assert all(card.previous is None and card.change is None for card in figures.kpis(now, None))


def test_funnel_counts_who_reached_each_stage(now: Indicators) -> None:
    funnel = figures.tahapan_funnel(now)
    assert funnel["tahapan"].tolist() == ["Inisiatif", "Uji Coba", "Penerapan"]
    assert funnel["jumlah"].tolist() == [1, 3, 5]
    assert funnel["mencapai"].tolist() == [9, 8, 5]


def test_per_jenis_unit_puts_counts_and_coverage_together(now: Indicators) -> None:
    table = figures.per_jenis_unit(now).set_index("jenis_unit")
    assert table.loc["OPD", "jumlah_inovasi"] == 5 and table.loc["OPD", "jumlah_unit"] == 2
    assert (table["jumlah_dihitung"] + table["tidak_dihitung"] == table["jumlah_inovasi"]).all()
    assert table.loc["BUMD", "unit_berinovasi"] == 0


def test_digital_shares_add_up(now: Indicators) -> None:
    table = figures.per_jenis(now)
    assert table["jumlah_inovasi"].sum() == 9 and table["porsi"].sum() == pytest.approx(1.0)


def test_ranking_top_bottom_and_rollup(now: Indicators) -> None:
    ranking = figures.unit_ranking(now)
    assert ranking.iloc[0]["kode"] == "opd.dinkes"
    assert ranking.loc[ranking["tanpa_inovasi"], "kode"].tolist() == ["bumd.bpr"]
    top = figures.top_units(ranking, 3)
    assert top["kode"].tolist()[0] == "opd.dinkes" and top["jumlah_dihitung"].is_monotonic_decreasing
    assert "bumd.bpr" not in figures.top_units(ranking)["kode"].tolist()
    assert figures.bottom_units(ranking, 1)["kode"].tolist() == ["bumd.bpr"]
    rolled = figures.unit_ranking(now, rollup=True).set_index("kode")
    assert rolled.loc["opd.dinkes", "jumlah_inovasi"] == 5  # its own 3 and the puskesmas' 2
    assert rolled.loc["opd.dinkes", "jumlah_unit"] == 2
    assert rolled["jumlah_inovasi"].sum() == ranking["jumlah_inovasi"].sum()


def test_innovations_at_risk_are_counting_yet_not_sustainable(now: Indicators) -> None:
    risk = figures.innovations_at_risk(now, limit=None)
    per = now.keberlanjutan_per_inovasi.set_index("nama_inovasi")
    assert len(risk) > 0
    for name in risk["nama_inovasi"]:
        assert per.loc[name, "dihitung"] and str(per.loc[name, "kategori_keberlanjutan"]) == "Perlu Penguatan"
    assert risk["skor_keberlanjutan"].is_monotonic_increasing
    first = risk.iloc[0]
    missing = set(first["syarat_kurang"].split(";"))
    flags = per.loc[first["nama_inovasi"]]
    assert missing == {f for f in ("penerapan", "dasar_hukum", "anggaran", "sop", "monev", "replikasi")
                       if not flags[f"flag_{f}"]}


def test_sustainability_categories_and_flags(now: Indicators) -> None:
    categories = figures.keberlanjutan_categories(now)
    assert categories["jumlah"].sum() == 9 and categories["porsi"].sum() == pytest.approx(1.0)
    flags = figures.flags_met(now)
    assert flags["bobot"].sum() == 100 and flags["jumlah"].tolist() == list(
        now.keberlanjutan_kabupaten["flag_terpenuhi"].values())


def test_unit_detail_of_a_chosen_unit() -> None:
    history = pd.DataFrame({"submission_id": [1, 2, 3], "unit_kode": ["opd.dinkes", "opd.dinkes", "kec.jati"],
                            "tahun": [2023, 2024, 2024], "is_current": [True, True, True]})
    frames = apply_filters(Filters(unit=("opd.dinkes",)), units=golden_units(), innovations=golden_innovations(),
                           officials=golden_officials())
    ind = compute_all(*frames, year=2024)
    detail = figures.unit_detail(ind, history, "opd.dinkes")
    assert detail is not None and detail.nama == "Dinas Kesehatan"
    assert detail.counts == {"jumlah_inovasi": 3, "jumlah_dihitung": 3, "jumlah_baru": 1}
    assert sorted(detail.innovations["nama_inovasi"]) == ["Klinik Digital", "Posyandu Remaja", "Sipandu  sehat"]
    assert detail.innovations["skor_kematangan"].notna().all()
    assert detail.pejabat["nama"].tolist()[0] == "Enam"  # no innovation: listed first
    assert detail.history["submission_id"].tolist() == [2, 1]
    assert detail.per_tahun["tahun"].tolist() == [2023, 2024]
    assert figures.unit_detail(ind, history, "opd.tidak-ada") is None


def test_kecamatan_nine_and_the_regency_wide_group_apart(now: Indicators) -> None:
    nine = figures.kecamatan_nine(now)
    assert len(nine) == 9 and "Seluruh Kabupaten" not in nine["kecamatan"].tolist()
    assert nine.set_index("kecamatan").loc["Jati", "jumlah_inovasi"] == 6
    apart = figures.seluruh_kabupaten(now)
    assert apart["jumlah_inovasi"] == 2 and "perubahan" in apart
    here = figures.units_in_kecamatan(now, golden_units(), "Jati")
    assert sorted(here["unit_kode"]) == ["kec.jati", "uptd.pkm-jati"]


def test_tpp_lists(now: Indicators) -> None:
    tiers = figures.tpp_tiers(now)
    assert tiers["jumlah_pejabat"].sum() == now.tpp_kabupaten["jumlah_pejabat"] == 8
    waiting = figures.officials_without_innovation(now)
    assert sorted(waiting["nama"]) == ["Delapan", "Enam", "Tujuh"]  # Tujuh's innovation is Tidak Aktif
    per_unit = figures.tpp_per_unit(now)
    assert per_unit["total_rp_bulan"].is_monotonic_decreasing
    assert per_unit["total_rp_bulan"].sum() == pytest.approx(now.tpp_kabupaten["total_rp_bulan"])
