"""The one filter bar of the dashboard: year, unit type, unit, kecamatan, tahapan, jenis, bentuk,
urusan, status — the same widgets on every page, kept across pages and mirrored in the URL.

Why it works this way:
- The filters in force live in the session as one `Filters` value (FILTERS).  Each widget's change
  callback updates it; every run seeds the widgets from it before drawing them.  So a choice made
  on Ringkasan is still there on Kecamatan or Data.  (Widget `persist_state="session"` alone lost
  the values on the first run after a page switch in Streamlit 1.67.)
- The URL is written here from the filters (canonical values: unit kode, Indonesian vocabulary),
  not through `bind="query-params"`, which would put the *displayed* label in the URL — and labels
  change with the language.  A link therefore reproduces the view in either language.  The URL is
  read once per session, on the first dashboard page shown, and only values the data knows are
  taken from it (`Filters.from_query`).
- Chart clicks and chip buttons change the filters through `set_filters` inside their callbacks,
  which run before the widgets are drawn again.
- The eight lists are drawn only while the Filter panel is open (PANEL_OPEN; opening it reruns
  the page).  Most visits never open it, and drawn closed they cost every page's first screen about
  0.1 s of the browser's time (docs/serving.md).  The chips show the filters in force either way.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics.charts import value_label
from analytics.filters import DIMENSIONS, YEAR, Filters, choices
from ui.common import escape_md, lang, t

KEYS = {name: f"filter_{name}" for name in (YEAR, *DIMENSIONS)}
FILTERS = "filters_in_force"  # the session's Filters value: the one truth the widgets mirror
URL_READ = "filter_url_read"
OPTIONS = "filter_options"  # the values each filter offered on this run (callbacks check against it)
PANEL = "filter_panel"  # the Filter panel's key
# Whether the reader left the panel open.  Streamlit names an expander's state after its title too,
# and the title counts the filters in force, so each choice would start a closed panel: the panel
# opens from this instead, also after a page or language switch.
PANEL_OPEN = "filter_panel_open"
LABELLED = frozenset({"jenis_unit", "kecamatan", "tahapan", "jenis", "bentuk", "urusan", "status"})


def current() -> Filters:
    """The filters in force in this session."""
    return st.session_state.get(FILTERS) or Filters()


def _offered(filters: Filters, offered: dict[str, tuple]) -> Filters:
    """`filters` with only the values the bar offers (a unit removed from the list, a year gone)."""
    kept = {name: tuple(v for v in filters.values(name) if v in set(offered.get(name, ()))) for name in DIMENSIONS}
    years = offered.get(YEAR, ())
    return Filters(tahun=filters.tahun if filters.tahun in years else (years[0] if years else None), **kept)


def set_filters(filters: Filters) -> None:
    """Make `filters` the ones in force (from a chip, a chart click or a picker callback)."""
    st.session_state[FILTERS] = _offered(filters, st.session_state.get(OPTIONS, {}))


def _changed(name: str) -> None:
    """A widget's change callback: its new value goes into the filters in force."""
    value = st.session_state.get(KEYS[name])
    chosen = current()
    set_filters(chosen.with_year(value) if name == YEAR else chosen.with_values(name, value or ()))


def _remove(dimension: str, value: str | None) -> None:
    set_filters(current().without(dimension, value))


def _clear() -> None:
    set_filters(current().cleared())


def _from_url(offered: dict[str, tuple], years: list[int]) -> Filters:
    """The filters of the link that opened this session (read once; unknown values dropped)."""
    query = {name: st.query_params.get_all(name) for name in (YEAR, *DIMENSIONS) if name in st.query_params}
    return Filters.from_query(query, choices=offered, years=years) if query else Filters()


def _write_url(filters: Filters) -> None:
    wanted = filters.to_query()
    for name in (YEAR, *DIMENSIONS):
        if name in wanted:
            if st.query_params.get_all(name) != wanted[name]:
                st.query_params[name] = wanted[name]
        elif name in st.query_params:
            del st.query_params[name]


def label_of(dimension: str, value: str, unit_names: dict[str, str]) -> str:
    """A filter value as the reader sees it (unit names for unit codes, English vocabulary in en)."""
    if dimension == "unit":
        return unit_names.get(value, value)
    return value_label(dimension, value, lang()) if dimension in LABELLED else str(value)


def filter_bar(*, years: list[int], units: pd.DataFrame) -> Filters:
    """Draw the bar and the active-filter chips; return the filters in force (year always set)."""
    offered: dict[str, tuple] = {**choices(units), YEAR: tuple(years)}
    st.session_state[OPTIONS] = offered
    if not st.session_state.get(URL_READ):
        st.session_state[URL_READ] = True
        st.session_state[FILTERS] = _from_url(offered, years)
    chosen = _offered(current(), offered)
    st.session_state[FILTERS] = chosen
    for name in DIMENSIONS:  # the widgets show the filters in force, on whichever page
        st.session_state[KEYS[name]] = list(chosen.values(name))
    st.session_state[KEYS[YEAR]] = chosen.tahun
    unit_names = dict(zip(units["kode"].astype("str"), units["nama"].astype("str")))

    year_column, more_column = st.columns([1, 4], vertical_alignment="bottom")
    year_column.selectbox(t("filter.tahun"), years, key=KEYS[YEAR], on_change=_changed, args=(YEAR,))
    title = t("filter.more_active", n=len(chosen.active())) if chosen.active() else t("filter.more")
    panel = more_column.expander(title, expanded=st.session_state.get(PANEL_OPEN, False), icon=":material/filter_alt:",
                                 key=PANEL, on_change=_panel_toggled)
    if panel.open:
        columns = panel.columns(4)
        for position, name in enumerate(DIMENSIONS):
            columns[position % 4].multiselect(
                t(f"filter.{name}"), offered[name], key=KEYS[name], on_change=_changed, args=(name,),
                format_func=lambda value, name=name: label_of(name, value, unit_names),
                placeholder=t("filter.all"),
            )
    _chips(chosen, unit_names)
    _write_url(chosen)
    return chosen


def _panel_toggled() -> None:
    st.session_state[PANEL_OPEN] = bool(st.session_state.get(PANEL))


def _chips(filters: Filters, unit_names: dict[str, str]) -> None:
    """One removable chip per chosen value, and 'remove all' when there are any."""
    chosen = filters.active()
    if not chosen:
        return
    with st.container(horizontal=True, gap="small", key="filter_chips"):
        for dimension, value in chosen:
            # Button labels are Markdown: a unit name is shown as its characters (common.escape_md).
            st.button(f"{t(f'filter.{dimension}')}: {escape_md(label_of(dimension, value, unit_names))}",
                      key=f"chip_{dimension}_{value}", icon=":material/close:", on_click=_remove,
                      args=(dimension, value), help=t("filter.remove_chip"))
        st.button(t("filter.clear_all"), key="chip_clear_all", type="tertiary", on_click=_clear,
                  icon=":material/filter_alt_off:")
