"""Merge the access and lifecycle branches: one head from here on.

Revision ID: 0003_merge_heads
Revises: 0002_access, 0002_lifecycle
Create Date: 2026-12-05

Both features branched from 0001, so the order in which a deployed database got them was left to
chance, and the next migration would have had to merge them anyway.  This revision changes no table:
a database at either head (or at both) upgrades through it, and every later migration chains after
it, one after another.  The store upgrades to "head" (singular), so a second head fails loudly
(tests/test_migrations.py keeps it so).
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0003_merge_heads"
down_revision: str | Sequence[str] | None = ("0002_access", "0002_lifecycle")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
