"""The command-center screen: full screen, dark, large type; slides that rotate by themselves and
pick up new data within a minute, without a reload.

How it runs: every slide of the deck is drawn, one over the other, and CSS shows the one a small
marker in the footer names (`_deck`), so a change is one element changing and the new slide shows
whole, its charts already drawn.  One fragment with `run_every` (the `live` interval) re-reads the
data version and draws the cached deck of that version; a nested one-second fragment (`_clock`)
ticks the clock and, when the slide on screen has had its interval, reruns the page onto the next
one.  Buttons (and their keyboard shortcuts) rerun only the screen's fragment.  Each data check also
re-checks that the session may still see the presentation (a kiosk account disabled mid-session
goes back to the sign-in page).

Why CSS from a constant: Streamlit has no full-screen page mode; `SCREEN_CSS` (ui/presentation_css.py)
hides the sidebar, toolbar, header and scrollbars and sets the dark theme for this page only.  It
never carries data or user text (those go through Streamlit elements, escaped).  Streamlit loads
st.html's code only when its first element arrives, so the rules that keep one slide on screen
(EARLY_CSS) also come with the page shell that serve.py sends; under plain `streamlit run app.py`
(development) the deck can show every slide for a moment while the page loads.
"""

from __future__ import annotations

import os
import time

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analytics import i18n
from analytics.access import Permission
from analytics.briefing import Deck, Metric, Rotation, Slide, local_now, read_settings
from analytics.briefing.figures import for_screen
from analytics.filters import DIMENSIONS, YEAR, Filters, choices
from ui import auth, briefing, common
from ui import filters as filter_bar
from ui.common import escape_md, t
from ui.presentation_css import SCREEN_CSS

ROTATION_KEY = "presentasi_rotation"
PLAN_KEY = "presentasi_plan"  # (seconds per slide, slides in the deck): what the clock's timer checks against
TIMER_SECONDS = 1.0
PLOTLY_CONFIG = {"displayModeBar": False, "staticPlot": False, "responsive": True}


def _query() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params}


def screen_filters(years: list[int], units: pd.DataFrame) -> Filters:
    """The filters of the screen: the kiosk URL's when it names any (tahun, jenis_unit, ...), else
    the filter bar's as this session left them on a dashboard page; the newest year by default."""
    query = {name: st.query_params.get_all(name) for name in (YEAR, *DIMENSIONS) if name in st.query_params}
    chosen = Filters.from_query(query, choices=choices(units), years=years) if query else filter_bar.current()
    return chosen if chosen.tahun in years else chosen.with_year(years[0])


def _rotation() -> Rotation:
    current = st.session_state.get(ROTATION_KEY)
    return current if isinstance(current, Rotation) else Rotation(shown_at=time.time())


def _step(by: int, count: int) -> None:
    auth.note_activity()
    st.session_state[ROTATION_KEY] = _rotation().step(by, time.time(), count)


def _toggle() -> None:
    auth.note_activity()
    st.session_state[ROTATION_KEY] = _rotation().toggled(time.time())


def _metric(place: DeltaGenerator, metric: Metric, key: str) -> None:
    """A headline figure; its container's key says whether the change is good news (CSS colours)."""
    label = f"{metric.label} ({metric.detail})" if metric.detail else metric.label
    with place.container(key=f"pres_m_{metric.verdict}_{key}"):
        st.metric(escape_md(label), metric.value, metric.change,
                  delta_arrow="off" if metric.verdict == "same" else "auto",
                  delta_color="normal" if metric.rising_is_good else "inverse",
                  delta_description=metric.compared if metric.change else None)


def _figure(place: DeltaGenerator, fig: go.Figure, key: str, width: float, height: float) -> None:
    place.plotly_chart(for_screen(fig, plot_width=width, plot_height=height), key=key, theme=None,
                       config=PLOTLY_CONFIG, height="stretch")


def _slide(slide: Slide, position: int) -> None:
    key = f"{slide.code}_{position}"
    if not slide.figures and slide.table is None:  # the KPI slide: big tiles, three a row
        with st.container(key=f"pres_kpis_{position}"):
            for start in range(0, len(slide.metrics), 3):
                for number, (column, metric) in enumerate(zip(st.columns(3), slide.metrics[start:start + 3])):
                    _metric(column, metric, f"{key}_{start + number}")
        return
    if slide.screen_table and slide.table is not None:
        columns = st.columns(len(slide.metrics) + 1)
        for number, (column, metric) in enumerate(zip(columns, slide.metrics)):
            _metric(column, metric, f"{key}_{number}")
        shown = slide.table.head()
        if len(slide.table.rows) > len(shown):  # beside the figures, not under the table: always on screen
            columns[-1].caption(t("deck.table_more", shown=len(shown), n=len(slide.table.rows)))
        st.table(shown.map(escape_md), hide_index=True)  # st.table renders cells as Markdown: names as text
        return
    side, main = st.columns([1.15, 3.0], gap="medium")
    for number, metric in enumerate(slide.metrics):
        _metric(side, metric, f"{key}_{number}")
    if slide.note:
        side.caption(escape_md(slide.note))
    places = main.columns(len(slide.figures), gap="small") if len(slide.figures) > 1 else [main]
    for number, (place, fig) in enumerate(zip(places, slide.figures)):
        # Sized for the smaller supported screen (1366×768); a larger one shows the same, roomier.
        _figure(place, fig, f"pres_fig_{key}_{number}", 940 / len(places), 580)


def _header(deck: Deck, slide: Slide, position: int) -> None:
    with st.container(key=f"pres_header_{position}", horizontal=True, vertical_alignment="top"):
        with st.container(key=f"pres_title_{position}", width="stretch"):
            st.title(escape_md(slide.title), anchor=False)
        with st.container(key=f"pres_meta_{position}", width="content"):
            st.markdown(escape_md(deck.filters_line()))
            if deck.source_line():  # which units' figures come from the IID export
                st.markdown(escape_md(deck.source_line()))
            place = t("deck.position", n=position + 1, total=len(deck.slides))
            st.markdown(escape_md(f"{deck.stamp()} · {place}"))


def _deck(deck: Deck) -> None:
    """Every slide of the deck, drawn one over the other; CSS shows only the one the footer's
    marker names (SCREEN_CSS).  Why: a slide change is then one element changing in the browser,
    drawn in one frame — never the new title over the old body — and every chart of every slide
    is laid out and drawn before its slide shows, so no placeholder is ever seen."""
    with st.container(key="pres_deck"):
        for position, slide in enumerate(deck.slides):
            with st.container(key=f"pres_slide_{position}"):
                _header(deck, slide, position)
                with st.container(key=f"pres_body_{position}"):
                    if deck.kpis and deck.kpis[0].raw == 0:  # the filters leave no innovation this year
                        st.markdown(escape_md(t("deck.no_result", year=deck.year)))
                    _slide(slide, position)


def _footer(deck: Deck, rotation: Rotation, seconds: float, notes: list[str]) -> None:
    count = len(deck.slides)
    with st.container(key="pres_footer", horizontal=True, vertical_alignment="center", gap="small"):
        st.button(t("deck.previous"), icon=":material/skip_previous:", key="pres_prev", shortcut="Left",
                  on_click=_step, args=(-1, count))
        st.button(t("deck.resume") if rotation.paused else t("deck.pause"), key="pres_pause", shortcut="Space",
                  icon=":material/play_arrow:" if rotation.paused else ":material/pause:", on_click=_toggle)
        st.button(t("deck.next"), icon=":material/skip_next:", key="pres_next", shortcut="Right",
                  on_click=_step, args=(1, count))
        state = t("deck.paused") if rotation.paused else t("deck.every", seconds=i18n.decimal(seconds, common.lang()))
        # The marker of the slide on screen (CSS shows `pres_slide_<n>` while `pres_show_<n>` exists):
        # drawn after every slide, so a change shows only once the new slide is complete.
        with st.container(key=f"pres_show_{rotation.index}", width="content"):
            st.markdown(escape_md(f"{state} · {t('deck.keys')}"))
        _clock()
        if deck.sample:
            with st.container(key="pres_badge", width="content"):
                st.markdown(escape_md(deck.t("deck.sample")))
        if notes:
            with st.container(key="pres_notes", width="stretch"):
                for note in notes:
                    st.markdown(escape_md(note))
    with st.container(key="pres_hidden_keys"):  # presenter clickers send PageDown / PageUp
        st.button("next", key="pres_next_page", shortcut="PageDown", on_click=_step, args=(1, count))
        st.button("prev", key="pres_prev_page", shortcut="PageUp", on_click=_step, args=(-1, count))


@st.fragment(run_every=TIMER_SECONDS)
def _clock() -> None:
    """The footer's clock, and the timer of the rotation: every second it checks whether the slide
    on screen has had its interval, and if so moves on (a rerun of the page).  Why a timer of its
    own: the screen's data check runs only every `live` seconds, so a slide resumed after a pause
    would otherwise change on the next data check, up to a whole interval late."""
    with st.container(key="pres_clock", width="content"):  # ticks every second: the screen is alive
        st.markdown(local_now().strftime("%H:%M:%S"))
    plan = st.session_state.get(PLAN_KEY)
    rotation = st.session_state.get(ROTATION_KEY)
    if not isinstance(plan, tuple) or not isinstance(rotation, Rotation):
        return
    seconds, count = plan
    if rotation.tick(time.time(), seconds, count) != rotation:
        st.rerun()


def _allowed() -> bool:
    """Checked on every tick; only a presenter's click counts as activity, not the timer (a
    pimpinan idle on /presentasi is signed out like anywhere else; kiosk accounts have no idle limit)."""
    who = auth.current_actor(activity=bool(st.session_state.pop(auth.ACTIVITY_KEY, False)))
    return who is not None and who.can(Permission.VIEW_PRESENTATION)


def show() -> None:
    """The presentation page (views/presentasi.py)."""
    st.html(SCREEN_CSS)
    settings = read_settings(_query(), os.environ)
    notes = [t(note.code, **note.params) for note in settings.notes]

    @st.fragment(run_every=settings.live_seconds)
    def screen() -> None:
        if not _allowed():
            st.rerun()
        version = common.version()
        years = briefing.years(version)
        if not years:
            st.session_state.pop(PLAN_KEY, None)
            st.title(t("page.presentation"), anchor=False)
            st.markdown(escape_md(t("deck.no_data")))
            return
        chosen = screen_filters(years, common.units(version))
        deck = briefing.deck(version, chosen, slides=settings.slides)
        rotation = _rotation().tick(time.time(), settings.slide_seconds, len(deck.slides))
        st.session_state[ROTATION_KEY] = rotation
        st.session_state[PLAN_KEY] = (settings.slide_seconds, len(deck.slides))
        _deck(deck)
        _footer(deck, rotation, settings.slide_seconds, notes)

    screen()
