"""The horizontal bar of counting and not-yet-counting innovations, used by many charts.

Why one builder: per unit type, per unit, per kecamatan and per year all show the same two parts
(blue: counts under the rules; light blue: does not count yet) and mark the groups with no
counting innovation in vermillion, so a leader reads every one of them the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from analytics import i18n
from analytics.charts.format import shorten
from analytics.charts.template import COUNTING, NONE, NOT_COUNTING, bar_height, count_axis

LABEL_LIMIT = 26  # characters of an axis label: a phone's chart, and a slide's half at 20 px


def short_names(units: object) -> dict[str, str]:
    """Unit code -> the longest of its short forms (`singkatan` of the unit list, ';'-separated)
    that fits an axis label: "Dinas PUPR", "PDAM Tirta Muria", "BPPKAD"."""
    if units is None or not len(units) or "singkatan" not in units:  # type: ignore[arg-type]
        return {}
    found: dict[str, str] = {}
    for kode, forms in zip(units["kode"].astype("str"), units["singkatan"].fillna("").astype("str")):  # type: ignore[index]
        fitting = [f.strip() for f in forms.split(";") if f.strip() and len(f.strip()) <= LABEL_LIMIT]
        if fitting:
            found[kode] = max(fitting, key=len)
    return found


def axis_names(names: Sequence[str], codes: Sequence[str], short: Mapping[str, str] | None) -> list[str]:
    """The full name where it fits an axis label, else the unit's short form (the hover keeps the
    full name), else the name cut with an ellipsis (unique_labels)."""
    short = short or {}
    return [name if len(str(name)) <= LABEL_LIMIT else short.get(str(code), name) for name, code in zip(names, codes)]


def unique_labels(names: Sequence[str], limit: int = LABEL_LIMIT) -> list[str]:
    """Shortened axis labels that stay distinct (two long names must not merge into one bar)."""
    seen: dict[str, int] = {}
    labels = []
    for name in names:
        label = shorten(name, limit)
        seen[label] = seen.get(label, 0) + 1
        labels.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return labels


def counting_bars(*, labels: Sequence[str], counting: Sequence[int], not_counting: Sequence[int],
                  customdata: Sequence[Sequence[object]], lang: str, hover_name: Sequence[str] | None = None,
                  extra_hover: str = "", chosen: Sequence[int] = (), mark_zero: bool = True,
                  horizontal: bool = True) -> go.Figure:
    """Stacked bars per group; `customdata` rows start with [dimension, value] (analytics.selection)
    and may carry more items for `extra_hover` (e.g. '<br>%{customdata[2]}')."""
    names = list(hover_name) if hover_name is not None else list(labels)
    rows = [[*cd, name] for cd, name in zip(customdata, names)]
    name_at = len(rows[0]) - 1 if rows else 0
    hover = (f"<b>%{{customdata[{name_at}]}}</b><br>{i18n.t('chart.counting', lang)}: %{{customdata[{name_at + 1}]:,d}}"
             f"<br>{i18n.t('chart.not_counting', lang)}: %{{customdata[{name_at + 2}]:,d}}{extra_hover}<extra></extra>")
    rows = [[*row, c, n] for row, c, n in zip(rows, counting, not_counting)]
    fig = go.Figure()
    for name, values, colour in ((i18n.t("chart.counting", lang), counting, COUNTING),
                                 (i18n.t("chart.not_counting", lang), not_counting, NOT_COUNTING)):
        axes = {"x": list(values), "y": list(labels), "orientation": "h"} if horizontal else \
            {"x": list(labels), "y": list(values)}
        fig.add_trace(go.Bar(name=name, marker_color=colour, customdata=rows, hovertemplate=hover, **axes))
    zero = [i for i, c in enumerate(counting) if c == 0]
    if mark_zero and zero:
        ends = [counting[i] + not_counting[i] for i in zero]
        text = i18n.t("chart.none_counting_short", lang)
        axes = {"x": ends, "y": [labels[i] for i in zero]} if horizontal else \
            {"x": [labels[i] for i in zero], "y": ends}
        fig.add_trace(go.Scatter(
            name=i18n.t("chart.none_counting", lang), mode="markers+text", text=[text] * len(zero), showlegend=False,
            textposition="middle right" if horizontal else "top center", textfont={"color": NONE, "size": 12},
            marker={"color": NONE, "size": 10, "symbol": "diamond"}, customdata=[rows[i] for i in zero],
            hovertemplate=hover, cliponaxis=False, **axes))
    fig.update_layout(barmode="stack")
    top = max([c + n for c, n in zip(counting, not_counting)] or [0])
    if horizontal:
        fig.update_yaxes(categoryorder="array", categoryarray=list(labels), autorange="reversed", type="category")
        fig.update_xaxes(title_text=i18n.t("chart.axis_innovations", lang), **count_axis(top))
        fig.update_layout(height=bar_height(len(labels)))
    else:
        fig.update_xaxes(type="category")
        fig.update_yaxes(title_text=i18n.t("chart.axis_innovations", lang), **count_axis(top))
    if chosen:
        for trace in fig.data:
            if isinstance(trace, go.Bar):
                trace.selectedpoints = list(chosen)
    return fig
