"""Opening uploaded workbooks safely and reading their sheets into raw frames.

Nothing from an upload reaches a parser before the checks here: size, file type, encryption,
macros, and how far the zip really expands (read member by member with a running limit, because
the sizes a zip declares can lie).  The sheets are then read with calamine, as raw grids
(header=None) so that the validator can find the header row itself and report Excel row numbers.
"""

from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

import openpyxl
import python_calamine

from analytics.intake import contract, values

MB = 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
_CHUNK = 1024 * 1024


def max_upload_bytes() -> int:
    """Upload limit per file (KUDUS_MAX_UPLOAD_MB, default 20 MB)."""
    return int(float(os.environ.get("KUDUS_MAX_UPLOAD_MB", "20")) * MB)


def max_expanded_bytes() -> int:
    """How far a workbook may expand when unzipped (KUDUS_MAX_EXPANDED_MB, default 200 MB)."""
    return int(float(os.environ.get("KUDUS_MAX_EXPANDED_MB", "200")) * MB)


class WorkbookRefused(Exception):
    """The file cannot be read as a workbook; `code` is a catalogue message code."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def safe_file_name(name: str) -> str:
    """The bare file name a person would recognise, whatever path or control characters came
    with it ('../../etc/passwd' -> 'passwd'); never empty.  Invisible and bidirectional format
    characters go too (values.clean_text), so a name cannot display reversed (U+202E)."""
    base = PureWindowsPath(PurePosixPath(str(name)).name).name
    base = values.clean_text(base).value.lstrip(".")
    return base[:200] or "tanpa-nama.xlsx"


def check_size(data: bytes) -> None:
    """Raise WorkbookRefused for an empty file or one above the upload limit."""
    if not data:
        raise WorkbookRefused("file.empty")
    limit = max_upload_bytes()
    if len(data) > limit:
        raise WorkbookRefused("file.too_large", size_mb=round(len(data) / MB, 1), limit_mb=round(limit / MB))


XLSX, XLS, ODS = "xlsx", "xls", "ods"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_OLE_VBA = "_VBA_PROJECT".encode("utf-16-le")


def check_file(data: bytes) -> str:
    """Raise WorkbookRefused unless `data` is a plain, sane workbook; return its kind: .xlsx, or
    the Excel 97-2003 .xls and OpenDocument .ods offices still send (read through calamine)."""
    check_size(data)
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTION_STREAM in data:  # an encrypted .xlsx is an OLE file too
            raise WorkbookRefused("file.encrypted")
        if _OLE_VBA in data:
            raise WorkbookRefused("file.macros")
        return XLS
    if not data.startswith(b"PK"):
        raise WorkbookRefused("file.not_xlsx")
    return _check_zip(data)


def _check_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            ods = "mimetype" in names and archive.read("mimetype").strip() == _ODS_MIMETYPE and "content.xml" in names
            if not ods and ("xl/workbook.xml" not in names or "[Content_Types].xml" not in names):
                raise WorkbookRefused("file.not_xlsx")
            if any(n.lower().endswith("vbaproject.bin") for n in names) or (ods and "Basic/script-lc.xml" in names):
                raise WorkbookRefused("file.macros")
            _check_expansion(archive)
            return ODS if ods else XLSX
    except WorkbookRefused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
        raise WorkbookRefused("file.damaged", detail=type(exc).__name__) from exc


def _check_expansion(archive: zipfile.ZipFile) -> None:
    """Decompress every member with a running total, so a zip bomb is stopped at the limit."""
    limit = max_expanded_bytes()
    declared = sum(info.file_size for info in archive.infolist())
    if declared > limit:
        raise WorkbookRefused("file.zip_bomb", expanded_mb=round(declared / MB), limit_mb=round(limit / MB))
    total = 0
    for info in archive.infolist():
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                total += len(chunk)
                if total > limit:
                    raise WorkbookRefused("file.zip_bomb", expanded_mb=f"> {round(limit / MB)}",
                                          limit_mb=round(limit / MB))


@dataclass
class RawWorkbook:
    """The sheets the validator needs, as raw grids; the key is the contract's sheet name."""

    sheets: dict[str, list[list[Any]]] = field(default_factory=dict)  # rows of cells
    sheet_names: list[str] = field(default_factory=list)  # every sheet as it is named in the file
    # When no Inovasi sheet is found: the other sheets by their own name (an IID export's 'Data').
    other: dict[str, list[list[Any]]] = field(default_factory=dict)


def match_sheet(name: str) -> str | None:
    key = contract.fold(name)
    for sheet, aliases in contract.SHEET_ALIASES.items():
        if key in aliases:
            return sheet
    return None


_SHEETS_TO_READ = (contract.SHEET_PROFIL, contract.SHEET_INOVASI, contract.SHEET_PEJABAT)


def _wanted_sheets(names: list[str]) -> dict[str, str]:
    """File sheet name -> contract sheet, for the sheets the validator reads (first match wins)."""
    wanted: dict[str, str] = {}
    for name in names:
        sheet = match_sheet(name)
        if sheet in _SHEETS_TO_READ and sheet not in wanted.values():
            wanted[name] = sheet
    return wanted


_OTHER_SHEETS = 10  # how many sheets are looked at for an IID export's header


def _calamine_grids(data: bytes) -> RawWorkbook:
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    raw = RawWorkbook(sheet_names=list(book.sheet_names))
    for name, sheet in _wanted_sheets(raw.sheet_names).items():
        # skip_empty_area=False: the grid starts at A1, so row i is Excel row i + 1.
        raw.sheets[sheet] = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    if contract.SHEET_INOVASI not in raw.sheets:
        for name in raw.sheet_names[:_OTHER_SHEETS]:
            raw.other[name] = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    return raw


def _openpyxl_grids(data: bytes) -> RawWorkbook:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    try:
        raw = RawWorkbook(sheet_names=list(book.sheetnames))
        for name, sheet in _wanted_sheets(raw.sheet_names).items():
            rows = book[name].iter_rows(min_row=1, min_col=1, values_only=True)
            raw.sheets[sheet] = [list(row) for row in rows]
        if contract.SHEET_INOVASI not in raw.sheets:
            for name in raw.sheet_names[:_OTHER_SHEETS]:
                raw.other[name] = [list(row) for row in book[name].iter_rows(min_row=1, min_col=1, values_only=True)]
        return raw
    finally:
        book.close()


_ENGINES = {"calamine": _calamine_grids, "openpyxl": _openpyxl_grids}


def read_workbook(data: bytes, *, engine: str = "calamine") -> RawWorkbook:
    """Check the file, then read Profil, Inovasi and Pejabat as raw grids (row i = Excel row i+1).

    The grids come straight from the engine as lists of cells: the validator finds the header
    row itself and reports Excel row numbers, so a DataFrame (pandas.read_excel) would only be
    built to be taken apart again — about 2.5 ms of per-cell conversion per workbook, more than
    calamine's own parsing.  `engine="openpyxl"` exists for the benchmark's comparison.
    """
    kind = check_file(data)
    try:
        return _ENGINES[engine if kind == XLSX else "calamine"](data)
    except WorkbookRefused:
        raise
    except Exception as exc:  # both engines raise many kinds on broken XML inside the zip
        raise WorkbookRefused("file.damaged", detail=type(exc).__name__) from exc
