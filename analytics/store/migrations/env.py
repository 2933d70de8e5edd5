"""Alembic environment of the store, kept inside the package.

`analytics.store.Store` runs the migrations itself on start-up: it opens a transaction, puts the
connection in ``config.attributes["connection"]`` and calls ``alembic.command.upgrade(cfg,
"head")``, so the migrations run on exactly that connection and inside that transaction — which is
what makes SQLite in-memory databases, SQLite files and PostgreSQL all behave the same.

From a shell, ``analytics.store.alembic_config()`` gives a Config for ``alembic.command`` calls
(e.g. ``revision``); without a connection the URL comes from ``sqlalchemy.url`` or
``analytics.store.default_database_url()``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, pool

config = context.config


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        # No autogenerate target: migrations are written by hand (see script.py.mako).
        target_metadata=None,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    if url:
        return url
    from analytics.store import default_database_url, normalise_url

    return normalise_url(default_database_url())


def run_migrations_offline() -> None:
    context.configure(url=_url(), target_metadata=None, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        # The caller owns the connection and its transaction; begin_transaction() joins it.
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(_url(), poolclass=pool.NullPool)
    with engine.connect() as connection:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
