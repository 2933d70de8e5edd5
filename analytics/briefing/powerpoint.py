"""The briefing as PowerPoint: one 16:9 slide per presentation slide, for presenters who bring
their own deck.

Why built like this: the title sits in the layout's title placeholder, so it stays an editable
title (outline view, accessibility, restyling by the presenter's theme); headline figures are text
boxes and the newest-innovations list a native table, so numbers can be corrected or restyled in
place; charts are pictures rendered by kaleido (python-pptx cannot carry Plotly).  The longer
texts (the TPP rule and disclaimer) go into the slide notes as well as under the chart.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from analytics.briefing.deck import Deck, Metric, Slide, SlideTable
from analytics.briefing.images import figure_png

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
TITLE_ONLY = 5  # the default template's "Title Only" layout
SIDE = Inches(0.45)
LAYOUT_PX_PER_INCH = 80  # chart layout pixels per inch of slide: the app's 13 px type becomes ~12 pt
DARK = RGBColor(0x26, 0x27, 0x30)
MUTED = RGBColor(0x55, 0x5B, 0x66)
GOOD, BAD = RGBColor(0x00, 0x7A, 0x5A), RGBColor(0xB8, 0x4A, 0x00)
TABLE_ROWS = 8  # rows of 14 pt that fit under the figures and above the footer
ProgressFn = Callable[[float, str], None]


def _text(slide: object, left: int, top: int, width: int, height: int, lines: list[tuple[str, int, bool, RGBColor]],
          align: PP_ALIGN = PP_ALIGN.LEFT) -> None:
    box = slide.shapes.add_textbox(left, top, width, height)  # type: ignore[attr-defined]
    frame = box.text_frame
    frame.word_wrap = True
    for position, (text, size, bold, colour) in enumerate(lines):
        paragraph = frame.paragraphs[0] if position == 0 else frame.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = colour


def _metric_lines(metric: Metric, big: int) -> list[tuple[str, int, bool, RGBColor]]:
    label = f"{metric.label} ({metric.detail})" if metric.detail else metric.label
    lines = [(metric.value, big, True, DARK), (label, 14, False, MUTED)]
    if metric.change:
        good = (metric.raw_change or 0) >= 0 if metric.rising_is_good else (metric.raw_change or 0) <= 0
        lines.append((f"{metric.change} {metric.compared or ''}".strip(), 12, False, GOOD if good else BAD))
    elif metric.compared:
        lines.append((metric.compared, 12, False, MUTED))
    return lines


def _metrics(slide: object, metrics: tuple[Metric, ...], top: int, *, grid: bool) -> int:
    """Metric boxes in a row (or a 3-column grid for the KPI slide); returns the next free top."""
    per_row = 3 if grid else max(1, len(metrics))
    width = int((WIDTH - 2 * SIDE) / per_row)
    height = Inches(2.3 if grid else 1.25)
    for position, metric in enumerate(metrics):
        row, column = divmod(position, per_row)
        _text(slide, SIDE + column * width, top + row * height, width - Inches(0.2), height,
              _metric_lines(metric, 36 if grid else 24))
    rows = (len(metrics) + per_row - 1) // per_row
    return top + rows * height


def _table(slide: object, table: SlideTable, top: int) -> None:
    rows = table.rows[:TABLE_ROWS]
    height = Inches(0.4) * (len(rows) + 1)
    shape = slide.shapes.add_table(len(rows) + 1, len(table.columns), SIDE, top,  # type: ignore[attr-defined]
                                   WIDTH - 2 * SIDE, height)
    total = sum(table.widths)
    for position, width in enumerate(table.widths):
        shape.table.columns[position].width = Emu(int((WIDTH - 2 * SIDE) * width / total))
    for r, values in enumerate([table.columns, *rows]):
        for c, text in enumerate(values):
            cell = shape.table.cell(r, c)
            cell.text = text
            paragraph = cell.text_frame.paragraphs[0]
            paragraph.alignment = PP_ALIGN.RIGHT if table.numeric[c] else PP_ALIGN.LEFT
            paragraph.runs[0].font.size = Pt(14)
            paragraph.runs[0].font.bold = r == 0


def _figures(slide: object, figures: tuple, top: int, bottom: int, progress: Callable[[], None]) -> None:
    gap = Inches(0.3)
    width = int((WIDTH - 2 * SIDE - gap * (len(figures) - 1)) / len(figures))
    height = bottom - top
    for position, fig in enumerate(figures):
        layout_w = round(width / Inches(1) * LAYOUT_PX_PER_INCH)
        layout_h = round(height / Inches(1) * LAYOUT_PX_PER_INCH)
        png = figure_png(fig, width=layout_w * 2, height=layout_h * 2, scale=2)
        slide.shapes.add_picture(io.BytesIO(png), SIDE + position * (width + gap), top,  # type: ignore[attr-defined]
                                 width, height)
        progress()


def _slide(prs: Presentation, deck: Deck, content: Slide, progress: Callable[[], None]) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = SIDE, Inches(0.25), WIDTH - 2 * SIDE, Inches(0.9)
    title.text = content.title
    title.text_frame.paragraphs[0].runs[0].font.size = Pt(32)
    title.text_frame.paragraphs[0].runs[0].font.bold = True
    title.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    top = Inches(1.2)
    only_metrics = not content.figures and content.table is None
    if content.metrics:
        top = _metrics(slide, content.metrics, top, grid=only_metrics)
    footer_top = HEIGHT - Inches(0.5)
    note_room = Inches(0.45) if content.note else 0
    if content.figures:
        _figures(slide, content.figures, top + Inches(0.1), footer_top - note_room, progress)
    elif content.table is not None and content.screen_table:
        _table(slide, content.table, top + Inches(0.1))
    if content.note:
        _text(slide, SIDE, footer_top - note_room, WIDTH - 2 * SIDE, note_room, [(content.note, 12, False, MUTED)])
    footer = " · ".join(part for part in (deck.filters_line(), deck.stamp(), deck.source_line(),
                                          deck.t("deck.sample") if deck.sample else "") if part)
    _text(slide, SIDE, footer_top, WIDTH - 2 * SIDE, Inches(0.4), [(footer, 11, False, MUTED)])
    notes = "\n\n".join(text for text in (content.detail, content.note) if text)
    if notes:
        slide.notes_slide.notes_text_frame.text = notes


def deck_pptx(deck: Deck, progress: ProgressFn | None = None) -> bytes:
    """The .pptx bytes; `progress(share_done, what)` after each picture and slide."""
    total = max(1, sum(len(s.figures) for s in deck.slides) + len(deck.slides))
    done = 0

    def step(what: str) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(min(done / total, 1.0), what)

    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    prs.core_properties.title = deck.t("export.pdf_title", year=deck.year)
    for content in deck.slides:
        _slide(prs, deck, content, lambda title=content.title: step(title))
        step(content.title)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()
