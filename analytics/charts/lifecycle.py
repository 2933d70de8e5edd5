"""Figures of the lifecycle: survival curves, stage flows, outcomes, the check of the flags, and the
presentation slide.  Frames in, Plotly figures out, in the app's one look (`analytics.charts`).

Every clickable point carries `customdata = [kind, ...]` that `opened(...)` turns into what to list
below the chart ("survival": group value and year of life; "hasil": unit type and outcome;
"kategori": a sustainability category).  The Sankey cannot report clicks in Streamlit: its flows
are opened from a list (`flow_label`) instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from analytics import i18n
from analytics.charts.format import SEPARATORS, percent, value_label, wrap
from analytics.charts.template import CATEGORY_COLOURS, OKABE_ITO, TEMPLATE_NAME, finish
from analytics.lifecycle.flows import BARU_STATE, KEADAAN
from analytics.lifecycle.lifecycles import BARU, BERHENTI, BERLANJUT, HASIL, Lifecycles
from analytics.lifecycle.measures import flag_outcomes, survival_members

HASIL_COLOURS = {BERLANJUT: OKABE_ITO["green"], BERHENTI: OKABE_ITO["vermillion"], BARU: OKABE_ITO["sky"]}
STATE_COLOURS = dict(zip((BARU_STATE, *KEADAAN), (
    OKABE_ITO["purple"], "#A6CEE3", OKABE_ITO["sky"], OKABE_ITO["blue"], OKABE_ITO["orange"],
    OKABE_ITO["vermillion"], OKABE_ITO["grey"])))
_STATE_CODES = dict(zip((BARU_STATE, *KEADAAN), ("baru", "inisiatif", "uji_coba", "penerapan", "tidak_aktif",
                                                  "tidak_dilaporkan", "unit_tidak_melapor")))


def _t(code: str, lang: str, **params: object) -> str:
    return i18n.t(code, lang, **params)


def state_label(state: str, lang: str) -> str:
    """A flow state in the reader's language."""
    return _t(f"life.state.{_STATE_CODES[state]}", lang) if state in _STATE_CODES else str(state)


def group_label(by: str, value: Any, lang: str) -> str:
    """A group of a survival curve: a unit type, a kohort year, or the regency."""
    if by == "kohort":
        return _t("life.kohort_label", lang, tahun=value)
    if by == "_kabupaten":
        return _t("life.regency", lang)
    return value_label(by, str(value), lang)


def survival_chart(curve: pd.DataFrame, *, by: str, lang: str, regency: pd.DataFrame | None = None,
                   title: str | None = None, height: int = 420) -> go.Figure:
    """Share still berlanjut by year of life, one line per value of `by` (from `measures.survival`).

    `regency` (survival without groups) adds a thick black line.  Points where the share is not
    known yet (censored) are left out, so a line simply stops."""
    fig = go.Figure()
    known = curve.loc[curve["bertahan"].notna()]
    groups = [(value, part, by) for value, part in known.groupby(by, sort=True)]
    if regency is not None:
        groups.append((i18n.t("life.regency", lang), regency.loc[regency["bertahan"].notna()], "_kabupaten"))
    colours = [OKABE_ITO[c] for c in ("blue", "orange", "green", "vermillion", "sky", "purple", "yellow")]
    for number, (value, part, kind) in enumerate(groups):
        regency_line = kind == "_kabupaten"
        name = group_label(kind, value, lang)
        fig.add_trace(go.Scatter(
            x=part["tahun_ke"].tolist(), y=(part["bertahan"] * 100).round(1).tolist(), name=name,
            mode="lines+markers+text" if regency_line else "lines+markers",
            text=[percent(s, lang, 0) for s in part["bertahan"]] if regency_line else None,
            textposition="top right", cliponaxis=False,  # "100%" at the top stays whole
            line={"width": 3.5 if regency_line else 2.5, "dash": "dash" if regency_line else "solid",
                  "color": OKABE_ITO["black"] if regency_line else colours[number % len(colours)]},
            marker={"size": 10 if regency_line else 8},
            customdata=[["survival", kind, str(value), int(k), int(n), int(d)]
                        for k, n, d in zip(part["tahun_ke"], part["berisiko"], part["berhenti"])],
            hovertemplate=(f"<b>{name}</b><br>{_t('life.axis_year_of_life', lang)}: %{{x}}"
                           f"<br>{_t('life.still_going', lang)}: %{{y:.1f}}%"
                           f"<br>{_t('life.at_risk', lang)}: %{{customdata[4]:,d}}"
                           f"<br>{_t('life.stopped_then', lang)}: %{{customdata[5]:,d}}<extra></extra>"),
        ))
    steps = sorted(curve["tahun_ke"].unique()) if len(curve) else [0]
    fig.update_xaxes(title_text=_t("life.axis_year_of_life", lang), tickmode="array", tickvals=steps,
                     ticktext=[_t("life.year_of_life_tick", lang, k=k) for k in steps])
    fig.update_yaxes(title_text=_t("life.axis_share_going", lang), range=[0, 105], ticksuffix="%")
    return finish(fig, title=title or _t("life.chart_survival", lang), subtitle=_t("life.chart_survival_sub", lang),
                  lang=lang, height=height)


def flow_chart(flows: pd.DataFrame, lang: str, height: int = 520) -> go.Figure:
    """Sankey of `flows.stage_flows`: one column per year, nodes "Penerapan 2024", and "Baru 2025"
    feeding the year an innovation first appears."""
    years = sorted(set(flows["tahun_dari"]) | set(flows["tahun_ke"])) if len(flows) else []
    column = {year: i for i, year in enumerate(years)}
    steps = max(len(years) - 1, 1)
    nodes: dict[tuple[str, int], int] = {}
    xs, ys, labels, colours = [], [], [], []
    order = {state: i for i, state in enumerate(KEADAAN)}

    def node(state: str, year: int) -> int:
        key = (state, year)
        if key not in nodes:
            nodes[key] = len(nodes)
            position = column[year] - (0.45 if state == BARU_STATE else 0)
            xs.append(0.02 + 0.96 * position / steps)
            ys.append(0.05 + 0.9 * (order.get(state, 0) / (len(KEADAAN) - 1)) if state != BARU_STATE else 0.02)
            labels.append(f"{state_label(state, lang)} {year}")
            colours.append(STATE_COLOURS.get(state, OKABE_ITO["grey"]))
        return nodes[key]

    sources, targets, values, link_colours = [], [], [], []
    for row in flows.itertuples():
        sources.append(node(row.dari, row.tahun_ke if row.dari == BARU_STATE else row.tahun_dari))
        targets.append(node(row.ke, row.tahun_ke))
        values.append(int(row.jumlah))
        link_colours.append(_fade(STATE_COLOURS.get(row.ke, OKABE_ITO["grey"])))
    fig = go.Figure(go.Sankey(
        arrangement="snap",
        textfont={"size": 12, "color": "#262730", "shadow": "none"},
        node={"label": labels, "color": colours, "x": xs, "y": ys, "pad": 14, "thickness": 16,
              "line": {"width": 0}, "hovertemplate": "%{label}: %{value:,d}<extra></extra>"},
        link={"source": sources, "target": targets, "value": values, "color": link_colours,
              "hovertemplate": "%{source.label} → %{target.label}: %{value:,d}<extra></extra>"},
    ))
    # Not `finish`: it sizes a legend from the traces, and a Sankey trace has none.
    fig.update_layout(template=TEMPLATE_NAME, separators=SEPARATORS.get(lang, SEPARATORS["id"]), height=height,
                      title={"text": wrap(_t("life.chart_flows", lang)),
                             "subtitle": {"text": wrap(_t("life.chart_flows_sub", lang), 54)}},
                      margin={"t": 92, "l": 8, "r": 8, "b": 8})
    return fig


def _fade(colour: str, alpha: float = 0.35) -> str:
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def flow_label(row: Mapping[str, Any], lang: str) -> str:
    """"Uji Coba 2023 → Penerapan 2024 (12)" for the list that opens a flow."""
    start = row["tahun_ke"] if row["dari"] == BARU_STATE else row["tahun_dari"]
    return (f"{state_label(row['dari'], lang)} {start} → {state_label(row['ke'], lang)} {row['tahun_ke']} "
            f"({int(row['jumlah'])})")


def outcome_chart(table: pd.DataFrame, *, by: str, lang: str) -> go.Figure:
    """Stacked bars of berlanjut / berhenti / baru per value of `by` (from `measures.outcomes_by`)."""
    fig = go.Figure()
    labels = [group_label(by, v, lang) for v in table[by]]
    for hasil in HASIL:
        fig.add_trace(go.Bar(
            y=labels, x=table[hasil].tolist(), orientation="h", name=_t(f"life.hasil.{hasil}", lang),
            marker_color=HASIL_COLOURS[hasil], text=table[hasil].tolist(), textposition="inside",
            customdata=[["hasil", by, str(v), hasil] for v in table[by]],
            hovertemplate=f"<b>%{{y}}</b><br>{_t(f'life.hasil.{hasil}', lang)}: %{{x:,d}}<extra></extra>",
        ))
    fig.update_layout(barmode="stack", legend={"traceorder": "normal"})
    fig.update_yaxes(type="category", autorange="reversed")
    fig.update_xaxes(title_text=_t("life.axis_innovations", lang), tickformat=",d")
    return finish(fig, title=_t("life.chart_outcomes", lang), subtitle=_t("life.chart_outcomes_sub", lang),
                  lang=lang, height=max(260, 60 * len(table) + 160))


def flag_check_chart(check: pd.DataFrame, lang: str) -> go.Figure:
    """Per sustainability category: the share stopped by the next report and by any later one."""
    fig = go.Figure()
    labels = [value_label("kategori_keberlanjutan", k, lang) for k in check["kategori_keberlanjutan"]]
    for column, name, pattern in (("porsi_berhenti_berikutnya", "life.stopped_next", ""),
                                  ("porsi_berhenti_kemudian", "life.stopped_later", "/")):
        shares = check[column].astype("float64")
        fig.add_trace(go.Bar(
            x=labels, y=(shares * 100).round(1).tolist(), name=_t(name, lang),
            marker={"color": [CATEGORY_COLOURS.get(k, OKABE_ITO["grey"]) for k in check["kategori_keberlanjutan"]],
                    "pattern": {"shape": pattern, "fillmode": "overlay", "fgcolor": "white", "solidity": 0.3}},
            text=[f"{percent(s, lang, 0)}<br>({b}/{n})" for s, b, n in
                  zip(shares, check[column.replace("porsi_", "")], check["diketahui"])],
            textposition="outside", cliponaxis=False,
            customdata=[["kategori", k] for k in check["kategori_keberlanjutan"]],
            hovertemplate=f"<b>%{{x}}</b><br>{_t(name, lang)}: %{{y:.1f}}%<extra></extra>",
        ))
    fig.update_layout(barmode="group")
    fig.update_yaxes(title_text=_t("life.axis_share_stopped", lang), ticksuffix="%", rangemode="tozero")
    return finish(fig, title=_t("life.chart_flag_check", lang), subtitle=_t("life.chart_flag_check_sub", lang),
                  lang=lang, height=420)


def slide_figure(curve_by_unit_type: pd.DataFrame, regency: pd.DataFrame, summary: Mapping[str, Any],
                 lang: str) -> go.Figure:
    """The presentation slide: survival curves by unit type with the regency's line, large type,
    and the headline (berlanjut / berhenti / baru) as the title.  Inputs: `measures.survival(...,
    by="jenis_unit", per_kohort=False)`, `measures.survival(..., per_kohort=False)` and
    `measures.outcomes_kabupaten`."""
    title = _t("life.slide_title", lang, berlanjut=summary.get(BERLANJUT, 0), berhenti=summary.get(BERHENTI, 0),
               baru=summary.get(BARU, 0))
    fig = survival_chart(curve_by_unit_type, by="jenis_unit", regency=regency, lang=lang, title=title, height=720)
    # The type sizes are the screen's and the images' to set (briefing.figures.for_screen /
    # for_image), the same as for every other slide's chart: here only the slide's layout.
    fig.update_layout(
        margin={"b": 60, "l": 20, "r": 40},
        title={"text": title, "subtitle": {"text": _t("life.chart_survival_sub", lang)}},
        legend={"orientation": "h", "xref": "paper", "x": 0, "yref": "paper", "y": 1.03, "yanchor": "bottom"},
    )
    return fig


def opened(event: Mapping[str, Any] | None) -> list[list[Any]]:
    """The customdata of the points a chart selection event picked ([] for none): what to open."""
    selection = (event or {}).get("selection") or {}
    out = []
    for point in selection.get("points") or ():
        data = point.get("customdata") if isinstance(point, Mapping) else None
        if isinstance(data, Sequence) and not isinstance(data, str) and data and data not in out:
            out.append(list(data))
    return out


def point_members(lifecycles: Lifecycles, customdata: Sequence[Any]) -> pd.DataFrame:
    """The innovations behind one clicked point (its customdata, see `opened`).

    survival: the lifecycles observed at that year of life in that group, with `keadaan`;
    hasil: the lifecycles of that group with that outcome; kategori: the yearly records of that
    sustainability category whose next year is known, with what happened next, stops first."""
    kind = customdata[0]
    if kind == "survival":
        _, group, value, step = customdata[:4]
        where = ({} if group == "_kabupaten" else {"kohort": int(value)} if group == "kohort"
                 else {"by": group, "value": value})
        return survival_members(lifecycles, tahun_ke=int(step), **where)
    table = lifecycles.table
    if kind == "hasil":
        _, by, value, hasil = customdata[:4]
        return table.loc[table[by].astype("str").eq(str(value)) & table["hasil"].eq(hasil)].reset_index(drop=True)
    if kind == "kategori":
        rows = flag_outcomes(lifecycles)
        rows = rows.loc[rows["kategori_keberlanjutan"].eq(customdata[1]) & rows["diketahui"]]
        rows = rows.merge(table[["lifecycle_id", "nama_unit", "jalur_status", "hasil"]], on="lifecycle_id")
        return rows.sort_values(["berhenti_berikutnya", "tahun"], ascending=[False, True], kind="stable",
                                ignore_index=True)
    raise ValueError(f"unknown point kind {kind!r}")
