"""Innovation lifecycle across years: does an innovation really last?

Pure pandas (never streamlit).  The flags of one year's workbook say whether an innovation *looks*
sustainable; the years of reports say whether it *was*.  Steps, each in its own module:

- config.py     the linking settings: similarity threshold (KUDUS_LINK_THRESHOLD, default 88)
- linking.py    one identity per innovation: exact folded names link, near matches are proposed
                (rapidfuzz, blocked by unit and consecutive reported years), decisions applied
- lifecycles.py per lifecycle: years, stage and status paths, outcome berlanjut/berhenti/baru, stops
- measures.py   outcomes per unit / unit type / regency, survival per kohort (Kaplan–Meier, censored),
                median time Uji Coba -> Penerapan, the check of the one-year flags
- flows.py      state per year and the stage flows between years (Sankey)
- columns.py    what other pages use: lifecycle columns of the innovations table, filter by
                outcome, a one-line unit summary
- report.py     the JSON of `python -m analytics lifecycle --json`
Its Plotly figures, the presentation slide included, are `analytics.charts.lifecycle`.

Definitions and every choice where the issue was silent: docs/lifecycle.md.
"""

from __future__ import annotations

from analytics.lifecycle.columns import (
    LIFECYCLE_FIELDS,
    column_labels,
    filter_by_hasil,
    hasil_label,
    lifecycle_columns,
    unit_summary,
    unit_summary_line,
    with_lifecycle_columns,
)
from analytics.lifecycle.config import DEFAULT_THRESHOLD, THRESHOLD_ENV, LinkSettings, LinkSettingsError, link_settings
from analytics.lifecycle.flows import KEADAAN, flow_members, stage_flows, states_per_year
from analytics.lifecycle.lifecycles import (
    BARU,
    BERHENTI,
    BERLANJUT,
    HASIL,
    LIFECYCLE_COLUMNS,
    Lifecycles,
    build_lifecycles,
    year_ranges,
)
from analytics.lifecycle.linking import KEPUTUSAN, TAUTKAN, TOLAK, Linking, fold_names, link_innovations
from analytics.lifecycle.measures import (
    flag_check,
    flag_outcomes,
    outcomes_by,
    outcomes_by_unit,
    outcomes_kabupaten,
    stopped_in,
    survival,
    survival_members,
    time_to_penerapan,
)
from analytics.lifecycle.report import lifecycle_report

__all__ = [
    "BARU", "BERHENTI", "BERLANJUT", "DEFAULT_THRESHOLD", "HASIL", "KEADAAN", "KEPUTUSAN", "LIFECYCLE_COLUMNS",
    "LIFECYCLE_FIELDS", "TAUTKAN", "THRESHOLD_ENV", "TOLAK", "LinkSettings", "LinkSettingsError", "Lifecycles",
    "Linking", "build_lifecycles", "column_labels", "filter_by_hasil", "flag_check", "flag_outcomes",
    "flow_members", "fold_names", "hasil_label", "lifecycle_columns", "lifecycle_report", "link_innovations",
    "link_settings", "outcomes_by", "outcomes_by_unit", "outcomes_kabupaten", "stage_flows", "states_per_year",
    "stopped_in", "survival", "survival_members", "time_to_penerapan", "unit_summary", "unit_summary_line",
    "with_lifecycle_columns", "year_ranges",
]
