"""Issue 12, finding 2: faults during ingest give a report, not a traceback.  A full disk or a lost
connection ends the batch with what was stored and what was not (exit 1), nothing stored is lost,
and creating a database is all or nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mutants import sound_workbook
from sqlalchemy.exc import OperationalError
from xlsx_helpers import innovation_row, simple_workbook

from analytics.cli import main
from analytics.store import Store
from analytics.store import reports as store_reports

FULL = OperationalError("INSERT INTO innovations ...", {}, Exception("database or disk is full"))


def workbooks(folder: Path) -> list[str]:
    paths = []
    for number, (unit, tahun) in enumerate([("Dinas Kesehatan", 2023), ("Dinas Kesehatan", 2024),
                                            ("Dinas Kesehatan", 2025)]):
        path = folder / f"laporan-{number}.xlsx"
        path.write_bytes(simple_workbook([innovation_row(f"Inovasi {number}")], unit=unit, tahun=tahun))
        paths.append(str(path))
    return paths


def test_a_full_disk_midway_reports_what_was_stored_and_what_was_not(tmp_path: Path, monkeypatch, capsys) -> None:
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    files = workbooks(tmp_path)
    original, calls = store_reports.Store.store_many, []

    def fills_up(self, submissions, **kwargs):
        calls.append(1)
        if len(calls) > 1:
            raise FULL
        return original(self, submissions, **kwargs)

    monkeypatch.setattr(store_reports.Store, "store_many", fills_up)
    assert main(["ingest", *files, "--db", db, "--json", "--lang", "en"]) == 1
    report = json.loads(capsys.readouterr().out)
    first, second, third = report["files"]
    assert first["stored"] and not first.get("not_stored")
    for entry in (second, third):
        assert entry["ok"] and not entry["stored"] and "database or disk is full" in entry["not_stored"]
    assert "1 of 3 files stored" in report["summary"]
    monkeypatch.undo()
    assert Store(db).history()["tahun"].tolist() == [2023]  # nothing stored was lost
    assert main(["ingest", *files, "--db", db]) == 0  # the re-run stores the rest
    assert sorted(Store(db).history()["tahun"]) == [2023, 2024, 2025]


def test_the_text_report_of_a_failed_batch_has_no_traceback(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(store_reports.Store, "store_many", lambda self, s, **k: (_ for _ in ()).throw(FULL))
    path = tmp_path / "a.xlsx"
    path.write_bytes(sound_workbook())
    assert main(["ingest", str(path), "--db", f"sqlite:///{tmp_path / 'db.sqlite'}"]) == 1
    out = capsys.readouterr()
    assert "TIDAK DISIMPAN" in out.out and "Traceback" not in out.out + out.err
    assert "0 dari 1 berkas tersimpan" in out.out


def test_creating_a_database_is_all_or_nothing(tmp_path: Path, monkeypatch, capsys) -> None:
    from alembic import command

    real_upgrade = command.upgrade

    def upgrade_then_disk_full(config, revision):
        real_upgrade(config, "0001")  # some tables made, then the disk is full
        raise FULL

    monkeypatch.setattr(command, "upgrade", upgrade_then_disk_full)
    target = tmp_path / "baru.sqlite"
    with pytest.raises(OperationalError):
        Store(f"sqlite:///{target}")
    assert not target.exists() and not list(tmp_path.glob("baru.sqlite*"))
    assert main(["history", "--db", f"sqlite:///{target}"]) == 1
    err = capsys.readouterr().err
    assert "could not be opened or created" in err or "tidak dapat dibuka atau dibuat" in err
    assert "Traceback" not in err and not target.exists()
