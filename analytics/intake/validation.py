"""Raw workbook -> clean frames + every issue, each with sheet, Excel row, column and value.

The validator never stops at the first problem: an analyst fixing a workbook wants the whole list
at once.  Errors block storing; warnings do not.  analytics.intake.sheets reads the tables and parses
each column once per distinct value; here the rows are checked against each other (names, stage
dates, NIPs), every row gets its unit and year, and the workbook is split per (unit, year).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analytics.intake import contract, iid_export, values
from analytics.intake.model import ERROR, SUMBER_IID, WARNING, Issue, SubmissionData, WorkbookResult
from analytics.intake.sheets import (
    Findings,
    Profil,
    Records,
    Table,
    check_required_headers,
    parse_table,
    read_profil,
    read_table,
)
from analytics.intake.typed import (
    INOVASI_FRAME_COLUMNS,
    PEJABAT_FRAME_COLUMNS,
    merge_urusan,
    typed_innovations,
    typed_officials,
)
from analytics.intake.units import RULE_COORDINATOR, UnitDirectory
from analytics.intake.workbook import RawWorkbook, WorkbookRefused, check_size, read_workbook, safe_file_name

Roster = Callable[[str], set[str]]


# --------------------------------------------------------------------------------------------
# Unit and year of each row
# --------------------------------------------------------------------------------------------
@dataclass
class ReportOwner:
    unit_kode: str | None
    tahun: int | None


def _resolve_unit(text: object, directory: UnitDirectory, sheet: str, row: int | None,
                  column: str, findings: Findings) -> str | None:
    name = values.clean_text(text).value
    match = directory.match(name)
    if match.kode is None:
        suggestion = "', '".join(match.suggestions)
        findings.add(ERROR, "unit.unknown", sheet=sheet, row=row, column=column, value=name,
                     suggestion=suggestion)
        return None
    if match.rule == RULE_COORDINATOR:
        findings.add(WARNING, "unit.region_admin", sheet=sheet, row=row, column=column, value=name,
                     unit=directory.nama(match.kode))
    if not directory.aktif(match.kode):
        findings.add(WARNING, "unit.inactive", sheet=sheet, row=row, column=column, value=name)
    return match.kode


def _resolve_year(raw: object, sheet: str, row: int | None, column: str,
                  findings: Findings) -> int | None:
    result = values.parse_year(raw)
    if result.code:
        findings.add(ERROR, result.code, sheet=sheet, row=row, column=column, value=raw, **result.params)
    return result.value


def _profil_owner(profil: Profil | None, directory: UnitDirectory, findings: Findings,
                  consolidated: bool) -> ReportOwner:
    if profil is None:
        return ReportOwner(None, None)
    sheet = contract.SHEET_PROFIL
    owner = ReportOwner(None, None)
    for field_key, label in (("nama_unit", "Nama Unit"), ("tahun", "Tahun")):
        raw = profil.fields.get(field_key)
        row = profil.rows.get(field_key)
        if values.is_blank(raw):
            if not consolidated:
                findings.add(ERROR, "profil.missing_field", sheet=sheet, row=row, column=label)
        elif field_key == "nama_unit":
            owner.unit_kode = _resolve_unit(raw, directory, sheet, row, label, findings)
        else:
            owner.tahun = _resolve_year(raw, sheet, row, label, findings)
    _check_jenis_unit(profil, owner, directory, findings)
    return owner


def _check_jenis_unit(profil: Profil, owner: ReportOwner, directory: UnitDirectory,
                      findings: Findings) -> None:
    raw = profil.fields.get("jenis_unit")
    if owner.unit_kode is None or values.is_blank(raw):
        return
    expected = directory.jenis(owner.unit_kode)
    typed = values.parse_choice(raw, "jenis_unit").value
    if typed != expected:
        findings.add(WARNING, "unit.type_mismatch", sheet=contract.SHEET_PROFIL,
                     row=profil.rows.get("jenis_unit"), column="Jenis Unit", value=raw, expected=expected)


def _row_owners(table: Table, sheet: str, default: ReportOwner, directory: UnitDirectory,
                findings: Findings) -> list[ReportOwner]:
    """Unit and year per row: the consolidated columns where filled, else the Profil's."""
    units = table.columns.get("nama_unit")
    years = table.columns.get("tahun")
    unit_cache: dict[str, str | None] = {}
    owners = []
    for i, row in enumerate(table.rows):
        kode, tahun = default.unit_kode, default.tahun
        unit_cell = units[i] if units is not None else None
        year_cell = years[i] if years is not None else None
        if not values.is_blank(unit_cell):
            text = values.clean_text(unit_cell).value
            if text not in unit_cache:
                unit_cache[text] = _resolve_unit(text, directory, sheet, row, "Nama Unit", findings)
            kode = unit_cache[text]
        if not values.is_blank(year_cell):
            tahun = _resolve_year(year_cell, sheet, row, "Tahun", findings)
        blank_owner = (values.is_blank(unit_cell) and default.unit_kode is None) or \
            (values.is_blank(year_cell) and default.tahun is None)
        if blank_owner and (units is not None or years is not None):
            findings.add(ERROR, "consolidated.missing_unit", sheet=sheet, row=row)
        owners.append(ReportOwner(kode, tahun))
    return owners


# --------------------------------------------------------------------------------------------
# Checks across the rows of the Inovasi and Pejabat sheets
# --------------------------------------------------------------------------------------------

def _check_innovation_rows(records: Records, owners: list[ReportOwner], directory: UnitDirectory,
                           findings: Findings, present: set[str], *, fill_lokasi: bool = True) -> None:
    """`present`: the columns the sheet has. A date column the sheet lacks is unknown (the IID
    application's export has no uji-coba date), so the stage rules only check columns present."""
    seen: dict[tuple[str | None, int | None, str], int] = {}
    lokasi = records["lokasi_kecamatan"]
    dated = {"tanggal_uji_coba", "tanggal_penerapan"} <= present
    for i, row in enumerate(records["baris"]):
        _check_name(records["nama_inovasi"][i], row, owners[i], seen, findings)
        if dated:
            _check_stage_dates(records["tahapan"][i], records["tanggal_uji_coba"][i],
                               records["tanggal_penerapan"][i], row, findings)
        if lokasi[i] is None and owners[i].unit_kode and fill_lokasi:
            lokasi[i] = _default_lokasi(owners[i].unit_kode, directory)


def _check_name(name: str | None, row: int, owner: ReportOwner,
                seen: dict[tuple[str | None, int | None, str], int], findings: Findings) -> None:
    if not name:
        return
    sheet = contract.SHEET_INOVASI
    low, high = contract.NAMA_INOVASI_MIN, contract.NAMA_INOVASI_MAX
    if not low <= len(name) <= high:
        findings.add(ERROR, "cell.text_length", sheet=sheet, row=row, column="Nama Inovasi",
                     value=name, min=low, max=high, length=len(name))
    key = (owner.unit_kode, owner.tahun, " ".join(name.lower().split()))
    if key in seen:
        findings.add(ERROR, "cell.duplicate_name", sheet=sheet, row=row, column="Nama Inovasi",
                     value=name, first_row=seen[key])
    else:
        seen[key] = row


def _check_stage_dates(tahapan: str | None, trial: Any, applied: Any, row: int,
                       findings: Findings) -> None:
    sheet = contract.SHEET_INOVASI
    if tahapan in ("Uji Coba", "Penerapan") and trial is None:
        findings.add(ERROR, "cell.date_required_for_stage", sheet=sheet, row=row,
                     column="Tanggal Uji Coba", tahapan=tahapan)
    if tahapan == "Penerapan" and applied is None:
        findings.add(ERROR, "cell.date_required_for_stage", sheet=sheet, row=row,
                     column="Tanggal Penerapan", tahapan=tahapan)
    if trial is not None and applied is not None and applied < trial:
        findings.add(ERROR, "cell.date_order", sheet=sheet, row=row, column="Tanggal Penerapan",
                     value=applied.strftime("%d/%m/%Y"), uji_coba=trial.strftime("%d/%m/%Y"))


def _default_lokasi(unit_kode: str, directory: UnitDirectory) -> str:
    """A kecamatan office works in its own kecamatan; every other unit serves the regency."""
    if directory.jenis(unit_kode) == "Kecamatan" and directory.kecamatan(unit_kode):
        return directory.kecamatan(unit_kode)
    return contract.SELURUH_KABUPATEN


def _check_official_rows(records: Records, owners: list[ReportOwner], findings: Findings) -> None:
    seen: dict[tuple[str | None, str], int] = {}
    for i, (nip, row) in enumerate(zip(records["nip"], records["baris"])):
        if nip is None:
            continue
        key = (owners[i].unit_kode, nip)
        if key in seen:
            findings.add(ERROR, "cell.nip_duplicate", sheet=contract.SHEET_PEJABAT, row=row,
                         column="NIP", value=nip, first_row=seen[key])
        else:
            seen[key] = row


def _check_penggagas(innovations: Records, officials: Records, unit_kode: str,
                     roster: Roster | None, findings: Findings) -> None:
    """Each NIP Penggagas should be an official of the unit (sheet or stored roster): warning."""
    known = {nip for nip in officials["nip"] if nip}
    stored: set[str] | None = None
    for nips, row in zip(innovations["nip_penggagas"], innovations["baris"]):
        for nip in (nips or "").split(contract.MULTI_SEP):
            if not nip or nip in known:
                continue
            if stored is None:
                stored = roster(unit_kode) if roster else set()
            if nip not in stored:
                findings.add(WARNING, "cell.nip_unknown", sheet=contract.SHEET_INOVASI, row=row,
                             column="NIP Penggagas", value=nip)


def _select(records: Records, keep: list[bool]) -> Records:
    return {key: [v for v, k in zip(column, keep) if k] for key, column in records.items()}


# --------------------------------------------------------------------------------------------
# The whole workbook
# --------------------------------------------------------------------------------------------
def validate_workbook(data: bytes, file_name: str, units: pd.DataFrame | UnitDirectory, *,
                      roster: Roster | None = None, engine: str = "calamine",
                      tahun: int | None = None) -> WorkbookResult:
    """Check one workbook against the contract and, when it has no error, split it into one
    SubmissionData per (unit, year) it reports.  Pass a UnitDirectory when checking many files.

    The national IID application's export (a sheet with its header, or the same table as CSV) is
    recognised by its header and checked by analytics.intake.iid_export; `tahun` is its year (an
    export is a snapshot and says none), ignored for a template."""
    name = safe_file_name(file_name)
    result = WorkbookResult(name, hashlib.sha256(data).hexdigest())
    findings = Findings(name)
    directory = units if isinstance(units, UnitDirectory) else UnitDirectory(units)
    try:
        if iid_export.looks_like_csv(data, name):
            submissions = _validate_csv(data, directory, tahun, findings, result, name)
        else:
            raw = read_workbook(data, engine=engine)
            export_sheet = None if contract.SHEET_INOVASI in raw.sheets else iid_export.find_export(raw.other)
            if export_sheet is not None:
                result.sumber = SUMBER_IID
                context = iid_export.default_context(directory, tahun)
                submissions = iid_export.validate_export(raw.other[export_sheet], export_sheet, context,
                                                         findings, name)
            else:
                submissions = _validate_sheets(raw, directory, roster, findings, result.content_hash, name)
    except WorkbookRefused as refused:
        findings.add(ERROR, refused.code, **refused.params)
        result.issues = findings.issues
        return result
    result.issues = sorted(findings.issues, key=_issue_order)
    if result.ok:
        result.submissions = submissions
    return result


def _validate_csv(data: bytes, directory: UnitDirectory, tahun: int | None, findings: Findings,
                  result: WorkbookResult, name: str) -> list[SubmissionData]:
    """A CSV file is accepted only as the IID export's table (the template stays a workbook)."""
    check_size(data)
    grid = iid_export.csv_grid(data)
    if iid_export.header_row(grid) is None:
        raise WorkbookRefused("file.csv_not_export")
    result.sumber = SUMBER_IID
    return iid_export.validate_export(grid, iid_export.CSV_SHEET, iid_export.default_context(directory, tahun),
                                      findings, name)


_SHEET_RANK = {s: i for i, s in enumerate(contract.SHEETS)}


def _issue_order(issue: Issue) -> tuple:
    return (issue.severity != ERROR, _SHEET_RANK.get(issue.sheet, -1), issue.row or 0)


def _validate_sheets(raw: RawWorkbook, directory: UnitDirectory, roster: Roster | None,
                     findings: Findings, content_hash: str, file_name: str) -> list[SubmissionData]:
    if contract.SHEET_INOVASI not in raw.sheets:
        findings.add(ERROR, "sheet.missing", sheet=contract.SHEET_INOVASI,
                     found=", ".join(raw.sheet_names) or "-")
        return []
    inovasi = read_table(raw.sheets[contract.SHEET_INOVASI], contract.INOVASI_COLUMNS,
                          contract.SHEET_INOVASI, "nama_inovasi", findings)
    if inovasi is None:
        return []
    consolidated = "nama_unit" in inovasi.columns and "tahun" in inovasi.columns
    profil = _profil_sheet(raw, consolidated, findings)
    default = _profil_owner(profil, directory, findings, consolidated)
    check_required_headers(inovasi, contract.INOVASI_COLUMNS, contract.SHEET_INOVASI, findings,
                            optional={"nama_unit", "tahun"})
    innovations, owners = _innovations(inovasi, default, directory, findings)
    officials, official_owners = _officials(raw, default, directory, findings)
    groups = _report_groups(owners, official_owners, default)
    return [_submission(group, innovations, owners, officials, official_owners, roster, findings,
                        profil, content_hash, file_name) for group in groups]


def _profil_sheet(raw: RawWorkbook, consolidated: bool, findings: Findings) -> Profil | None:
    if contract.SHEET_PROFIL in raw.sheets:
        return read_profil(raw.sheets[contract.SHEET_PROFIL], findings)
    if not consolidated:
        findings.add(ERROR, "sheet.missing", sheet=contract.SHEET_PROFIL,
                     found=", ".join(raw.sheet_names))
    return None


def _innovations(table: Table, default: ReportOwner, directory: UnitDirectory,
                 findings: Findings) -> tuple[Records, list[ReportOwner]]:
    records = parse_table(table, contract.INOVASI_COLUMNS, [*INOVASI_FRAME_COLUMNS, "urusan_lain"],
                           contract.SHEET_INOVASI, findings)
    merge_urusan(records)
    owners = _row_owners(table, contract.SHEET_INOVASI, default, directory, findings)
    _check_innovation_rows(records, owners, directory, findings, set(table.columns))
    return records, owners


_PEJABAT_SHEET_COLUMNS = contract.PEJABAT_COLUMNS + tuple(
    c for c in contract.INOVASI_COLUMNS if c.key in ("nama_unit", "tahun"))


def _officials(raw: RawWorkbook, default: ReportOwner, directory: UnitDirectory,
               findings: Findings) -> tuple[Records, list[ReportOwner]]:
    empty: Records = {key: [] for key in [*PEJABAT_FRAME_COLUMNS, "baris"]}
    grid = raw.sheets.get(contract.SHEET_PEJABAT)
    if not grid or all(values.is_blank(c) for row in grid for c in row):
        return empty, []
    table = read_table(grid, _PEJABAT_SHEET_COLUMNS, contract.SHEET_PEJABAT, "nip", findings)
    if table is None or not check_required_headers(table, contract.PEJABAT_COLUMNS,
                                                     contract.SHEET_PEJABAT, findings):
        return empty, []
    records = parse_table(table, contract.PEJABAT_COLUMNS, PEJABAT_FRAME_COLUMNS,
                           contract.SHEET_PEJABAT, findings)
    owners = _row_owners(table, contract.SHEET_PEJABAT, default, directory, findings)
    _check_official_rows(records, owners, findings)
    return records, owners


def _report_groups(owners: list[ReportOwner], official_owners: list[ReportOwner],
                   default: ReportOwner) -> list[tuple[str, int]]:
    """The (unit, year) pairs the workbook reports; a unit-year with officials but no innovation
    still counts (it reports that it has none), and so does a Profil with empty tables."""
    keys = [(o.unit_kode, o.tahun) for o in [*owners, *official_owners]]
    if not keys and default.unit_kode and default.tahun:
        keys = [(default.unit_kode, default.tahun)]
    return [(k, y) for k, y in dict.fromkeys(keys) if k is not None and y is not None]


def _submission(group: tuple[str, int], innovations: Records, owners: list[ReportOwner],
                officials: Records, official_owners: list[ReportOwner], roster: Roster | None,
                findings: Findings, profil: Profil | None, content_hash: str,
                file_name: str) -> SubmissionData:
    mine = _select(innovations, [(o.unit_kode, o.tahun) == group for o in owners])
    theirs = _select(officials, [(o.unit_kode, o.tahun) == group for o in official_owners])
    _check_penggagas(mine, theirs, group[0], roster, findings)
    mine["nip_penggagas"] = [nips or "" for nips in mine["nip_penggagas"]]
    return SubmissionData(group[0], int(group[1]), file_name, content_hash, profil=_profil_fields(profil),
                          innovation_columns=mine, official_columns=theirs,
                          frame_builders=(typed_innovations, typed_officials))


def _profil_fields(profil: Profil | None) -> dict[str, Any]:
    """Operator contact details from the Profil sheet, as clean text (stored with the submission)."""
    if profil is None:
        return {}
    keep = ("nama_operator", "nip_operator", "telepon", "email")
    return {k: values.clean_text(profil.fields[k]).value for k in keep
            if not values.is_blank(profil.fields.get(k))}


def validate_files(files: list[tuple[str, bytes]], units: pd.DataFrame, *,
                   roster: Roster | None = None) -> list[WorkbookResult]:
    directory = UnitDirectory(units)
    return [validate_workbook(data, name, directory, roster=roster) for name, data in files]


def issues_frame(results: list[WorkbookResult], lang: str = "id") -> pd.DataFrame:
    """All issues of several files as one table, errors first within each file."""
    rows = [{"file": r.file_name, **issue.as_dict(lang)} for r in results for issue in r.issues]
    columns = ["file", "severity", "code", "sheet", "row", "column", "value", "message"]
    return pd.DataFrame(rows, columns=columns)
