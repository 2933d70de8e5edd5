"""Sign-in throttling instead of a hard lockout: failures counted per user name and per client address.

Revision ID: 0005_sign_in_throttle
Revises: 0004_audit_chain
Create Date: 2026-12-05

The hard lockout told who exists (a locked account answered differently and faster than an unknown
name) and let anyone keep any account locked (issue 12).  Failures are now counted per user name —
whether or not an account has it — and per client address, and each one past the free attempts
makes the next try wait longer (analytics/store/throttle.py).  A row per key; removed on success.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_sign_in_throttle"
down_revision: str | Sequence[str] | None = "0004_audit_chain"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sign_in_throttle",
        sa.Column("key", sa.String(320), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(), nullable=False),
        sa.Column("wait_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("key", name="pk_sign_in_throttle"),
    )


def downgrade() -> None:
    op.drop_table("sign_in_throttle")
