"""The national IID application's export (BSKDN Kemendagri), read as it comes.

The application lets a region download its innovations as one sheet, `Data`, every cell text:
`No, Judul Inovasi, Pemda, Admin OPD, Inisiator, Nama Inisiator, Bentuk Inovasi, Jenis, Asta Cipta,
Urusan Utama, Urusan lain yang beririsan, Kematangan, Tahapan Inovasi, Tanggal Input, Tanggal
Penerapan, Tanggal Pengembangan, Koordinat, Video, Link Video`.  It is recognised by that header,
wherever the header row sits and whatever the sheet (or CSV file) is called, and gets the same
checks and the same report as a template (sheet, Excel row, column, value, what to do).

- An export is a snapshot: it carries no year, so the year is given with the file.
- `Pemda` must be the region the dashboard serves; another region's export gets ONE error naming
  both, not a flood of row errors.
- `Admin OPD` ('Unit name (login)') goes through the one unit resolver; the region's own admin
  account goes to the IID coordinator unit with a warning per row.
- What the export lacks stays unknown: status, uji-coba date, officials, budget, and kecamatan
  (derived from `Koordinat` by point-in-polygon only when a boundary file is configured, and then
  marked `lokasi_sumber = 'koordinat'`).
- What the application itself accepts is at most a warning (a penerapan date on an Inisiatif row,
  the same title twice in one unit).

`validate_export(grid, ...)` is a plain function, grid in and records/issues out, called from
`validation.validate_workbook`, so it runs wherever (and in whatever worker) a template does.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from typing import Any

from analytics.intake import contract, values
from analytics.intake.boundaries import Boundaries
from analytics.intake.contract import Column, fold
from analytics.intake.model import ERROR, SUMBER_IID, WARNING, SubmissionData
from analytics.intake.sheets import Findings, Grid, Records, parse_table, read_table
from analytics.intake.typed import INOVASI_FRAME_COLUMNS, merge_urusan, typed_innovations, typed_officials
from analytics.intake.unit_names import region_name
from analytics.intake.units import RULE_COORDINATOR, UnitDirectory

SHEET_DATA = "Data"
SOURCE_LABEL = "IID"
HEADERS = ("No", "Judul Inovasi", "Pemda", "Admin OPD", "Inisiator", "Nama Inisiator", "Bentuk Inovasi", "Jenis",
           "Asta Cipta", "Urusan Utama", "Urusan lain yang beririsan", "Kematangan", "Tahapan Inovasi",
           "Tanggal Input", "Tanggal Penerapan", "Tanggal Pengembangan", "Koordinat", "Video", "Link Video")

# The export's columns as contract Columns: key = the frame column it fills (or its own name).
COLUMNS: tuple[Column, ...] = (
    Column("no", "No", "No", "text"),
    Column("nama_inovasi", "Judul Inovasi", "Innovation title", "text", True),
    Column("pemda", "Pemda", "Region", "text", True),
    Column("admin_opd", "Admin OPD", "Agency account", "text", True),
    Column("inisiator", "Inisiator", "Initiator", "choice", True, "inisiator"),
    Column("nama_penggagas", "Nama Inisiator", "Initiator name", "text"),
    Column("bentuk", "Bentuk Inovasi", "Form", "choice", True, "bentuk"),
    Column("jenis", "Jenis", "Type", "choice", True, "jenis"),
    Column("asta_cipta", "Asta Cipta", "Asta Cipta", "text"),
    Column("urusan", "Urusan Utama", "Main affair", "multichoice", True, "urusan"),
    Column("urusan_lain", "Urusan lain yang beririsan", "Other affairs", "multichoice", False, "urusan"),
    Column("kematangan_iid", "Kematangan", "Maturity", "score"),
    Column("tahapan", "Tahapan Inovasi", "Stage", "choice", True, "tahapan"),
    Column("tanggal_input", "Tanggal Input", "Input date", "date"),
    Column("tanggal_penerapan", "Tanggal Penerapan", "Implementation date", "date"),
    Column("tanggal_pengembangan", "Tanggal Pengembangan", "Development date", "date"),
    Column("koordinat", "Koordinat", "Coordinates", "coordinates"),
    Column("video", "Video", "Video", "yesno"),
    Column("tautan_bukti", "Link Video", "Video link", "url"),
)
_LOOKUP = contract.header_lookup(COLUMNS)
# The headers that tell an export from a template: a sheet carrying most of them is an export.
_SIGNATURE = {fold(h) for h in ("Judul Inovasi", "Pemda", "Admin OPD", "Bentuk Inovasi", "Urusan Utama",
                                "Tahapan Inovasi", "Kematangan", "Tanggal Input")}
_MIN_SIGNATURE = 5
_SCAN_ROWS = 30
_READ = [c.key for c in COLUMNS if c.key not in ("no", "pemda", "admin_opd", "asta_cipta", "tanggal_input",
                                                  "tanggal_pengembangan", "video")]


def header_row(grid: Grid) -> int | None:
    """The row index of the export's header among the first rows, or None when it is no export."""
    for index, cells in enumerate(grid[:_SCAN_ROWS]):
        found = {fold(c) for c in cells if isinstance(c, str)} & _SIGNATURE
        if len(found) >= _MIN_SIGNATURE:
            return index
    return None


def find_export(sheets: dict[str, Grid]) -> str | None:
    """The name of the sheet holding an export (its header anywhere in the first rows)."""
    return next((name for name, grid in sheets.items() if header_row(grid) is not None), None)


# --------------------------------------------------------------------------------------------
# CSV: the same table, saved as text
# --------------------------------------------------------------------------------------------
CSV_SHEET = "CSV"


def looks_like_csv(data: bytes, file_name: str) -> bool:
    head = data[:4]
    return file_name.lower().endswith((".csv", ".txt")) and not head.startswith((b"PK", b"\xd0\xcf"))


def csv_grid(data: bytes) -> Grid:
    """Rows of a CSV file (UTF-8 with or without BOM, else Windows-1252; ',', ';' or tab)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [[_unguarded(cell) for cell in row] for row in csv.reader(io.StringIO(text), dialect)]


def _unguarded(cell: str) -> str:
    """A leading apostrophe that kept a spreadsheet from running the cell ('-6.80, 110.84) goes."""
    return cell[1:] if cell.startswith("'") and cell[1:2] in ("=", "+", "-", "@") else cell


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------
@dataclass
class ExportContext:
    directory: UnitDirectory
    tahun: int | None
    region: str
    boundaries: Boundaries | None = None


def validate_export(grid: Grid, sheet: str, context: ExportContext, findings: Findings,
                    file_name: str) -> list[SubmissionData]:
    """Check an export's rows; one SubmissionData (source 'iid') per unit that has rows."""
    if context.tahun is None:
        findings.add(ERROR, "iid.year_required", sheet=sheet)
        return []
    table = read_table(grid, COLUMNS, sheet, "nama_inovasi", findings)
    if table is None or not _one_region(table.columns.get("pemda", []), table.rows, sheet, context, findings):
        return []
    records = parse_table(table, COLUMNS, _READ, sheet, findings)
    merge_urusan(records)
    owners, logins = _owners(table.columns.get("admin_opd", [None] * len(table.rows)), table.rows, sheet,
                             context.directory, findings)
    _check_rows(records, owners, sheet, findings)
    _locate(records, context.boundaries)
    return _submissions(records, owners, logins, context.tahun, file_name)


def _one_region(pemda: list[Any], rows: list[int], sheet: str, context: ExportContext,
                findings: Findings) -> bool:
    """Every row's Pemda must be the configured region: else ONE error naming both."""
    wanted = fold(context.region)
    others = [(row, values.clean_text(cell).value) for row, cell in zip(rows, pemda)
              if not values.is_blank(cell) and fold(cell) != wanted]
    if not others:
        return True
    found = ", ".join(dict.fromkeys(name for _, name in others))
    findings.add(ERROR, "iid.other_region", sheet=sheet, row=others[0][0], column="Pemda", value=others[0][1],
                 found=found, region=context.region, rows=len(others))
    return False


def _owners(cells: list[Any], rows: list[int], sheet: str, directory: UnitDirectory,
            findings: Findings) -> tuple[list[str | None], dict[str, str]]:
    """The unit of every row from Admin OPD; an unknown name is reported once (at its first row),
    the region's admin account once per row (each such row is a decision to review)."""
    owners: list[str | None] = []
    logins: dict[str, str] = {}
    reported: set[str] = set()
    for row, cell in zip(rows, cells):
        text = "" if values.is_blank(cell) else values.clean_text(cell).value
        match = directory.match(text) if text else None
        if match is None or match.kode is None:
            if text not in reported:
                reported.add(text)
                if text:
                    findings.add(ERROR, "unit.unknown", sheet=sheet, row=row, column="Admin OPD", value=text,
                                 suggestion="', '".join(match.suggestions if match else ()))
            owners.append(None)
            continue
        if match.rule == RULE_COORDINATOR:
            findings.add(WARNING, "unit.region_admin", sheet=sheet, row=row, column="Admin OPD", value=text,
                         unit=directory.nama(match.kode))
        elif match.login:
            logins.setdefault(match.login, match.kode)
        owners.append(match.kode)
    return owners, logins


def _check_rows(records: Records, owners: list[str | None], sheet: str, findings: Findings) -> None:
    low, high = contract.NAMA_INOVASI_MIN, contract.NAMA_INOVASI_MAX
    seen: dict[tuple[str | None, str], int] = {}
    early: list[int] = []
    for i, row in enumerate(records["baris"]):
        name = records["nama_inovasi"][i]
        if name and not low <= len(name) <= high:
            findings.add(ERROR, "cell.text_length", sheet=sheet, row=row, column="Judul Inovasi", value=name,
                         min=low, max=high, length=len(name))
        if name:
            key = (owners[i], " ".join(name.lower().split()))
            if key in seen:  # the application accepts it: a warning, both rows kept
                findings.add(WARNING, "cell.duplicate_name", sheet=sheet, row=row, column="Judul Inovasi",
                             value=name, first_row=seen[key])
            else:
                seen[key] = row
        if records["tahapan"][i] in ("Inisiatif", "Uji Coba") and records["tanggal_penerapan"][i] is not None:
            early.append(row)
    if early:  # one message for one cause: the application dates every row
        findings.add(WARNING, "iid.penerapan_date_early", sheet=sheet, row=early[0], column="Tanggal Penerapan",
                     rows=len(early))


def _locate(records: Records, boundaries: Boundaries | None) -> None:
    """Kecamatan from Koordinat when a boundary file is configured (marked derived); else unknown."""
    n = len(records["baris"])
    records["lokasi_kecamatan"] = [None] * n
    records["lokasi_sumber"] = [None] * n
    if boundaries is None:
        return
    for i, text in enumerate(records["koordinat"]):
        point = values.coordinates(text)
        nama = boundaries.locate(*point) if point else None
        if nama:
            records["lokasi_kecamatan"][i], records["lokasi_sumber"][i] = nama, "koordinat"


def _submissions(records: Records, owners: list[str | None], logins: dict[str, str], tahun: int,
                 file_name: str) -> list[SubmissionData]:
    n = len(records["baris"])
    for key in INOVASI_FRAME_COLUMNS:
        records.setdefault(key, [None] * n)
    records["nip_penggagas"] = [""] * n
    rows_of: dict[str, list[int]] = {}
    for i, owner in enumerate(owners):  # one pass: a national export has tens of thousands of rows
        if owner is not None:
            rows_of.setdefault(owner, []).append(i)
    subs = []
    for kode, rows in rows_of.items():
        mine = {key: [records[key][i] for i in rows] for key in [*INOVASI_FRAME_COLUMNS, "baris"]}
        officials: Records = {key: [] for key in ("nip", "nama", "jabatan", "jenis_jabatan", "kelas_jabatan",
                                                  "tpp_dasar", "baris")}
        subs.append(SubmissionData(
            kode, tahun, file_name, _content_hash(kode, tahun, mine),
            profil={"iid_logins": sorted(login for login, unit in logins.items() if unit == kode)},
            innovation_columns=mine, official_columns=officials,
            frame_builders=(typed_innovations, typed_officials), sumber=SUMBER_IID))
    return subs


def _content_hash(kode: str, tahun: int, rows: Records) -> str:
    """Per unit and year, of the rows themselves (not the file): a newer export in which a unit's
    rows did not change leaves that unit 'unchanged'."""
    content = {key: [None if v is None else str(v) for v in column] for key, column in rows.items() if key != "baris"}
    text = json.dumps([SUMBER_IID, kode, tahun, content], sort_keys=True, ensure_ascii=False)
    return "iid:" + hashlib.sha256(text.encode()).hexdigest()


def default_context(directory: UnitDirectory, tahun: int | None) -> ExportContext:
    from analytics.intake.boundaries import configured_boundaries

    return ExportContext(directory, tahun, region_name(), configured_boundaries())


# --------------------------------------------------------------------------------------------
# Writing the application's shape (export --format iid, the sample export, the property test)
# --------------------------------------------------------------------------------------------
_BENTUK_IID = {
    "Pelayanan Publik": "Inovasi pelayanan publik",
    "Tata Kelola Pemerintahan Daerah": "Inovasi tata kelola pemerintahan daerah",
    "Inovasi Daerah Lainnya": "Inovasi Daerah lainnya sesuai dengan Urusan Pemerintahan yang menjadi kewenangan Daerah",
}
_URUSAN_IID = {
    "Fungsi Penunjang Lainnya": "Fungsi Penunjang lainnya sesuai dengan ketentuan peraturan perundang-undangan",
    "Kepemudaan dan Olahraga": "kepemudaan dan olah raga",
    "Koperasi, Usaha Kecil dan Menengah": "koperasi, usaha kecil, dan menengah",
}
_SUPPORTING = {"Perencanaan", "Keuangan", "Kepegawaian", "Pendidikan dan Pelatihan", "Penelitian dan Pengembangan"}
EMPTY = "-"


def urusan_as_iid(name: str) -> str:
    """An urusan as the application writes it: lower case, supporting functions capitalised."""
    return _URUSAN_IID.get(name) or (name if name in _SUPPORTING else name.lower())


def _text(value: Any) -> str:
    return EMPTY if values.is_blank(value) or (isinstance(value, float) and value != value) else str(value)


def _date(value: Any) -> str:
    try:
        return EMPTY if value is None or value != value else value.strftime("%d-%m-%Y")
    except (AttributeError, ValueError):  # NaT
        return EMPTY


def iid_row(number: int, inovasi: dict[str, Any], admin_opd: str, region: str) -> dict[str, str]:
    """One innovation (a row of the innovations frame) in the application's 19 columns, all text."""
    urusan = [u for u in str(inovasi.get("urusan") or "").split(contract.MULTI_SEP) if u]
    links = values.split_links(inovasi.get("tautan_bukti"))
    score = inovasi.get("kematangan_iid")
    return {
        "No": str(number), "Judul Inovasi": str(inovasi["nama_inovasi"]), "Pemda": region, "Admin OPD": admin_opd,
        "Inisiator": _text(inovasi.get("inisiator")), "Nama Inisiator": _text(inovasi.get("nama_penggagas")),
        "Bentuk Inovasi": _BENTUK_IID.get(inovasi.get("bentuk") or "", _text(inovasi.get("bentuk"))),
        "Jenis": _text(inovasi.get("jenis")), "Asta Cipta": EMPTY,
        "Urusan Utama": urusan_as_iid(urusan[0]) if urusan else EMPTY,
        "Urusan lain yang beririsan": ",".join(urusan_as_iid(u) for u in urusan[1:]) or EMPTY,
        "Kematangan": EMPTY if score is None or score != score else f"{float(score):.2f}",
        "Tahapan Inovasi": _text(inovasi.get("tahapan")), "Tanggal Input": EMPTY,
        "Tanggal Penerapan": _date(inovasi.get("tanggal_penerapan")), "Tanggal Pengembangan": EMPTY,
        "Koordinat": _text(inovasi.get("koordinat")), "Video": "Ada" if links else "Tidak",
        "Link Video": ", ".join(links) or EMPTY,
    }


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_safe(text: str) -> str:
    return "'" + text if text != EMPTY and text.startswith(_FORMULA_START) else text


def export_bytes(rows: list[dict[str, str]], fmt: str = "xlsx") -> bytes:
    """The rows as the application's download: sheet 'Data', every cell text (or the same as CSV).
    Formula-like text is written as a text cell, never a formula; in CSV, where a spreadsheet would
    run it, it gets a leading apostrophe (the lone '-' of an empty cell stays)."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(HEADERS)
        writer.writerows([_csv_safe(row.get(h, EMPTY)) for h in HEADERS] for row in rows)
        return buffer.getvalue().encode("utf-8-sig")
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                     "strings_to_urls": False})
    sheet = book.add_worksheet(SHEET_DATA)
    for col, header in enumerate(HEADERS):
        sheet.write_string(0, col, header)
    for r, row in enumerate(rows, start=1):
        for col, header in enumerate(HEADERS):
            sheet.write_string(r, col, row.get(header, EMPTY))
    book.close()
    return out.getvalue()
