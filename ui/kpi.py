"""KPI cards: a value, its change against last year, and what it counts — in the reader's language.

The figures come ready from `analytics.dashboard.kpis`; this module only words and formats them.
Shares change in percentage points ("poin"), the maturity estimate in points of its 0–100 scale.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from analytics.charts import number, percent, signed, value_label
from analytics.dashboard import Kpi
from ui.common import lang, t

PER_ROW = 3


def value_text(card: Kpi) -> str:
    """The big number of a card."""
    reader = lang()
    if card.kind == "count":
        return number(card.value, reader)
    if card.kind == "share":
        return f"{percent(card.value, reader)} ({number(card.part, reader)}/{number(card.whole, reader)})"
    predicate = value_label("predikat", card.note, reader) if card.note else ""
    return f"{number(card.value, reader, 2)} · {predicate}" if predicate else number(card.value, reader, 2)


def change_text(card: Kpi) -> str | None:
    """The change against last year, or None when last year has no data."""
    change = card.change
    if change is None:
        return None
    reader = lang()
    if card.kind == "count":
        return signed(change, reader)
    if card.kind == "share":
        return f"{signed(change * 100, reader, 1)} {t('kpi.points')}"
    return signed(change, reader, 2)


def change_style(change: float | None) -> dict[str, str]:
    """No arrow and no colour for 'no change' (st.metric would show a green up arrow for ±0)."""
    return {"delta_color": "off", "delta_arrow": "off"} if change is not None and round(change, 6) == 0 else {}


def kpi_cards(cards: Sequence[Kpi], *, year: int) -> None:
    """The cards in rows of three (a phone stacks them); each says what it compares with."""
    for start in range(0, len(cards), PER_ROW):
        for column, card in zip(st.columns(PER_ROW), cards[start:start + PER_ROW]):
            before = t("kpi.vs_year", year=year - 1) if card.change is not None else t("kpi.no_last_year",
                                                                                         year=year - 1)
            if card.code == "maturity" and card.previous_note:
                before += f" ({value_label('predikat', card.previous_note, lang())})"
            column.metric(t(f"kpi.{card.code}"), value_text(card), change_text(card), border=True,
                          help=t(f"kpi.{card.code}.help"), delta_description=before, **change_style(card.change))
