"""Shared fixtures: a database URL for every backend, and a Store on it.

`db_url` runs a test twice: on a SQLite file in the test's tmp_path, and on a fresh PostgreSQL
database of its own (created through TEST_DATABASE_URL's server, dropped afterwards), so tests never
see each other's data and may run in parallel (pytest-xdist).  Without TEST_DATABASE_URL the
PostgreSQL half is skipped — except when CI=true, where it fails: CI must not go green without
PostgreSQL.  `bash .ci/run` starts a throwaway server and sets both variables.

Other test modules add their own fixtures in their own files.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.pool import NullPool

from analytics.store import Store, normalise_url


@pytest.fixture(scope="session")
def postgresql_admin() -> Iterator[Engine]:
    """An AUTOCOMMIT engine on TEST_DATABASE_URL, able to CREATE/DROP DATABASE."""
    url = os.environ.get("TEST_DATABASE_URL", "").strip()
    if not url:
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail(
                "CI=true but TEST_DATABASE_URL is not set: the PostgreSQL tests may not be skipped "
                "in CI. Run `bash .ci/run`, which starts a throwaway PostgreSQL and sets it.",
                pytrace=False,
            )
        pytest.skip("TEST_DATABASE_URL is not set (bash .ci/run sets it)")
    engine = create_engine(normalise_url(url), isolation_level="AUTOCOMMIT", poolclass=NullPool)
    yield engine
    engine.dispose()


@pytest.fixture(
    params=[
        pytest.param("sqlite", id="sqlite"),
        # marker registered in pyproject.toml: `-m "not postgresql"` leaves them out
        pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgresql),
    ]
)
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A URL of an empty database of its own, on each backend in turn."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'inovasi.sqlite'}"
        return
    admin: Engine = request.getfixturevalue("postgresql_admin")
    # Identifiers cannot be bound parameters; this one is ours, made of [a-z0-9_] only.
    name = f"test_kudus_{uuid.uuid4().hex[:20]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """A migrated Store on `db_url` (units seeded from sample_data/units.csv when it exists)."""
    instance = Store(db_url)
    yield instance
    instance.close()


@pytest.fixture
def new_postgresql_database(request: pytest.FixtureRequest) -> Iterator[Callable[[], str]]:
    """A factory of URLs of new, empty PostgreSQL databases (on TEST_DATABASE_URL's server), each
    dropped when the test ends: for tests that need several, or one no Store has opened yet."""
    created: list[str] = []

    def make() -> str:
        admin: Engine = request.getfixturevalue("postgresql_admin")
        name = f"test_kudus_{uuid.uuid4().hex[:20]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        created.append(name)
        return admin.url.set(database=name).render_as_string(hide_password=False)

    yield make
    if created:
        admin = request.getfixturevalue("postgresql_admin")
        with admin.connect() as conn:
            for name in created:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
