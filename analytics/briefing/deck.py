"""The deck: slides as data — title, headline figures with their change against last year, figures,
a table — built once and then drawn by the screen, the PDF and the PowerPoint alike.

Why one model for three outputs: a leader compares the PDF on the desk with the big screen and the
presenter's slides; if each output computed its own figures they would drift.  Every number here is
taken from the analytics layer (`analytics.indicators` via `analytics.dashboard`) and formatted once,
in the reader's language, with the dashboard's formatters (`analytics.charts.format`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

import pandas as pd
import plotly.graph_objects as go

from analytics import i18n
from analytics.charts.format import number, percent, signed, value_label
from analytics.dashboard import Kpi
from analytics.filters import DIMENSIONS, Filters
from analytics.indicators import Indicators


@dataclass(frozen=True)
class Metric:
    """One headline figure: the formatted text and the analytics layer's raw value behind it."""

    code: str
    label: str
    value: str
    raw: float
    change: str | None = None  # "+47", "+2,1 poin"; None when last year has no data
    raw_change: float | None = None
    compared: str | None = None  # "dibanding 2024" / "tanpa data 2024"
    rising_is_good: bool = True
    detail: str | None = None  # what a share counts ("209/455") or the maturity predicate

    @property
    def full(self) -> str:
        """The value as the dashboard's KPI card writes it: '45,9% (209/455)'."""
        return f"{self.value} ({self.detail})" if self.detail else self.value

    @property
    def verdict(self) -> str:
        """'good', 'bad' or 'same': how the change reads (for colouring, never for the number)."""
        if not self.raw_change:
            return "same"
        return "good" if (self.raw_change > 0) == self.rising_is_good else "bad"


@dataclass(frozen=True)
class SlideTable:
    """A table with formatted cells; the PDF prints every row, the screen the first `screen_rows`."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]  # right-aligned columns
    widths: tuple[float, ...]  # relative column widths (PDF, PowerPoint)
    screen_rows: int = 8

    def head(self, n: int | None = None) -> pd.DataFrame:
        """The first rows as a frame with the translated headers (for st.table)."""
        rows = self.rows[: self.screen_rows if n is None else n]
        return pd.DataFrame(list(rows), columns=list(self.columns))


@dataclass(frozen=True, eq=False)
class Slide:
    code: str
    title: str
    metrics: tuple[Metric, ...] = ()
    figures: tuple[go.Figure, ...] = ()
    table: SlideTable | None = None
    note: str | None = None  # shown with the slide (e.g. "simulasi — ...")
    detail: str | None = None  # longer text for the PDF only (e.g. the TPP rule in full)
    screen_table: bool = False  # the screen shows the table (when the slide has no figure)


@dataclass(frozen=True, eq=False)
class Deck:
    lang: str
    year: int
    filters: tuple[tuple[str, str], ...]  # (label, value) in the reader's language, year first
    made_at: datetime
    data_as_of: datetime | None
    sample: bool
    kpis: tuple[Metric, ...]
    slides: tuple[Slide, ...] = field(default_factory=tuple)
    filtered: bool = False  # any filter besides the year
    iid_units: int = 0  # units whose figures come from the national IID application's export

    def source_line(self) -> str:
        """Which source the figures come from, when any unit's come from the IID export ('' else)."""
        return self.t("deck.source_iid", n=self.iid_units) if self.iid_units else ""

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(s.code for s in self.slides)

    def filters_line(self) -> str:
        """'Tahun: 2025 · Jenis unit: OPD' (the cover, the screen's header, every PDF page)."""
        return " · ".join(f"{label}: {value}" for label, value in self.filters)

    def t(self, code: str, **params: object) -> str:
        return i18n.t(code, self.lang, **params)

    def stamp(self) -> str:
        """'Data per 12/05/2026 14:03 WIB' (or 'no data yet')."""
        if self.data_as_of is None:
            return self.t("deck.no_data_time")
        return self.t("deck.data_as_of", when=self.data_as_of.strftime("%d/%m/%Y %H:%M"))


# ------------------------------------------------------------------------------------------------
# Formatting (pure: the language is a parameter)
# ------------------------------------------------------------------------------------------------
def kpi_value(card: Kpi, lang: str) -> tuple[str, str | None]:
    """The big number of a KPI and its detail, as the dashboard's KPI cards show them together."""
    if card.kind == "count":
        return number(card.value, lang), None
    if card.kind == "share":
        return percent(card.value, lang), f"{number(card.part, lang)}/{number(card.whole, lang)}"
    predicate = value_label("predikat", card.note, lang) if card.note else None
    return number(card.value, lang, 2), predicate


def change_text(change: float | None, kind: str, lang: str) -> str | None:
    """A change against last year: counts as +12, shares in percentage points, scores to 2 places."""
    if change is None:
        return None
    if kind == "count":
        return signed(change, lang)
    if kind == "share":
        return f"{signed(change * 100, lang, 1)} {i18n.t('kpi.points', lang)}"
    if kind == "rupiah":
        return ("+" if change > 0 else "-" if change < 0 else "±") + f"Rp {number(abs(round(change)), lang)}"
    return signed(change, lang, 2)


def compared_text(year: int, has_previous: bool, lang: str) -> str:
    return i18n.t("kpi.vs_year" if has_previous else "kpi.no_last_year", lang, year=year - 1)


def kpi_metric(card: Kpi, *, year: int, lang: str) -> Metric:
    """A dashboard KPI card as a deck metric (same value, same change)."""
    compared = compared_text(year, card.change is not None, lang)
    if card.code == "maturity" and card.previous_note:
        compared += f" ({value_label('predikat', card.previous_note, lang)})"
    value, detail = kpi_value(card, lang)
    return Metric(card.code, i18n.t(f"kpi.{card.code}", lang), value, float(card.value),
                  change_text(card.change, card.kind, lang), card.change, compared, detail=detail)


def count_metric(code: str, label: str, value: float, previous: float | None, *, year: int, lang: str,
                 kind: str = "count", rising_is_good: bool = True, shown: str | None = None,
                 detail: str | None = None) -> Metric:
    """A figure of a slide with its change against last year (None: last year has no data)."""
    change = None if previous is None else float(value) - float(previous)
    if shown is None:
        shown = number(value, lang) if kind == "count" else percent(value, lang)
    return Metric(code, label, shown, float(value), change_text(change, kind, lang), change,
                  compared_text(year, previous is not None, lang), rising_is_good, detail)


def filter_labels(filters: Filters, units: pd.DataFrame, lang: str) -> tuple[tuple[str, str], ...]:
    """(label, values) for the cover and headers: the year, then every filter in use ('all' when none)."""
    names = dict(zip(units["kode"].astype("str"), units["nama"].astype("str"))) if len(units) else {}
    rows: list[tuple[str, str]] = [(i18n.t("filter.tahun", lang), str(filters.tahun))]
    for dimension in DIMENSIONS:
        values = filters.values(dimension)
        if not values:
            continue
        shown = [names.get(v, v) if dimension == "unit" else value_label(dimension, v, lang) for v in values]
        rows.append((i18n.t(f"filter.{dimension}", lang), ", ".join(shown)))
    if len(rows) == 1:
        rows.append((i18n.t("deck.filters", lang), i18n.t("deck.no_filters", lang)))
    return tuple(rows)


def table(caption: str, frame: pd.DataFrame, columns: Sequence[tuple[str, str, str, float]], lang: str,
          screen_rows: int = 8) -> SlideTable:
    """A SlideTable from `frame`: columns are (frame column, header, kind, relative width); kinds:
    text, count, signed, share, score, rupiah, date, value:<dimension>."""
    cells = []
    for column, _header, kind, _width in columns:
        cells.append([_cell(v, kind, lang) for v in frame[column].tolist()])
    rows = tuple(zip(*cells)) if cells and len(frame) else ()
    numeric = tuple(kind in {"count", "signed", "share", "score", "rupiah"} for _c, _h, kind, _w in columns)
    return SlideTable(caption, tuple(h for _c, h, _k, _w in columns), tuple(tuple(r) for r in rows), numeric,
                      tuple(w for _c, _h, _k, w in columns), screen_rows)


def _cell(value: object, kind: str, lang: str) -> str:
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return "–"
    if kind == "count":
        return number(value, lang)
    if kind == "signed":
        return signed(value, lang)
    if kind == "share":
        return percent(value, lang)
    if kind == "score":
        return number(value, lang, 1)
    if kind == "rupiah":
        return f"Rp {number(round(float(value)), lang)}"
    if kind == "date":
        return pd.Timestamp(value).strftime("%d/%m/%Y")
    if kind.startswith("value:"):
        return value_label(kind.split(":", 1)[1], str(value), lang)
    return str(value)


def previous_of(before: Indicators | None, pick: object) -> float | None:
    """`pick(before)` or None when last year has no data (pick is a function of Indicators)."""
    return None if before is None else float(pick(before))  # type: ignore[operator]
