"""Shared by the access tests: one account per role, real workbooks as submissions, state snapshots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from xlsx_helpers import innovation_row, simple_workbook

from analytics.access import ADMIN, KIOSK, OPERATOR, PIMPINAN, Actor
from analytics.intake.model import SubmissionData
from analytics.intake.validation import validate_workbook
from analytics.store import Store
from analytics.store.schema import accounts

OWN_UNIT, OTHER_UNIT = "opd.dinkes", "opd.disdukcapil"
UNIT_NAMES = {OWN_UNIT: "Dinas Kesehatan", OTHER_UNIT: "Dinas Kependudukan dan Pencatatan Sipil"}
PASSWORDS = {"admin": "Admin-rahasia-1", "pimpinan": "Pimpinan-rahasia-2", "ani": "Operator-rahasia-3",
             "kios": "Kios-rahasia-4"}


def make_people(store: Store, *, with_passwords: bool = False) -> dict[str, Actor]:
    """admin, pimpinan, operator 'ani' (Dinas Kesehatan only) and kiosk, created by the CLI's local
    admin; without passwords unless asked (argon2 is deliberately slow)."""
    people = {}
    for username, role, units in (("admin", ADMIN, ()), ("pimpinan", PIMPINAN, ()), ("ani", OPERATOR, (OWN_UNIT,)),
                                  ("kios", KIOSK, ())):
        record = store.accounts.create(username, role=role, actor="cli", units=units,
                                       password=PASSWORDS[username] if with_passwords else None,
                                       display_name=username.title())
        people[role] = record.actor("password")
    return people


def submission(store: Store, unit_kode: str = OWN_UNIT, *, tahun: int = 2024, name: str = "Antar Obat Lansia",
               file_name: str = "laporan.xlsx") -> SubmissionData:
    """A real workbook for `unit_kode`, validated against the store's unit list."""
    data = simple_workbook([innovation_row(name)], unit=UNIT_NAMES[unit_kode], tahun=tahun)
    result = validate_workbook(data, file_name, store.units())
    assert result.ok, [i.message() for i in result.errors]
    [sub] = result.submissions
    return sub


def snapshot(store: Store) -> dict[str, Any]:
    """Everything a write could change, except the audit log and the data version."""
    rules = store.rules_versions.history()
    with store.engine.connect() as conn:
        hashes = sorted(conn.execute(select(accounts.c.username, accounts.c.password_hash)).all())
    return {
        "password_hashes": hashes,
        "history": store.history()[["submission_id", "is_current"]].to_dict("records"),
        "units": store.units().to_dict("records"),
        "accounts": store.accounts.frame().drop(columns=["last_login_at"]).to_dict("records"),
        "rules": rules[["id", "is_current"]].to_dict("records"),
    }


def app_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **settings: str) -> str:
    """Point the app (AppTest runs it in this process) at a SQLite file of its own; open mode and
    no SSO unless `settings` (environment variables) say otherwise.  Returns the URL."""
    url = f"sqlite:///{tmp_path / 'app.sqlite'}"
    for name in ("KUDUS_AUTH", "KUDUS_SSO"):
        monkeypatch.delenv(name, raising=False)
    for name, value in {"DATABASE_URL": url, "KUDUS_DATA_DIR": str(tmp_path), **settings}.items():
        monkeypatch.setenv(name, value)
    return url
