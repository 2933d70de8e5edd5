"""deploy/ outside nginx: the systemd units as systemd reads them, the nightly backup script with
its retention, and migrations run once when replicas start together on PostgreSQL."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.pool import NullPool
from store_helpers import make_submission

from analytics.store import Store, alembic_config
from analytics.store.backup import read_manifest
from analytics.store.engine import BOOTSTRAP_LOCK_KEY as MIGRATION_LOCK
from analytics.store.schema import audit_events, units

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
UNITS = ["kudus-inovasi@.service", "kudus-inovasi.target", "kudus-backup.service", "kudus-backup.timer"]


def test_systemd_units_verify(tmp_path: Path) -> None:
    """`systemd-analyze verify` on the units, with /opt/kudus pointing at this checkout."""
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        if os.environ.get("CI") == "true":
            pytest.fail("systemd-analyze is missing: .ci/run installs systemd")
        pytest.skip("systemd-analyze missing")
    env_file = tmp_path / "kudus.env"
    env_file.write_text((DEPLOY / "kudus.env.example").read_text())
    for name in UNITS:
        content = (DEPLOY / "systemd" / name).read_text()
        content = content.replace("/etc/kudus/kudus.env", str(env_file)).replace("/opt/kudus", str(ROOT))
        (tmp_path / name).write_text(content)
    (tmp_path / "kudus-inovasi@8501.service").symlink_to(tmp_path / "kudus-inovasi@.service")
    checked = subprocess.run([analyze, "verify", "--man=no", *(str(tmp_path / n) for n in
                              ("kudus-inovasi@8501.service", "kudus-inovasi.target", "kudus-backup.service",
                               "kudus-backup.timer"))], capture_output=True, text=True, cwd=tmp_path)
    # Only what concerns our units counts (a container's own unit files may draw other warnings).
    problems = [line for line in (checked.stdout + checked.stderr).splitlines() if "kudus" in line]
    assert checked.returncode == 0 and not problems, checked.stdout + checked.stderr


def test_units_start_replicas_and_backups_through_the_deploy_scripts() -> None:
    replica = (DEPLOY / "systemd" / "kudus-inovasi@.service").read_text()
    assert "ExecStart=/opt/kudus/deploy/kudus-replica %i" in replica
    assert "Restart=on-failure" in replica and "EnvironmentFile=/etc/kudus/kudus.env" in replica
    target = (DEPLOY / "systemd" / "kudus-inovasi.target").read_text()
    assert "kudus-inovasi@8501.service kudus-inovasi@8502.service" in target
    env = (DEPLOY / "kudus.env.example").read_text()
    for setting in ("DATABASE_URL=postgresql", "KUDUS_AUTH=signed-in", "STREAMLIT_SERVER_COOKIE_SECRET="):
        assert setting in env
    timer = (DEPLOY / "systemd" / "kudus-backup.timer").read_text()
    assert "OnCalendar=*-*-* 02:30:00" in timer and "Persistent=true" in timer
    for script in ("kudus-replica", "kudus-backup"):
        assert os.access(DEPLOY / script, os.X_OK), script


def run_backup(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([str(DEPLOY / "kudus-backup")], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "KUDUS_PYTHON": sys.executable, **env})


def test_nightly_backup_keeps_the_newest_and_each_restores(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'inovasi.sqlite'}"
    store = Store(url)
    folder = tmp_path / "cadangan"
    env = {"DATABASE_URL": url, "KUDUS_BACKUP_DIR": str(folder), "KUDUS_BACKUP_KEEP": "2"}
    made = []
    for tag in ("satu", "dua", "tiga"):
        store.store_submission(make_submission("opd.dinkes", 2025, tag=tag), actor="cli")
        done = run_backup(env)
        assert done.returncode == 0, done.stderr
        made.append(sorted(folder.glob("kudus-*.sqlite"))[-1].name)
    store.close()
    kept = sorted(p.name for p in folder.glob("kudus-*.sqlite"))
    assert kept == made[1:]  # the oldest went, the two newest stayed
    assert sorted(p.name for p in folder.glob("*.manifest.json")) == [f"{n}.manifest.json" for n in kept]
    assert "removed old backup" in done.stdout
    for name in kept:
        assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600  # password hashes inside
        assert read_manifest(folder / name)["tables"]["submissions"] >= 2

    failing = run_backup({**env, "DATABASE_URL": f"sqlite:///{tmp_path / 'tidak-ada.sqlite'}"})
    assert failing.returncode != 0 and "tidak ada" in failing.stderr
    assert sorted(p.name for p in folder.glob("kudus-*.sqlite")) == kept  # a failed night deletes nothing
    assert run_backup({**env, "KUDUS_BACKUP_KEEP": "nol"}).returncode == 2


# ---- migrations under the lock ------------------------------------------------------------------
def _waiting_for_advisory_lock(engine) -> bool:
    with engine.connect() as conn:
        return bool(conn.execute(text(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")).scalar_one())


@pytest.mark.postgresql
def test_a_starting_replica_waits_for_the_migration_lock(empty_postgresql: str) -> None:
    """While another replica holds the lock, a new one does not touch the schema; it migrates
    (finding the work done or doing it) once the lock is free."""
    engine = create_engine(empty_postgresql, poolclass=NullPool)
    holder = engine.connect()
    holder.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK})
    opened: list[Store] = []
    starting = threading.Thread(target=lambda: opened.append(Store(empty_postgresql)))
    starting.start()
    deadline = time.monotonic() + 60
    while not _waiting_for_advisory_lock(engine):
        assert time.monotonic() < deadline, "the starting replica never asked for the lock"
        time.sleep(0.05)  # polling pg_locks
    assert starting.is_alive()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT to_regclass('alembic_version')")).scalar_one() is None
    holder.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK})
    holder.close()
    starting.join(timeout=120)
    assert opened and len(opened[0].units()) > 0
    opened[0].close()
    engine.dispose()


@pytest.mark.postgresql
def test_replicas_starting_together_migrate_and_seed_once(empty_postgresql: str) -> None:
    code = "import sys; from analytics.store import Store; Store(sys.argv[1]).close()"
    starts = [subprocess.Popen([sys.executable, "-c", code, empty_postgresql], cwd=ROOT, stderr=subprocess.PIPE,
                               text=True) for _ in range(3)]
    for process in starts:
        _out, err = process.communicate(timeout=180)
        assert process.returncode == 0, err
    store = Store(empty_postgresql)
    with store.engine.connect() as conn:
        seeds = conn.execute(select(func.count()).select_from(audit_events)
                             .where(audit_events.c.action == "units.seed")).scalar_one()
        unit_rows = conn.execute(select(func.count()).select_from(units)).scalar_one()
        heads = sorted(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
    store.close()
    assert seeds == 1 and unit_rows > 0
    assert heads == sorted(ScriptDirectory.from_config(alembic_config()).get_heads())


@pytest.fixture
def empty_postgresql(new_postgresql_database) -> str:
    return new_postgresql_database()
