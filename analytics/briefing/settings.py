"""Presentation settings: which slides in which order, how long each stays, how often data is re-read.

Why validated here, in pure Python: a kiosk URL is typed by hand on a command-center PC and an
environment variable is edited on a server; a bad value must never blank the big screen.  Every
setting falls back (query parameter -> environment -> default) and leaves a `Note` that the screen
shows, so the person who typed it sees what was ignored.

Sources, strongest first:
- query parameters of the kiosk URL: `slides=kpi,peringkat`, `interval=20`, `live=30`;
- environment: `KUDUS_SLIDES`, `KUDUS_SLIDE_SECONDS`, `KUDUS_LIVE_SECONDS`;
- defaults: every slide in `SLIDE_CODES` order, 20 s per slide, data re-read every 30 s.

`live` is capped at 60 s: new data must reach the screen within a minute.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

SLIDE_CODES: tuple[str, ...] = ("kpi", "peringkat", "kecamatan", "keberlanjutan", "cakupan", "tpp", "terbaru")
# English (and a few natural) spellings a presenter may type in a URL.
ALIASES: dict[str, str] = {
    "kpis": "kpi", "ranking": "peringkat", "rank": "peringkat", "map": "kecamatan", "peta": "kecamatan",
    "sustainability": "keberlanjutan", "coverage": "cakupan", "tpp-overview": "tpp", "newest": "terbaru",
    "new": "terbaru", "baru": "terbaru",
}
DEFAULT_SLIDE_SECONDS = 20.0
DEFAULT_LIVE_SECONDS = 30.0
SLIDE_SECONDS_RANGE = (2.0, 3600.0)  # 2 s lets browser tests watch a rotation without waiting long
LIVE_SECONDS_RANGE = (1.0, 60.0)  # at most a minute: the promise for new data
QUERY_SLIDES, QUERY_INTERVAL, QUERY_LIVE = "slides", "interval", "live"
ENV_SLIDES, ENV_SLIDE_SECONDS, ENV_LIVE_SECONDS = "KUDUS_SLIDES", "KUDUS_SLIDE_SECONDS", "KUDUS_LIVE_SECONDS"
SHOWN_VALUE_LIMIT = 40  # a bad value is echoed on screen, shortened


@dataclass(frozen=True)
class Note:
    """A setting that was ignored: message code (analytics/texts/briefing.py) and its parameters."""

    code: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PresentationSettings:
    slides: tuple[str, ...] = SLIDE_CODES
    slide_seconds: float = DEFAULT_SLIDE_SECONDS
    live_seconds: float = DEFAULT_LIVE_SECONDS
    notes: tuple[Note, ...] = ()

    @property
    def tick_seconds(self) -> float:
        """How often the screen's fragment reruns: never longer than `live_seconds`, and a whole
        fraction of `slide_seconds`, so a slide changes on a tick rather than up to a tick late."""
        steps = max(1, math.ceil(self.slide_seconds / self.live_seconds - 1e-9))
        return self.slide_seconds / steps


def _shown(raw: str) -> str:
    text = " ".join(str(raw).split())
    return text if len(text) <= SHOWN_VALUE_LIMIT else text[: SHOWN_VALUE_LIMIT - 1] + "…"


def _first(query: Mapping[str, str | Sequence[str]], name: str) -> str | None:
    raw = query.get(name)
    if raw is None:
        return None
    if isinstance(raw, str):
        return raw
    return raw[-1] if len(raw) else None


def parse_slides(raw: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(known slide codes in the order given, without repeats; the parts that are not slides)."""
    chosen: list[str] = []
    unknown: list[str] = []
    for part in str(raw).replace(";", ",").split(","):
        word = part.strip().lower()
        if not word:
            continue
        code = ALIASES.get(word, word)
        if code in SLIDE_CODES:
            if code not in chosen:
                chosen.append(code)
        else:
            unknown.append(part.strip())
    return tuple(chosen), tuple(unknown)


def parse_seconds(raw: str, bounds: tuple[float, float]) -> float | None:
    """A number of seconds within `bounds`, or None (not a number, not finite, out of range)."""
    try:
        value = float(str(raw).strip().replace(",", "."))
    except ValueError:
        return None
    low, high = bounds
    return value if math.isfinite(value) and low <= value <= high else None


def _slides(raw: str | None, fallback: tuple[str, ...], source: str, notes: list[Note]) -> tuple[str, ...]:
    if raw is None or not raw.strip():
        return fallback
    chosen, unknown = parse_slides(raw)
    if unknown:
        notes.append(Note("deck.note.unknown_slides", {"source": source, "value": _shown(", ".join(unknown)),
                                                       "known": ", ".join(SLIDE_CODES)}))
    if not chosen:
        notes.append(Note("deck.note.no_slides", {"source": source}))
        return fallback
    return chosen


def _seconds(raw: str | None, fallback: float, bounds: tuple[float, float], source: str,
             notes: list[Note]) -> float:
    if raw is None or not raw.strip():
        return fallback
    value = parse_seconds(raw, bounds)
    if value is None:
        notes.append(Note("deck.note.bad_seconds", {"source": source, "value": _shown(raw),
                                                    "low": f"{bounds[0]:g}", "high": f"{bounds[1]:g}",
                                                    "used": f"{fallback:g}"}))
        return fallback
    return value


def read_settings(query: Mapping[str, str | Sequence[str]] | None = None,
                  env: Mapping[str, str] | None = None) -> PresentationSettings:
    """The settings in force: query parameters over environment over defaults, with a Note for
    every value that was ignored (see the module docstring)."""
    query = query or {}
    env = os.environ if env is None else env
    notes: list[Note] = []
    slides = _slides(env.get(ENV_SLIDES), SLIDE_CODES, ENV_SLIDES, notes)
    slides = _slides(_first(query, QUERY_SLIDES), slides, QUERY_SLIDES, notes)
    slide_seconds = _seconds(env.get(ENV_SLIDE_SECONDS), DEFAULT_SLIDE_SECONDS, SLIDE_SECONDS_RANGE,
                             ENV_SLIDE_SECONDS, notes)
    slide_seconds = _seconds(_first(query, QUERY_INTERVAL), slide_seconds, SLIDE_SECONDS_RANGE, QUERY_INTERVAL,
                             notes)
    live_seconds = _seconds(env.get(ENV_LIVE_SECONDS), DEFAULT_LIVE_SECONDS, LIVE_SECONDS_RANGE,
                            ENV_LIVE_SECONDS, notes)
    live_seconds = _seconds(_first(query, QUERY_LIVE), live_seconds, LIVE_SECONDS_RANGE, QUERY_LIVE, notes)
    return PresentationSettings(slides, slide_seconds, live_seconds, tuple(notes))
