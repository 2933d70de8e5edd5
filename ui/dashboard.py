"""What the dashboard pages share: opening a page, cached indicators, charts that filter on click.

Why caches look like this: the indicators of one view depend only on the stored data, the year,
the filters and the rules.  They are cached under exactly that key — (data version, year, filters,
rules fingerprint, language) — never by hashing frames (Streamlit would hash 50,000 rows on every
rerun).  The data version rises on every write and `common.data_changed()` clears st.cache_data, so
a new upload shows at once.  `max_entries` bounds memory: one entry is one year of one view.
Figures are cached apart, as Plotly specs under their builder and inputs (`figure`), and an upload
through the app computes the overview's default view before it returns (`warm_up`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analytics import charts
from analytics import dashboard as shown
from analytics.charts import Boundaries, BoundaryError, load_boundaries
from analytics.filters import Filters, apply_filters, innovations_shown, years_with_data
from analytics.indicators import Indicators, compute_all
from analytics.rules import Rules
from analytics.selection import filters_after_selection
from ui import auth, common, filters
from ui.common import DataVersion, t

# No Plotly mode bar: on a phone it is always shown and covers the chart's title; Streamlit's own
# element toolbar still offers full screen, and the pages offer their downloads.
PLOTLY_CONFIG = {"displaylogo": False, "displayModeBar": False}


@dataclass(frozen=True)
class View:
    """What a dashboard page is showing: the data version, the filters (year set) and the language."""

    version: DataVersion
    filters: Filters
    years: tuple[int, ...]
    lang: str

    @property
    def year(self) -> int:
        assert self.filters.tahun is not None
        return self.filters.tahun


def rules_in_force() -> Rules:
    """The indicator rules the dashboard applies: those an admin set on the Aturan page, else the
    defaults (ui.common.rules, cached by data version)."""
    return common.rules()


@st.cache_data(show_spinner=False, max_entries=8)
def officials(version: DataVersion) -> pd.DataFrame:
    return common.store().officials()


def open_page(title_code: str) -> View:
    """Title, the 'no data yet' guidance (stops the page), the data stamp and the filter bar."""
    st.title(t(title_code))
    version = common.version()
    history = common.history(version)
    years = years_with_data(history)
    if not years:
        common.offer_sample(auth.current_actor())
        st.page_link("views/unggah.py", label=t("dash.go_upload"), icon=":material/upload_file:")
        st.stop()
    latest = common.local_time(history["uploaded_at"]).max()
    st.caption(t("dash.data_as_of", when=latest.strftime("%d/%m/%Y %H:%M"), n=len(history[history["is_current"]])))
    chosen = filters.filter_bar(years=years, units=common.units(version))
    iid_units = units_from_iid(history, chosen.tahun)
    if iid_units:  # every page says which source a unit's figures come from
        st.caption(t("iid.figures_from_iid_units", n=iid_units, year=chosen.tahun))
    return View(version, chosen, tuple(years), common.lang())


def units_from_iid(history: pd.DataFrame, year: int | None) -> int:
    """How many units' figures of `year` come from an IID import (no own report that year)."""
    if year is None or "sumber" not in history:
        return 0
    current = history[history["is_current"] & (history["tahun"] == year)]
    sources = current.groupby("unit_kode")["sumber"].agg(set)
    return int(sum("laporan" not in kinds for kinds in sources))


@st.cache_data(show_spinner=False, max_entries=48)
def _indicators(version: DataVersion, year: int, filter_key: tuple, sidik: str, lang: str) -> Indicators:
    chosen = Filters.from_key(filter_key)
    frames = apply_filters(chosen, units=common.units(version), innovations=common.innovations(version),
                           officials=officials(version))
    return compute_all(*frames, year=year, rules=rules_in_force(), lang=lang)


def indicators(view: View, *, chosen: Filters | None = None, year: int | None = None) -> Indicators:
    """The year's indicators under the view's filters (or `chosen` ones), cached by key."""
    wanted = (chosen or view.filters).with_year(None)
    return _indicators(view.version, year or view.year, wanted.key(), rules_in_force().sidik, view.lang)


def indicators_last_year(view: View, chosen: Filters | None = None) -> Indicators | None:
    """Last year's indicators under the same filters, or None when last year has no data."""
    return indicators(view, chosen=chosen, year=view.year - 1) if view.year - 1 in view.years else None


def warm_up(*, lang: str | None = None, figures: bool = False) -> None:
    """Read the current data version and compute the overview's default view (newest year, no
    filter, and the year before) — and with `figures` its first-screen charts — so that the
    next leader to open the dashboard does not wait for the store, the indicators or Plotly.

    Called in the uploader's session right after an upload, and by the server (serving.warmup)
    at startup and after a write by another process; `lang` None means the session's language
    (outside a session: the default one)."""
    version = common.version()
    years = years_with_data(common.history(version))
    if not years:
        return
    view = View(version, Filters(tahun=years[0]), tuple(years), lang or common.lang())
    common.units(version)
    now = indicators(view)
    indicators_last_year(view)
    if figures:
        first_screen_figures(view, now)


def first_screen_figures(view: View, now: Indicators) -> dict[str, dict]:
    """The overview's four charts above the fold, as cached specs, by name (in reading order)."""
    lang = view.lang
    return {
        "jenis_unit": figure(charts.per_jenis_unit_chart, shown.per_jenis_unit(now), lang),
        "jenis": figure(charts.jenis_chart, shown.per_jenis(now), lang),
        "tahapan": figure(charts.tahapan_funnel_chart, shown.tahapan_funnel(now), lang),
        "trend": figure(charts.trend_chart, now.per_tahun, view.year, lang),
    }


LIFECYCLE_SHOWN = ("tahun_pertama", "tahun_terakhir", "jumlah_tahun", "tahun_laporan", "jalur_tahapan", "hasil")


@st.cache_data(show_spinner=False, max_entries=8)
def innovations_table(version: DataVersion, filter_key: tuple, all_years: bool,
                      hasil: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The innovations a table shows under the filters, with unit names and the template's headers.

    With `hasil` (a tuple, possibly empty = every outcome) each record's lifecycle across years
    follows, limited to those outcomes. It is asked for explicitly because building every
    lifecycle costs seconds and hundreds of MB on 50,000 innovations.
    """
    from analytics.exports import innovations_for_export

    rows = innovations_shown(Filters.from_key(filter_key), units=common.units(version),
                             innovations=common.innovations(version), all_years=all_years)
    if hasil is None:
        return innovations_for_export(rows, common.units(version)).reset_index(drop=True)
    from analytics.lifecycle import filter_by_hasil, with_lifecycle_columns
    from ui.lifecycle import lifecycles

    rows = filter_by_hasil(with_lifecycle_columns(rows, lifecycles(version)), list(hasil))
    table = innovations_for_export(rows, common.units(version)).reset_index(drop=True)
    for field in LIFECYCLE_SHOWN:
        table[field] = rows[field].to_numpy()
    return table


def nothing_to_show(view: View, ind: Indicators, *, about: str = "innovations") -> bool:
    """Say so when the filters leave nothing the page is about in the year: innovations (most
    pages), officials (TPP) or units (Perangkat Daerah, where units with none are the answer)."""
    left = {"innovations": ind.ringkasan["jumlah_inovasi"], "officials": len(ind.tpp_per_pejabat),
            "units": len(ind.per_unit)}[about]
    if left:
        return False
    code = "dash.no_result_filtered" if view.filters.is_filtered else "dash.no_result_year"
    st.info(t(code, year=view.year), icon=":material/filter_alt_off:")
    return True


def _on_select(key: str) -> None:
    event = st.session_state.get(key)
    filters.set_filters(filters_after_selection(event, filters.current()))


@st.cache_data(show_spinner=False, max_entries=256)
def _figure_spec(builder: str, args: tuple, kwargs: dict, _build: Callable[..., go.Figure]) -> dict:
    return _build(*args, **kwargs).to_plotly_json()


def figure(build: Callable[..., go.Figure], *args: object, **kwargs: object) -> dict:
    """`build(*args, **kwargs)` as a Plotly spec, cached under the builder's name and its inputs.

    Why: building a figure through Plotly's object model costs 5-20 ms (validation, the template),
    about half of a new session's overview run; the inputs are small frames (hashed by content),
    so a cached spec is correct by construction and costs a hash and a copy."""
    return _figure_spec(f"{build.__module__}.{build.__qualname__}", args, kwargs, build)


def trusted_figure(fig: go.Figure | dict) -> go.Figure:
    """A spec from `figure` as a Figure that Plotly does not validate again.

    Why: st.plotly_chart validates a dict by building a Figure from it (about 25 ms a chart, a fifth
    of a new session's overview run, and what limits how many new sessions a replica serves at
    once); a Figure it only copies.  The spec came from a validated Figure (`_figure_spec`), so the
    JSON sent is the same (tests/test_dashboard_figures.py checks it)."""
    return go.Figure(fig, _validate=False) if isinstance(fig, dict) else fig


def chart(fig: go.Figure | dict, name: str, view: View, *, clickable: bool = True) -> None:
    """Draw a figure (or a spec from `figure`); a click on a point carrying [dimension, value]
    changes the filters.

    The widget key holds the filters' digest: once a click has changed them the chart is a new
    widget, so an old selection never lingers or fires twice."""
    key = f"chart_{name}_{view.filters.digest()}"
    fig = trusted_figure(fig)
    if clickable:
        st.plotly_chart(fig, key=key, theme=None, on_select=partial(_on_select, key), selection_mode="points",
                        config=PLOTLY_CONFIG)
    else:
        st.plotly_chart(fig, key=key, theme=None, config=PLOTLY_CONFIG)


def lazy_tabs(codes: Sequence[str], *, key: str) -> dict[str, DeltaGenerator]:
    """Tabs whose content the page draws only when open (`tab.open`; a switch reruns the page).

    Why: every chart on a page is rendered by the browser at once, so fewer charts on the first
    paint put the first one on screen sooner.  The open tab is remembered by code under `key`,
    so it survives a language switch (labels are `<key>.<code>` in the catalogue)."""
    labels = {code: t(f"{key}.{code}") for code in codes}
    widget = f"{key}_{common.lang()}"  # a new widget per language: its labels differ

    def remember() -> None:
        st.session_state[key] = next(code for code, label in labels.items() if label == st.session_state[widget])

    kept = labels.get(st.session_state.get(key, codes[0]), labels[codes[0]])
    return dict(zip(codes, st.tabs(list(labels.values()), key=widget, default=kept, on_change=remember)))


@st.cache_resource(show_spinner=False, max_entries=4)
def _boundaries(path: str, modified: float) -> Boundaries | BoundaryError:
    try:
        return load_boundaries(path)
    except BoundaryError as err:
        return err


def boundaries() -> Boundaries | None:
    """The kecamatan boundaries from KUDUS_GEOJSON (None without one; a bad file is reported)."""
    path = os.environ.get("KUDUS_GEOJSON", "").strip()
    if not path:
        return None
    file = Path(path).expanduser()
    loaded = _boundaries(str(file), file.stat().st_mtime if file.exists() else 0.0)
    if isinstance(loaded, BoundaryError):
        st.warning(t("dash.map_bad_file", detail=str(loaded)), icon=":material/map:")
        return None
    return loaded


# A table column: (frame column, i18n code of its header, kind).  Kinds: "text", "count", "rupiah",
# "score" (0..100), "share" (0..1), "percent" (a number already in %), "bool", "date", "datetime",
# "flags" (';'-joined sustainability flags), or "value:<dimension>" (vocabulary shown in the language).
Column = tuple[str, str, str]


def export_frame(frame: pd.DataFrame, columns: list[Column]) -> pd.DataFrame:
    """The table as shown: translated headers, vocabulary in the reader's language (for downloads too)."""
    from analytics.charts import value_label

    reader = common.lang()
    shown = pd.DataFrame(index=frame.index)
    for column, code, kind in columns:
        values = frame[column]
        if kind.startswith("value:"):
            dimension = kind.split(":", 1)[1]
            values = values.astype("str").map(lambda v, d=dimension: value_label(d, v, reader))
        elif kind == "flags":
            values = values.fillna("").map(lambda v: ", ".join(t(f"chart.flag.{f}") for f in v.split(";") if f))
        shown[t(code)] = values
    return shown.reset_index(drop=True)


ROW_PX = 35  # st.dataframe's row height


def table(frame: pd.DataFrame, columns: list[Column], *, key: str, max_height: int | None = None) -> None:
    """A read-only table with translated headers and values, in the reader's number formats; at
    most `max_height` pixels tall, and no taller than its rows (no empty grid under five rows)."""
    from analytics.charts import table_formats

    formats = table_formats(common.lang())
    config = {t(code): _column_config(kind, formats) for _, code, kind in columns}
    height: int | str = "auto" if max_height is None else min(max_height, ROW_PX * (len(frame) + 1) + 3)
    st.dataframe(export_frame(frame, columns), hide_index=True, width="stretch", height=height, column_config=config,
                 key=key)


def _column_config(kind: str, formats: dict[str, str]) -> object:
    numbers = st.column_config.NumberColumn
    return {
        "count": numbers(format=formats["count"]),
        "rupiah": numbers(format=formats["rupiah"]),
        "score": numbers(format="%.0f"),  # whole points: printf has no Indonesian decimal comma
        "percent": numbers(format="%.0f%%"),
        "share": st.column_config.ProgressColumn(format="percent", min_value=0.0, max_value=1.0),
        "bool": st.column_config.CheckboxColumn(),
        "date": st.column_config.DateColumn(format="DD/MM/YYYY"),
        "datetime": st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm"),
        "year": numbers(format=formats["year"]),
    }.get(kind, st.column_config.TextColumn())


@st.cache_data(show_spinner=False, max_entries=4)
def _history(version: DataVersion) -> pd.DataFrame:
    table = common.history(version).copy()
    table["uploaded_at"] = common.local_time(table["uploaded_at"])
    return table


def history(view: View) -> pd.DataFrame:
    """Every stored version, upload times in Kudus's time zone."""
    return _history(view.version)


def units(view: View) -> pd.DataFrame:
    """The unit master list (cached by data version)."""
    return common.units(view.version)


def downloads(frame: pd.DataFrame | Callable[[], pd.DataFrame], name: str, *, sheet: str,
              detail: dict[str, object]) -> None:
    """Excel and CSV of a table as shown (formula-like cells neutralised by analytics.exports),
    for roles that may export; every download is audited with `detail` (year, filters, rows).

    `frame` may be a function that builds the table again: a large one is then not held by the
    session while it waits for a click (Streamlit keeps a closed tab's session for two minutes)."""
    from analytics.access import Permission
    from analytics.exports import to_csv_bytes, to_excel_bytes

    if not auth.may(Permission.EXPORT):
        return
    left, right = st.columns(2)
    who = auth.current_actor()
    table = frame if callable(frame) else (lambda: frame)
    # Files are built only when clicked (deferred callables): 50,000 rows cost seconds to write.
    left.download_button(t("data.download_xlsx"),
                         common.audited_download(lambda: to_excel_bytes(table(), sheet), who=who,
                                                 what=f"{name}.xlsx", detail=detail),
                         f"{name}.xlsx", icon=":material/grid_on:", on_click="ignore")
    right.download_button(t("data.download_csv"),
                          common.audited_download(lambda: to_csv_bytes(table()), who=who, what=f"{name}.csv",
                                                  detail=detail),
                          f"{name}.csv", icon=":material/description:", on_click="ignore")
