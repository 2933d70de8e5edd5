"""Figures for the briefing that the dashboard's builders do not make, and the adjustments that
take any dashboard figure to a big dark screen or to a fixed-size image.

Why here: the dashboard's builders (`analytics.charts`) and template are the one look of the app;
this module adds only (1) the two coverage charts of the "satu instansi / satu pejabat satu
inovasi" slide, built with the same `finish` and colours, and (2) layout overrides for a command
center (larger type, dark background) and for images (fixed size, map re-framed).  No second
template: the overrides are applied on top of the app's own.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from analytics import i18n
from analytics.charts.contrast import secure
from analytics.charts.format import number, percent, value_label, wrap
from analytics.charts.maps import FRAME_PX, TILE
from analytics.charts.template import COUNTING, NONE, bar_height, finish

# The command center's colours: light text on near-black, gridlines just visible.
SCREEN_BACKGROUND = "#0B0F14"
SCREEN_TEXT = "#F5F7FA"
SCREEN_MUTED = "#C9D1DB"
SCREEN_GRID = "#2A3340"
SCREEN_FONT = 20  # px; readable from the back of a room on a 1366×768 projector too
# A map style made only of a background layer: dark, and nothing fetched from the network.
DARK_MAP_STYLE = {"version": 8, "sources": {}, "layers": [
    {"id": "background", "type": "background", "paint": {"background-color": SCREEN_BACKGROUND}}]}


def _t(code: str, lang: str, **params: object) -> str:
    return i18n.t(code, lang, **params)


def _share_bars(labels: list[str], shares: list[float], parts: list[int], wholes: list[int], *,
                lang: str) -> go.Figure:
    fig = go.Figure(go.Bar(
        x=[s * 100 for s in shares], y=labels, orientation="h",
        marker_color=[NONE if s == 0 else COUNTING for s in shares],
        text=[f"{percent(s, lang)} ({number(p, lang)}/{number(w, lang)})" for s, p, w in zip(shares, parts, wholes)],
        textposition="auto", cliponaxis=False,
        hovertemplate="<b>%{y}</b><br>%{text}<extra></extra>",
    ))
    fig.update_yaxes(type="category", autorange="reversed")
    fig.update_xaxes(title_text=_t("deck.axis_share", lang), range=[0, 100], ticksuffix="%")
    return fig


def instansi_coverage_chart(cakupan: pd.DataFrame, lang: str) -> go.Figure:
    """Satu instansi satu inovasi: per unit type, the share of aktif units with a counting
    innovation of their own (`Indicators.cakupan_satu_instansi`)."""
    table = cakupan.loc[cakupan["jumlah_unit"] > 0]
    fig = _share_bars([value_label("jenis_unit", v, lang) for v in table["jenis_unit"]],
                      table["porsi_berinovasi"].astype(float).tolist(), table["unit_berinovasi"].astype(int).tolist(),
                      table["jumlah_unit"].astype(int).tolist(), lang=lang)
    return finish(fig, title=_t("deck.chart.instansi", lang), subtitle=_t("deck.chart.instansi_sub", lang),
                  lang=lang, height=bar_height(len(table), 150))


def pejabat_coverage_chart(per_jabatan: pd.DataFrame, lang: str) -> go.Figure:
    """Satu pejabat satu inovasi: per jenis jabatan, the share of officials named as penggagas of a
    counting innovation (`Indicators.satu_pejabat_per_jenis_jabatan`)."""
    table = per_jabatan.loc[per_jabatan["jumlah_pejabat"] > 0]
    fig = _share_bars([value_label("jenis_jabatan", str(v), lang) for v in table["jenis_jabatan"]],
                      table["porsi_berinovasi"].astype(float).tolist(),
                      table["pejabat_berinovasi"].astype(int).tolist(), table["jumlah_pejabat"].astype(int).tolist(),
                      lang=lang)
    return finish(fig, title=_t("deck.chart.pejabat", lang), subtitle=_t("deck.chart.pejabat_sub", lang),
                  lang=lang, height=bar_height(len(table), 150))


# ------------------------------------------------------------------------------------------------
# Adjustments
# ------------------------------------------------------------------------------------------------
def _lines(text: str | None) -> int:
    return text.count("<br>") + 1 if text else 0


def _rewrap(text: str | None, width_px: float, font_px: float) -> str:
    """Text re-wrapped for a chart `width_px` wide (the app wraps titles for a phone)."""
    if not text:
        return ""
    return wrap(text.replace("<br>", " "), max(16, int(width_px / (font_px * 0.56))))


def _plot_width(fig: go.Figure, width_px: float, tick_px: float) -> float:
    """About how wide the plot area is: the figure less the category labels of horizontal bars (or
    the value ticks and axis title of other charts)."""
    labels = [str(v) for trace in fig.data if trace.type == "bar" and trace.orientation == "h" for v in (trace.y or ())]
    left = max(len(v) for v in labels) * tick_px * 0.56 + 24 if labels else 90
    return max(width_px - left - 40, width_px * 0.3)


def _legend_rows(fig: go.Figure, width_px: float, font_px: float) -> int:
    """Rows of a horizontal legend laid over the plot area's width (Plotly wraps it there)."""
    names = [str(trace.name) for trace in fig.data if trace.showlegend is not False and trace.name]
    if len(names) < 2 or fig.layout.showlegend is False:
        return 0
    rows, used = 1, 0.0
    for name in names:
        item = 48 + font_px * 0.56 * len(name)
        if used and used + item > width_px:
            rows, used = rows + 1, 0.0
        used += item
    return rows


def relayout_header(fig: go.Figure, *, width_px: float, title_px: float, subtitle_px: float,
                    legend_px: float) -> None:
    """Title, subtitle and legend placed in pixels from the top, whatever the final height (font
    sizes the figure sets itself win over the ones given).

    The app's `finish` positions them as fractions of the figure's own height and wraps titles for
    a phone; a figure drawn at another size (a stretched screen, an image) would see them drift
    onto the plot.  Here titles are re-wrapped for `width_px`, the title hangs from the top edge,
    the legend (one or more horizontal rows) sits on the plot's top edge, and the top margin is
    exactly their height."""
    title = fig.layout.title
    title_px = (title.font.size if title and title.font and title.font.size else None) or title_px
    legend_px = (fig.layout.legend.font.size if fig.layout.legend.font and fig.layout.legend.font.size
                 else None) or legend_px
    text = _rewrap(title.text if title else None, width_px, title_px)
    sub = _rewrap(title.subtitle.text if title and title.subtitle else None, width_px, subtitle_px)
    tick_px = (fig.layout.yaxis.tickfont.size if fig.layout.yaxis.tickfont and fig.layout.yaxis.tickfont.size
               else None) or legend_px
    rows = _legend_rows(fig, _plot_width(fig, width_px, tick_px), legend_px)
    # plotly.js anchors a multi-line title too high by most of a line: push it down by that much.
    lift = title_px * 0.8 if _lines(text) > 1 else 0.0
    header = 12 + lift + _lines(text) * title_px * 1.3 + _lines(sub) * subtitle_px * 1.4
    fig.update_layout(
        title={"text": text, "subtitle": {"text": sub}, "yref": "container", "y": 1, "yanchor": "top",
               "pad": {"t": 10 + lift}},
        # xref "paper": a legend placed by the container pushes the plot's left margin (plotly.js 4).
        legend={"orientation": "h", "yref": "paper", "y": 1.0, "yanchor": "bottom", "xref": "paper", "x": 0,
                "xanchor": "left"},
        margin={"t": round(header + rows * legend_px * 1.75 + 14)},
    )


def _map_zoom_for(fig: go.Figure, width: float, height: float) -> None:
    """The dashboard frames its map for a phone (FRAME_PX); keep the same extent in a bigger frame."""
    if not fig.layout.map or fig.layout.map.zoom is None:
        return
    factor = min(max(width, 1) / FRAME_PX[0], max(height, 1) / FRAME_PX[1])
    fig.layout.map.zoom = round(fig.layout.map.zoom + math.log2(max(factor, 1e-3)), 2)


def _is_map(fig: go.Figure) -> bool:
    return any(trace.type in {"scattermap", "choroplethmap", "densitymap"} for trace in fig.data)


def still(fig: go.Figure) -> go.Figure:
    """A copy that invites no click: the subtitle a builder wrote for a chart that cannot be
    clicked (`finish(still_subtitle=...)`) replaces the one that says "klik"; the axes' margins
    measured by plotly.js again."""
    out = go.Figure(fig)
    # Drawn at another size or type scale than the app's (charts.margins): plotly.js measures again.
    out.update_xaxes(automargin=True)
    out.update_yaxes(automargin=True)
    meta = out.layout.meta if isinstance(out.layout.meta, dict) else {}
    if meta.get("still_subtitle") is not None:
        out.update_layout(title_subtitle_text=meta["still_subtitle"])
    if meta.get("tiles"):  # every tile prints its figure: the colour bar only takes the map's room
        out.update_traces(marker_showscale=False)
        out.update_layout(margin={"b": 8})
    return out


def _fit_tile_names(fig: go.Figure, width: float, height: float) -> None:
    """Tile-map names sized to stay inside their tiles in a `width` × `height` figure: the
    longest name line (a bold "Kaliwungu", about 0.56 em a character) within a tile's side."""
    if not (isinstance(fig.layout.meta, dict) and fig.layout.meta.get("tiles")):
        return
    margin = fig.layout.margin
    cells = abs(fig.layout.xaxis.range[1] - fig.layout.xaxis.range[0])
    side = min(width - (margin.l or 0) - (margin.r or 0), height - (margin.t or 0) - (margin.b or 0)) / cells * TILE
    longest = max(len(part) for text in fig.data[0].text for part in text.split("</b>")[0][3:].split("<br>"))
    size = fig.data[0].textfont.size or 12
    fig.update_traces(textfont={"size": max(8, min(size, int(side * 0.9 / (0.56 * longest))))},
                      selector={"type": "scatter"})


def for_screen(fig: go.Figure, *, plot_width: float = 860, plot_height: float = 560) -> go.Figure:
    """A copy for the presentation page: large light type on the dark page, no fixed height (the
    page stretches it), maps re-framed for about `plot_width` × `plot_height` pixels, every mark
    readable on the dark background (contrast.secure)."""
    out = still(fig)
    out.update_layout(
        height=None, autosize=True, paper_bgcolor=SCREEN_BACKGROUND, plot_bgcolor=SCREEN_BACKGROUND,
        font={"size": SCREEN_FONT, "color": SCREEN_TEXT},
        title={"font": {"size": SCREEN_FONT + 6, "color": SCREEN_TEXT},
               "subtitle": {"font": {"size": SCREEN_FONT - 2, "color": SCREEN_MUTED}}},
        legend={"font": {"size": SCREEN_FONT - 3, "color": SCREEN_TEXT}, "bgcolor": "rgba(0,0,0,0)"},
        hoverlabel={"font": {"size": SCREEN_FONT}},
        margin={"l": 12, "r": 28, "b": 12},
    )
    relayout_header(out, width_px=plot_width, title_px=SCREEN_FONT + 6, subtitle_px=SCREEN_FONT - 2,
                    legend_px=SCREEN_FONT - 3)
    axis = {"gridcolor": SCREEN_GRID, "linecolor": SCREEN_GRID, "tickfont": {"size": SCREEN_FONT - 2,
                                                                              "color": SCREEN_TEXT},
            "title": {"font": {"size": SCREEN_FONT - 2, "color": SCREEN_MUTED}}}
    out.update_xaxes(**axis)
    out.update_yaxes(**axis)
    out.update_traces(textfont={"size": SCREEN_FONT - 2}, textangle=0, selector={"type": "bar"})
    out.update_traces(textfont={"size": SCREEN_FONT}, selector={"type": "funnel"})
    out.update_traces(textfont={"size": SCREEN_FONT - 2}, selector={"type": "scatter", "mode": "markers+text"})
    if isinstance(out.layout.meta, dict) and out.layout.meta.get("tiles"):  # names fit inside their tiles
        out.update_traces(textfont={"size": SCREEN_FONT - 4}, selector={"type": "scatter"})
        _fit_tile_names(out, plot_width, plot_height)
    if _is_map(out):
        out.update_layout(map={"style": DARK_MAP_STYLE})
        out.update_traces(textfont={"size": SCREEN_FONT - 2, "color": SCREEN_TEXT}, selector={"type": "scattermap"})
        out.update_traces(colorbar={"tickfont": {"color": SCREEN_TEXT}, "title": {"font": {"color": SCREEN_TEXT}}},
                          selector={"type": "choroplethmap"})
        out.update_traces(marker={"colorbar": {"tickfont": {"color": SCREEN_TEXT},
                                               "title": {"font": {"color": SCREEN_TEXT}}}},
                          selector={"type": "scattermap"})
        _map_zoom_for(out, plot_width, plot_height - out.layout.margin.t)
    return secure(out, SCREEN_BACKGROUND, text=SCREEN_TEXT)


def for_image(fig: go.Figure, *, width: int, height: int) -> go.Figure:
    """A copy at a fixed layout size for PDF, PowerPoint and PNG (the app's light look kept, no
    invitation to click)."""
    out = still(fig)
    out.update_layout(width=width, height=height, autosize=False)
    relayout_header(out, width_px=width, title_px=16, subtitle_px=12, legend_px=12)
    if _is_map(out):
        _map_zoom_for(out, width, height - (out.layout.margin.t or 0))
    _fit_tile_names(out, width, height)
    return out
