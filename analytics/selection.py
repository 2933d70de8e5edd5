"""Chart clicks to filters: the one place that decides what a click on a bar or a kecamatan does.

Why a pure function: Streamlit hands a Plotly selection event to the page, and AppTest cannot click
a chart.  Keeping the decision here (event + current filters -> new filters) makes it testable with
plain dictionaries, and keeps every chart's click behaving the same way.

The contract with the chart builders (analytics.charts): every clickable point carries
`customdata = [dimension, value, ...]`, where dimension is a filter name (`analytics.filters`) or
"tahun", and value is what that filter holds (a unit kode, a kecamatan name, a year...).  Further
customdata items are for hover text and are ignored here.

What a click does:
- a point of a dimension sets that filter to the clicked value (drill-down);
- clicking the value that is already the whole filter again removes it (a toggle, as on the chip);
- several points (box or lasso select) set the filter to all their values;
- a click on a year sets the year (a year is never removed: pages always show one);
- points without a known dimension, and an empty selection (a click on the background, a
  double-click that clears), change nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from analytics.filters import DIMENSIONS, YEAR, Filters


def clicked_values(event: Mapping[str, Any] | None) -> dict[str, list[str | int]]:
    """dimension -> the values of the selected points, in the order they were selected."""
    selection = (event or {}).get("selection") or {}
    picked: dict[str, list[str | int]] = {}
    for point in selection.get("points") or ():
        found = _dimension_value(point.get("customdata") if isinstance(point, Mapping) else None)
        if found is None:
            continue
        dimension, value = found
        if value not in picked.setdefault(dimension, []):
            picked[dimension].append(value)
    return picked


def _dimension_value(customdata: Any) -> tuple[str, str | int] | None:
    if not isinstance(customdata, Sequence) or isinstance(customdata, str) or len(customdata) < 2:
        return None
    dimension, value = customdata[0], customdata[1]
    if dimension == YEAR:
        text = str(value).strip()
        return (YEAR, int(text)) if text.isdigit() else None
    if dimension not in DIMENSIONS or value is None or not str(value).strip():
        return None
    return str(dimension), str(value)


def filters_after_selection(event: Mapping[str, Any] | None, filters: Filters) -> Filters:
    """The filters after a chart selection event (see the module docstring for the rules)."""
    updated = filters
    for dimension, values in clicked_values(event).items():
        if dimension == YEAR:
            updated = updated.with_year(int(values[-1]))
            continue
        chosen = tuple(sorted(str(v) for v in values))
        same = chosen == filters.values(dimension)
        updated = updated.with_values(dimension, () if same else chosen)
    return updated
