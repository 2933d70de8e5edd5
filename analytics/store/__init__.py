"""Persistence: the only package that talks SQL.

A SQLite file by default, PostgreSQL when ``DATABASE_URL`` says so; the same code and the same Alembic
migrations (`migrations/`) serve both, and every value travels as a bound parameter.

- `reports`: the `Store` — stored reports with their versions, restore, every read, the data version;
- `accounts`, `sessions`: accounts, sign-in and session tokens; `rules_versions`: the indicator rules
  files in force and before; `links`: lifecycle link decisions; `audit`: reading the audit log;
- `schema`: the tables; `frames`: frame <-> row conversions (docs/frames.md); `engine`: where the
  database is, its migrations' configuration, connections, SQLite pragmas and bulk inserts;
  `results`: what a write did and the writes refused; `core`: what the account, rules and link
  stores need of the Store;
- `backup`: a backup of every table in one file, and restoring it into an empty database.
"""

from __future__ import annotations

from analytics.store.reports import (
    AUDIT_COLUMNS,
    DEFAULT_UNITS_CSV,
    HISTORY_COLUMNS,
    INNOVATION_KINDS,
    OFFICIAL_KINDS,
    UNIT_COLUMNS,
    Store,
    StoreError,
    StoreResult,
    UnknownSubmissionError,
    UnknownUnitError,
    alembic_config,
    clean_units,
    default_database_url,
    normalise_url,
    read_units_csv,
)

__all__ = [
    "AUDIT_COLUMNS", "DEFAULT_UNITS_CSV", "HISTORY_COLUMNS", "INNOVATION_KINDS", "OFFICIAL_KINDS",
    "UNIT_COLUMNS", "Store", "StoreError", "StoreResult", "UnknownSubmissionError", "UnknownUnitError",
    "alembic_config", "clean_units", "default_database_url", "normalise_url", "read_units_csv",
]
