"""Rows of the national IID application's export, for the tests."""

from __future__ import annotations

from analytics.intake.iid_export import HEADERS


def iid_row(title: str, admin: str = "Dinas Kesehatan Kabupaten Kudus (kudus.dinkes)", **cells: str) -> dict[str, str]:
    row = {
        "No": "1", "Judul Inovasi": title, "Pemda": "Kabupaten Kudus", "Admin OPD": admin, "Inisiator": "OPD",
        "Nama Inisiator": "Budi", "Bentuk Inovasi": "Inovasi pelayanan publik", "Jenis": "Digital",
        "Asta Cipta": "-", "Urusan Utama": "kesehatan", "Urusan lain yang beririsan": "-", "Kematangan": "72.50",
        "Tahapan Inovasi": "Penerapan", "Tanggal Input": "02-01-2025", "Tanggal Penerapan": "15-03-2024",
        "Tanggal Pengembangan": "-", "Koordinat": "-6.8043, 110.8443", "Video": "Ada",
        "Link Video": "https://youtu.be/abc",
    }
    row.update({key.replace("_", " "): value for key, value in cells.items()})
    assert set(row) == set(HEADERS)
    return row
