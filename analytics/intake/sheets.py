"""Reading the sheets of a workbook: header rows, columns, the Profil labels, and every cell.

Shared by the validator: it finds the header row wherever it sits (below title rows, beside blank
columns), maps the headers people type onto the contract's columns, and parses each column once
per distinct value, collecting every problem as an Issue with sheet, Excel row and column.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from analytics.intake import contract, values
from analytics.intake.contract import Column
from analytics.intake.model import ERROR, WARNING, Issue

Grid = list[list[Any]]
_HEADER_SCAN_ROWS = 30

# --------------------------------------------------------------------------------------------
# Collecting issues
# --------------------------------------------------------------------------------------------
@dataclass
class Findings:
    file: str
    issues: list[Issue] = field(default_factory=list)

    def add(self, severity: str, code: str, *, sheet: str = "", row: int | None = None,
            column: str = "", value: object = "", **params: Any) -> None:
        shown = "" if values.is_blank(value) else values.as_text(value)[:200]
        params.setdefault("column", column)
        params.setdefault("value", shown)
        params.setdefault("sheet", sheet)
        self.issues.append(Issue(severity, code, self.file, sheet, row, column, shown,
                                 tuple(sorted(params.items()))))


# --------------------------------------------------------------------------------------------
# Cell parsing by column kind
# --------------------------------------------------------------------------------------------
def _parser(column: Column) -> Callable[[object], values.Parsed]:
    label = column.label
    kinds: dict[str, Callable[[object], values.Parsed]] = {
        "text": values.clean_text,
        "unit": values.clean_text,
        "choice": lambda raw: values.parse_choice(raw, column.vocabulary or "", column=label),
        "multichoice": lambda raw: values.parse_multichoice(raw, column.vocabulary or "", column=label),
        "kecamatan": values.parse_kecamatan,
        "date": values.parse_date,
        "money": lambda raw: values.parse_money(raw, column=label),
        "count": lambda raw: values.parse_count(raw, column=label),
        "int": lambda raw: values.parse_int_range(raw, contract.KELAS_JABATAN_MIN,
                                                  contract.KELAS_JABATAN_MAX, column=label),
        "yesno": lambda raw: values.parse_yesno(raw, column=label),
        "nip": values.parse_nip,
        "niplist": values.parse_nip_list,
        "url": values.parse_url,
        "year": values.parse_year,
        "score": lambda raw: values.parse_score(raw, column=label),
        "coordinates": values.parse_coordinates,
    }
    return kinds[column.kind]


_BLANK = values.Parsed()


def parse_column(raw: list[Any], column: Column, rows: list[int], sheet: str,
                  findings: Findings) -> list[Any]:
    """Parse every cell of one column, each distinct value once; report the bad cells.

    Written as whole-list passes rather than one loop body per cell: a workbook has thousands
    of cells and few distinct values per column."""
    parse = _parser(column)
    keys = list(zip(map(type, raw), raw))
    parsed = {key: (_BLANK if values.is_blank(key[1]) else parse(key[1])) for key in dict.fromkeys(keys)}
    results = [parsed[key] for key in keys]
    if any(r.code for r in parsed.values()) or (column.required and any(r is _BLANK for r in parsed.values())):
        for row, cell, result in zip(rows, raw, results):
            if result is _BLANK and column.required:
                findings.add(ERROR, "cell.required", sheet=sheet, row=row, column=column.label)
            elif result.code:
                _report_cell(result, cell, column, row, sheet, findings)
    return [r.value if r.ok else None for r in results]


def _report_cell(result: values.Parsed, cell: object, column: Column, row: int, sheet: str,
                 findings: Findings) -> None:
    severity = WARNING if result.warning else ERROR
    params = {k: v for k, v in result.params.items() if k not in ("column", "sheet")}
    shown = params.pop("value", cell)
    findings.add(severity, result.code, sheet=sheet, row=row, column=column.label, value=shown, **params)


# --------------------------------------------------------------------------------------------
# Header row
# --------------------------------------------------------------------------------------------
@dataclass
class Table:
    """The columns found on a sheet and its data rows (Excel row numbers)."""

    columns: dict[str, list[Any]]  # contract key -> raw cells
    rows: list[int]


def _find_header_row(grid: Grid, lookup: dict[str, Column], anchor: str) -> int | None:
    """The row, among the first rows, holding the most known headers (and the anchor column)."""
    best, best_hits = None, 1
    for index, cells in enumerate(grid[:_HEADER_SCAN_ROWS]):
        keys = [lookup.get(contract.fold_header(c)) for c in cells if isinstance(c, str)]
        hits = len({col.key for col in keys if col})
        if hits > best_hits and any(col and col.key == anchor for col in keys):
            best, best_hits = index, hits
        elif best is not None and hits < 2:
            break  # past a found header: data rows follow, no need to scan them all
    return best


def read_table(grid: Grid, columns: tuple[Column, ...], sheet: str, anchor: str,
                findings: Findings) -> Table | None:
    lookup = contract.header_lookup(columns)
    header = _find_header_row(grid, lookup, anchor)
    if header is None:
        example = ", ".join(c.label for c in columns if c.required)
        findings.add(ERROR, "sheet.no_header", sheet=sheet, example=example)
        return None
    positions: dict[str, int] = {}
    for position, title in enumerate(grid[header]):
        if values.is_blank(title):
            continue
        column = lookup.get(contract.fold_header(title))
        if column is None:
            _unknown_header(title, columns, sheet, header + 1, findings)
        elif column.key in positions:
            findings.add(WARNING, "header.duplicate", sheet=sheet, row=header + 1, column=column.label)
        else:
            positions[column.key] = position
    # Rows with nothing in any known column (entirely empty rows) are skipped.
    width = len(grid[header])
    body = [(index, cells) for index, cells in enumerate(grid[header + 1:], start=header + 2)
            if any(not values.is_blank(cells[p]) for p in positions.values() if p < width)]
    return Table({key: [cells[p] for _, cells in body] for key, p in positions.items()},
                 [index for index, _ in body])


def _unknown_header(title: object, columns: tuple[Column, ...], sheet: str, row: int,
                    findings: Findings) -> None:
    labels = {c.label: c.label for c in columns}
    close = process.extractOne(str(title), list(labels), scorer=fuzz.WRatio, score_cutoff=75)
    findings.add(WARNING, "header.unknown", sheet=sheet, row=row, column=str(title), value=title,
                 suggestion=close[0] if close else "")


def check_required_headers(table: Table, columns: tuple[Column, ...], sheet: str,
                            findings: Findings, optional: set[str] = frozenset()) -> bool:
    ok = True
    for column in columns:
        if column.required and column.key not in table.columns and column.key not in optional:
            findings.add(ERROR, "header.missing", sheet=sheet, column=column.label)
            ok = False
    return ok


# --------------------------------------------------------------------------------------------
# Profil
# --------------------------------------------------------------------------------------------
@dataclass
class Profil:
    fields: dict[str, Any]
    rows: dict[str, int]  # field key -> Excel row, for messages


def read_profil(grid: Grid, findings: Findings) -> Profil:
    lookup = contract.header_lookup(contract.PROFIL_FIELDS)
    fields: dict[str, Any] = {}
    rows: dict[str, int] = {}
    for index, cells in enumerate(grid):
        for position, cell in enumerate(cells):
            if values.is_blank(cell):
                continue
            column = lookup.get(contract.fold_header(cell)) if isinstance(cell, str) else None
            if column and column.key not in fields:
                rest = [c for c in cells[position + 1:] if not values.is_blank(c)]
                fields[column.key] = rest[0] if rest else None
                rows[column.key] = index + 1
            break  # the label is the first filled cell of the row
    return Profil(fields, rows)


# --------------------------------------------------------------------------------------------
# Tables as plain lists per column (pandas per row would cost more than the parsing itself)
# --------------------------------------------------------------------------------------------
Records = dict[str, list[Any]]


def parse_table(table: Table, columns: tuple[Column, ...], keys: list[str], sheet: str,
                 findings: Findings) -> Records:
    by_key = {c.key: c for c in columns}
    records: Records = {}
    for key in keys:
        if key in table.columns:
            records[key] = parse_column(table.columns[key], by_key[key], table.rows, sheet, findings)
        else:
            records[key] = [None] * len(table.rows)
    records["baris"] = list(table.rows)
    return records
