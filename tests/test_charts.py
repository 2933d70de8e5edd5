"""analytics.charts: one template (title, separators, palette), the numbers of the frames in the
figures, clickable points that drive the filters, both languages, and the two kecamatan maps."""

from __future__ import annotations

import json
from pathlib import Path

import plotly.graph_objects as go
import pytest
from chart_figures import every_figure
from indicator_frames import golden_innovations, golden_officials, golden_units

from analytics import charts
from analytics import dashboard as figures
from analytics.briefing.figures import still
from analytics.charts.bars import counting_bars, unique_labels
from analytics.charts.format import shorten, wrap
from analytics.charts.maps import frame, tile_positions
from analytics.charts.margins import text_width
from analytics.charts.template import COLORWAY, NOT_COUNTING, OKABE_ITO, SEQUENTIAL, finish, legend_rows
from analytics.filters import Filters
from analytics.indicators import Indicators, compute_all
from analytics.intake import contract
from analytics.selection import filters_after_selection

GEOJSON = Path(__file__).resolve().parents[2] / "shared" / "geo" / "kudus-kecamatan.simplified.geojson"
PALETTE = {c.upper() for c in (*OKABE_ITO.values(), NOT_COUNTING, *COLORWAY)}


@pytest.fixture(scope="module")
def ind() -> Indicators:
    return compute_all(golden_units(), golden_innovations(), golden_officials(), year=2024)


def colours(fig: go.Figure) -> set[str]:
    found: set[str] = set()
    for trace in fig.data:
        marker = getattr(trace, "marker", None)
        colour = getattr(marker, "color", None) if marker is not None else None
        values = colour if isinstance(colour, list | tuple) else [colour]
        found |= {v.upper() for v in values if isinstance(v, str)}
    return found


# ---- the template ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_chart_has_a_title_the_template_and_the_languages_separators(ind: Indicators, lang: str) -> None:
    for name, fig in every_figure(ind, lang).items():
        layout = fig.layout
        assert layout.title.text, name
        assert layout.separators == {"id": ",.", "en": ".,"}[lang], name
        assert layout.height and layout.height >= 240, name
        assert fig.layout.template.layout.font.family.startswith('"Source Sans"'), name
        assert colours(fig) <= PALETTE | {"WHITE"}, (name, colours(fig) - PALETTE)
        json.loads(fig.to_json())  # what st.plotly_chart sends


def test_titles_wrap_for_a_phone_and_labels_stay_distinct() -> None:
    title = wrap("Peringkat OPD induk (UPTD dan bagian digabung), 2025", 44)
    assert all(len(line) <= 44 for line in title.split("<br>")) and title.count("<br>") == 1
    assert shorten("Dinas Kependudukan dan Pencatatan Sipil", 20) == "Dinas Kependudukan…"
    assert unique_labels(["Dinas Pekerjaan Umum dan Penataan Ruang X", "Dinas Pekerjaan Umum dan Penataan Ruang Y"],
                         20) == ["Dinas Pekerjaan Umu…", "Dinas Pekerjaan Umu… (2)"]
    assert legend_rows(["Dihitung", "Belum dihitung"]) == 1 and legend_rows(["x" * 40, "y" * 40]) == 2


@pytest.mark.parametrize(("lang", "count", "share", "money", "change"), [
    ("id", "1.234.567", "45,9%", "Rp 64.454.900", "-1.234"),
    ("en", "1,234,567", "45.9%", "Rp 64,454,900", "-1,234"),
])
def test_numbers_and_rupiah_in_each_language(lang: str, count: str, share: str, money: str, change: str) -> None:
    assert charts.number(1234567, lang) == count
    assert charts.percent(0.45934, lang) == share
    assert charts.rupiah(64_454_900.4, lang) == money
    assert charts.signed(-1234, lang) == change and charts.signed(0, lang) == "±0"
    assert charts.number(None, lang) == charts.rupiah(float("nan"), lang) == "–"
    assert charts.table_formats(lang)["rupiah"] == {"id": "Rp %'.,d", "en": "Rp %,d"}[lang]


# ---- the numbers --------------------------------------------------------------------------------------
def test_figures_carry_the_frames_numbers(ind: Indicators) -> None:
    built = every_figure(ind, "id")
    table = figures.per_jenis_unit(ind)
    assert list(built["jenis_unit"].data[0].x) == table["jumlah_dihitung"].tolist()
    assert list(built["jenis_unit"].data[1].x) == table["tidak_dihitung"].tolist()
    assert list(built["tahapan"].data[0].x) == [9, 8, 5]
    assert list(built["trend"].data[1].y) == ind.per_tahun["jumlah_dihitung"].tolist()
    tiers = figures.tpp_tiers(ind)
    assert list(built["tiers"].data[0].x) == tiers["jumlah_pejabat"].tolist()
    per_unit = figures.tpp_per_unit(ind)
    assert list(built["tpp_units"].data[0].x) == pytest.approx((per_unit["total_rp_bulan"] / 1e6).tolist())
    assert built["tpp_units"].data[0].customdata[0][3] == charts.rupiah(per_unit["total_rp_bulan"].iloc[0], "id")
    nine = figures.kecamatan_nine(ind)
    assert list(built["map"].data[0].marker.color) == nine["jumlah_dihitung"].tolist()
    basic = built["pelayanan_dasar"].data
    assert list(basic[0].x) == ind.pelayanan_dasar["jumlah_dihitung"].tolist()
    uncovered = ind.pelayanan_dasar.loc[~ind.pelayanan_dasar["tercakup"], "urusan"].tolist()
    assert uncovered and [row[1] for row in basic[1].customdata] == uncovered  # marked in vermillion
    assert basic[1].marker.color.upper() == OKABE_ITO["vermillion"].upper()


def test_units_with_no_counting_innovation_are_marked(ind: Indicators) -> None:
    ranking = figures.unit_ranking(ind)
    fig = charts.units_chart(ranking, "id", title="Ranking", chosen=("opd.dinkes",))
    marks = [trace for trace in fig.data if isinstance(trace, go.Scatter)]
    assert len(marks) == 1 and [row[1] for row in marks[0].customdata] == ["bumd.bpr"]
    assert list(fig.data[0].selectedpoints) == [ranking["kode"].tolist().index("opd.dinkes")]


@pytest.mark.parametrize(("name", "dimension"), [
    ("jenis_unit", "jenis_unit"), ("tahapan", "tahapan"), ("jenis", "jenis"), ("top", "unit"),
    ("pelayanan_dasar", "urusan"), ("map", "kecamatan"), ("kecamatan_bars", "kecamatan"), ("tpp_units", "unit"),
])
def test_a_click_on_any_point_filters_by_that_point(ind: Indicators, name: str, dimension: str) -> None:
    fig = every_figure(ind, "en")[name]
    point = fig.data[0].customdata[0]
    clicked = {"selection": {"points": [{"customdata": list(point)}]}}
    assert filters_after_selection(clicked, Filters(tahun=2024)).values(dimension) == (point[1],)


def test_a_click_on_a_year_chooses_it(ind: Indicators) -> None:
    fig = every_figure(ind, "id")["trend"]
    clicked = {"selection": {"points": [{"customdata": list(fig.data[0].customdata[0])}]}}
    assert filters_after_selection(clicked, Filters(tahun=2024)).tahun == 2023


def test_english_changes_every_text(ind: Indicators) -> None:
    indonesian, english = every_figure(ind, "id"), every_figure(ind, "en")
    for name in indonesian:
        assert indonesian[name].layout.title.text != english[name].layout.title.text, name
    assert list(english["tahapan"].data[0].y) == ["Initiative", "Trial", "Implementation"]
    assert list(indonesian["tahapan"].data[0].y) == ["Inisiatif", "Uji Coba", "Penerapan"]
    assert "Counting" in english["jenis_unit"].data[0].hovertemplate
    assert english["jenis_unit"].layout.xaxis.title.text == "Number of innovations"


# ---- maps -------------------------------------------------------------------------------------------------
def test_tile_map_keeps_the_kecamatan_where_they_lie() -> None:
    tiles = tile_positions()
    assert sorted(tiles) == sorted(k.nama for k in contract.KECAMATAN)
    assert len(set(tiles.values())) == 9
    row, column = (lambda n: tiles[n][0]), (lambda n: tiles[n][1])
    assert row("Gebog") < row("Kota Kudus") < row("Jati") < row("Undaan")
    assert row("Dawe") < row("Bae") and row("Bae") < row("Mejobo")
    assert column("Kaliwungu") < column("Kota Kudus") < column("Bae") < column("Jekulo")


def test_tile_map_needs_no_map_library(ind: Indicators) -> None:
    fig = charts.kecamatan_map(figures.kecamatan_nine(ind), "id", chosen=("Jati",))
    assert [type(t) for t in fig.data] == [go.Scatter]
    tiles = fig.data[0]
    assert tiles.marker.symbol == "square" and tiles.marker.colorscale[0][1] == SEQUENTIAL[0][1]
    assert list(tiles.selectedpoints) == [i for i, row in enumerate(tiles.customdata) if row[1] == "Jati"]


@pytest.mark.skipif(not GEOJSON.exists(), reason="boundary file not present (../shared/geo)")
def test_choropleth_from_a_boundary_file_offline(ind: Indicators) -> None:
    boundaries = charts.load_boundaries(GEOJSON)
    assert sorted(f["id"] for f in boundaries.geojson["features"]) == sorted(k.nama for k in contract.KECAMATAN)
    fig = charts.kecamatan_map(figures.kecamatan_nine(ind), "en", boundaries=boundaries)
    [choropleth] = fig.data
    assert isinstance(choropleth, go.Choroplethmap)
    assert fig.layout.map.style == "white-bg"  # no tiles, nothing fetched
    assert list(choropleth.z) == figures.kecamatan_nine(ind)["jumlah_dihitung"].tolist()
    centre, zoom = frame(boundaries.bounds)
    assert 110.8 < centre["lon"] < 110.9 and -6.85 < centre["lat"] < -6.75 and 9 < zoom < 11


def test_a_bad_boundary_file_is_refused_with_its_reason(tmp_path: Path) -> None:
    bad = tmp_path / "bad.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
                   '{"name": "Jati"}, "geometry": {"type": "Point", "coordinates": [110.8, -6.8]}}]}')
    with pytest.raises(charts.BoundaryError, match="1 of the 9 kecamatan"):
        charts.load_boundaries(bad)
    (tmp_path / "text.geojson").write_text("not json")
    with pytest.raises(charts.BoundaryError):
        charts.load_boundaries(tmp_path / "text.geojson")
    with pytest.raises(charts.BoundaryError):
        charts.load_boundaries(tmp_path / "missing.geojson")


def test_charts_draw_once_with_margins_for_their_labels(ind: Indicators) -> None:
    """charts.margins: room for the labels is computed, so plotly.js need not draw twice (its
    automargin); tests/browser/test_chart_margins_e2e.py checks the room in Chromium."""
    every = every_figure(ind, "id")
    fixed = {name for name, fig in every.items() if fig.layout.xaxis.automargin is False}
    assert fixed >= {"jenis_unit", "tahapan", "jenis", "trend", "top", "keberlanjutan", "flags",
                     "pelayanan_dasar", "unit_trend", "kecamatan_bars", "tiers", "tpp_units"}
    top = every["top"]
    assert top.layout.yaxis.automargin is False
    assert top.layout.margin.l >= max(text_width(label, 12) for label in top.layout.yaxis.categoryarray)
    # A copy drawn at another size or type scale (a slide, an image) is measured by plotly.js again.
    assert still(top).layout.xaxis.automargin is True and still(top).layout.yaxis.automargin is True
    # Long categories under a vertical chart may be turned by plotly.js: left to automargin.
    long_names = counting_bars(labels=["Perlu Penguatan", "Berkelanjutan"], counting=[3, 4], not_counting=[1, 0],
                               customdata=[["kategori", "a"], ["kategori", "b"]], lang="id", horizontal=False)
    assert finish(long_names, title="Kategori", lang="id").layout.xaxis.automargin is not False
