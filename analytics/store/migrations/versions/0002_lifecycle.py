"""Innovation lifecycle: the analyst's link decisions (same innovation across years, or not).

Revision ID: 0002_lifecycle
Revises: 0001
Create Date: 2025-11-28

Written out in full on purpose (see 0001).  Independent of the other features' migrations: it
branches from 0001 and touches only its own table, so the store's upgrade to "heads" may apply it
before or after them.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002_lifecycle"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "lifecycle_links",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("unit_kode", sa.String(64), nullable=False),
        sa.Column("tahun_a", sa.Integer(), nullable=False),
        sa.Column("nama_fold_a", sa.Text(), nullable=False),
        sa.Column("nama_a", sa.Text(), nullable=False),
        sa.Column("tahun_b", sa.Integer(), nullable=False),
        sa.Column("nama_fold_b", sa.Text(), nullable=False),
        sa.Column("nama_b", sa.Text(), nullable=False),
        sa.Column("skor", sa.Double(), nullable=True),
        sa.Column("keputusan", sa.String(16), nullable=False),
        sa.Column("diputuskan_oleh", sa.Text(), nullable=False),
        sa.Column("diputuskan_pada", sa.DateTime(), nullable=False),
        sa.Column("dibatalkan_oleh", sa.Text(), nullable=True),
        sa.Column("dibatalkan_pada", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_lifecycle_links"),
        sa.ForeignKeyConstraint(["unit_kode"], ["units.kode"], name="fk_lifecycle_links_unit_kode_units"),
    )
    op.create_index("ix_lifecycle_links_unit_kode", "lifecycle_links", ["unit_kode"])
    # At most one decision in force per pair of records: undone ones stay as history.
    op.create_index(
        "uq_lifecycle_links_in_force",
        "lifecycle_links",
        ["unit_kode", "tahun_a", "nama_fold_a", "tahun_b", "nama_fold_b"],
        unique=True,
        sqlite_where=sa.text("dibatalkan_pada IS NULL"),
        postgresql_where=sa.text("dibatalkan_pada IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("uq_lifecycle_links_in_force", table_name="lifecycle_links")
    op.drop_index("ix_lifecycle_links_unit_kode", table_name="lifecycle_links")
    op.drop_table("lifecycle_links")
