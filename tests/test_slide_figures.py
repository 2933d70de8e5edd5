"""Slides that read from 5 m, in the figures themselves (issue 16): every mark 3:1 and every mark
label 4.5:1 against the background — the dark screen and the white images — the kecamatan tiles
never overlapping with each name inside its tile, no axis label cut off (short names), value labels
on the TPP units, and no still image or slide inviting a click."""

from __future__ import annotations

from collections.abc import Iterator

import plotly.graph_objects as go
import pytest
from briefing_data import filled_store, indicators

from analytics.briefing import BriefingInputs, build_deck
from analytics.briefing.figures import SCREEN_BACKGROUND, for_image, for_screen
from analytics.charts import kecamatan_map
from analytics.charts.bars import LABEL_LIMIT, short_names
from analytics.charts.contrast import GRAPHICS, TEXT, ratio, readable, rgb, secure
from analytics.charts.lifecycle import survival_chart
from analytics.filters import Filters
from analytics.intake import contract
from analytics.store import Store

WHITE = "#FFFFFF"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    yield from filled_store(tmp_path_factory.mktemp("slides"))


@pytest.fixture(scope="module", params=["id", "en"])
def deck(store: Store, request: pytest.FixtureRequest):
    filters = Filters(tahun=2025)
    now, before, newest = indicators(store, filters)
    return build_deck(BriefingInputs(now, before, filters, store.units(), newest, request.param))


def colours(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value or () if isinstance(v, str)] if isinstance(value, list | tuple) else []


def unreadable_marks(fig: go.Figure, background: str) -> list[str]:
    """Every mark below 3:1 (unless its outline reaches it) and every mark label below 4.5:1."""
    found = []
    for trace in fig.data:
        name = f"{trace.type} '{trace.name}'"
        if trace.type == "scatter" and "lines" in (trace.mode or "") and trace.line.color:
            found += [f"{name} line {c}" for c in colours(trace.line.color) if ratio(c, background) < GRAPHICS]
        marker = getattr(trace, "marker", None)
        if trace.type in {"bar", "funnel", "scatter"} and marker is not None and marker.colorscale is None \
                and (trace.type != "scatter" or "markers" in (trace.mode or "")):
            outline = colours(marker.line.color) if marker.line and marker.line.width else []
            for index, fill in enumerate(colours(marker.color)):
                edge = outline[index % len(outline)] if outline else None
                if rgb(fill) and ratio(fill, background) < GRAPHICS and \
                        not (edge and rgb(edge) and ratio(edge, background) >= GRAPHICS):
                    found.append(f"{name} fill {fill} without a readable outline")
        if trace.type == "scatter" and "text" in (trace.mode or "") and trace.textposition != "middle center":
            found += [f"{name} text {c}" for c in colours(trace.textfont.color)
                      if rgb(c) and ratio(c, background) < TEXT]
    return found


def test_contrast_ratios_are_wcags() -> None:
    assert ratio("#000000", "#FFFFFF") == pytest.approx(21)
    assert ratio("#828180", "#FFFFFF") == pytest.approx(3.88, abs=0.01)  # Streamlit's old caption colour
    assert ratio("#000000", SCREEN_BACKGROUND) < GRAPHICS  # why the "Kabupaten" line vanished
    for colour in ("#E69F00", "#A6CEE3", "#F0E442", "#000000", "#08457E"):
        for background in (WHITE, SCREEN_BACKGROUND):
            assert ratio(readable(colour, background), background) >= GRAPHICS
    assert readable("#0072B2", WHITE) == "#0072B2"  # a colour that already reads is kept
    faint = go.Figure(go.Bar(x=[1], y=["a"], marker_color="#A6CEE3"))  # light blue on white: 1.7:1
    assert unreadable_marks(faint, WHITE) and not unreadable_marks(secure(faint, WHITE, text="#262730"), WHITE)


def test_every_slide_figure_reads_on_the_screen_and_in_the_images(deck) -> None:
    for slide in deck.slides:
        for fig in slide.figures:
            title = fig.layout.title.text
            assert not unreadable_marks(for_screen(fig), SCREEN_BACKGROUND), (slide.code, title)
            assert not unreadable_marks(for_image(fig, width=960, height=540), WHITE), (slide.code, title)


def test_the_regency_line_is_light_on_the_dark_screen() -> None:
    import pandas as pd

    curve = pd.DataFrame({"jenis_unit": ["OPD", "OPD"], "tahun_ke": [0, 1], "bertahan": [1.0, 0.8],
                          "berisiko": [10, 8], "berhenti": [0, 2]})
    regency = curve.drop(columns="jenis_unit")
    fig = survival_chart(curve, by="jenis_unit", regency=regency, lang="id")
    line = for_screen(fig).data[-1].line.color
    assert ratio(line, SCREEN_BACKGROUND) >= 7, line
    assert ratio(secure(go.Figure(fig), WHITE, text="#262730").data[-1].line.color, WHITE) >= GRAPHICS


def test_kecamatan_tiles_never_overlap_and_hold_their_names(deck) -> None:
    [kecamatan] = [s for s in deck.slides if s.code == "kecamatan"]
    fig = kecamatan.figures[0]
    tiles = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(tiles) == len(contract.KECAMATAN)
    for one in tiles:
        for other in tiles:
            if one is not other:
                assert one.x1 <= other.x0 or other.x1 <= one.x0 or one.y1 <= other.y0 or other.y1 <= one.y0
    [points] = fig.data
    for x, y, text in zip(points.x, points.y, points.text):
        [tile] = [s for s in tiles if s.x0 < x < s.x1 and s.y0 < y < s.y1]  # the name sits in its tile
        name = text.split("</b>")[0].replace("<b>", "")
        assert max(len(part) for part in name.split("<br>")) <= 10, name  # "Kota<br>Kudus": fits a tile
    assert fig.layout.xaxis.constrain == "domain"  # square tiles without widening the ranges


def test_slides_and_images_never_invite_a_click(deck) -> None:
    for slide in deck.slides:
        for fig in slide.figures:
            for shown in (for_screen(fig), for_image(fig, width=960, height=540)):
                sub = (shown.layout.title.subtitle.text or "").lower()
                assert not any(word in sub for word in ("klik", "click", "ketuk", "tap")), sub


def test_still_map_keeps_its_numbers_and_drops_the_colour_bar() -> None:
    import pandas as pd

    nine = pd.DataFrame({"kecamatan": [k.nama for k in contract.KECAMATAN], "jumlah_inovasi": [5] * 9,
                         "jumlah_dihitung": list(range(9))})
    fig = kecamatan_map(nine, "id")
    assert fig.data[0].marker.showscale  # on the dashboard the colour bar explains the colour
    assert not for_image(fig, width=960, height=540).data[0].marker.showscale  # each tile prints its figure


def test_axis_labels_are_whole_short_names(deck, store: Store) -> None:
    short = short_names(store.units())
    assert short["opd.disdikpora"] == "Disdikpora" and short["bumd.tirta-muria"] == "PDAM Tirta Muria"
    for code in ("peringkat", "tpp"):
        [slide] = [s for s in deck.slides if s.code == code]
        for fig in slide.figures:
            for trace in fig.data:
                if trace.type == "bar" and trace.orientation == "h" and trace.customdata is not None:
                    assert all(len(label) <= LABEL_LIMIT and not label.endswith("…") for label in trace.y)


def test_tpp_units_carry_their_figures(deck) -> None:
    [tpp] = [s for s in deck.slides if s.code == "tpp"]
    units = tpp.figures[1]
    [bars] = units.data
    assert bars.text is not None and len(bars.text) == len(bars.x)
    separator = "," if deck.lang == "id" else "."
    assert all(separator in text for text in bars.text)  # millions with two decimals, the reader's mark
