"""Initial schema: units, submissions, innovations, officials, audit_events, store_version.

Revision ID: 0001
Revises:
Create Date: 2025-11-28

Written out in full on purpose: this file must keep creating the schema of its day even after
analytics/store/schema.py moves on.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "units",
        sa.Column("kode", sa.String(64), nullable=False),
        sa.Column("nama", sa.Text(), nullable=False),
        sa.Column("singkatan", sa.Text(), nullable=False, server_default=""),
        sa.Column("jenis_unit", sa.String(16), nullable=False),
        sa.Column("induk_kode", sa.String(64), nullable=True),
        sa.Column("kecamatan", sa.Text(), nullable=True),
        sa.Column("aktif", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.PrimaryKeyConstraint("kode", name="pk_units"),
    )
    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("unit_kode", sa.String(64), nullable=False),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(128), nullable=False),
        sa.Column("uploaded_by", sa.Text(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.Column("is_current", sa.Boolean(), nullable=False),
        sa.Column("jumlah_inovasi", sa.Integer(), nullable=False),
        sa.Column("jumlah_pejabat", sa.Integer(), nullable=False),
        sa.Column("profil", sa.Text(), nullable=False, server_default="{}"),
        sa.PrimaryKeyConstraint("id", name="pk_submissions"),
        sa.ForeignKeyConstraint(["unit_kode"], ["units.kode"], name="fk_submissions_unit_kode_units"),
    )
    op.create_index(
        "ix_submissions_unit_kode_tahun_is_current", "submissions", ["unit_kode", "tahun", "is_current"]
    )
    # Exactly one current submission per unit and year: a partial unique index.
    op.create_index(
        "uq_submissions_current_unit_tahun",
        "submissions",
        ["unit_kode", "tahun"],
        unique=True,
        sqlite_where=sa.text("is_current"),
        postgresql_where=sa.text("is_current"),
    )
    op.create_table(
        "innovations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("unit_kode", sa.String(64), nullable=False),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("nama_inovasi", sa.Text(), nullable=False),
        sa.Column("tahapan", sa.Text(), nullable=False),
        sa.Column("jenis", sa.Text(), nullable=False),
        sa.Column("bentuk", sa.Text(), nullable=False),
        sa.Column("inisiator", sa.Text(), nullable=False),
        sa.Column("urusan", sa.Text(), nullable=False),
        sa.Column("nip_penggagas", sa.Text(), nullable=False, server_default=""),
        sa.Column("nama_penggagas", sa.Text(), nullable=True),
        sa.Column("tanggal_uji_coba", sa.Date(), nullable=True),
        sa.Column("tanggal_penerapan", sa.Date(), nullable=True),
        sa.Column("lokasi_kecamatan", sa.Text(), nullable=True),
        sa.Column("dasar_hukum", sa.Text(), nullable=True),
        sa.Column("nomor_dasar_hukum", sa.Text(), nullable=True),
        sa.Column("anggaran_tahun_berjalan", sa.Double(), nullable=True),
        sa.Column("anggaran_tahun_lalu", sa.Double(), nullable=True),
        sa.Column("anggaran_dua_tahun_lalu", sa.Double(), nullable=True),
        sa.Column("ada_sop", sa.Boolean(), nullable=True),
        sa.Column("jumlah_replikasi", sa.BigInteger(), nullable=True),
        sa.Column("jumlah_penerima_manfaat", sa.BigInteger(), nullable=True),
        sa.Column("monev", sa.Text(), nullable=True),
        sa.Column("status", sa.Text(), nullable=False),
        sa.Column("tautan_bukti", sa.Text(), nullable=True),
        sa.Column("keterangan", sa.Text(), nullable=True),
        sa.Column("baris", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_innovations"),
        sa.ForeignKeyConstraint(
            ["submission_id"], ["submissions.id"],
            name="fk_innovations_submission_id_submissions", ondelete="CASCADE",
        ),
    )
    op.create_index("ix_innovations_submission_id", "innovations", ["submission_id"])
    op.create_table(
        "officials",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("unit_kode", sa.String(64), nullable=False),
        sa.Column("tahun", sa.Integer(), nullable=False),
        sa.Column("nip", sa.String(32), nullable=False),
        sa.Column("nama", sa.Text(), nullable=False),
        sa.Column("jabatan", sa.Text(), nullable=False),
        sa.Column("jenis_jabatan", sa.Text(), nullable=True),
        sa.Column("kelas_jabatan", sa.Integer(), nullable=True),
        sa.Column("tpp_dasar", sa.Double(), nullable=True),
        sa.Column("baris", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_officials"),
        sa.ForeignKeyConstraint(
            ["submission_id"], ["submissions.id"],
            name="fk_officials_submission_id_submissions", ondelete="CASCADE",
        ),
    )
    op.create_index("ix_officials_submission_id", "officials", ["submission_id"])
    op.create_index("ix_officials_unit_kode_nip", "officials", ["unit_kode", "nip"])
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target", sa.Text(), nullable=False, server_default=""),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False, server_default="{}"),
        sa.PrimaryKeyConstraint("id", name="pk_audit_events"),
    )
    store_version = op.create_table(
        "store_version",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_store_version"),
    )
    op.bulk_insert(store_version, [{"id": 1, "version": 0}])


def downgrade() -> None:
    op.drop_table("store_version")
    op.drop_table("audit_events")
    op.drop_index("ix_officials_unit_kode_nip", table_name="officials")
    op.drop_index("ix_officials_submission_id", table_name="officials")
    op.drop_table("officials")
    op.drop_index("ix_innovations_submission_id", table_name="innovations")
    op.drop_table("innovations")
    op.drop_index("uq_submissions_current_unit_tahun", table_name="submissions")
    op.drop_index("ix_submissions_unit_kode_tahun_is_current", table_name="submissions")
    op.drop_table("submissions")
    op.drop_table("units")
