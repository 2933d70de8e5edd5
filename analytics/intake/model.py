"""Plain data carried between the layers: validation issues and validated submissions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analytics import i18n

ERROR = "error"
WARNING = "warning"
# Where a unit-year's rows come from: the unit's own template report, or an import of the
# national IID application's export. The own report is the source of the unit's figures.
SUMBER_LAPORAN = "laporan"
SUMBER_IID = "iid"
SUMBER = (SUMBER_LAPORAN, SUMBER_IID)


@dataclass(frozen=True)
class Issue:
    """One problem found in a workbook: where it is, what was found, and what to do.

    The message is kept as a catalogue code plus parameters so that it can be shown in either
    language; `message()` renders it.
    """

    severity: str  # ERROR blocks storing; WARNING does not
    code: str  # key into i18n.MESSAGES
    file: str = ""
    sheet: str = ""
    row: int | None = None  # the row number as Excel shows it
    column: str = ""  # the contract's column name (Bahasa Indonesia label)
    value: str = ""  # the value found, as text
    params: tuple[tuple[str, Any], ...] = ()

    def message(self, lang: str = "id") -> str:
        return i18n.t(self.code, lang, **dict(self.params))

    def as_dict(self, lang: str = "id") -> dict[str, Any]:
        return {
            "severity": self.severity,
            "code": self.code,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message(lang),
        }


Columns = dict[str, list[Any]]  # column key -> plain Python values (None where empty)


class SubmissionData:
    """A validated (unit, year) report ready to store.

    It carries its rows as plain column lists (what the validator produced and what the database
    driver takes), and builds the pandas frames of docs/frames.md only when someone asks: a bulk
    upload of 50,000 innovations would otherwise spend more time building and unbuilding frames
    than reading the workbooks.  Tests and callers may also pass frames directly.
    """

    def __init__(self, unit_kode: str, tahun: int, file_name: str, content_hash: str,
                 innovations: pd.DataFrame | None = None, officials: pd.DataFrame | None = None,
                 profil: dict[str, Any] | None = None, *,
                 innovation_columns: Columns | None = None, official_columns: Columns | None = None,
                 frame_builders: tuple[Callable[[Columns], pd.DataFrame], ...] | None = None,
                 sumber: str = SUMBER_LAPORAN) -> None:
        self.unit_kode = unit_kode
        self.sumber = sumber
        self.tahun = tahun
        self.file_name = file_name
        self.content_hash = content_hash
        self.profil = profil or {}
        self._frames = {"innovations": innovations, "officials": officials}
        self._columns = {"innovations": innovation_columns, "officials": official_columns}
        self._builders = frame_builders

    def _frame(self, name: str) -> pd.DataFrame:
        if self._frames[name] is None:
            columns = self._columns[name] or {}
            builder = self._builders[0 if name == "innovations" else 1] if self._builders else pd.DataFrame
            self._frames[name] = builder(columns)
        return self._frames[name]

    @property
    def innovations(self) -> pd.DataFrame:
        return self._frame("innovations")

    @property
    def officials(self) -> pd.DataFrame:
        return self._frame("officials")

    def columns(self, name: str) -> Columns | None:
        """The plain column lists of 'innovations' or 'officials' when the validator made them."""
        return self._columns[name]

    def count(self, name: str) -> int:
        columns = self._columns[name]
        if columns is not None:
            return len(columns.get("baris", []))
        frame = self._frames[name]
        return 0 if frame is None else len(frame)

    def __repr__(self) -> str:
        return (f"SubmissionData({self.unit_kode!r}, {self.tahun}, {self.file_name!r}, "
                f"{self.count('innovations')} innovations, {self.count('officials')} officials)")


@dataclass
class WorkbookResult:
    """What validating one file produced: its issues and, when it has no error, its submissions."""

    file_name: str
    content_hash: str
    issues: list[Issue] = field(default_factory=list)
    submissions: list[SubmissionData] = field(default_factory=list)
    sumber: str = SUMBER_LAPORAN  # SUMBER_IID: the file is the national IID application's export

    @property
    def ok(self) -> bool:
        return not any(i.severity == ERROR for i in self.issues)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == WARNING]
