"""One migration head, and a database made at any older head upgrades to it cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, func, select

from analytics.store import Store, alembic_config
from analytics.store.schema import metadata, units

# The heads a deployed database may have been left at before 0003 merged the two branches.
OLDER_HEADS = [("0002_access",), ("0002_lifecycle",), ("0002_access", "0002_lifecycle")]


def test_the_migrations_have_one_head() -> None:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, f"several migration heads {heads}: add a merge revision"


@pytest.mark.parametrize("older", OLDER_HEADS, ids="+".join)
def test_a_database_at_an_older_head_upgrades_to_the_head(db_url: str, older: tuple[str, ...]) -> None:
    engine = create_engine(db_url)
    with engine.begin() as conn:
        for revision in older:
            command.upgrade(alembic_config(connection=conn), revision)
        assert set(MigrationContext.configure(conn).get_current_heads()) == set(older)
    engine.dispose()
    store = Store(db_url)  # opening the store migrates
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with store.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_heads() == (head,)
        assert compare_metadata(MigrationContext.configure(conn), metadata) == []
        assert conn.execute(select(func.count()).select_from(units)).scalar_one() > 0
    store.close()


def test_a_second_head_is_refused_when_the_store_opens(db_url: str, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    import analytics.store.engine as engine

    migrations = tmp_path / "migrations"
    shutil.copytree(engine.MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    (migrations / "versions" / "0099_side_branch.py").write_text(
        'revision = "0099_side"\ndown_revision = "0001"\nbranch_labels = None\ndepends_on = None\n\n\n'
        "def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n")
    monkeypatch.setattr(engine, "MIGRATIONS_DIR", migrations)
    with pytest.raises(Exception, match="[Mm]ultiple head"):
        Store(db_url)
