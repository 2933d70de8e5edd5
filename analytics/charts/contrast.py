"""Colour contrast of chart marks against their background (WCAG 2.1: 3:1 for graphics, 1.4.11;
4.5:1 for text, 1.4.3), and the one adjustment that secures it for a figure.

Why an adjustment and not a second palette: the app's colours carry meaning (blue = counting,
vermillion = none, Okabe–Ito for colour-blind readers), so a mark keeps its hue.  A bar or a
marker whose fill is too faint against the page keeps its fill and gets an outline in a darker (on
a light page) or lighter (on a dark page) shade of the same hue; a line, which has no outline, is
drawn in that shade itself.  Black marks on a dark page (the survival chart's "Kabupaten" line)
become the page's text colour.
"""

from __future__ import annotations

from collections.abc import Iterable

import plotly.graph_objects as go

GRAPHICS = 3.0  # WCAG 2.1 SC 1.4.11 non-text contrast
TEXT = 4.5  # WCAG 2.1 SC 1.4.3 text contrast
OUTLINE_PX = 1.5


def rgb(colour: str) -> tuple[int, int, int] | None:
    """(r, g, b) of '#RGB', '#RRGGBB', 'rgb(...)', 'rgba(...)' or a few names; None if unknown."""
    text = str(colour).strip().lower()
    named = {"white": "#ffffff", "black": "#000000"}
    text = named.get(text, text)
    if text.startswith("#") and len(text) in (4, 7):
        digits = text[1:] if len(text) == 7 else "".join(c * 2 for c in text[1:])
        try:
            return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)
        except ValueError:
            return None
    if text.startswith(("rgb(", "rgba(")):
        parts = text[text.index("(") + 1:-1].split(",")
        try:
            return int(float(parts[0])), int(float(parts[1])), int(float(parts[2]))
        except (ValueError, IndexError):
            return None
    return None


def hex_of(channels: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02X}" for c in channels)


def luminance(colour: str) -> float:
    """Relative luminance (WCAG 2.1 definition) of a colour."""
    channels = rgb(colour)
    if channels is None:
        raise ValueError(f"not a colour: {colour!r}")

    def linear(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(one: str, other: str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def is_dark(background: str) -> bool:
    return luminance(background) < 0.18


def readable(colour: str, background: str, minimum: float = GRAPHICS) -> str:
    """`colour`, or the nearest shade of it (mixed towards black on a light background, towards
    white on a dark one) that reaches `minimum` against `background`."""
    channels = rgb(colour)
    if channels is None or ratio(colour, background) >= minimum:
        return colour
    target = 255.0 if is_dark(background) else 0.0
    for step in range(1, 21):
        mix = step / 20
        shade = hex_of(tuple(c + (target - c) * mix for c in channels))  # type: ignore[arg-type]
        if ratio(shade, background) >= minimum:
            return shade
    return hex_of((target,) * 3)


def _colours(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, Iterable):
        return [v for v in value if isinstance(v, str)]
    return []


def _swap_black(colour: object, background: str, text: str) -> object:
    """Black on a dark page becomes the page's text colour (same meaning: 'the whole')."""
    if not is_dark(background):
        return colour
    if isinstance(colour, str):
        return text if rgb(colour) == (0, 0, 0) else colour
    if isinstance(colour, list | tuple):
        return [text if isinstance(c, str) and rgb(c) == (0, 0, 0) else c for c in colour]
    return colour


def _outline(trace: go.BaseTraceType, background: str) -> None:
    """Bars and markers: keep the fill, add an outline in a readable shade where the fill is faint."""
    marker = trace.marker
    fills = marker.color
    if isinstance(fills, str) and rgb(fills) is not None:
        if ratio(fills, background) < GRAPHICS and not _has_outline(marker, background):
            marker.line = {"color": readable(fills, background), "width": OUTLINE_PX}
        return
    listed = list(fills) if isinstance(fills, list | tuple) else []
    readable_list = listed and all(isinstance(c, str) and rgb(c) is not None for c in listed)
    if readable_list and any(ratio(c, background) < GRAPHICS for c in listed) and not _has_outline(marker, background):
        marker.line = {"color": [readable(c, background) for c in listed], "width": OUTLINE_PX}


def _has_outline(marker: object, background: str) -> bool:
    line = getattr(marker, "line", None)
    if line is None or not line.width:
        return False
    colours = _colours(line.color)
    return bool(colours) and all(rgb(c) is not None and ratio(c, background) >= GRAPHICS for c in colours)


def secure(fig: go.Figure, background: str, *, text: str) -> go.Figure:
    """Every trace of `fig` readable on `background` (in place; returns `fig`):
    lines in a readable shade, faint bar and marker fills outlined, mark text at 4.5:1."""
    for trace in fig.data:
        kind = trace.type
        if kind in {"scatter", "scattergl"}:
            line_colour = _swap_black(trace.line.color, background, text)
            if isinstance(line_colour, str) and rgb(line_colour) is not None:
                trace.line.color = readable(line_colour, background)
            if trace.marker.color is not None:
                trace.marker.color = _swap_black(trace.marker.color, background, text)
            if "markers" in (trace.mode or "") and trace.marker.colorscale is None:
                _outline(trace, background)
            if "text" in (trace.mode or "") and isinstance(trace.textfont.color, str) and \
                    rgb(trace.textfont.color) is not None and trace.textposition != "middle center":
                trace.textfont.color = readable(_swap_black(trace.textfont.color, background, text), background, TEXT)
        elif kind in {"bar", "funnel"}:
            trace.marker.color = _swap_black(trace.marker.color, background, text)
            _outline(trace, background)
    return fig
