"""Margins for the axes' labels, computed here instead of by Plotly's automargin.

Why: with automargin plotly.js draws a chart, measures its tick labels, widens the margins and
draws it again.  That second pass is half the drawing time (the overview's six charts: 131 ms
against 67 ms in a warm page), and the overview's cold first screen came 0.2 s sooner without it
(2.29 s against 2.49 s).  So `fix_margins` reserves room from what the chart itself holds (its
category labels, the largest number on its value axis, the axis titles) and turns automargin off.

Text is measured with Helvetica's advance widths (the Adobe core-font metrics), which Arial and
Liberation Sans share: the fallback a browser without the app's Source Sans uses, and wider than
Source Sans, so the estimate is never short for either.  Only the shapes of chart this knows
(horizontal bars and funnels over categories; lines or bars over short categories such as
years) are fixed; any other chart keeps automargin, as do copies drawn at other sizes
(`briefing.figures.still` turns it back on).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

import plotly.graph_objects as go

# Advance widths per 1000 em (Helvetica); anything else counts as wide as an "M" less a little.
_WIDTHS = {
    " ": 278, "!": 278, '"': 355, "#": 556, "$": 556, "%": 889, "&": 667, "'": 191, "(": 333, ")": 333,
    "*": 389, "+": 584, ",": 278, "-": 333, ".": 278, "/": 278, ":": 278, ";": 278, "<": 584, "=": 584,
    ">": 584, "?": 556, "@": 1015, "[": 278, "]": 278, "_": 556, "–": 556, "—": 1000, "·": 278, "…": 1000,
    **dict.fromkeys("0123456789", 556),
    **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
               (667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611,
                722, 667, 944, 667, 667, 611))),
    **dict(zip("abcdefghijklmnopqrstuvwxyz",
               (556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278,
                556, 500, 722, 500, 500, 500))),
}
_OTHER = 780
_TAG = re.compile(r"<[^>]+>")
LINE = 1.3  # plotly.js's line height, in em
GAP = 11  # between a label and the plot: the margin's pad and plotly.js's own offset, as automargin leaves it
BASE = {"l": 8.0, "r": 16.0, "b": 8.0}  # the template's margins, around any labels
SHORT_LABEL = 6  # characters: categories this short lie level under a vertical chart (years)


def text_width(text: str, size: float) -> float:
    """Width in px of the widest line of `text` (Plotly's <br> breaks lines; tags are not text)."""
    lines = _TAG.sub("", re.sub(r"<br\s*/?>", "\n", str(text))).split("\n")
    return max(sum(_WIDTHS.get(char, _OTHER) for char in line) for line in lines) * size / 1000


def lines(text: str) -> int:
    return len(re.findall(r"<br\s*/?>", str(text))) + 1


def fix_margins(fig: go.Figure, narrowest: float) -> go.Figure:
    """Margins for `fig`'s axis labels and titles, automargin off, when its shape is one this
    module knows; otherwise `fig` is left to automargin.  Run after the layout is final;
    `narrowest`: the narrowest width in px the chart is drawn at (a phone)."""
    shape = _known_shape(fig)
    if shape is None:
        return fig
    horizontal, labels, top = shape
    layout = fig.layout
    size = _tick_size(layout, fig)
    funnel = any(trace.type == "funnel" for trace in fig.data)  # a funnel's value axis has no labels
    left = _beside(labels if horizontal else [top], size) if _shows_labels(layout.yaxis) else BASE["l"]
    left += _title_room(layout.yaxis, fig)
    below = [] if funnel or not _shows_labels(layout.xaxis) else [top] if horizontal else labels
    bottom, right = _below(below, size, narrowest - left - BASE["r"], can_turn=not horizontal)
    # The x title is centred under the plot: on a phone, long labels on the left leave a narrow
    # plot, and a wide title would cross the right edge unless the right margin takes its half.
    right = max(right, _title_width(layout.xaxis, fig) - narrowest + left + 2)
    room = {"l": left, "r": right, "b": bottom + _title_room(layout.xaxis, fig)}
    fig.update_layout(margin={side: math.ceil(px) for side, px in room.items()})
    fig.update_xaxes(automargin=False)
    fig.update_yaxes(automargin=False)
    return fig


def _known_shape(fig: go.Figure) -> tuple[bool, list[str], str] | None:
    """(horizontal, the category labels, the widest value label) of a chart of bars, funnels or
    lines over categories on one pair of axes; None for any other chart."""
    traces = list(fig.data)
    if not traces or any(trace.type not in {"bar", "scatter", "funnel"} for trace in traces):
        return None
    if any(name in fig.layout for name in ("xaxis2", "yaxis2")) or any(
            (trace.xaxis or "x") != "x" or (trace.yaxis or "y") != "y" for trace in traces):
        return None
    shaped = [trace for trace in traces if trace.type != "scatter"]  # bars and funnels set the direction
    horizontal = bool(shaped) and all(trace.type == "funnel" or trace.orientation == "h" for trace in shaped)
    labels = _category_labels(fig, "y" if horizontal else "x")
    if labels is None or (not horizontal and any(len(_TAG.sub("", label)) > SHORT_LABEL for label in labels)):
        return None
    top = _value_label(fig, "x" if horizontal else "y")
    return None if top is None else (horizontal, labels, top)


def _beside(labels: Sequence[str], size: float) -> float:
    """The left margin for labels right-aligned against the plot."""
    return max(BASE["l"], max((text_width(label, size) for label in labels), default=0) + GAP)


def _below(labels: Sequence[str], size: float, plot_width: float, *, can_turn: bool) -> tuple[float, float]:
    """The bottom margin for labels under the plot, and the right margin for the last one, centred
    on the plot's right edge (half of it lies in the margin)."""
    if not labels:
        return BASE["b"], BASE["r"]
    widest = max(text_width(label, size) for label in labels)
    height = max(lines(label) for label in labels) * size * LINE
    if can_turn and len(labels) * (widest + size) > plot_width:
        height = max(height, widest)  # too many for a phone's width: plotly.js turns them upright
    return height + GAP, max(BASE["r"], text_width(labels[-1], size) / 2 + 4)


def _axis(fig: go.Figure, letter: str):  # noqa: ANN202 - a plotly layout axis
    return fig.layout.xaxis if letter == "x" else fig.layout.yaxis


def _template_axis(fig: go.Figure, letter: str):  # noqa: ANN202
    template = fig.layout.template
    return (template.layout.xaxis if letter == "x" else template.layout.yaxis) if template else None


def _data(trace: go.BaseTraceType, letter: str) -> list:
    """A trace's x or y as a list (Plotly may hold a numpy array, whose truth is ambiguous)."""
    values = getattr(trace, letter, None)
    return [] if values is None else list(values)


def _category_labels(fig: go.Figure, letter: str) -> list[str] | None:
    """The category axis's labels: ticktext, the category order, or the traces' own values."""
    axis = _axis(fig, letter)
    if axis.ticktext is not None:
        return [str(label) for label in axis.ticktext]
    if axis.categoryarray is not None:
        return [str(label) for label in axis.categoryarray]
    values = [value for trace in fig.data for value in _data(trace, letter)]
    if axis.type != "category" and not all(isinstance(value, str) for value in values):
        return None
    return list(dict.fromkeys(str(value) for value in values))


# The tick formats this reads: grouped or not, a fixed number of decimals (",d", ",.1~f", ".2f").
KNOWN_FORMAT = re.compile(r",?(?:d|\.(\d)~?f)")


def _value_label(fig: go.Figure, letter: str) -> str | None:
    """The widest number the value axis can print: its range's end, or the data's largest (bars
    stacked as Plotly stacks them) with the room autorange adds, formatted as the axis does;
    None for an axis this cannot foresee (a log or date axis, ticks given, another tick format)."""
    axis = _axis(fig, letter)
    known = KNOWN_FORMAT.fullmatch(axis.tickformat or ",d")
    if axis.type not in (None, "-", "linear") or axis.tickmode == "array" or known is None:
        return None
    signed = _numbers(fig.data, letter)
    stacked = fig.layout.barmode in ("stack", "relative")
    numbers = _stacked(fig, letter) if stacked else [abs(v) for v in signed]
    ends = [float(end) for end in (axis.range or ()) if isinstance(end, int | float)]
    if len(ends) == 2:
        numbers, signed = [abs(end) for end in ends], ends
    top = max(numbers, default=1.0) * 1.1  # autorange's padding, and the nice tick above the data
    decimals = int(known.group(1) or 0)
    if not axis.tickformat and top < 10 and axis.dtick != 1:
        decimals = 1  # plotly.js ticks a small range in halves (0.5, 1.5)
    sign = "-" if min(signed, default=0) < 0 else ""
    return f"{axis.tickprefix or ''}{sign}{top:,.{decimals}f}{axis.ticksuffix or ''}"


def _numbers(traces: Iterable[go.BaseTraceType], letter: str) -> list[float]:
    """The finite numbers of the traces' x or y, signs kept."""
    return [float(v) for trace in traces for v in _data(trace, letter)
            if isinstance(v, int | float) and math.isfinite(v)]


def _stacked(fig: go.Figure, letter: str) -> list[float]:
    """Per category, the sum of the stacked bars (and every other trace's own values)."""
    other = "y" if letter == "x" else "x"
    sums: dict[object, float] = {}
    for trace in fig.data:
        if trace.type != "bar":
            continue
        for at, v in zip(_data(trace, other), _data(trace, letter)):
            if isinstance(v, int | float) and math.isfinite(v):
                sums[at] = sums.get(at, 0.0) + abs(float(v))
    return [*sums.values(), *(abs(v) for v in _numbers((t for t in fig.data if t.type != "bar"), letter))]


def _tick_size(layout: go.Layout, fig: go.Figure) -> float:
    sizes: Sequence[float | None] = [
        *(axis.tickfont.size for axis in (layout.xaxis, layout.yaxis) if axis.tickfont),
        *(axis.tickfont.size for axis in (_template_axis(fig, "x"), _template_axis(fig, "y"))
          if axis is not None and axis.tickfont),
        layout.font.size if layout.font else None,
    ]
    return max((size for size in sizes if size), default=12.0)


def _shows_labels(axis) -> bool:  # noqa: ANN001 - a plotly layout axis
    return axis.visible is not False and axis.showticklabels is not False


def _title(axis, fig: go.Figure) -> tuple[str, float] | None:  # noqa: ANN001
    """An axis's title and its type size, if it shows one."""
    text = axis.title.text if axis.title else None
    if not text or axis.visible is False:
        return None
    template = fig.layout.template.layout if fig.layout.template else go.Layout()
    # plotly.js's default for an axis title: the layout's type size times 1.2 (Lib.bigFont).
    size = (axis.title.font.size if axis.title.font else None) or round(
        1.2 * (fig.layout.font.size or template.font.size or 12))
    return text, size


def _title_room(axis, fig: go.Figure) -> float:  # noqa: ANN001
    """The title's lines and its standoff from the labels."""
    title = _title(axis, fig)
    if title is None:
        return 0.0
    template = fig.layout.template.layout if fig.layout.template else go.Layout()
    standoff = axis.title.standoff if axis.title.standoff is not None else template.xaxis.title.standoff
    return lines(title[0]) * title[1] * LINE + (standoff if standoff is not None else 6)


def _title_width(axis, fig: go.Figure) -> float:  # noqa: ANN001
    title = _title(axis, fig)
    return text_width(*title) if title else 0.0
