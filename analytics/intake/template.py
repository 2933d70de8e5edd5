"""Writing the innovation workbook: the blank template and the same layout filled with rows.

The template is the first line of data quality: every drop-down, date check and text-formatted NIP
column here is one error fewer at upload.  The same writer renders filled rows (sample data,
flawed examples, exports), so a generated workbook looks exactly like one a person filled in.

Values are written as given: a string stays a string (even in a date or money column), a number
stays a number (even in a NIP column).  That is what lets the sample generator reproduce the
mistakes people make; the layout and formats are what the contract prescribes.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import pandas as pd
import xlsxwriter
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from analytics.intake import contract as c
from analytics.intake.petunjuk import TEMPLATE_INOVASI_COLUMNS, max_year, petunjuk_lines

VALIDATION_ROWS = 1000  # data rows covered by drop-downs and checks in a blank template
DATE_FORMAT = "dd/mm/yyyy"
MONEY_FORMAT = "#,##0"
TEXT_FORMAT = "@"
YA, TIDAK = "Ya", "Tidak"
# Sensible bounds for the date check: earlier or later dates are almost always typos.
DATE_MIN, DATE_MAX = dt.date(2000, 1, 1), dt.date(2100, 12, 31)
NOTE_AUTHOR = "Dasbor Inovasi Kudus"

Rows = pd.DataFrame | Sequence[Mapping[str, Any]] | None
Target = str | Path | BinaryIO


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------
def write_workbook(
    target: Target,
    *,
    profil: Mapping[str, Any] | None = None,
    inovasi: Rows = None,
    pejabat: Rows = None,
    units: pd.DataFrame | None = None,
    lang: str = "id",
    created: dt.datetime | None = None,
) -> None:
    """Write the contract's five-sheet workbook to a path or a binary file-like object.

    `profil` maps PROFIL_FIELDS keys to values; `inovasi` / `pejabat` hold rows keyed by the
    contract's column keys.  `created` fixes the document date so that generated files are
    byte-for-byte reproducible.
    """
    workbook = xlsxwriter.Workbook(
        str(target) if isinstance(target, Path) else target,
        {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
         "strings_to_urls": False},
    )
    workbook.set_properties({"title": "Format Data Inovasi Daerah Kabupaten Kudus",
                             "author": NOTE_AUTHOR, "created": created or dt.datetime.now()})
    formats = _Formats.create(workbook)
    sheets = {name: workbook.add_worksheet(name) for name in c.SHEETS}
    lists = _write_referensi(sheets[c.SHEET_REFERENSI], formats, units)
    _write_petunjuk(sheets[c.SHEET_PETUNJUK], formats, lang)
    _write_profil(sheets[c.SHEET_PROFIL], formats, lists, _complete_profil(profil, units))
    _write_table(sheets[c.SHEET_INOVASI], formats, lists, TEMPLATE_INOVASI_COLUMNS,
                 _records(inovasi), freeze_columns=2, lang=lang)
    _write_table(sheets[c.SHEET_PEJABAT], formats, lists, c.PEJABAT_COLUMNS,
                 _records(pejabat), freeze_columns=0, lang=lang)
    sheets[c.SHEET_PETUNJUK].activate()
    workbook.close()


def template_bytes(unit: str | None = None, tahun: int | None = None,
                   units: pd.DataFrame | None = None, lang: str = "id") -> bytes:
    """The blank template for the download button, pre-filled with a unit and year when known.

    `unit` may be a unit's name or its kode; with `units` the kode is turned into the name and
    the unit's type is filled in too.
    """
    buffer = io.BytesIO()
    profil = {"nama_unit": _unit_name(unit, units), "tahun": tahun}
    write_workbook(buffer, profil=profil, units=units, lang=lang)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------
# Formats
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Formats:
    header: Any
    header_required: Any
    label: Any
    label_required: Any
    hint: Any
    title: Any
    heading: Any
    body: Any
    text: Any
    date: Any
    money: Any
    number: Any

    @classmethod
    def create(cls, wb: Workbook) -> _Formats:
        head = {"bold": True, "text_wrap": True, "valign": "top", "border": 1}
        return cls(
            header=wb.add_format({**head, "bg_color": "#DDEBF7"}),
            header_required=wb.add_format({**head, "bg_color": "#FCE4D6"}),
            label=wb.add_format({"bold": True}),
            label_required=wb.add_format({"bold": True, "bg_color": "#FCE4D6"}),
            hint=wb.add_format({"italic": True, "font_color": "#7F7F7F"}),
            title=wb.add_format({"bold": True, "font_size": 14}),
            heading=wb.add_format({"bold": True, "font_size": 11, "bg_color": "#DDEBF7"}),
            body=wb.add_format({"text_wrap": True, "valign": "top"}),
            text=wb.add_format({"num_format": TEXT_FORMAT}),
            date=wb.add_format({"num_format": DATE_FORMAT}),
            money=wb.add_format({"num_format": MONEY_FORMAT}),
            number=wb.add_format({"num_format": "0"}),
        )

    def for_kind(self, kind: str) -> Any:
        """The cell format a column kind needs, so typed input lands in the right type."""
        return {"nip": self.text, "niplist": self.text, "date": self.date, "money": self.money,
                "count": self.number, "int": self.number, "year": self.number}.get(kind)


# --------------------------------------------------------------------------------------------
# Referensi: the lists behind the drop-downs
# --------------------------------------------------------------------------------------------
def _reference_lists(units: pd.DataFrame | None) -> list[tuple[str, str, Sequence[str]]]:
    """(list key, title, values) in the order they appear on the Referensi sheet."""
    lists = [(key, _vocab_title(key), values) for key, values in c.VOCABULARIES.items()]
    lists.insert(5, ("kecamatan", "Lokasi Kecamatan",
                     [k.nama for k in c.KECAMATAN] + [c.SELURUH_KABUPATEN]))
    lists.append(("yesno", "Ya/Tidak", (YA, TIDAK)))
    if units is not None and len(units):
        lists.append(("unit", "Nama Unit", _unit_names(units)))
    return lists


def _vocab_title(key: str) -> str:
    """The Bahasa Indonesia label of the column a vocabulary belongs to."""
    for col in (*c.INOVASI_COLUMNS, *c.PEJABAT_COLUMNS, *c.PROFIL_FIELDS):
        if col.vocabulary == key:
            return col.label
    return key


def _unit_names(units: pd.DataFrame) -> list[str]:
    """Active units, grouped by type in the contract's order, then by name."""
    frame = units
    if "aktif" in frame.columns:
        frame = frame[frame["aktif"].map(_truthy)]
    order = {jenis: i for i, jenis in enumerate(c.JENIS_UNIT)}
    frame = frame.assign(_order=frame["jenis_unit"].map(order).fillna(len(order)))
    return frame.sort_values(["_order", "nama"])["nama"].astype(str).tolist()


def _write_referensi(ws: Worksheet, fmt: _Formats,
                     units: pd.DataFrame | None) -> dict[str, str]:
    """Write every list in its own column; return list key -> absolute range formula."""
    ranges: dict[str, str] = {}
    for col, (key, title, values) in enumerate(_reference_lists(units)):
        ws.write_string(0, col, title, fmt.header)
        for row, value in enumerate(values, start=1):
            ws.write_string(row, col, value)
        letter = xl_col_to_name(col)
        ranges[key] = f"={c.SHEET_REFERENSI}!${letter}$2:${letter}${len(values) + 1}"
        ws.set_column(col, col, min(60, max(14, max(len(v) for v in values) + 2)))
    ws.freeze_panes(1, 0)
    return ranges


# --------------------------------------------------------------------------------------------
# Petunjuk: instructions for the person filling it in
# --------------------------------------------------------------------------------------------
def _write_petunjuk(ws: Worksheet, fmt: _Formats, lang: str) -> None:
    ws.set_column(0, 0, 120, fmt.body)
    ws.hide_gridlines(2)
    for row, (style, text) in enumerate(petunjuk_lines(lang)):
        ws.write_string(row, 0, text, {"title": fmt.title, "heading": fmt.heading}.get(style, fmt.body))


# --------------------------------------------------------------------------------------------
# Profil
# --------------------------------------------------------------------------------------------
_PROFIL_HINTS = {
    "nama_unit": "Wajib. Tulis persis seperti daftar unit (lembar Referensi).",
    "jenis_unit": "OPD, Kecamatan, BUMD atau UPTD; boleh kosong.",
    "tahun": f"Wajib. Tahun laporan, {c.MIN_YEAR} sampai tahun depan.",
    "nip_operator": "18 digit, ketik sebagai teks.",
}


def _complete_profil(profil: Mapping[str, Any] | None,
                     units: pd.DataFrame | None) -> dict[str, Any]:
    """Profil values with the unit's type taken from the unit list when it is not given."""
    values = dict(profil or {})
    if not values.get("jenis_unit") and values.get("nama_unit") and units is not None:
        match = units[units["nama"] == values["nama_unit"]]
        if len(match):
            values["jenis_unit"] = match["jenis_unit"].iloc[0]
    return values


def _write_profil(ws: Worksheet, fmt: _Formats, lists: Mapping[str, str],
                  values: Mapping[str, Any]) -> None:
    ws.set_column(0, 0, 18)
    ws.set_column(1, 1, 48)
    ws.set_column(2, 2, 60)
    for row, col in enumerate(c.PROFIL_FIELDS):
        ws.write_string(row, 0, col.label, fmt.label_required if col.required else fmt.label)
        cell_format = fmt.for_kind(col.kind)
        _write_value(ws, row, 1, col, values.get(col.key), fmt)
        if cell_format is not None and _is_missing(values.get(col.key)):
            ws.write_blank(row, 1, None, cell_format)
        if col.key in _PROFIL_HINTS:
            ws.write_string(row, 2, _PROFIL_HINTS[col.key], fmt.hint)
        validation = _profil_validation(col, lists)
        if validation:
            ws.data_validation(row, 1, row, 1, validation)


def _profil_validation(col: c.Column, lists: Mapping[str, str]) -> dict[str, Any] | None:
    if col.key == "nama_unit" and "unit" in lists:
        # A warning, not a block: the unit list may lag behind a renamed agency.
        return _list_rule(col, lists["unit"], "warning")
    if col.key == "tahun":
        return {"validate": "integer", "criteria": "between", "minimum": c.MIN_YEAR,
                "maximum": max_year(), "error_title": "Tahun",
                "error_message": f"Isi tahun laporan {c.MIN_YEAR}–{max_year()}."}
    if col.key == "nip_operator":
        return _nip_rule(col)
    if col.vocabulary:
        return _list_rule(col, lists[col.vocabulary], "stop")
    return None


# --------------------------------------------------------------------------------------------
# Inovasi and Pejabat tables
# --------------------------------------------------------------------------------------------
def _write_table(ws: Worksheet, fmt: _Formats, lists: Mapping[str, str],
                 columns: Sequence[c.Column], rows: list[Mapping[str, Any]],
                 *, freeze_columns: int, lang: str) -> None:
    """Header row with notes, formatted columns, checks over the data rows, then the rows."""
    last_row = max(VALIDATION_ROWS, len(rows))
    for index, col in enumerate(columns):
        ws.set_column(index, index, col.width, fmt.for_kind(col.kind))
        ws.write_string(0, index, col.label, fmt.header_required if col.required else fmt.header)
        ws.write_comment(0, index, column_note(col), {"author": NOTE_AUTHOR, "x_scale": 2.2,
                                                      "y_scale": 1.4})
        rule = column_validation(col, lists)
        if rule:
            ws.data_validation(1, index, last_row, index, rule)
    ws.set_row(0, 32)
    ws.freeze_panes(1, freeze_columns)
    ws.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)
    for row_index, record in enumerate(rows, start=1):
        for index, col in enumerate(columns):
            _write_value(ws, row_index, index, col, record.get(col.key), fmt)


def column_note(col: c.Column) -> str:
    """The header's note: the contract's own note, or one derived from the column's rule."""
    if col.note:
        return col.note
    required = "Wajib. " if col.required else ""
    if col.vocabulary:
        return f"{required}Pilih: {', '.join(c.VOCABULARIES[col.vocabulary])}."
    derived = {
        "money": "Rupiah, angka ≥ 0, mis. 1500000. Kosongkan bila tanpa anggaran.",
        "count": "Bilangan bulat ≥ 0.",
        "text": "Teks." if col.required else "Teks; boleh dikosongkan.",
    }
    return required + derived.get(col.kind, "")


def column_validation(col: c.Column, lists: Mapping[str, str]) -> dict[str, Any] | None:
    """The Excel data validation for a column kind, or None when only a prompt helps."""
    kind = col.kind
    if kind == "choice":
        return _list_rule(col, lists[col.vocabulary or ""], "stop")
    if kind in ("multichoice", "kecamatan"):
        # Several values joined by ';' must stay typable: show the list, inform, never block.
        key = col.vocabulary if kind == "multichoice" else "kecamatan"
        return _list_rule(col, lists[key or ""], "information")
    if kind == "yesno":
        return _list_rule(col, lists["yesno"], "stop")
    if kind == "date":
        return {"validate": "date", "criteria": "between", "minimum": DATE_MIN, "maximum": DATE_MAX,
                "error_type": "warning", "error_title": col.label[:32],
                "error_message": "Tulis tanggal dengan hari lebih dulu, mis. 31/12/2023."}
    if kind == "money":
        # Warning only: the contract also accepts text such as '1,5 juta'.
        return {"validate": "decimal", "criteria": ">=", "value": 0, "error_type": "warning",
                "error_title": col.label[:32], "error_message": "Isi jumlah rupiah ≥ 0, mis. 1500000."}
    if kind == "count":
        return {"validate": "integer", "criteria": ">=", "value": 0, "error_title": col.label[:32],
                "error_message": "Isi bilangan bulat ≥ 0."}
    if kind == "int" and col.key == "kelas_jabatan":
        return {"validate": "integer", "criteria": "between", "minimum": c.KELAS_JABATAN_MIN,
                "maximum": c.KELAS_JABATAN_MAX, "error_title": col.label[:32],
                "error_message": f"Kelas jabatan {c.KELAS_JABATAN_MIN}–{c.KELAS_JABATAN_MAX}."}
    if kind == "nip":
        return _nip_rule(col)
    if col.key == "nama_inovasi":
        return {"validate": "length", "criteria": "between", "minimum": c.NAMA_INOVASI_MIN,
                "maximum": c.NAMA_INOVASI_MAX, "error_title": col.label[:32],
                "error_message": f"Nama inovasi {c.NAMA_INOVASI_MIN}–{c.NAMA_INOVASI_MAX} karakter."}
    if col.note:
        return {"validate": "any", "input_title": col.label[:32], "input_message": col.note[:255]}
    return None


def _list_rule(col: c.Column, source: str, error_type: str) -> dict[str, Any]:
    message = {
        "stop": "Pilih salah satu nilai dari daftar.",
        "warning": "Nilai ini tidak ada di daftar. Periksa kembali ejaannya.",
        "information": "Beberapa nilai boleh ditulis, dipisah titik koma (;), mis. Kesehatan; Sosial.",
    }[error_type]
    return {"validate": "list", "source": source, "error_type": error_type,
            "error_title": col.label[:32], "error_message": message,
            "input_title": col.label[:32], "input_message": column_note(col)[:255]}


def _nip_rule(col: c.Column) -> dict[str, Any]:
    return {"validate": "length", "criteria": "==", "value": c.NIP_LENGTH,
            "error_title": col.label[:32],
            "error_message": "NIP harus tepat 18 digit, diketik sebagai teks.",
            "input_title": col.label[:32], "input_message": "18 digit, ketik sebagai teks."}


# --------------------------------------------------------------------------------------------
# Cells
# --------------------------------------------------------------------------------------------
def _records(rows: Rows) -> list[Mapping[str, Any]]:
    if rows is None:
        return []
    if isinstance(rows, pd.DataFrame):
        return rows.to_dict("records")
    return list(rows)


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, (list, tuple, set, frozenset)):
        return len(value) == 0
    if isinstance(value, str):
        return value == ""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _write_value(ws: Worksheet, row: int, col_index: int, col: c.Column, value: Any,
                 fmt: _Formats) -> None:
    """Write one value the way a careful person would have typed it into this column."""
    if _is_missing(value):
        return
    cell_format = fmt.for_kind(col.kind)
    if isinstance(value, (list, tuple, set, frozenset)):
        value = f"{c.MULTI_SEP} ".join(str(v) for v in value)
    if isinstance(value, bool):
        ws.write_string(row, col_index, YA if value else TIDAK)
    elif isinstance(value, (dt.date, pd.Timestamp)):
        ws.write_datetime(row, col_index, _naive(value), fmt.date)
    elif isinstance(value, str):
        ws.write_string(row, col_index, value, cell_format)
    elif isinstance(value, (int, float)) and math.isfinite(value):
        ws.write_number(row, col_index, value, cell_format)
    else:
        ws.write_string(row, col_index, str(value), cell_format)


def _naive(value: dt.date | pd.Timestamp) -> dt.date | dt.datetime:
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)
    return value


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return c.yes_no_key(value) in c.YES_WORDS
    return bool(value)


def _unit_name(unit: str | None, units: pd.DataFrame | None) -> str | None:
    """A unit's canonical name from its kode (or the name itself when it is not a kode)."""
    if not unit or units is None:
        return unit
    match = units.loc[units["kode"] == unit, "nama"]
    return str(match.iloc[0]) if len(match) else unit
