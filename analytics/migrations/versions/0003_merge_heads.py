"""Merge the two feature heads (access, lifecycle) into one line.

Revision ID: 0003_merge_heads
Revises: 0002_access, 0002_lifecycle
Create Date: 2026-12-05

Empty on purpose: it only joins the branches so later migrations have one parent.
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
