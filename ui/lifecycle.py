"""The lifecycle on screen: cached reads keyed by (database, data version), and the tables that
open a figure into its innovations.

Why cached here and built in analytics: linking and measuring every year costs a fraction of a
second on the real data and seconds on the benchmark's; every page that shows a lifecycle figure
(Keberlanjutan, Tautan, the Data table, a unit's detail, the presentation) shares one build per
data version.  A link decision is a write: it bumps the data version, so the next run rebuilds.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import lifecycle as life
from analytics.access import Actor
from analytics.charts import lifecycle as life_charts
from analytics.charts import percent, value_label
from analytics.store.links import LinkDecisions
from ui import common
from ui.common import DataVersion, lang, t

FLAG_NAMES = ("penerapan", "dasar_hukum", "anggaran", "sop", "monev", "replikasi")


# ------------------------------------------------------------------------------------------------
# Cached reads
# ------------------------------------------------------------------------------------------------
def _reports(version: DataVersion) -> pd.DataFrame:
    history = common.history(version)
    return history.loc[history["is_current"], ["unit_kode", "tahun"]] if len(history) else None


@st.cache_data(show_spinner=False, max_entries=4)
def lifecycles(version: DataVersion) -> life.Lifecycles:
    """Every lifecycle and measure of the current data, with the stored link decisions applied."""
    store = common.store()
    return life.build_lifecycles(
        common.innovations(version), units=common.units(version), reports=_reports(version),
        decisions=LinkDecisions(store).frame(), rules=store.rules_versions.in_force().rules)


@st.cache_data(show_spinner=False, max_entries=4)
def decisions(version: DataVersion) -> pd.DataFrame:
    """Every link decision, undone ones too, newest first."""
    return LinkDecisions(common.store()).frame(include_undone=True)


def current() -> life.Lifecycles:
    return lifecycles(common.version())


# ------------------------------------------------------------------------------------------------
# For other pages (the Data table, a unit's detail, the presentation)
# ------------------------------------------------------------------------------------------------
def innovation_columns(version: DataVersion | None = None) -> pd.DataFrame:
    """One row per current innovation record: id, lifecycle_id, tahun_pertama, tahun_terakhir,
    jumlah_tahun, tahun_laporan, jalur_tahapan, hasil (merge on `id` into the innovations table)."""
    return life.lifecycle_columns(lifecycles(version or common.version()))


def unit_line(unit_kode: str) -> str:
    """One line for a unit's detail, in the reader's language."""
    return life.unit_summary_line(current(), unit_kode, lang())


def slide(version: DataVersion | None = None) -> go.Figure:
    """The presentation slide of the lifecycle (survival by unit type, headline in the title)."""
    lc = lifecycles(version or common.version())
    return life_charts.slide_figure(life.survival(lc, by="jenis_unit", per_kohort=False),
                                    life.survival(lc, per_kohort=False), life.outcomes_kabupaten(lc), lang())


def actor() -> Actor | str:
    """Who decides: the signed-in account (or open mode's local administrator)."""
    from ui.auth import current_actor

    return current_actor() or "operator"


def own_units(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of the units the actor may decide for (an operator: their own; admin: all).  The
    store checks again on every decision; this only spares an operator proposals they cannot settle."""
    who = actor()
    if not isinstance(who, Actor) or who.all_units():
        return frame
    return frame.loc[frame["unit_kode"].isin(who.units)]


# ------------------------------------------------------------------------------------------------
# Tables that open a figure
# ------------------------------------------------------------------------------------------------
LIFECYCLE_VIEW = ("nama_unit", "nama_inovasi", "tahun_laporan", "jalur_tahapan", "jalur_status", "hasil",
                  "tahun_berhenti")


def labelled(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """`columns` of `frame` with values and headers in the reader's language."""
    reader = lang()
    table = frame[[c for c in columns if c in frame.columns]].copy()
    if "hasil" in table:
        table["hasil"] = table["hasil"].map(lambda h: life.hasil_label(h, reader))
    if "jenis_unit" in table:
        table["jenis_unit"] = table["jenis_unit"].map(lambda v: value_label("jenis_unit", v, reader))
    if "kategori_keberlanjutan" in table:
        table["kategori_keberlanjutan"] = table["kategori_keberlanjutan"].map(
            lambda v: value_label("kategori_keberlanjutan", v, reader) if isinstance(v, str) else v)
    if "sebab" in table:
        table["sebab"] = table["sebab"].map(lambda v: t(f"life.sebab.{v}"))
    if "keadaan" in table:
        table["keadaan"] = table["keadaan"].map(lambda v: t(f"life.keadaan.{v}"))
    return table.rename(columns={c: t(f"life.col.{c}") for c in table.columns})


def show_table(frame: pd.DataFrame, columns: tuple[str, ...], *, key: str, height: int | None = None) -> None:
    """A lifecycle table with its row count; years without thousands separators, flags as ticks."""
    if frame.empty:
        st.caption(t("life.nothing_here"))
        return
    st.caption(t("life.rows", n=len(frame)))
    table = labelled(frame, columns)
    config: dict[str, object] = {}
    for column in columns:
        label = t(f"life.col.{column}")
        if column not in frame.columns:
            continue
        if column.startswith("tahun") and pd.api.types.is_numeric_dtype(frame[column]) or column == "kohort":
            config[label] = st.column_config.NumberColumn(format="%d")
        elif column.startswith("flag_") or column in {"diketahui", "berhenti_berikutnya", "dihidupkan_kembali"}:
            config[label] = st.column_config.CheckboxColumn()
        elif column == "skor_keberlanjutan":
            config[label] = st.column_config.ProgressColumn(min_value=0, max_value=100, format="%d")
    st.dataframe(table, hide_index=True, width="stretch", column_config=config, key=key, height=height or "auto")


def chart(figure: go.Figure, *, key: str) -> list[list[object]]:
    """Show a clickable figure; the customdata of the points clicked (see `charts.opened`)."""
    # theme=None: the app's own template, as every other chart (ui.dashboard.chart); Streamlit's
    # theme would also widen the axis titles' standoff beyond the margins charts.margins reserves.
    event = st.plotly_chart(figure, width="stretch", key=key, on_select="rerun", selection_mode="points",
                            config={"displaylogo": False}, theme=None)
    return life_charts.opened(event)


def survival_table(curve: pd.DataFrame) -> pd.DataFrame:
    """Kohort rows × years of life, shares in percent; blank where not known yet (censored)."""
    reader = lang()
    wide = curve.pivot(index="kohort", columns="tahun_ke", values="bertahan").map(
        lambda share: percent(share, reader) if pd.notna(share) else "")
    size = curve.groupby("kohort")["jumlah"].first()
    wide.columns = [t("life.year_of_life_tick", k=k) for k in wide.columns]
    wide.insert(0, t("life.col.jumlah"), size)
    return wide.rename_axis(t("life.col.kohort")).reset_index()
