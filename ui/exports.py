"""Briefing exports as a small component any dashboard page can call: PDF, PowerPoint, and a PNG of
any chart at presentation resolution.

    from ui import exports
    exports.export_panel(slot, view, key=...)           # a page's panel behind its toggle
    exports.briefing_exports(view)                        # the panel itself (ui.dashboard.View)
    exports.png_download(fig, name=..., file_name=..., key=...)   # one chart's PNG button

Why deferred downloads: a PDF renders a dozen charts through kaleido (seconds); building it on
every rerun would slow every page for a file most readers never take.  `st.download_button` with a
callable runs it only when the button is pressed, on a worker thread, and the button shows its own
busy state until the file arrives.  The deck (figures as data, every number from the analytics
layer) is built when the page draws — cached by data version and filters — so what is downloaded
is exactly what the page shows.  Each download is recorded in the audit log
(`common.audited_download`); the buttons appear only for roles that may export.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analytics.access import Permission
from analytics.briefing import SLIDE_CODES, Deck, deck_pdf, deck_pptx, figure_png, local_now
from analytics.filters import Filters
from ui import auth, briefing, common, dashboard
from ui.common import DataVersion, t

PDF = "application/pdf"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
PNG = "image/png"
SECONDS_PER_FIGURE = 0.6  # measured on a 2-core machine with kaleido's server running (README)


def file_stem(deck: Deck) -> str:
    """'ringkasan-inovasi-kudus-2025' (+ '-filter' when filters narrow the data)."""
    return f"ringkasan-inovasi-kudus-{deck.year}" + ("-filter" if deck.filtered else "")


def pdf_bytes(deck: Deck) -> bytes:
    """The PDF, stamped with the moment it is made."""
    return deck_pdf(dataclasses.replace(deck, made_at=local_now()))


def pptx_bytes(deck: Deck) -> bytes:
    return deck_pptx(dataclasses.replace(deck, made_at=local_now()))


def charts_of(deck: Deck) -> list[tuple[str, go.Figure]]:
    """(label, figure) for every chart of the deck: 'slide title — chart title'."""
    found = []
    for slide in deck.slides:
        for fig in slide.figures:
            title = re.sub(r"<br>", " ", str(fig.layout.title.text or "")) if fig.layout.title else ""
            found.append((f"{slide.title} — {title}" if title else slide.title, fig))
    return found


def _download(label: str, build: Callable[[], bytes], *, what: str, detail: dict[str, object], file_name: str,
              mime: str, icon: str, key: str) -> None:
    st.download_button(label, data=common.audited_download(build, who=auth.current_actor(), what=what, detail=detail),
                       file_name=file_name, mime=mime, icon=icon, key=key, on_click="ignore", width="stretch")


def briefing_exports(view: object, *, slides: tuple[str, ...] = SLIDE_CODES, key: str = "briefing") -> None:
    """The export panel of a dashboard page (`view`: ui.dashboard.View); nothing for roles that may
    not export."""
    if not auth.may(Permission.EXPORT):
        return
    version: DataVersion = view.version  # type: ignore[attr-defined]
    chosen: Filters = view.filters  # type: ignore[attr-defined]
    deck = briefing.deck(version, chosen, slides=slides, lang=view.lang)  # type: ignore[attr-defined]
    stem = file_stem(deck)
    detail = {"year": deck.year, "filters": deck.filters_line(), "slides": list(deck.codes)}
    figures = charts_of(deck)
    with st.expander(t("export.heading"), icon=":material/download:"):
        seconds = max(2, round(len(figures) * SECONDS_PER_FIGURE + 1))
        st.caption(f"{t('export.help')} {t('export.working', seconds=seconds)}")
        pdf, pptx, png = st.columns([1, 1, 2], vertical_alignment="bottom")
        with pdf:
            _download(t("export.pdf"), lambda: pdf_bytes(deck), what="briefing.pdf", detail=detail,
                      file_name=f"{stem}.pdf", mime=PDF, icon=":material/picture_as_pdf:", key=f"{key}_pdf")
        with pptx:
            _download(t("export.pptx"), lambda: pptx_bytes(deck), what="briefing.pptx", detail=detail,
                      file_name=f"{stem}.pptx", mime=PPTX, icon=":material/slideshow:", key=f"{key}_pptx")
        with png:
            if figures:
                left, right = st.columns([3, 2], vertical_alignment="bottom")
                at = left.selectbox(t("export.choose_chart"), range(len(figures)), key=f"{key}_png_choice",
                                    format_func=lambda i: figures[i][0])
                with right:
                    png_download(figures[at][1], name=figures[at][0], file_name=f"{stem}-grafik-{at + 1}.png",
                                 key=f"{key}_png", detail=detail)


def png_download(fig: go.Figure, *, name: str, file_name: str, key: str,
                 detail: dict[str, object] | None = None) -> None:
    """A button that renders `fig` as a 1920×1080 PNG when pressed (kaleido, server-side), for any
    chart of any page: `exports.png_download(fig, name="...", file_name="grafik.png", key="...")`."""
    if not auth.may(Permission.EXPORT):
        return
    _download(t("export.png"), lambda: figure_png(fig), what="briefing.png", detail={**(detail or {}), "chart": name},
              file_name=file_name, mime=PNG, icon=":material/image:", key=key)


def export_panel(slot: DeltaGenerator, view: dashboard.View, *, key: str, **options: object) -> None:
    """The briefing export panel in `slot`, a container near the top of the page,
    built only when the reader asks for it.

    Why on demand: with 50,000 innovations a cold briefing deck takes ~5 s and ~500 MB more
    memory (bench/bench_dashboard.py), for a file most readers never take; a page view must stay
    within 2 s and 800 MB.  Called last, so even when the toggle is on the charts come first (the PDF
    and slide libraries are imported only when a file is built: analytics.briefing)."""
    with slot:
        if not st.toggle(t("dash.prepare_briefing"), key=f"{key}_prepare", help=t("dash.prepare_briefing_help")):
            return
        briefing_exports(view, key=key, **options)  # type: ignore[arg-type]
