"""The command-center briefing: the deck model (slides as data) and its exports.

Pure Python, never streamlit.  One deck feeds three outputs so their numbers cannot drift:
the presentation page (ui/presentation.py), the PDF (`deck_pdf`) and the PowerPoint (`deck_pptx`);
any chart also goes out as a PNG at presentation resolution (`figure_png`).

- settings   which slides, in which order, seconds per slide, live refresh (env and kiosk URL)
- rotation   the slide on screen, advanced by the clock, paused and stepped by hand
- deck       Metric / SlideTable / Slide / Deck and their formatting
- slides     the seven slide builders and `build_deck`
- figures    the coverage charts and the screen / image adjustments of dashboard figures
- images     kaleido (server started once) -> PNG
- pdf, powerpoint   the exports

Modules that need fpdf2, python-pptx or kaleido are imported on demand by `deck_pdf`, `deck_pptx`
and `figure_png`, so the page can draw slides without loading them.
"""

from __future__ import annotations

from typing import Any

from analytics.briefing.deck import Deck, Metric, Slide, SlideTable
from analytics.briefing.rotation import Rotation
from analytics.briefing.settings import SLIDE_CODES, Note, PresentationSettings, read_settings
from analytics.briefing.slides import BriefingInputs, build_deck, local_now, newest_first

__all__ = [
    "SLIDE_CODES", "BriefingInputs", "Deck", "Metric", "Note", "PresentationSettings", "Rotation", "Slide",
    "SlideTable", "build_deck", "deck_pdf", "deck_pptx", "figure_png", "local_now", "newest_first", "read_settings",
]


def deck_pdf(deck: Deck, progress: Any = None) -> bytes:
    """The deck as an A4-landscape PDF (see analytics.briefing.pdf)."""
    from analytics.briefing.pdf import deck_pdf as build

    return build(deck, progress)


def deck_pptx(deck: Deck, progress: Any = None) -> bytes:
    """The deck as a 16:9 PowerPoint, one slide per presentation slide (analytics.briefing.powerpoint)."""
    from analytics.briefing.powerpoint import deck_pptx as build

    return build(deck, progress)


def figure_png(fig: Any, *, width: int = 1920, height: int = 1080, scale: int = 2) -> bytes:
    """A chart as a PNG of exactly width × height pixels (analytics.briefing.images)."""
    from analytics.briefing.images import figure_png as render

    return render(fig, width=width, height=height, scale=scale)
