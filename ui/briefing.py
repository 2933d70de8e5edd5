"""The deck of a view, cached by data version: what the presentation page and the export buttons
both draw from.

Why through the dashboard's own cached indicators: a leader compares the exported PDF with the
dashboard page it came from, so the deck takes the very `Indicators` objects the pages show
(`ui.dashboard.indicators`, same key: data version, year, filters, rules, language).  The deck
itself is cached under (data version, filters, slide set, language); a write raises the data
version, so the next rerun — or the presentation's next timer tick — builds a fresh one.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics.briefing import SLIDE_CODES, BriefingInputs, Deck, build_deck
from analytics.filters import Filters, apply_filters, years_with_data
from analytics.indicators import explain
from ui import common, dashboard
from ui.common import DataVersion


def data_as_of(version: DataVersion) -> datetime | None:
    """When the newest stored workbook arrived (Kudus time), or None with no data."""
    history = common.history(version)
    if history.empty:
        return None
    return common.local_time(history["uploaded_at"]).max().to_pydatetime()


def is_sample(version: DataVersion) -> bool:
    history = common.history(version)
    current = history.loc[history["is_current"].astype(bool)] if len(history) else history
    return bool(len(current) and (current["source"] == "sample").any())


def years(version: DataVersion) -> list[int]:
    """Years with current data, newest first."""
    return years_with_data(common.history(version))


def view_of(version: DataVersion, filters: Filters, lang: str) -> dashboard.View:
    """A dashboard View for filters chosen elsewhere (the kiosk URL, the filter bar's session state)."""
    return dashboard.View(version, filters, tuple(years(version)), lang)


def _lifecycle_figure(version: DataVersion) -> go.Figure | None:
    """The lifecycle team's slide (survival by unit type), when that feature is installed."""
    try:
        from ui import lifecycle
    except ImportError:
        return None
    slide = getattr(lifecycle, "slide", None)
    return slide(version) if slide is not None else None


@st.cache_data(show_spinner=False, max_entries=12)
def _deck(version: DataVersion, filter_key: tuple, slides: tuple[str, ...], lang: str, sidik: str) -> Deck:
    view = view_of(version, Filters.from_key(filter_key), lang)
    now = dashboard.indicators(view)
    chosen = view.filters
    frames = apply_filters(chosen, units=common.units(version), innovations=common.innovations(version),
                           officials=dashboard.officials(version))
    newest = explain("baru", innovations=frames.innovations, units=frames.units, officials=frames.officials,
                     year=view.year, rules=now.rules, lang=lang) if len(frames.innovations) else pd.DataFrame()
    inputs = BriefingInputs(
        now=now, before=dashboard.indicators_last_year(view), filters=chosen, units=common.units(version),
        newest=newest if len(newest) else _no_newest(), lang=lang, data_as_of=data_as_of(version),
        sample=is_sample(version), iid_units=dashboard.units_from_iid(common.history(version), view.year),
        boundaries=dashboard.boundaries(),
        lifecycle_figure=_lifecycle_figure(version) if "keberlanjutan" in slides and not chosen.is_filtered else None,
    )
    return build_deck(inputs, slides)


def _no_newest() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in ("nama_inovasi", "nama_unit", "tahapan", "jenis")}
                        ).assign(tanggal_uji_coba=pd.Series(dtype="datetime64[ns]"),
                                 tanggal_penerapan=pd.Series(dtype="datetime64[ns]"))


def deck(version: DataVersion, filters: Filters, *, slides: tuple[str, ...] = SLIDE_CODES,
         lang: str | None = None) -> Deck:
    """The deck of `slides` for the data version and filters (year set), cached."""
    assert filters.tahun is not None, "choose the year first"
    return _deck(version, filters.key(), tuple(slides), lang or common.lang(), dashboard.rules_in_force().sidik)
