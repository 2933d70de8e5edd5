"""The restore drill, on SQLite and PostgreSQL and across them: back up a store holding every kind
of record, wipe it, restore into an empty database, and compare every table row by row and the
figures (indicators of every year, lifecycles, history).  Plus what must be refused."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool
from store_helpers import make_submission

from analytics.access import ADMIN, OPERATOR
from analytics.cli import main
from analytics.store import Store
from analytics.store.backup import BackupError, manifest_path, read_manifest, restore_backup
from analytics.store.links import LinkDecisions
from analytics.store.schema import audit_events

YEARS = (2024, 2025)
RULES_TEXT = "[keberlanjutan]\nambang_berkelanjutan = 70\n"


@pytest.fixture
def empty_database(tmp_path: Path, request: pytest.FixtureRequest) -> Callable[[str], str]:
    """A factory of URLs of new, empty databases ("sqlite" or "postgresql")."""

    def make(kind: str) -> str:
        if kind == "sqlite":
            return f"sqlite:///{tmp_path / f'{uuid.uuid4().hex[:8]}.sqlite'}"
        return request.getfixturevalue("new_postgresql_database")()

    return make


def fill(store: Store) -> None:
    """Every kind of record: versions and a restore, accounts with units, a signed-in session,
    two rules versions, a link decision and its undo, refused writes in the audit log."""
    for year in YEARS:
        store.store_submission(make_submission("opd.dinkes", year, tag="v1", n=5, m=3), actor="cli")
        store.store_submission(make_submission("kec.jati", year, tag="v1", n=4, m=2), actor="cli")
    store.store_submission(make_submission("opd.dinkes", 2025, tag="v2", n=6, m=3), actor="cli")
    first = int(store.history(unit_kode="opd.dinkes", tahun=2025)["submission_id"].min())
    store.restore(first, actor="cli")
    store.accounts.create("admin", role=ADMIN, actor="cli", password="Admin-rahasia-1", email="admin@kuduskab.go.id")
    ani = store.accounts.create("ani", role=OPERATOR, actor="cli", units=["opd.dinkes"])
    with pytest.raises(Exception):  # noqa: B017 - any refusal: the point is the audited 'denied' event
        store.store_submission(make_submission("kec.jati", 2024, tag="x"), actor=ani.actor("password"))
    store.sessions.sign_in("admin", "Admin-rahasia-1")
    store.rules_versions.set(RULES_TEXT, actor="cli", file_name="aturan.toml")
    store.rules_versions.set(RULES_TEXT.replace("70", "65"), actor="cli", file_name="aturan-2.toml")
    links = LinkDecisions(store)
    kept = links.decide(unit_kode="opd.dinkes", tahun_a=2024, nama_a="Inovasi v1 nomor 1", tahun_b=2025,
                        nama_b="Inovasi v1 nomor 2", keputusan="tautkan", actor="cli")
    links.decide(unit_kode="kec.jati", tahun_a=2024, nama_a="Inovasi v1 nomor 0", tahun_b=2025,
                 nama_b="Inovasi v1 nomor 3", keputusan="tolak", actor="cli")
    links.undo(kept.decision_id, actor="cli")


def tables(url: str) -> dict[str, list[tuple]]:
    """Every table's rows in primary-key order (sign-in sessions and Alembic's table aside)."""
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"), poolclass=NullPool)
    metadata = MetaData()
    with engine.connect() as conn:
        metadata.reflect(conn)
        rows = {t.name: [tuple(r) for r in conn.execute(select(t).order_by(*t.primary_key.columns))]
                for t in metadata.sorted_tables if t.name not in {"alembic_version", "auth_sessions"}}
    engine.dispose()
    return rows


def figures(url: str, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    """What a leader sees, through the CLI: every year's indicators, the lifecycles, the history."""
    out: dict[str, object] = {}
    for name, argv in [*((f"indicators {y}", ["indicators", "--year", str(y), "--json"]) for y in YEARS),
                       ("lifecycle", ["lifecycle", "--json"]), ("history", ["history", "--json"])]:
        assert main([*argv, "--db", url]) == 0
        out[name] = json.loads(capsys.readouterr().out)
    return out


@pytest.mark.parametrize("target_kind", ["same", "sqlite", "postgresql"])
def test_restore_drill(db_url: str, empty_database, target_kind: str, tmp_path: Path,
                       capsys: pytest.CaptureFixture[str]) -> None:
    """Back up, wipe, restore, compare: every table identical, the same figures, and the restore
    itself audited as the one new event."""
    source_kind = "sqlite" if db_url.startswith("sqlite") else "postgresql"  # other targets: across backends
    store = Store(db_url)
    fill(store)
    store.close()
    before, shown = tables(db_url), figures(db_url, capsys)

    backup_file = tmp_path / "cadangan" / "kudus.sqlite"
    assert main(["backup", "--db", db_url, "-o", str(backup_file)]) == 0
    capsys.readouterr()
    manifest = read_manifest(backup_file)
    assert manifest == json.loads(manifest_path(backup_file).read_text())
    assert manifest["tables"] == {name: len(rows) for name, rows in before.items()} | {"auth_sessions": 0}
    assert manifest["tables"]["auth_sessions"] == 0  # sessions are not data
    assert manifest["schema_revision"] == sorted(manifest["schema_revision"]) and manifest["schema_revision"]
    assert "audit_chain_head" in manifest

    target = empty_database(source_kind if target_kind == "same" else target_kind)  # the wiped database
    Store(target).close()  # a replica started first: migrated and seeded, still "empty"
    assert main(["restore-backup", str(backup_file), "--db", target]) == 0
    assert "kudus.sqlite" in capsys.readouterr().out

    after = tables(target)
    assert set(after) == set(before)
    for name in before:
        if name == "audit_events":
            assert after[name][:-1] == before[name]
            restored = after[name][-1]
            assert restored[2:5] == ("cli", "backup.restore", "kudus.sqlite")
        elif name == "store_version":
            assert after[name][0][1] > before[name][0][1]  # caches of running replicas refresh
        else:
            assert after[name] == before[name], name
    assert figures(target, capsys) == shown

    # The restored database goes on working: new ids follow the restored ones, the log stays append-only.
    store = Store(target)
    result = store.store_submission(make_submission("kec.bae", 2025, tag="baru"), actor="cli")
    assert result.submission_id == max(row[0] for row in before["submissions"]) + 1
    assert store.sessions.sign_in("admin", "Admin-rahasia-1").actor.role == ADMIN
    with pytest.raises(DBAPIError), store.engine.begin() as conn:
        conn.execute(update(audit_events).values(actor="someone else"))
    store.close()


def test_restore_refuses_a_database_with_data(db_url: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Data already there is never overwritten by accident; --replace replaces it all."""
    store = Store(db_url)
    fill(store)
    backup_file = tmp_path / "kudus.sqlite"
    assert main(["backup", "--db", db_url, "-o", str(backup_file)]) == 0
    store.store_submission(make_submission("kec.bae", 2024, tag="sesudah"), actor="cli")
    store.close()
    capsys.readouterr()
    before = tables(db_url)

    assert main(["restore-backup", str(backup_file), "--db", db_url, "--lang", "en"]) == 1
    assert "--replace" in capsys.readouterr().err
    assert tables(db_url) == before

    assert main(["restore-backup", str(backup_file), "--db", db_url, "--replace"]) == 0
    after = tables(db_url)
    assert len(after["submissions"]) == len(before["submissions"]) - 1  # back to the backup's moment
    assert after["audit_events"][-1][3] == "backup.restore"
    assert json.loads(after["audit_events"][-1][6])["replaced"] is True


def test_damaged_or_foreign_files_change_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A truncated backup, one whose rows do not match its manifest, one from a newer app and a
    file that is no backup at all: each refused with one message, the target untouched."""
    source = f"sqlite:///{tmp_path / 'sumber.sqlite'}"
    store = Store(source)
    fill(store)
    store.close()
    good = tmp_path / "baik.sqlite"
    assert main(["backup", "--db", source, "-o", str(good)]) == 0
    assert main(["restore-backup", str(good), "--check"]) == 0
    assert "utuh" in capsys.readouterr().out

    truncated = tmp_path / "terpotong.sqlite"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    tampered = tmp_path / "diubah.sqlite"
    tampered.write_bytes(good.read_bytes())
    with sqlite3.connect(tampered) as conn:
        conn.execute("DELETE FROM innovations WHERE id = (SELECT max(id) FROM innovations)")
    newer = tmp_path / "baru.sqlite"
    newer.write_bytes(good.read_bytes())
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_future'")
        manifest = json.loads(conn.execute("SELECT manifest FROM kudus_backup").fetchone()[0])
        manifest["schema_revision"] = ["0099_future"]
        conn.execute("UPDATE kudus_backup SET manifest = ?", (json.dumps(manifest),))
    foreign = tmp_path / "bukan.sqlite"
    foreign.write_bytes(b"PK\x03\x04 not a database")

    target = tmp_path / "tujuan.sqlite"
    Store(f"sqlite:///{target}").close()
    before = tables(f"sqlite:///{target}")
    for bad, word in ((truncated, "cadangan"), (tampered, "rusak"), (newer, "lebih baru"), (foreign, "bukan")):
        assert main(["restore-backup", str(bad), "--db", f"sqlite:///{target}"]) == 1, bad.name
        err = capsys.readouterr().err
        assert word in err and len(err.strip().splitlines()) == 1, (bad.name, err)
        assert tables(f"sqlite:///{target}") == before, bad.name
    with pytest.raises(BackupError) as refused:
        restore_backup(tmp_path / "tidak-ada.sqlite", f"sqlite:///{target}")
    assert "tidak-ada.sqlite" in refused.value.message("en")


def test_backup_of_a_missing_database_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backup", "--db", f"sqlite:///{tmp_path / 'tidak-ada.sqlite'}", "-o", str(tmp_path / "b.sqlite"),
                 "--lang", "en"]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "b.sqlite").exists()


def test_backup_while_the_app_writes_is_consistent(tmp_path: Path) -> None:
    """SQLite's online backup API: a writer holding an open transaction does not tear the copy."""
    url = f"sqlite:///{tmp_path / 'hidup.sqlite'}"
    store = Store(url)
    fill(store)
    writer = sqlite3.connect(tmp_path / "hidup.sqlite")
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO units (kode, nama, singkatan, jenis_unit, aktif) VALUES ('x.y', 'X', '', 'OPD', 1)")
    backup_file = tmp_path / "b.sqlite"
    assert main(["backup", "--db", url, "-o", str(backup_file)]) == 0
    writer.rollback()
    writer.close()
    manifest = read_manifest(backup_file)
    assert manifest["tables"]["units"] == len(store.units())
    store.close()
