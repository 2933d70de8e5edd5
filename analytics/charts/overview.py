"""Figures of the Ringkasan (overview) page: frames from analytics.dashboard in, figures out.

Clickable points carry `customdata = [dimension, value, ...]` (see analytics.selection): a click on
a unit type, a tahapan, Digital/Non Digital, a year, a unit or a basic-service urusan filters the
page.  The sustainability charts have no filter of their own and carry none.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics import i18n
from analytics.charts.bars import counting_bars, unique_labels
from analytics.charts.format import number, percent, value_label
from analytics.charts.template import (
    CATEGORY_COLOURS,
    COUNTING,
    HIGHLIGHT,
    JENIS_COLOURS,
    NONE,
    NOT_COUNTING,
    OKABE_ITO,
    bar_height,
    count_axis,
    finish,
)


def _t(code: str, lang: str, **params: object) -> str:
    return i18n.t(code, lang, **params)


def per_jenis_unit_chart(table: pd.DataFrame, lang: str) -> go.Figure:
    """Counting and not-yet-counting innovations per unit type, with coverage in the hover."""
    labels = [value_label("jenis_unit", v, lang) for v in table["jenis_unit"]]
    custom = [["jenis_unit", v, int(w), int(n)] for v, w, n in
              zip(table["jenis_unit"], table["unit_berinovasi"], table["jumlah_unit"])]
    hover = "<br>" + _t("chart.units_with_innovation", lang) + ": %{customdata[2]:,d} / %{customdata[3]:,d}"
    fig = counting_bars(labels=labels, counting=table["jumlah_dihitung"].tolist(),
                        not_counting=table["tidak_dihitung"].tolist(), customdata=custom, lang=lang,
                        extra_hover=hover)
    return finish(fig, title=_t("chart.per_jenis_unit", lang), subtitle=_t("chart.counting_explained", lang),
                  lang=lang)


def tahapan_funnel_chart(funnel: pd.DataFrame, lang: str) -> go.Figure:
    """How many innovations reached each stage (Inisiatif -> Uji Coba -> Penerapan)."""
    labels = [value_label("tahapan", v, lang) for v in funnel["tahapan"]]
    custom = [["tahapan", v, int(n)] for v, n in zip(funnel["tahapan"], funnel["jumlah"])]
    fig = go.Figure(go.Funnel(
        y=labels, x=funnel["mencapai"].tolist(), customdata=custom, textinfo="value+percent initial",
        marker={"color": [NOT_COUNTING, OKABE_ITO["sky"], COUNTING][: len(labels)]},
        connector={"fillcolor": "#EEF2F6"},
        hovertemplate=(f"<b>%{{y}}</b><br>{_t('chart.reached_stage', lang)}: %{{x:,d}}"
                       f"<br>{_t('chart.at_stage', lang)}: %{{customdata[2]:,d}}<extra></extra>"),
    ))
    fig.update_yaxes(type="category")
    return finish(fig, title=_t("chart.tahapan_funnel", lang), subtitle=_t("chart.tahapan_funnel_sub", lang),
                  lang=lang, height=300)


def jenis_chart(table: pd.DataFrame, lang: str) -> go.Figure:
    """Digital, Non Digital and Teknologi innovations (count and share)."""
    labels = [value_label("jenis", v, lang) for v in table["jenis"]]
    fig = go.Figure(go.Bar(
        x=table["jumlah_inovasi"].tolist(), y=labels, orientation="h",
        marker_color=[JENIS_COLOURS.get(v, COUNTING) for v in table["jenis"]],
        text=[f"{number(n, lang)} ({percent(p, lang)})" for n, p in zip(table["jumlah_inovasi"], table["porsi"])],
        textposition="auto",
        customdata=[["jenis", v, int(d)] for v, d in zip(table["jenis"], table["jumlah_dihitung"])],
        hovertemplate=(f"<b>%{{y}}</b><br>{_t('chart.innovations', lang)}: %{{x:,d}}"
                       f"<br>{_t('chart.counting', lang)}: %{{customdata[2]:,d}}<extra></extra>"),
    ))
    fig.update_yaxes(type="category", autorange="reversed")
    fig.update_xaxes(title_text=_t("chart.axis_innovations", lang), **count_axis(table["jumlah_inovasi"].max()))
    return finish(fig, title=_t("chart.jenis", lang), lang=lang, height=240)


def trend_chart(per_tahun: pd.DataFrame, year: int | None, lang: str) -> go.Figure:
    """All, counting and new innovations per reporting year; the chosen year is shaded."""
    years = [str(int(y)) for y in per_tahun["tahun"]]
    custom = [["tahun", int(y)] for y in per_tahun["tahun"]]
    fig = go.Figure()
    for column, code, colour, dash in (("jumlah_inovasi", "chart.innovations", OKABE_ITO["grey"], "dot"),
                                       ("jumlah_dihitung", "chart.counting", COUNTING, "solid"),
                                       ("jumlah_baru", "chart.new", HIGHLIGHT, "dash")):
        fig.add_trace(go.Scatter(
            x=years, y=per_tahun[column].tolist(), name=_t(code, lang), mode="lines+markers",
            line={"color": colour, "width": 3, "dash": dash}, marker={"size": 9}, customdata=custom,
            hovertemplate=f"<b>%{{x}}</b><br>{_t(code, lang)}: %{{y:,d}}<extra></extra>",
        ))
    if year is not None and str(year) in years:
        at = years.index(str(year))
        fig.add_vrect(x0=at - 0.5, x1=at + 0.5, fillcolor=HIGHLIGHT, opacity=0.12, line_width=0)
    fig.update_xaxes(type="category", title_text=_t("chart.axis_year", lang))
    fig.update_yaxes(title_text=_t("chart.axis_innovations", lang), **count_axis(per_tahun["jumlah_inovasi"].max()))
    fig.update_layout(hovermode="closest")
    return finish(fig, title=_t("chart.trend", lang), subtitle=_t("chart.click_year", lang), lang=lang, height=340)


def keberlanjutan_chart(categories: pd.DataFrame, lang: str) -> go.Figure:
    """The year's innovations by sustainability category (no filter: not clickable)."""
    labels = [value_label("kategori", v, lang) for v in categories["kategori"]]
    fig = go.Figure(go.Bar(
        x=categories["jumlah"].tolist(), y=labels, orientation="h",
        marker_color=[CATEGORY_COLOURS[v] for v in categories["kategori"]],
        text=[f"{number(n, lang)} ({percent(p, lang)})" for n, p in zip(categories["jumlah"], categories["porsi"])],
        textposition="auto",
        hovertemplate=f"<b>%{{y}}</b><br>{_t('chart.innovations', lang)}: %{{x:,d}}<extra></extra>",
    ))
    fig.update_yaxes(type="category", autorange="reversed")
    fig.update_xaxes(title_text=_t("chart.axis_innovations", lang), **count_axis(categories["jumlah"].max()))
    return finish(fig, title=_t("chart.keberlanjutan", lang), subtitle=_t("chart.keberlanjutan_sub", lang),
                  lang=lang, height=260)


def flags_chart(flags: pd.DataFrame, lang: str) -> go.Figure:
    """Share of the year's innovations meeting each sustainability condition (and its weight)."""
    labels = [_t(f"chart.flag.{f}", lang) for f in flags["flag"]]
    fig = go.Figure(go.Bar(
        x=(flags["porsi"] * 100).tolist(), y=labels, orientation="h", marker_color=OKABE_ITO["green"],
        text=[percent(p, lang, 0) for p in flags["porsi"]], textposition="auto",
        customdata=[[int(n), float(w)] for n, w in zip(flags["jumlah"], flags["bobot"])],
        hovertemplate=(f"<b>%{{y}}</b><br>{_t('chart.innovations', lang)}: %{{customdata[0]:,d}} (%{{x:.1f}}%)"
                       f"<br>{_t('chart.weight', lang)}: %{{customdata[1]:.0f}}<extra></extra>"),
    ))
    fig.update_yaxes(type="category", autorange="reversed")
    fig.update_xaxes(title_text=_t("chart.axis_share_percent", lang), range=[0, 100], ticksuffix="%")
    return finish(fig, title=_t("chart.flags", lang), lang=lang, height=bar_height(len(labels), 130))


def pelayanan_dasar_chart(table: pd.DataFrame, summary: dict, lang: str) -> go.Figure:
    """Counting innovations in each of the six basic-service urusan; an uncovered one has no bar,
    so it gets a vermillion mark and "none" where its bar would start."""
    labels = [value_label("urusan", v, lang) for v in table["urusan"]]
    axis = unique_labels(labels, 34)
    counts = table["jumlah_dihitung"].tolist()
    verdict = _t("chart.meets" if summary["memenuhi_minimum"] else "chart.does_not_meet", lang)
    subtitle = _t("chart.basic_covered", lang, n=summary["jumlah_tercakup"], of=summary["dari"],
                  minimum=summary["minimum"], verdict=verdict)
    custom = [["urusan", v, label] for v, label in zip(table["urusan"], labels)]
    hover = f"<b>%{{customdata[2]}}</b><br>{_t('chart.counting', lang)}: %{{x:,d}}<extra></extra>"
    fig = go.Figure(go.Bar(
        x=counts, y=axis, orientation="h", marker_color=COUNTING, customdata=custom, hovertemplate=hover,
        text=[number(n, lang) if n else "" for n in counts], textposition="auto", showlegend=False,
    ))
    missing = [i for i, n in enumerate(counts) if n == 0]
    if missing:
        fig.add_trace(go.Scatter(
            x=[0] * len(missing), y=[axis[i] for i in missing], mode="markers+text", showlegend=False,
            text=[_t("chart.not_covered", lang)] * len(missing), textposition="middle right",
            textfont={"color": NONE, "size": 12}, marker={"color": NONE, "size": 10, "symbol": "diamond"},
            customdata=[custom[i] for i in missing], hovertemplate=hover, cliponaxis=False,
        ))
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=axis, autorange="reversed")
    fig.update_xaxes(title_text=_t("chart.axis_counting", lang), **count_axis(max(counts or [0])))
    return finish(fig, title=_t("chart.pelayanan_dasar", lang), subtitle=subtitle, lang=lang,
                  height=bar_height(len(labels), 150))
