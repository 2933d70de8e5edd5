"""Plotly figure builders for the dashboard: frames in, figures out (never streamlit).

One template for every chart (`template.finish`): Okabe–Ito colours, the reader's thousands
separator (`layout.separators`), titles, axis labels and hover text in the chosen language, heights
that keep bars readable on a phone.  Clickable points carry `customdata = [dimension, value, ...]`
for `analytics.selection`.
"""

from __future__ import annotations

from analytics.charts.bars import short_names
from analytics.charts.format import SEPARATORS, number, percent, rupiah, signed, table_formats, value_label
from analytics.charts.maps import Boundaries, BoundaryError, kecamatan_bars, kecamatan_map, load_boundaries
from analytics.charts.overview import (
    flags_chart,
    jenis_chart,
    keberlanjutan_chart,
    pelayanan_dasar_chart,
    per_jenis_unit_chart,
    tahapan_funnel_chart,
    trend_chart,
)
from analytics.charts.template import OKABE_ITO, TEMPLATE_NAME, finish
from analytics.charts.tpp import tpp_tiers_chart, tpp_units_chart
from analytics.charts.units import unit_trend_chart, units_chart

__all__ = [
    "OKABE_ITO", "SEPARATORS", "TEMPLATE_NAME", "Boundaries", "BoundaryError", "finish", "flags_chart",
    "jenis_chart", "kecamatan_bars", "kecamatan_map", "keberlanjutan_chart", "load_boundaries", "number",
    "pelayanan_dasar_chart", "per_jenis_unit_chart", "percent", "rupiah", "short_names", "signed", "table_formats",
    "tahapan_funnel_chart", "tpp_tiers_chart", "tpp_units_chart", "trend_chart", "unit_trend_chart", "units_chart",
    "value_label",
]
