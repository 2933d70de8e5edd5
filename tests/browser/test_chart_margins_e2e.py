"""analytics.charts.margins in Chromium: the margins computed for a chart's labels (automargin off,
so plotly.js draws once) hold every tick label and axis title inside the figure and off the plot,
with the app's own Source Sans and with the fallback font a browser without it uses, at a phone's
and a laptop's chart width, in both languages; and they are about what plotly.js's automargin would
have made room for: never less, and not much more (a phone's chart has little width to spare)."""

from __future__ import annotations

import base64
import json
import sys
from pathlib import Path

import pandas as pd
import plotly
import pytest
import streamlit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the figures' helpers
from chart_figures import every_figure, lifecycle_figures  # noqa: E402
from indicator_frames import golden_innovations, golden_officials, golden_units  # noqa: E402

from analytics import charts  # noqa: E402
from analytics.charts.margins import text_width  # noqa: E402
from analytics.indicators import compute_all  # noqa: E402

PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
MEDIA = Path(streamlit.__file__).parent / "static" / "static" / "media"
SAMPLE = "Kecamatan Undaan 2.000"
# The overview's first screen, its ranking and a lifecycle chart must be the fixed kind (a silent
# fallback to automargin everywhere would pass every other check here).
FIRST_SCREEN = {"jenis_unit", "tahapan", "jenis", "trend", "top", "outcomes"}
SLACK_PX = 32  # at most this much wider than automargin's own margin,
TOLERANCE_PX = 2  # and at most this much narrower
LABELS = ".xtick text, .ytick text, .g-xtitle text, .g-ytitle text"

DRAW = """async ([figure, width]) => {
  const draw = async (layout) => {
    const div = document.createElement('div');
    document.body.appendChild(div);
    await Plotly.newPlot(div, figure.data, {...layout, width}, {staticPlot: true});
    const svg = div.querySelector('.main-svg').getBoundingClientRect();
    const boxes = [...div.querySelectorAll('LABELS')].map(text => {
      const r = text.getBoundingClientRect();
      return {kind: text.parentNode.getAttribute('class') || text.getAttribute('class'), text: text.textContent,
              left: r.left - svg.left, right: r.right - svg.left, top: r.top - svg.top, bottom: r.bottom - svg.top};
    });
    const size = div._fullLayout._size;
    div.remove();
    return {size: {l: size.l, r: size.r, t: size.t, b: size.b, w: size.w, h: size.h},
            width: svg.width, height: svg.height, boxes};
  };
  const fixed = await draw(figure.layout);
  const automatic = JSON.parse(JSON.stringify(figure.layout));
  for (const axis of ['xaxis', 'yaxis']) automatic[axis] = {...automatic[axis], automargin: true};
  automatic.margin = {...automatic.margin, l: 8, r: 16, b: 8};
  return {fixed, automatic: await draw(automatic)};
}""".replace("LABELS", LABELS)


@pytest.fixture(scope="module")
def indicators():
    return compute_all(golden_units(), golden_innovations(), golden_officials(), year=2024)


def twelve_years(lang: str) -> dict:
    """Trends over twelve reporting years: too many years for a phone's width side by side, so
    plotly.js turns their labels upright and they need more room below the plot."""
    years = pd.DataFrame({"tahun": range(2015, 2027), "jumlah_inovasi": range(4000, 5200, 100),
                          "jumlah_dihitung": range(2000, 2600, 50), "jumlah_baru": range(900, 1200, 25)})
    return {"trend, 12 years": charts.trend_chart(years, 2026, lang),
            "unit trend, 12 years": charts.unit_trend_chart(years, lang, nama="Dinas Kesehatan", year=2026)}


def chart_page(browser, with_source_sans: bool):
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    font = ""
    if with_source_sans:
        [source_sans] = MEDIA.glob("SourceSansVF-Upright*.woff2")  # Streamlit's own copy
        data = base64.b64encode(source_sans.read_bytes()).decode()
        font = f'@font-face {{font-family: "Source Sans"; src: url(data:font/woff2;base64,{data}) format("woff2");}}'
    page.set_content(f"<html><head><style>{font} body {{margin: 0}}</style></head><body></body></html>")
    page.add_script_tag(path=str(PLOTLY_JS))
    if with_source_sans:
        assert page.evaluate("async () => (await document.fonts.load('12px \"Source Sans\"')).length") == 1
    else:
        # The estimate is Helvetica's widths: what Arial and Liberation Sans (Debian's fonts-liberation)
        # share.  Where neither is installed the browser falls back to a wider font than any page
        # of the app would get without Source Sans.
        drawn = page.evaluate("text => { const c = document.createElement('canvas').getContext('2d');"
                              " c.font = '12px Arial'; return c.measureText(text).width; }", SAMPLE)
        if abs(drawn - text_width(SAMPLE, 12)) > 0.03 * drawn:
            page.close()
            pytest.skip(f"no font with Arial's widths here ({drawn:.1f} px against {text_width(SAMPLE, 12):.1f})")
    return page


@pytest.mark.parametrize("with_source_sans", [True, False], ids=["source-sans", "fallback-font"])
def test_labels_fit_the_computed_margins(browser, indicators, with_source_sans: bool) -> None:
    page = chart_page(browser, with_source_sans)
    problems: list[str] = []
    fixed_kinds: set[str] = set()
    try:
        for lang in ("id", "en"):
            for name, figure in {**every_figure(indicators, lang), **twelve_years(lang),
                                 **lifecycle_figures(lang)}.items():
                if figure.layout.xaxis.automargin is not False:
                    continue  # a shape charts.margins leaves to plotly.js
                fixed_kinds.add(name)
                spec = json.loads(figure.to_json())
                for width in (330, 445):
                    drawn = page.evaluate(DRAW, [spec, width])
                    problems += misfits(f"{name} ({lang}, {width} px)", drawn["fixed"], drawn["automatic"])
    finally:
        page.close()
    assert fixed_kinds >= FIRST_SCREEN, FIRST_SCREEN - fixed_kinds
    assert not problems, "\n".join(problems)


def misfits(chart: str, fixed: dict, automatic: dict) -> list[str]:
    """What the computed margins get wrong that plotly.js's automargin gets right."""
    found = [f"{chart}: {problem}" for problem in sorted(overflows(fixed) - overflows(automatic))]
    for side in ("l", "b"):
        ours, theirs = fixed["size"][side], automatic["size"][side]
        if not theirs - TOLERANCE_PX <= ours <= theirs + SLACK_PX:
            found.append(f"{chart}: margin {side} {ours} px, automargin's {theirs:.0f} px")
    return found


def overflows(drawn: dict) -> set[str]:
    """Labels that cross the figure's edge or run into the plot.  (At a phone's width a centred
    axis title under a narrow plot can cross the right edge whatever the margins: plotly.js
    centres it on the plot, and automargin does not move it either.)"""
    size, found = drawn["size"], set()
    for box in drawn["boxes"]:
        if not box["text"]:
            continue
        where = f"{box['kind']} {box['text']!r}"
        if box["left"] < -0.5 or box["right"] > drawn["width"] + 0.5 or box["bottom"] > drawn["height"] + 0.5:
            found.add(f"{where} crosses the figure's edge")
        if box["kind"].startswith("ytick") and box["right"] > size["l"] + 0.5:
            found.add(f"{where} runs into the plot")
        if box["kind"].startswith("xtick") and box["top"] < size["t"] + size["h"] - 0.5:
            found.add(f"{where} runs into the plot")
    return found
