"""What a write to the store did, and the writes it refuses."""

from __future__ import annotations

from dataclasses import dataclass

from analytics import i18n


class StoreError(Exception):
    """A write the store refused."""


class UnknownUnitError(StoreError, LookupError):
    """The submission names a unit that is not in the units table."""


class UnknownSubmissionError(StoreError, LookupError):
    """No submission has that id."""


@dataclass
class StoreResult:
    """What one write did: ``action`` is "stored", "replaced", "unchanged" or "restored"."""

    action: str
    unit_kode: str
    tahun: int
    submission_id: int | None
    innovations: int
    officials: int

    def message(self, lang: str = "id", unit_name: str | None = None) -> str:
        return i18n.t("store." + self.action, lang, unit=unit_name or self.unit_kode, tahun=self.tahun,
                      innovations=self.innovations, officials=self.officials,
                      submission_id=self.submission_id)
