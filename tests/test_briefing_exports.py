"""The exports a leader takes away: the PDF opens, has the expected pages, names the filters and
prints the analytics layer's KPI values; the PowerPoint has one slide per presentation slide with
the right (editable) titles; a chart's PNG has exactly the resolution asked for.

Images are rendered by kaleido in the system's Chromium (one server for the whole session)."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from briefing_data import filled_store, indicators
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from analytics import dashboard
from analytics.briefing import SLIDE_CODES, BriefingInputs, build_deck, deck_pdf, deck_pptx, figure_png
from analytics.briefing.deck import kpi_value
from analytics.filters import Filters
from analytics.store import Store

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="kaleido needs Chromium (apt-get install chromium)")
FILTERS = Filters(tahun=2025, jenis_unit=("OPD", "UPTD"))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    yield from filled_store(tmp_path_factory.mktemp("exports"))


@pytest.fixture(scope="module")
def made(store: Store):
    """The deck of every slide under FILTERS, with its PDF and PPTX (and how long each took)."""
    now, before, newest = indicators(store, FILTERS)
    deck = build_deck(BriefingInputs(now, before, FILTERS, store.units(), newest, "id", sample=True))
    started = time.perf_counter()
    pdf = deck_pdf(deck)
    pdf_seconds = time.perf_counter() - started
    started = time.perf_counter()
    pptx = deck_pptx(deck)
    print(f"\nPDF {len(pdf) / 1e6:.2f} MB in {pdf_seconds:.1f} s; "
          f"PPTX {len(pptx) / 1e6:.2f} MB in {time.perf_counter() - started:.1f} s")
    return deck, now, before, pdf, pptx


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def test_pdf_cover_names_the_filters_and_the_date(made) -> None:
    deck, _now, _before, pdf, _pptx = made
    cover = page_texts(pdf)[0]
    assert "Ringkasan Inovasi Daerah 2025" in cover
    for text in ("Tahun: 2025", "Jenis unit: OPD, UPTD", f"Dibuat {deck.made_at:%d/%m/%Y}", "DATA CONTOH"):
        assert text in cover, text
    for number, slide in enumerate(deck.slides, start=1):
        assert f"{number}. {slide.title}" in cover


def test_pdf_kpi_values_are_the_analytics_layers(made) -> None:
    _deck, now, before, pdf, _pptx = made
    summary = page_texts(pdf)[1]
    assert "1. Indikator utama 2025" in summary
    for card in dashboard.kpis(now, before):
        value, detail = kpi_value(card, "id")
        assert value in summary and (detail is None or detail in summary), (card.code, value, detail)
    assert f"{now.ringkasan['jumlah_inovasi']:,}".replace(",", ".") in summary


def test_pdf_pages_sections_tables_and_page_numbers(made) -> None:
    deck, now, _before, pdf, _pptx = made
    texts = page_texts(pdf)
    total = len(texts)
    assert total >= 2 + len(deck.slides)  # cover, then at least a page per slide
    for number, text in enumerate(texts, start=1):
        assert f"Halaman {number} dari {total}" in text
        assert "Tahun: 2025" in text  # every page says what it shows
    starts = [next(i for i, text in enumerate(texts) if i and f"{n}. {slide.title}" in text)
              for n, slide in enumerate(deck.slides, start=1)]
    assert starts == sorted(starts) and starts[0] == 1
    # The full ranking: every unit is printed, the header repeated on every page of the table.
    ranking = next(s for s in deck.slides if s.code == "peringkat").table
    assert ranking is not None and len(ranking.rows) == len(dashboard.unit_ranking(now, rollup=True))
    first = next(i for i, text in enumerate(texts) if ranking.caption in text)
    section = texts[first:starts[deck.codes.index("peringkat") + 1]]
    joined = " ".join(" ".join(text.split()) for text in section)
    assert all(" ".join(row[1].split()) in joined for row in ranking.rows)
    assert all("Jenis unit" in text and "Perubahan" in text for text in section)
    risk = next(s for s in deck.slides if s.code == "keberlanjutan").table
    assert risk is not None
    first = next(i for i, text in enumerate(texts) if risk.caption in text)
    risk_pages = texts[first:starts[deck.codes.index("keberlanjutan") + 1]]
    assert len(risk_pages) >= 2, "the at-risk list spans pages"
    assert all("Syarat yang belum terpenuhi" in text for text in risk_pages)


def test_pdf_without_the_kpi_slide_still_opens_with_the_kpi_summary(store: Store) -> None:
    now, before, newest = indicators(store, Filters(tahun=2025))
    deck = build_deck(BriefingInputs(now, before, Filters(tahun=2025), store.units(), newest, "en"),
                      ("terbaru",))
    texts = page_texts(deck_pdf(deck))
    assert len(texts) >= 3
    assert "Indicator summary 2025" in texts[1] and "Filters: all data" in texts[0]
    assert "1. Newest innovations 2025" in texts[2]
    assert re.search(r"Page 3 of \d+", texts[2])


def test_pptx_has_one_slide_per_presentation_slide_with_editable_titles(made) -> None:
    deck, _now, _before, _pdf, pptx = made
    slides = list(Presentation(io.BytesIO(pptx)).slides)
    assert len(slides) == len(deck.slides) == len(SLIDE_CODES)
    for made_slide, slide in zip(slides, deck.slides):
        assert made_slide.shapes.title is not None and made_slide.shapes.title.text == slide.title
        pictures = [shape for shape in made_slide.shapes if shape.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
        assert len(pictures) == len(slide.figures)
    tpp = slides[deck.codes.index("tpp")]
    assert "simulasi" in tpp.notes_slide.notes_text_frame.text


@pytest.mark.parametrize(("width", "height"), [(1920, 1080), (1280, 720), (1001, 563)])
def test_png_has_the_resolution_asked_for(made, width: int, height: int) -> None:
    deck = made[0]
    fig = next(s for s in deck.slides if s.figures).figures[0]
    image = Image.open(io.BytesIO(figure_png(fig, width=width, height=height)))
    assert image.format == "PNG" and image.size == (width, height)


def test_pdf_and_pptx_say_which_units_figures_come_from_the_iid_export(store: Store) -> None:
    now, before, newest = indicators(store, Filters(tahun=2025))
    deck = build_deck(BriefingInputs(now, before, Filters(tahun=2025), store.units(), newest, "id", iid_units=3),
                      ("kpi",))
    line = "Angka 3 unit dari ekspor aplikasi IID (tanpa laporan unit sendiri)"
    assert deck.source_line() == line
    assert line in page_texts(deck_pdf(deck))[0]
    slide = next(iter(Presentation(io.BytesIO(deck_pptx(deck))).slides))
    assert any(line in shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
    own = build_deck(BriefingInputs(now, before, Filters(tahun=2025), store.units(), newest, "en"), ("kpi",))
    assert own.source_line() == "" and "IID" not in page_texts(deck_pdf(own))[0]
