"""The click handler (analytics.selection) and the filters it changes (analytics.filters): pure
functions, tested with the dictionaries Streamlit hands over and small frames."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from indicator_frames import innovations_frame, officials_frame, units_frame

from analytics.filters import DIMENSIONS, Filters, apply_filters, choices, innovations_shown, years_with_data
from analytics.intake import contract
from analytics.selection import clicked_values, filters_after_selection


def event(*customdata: list[object]) -> dict[str, object]:
    """A Plotly selection event as st.plotly_chart(on_select=...) returns it."""
    points = [{"curve_number": 0, "point_number": i, "point_index": i, "customdata": list(cd)}
              for i, cd in enumerate(customdata)]
    return {"selection": {"points": points, "point_indices": list(range(len(points))), "box": [], "lasso": []}}


BASE = Filters(tahun=2025)


# ---- clicks ---------------------------------------------------------------------------------------
def test_a_click_on_a_bar_sets_its_filter() -> None:
    assert filters_after_selection(event(["tahapan", "Penerapan", 12]), BASE) == Filters(tahun=2025,
                                                                                         tahapan=("Penerapan",))


def test_a_click_replaces_the_value_of_that_filter_and_keeps_the_others() -> None:
    before = Filters(tahun=2025, tahapan=("Uji Coba",), status=("Aktif",))
    after = filters_after_selection(event(["tahapan", "Penerapan"]), before)
    assert after == Filters(tahun=2025, tahapan=("Penerapan",), status=("Aktif",))


def test_clicking_the_chosen_value_again_removes_the_filter() -> None:
    chosen = Filters(tahun=2025, unit=("opd.dinkes",), jenis=("Digital",))
    assert filters_after_selection(event(["unit", "opd.dinkes", 3]), chosen) == Filters(tahun=2025, jenis=("Digital",))


def test_box_selection_of_several_points_sets_all_their_values() -> None:
    after = filters_after_selection(event(["kecamatan", "Jati"], ["kecamatan", "Bae"], ["kecamatan", "Jati"]), BASE)
    assert after.kecamatan == ("Bae", "Jati")


def test_a_click_on_a_year_sets_the_year_and_never_removes_it() -> None:
    assert filters_after_selection(event(["tahun", 2024]), BASE).tahun == 2024
    assert filters_after_selection(event(["tahun", "2025"]), BASE).tahun == 2025


def test_points_of_several_dimensions_set_each() -> None:
    after = filters_after_selection(event(["jenis", "Digital"], ["urusan", "Kesehatan"]), BASE)
    assert (after.jenis, after.urusan) == (("Digital",), ("Kesehatan",))


@pytest.mark.parametrize("bad", [
    None, {}, {"selection": None}, {"selection": {"points": []}}, event(), event(["kategori", "Vakum"]),
    event(["unit", ""]), event(["unit", None]), event(["tahun", "dua ribu"]), {"selection": {"points": ["x"]}},
    {"selection": {"points": [{"customdata": "unit"}]}}, {"selection": {"points": [{"customdata": ["unit"]}]}},
    {"selection": {"points": [{"x": 3, "y": "Dinas Kesehatan"}]}},
])
def test_nothing_known_selected_changes_nothing(bad: object) -> None:
    chosen = Filters(tahun=2025, unit=("opd.dinkes",))
    assert filters_after_selection(bad, chosen) == chosen  # type: ignore[arg-type]


def test_clicked_values_reads_only_dimension_and_value() -> None:
    assert clicked_values(event(["unit", "opd.rsud", 4, "RSUD"], ["tahun", 2023])) == {"unit": ["opd.rsud"],
                                                                                         "tahun": [2023]}


@given(dimension=st.sampled_from(DIMENSIONS), value=st.text(min_size=1).filter(str.strip))
def test_two_clicks_on_the_same_point_come_back_to_the_start(dimension: str, value: str) -> None:
    click = event([dimension, value])
    once = filters_after_selection(click, BASE)
    assert once.values(dimension) == (value,)
    assert filters_after_selection(click, once) == BASE


# ---- the filters value ------------------------------------------------------------------------------
def test_filters_are_one_spelling_per_set_of_values() -> None:
    assert Filters(unit=("b", "a", "b", " ")) == Filters(unit=("a", "b"))
    assert hash(Filters(unit=("b", "a"))) == hash(Filters(unit=("a", "b")))
    assert Filters(tahapan="Penerapan").tahapan == ("Penerapan",)  # type: ignore[arg-type]


def test_key_and_query_round_trip() -> None:
    chosen = Filters(tahun=2024, jenis_unit=("UPTD",), kecamatan=("Kota Kudus", "Seluruh Kabupaten"),
                     urusan=("Ketenteraman, Ketertiban Umum dan Pelindungan Masyarakat",))
    assert Filters.from_key(chosen.key()) == chosen
    offered = choices(units_frame([{"kode": "opd.x", "nama": "X"}]))
    assert Filters.from_query(chosen.to_query(), choices=offered, years=[2024]) == chosen
    assert chosen.to_query()["kecamatan"] == ["Kota Kudus", "Seluruh Kabupaten"]
    assert chosen.digest() == Filters.from_key(chosen.key()).digest() != Filters().digest()


def test_a_link_with_unknown_values_is_never_trusted() -> None:
    offered = choices(units_frame([{"kode": "opd.dinkes", "nama": "Dinas Kesehatan"}]))
    query = {"tahun": ["1999", "x"], "unit": ["opd.dinkes", "opd.<script>"], "tahapan": "Penerapan",
             "status": ["Hidup"], "lang": "en"}
    assert Filters.from_query(query, choices=offered, years=[2024, 2025]) == Filters(unit=("opd.dinkes",),
                                                                                    tahapan=("Penerapan",))


def test_chips_removal_and_clearing() -> None:
    chosen = Filters(tahun=2025, unit=("opd.a",), tahapan=("Inisiatif", "Penerapan"), status=("Aktif",))
    assert chosen.active() == [("unit", "opd.a"), ("tahapan", "Inisiatif"), ("tahapan", "Penerapan"),
                               ("status", "Aktif")]
    assert chosen.without("tahapan", "Inisiatif").tahapan == ("Penerapan",)
    assert chosen.without("tahapan").tahapan == ()
    assert chosen.cleared() == Filters(tahun=2025) and not chosen.cleared().is_filtered and chosen.is_filtered
    with pytest.raises(ValueError, match="unknown filter"):
        chosen.with_values("tahun_lalu", ["x"])


# ---- applying filters ---------------------------------------------------------------------------------
UNITS = units_frame([
    {"kode": "opd.dinkes", "nama": "Dinas Kesehatan"},
    {"kode": "uptd.pkm-jati", "nama": "UPTD Puskesmas Jati", "jenis_unit": "UPTD", "induk_kode": "opd.dinkes",
     "kecamatan": "Jati"},
    {"kode": "kec.jati", "nama": "Kecamatan Jati", "jenis_unit": "Kecamatan", "kecamatan": "Jati"},
])
INNOVATIONS = innovations_frame([
    {"unit_kode": "opd.dinkes", "nama_inovasi": "A", "lokasi_kecamatan": "Kota Kudus;Jati",
     "urusan": "Kesehatan;Ketenteraman, Ketertiban Umum dan Pelindungan Masyarakat"},
    {"unit_kode": "uptd.pkm-jati", "nama_inovasi": "B", "lokasi_kecamatan": "Jati", "tahapan": "Inisiatif"},
    {"unit_kode": "kec.jati", "nama_inovasi": "C", "lokasi_kecamatan": "Seluruh Kabupaten", "jenis": "Non Digital"},
    {"unit_kode": "kec.jati", "nama_inovasi": "D", "lokasi_kecamatan": "Kota Kudus ; Bae", "tahun": 2023},
])
OFFICIALS = officials_frame([{"unit_kode": "opd.dinkes"}, {"unit_kode": "kec.jati", "nip": "199001012020011002"}])


def names(frame: pd.DataFrame) -> list[str]:
    return sorted(frame["nama_inovasi"])


def test_unit_filters_narrow_units_innovations_and_officials() -> None:
    frames = apply_filters(Filters(jenis_unit=("Kecamatan",)), units=UNITS, innovations=INNOVATIONS,
                           officials=OFFICIALS)
    assert frames.units["kode"].tolist() == ["kec.jati"]
    assert names(frames.innovations) == ["C", "D"]
    assert frames.officials["unit_kode"].tolist() == ["kec.jati"]
    one = apply_filters(Filters(unit=("uptd.pkm-jati",)), units=UNITS, innovations=INNOVATIONS, officials=OFFICIALS)
    assert names(one.innovations) == ["B"] and one.officials.empty  # a UPTD is not its parent OPD


def test_innovation_filters_narrow_innovations_only() -> None:
    frames = apply_filters(Filters(jenis=("Non Digital",)), units=UNITS, innovations=INNOVATIONS, officials=OFFICIALS)
    assert names(frames.innovations) == ["C"]
    assert len(frames.units) == 3 and len(frames.officials) == 2  # coverage stays among all units


@pytest.mark.parametrize(("kecamatan", "expected"), [
    (("Jati",), ["A", "B"]), (("Kota Kudus",), ["A", "D"]), (("Bae",), ["D"]), (("Seluruh Kabupaten",), ["C"]),
    (("Bae", "Seluruh Kabupaten"), ["C", "D"]), (("Kudus",), []),
])
def test_kecamatan_matches_whole_items_of_the_cell(kecamatan: tuple[str, ...], expected: list[str]) -> None:
    frames = apply_filters(Filters(kecamatan=kecamatan), units=UNITS, innovations=INNOVATIONS, officials=OFFICIALS)
    assert names(frames.innovations) == expected


def test_urusan_with_a_comma_in_its_name_matches() -> None:
    wanted = Filters(urusan=("Ketenteraman, Ketertiban Umum dan Pelindungan Masyarakat",))
    assert names(apply_filters(wanted, units=UNITS, innovations=INNOVATIONS, officials=OFFICIALS).innovations) == ["A"]


def test_a_table_shows_the_year_unless_all_years() -> None:
    chosen = Filters(tahun=2024, unit=("kec.jati",))
    assert names(innovations_shown(chosen, units=UNITS, innovations=INNOVATIONS)) == ["C"]
    assert names(innovations_shown(chosen, units=UNITS, innovations=INNOVATIONS, all_years=True)) == ["C", "D"]


def test_the_filter_bar_offers_the_contract_and_the_unit_list() -> None:
    offered = choices(UNITS)
    assert offered["unit"] == ("opd.dinkes", "kec.jati", "uptd.pkm-jati")  # by name
    assert offered["kecamatan"][-1] == contract.SELURUH_KABUPATEN and len(offered["kecamatan"]) == 10
    assert offered["urusan"] == contract.URUSAN
    history = pd.DataFrame({"tahun": [2023, 2024, 2024, 2022], "is_current": [True, True, False, False]})
    assert years_with_data(history) == [2024, 2023]
    assert years_with_data(history.iloc[0:0]) == []
