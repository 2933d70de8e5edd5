"""The one Plotly look of the dashboard: colour-blind-safe colours, readable type, language-aware
numbers, and a title on every chart.

Why one template: leaders compare charts across pages; the same colour must mean the same thing
everywhere (blue = counting innovations, vermillion = none / at risk, green = sustainable).  The
palette is Okabe–Ito (distinguishable with the common colour-vision deficiencies); sequential maps
use a single-hue blue ramp, which reads in grey too.  `finish` is the last step of every builder:
it sets the template, the language's separators, a wrapped title (phones do not wrap titles for
us) and a height, so that no chart leaves without a title.
"""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

from analytics.charts.contrast import secure
from analytics.charts.format import SEPARATORS, wrap
from analytics.charts.margins import fix_margins

# Okabe & Ito (2008), "Color Universal Design".
OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "grey": "#999999",
}
COUNTING = OKABE_ITO["blue"]  # innovations that count
NOT_COUNTING = "#A6CEE3"  # light blue: innovations that do not count (yet)
NONE = OKABE_ITO["vermillion"]  # no innovation / not covered / at risk
HIGHLIGHT = OKABE_ITO["orange"]
CATEGORY_COLOURS = {"Berkelanjutan": OKABE_ITO["green"], "Perlu Penguatan": OKABE_ITO["orange"],
                    "Vakum": OKABE_ITO["vermillion"]}
JENIS_COLOURS = {"Digital": OKABE_ITO["blue"], "Non Digital": OKABE_ITO["orange"], "Teknologi": OKABE_ITO["green"]}
SEQUENTIAL = [[0.0, "#E3EEF7"], [0.5, "#6AAED6"], [1.0, "#08457E"]]  # light to dark blue
COLORWAY = [OKABE_ITO[c] for c in ("blue", "orange", "green", "vermillion", "sky", "purple", "yellow", "black")]
FONT = '"Source Sans", "Source Sans Pro", "Source Sans 3", "Segoe UI", Roboto, Arial, sans-serif'
TEXT = "#262730"
GRID = "#E6E8EB"

TEMPLATE_NAME = "kudus"
pio.templates[TEMPLATE_NAME] = go.layout.Template(layout=go.Layout(
    colorway=COLORWAY,
    font={"family": FONT, "size": 13, "color": TEXT},
    title={"font": {"size": 16, "color": TEXT}, "x": 0.01, "xanchor": "left", "y": 0.98, "yanchor": "top",
           "subtitle": {"font": {"size": 12, "color": "#555B66"}}},
    paper_bgcolor="white", plot_bgcolor="white",
    margin={"l": 8, "r": 16, "t": 72, "b": 8, "pad": 2},
    hoverlabel={"font": {"family": FONT, "size": 13}, "bgcolor": "white", "bordercolor": "#999999"},
    # Under the title, above the plot (finish() places it): never on top of an axis title.
    legend={"orientation": "h", "yref": "container", "yanchor": "top", "xref": "container", "x": 0.01,
            "xanchor": "left", "font": {"size": 12}, "title": {"text": ""}, "traceorder": "normal"},
    xaxis={"gridcolor": GRID, "zeroline": False, "automargin": True, "title": {"standoff": 6},
           "tickfont": {"size": 12}},
    yaxis={"gridcolor": GRID, "zeroline": False, "automargin": True, "title": {"standoff": 6},
           "tickfont": {"size": 12}},
    bargap=0.25,
    colorscale={"sequential": SEQUENTIAL},
    separators=SEPARATORS["id"],
))

ROW_HEIGHT = 26  # px per bar of a horizontal bar chart: labels stay readable on a phone
TITLE_WIDTH = 44  # characters per title line (about 340 px of a phone at 16 px)
PHONE_WIDTH_PX = 330  # the narrowest chart we lay out for
DEFAULT_HEIGHT = 380


def finish(fig: go.Figure, *, title: str, lang: str, subtitle: str | None = None,
           height: int | None = None, still_subtitle: str | None = None) -> go.Figure:
    """Apply the app's template, the language's separators, the (wrapped) title and the height;
    margins for the axes' labels (margins.fix_margins); every mark readable on the white page
    (contrast.secure).  `still_subtitle` replaces the
    subtitle where the chart cannot be clicked (a slide, a PDF or PowerPoint image, a PNG)."""
    wrapped = wrap(title, TITLE_WIDTH)
    sub = wrap(subtitle, TITLE_WIDTH + 10) if subtitle else ""
    names = [str(trace.name) for trace in fig.data if trace.showlegend is not False and trace.name]
    legend = len(names) > 1 and fig.layout.showlegend is not False
    height = height or DEFAULT_HEIGHT
    heading = 14 + 22 * (wrapped.count("<br>") + 1) + (18 * (sub.count("<br>") + 1) if sub else 0)
    rows = legend_rows(names) if legend else 0
    fig.update_layout(
        template=TEMPLATE_NAME,
        separators=SEPARATORS.get(lang, SEPARATORS["id"]),
        title={"text": wrapped, "subtitle": {"text": sub}, "yref": "container", "y": 1 - 10 / height},
        margin={"t": heading + 22 * rows + 6},
        showlegend=legend,
        legend={"y": 1 - (heading + 2) / height},
        height=height,
        meta={**(fig.layout.meta or {}), "still_subtitle": still_subtitle} if still_subtitle is not None else None,
    )
    return secure(fix_margins(fig, narrowest=PHONE_WIDTH_PX), "#FFFFFF", text=TEXT)


def legend_rows(names: list[str]) -> int:
    """How many lines a horizontal legend takes on a phone (about 7 px a character, 40 px a symbol)."""
    rows, used = 1, 0
    for name in names:
        width = 40 + 7 * len(name)
        if used and used + width > PHONE_WIDTH_PX:
            rows, used = rows + 1, 0
        used += width
    return rows


def count_axis(top: float) -> dict[str, object]:
    """An axis of counts: grouped thousands, from zero, whole numbers only (with a small maximum
    Plotly would tick 0, 0.5, 1 and print "0 1 1")."""
    axis: dict[str, object] = {"tickformat": ",d", "rangemode": "tozero"}
    if top <= 6:
        axis["dtick"] = 1
    return axis


def bar_height(rows: int, extra: int = 140) -> int:
    """The height of a horizontal bar chart with `rows` bars."""
    return max(260, rows * ROW_HEIGHT + extra)
