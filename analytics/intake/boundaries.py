"""Kecamatan from a point: the boundary file's polygons, point-in-polygon with shapely.

Used for the IID export's `Koordinat` (the export has no kecamatan).  The boundary file is the one
the Kecamatan page draws (KUDUS_GEOJSON: a FeatureCollection whose features carry `code` =
Kemendagri 33.19.0x, or `name`).  Without one, a kecamatan stays unknown: nothing is guessed from
the nearest centroid.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from shapely import STRtree
from shapely.geometry import Point, shape

from analytics.intake import contract


@dataclass(frozen=True)
class Boundaries:
    names: tuple[str, ...]
    tree: STRtree

    def locate(self, lat: float, lon: float) -> str | None:
        """The kecamatan whose polygon holds the point (GeoJSON is lon, lat), None outside all."""
        hits = self.tree.query(Point(lon, lat), predicate="intersects")
        return self.names[int(min(hits))] if len(hits) else None


def load_boundaries(path: str | Path) -> Boundaries:
    """Polygons of the nine kecamatan from a GeoJSON file; ValueError when it is not usable."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    names, shapes = [], []
    for feature in data.get("features") or ():
        nama = contract.kecamatan_of_feature(feature.get("properties") or {})
        if nama and feature.get("geometry"):
            names.append(nama)
            shapes.append(shape(feature["geometry"]))
    if not shapes:
        raise ValueError(f"{path}: tidak ada poligon kecamatan / no kecamatan polygons")
    return Boundaries(tuple(names), STRtree(shapes))


@lru_cache(maxsize=4)
def _cached(path: str, mtime: float) -> Boundaries | None:
    try:
        return load_boundaries(path)
    except (OSError, ValueError, KeyError, TypeError):
        return None  # the Kecamatan page reports a bad file; here the kecamatan stays unknown


def configured_boundaries() -> Boundaries | None:
    """The boundaries of KUDUS_GEOJSON, or None when it is not set or not usable."""
    path = os.environ.get("KUDUS_GEOJSON", "").strip()
    if not path or not Path(path).is_file():
        return None
    return _cached(path, Path(path).stat().st_mtime)
