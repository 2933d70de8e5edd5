"""Figures of the TPP page: officials per tier and the Rupiah impact per unit.

Every TPP figure is a simulation under the rules in force; the page prints the rule and the
"simulasi" disclaimer beside them, and the subtitles say so too.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from analytics import i18n
from analytics.charts.bars import axis_names, unique_labels
from analytics.charts.format import number, percent, rupiah
from analytics.charts.template import COUNTING, NONE, OKABE_ITO, bar_height, count_axis, finish

MILLION = 1_000_000


def tpp_tiers_chart(tiers: pd.DataFrame, lang: str) -> go.Figure:
    """Officials per TPP tier, lowest tier on top; the 'no innovation yet' tier in vermillion.
    Horizontal: the tier labels stay level and whole on a phone."""
    total = int(tiers["jumlah_pejabat"].sum())
    labels = [i18n.t("chart.tier_none", lang, tier=tier) if p <= 0 else
              i18n.t("chart.tier_label", lang, tier=tier.replace("-", "–"),
                     percent=number(p, lang, 0 if float(p).is_integer() else 1))
              for tier, p in zip(tiers["tingkat"], tiers["penyesuaian_persen"])]
    fig = go.Figure(go.Bar(
        x=tiers["jumlah_pejabat"].tolist(), y=labels, orientation="h",
        marker_color=[NONE if p <= 0 else COUNTING for p in tiers["penyesuaian_persen"]],
        text=[f"{number(n, lang)} ({percent(n / total if total else 0, lang, 0)})" for n in tiers["jumlah_pejabat"]],
        textposition="auto", cliponaxis=False,
        hovertemplate=f"<b>%{{y}}</b><br>{i18n.t('chart.officials', lang)}: %{{x:,d}}<extra></extra>",
    ))
    fig.update_yaxes(type="category", autorange="reversed")  # the labels say the tier and its percent
    fig.update_xaxes(title_text=i18n.t("chart.officials", lang), **count_axis(tiers["jumlah_pejabat"].max()))
    return finish(fig, title=i18n.t("chart.tpp_tiers", lang), subtitle=i18n.t("chart.simulation_sub", lang),
                  lang=lang, height=bar_height(len(labels), 170))


def tpp_units_chart(per_unit: pd.DataFrame, lang: str, *, limit: int = 15,
                    chosen: tuple[str, ...] = (), short: Mapping[str, str] | None = None) -> go.Figure:
    """The units with the largest monthly TPP impact (in millions of Rupiah, each bar labelled
    with its figure); a click picks one; long names by their short form (bars.short_names)."""
    table = per_unit.head(limit)
    labels = unique_labels(axis_names(table["nama_unit"].tolist(), table["unit_kode"].tolist(), short))
    millions = (table["total_rp_bulan"] / MILLION).tolist()
    custom = [["unit", k, nama, rupiah(rp, lang), rupiah(year, lang), int(w), int(n)] for k, nama, rp, year, w, n in
              zip(table["unit_kode"], table["nama_unit"], table["total_rp_bulan"], table["total_rp_tahun"],
                  table["pejabat_berinovasi"], table["jumlah_pejabat"])]
    fig = go.Figure(go.Bar(
        x=millions, y=labels, orientation="h", marker_color=OKABE_ITO["green"],
        text=[number(m, lang, 2) for m in millions], textposition="outside", cliponaxis=False,
        customdata=custom, selectedpoints=[i for i, k in enumerate(table["unit_kode"]) if k in set(chosen)] or None,
        hovertemplate=(f"<b>%{{customdata[2]}}</b><br>{i18n.t('chart.per_month', lang)}: %{{customdata[3]}}"
                       f"<br>{i18n.t('chart.per_year', lang)}: %{{customdata[4]}}"
                       f"<br>{i18n.t('chart.officials_innovating', lang)}: "
                       "%{customdata[5]:,d} / %{customdata[6]:,d}"
                       "<extra></extra>"),
    ))
    fig.update_yaxes(type="category", categoryorder="array", categoryarray=labels, autorange="reversed")
    # Room right of the longest bar for its label.
    fig.update_xaxes(title_text=i18n.t("chart.axis_million_rupiah", lang), tickformat=",.1~f", rangemode="tozero",
                     range=[0, max([*millions, 0.1]) * 1.22])
    return finish(fig, title=i18n.t("chart.tpp_units", lang, n=limit),
                  subtitle=i18n.t("chart.simulation_sub", lang), lang=lang, height=bar_height(len(labels)))
