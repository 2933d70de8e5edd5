"""Figures of the Kecamatan page: a map of the nine kecamatan and their bars.

Why two maps: the boundary file is data the project does not ship (the deployer configures it).
With a boundary GeoJSON the map is a real choropleth (`go.Choroplethmap`, `map_style="white-bg"`:
no tiles, nothing fetched from a CDN); without one it is a tile map laid out from the centroids of
`contract.KECAMATAN` (plain SVG, no map library at all).  "Seluruh Kabupaten" innovations are not on the map
(they belong to no kecamatan); the page shows them apart.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from analytics import i18n
from analytics.charts.bars import counting_bars
from analytics.charts.contrast import ratio
from analytics.charts.template import NONE, SEQUENTIAL, TEXT, finish
from analytics.intake import contract

MAP_HEIGHT = 460
# The map is framed for the narrowest screen we support (a phone, ~340 px of chart width);
# wider screens see the same frame with white around it.
FRAME_PX = (340, MAP_HEIGHT - 170)  # the plot area under the title and above the colour bar


class BoundaryError(ValueError):
    """A boundary file that cannot be used (the page falls back to the point map and says why)."""


@dataclass(frozen=True)
class Boundaries:
    """The nine kecamatan polygons, each feature's `id` set to the kecamatan's canonical name."""

    geojson: dict[str, Any]
    bounds: tuple[float, float, float, float]  # west, south, east, north
    source: str


def load_boundaries(path: str | Path) -> Boundaries:
    """Read a GeoJSON FeatureCollection and match its features to the nine kecamatan by
    Kemendagri code (`code`/`kode`/`kemendagri_code`) or name (`name`/`nama`/`kecamatan`)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise BoundaryError(f"{path}: {err}") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise BoundaryError(f"{path}: not a GeoJSON FeatureCollection")
    features, points = [], []
    for feature in data.get("features") or ():
        nama = contract.kecamatan_of_feature(feature.get("properties") or {})
        if nama is None or nama == contract.SELURUH_KABUPATEN:
            continue
        geometry = feature.get("geometry") or {}
        _collect(geometry.get("coordinates"), points)
        features.append({"type": "Feature", "id": nama, "properties": {"nama": nama}, "geometry": geometry})
    if len({f["id"] for f in features}) < len(contract.KECAMATAN) or not points:
        found = sorted({f["id"] for f in features})
        raise BoundaryError(f"{path}: {len(found)} of the 9 kecamatan found ({', '.join(found) or 'none'})")
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return Boundaries({"type": "FeatureCollection", "features": features},
                      (min(lons), min(lats), max(lons), max(lats)), str(path))


def _collect(coordinates: Any, into: list[tuple[float, float]]) -> None:
    if not coordinates:
        return
    if isinstance(coordinates[0], int | float):
        into.append((float(coordinates[0]), float(coordinates[1])))
        return
    for part in coordinates:
        _collect(part, into)


def tile_positions(columns: int = 4, rows: int = 4) -> dict[str, tuple[int, int]]:
    """Kecamatan name -> (row, column) of a tile grid that keeps the centroids' arrangement.

    Why a tile grid: without boundaries, nine bubbles at their centroids overlap around Kota Kudus
    and their map labels need fonts from the network; equal tiles placed like the kecamatan lie
    (Gebog and Dawe north, Undaan south, Jekulo east, Kaliwungu west) stay readable on a phone.
    Each centroid, scaled onto the grid, takes the nearest free cell, closest pairs first."""
    lons = [k.lon for k in contract.KECAMATAN]
    lats = [k.lat for k in contract.KECAMATAN]
    spots = {k.nama: ((k.lon - min(lons)) / (max(lons) - min(lons)) * (columns - 1),
                      (max(lats) - k.lat) / (max(lats) - min(lats)) * (rows - 1)) for k in contract.KECAMATAN}
    pairs = sorted(((x - c) ** 2 + (y - r) ** 2, name, (r, c))
                   for name, (x, y) in spots.items() for r in range(rows) for c in range(columns))
    placed: dict[str, tuple[int, int]] = {}
    for _, name, cell in pairs:
        if name not in placed and cell not in placed.values():
            placed[name] = cell
    return placed


def frame(bounds: tuple[float, float, float, float]) -> tuple[dict[str, float], float]:
    """Centre and zoom that fit `bounds` into FRAME_PX (web-mercator tiles of 512 px)."""
    west, south, east, north = bounds
    width_px, height_px = FRAME_PX
    zoom_x = math.log2(width_px * 360 / (512 * max(east - west, 1e-6)))
    zoom_y = math.log2(height_px * 360 / (512 * max(north - south, 1e-6)))
    return {"lon": (west + east) / 2, "lat": (south + north) / 2}, round(min(zoom_x, zoom_y), 2)


def kecamatan_map(nine: pd.DataFrame, lang: str, *, boundaries: Boundaries | None = None,
                  chosen: tuple[str, ...] = ()) -> go.Figure:
    """The nine kecamatan coloured by counting innovations; a click picks one.  A choropleth with
    `boundaries`, else the tile map; kecamatan with no counting innovation outlined in vermillion."""
    names = nine["kecamatan"].tolist()
    counting = nine["jumlah_dihitung"].astype("int64").tolist()
    custom = [["kecamatan", n, int(a), int(c)] for n, a, c in zip(names, nine["jumlah_inovasi"], counting)]
    hover = (f"<b>%{{customdata[1]}}</b><br>{i18n.t('chart.counting', lang)}: %{{customdata[3]:,d}}"
             f"<br>{i18n.t('chart.innovations', lang)}: %{{customdata[2]:,d}}<extra></extra>")
    selected = [i for i, n in enumerate(names) if n in set(chosen)] or None
    top = max([*counting, 1])
    # A horizontal colour bar under the map: on a phone a vertical one takes a fifth of the width.
    colorbar = {"title": {"text": i18n.t("chart.counting", lang), "side": "top"}, "orientation": "h", "x": 0.5,
                "xanchor": "center", "y": 0, "yanchor": "top", "thickness": 10, "len": 0.8, "tickformat": ",d"}
    if boundaries is not None:
        fig = go.Figure(go.Choroplethmap(
            geojson=boundaries.geojson, locations=names, z=counting, zmin=0, zmax=top, customdata=custom,
            colorscale=SEQUENTIAL, colorbar=colorbar, hovertemplate=hover, selectedpoints=selected,
            marker={"line": {"color": [NONE if c == 0 else "white" for c in counting],
                             "width": [3 if c == 0 else 1.5 for c in counting]}, "opacity": 0.92},
        ))
        # No names drawn on the map: map text is placed by the map library, which drops labels that
        # collide (Kota Kudus is small) — the hover names each kecamatan, the bars beside list them.
        centre, zoom = frame(boundaries.bounds)
        fig.update_layout(map={"style": "white-bg", "center": centre, "zoom": zoom})
        kind = "map"
    else:
        fig = _tiles(names, counting, custom, hover, selected, top, colorbar)
        kind = "map_tiles"
    fig.update_layout(dragmode=False, margin={"b": 70})
    return finish(fig, title=i18n.t("chart.kecamatan_map", lang), subtitle=i18n.t(f"chart.{kind}_sub", lang),
                  still_subtitle=i18n.t(f"chart.{kind}_still", lang), lang=lang, height=MAP_HEIGHT)


TILE = 0.88  # a tile's side in grid cells: the gap between tiles is an eighth of a cell
TILE_OUTLINE = "#5F6B7A"  # 5.4:1 on white, 3.5:1 on the screen's near-black: every tile has an edge


def tile_name(name: str) -> str:
    """A kecamatan name laid out for its tile: two-word names on two lines ("Kota<br>Kudus")."""
    return "<br>".join(name.split())


def _tiles(names: list[str], counting: list[int], custom: list[list[object]], hover: str,
           selected: list[int] | None, top: int, colorbar: dict[str, object]) -> go.Figure:
    """Tiles drawn as squares in the grid's own units (not as markers in pixels), so they fill
    the chart's width at any size and can never overlap; each name and count sits inside its tile.
    An invisible marker at each centre carries the hover, the click and the colour bar."""
    where = tile_positions()
    rows = [where[n][0] for n in names]
    columns = [where[n][1] for n in names]
    fills = sample_colorscale(SEQUENTIAL, [c / top for c in counting])
    # White or dark text, whichever stands out more from its tile's fill.
    ink = ["white" if ratio("white", f) >= ratio(TEXT, f) else TEXT for f in fills]
    faded = set(range(len(names))) - set(selected or range(len(names)))
    fig = go.Figure(go.Scatter(
        x=columns, y=rows, mode="markers+text", customdata=custom, hovertemplate=hover, selectedpoints=selected,
        text=[f"<b>{tile_name(n)}</b><br>{c}" for n, c in zip(names, counting)], textposition="middle center",
        textfont={"size": 12, "color": ink},
        marker={"symbol": "square", "size": 40, "opacity": 0, "color": counting, "cmin": 0, "cmax": top,
                "colorscale": SEQUENTIAL, "showscale": True, "colorbar": colorbar},
        selected={"marker": {"opacity": 0}}, unselected={"marker": {"opacity": 0}},
    ))
    half = TILE / 2
    for number, (row, column, fill, count) in enumerate(zip(rows, columns, fills, counting)):
        fig.add_shape(type="rect", x0=column - half, x1=column + half, y0=row - half, y1=row + half,
                      fillcolor=fill, layer="below", opacity=0.35 if number in faded else 1,
                      line={"color": NONE if count == 0 else TILE_OUTLINE, "width": 4 if count == 0 else 1.5})
    span = max(max(rows), max(columns)) + 0.5
    # Square cells by shrinking the plot's domain, never by widening the ranges: plotly.js writes a
    # widened range back into the layout, and each resize (a slide drawn hidden, then shown) would
    # widen it again until the tiles are small in a large empty area.
    fig.update_xaxes(visible=False, range=[-0.5, span], fixedrange=True, constrain="domain")
    fig.update_yaxes(visible=False, range=[span, -0.5], fixedrange=True, scaleanchor="x", scaleratio=1,
                     constrain="domain")
    fig.update_layout(hoverdistance=200,  # the nearest tile's centre answers anywhere on the tile
                      # Every tile prints its figure: a still image or a slide can do without the colour bar.
                      meta={"tiles": True})
    return fig


def kecamatan_bars(nine: pd.DataFrame, lang: str, *, chosen: tuple[str, ...] = ()) -> go.Figure:
    """The nine kecamatan by counting innovations (most first); no-innovation ones in vermillion."""
    table = nine.sort_values(["jumlah_dihitung", "kecamatan"], ascending=[False, True], ignore_index=True)
    names = table["kecamatan"].tolist()
    not_counting = (table["jumlah_inovasi"] - table["jumlah_dihitung"]).astype("int64").tolist()
    custom = [["kecamatan", n] for n in names]
    positions = [i for i, n in enumerate(names) if n in set(chosen)]
    fig = counting_bars(labels=names, counting=table["jumlah_dihitung"].astype("int64").tolist(),
                        not_counting=not_counting, customdata=custom, lang=lang, chosen=positions)
    return finish(fig, title=i18n.t("chart.kecamatan_bars", lang), subtitle=i18n.t("chart.kecamatan_bars_sub", lang),
                  lang=lang)

