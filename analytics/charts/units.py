"""Figures of the Perangkat Daerah page: the unit ranking and one unit's history.

A click on a unit's bar carries `["unit", kode]` (analytics.selection) and opens its detail.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from analytics import i18n
from analytics.charts.bars import axis_names, counting_bars, unique_labels
from analytics.charts.template import bar_height, finish


def _t(code: str, lang: str, **params: object) -> str:
    return i18n.t(code, lang, **params)


def units_chart(table: pd.DataFrame, lang: str, *, title: str, subtitle: str | None = None,
                chosen: tuple[str, ...] = (), short: Mapping[str, str] | None = None) -> go.Figure:
    """Units (or parent OPDs) as stacked bars, in the frame's order; units with no counting
    innovation marked in vermillion; `chosen` unit codes shown selected; a long name is labelled
    by its short form from `short` (bars.short_names), the hover keeps the full name."""
    labels = unique_labels(axis_names(table["nama"].tolist(), table["kode"].tolist(), short))
    custom = [["unit", k, int(n)] for k, n in zip(table["kode"], table["jumlah_unit"])]
    hover = "<br>" + _t("chart.units_in_group", lang) + ": %{customdata[2]:,d}" \
        if int(table["jumlah_unit"].max() if len(table) else 1) > 1 else ""
    positions = [i for i, k in enumerate(table["kode"]) if k in set(chosen)]
    fig = counting_bars(labels=labels, counting=table["jumlah_dihitung"].tolist(),
                        not_counting=table["tidak_dihitung"].tolist(), customdata=custom, lang=lang,
                        hover_name=table["nama"].tolist(), extra_hover=hover, chosen=positions)
    return finish(fig, title=title, subtitle=subtitle, lang=lang, height=bar_height(len(labels)))


def unit_trend_chart(per_tahun: pd.DataFrame, lang: str, *, nama: str, year: int | None = None) -> go.Figure:
    """One unit's innovations per reporting year (counting and not yet counting)."""
    years = [str(int(y)) for y in per_tahun["tahun"]]
    counting = per_tahun["jumlah_dihitung"].astype("int64").tolist()
    not_counting = (per_tahun["jumlah_inovasi"] - per_tahun["jumlah_dihitung"]).astype("int64").tolist()
    chosen = [years.index(str(year))] if year is not None and str(year) in years else []
    fig = counting_bars(labels=years, counting=counting, not_counting=not_counting,
                        customdata=[["tahun", int(y)] for y in per_tahun["tahun"]], lang=lang,
                        horizontal=False, chosen=chosen, mark_zero=False)
    fig.update_xaxes(title_text=_t("chart.axis_year", lang))
    return finish(fig, title=_t("chart.unit_trend", lang, unit=nama), lang=lang, height=300)
