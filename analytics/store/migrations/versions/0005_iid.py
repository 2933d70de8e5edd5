"""The national IID application's data: unit aliases, the source of each report, and the
export's own columns.

Revision ID: 0005_iid
Revises: 0003_merge_heads
Create Date: 2026-12-05

Written out in full on purpose (see 0001).
- `unit_aliases`: a unit name or IID login as an office writes it, confirmed once by an admin
  (who and when; revoking keeps the row as history).
- `submissions.sumber`: 'laporan' (the unit's own template report) or 'iid' (an import of the
  national application's export). One current version per unit, year AND source, so an IID
  import never replaces a unit's own report.
- `innovations`: the export's Kematangan and Koordinat, where a kecamatan came from
  (`lokasi_sumber` = 'koordinat' when derived by point-in-polygon), and `status` may be unknown
  (the export has none).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_iid"
down_revision: str | Sequence[str] | None = "0003_merge_heads"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "unit_aliases",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("jenis", sa.String(16), nullable=False),
        sa.Column("alias", sa.Text(), nullable=False),
        sa.Column("alias_fold", sa.Text(), nullable=False),
        sa.Column("unit_kode", sa.String(64), nullable=False),
        sa.Column("dibuat_oleh", sa.Text(), nullable=False),
        sa.Column("dibuat_pada", sa.DateTime(), nullable=False),
        sa.Column("dicabut_oleh", sa.Text(), nullable=True),
        sa.Column("dicabut_pada", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_unit_aliases"),
        sa.ForeignKeyConstraint(["unit_kode"], ["units.kode"], name="fk_unit_aliases_unit_kode_units"),
    )
    op.create_index(
        "uq_unit_aliases_in_force", "unit_aliases", ["jenis", "alias_fold"], unique=True,
        sqlite_where=sa.text("dicabut_pada IS NULL"), postgresql_where=sa.text("dicabut_pada IS NULL"),
    )
    with op.batch_alter_table("submissions") as batch:
        batch.add_column(sa.Column("sumber", sa.String(16), nullable=False, server_default="laporan"))
    op.drop_index("uq_submissions_current_unit_tahun", table_name="submissions")
    op.create_index(
        "uq_submissions_current_unit_tahun_sumber", "submissions", ["unit_kode", "tahun", "sumber"],
        unique=True, sqlite_where=sa.text("is_current"), postgresql_where=sa.text("is_current"),
    )
    with op.batch_alter_table("innovations") as batch:
        batch.add_column(sa.Column("kematangan_iid", sa.Double(), nullable=True))
        batch.add_column(sa.Column("koordinat", sa.Text(), nullable=True))
        batch.add_column(sa.Column("lokasi_sumber", sa.String(16), nullable=True))
        batch.alter_column("status", existing_type=sa.Text(), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM innovations WHERE status IS NULL")
    with op.batch_alter_table("innovations") as batch:
        batch.alter_column("status", existing_type=sa.Text(), nullable=False)
        batch.drop_column("lokasi_sumber")
        batch.drop_column("koordinat")
        batch.drop_column("kematangan_iid")
    op.drop_index("uq_submissions_current_unit_tahun_sumber", table_name="submissions")
    op.execute("DELETE FROM submissions WHERE sumber <> 'laporan'")
    op.create_index(
        "uq_submissions_current_unit_tahun", "submissions", ["unit_kode", "tahun"],
        unique=True, sqlite_where=sa.text("is_current"), postgresql_where=sa.text("is_current"),
    )
    with op.batch_alter_table("submissions") as batch:
        batch.drop_column("sumber")
    op.drop_index("uq_unit_aliases_in_force", table_name="unit_aliases")
    op.drop_table("unit_aliases")
