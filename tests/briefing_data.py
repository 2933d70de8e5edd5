"""Shared by the briefing tests: a small real database (generated workbooks, validated and stored
like uploads) and the indicators the analytics layer computes from it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from analytics.filters import Filters, apply_filters
from analytics.indicators import Indicators, compute_all, explain
from analytics.intake.units import read_units_csv
from analytics.intake.validation import validate_workbook
from analytics.sample import generate_years
from analytics.store import Store

YEARS = (2024, 2025)
LATE_UNIT = "opd.dinkes"  # left out of the last year by `fill(..., hold_back=...)`: stored later by a test


def fill(store: Store, years: Iterable[int] = YEARS, *, hold_back: str | None = None) -> None:
    """Every unit's generated workbook of `years`, validated and stored (optionally all but one)."""
    books = generate_years(read_units_csv(), list(years))
    last = max(books)
    for tahun, workbooks in books.items():
        for book in workbooks:
            if tahun == last and book.unit_kode == hold_back:
                continue
            store_workbook(store, book)


def filled_store(folder: Path) -> Iterator[Store]:
    """A Store on a new SQLite file in `folder`, filled with YEARS (for a module-scoped fixture)."""
    store = Store(f"sqlite:///{folder / 'inovasi.sqlite'}")
    fill(store)
    yield store
    store.close()


def filled_folder(folder: Path, *, hold_back: str | None = None) -> Path:
    """`folder` with the app's database (inovasi.sqlite) filled like `fill`: a data folder to run the
    app on (tests/browser/server.running_app)."""
    store = Store(f"sqlite:///{folder / 'inovasi.sqlite'}")
    fill(store, hold_back=hold_back)
    store.close()
    return folder


def store_workbook(store: Store, book: object) -> None:
    result = validate_workbook(book.to_bytes(), book.file_name, store.units())  # type: ignore[attr-defined]
    assert result.ok, [issue.message() for issue in result.errors]
    store.store_many(result.submissions, actor="test")


def late_workbook(tahun: int = max(YEARS)) -> object:
    [book] = [b for b in generate_years(read_units_csv(), [tahun])[tahun] if b.unit_kode == LATE_UNIT]
    return book


def indicators(store: Store, filters: Filters) -> tuple[Indicators, Indicators | None, object]:
    """(this year, last year or None, newest rows) under `filters`, straight from the analytics layer."""
    frames = apply_filters(filters, units=store.units(), innovations=store.innovations(), officials=store.officials())
    assert filters.tahun is not None
    now = compute_all(*frames, year=filters.tahun)
    before = compute_all(*frames, year=filters.tahun - 1) if filters.tahun - 1 in store.years() else None
    newest = explain("baru", innovations=frames.innovations, units=frames.units, officials=frames.officials,
                     year=filters.tahun)
    return now, before, newest
