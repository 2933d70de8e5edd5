"""The briefing as a PDF (A4 landscape): cover with filters and date, KPI summary, one section per
slide with its figures as images, its table split across pages with repeated headers, and page
numbers on every page.

Why fpdf2: pure Python, no system libraries, real tables with `repeat_headings`.  Text is set in
a Unicode TrueType font (DejaVu Sans or Liberation Sans from the system, or `KUDUS_PDF_FONT`) so
Indonesian text, "–", "≥" and "→" print as written; without one the built-in Helvetica is used
and the few characters it lacks are spelled out.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from analytics.briefing.deck import Deck, Metric, Slide, SlideTable
from analytics.briefing.images import figure_png

FONT_CANDIDATES = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
)
LATIN1_SPELLING = {"–": "-", "—": "-", "…": "...", "·": "-", "≥": ">=", "≤": "<=", "→": "->", "±": "+/-",
                   "×": "x", "\u2212": "-", "‘": "'", "’": "'", "“": '"', "”": '"'}
MARGIN = 12.0  # mm
MM_TO_LAYOUT_PX = 4.2  # chart layout pixels per mm of page (rendered at scale 2)
ROW_MM = 6.0  # a table row of one line, with padding (to decide whether a table fits the page)
DARK = (38, 39, 48)
MUTED = (85, 91, 102)
HEADING_FILL = (227, 238, 247)
ProgressFn = Callable[[float, str], None]


def font_files() -> tuple[str, str] | None:
    """(regular, bold) TrueType files, or None for the built-in Helvetica."""
    configured = os.environ.get("KUDUS_PDF_FONT", "").strip()
    if configured and Path(configured).is_file():
        bold = configured.replace(".ttf", "-Bold.ttf")
        return configured, bold if Path(bold).is_file() else configured
    for regular, bold in FONT_CANDIDATES:
        if Path(regular).is_file():
            return regular, bold if Path(bold).is_file() else regular
    return None


class BriefingPdf(FPDF):
    """FPDF with the deck's footer: origin, filters, and 'Halaman n dari N' on every page."""

    def __init__(self, deck: Deck) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.deck = deck
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN + 6)
        files = font_files()
        self.unicode = files is not None
        if files is not None:
            self.add_font("Briefing", "", files[0])
            self.add_font("Briefing", "B", files[1])
            self.family = "Briefing"
        else:
            self.family = "Helvetica"
        self.set_title(deck.t("export.pdf_title", year=deck.year))
        self.set_creator("Dasbor Inovasi Daerah Kabupaten Kudus")

    def text_of(self, text: str) -> str:
        if self.unicode:
            return text
        for char, spelled in LATIN1_SPELLING.items():
            text = text.replace(char, spelled)
        return text.encode("latin-1", "replace").decode("latin-1")

    def font(self, size: float, bold: bool = False, colour: tuple[int, int, int] = DARK) -> None:
        self.set_font(self.family, "B" if bold else "", size)
        self.set_text_color(*colour)

    def write_line(self, text: str, size: float, *, bold: bool = False, colour: tuple[int, int, int] = DARK,
                   height: float | None = None) -> None:
        self.font(size, bold, colour)
        self.multi_cell(0, height or size * 0.5, self.text_of(text), new_x="LMARGIN", new_y="NEXT")

    def footer(self) -> None:
        self.set_y(-MARGIN)
        self.font(8, colour=MUTED)
        left = f"{self.deck.t('export.origin')} · {self.deck.filters_line()} · {self.deck.stamp()}"
        self.cell(0, 5, self.text_of(left), align="L")
        self.set_x(-MARGIN - 50)
        self.cell(50, 5, self.text_of(self.deck.t("export.page", n=self.page_no(), total="{nb}")), align="R")


def _cover(pdf: BriefingPdf, deck: Deck) -> None:
    pdf.add_page()
    pdf.ln(18)
    pdf.write_line(deck.t("export.pdf_title", year=deck.year), 26, bold=True, height=12)
    pdf.write_line(deck.t("export.region"), 16, colour=MUTED, height=9)
    pdf.ln(8)
    pdf.write_line(deck.t("export.filters_heading"), 13, bold=True, height=7)
    for label, value in deck.filters:
        pdf.write_line(f"{label}: {value}", 12, height=6.5)
    pdf.ln(4)
    pdf.write_line(deck.stamp(), 12, height=6.5)
    pdf.write_line(deck.t("export.made_at", when=deck.made_at.strftime("%d/%m/%Y %H:%M")), 12, height=6.5)
    if deck.source_line():
        pdf.write_line(deck.source_line(), 12, height=6.5)
    if deck.sample:
        pdf.ln(3)
        pdf.write_line(deck.t("deck.sample"), 12, bold=True, colour=(184, 74, 0), height=6.5)  # 5.2:1 on white
    pdf.ln(8)
    pdf.write_line(deck.t("export.contents"), 13, bold=True, height=7)
    for number, slide in enumerate(deck.slides, start=1):
        pdf.write_line(f"{number}. {slide.title}", 12, height=6.5)


def _metrics_table(pdf: BriefingPdf, deck: Deck, metrics: tuple[Metric, ...], size: float) -> None:
    headings = [deck.t("export.col.indicator"), deck.t("export.col.value"), deck.t("export.col.change"),
                deck.t("export.col.compared")]
    pdf.font(size)
    style = FontFace(emphasis="BOLD", fill_color=HEADING_FILL)
    with pdf.table(col_widths=(3.2, 3.2, 1.8, 2.4), text_align=("LEFT", "RIGHT", "RIGHT", "LEFT"),
                   headings_style=style, line_height=size * 0.55, padding=1.2) as table:
        row = table.row()
        for heading in headings:
            row.cell(pdf.text_of(heading))
        for metric in metrics:
            row = table.row()
            for text in (metric.label, metric.full, metric.change or "–", metric.compared or ""):
                row.cell(pdf.text_of(text))


def _kpi_summary(pdf: BriefingPdf, deck: Deck) -> None:
    pdf.add_page()
    pdf.write_line(deck.t("export.kpi_summary", year=deck.year), 18, bold=True, height=9)
    pdf.write_line(deck.filters_line(), 11, colour=MUTED, height=6)
    pdf.ln(4)
    _metrics_table(pdf, deck, deck.kpis, 13)


def _figures(pdf: BriefingPdf, slide: Slide, progress: Callable[[], None]) -> None:
    if not slide.figures:
        return
    room = pdf.h - pdf.get_y() - MARGIN - 8 - (14 if slide.note or slide.detail else 0)
    gap = 6.0
    count = len(slide.figures)
    width = (pdf.epw - gap * (count - 1)) / count
    height = min(room, width * 0.95 if count > 1 else width * 0.5)
    top = pdf.get_y()
    for position, fig in enumerate(slide.figures):
        layout_w, layout_h = round(width * MM_TO_LAYOUT_PX), round(height * MM_TO_LAYOUT_PX)
        png = figure_png(fig, width=layout_w * 2, height=layout_h * 2, scale=2)
        pdf.image(io.BytesIO(png), x=MARGIN + position * (width + gap), y=top, w=width, h=height)
        progress()
    pdf.set_y(top + height + 3)


def _table(pdf: BriefingPdf, deck: Deck, table: SlideTable, *, new_page: bool) -> None:
    """The whole table; on a new page unless it fits under what the page already holds."""
    room = pdf.h - pdf.get_y() - MARGIN - 8
    if new_page and (len(table.rows) + 3) * ROW_MM > room:
        pdf.add_page()
    elif new_page:
        pdf.ln(4)
    pdf.write_line(table.caption, 13, bold=True, height=7)
    if not table.rows:
        pdf.write_line(deck.t("export.no_rows"), 11, colour=MUTED, height=6)
        return
    pdf.write_line(deck.t("export.rows", n=len(table.rows)), 9, colour=MUTED, height=5)
    pdf.font(9)
    align = tuple("RIGHT" if numeric else "LEFT" for numeric in table.numeric)
    style = FontFace(emphasis="BOLD", fill_color=HEADING_FILL)
    with pdf.table(col_widths=table.widths, text_align=align, headings_style=style, repeat_headings=1,
                   line_height=4.1, padding=(0.7, 1.2)) as out:
        row = out.row()
        for heading in table.columns:
            row.cell(pdf.text_of(heading))
        for values in table.rows:
            row = out.row()
            for text in values:
                row.cell(pdf.text_of(text))


def _slide(pdf: BriefingPdf, deck: Deck, number: int, slide: Slide, progress: Callable[[], None]) -> None:
    pdf.add_page()
    pdf.write_line(f"{number}. {slide.title}", 18, bold=True, height=9)
    if slide.metrics and not slide.figures and slide.table is None:
        pdf.ln(2)
        _metrics_table(pdf, deck, slide.metrics, 13)
    elif slide.metrics:
        parts = [f"{m.label}: {m.full}" + (f" ({m.change} {m.compared})" if m.change else "")
                 for m in slide.metrics]
        pdf.write_line("  |  ".join(parts), 11, height=6)
    pdf.ln(2)
    _figures(pdf, slide, progress)
    if slide.note or slide.detail:
        pdf.write_line(slide.detail or slide.note or "", 9, colour=MUTED, height=4.5)
    if slide.table is not None:
        _table(pdf, deck, slide.table, new_page=bool(slide.figures))


def figure_count(deck: Deck) -> int:
    return sum(len(s.figures) for s in deck.slides)


def deck_pdf(deck: Deck, progress: ProgressFn | None = None) -> bytes:
    """The PDF bytes; `progress(share_done, what)` is called after each slide and image."""
    total = max(1, figure_count(deck) + len(deck.slides) + 1)
    done = 0

    def step(what: str = "") -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(min(done / total, 1.0), what)

    pdf = BriefingPdf(deck)
    _cover(pdf, deck)
    if "kpi" not in deck.codes:  # the KPI slide is the summary; without it, the summary comes first
        _kpi_summary(pdf, deck)
    step(deck.t("export.kpi_summary", year=deck.year))
    for number, slide in enumerate(deck.slides, start=1):
        _slide(pdf, deck, number, slide, lambda title=slide.title: step(title))
        step(slide.title)
    return bytes(pdf.output())
