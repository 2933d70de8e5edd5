"""Messages of backups and restores (`python -m analytics backup` / `restore-backup`)."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "backup.done": {
        "id": "Cadangan ditulis ke {file}: {rows} baris dari {tables} tabel (revisi skema {revision}).",
        "en": "Backup written to {file}: {rows} rows from {tables} tables (schema revision {revision}).",
    },
    "backup.verified": {
        "id": "Cadangan {file} utuh: {rows} baris dari {tables} tabel, dibuat {created_at} (revisi skema {revision}).",
        "en": "Backup {file} is whole: {rows} rows from {tables} tables, made {created_at} (schema revision {revision}).",
    },
    "backup.no_database": {
        "id": "Basis data {url} tidak ada, jadi tidak ada yang dicadangkan. Periksa --db atau DATABASE_URL.",
        "en": "The database {url} does not exist, so there is nothing to back up. Check --db or DATABASE_URL.",
    },
    "backup.not_migrated": {
        "id": "Basis data {url} belum berisi tabel dasbor. Periksa --db atau DATABASE_URL.",
        "en": "The database {url} holds no dashboard tables yet. Check --db or DATABASE_URL.",
    },
    "backup.missing": {
        "id": "Berkas cadangan {file} tidak ada atau tidak dapat dibaca.",
        "en": "The backup file {file} is missing or unreadable.",
    },
    "backup.not_a_backup": {
        "id": "Berkas {file} bukan cadangan dasbor ini (tidak ada manifes yang sah). Pilih berkas dari `python -m analytics backup`.",
        "en": "The file {file} is not a backup of this dashboard (no valid manifest). Pick a file written by `python -m analytics backup`.",
    },
    "backup.damaged": {
        "id": "Berkas cadangan {file} rusak: isinya tidak cocok dengan manifesnya. Pakai cadangan lain; tidak ada yang diubah.",
        "en": "The backup file {file} is damaged: its content does not match its manifest. Use another backup; nothing was changed.",
    },
    "backup.schema_mismatch": {
        "id": "Tabel cadangan dan basis data tujuan tidak sama ({tables}). Tidak ada yang diubah.",
        "en": "The backup's tables and the target database's differ ({tables}). Nothing was changed.",
    },
    "restore.done": {
        "id": "Cadangan {file} dipulihkan ke {url}: {rows} baris dari {tables} tabel.",
        "en": "Backup {file} restored into {url}: {rows} rows from {tables} tables.",
    },
    "restore.not_empty": {
        "id": "Basis data tujuan sudah berisi data; pemulihan hanya ke basis data kosong. Tambahkan --replace untuk mengganti SELURUH isinya (termasuk log audit) dengan cadangan.",
        "en": "The target database already holds data; a restore goes into an empty database only. Add --replace to replace ALL of its content (audit log included) with the backup.",
    },
    "restore.newer_schema": {
        "id": "Cadangan {file} dibuat oleh versi aplikasi yang lebih baru (revisi {revision} tidak dikenal). Pulihkan dengan versi aplikasi itu atau yang lebih baru.",
        "en": "The backup {file} was made by a newer version of the app (revision {revision} is unknown). Restore it with that version of the app or a newer one.",
    },
    "restore.count_mismatch": {
        "id": "Jumlah baris setelah pemulihan {file} tidak cocok dengan manifes; semuanya dibatalkan, basis data tidak berubah.",
        "en": "The row counts after restoring {file} do not match its manifest; everything was rolled back and the database is unchanged.",
    },
}
