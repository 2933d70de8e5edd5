"""Plain data carried between the layers: validation issues and validated submissions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analytics import i18n

ERROR = "error"
WARNING = "warning"


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


@dataclass
class SubmissionData:
    """A validated (unit, year) report ready to store: frames with the contract's column keys."""

    unit_kode: str
    tahun: int
    file_name: str
    content_hash: str
    innovations: pd.DataFrame
    officials: pd.DataFrame
    profil: dict[str, Any] = field(default_factory=dict)


@dataclass
class WorkbookResult:
    """What validating one file produced: its issues and, when it has no error, its submissions."""

    file_name: str
    content_hash: str
    issues: list[Issue] = field(default_factory=list)
    submissions: list[SubmissionData] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(i.severity == ERROR for i in self.issues)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == WARNING]
