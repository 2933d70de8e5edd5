"""The database tables, as SQLAlchemy Core metadata.

This is the *current* shape of the schema, used by `analytics.store` to build statements.  The
database itself is created and upgraded only by the Alembic migrations in
`analytics/store/migrations/versions/`, which spell out every table explicitly (a migration must keep
describing the schema of its day even after this module moves on).  `tests/test_store.py` checks
that the migrated database and this metadata agree, so the two cannot drift apart silently.

Column names of `innovations` and `officials` are the `key`s of `analytics.intake.contract`
(see docs/frames.md).  Multi-value cells are stored as ';'-joined text, NIPs as text.
Timestamps are naive UTC.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    true,
)

# Deterministic constraint names, so that later migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

KODE = 64  # length of a unit code such as 'uptd.pkm-wergu-wetan'

units = Table(
    "units",
    metadata,
    Column("kode", String(KODE), primary_key=True),
    Column("nama", Text, nullable=False),
    Column("singkatan", Text, nullable=False, server_default=""),
    Column("jenis_unit", String(16), nullable=False),
    Column("induk_kode", String(KODE), nullable=True),
    Column("kecamatan", Text, nullable=True),
    Column("aktif", Boolean, nullable=False, server_default=true()),
)

submissions = Table(
    "submissions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("unit_kode", String(KODE), ForeignKey("units.kode"), nullable=False),
    Column("tahun", Integer, nullable=False),
    Column("file_name", Text, nullable=False),
    Column("content_hash", String(128), nullable=False),
    Column("uploaded_by", Text, nullable=False),
    Column("uploaded_at", DateTime, nullable=False),
    Column("source", String(32), nullable=False),
    Column("is_current", Boolean, nullable=False),
    Column("jumlah_inovasi", Integer, nullable=False),
    Column("jumlah_pejabat", Integer, nullable=False),
    Column("profil", Text, nullable=False, server_default="{}"),
    # 'laporan': the unit's own report; 'iid': an import of the national IID application's export
    Column("sumber", String(16), nullable=False, server_default="laporan"),
    Index("ix_submissions_unit_kode_tahun_is_current", "unit_kode", "tahun", "is_current"),
)
# At most one current submission per unit, year and source, enforced by the database itself.
Index(
    "uq_submissions_current_unit_tahun_sumber",
    submissions.c.unit_kode,
    submissions.c.tahun,
    submissions.c.sumber,
    unique=True,
    sqlite_where=submissions.c.is_current,
    postgresql_where=submissions.c.is_current,
)

innovations = Table(
    "innovations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("submission_id", Integer, ForeignKey("submissions.id", ondelete="CASCADE"), nullable=False),
    Column("unit_kode", String(KODE), nullable=False),
    Column("tahun", Integer, nullable=False),
    Column("nama_inovasi", Text, nullable=False),
    Column("tahapan", Text, nullable=False),
    Column("jenis", Text, nullable=False),
    Column("bentuk", Text, nullable=False),
    Column("inisiator", Text, nullable=False),
    Column("urusan", Text, nullable=False),
    Column("nip_penggagas", Text, nullable=False, server_default=""),
    Column("nama_penggagas", Text),
    Column("tanggal_uji_coba", Date),
    Column("tanggal_penerapan", Date),
    Column("lokasi_kecamatan", Text),
    Column("dasar_hukum", Text),
    Column("nomor_dasar_hukum", Text),
    Column("anggaran_tahun_berjalan", Double),
    Column("anggaran_tahun_lalu", Double),
    Column("anggaran_dua_tahun_lalu", Double),
    Column("ada_sop", Boolean),
    Column("jumlah_replikasi", BigInteger),
    Column("jumlah_penerima_manfaat", BigInteger),
    Column("monev", Text),
    Column("status", Text),  # NULL: unknown (the IID export has no status)
    Column("tautan_bukti", Text),
    Column("keterangan", Text),
    Column("kematangan_iid", Double),
    Column("koordinat", Text),
    Column("lokasi_sumber", String(16)),  # 'koordinat': kecamatan derived from the coordinates
    Column("baris", Integer),
    Index("ix_innovations_submission_id", "submission_id"),
)

officials = Table(
    "officials",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("submission_id", Integer, ForeignKey("submissions.id", ondelete="CASCADE"), nullable=False),
    Column("unit_kode", String(KODE), nullable=False),
    Column("tahun", Integer, nullable=False),
    Column("nip", String(32), nullable=False),
    Column("nama", Text, nullable=False),
    Column("jabatan", Text, nullable=False),
    Column("jenis_jabatan", Text),
    Column("kelas_jabatan", Integer),
    Column("tpp_dasar", Double),
    Column("baris", Integer),
    Index("ix_officials_submission_id", "submission_id"),
    Index("ix_officials_unit_kode_nip", "unit_kode", "nip"),
)

audit_events = Table(
    "audit_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", String(64), nullable=False),
    Column("target", Text, nullable=False, server_default=""),
    Column("outcome", String(16), nullable=False),
    Column("detail", Text, nullable=False, server_default="{}"),  # JSON text
)

# One row (id = 1): a counter bumped as the last statement of every write transaction.  Its row
# lock orders concurrent PostgreSQL writers by commit, so the value only grows as data appears —
# unlike max(audit_events.id), which a slower transaction could commit *below* the maximum.
store_version = Table(
    "store_version",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", BigInteger, nullable=False),
)

# The contract columns as stored, in frame order (docs/frames.md), without id/submission_id/
# unit_kode/tahun.  `store` reads and writes exactly these.
INNOVATION_FIELDS: tuple[str, ...] = tuple(
    c.name for c in innovations.columns if c.name not in {"id", "submission_id", "unit_kode", "tahun"}
)
OFFICIAL_FIELDS: tuple[str, ...] = tuple(
    c.name for c in officials.columns if c.name not in {"id", "submission_id", "unit_kode", "tahun"}
)

# ---- access control (migration 0002_access) ----------------------------------------------------
# Accounts of the signed-in mode.  `username` and `email` are stored folded to lower case; an SSO
# identity (OIDC e-mail or a proxy's user header) is matched against either.  No row is ever
# deleted: an account that leaves is made inactive, so the audit log keeps meaning something.
unit_aliases = Table(
    "unit_aliases",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("jenis", String(16), nullable=False),  # 'nama' (a unit name) or 'login' (an IID login)
    Column("alias", Text, nullable=False),
    Column("alias_fold", Text, nullable=False),
    Column("unit_kode", String(KODE), ForeignKey("units.kode"), nullable=False),
    Column("dibuat_oleh", Text, nullable=False),
    Column("dibuat_pada", DateTime, nullable=False),
    Column("dicabut_oleh", Text, nullable=True),
    Column("dicabut_pada", DateTime, nullable=True),
)
Index(
    "uq_unit_aliases_in_force",
    unit_aliases.c.jenis,
    unit_aliases.c.alias_fold,
    unique=True,
    sqlite_where=unit_aliases.c.dicabut_pada.is_(None),
    postgresql_where=unit_aliases.c.dicabut_pada.is_(None),
)

accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("display_name", Text, nullable=False, server_default=""),
    Column("email", String(254), nullable=True, unique=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=True),  # argon2id; NULL for SSO-only accounts
    Column("active", Boolean, nullable=False, server_default=true()),
    Column("failed_attempts", Integer, nullable=False, server_default="0"),
    Column("locked_until", DateTime, nullable=True),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("last_login_at", DateTime, nullable=True),
    Column("password_changed_at", DateTime, nullable=True),
)

# The units an operator may upload for (admins and pimpinan need none: they cover all units).
account_units = Table(
    "account_units",
    metadata,
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True),
    Column("unit_kode", String(KODE), ForeignKey("units.kode"), primary_key=True),
)

# Signed-in sessions: the browser session keeps only a random token; its SHA-256 is the key here.
# The role is re-read from `accounts` on every run, so nothing the browser holds can raise it.
auth_sessions = Table(
    "auth_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("account_id", Integer, ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    Column("via", String(16), nullable=False),
    Column("identity", Text, nullable=False, server_default=""),
    Column("created_at", DateTime, nullable=False),
    Column("last_seen_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("ended_at", DateTime, nullable=True),
    Index("ix_auth_sessions_account_id", "account_id"),
)

# The indicator rules in force (a TOML text validated by analytics.rules) and every earlier one.
rules_versions = Table(
    "rules_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("content", Text, nullable=False),
    Column("fingerprint", String(32), nullable=False),
    Column("file_name", Text, nullable=False, server_default=""),
    Column("uploaded_by", Text, nullable=False),
    Column("uploaded_at", DateTime, nullable=False),
    Column("is_current", Boolean, nullable=False),
)
Index(
    "uq_rules_versions_current",
    rules_versions.c.is_current,
    unique=True,
    sqlite_where=rules_versions.c.is_current,
    postgresql_where=rules_versions.c.is_current,
)

# ---- innovation lifecycle (migration 0002_lifecycle) -------------------------------------------
# An analyst's decision that two yearly records of a unit are (tautkan) or are not (tolak) the same
# innovation.  Keyed on what survives a re-upload — the unit, both years and both names folded by
# contract.fold — never on row ids.  Undo marks the row (dibatalkan_*) instead of deleting it, so
# the table is its own history; at most one decision per pair is in force (partial unique index).
lifecycle_links = Table(
    "lifecycle_links",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("unit_kode", String(KODE), ForeignKey("units.kode"), nullable=False),
    Column("tahun_a", Integer, nullable=False),  # the earlier year
    Column("nama_fold_a", Text, nullable=False),
    Column("nama_a", Text, nullable=False),  # as written when decided (for people, not for matching)
    Column("tahun_b", Integer, nullable=False),
    Column("nama_fold_b", Text, nullable=False),
    Column("nama_b", Text, nullable=False),
    Column("skor", Double, nullable=True),
    Column("keputusan", String(16), nullable=False),  # "tautkan" | "tolak"
    Column("diputuskan_oleh", Text, nullable=False),
    Column("diputuskan_pada", DateTime, nullable=False),
    Column("dibatalkan_oleh", Text, nullable=True),
    Column("dibatalkan_pada", DateTime, nullable=True),
    Index("ix_lifecycle_links_unit_kode", "unit_kode"),
)
Index(
    "uq_lifecycle_links_in_force",
    lifecycle_links.c.unit_kode,
    lifecycle_links.c.tahun_a,
    lifecycle_links.c.nama_fold_a,
    lifecycle_links.c.tahun_b,
    lifecycle_links.c.nama_fold_b,
    unique=True,
    sqlite_where=lifecycle_links.c.dibatalkan_pada.is_(None),
    postgresql_where=lifecycle_links.c.dibatalkan_pada.is_(None),
)
