"""The briefing's pure parts: settings (validated, with notes), the rotation clock, and the deck —
its numbers are the analytics layer's, its slides the ones configured, its filters the ones given."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from briefing_data import filled_store, indicators

from analytics import dashboard
from analytics.briefing import SLIDE_CODES, BriefingInputs, Rotation, build_deck, newest_first, read_settings
from analytics.briefing.settings import DEFAULT_LIVE_SECONDS, DEFAULT_SLIDE_SECONDS
from analytics.charts.format import number, percent, signed
from analytics.filters import Filters
from analytics.store import Store


# ---- settings -------------------------------------------------------------------------------------
def test_defaults_show_every_slide_in_order() -> None:
    settings = read_settings({}, {})
    assert settings.slides == SLIDE_CODES
    assert (settings.slide_seconds, settings.live_seconds) == (DEFAULT_SLIDE_SECONDS, DEFAULT_LIVE_SECONDS)
    assert settings.notes == ()


def test_query_overrides_environment_and_accepts_english_names() -> None:
    env = {"KUDUS_SLIDES": "tpp,kpi", "KUDUS_SLIDE_SECONDS": "45", "KUDUS_LIVE_SECONDS": "20"}
    assert read_settings({}, env).slides == ("tpp", "kpi")
    settings = read_settings({"slides": "kpi, ranking,map,KPI", "interval": "12", "live": "5"}, env)
    assert settings.slides == ("kpi", "peringkat", "kecamatan")  # aliases, order kept, repeats dropped
    assert (settings.slide_seconds, settings.live_seconds) == (12.0, 5.0)
    assert settings.notes == ()


@pytest.mark.parametrize(("query", "env", "code"), [
    ({"interval": "cepat"}, {}, "deck.note.bad_seconds"),
    ({"interval": "0.5"}, {}, "deck.note.bad_seconds"),
    ({"live": "120"}, {}, "deck.note.bad_seconds"),  # new data must show within a minute
    ({"interval": "nan"}, {}, "deck.note.bad_seconds"),
    ({}, {"KUDUS_SLIDE_SECONDS": "-3"}, "deck.note.bad_seconds"),
    ({"slides": "kpi,grafik"}, {}, "deck.note.unknown_slides"),
    ({"slides": "apa,saja"}, {}, "deck.note.no_slides"),
])
def test_bad_values_fall_back_with_a_note(query: dict[str, str], env: dict[str, str], code: str) -> None:
    settings = read_settings(query, env)
    assert code in [note.code for note in settings.notes]
    assert 2 <= settings.slide_seconds <= 3600 and 1 <= settings.live_seconds <= 60
    assert settings.slides and set(settings.slides) <= set(SLIDE_CODES)


def test_a_bad_query_value_falls_back_to_the_environment_not_the_default() -> None:
    settings = read_settings({"interval": "x", "slides": "zzz"}, {"KUDUS_SLIDE_SECONDS": "8", "KUDUS_SLIDES": "tpp"})
    assert settings.slide_seconds == 8.0 and settings.slides == ("tpp",)


def test_a_long_bad_value_is_shortened_in_the_note() -> None:
    [note] = read_settings({"interval": "9" * 500}, {}).notes
    assert len(note.params["value"]) <= 40


@pytest.mark.parametrize(("slide", "live", "tick"), [(20, 30, 20), (45, 30, 22.5), (60, 60, 60), (10, 3, 2.5)])
def test_the_timer_never_waits_longer_than_live_and_divides_the_slide_time(slide: float, live: float,
                                                                           tick: float) -> None:
    settings = read_settings({"interval": str(slide), "live": str(live)}, {})
    assert settings.tick_seconds == pytest.approx(tick)
    assert settings.tick_seconds <= live
    assert (slide / settings.tick_seconds) == pytest.approx(round(slide / settings.tick_seconds))


# ---- rotation -------------------------------------------------------------------------------------
def test_rotation_advances_only_when_the_slide_has_had_its_time() -> None:
    start = Rotation(index=0, shown_at=1000.0)
    assert start.tick(1005.0, 20, 7) == start
    moved = start.tick(1020.0, 20, 7)
    assert (moved.index, moved.shown_at) == (1, 1020.0)
    assert Rotation(index=6, shown_at=0).tick(100, 20, 7).index == 0  # wraps round


def test_a_timer_firing_a_little_early_still_counts() -> None:
    assert Rotation(shown_at=0).tick(19.5, 20, 3).index == 1


def test_paused_rotation_stays_and_resumes_with_a_full_interval() -> None:
    paused = Rotation(index=2, shown_at=0).toggled(10.0)
    assert paused.paused and paused.tick(10_000, 20, 7).index == 2
    resumed = paused.toggled(500.0)
    assert not resumed.paused and resumed.tick(510, 20, 7).index == 2 and resumed.tick(520, 20, 7).index == 3


def test_previous_and_next_wrap_and_restart_the_clock() -> None:
    rotation = Rotation(index=0, shown_at=0)
    assert rotation.step(-1, 50, 7) == Rotation(6, False, 50)
    assert rotation.step(1, 50, 7).step(1, 60, 7) == Rotation(2, False, 60)


def test_a_smaller_slide_set_keeps_the_index_in_range() -> None:
    assert Rotation(index=5, shown_at=0).within(3).index == 2
    assert Rotation(index=5, shown_at=0).tick(1, 20, 3).index == 2


# ---- the deck -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    yield from filled_store(tmp_path_factory.mktemp("briefing"))


def deck_of(store: Store, filters: Filters, slides: tuple[str, ...] = SLIDE_CODES, lang: str = "id"):
    now, before, newest = indicators(store, filters)
    inputs = BriefingInputs(now, before, filters, store.units(), newest, lang)
    return build_deck(inputs, slides), now, before


def test_every_kpi_is_the_analytics_layers_figure_with_its_change(store: Store) -> None:
    deck, now, before = deck_of(store, Filters(tahun=2025))
    cards = dashboard.kpis(now, before)
    assert [m.code for m in deck.kpis] == [c.code for c in cards]
    for metric, card in zip(deck.kpis, cards):
        assert metric.raw == pytest.approx(card.value)
        assert metric.raw_change == pytest.approx(card.change)
    shown = {m.code: m for m in deck.kpis}
    assert shown["innovations"].value == number(now.ringkasan["jumlah_inovasi"], "id")
    assert shown["counting"].change == signed(now.ringkasan["perubahan"], "id")
    covered = now.ringkasan_satu_pejabat
    assert shown["officials_covered"].full == (f"{percent(covered['porsi_berinovasi'], 'id')} "
                                              f"({number(covered['pejabat_berinovasi'], 'id')}/"
                                              f"{number(covered['jumlah_pejabat'], 'id')})")
    assert shown["innovations"].compared == "dibanding 2024"


def test_the_slide_set_and_order_are_the_ones_asked_for(store: Store) -> None:
    deck, _now, _before = deck_of(store, Filters(tahun=2025), slides=("tpp", "kpi", "terbaru"))
    assert deck.codes == ("tpp", "kpi", "terbaru")
    assert [s.title for s in deck.slides] == ["TPP dan inovasi (simulasi) 2025", "Indikator utama 2025",
                                              "Inovasi terbaru 2025"]
    with pytest.raises(ValueError, match="unknown slide"):
        deck_of(store, Filters(tahun=2025), slides=("grafik",))


def test_filters_narrow_every_number_and_are_named_on_the_deck(store: Store) -> None:
    everything, _now, _before = deck_of(store, Filters(tahun=2025))
    chosen = Filters(tahun=2025, jenis_unit=("Kecamatan",))
    deck, now, _before = deck_of(store, chosen)
    assert ("Jenis unit", "Kecamatan") in deck.filters and deck.filtered
    assert deck.kpis[0].raw == now.ringkasan["jumlah_inovasi"] < everything.kpis[0].raw
    ranking = next(s for s in deck.slides if s.code == "peringkat").table
    assert ranking is not None and {row[2] for row in ranking.rows} == {"Kecamatan"}


def test_tpp_slide_carries_the_rule_and_the_simulation_disclaimer(store: Store) -> None:
    deck, now, _before = deck_of(store, Filters(tahun=2025), slides=("tpp",))
    [slide] = deck.slides
    assert slide.note == now.tpp_kabupaten["catatan"] and "simulasi" in slide.note
    assert slide.detail == now.tpp_kabupaten["aturan_tpp"]


def test_newest_slide_lists_the_years_new_innovations_latest_first(store: Store) -> None:
    deck, now, _before = deck_of(store, Filters(tahun=2025), slides=("terbaru",))
    table = deck.slides[0].table
    assert table is not None and len(table.rows) == now.ringkasan["jumlah_baru"]
    _now, _before, newest = indicators(store, Filters(tahun=2025))
    ordered = newest_first(newest)
    dates = ordered["tanggal"].dropna()
    assert dates.is_monotonic_decreasing


def test_english_deck(store: Store) -> None:
    deck, _now, _before = deck_of(store, Filters(tahun=2025), slides=("kpi",), lang="en")
    assert deck.slides[0].title == "Headline indicators 2025"
    assert deck.kpis[0].compared == "vs 2024"


def test_first_year_has_no_change(store: Store) -> None:
    deck, _now, before = deck_of(store, Filters(tahun=2024), slides=("kpi",))
    assert before is None
    assert all(m.change is None and m.compared == "tanpa data 2023" for m in deck.kpis)
