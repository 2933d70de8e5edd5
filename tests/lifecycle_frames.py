"""Hand-built innovation records for the lifecycle tests: frames as the store returns them, and
SubmissionData to store them (so storage tests depend on nothing but the store)."""

from __future__ import annotations

import hashlib
from datetime import date
from itertools import count
from typing import Any

import pandas as pd

from analytics.intake.model import SubmissionData
from analytics.store import frames as store_rows
from analytics.store.schema import INNOVATION_FIELDS

_ids = count(1)

UNITS = pd.DataFrame(
    [("opd.a", "Dinas A", "", "OPD", "", "", True), ("kec.b", "Kecamatan B", "", "Kecamatan", "", "B", True),
     ("uptd.c", "UPTD C", "", "UPTD", "opd.a", "", True), ("opd.d", "Dinas D", "", "OPD", "", "", True)],
    columns=["kode", "nama", "singkatan", "jenis_unit", "induk_kode", "kecamatan", "aktif"],
)


def record(unit: str, tahun: int, nama: str, tahapan: str = "Uji Coba", status: str = "Aktif",
           **fields: Any) -> dict[str, Any]:
    """One innovation record with every contract column; Uji Coba since mid-2022 unless told."""
    out: dict[str, Any] = {
        "unit_kode": unit, "tahun": tahun, "nama_inovasi": nama, "tahapan": tahapan, "jenis": "Digital",
        "bentuk": "Pelayanan Publik", "inisiator": "ASN", "urusan": "Kesehatan", "nip_penggagas": "",
        "nama_penggagas": None, "tanggal_uji_coba": None if tahapan == "Inisiatif" else date(2022, 6, 1),
        "tanggal_penerapan": None, "lokasi_kecamatan": "Jati", "dasar_hukum": None, "nomor_dasar_hukum": None,
        "anggaran_tahun_berjalan": None, "anggaran_tahun_lalu": None, "anggaran_dua_tahun_lalu": None,
        "ada_sop": None, "jumlah_replikasi": None, "jumlah_penerima_manfaat": None, "monev": None,
        "status": status, "tautan_bukti": None, "keterangan": None, "baris": None,
    }
    out.update(fields)
    return out


def frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    """An innovations frame with the columns and dtypes of docs/frames.md (ids made up)."""
    table = pd.DataFrame.from_records(records)
    table.insert(0, "id", [next(_ids) for _ in range(len(table))])
    table.insert(1, "submission_id", 0)
    for name in INNOVATION_FIELDS:
        if name not in table:
            table[name] = None
    table = store_rows.typed(table, store_rows.INNOVATION_KINDS)  # the dtypes the store's reads give
    table["tahun"] = table["tahun"].astype("int64")
    return table


def submission(unit: str, tahun: int, names: list[str] | list[dict[str, Any]], tag: str = "v1") -> SubmissionData:
    """One unit's report of a year: names (Uji Coba, Aktif) or full records."""
    rows = [n if isinstance(n, dict) else record(unit, tahun, n) for n in names]
    for position, row in enumerate(rows, start=2):
        row["baris"] = position
    table = frame(rows)[list(INNOVATION_FIELDS)]
    digest = hashlib.sha256(f"{unit}|{tahun}|{tag}|{names}".encode()).hexdigest()
    return SubmissionData(unit_kode=unit, tahun=tahun, file_name=f"{unit}_{tahun}_{tag}.xlsx", content_hash=digest,
                          innovations=table, officials=None, profil={})


def reports(*pairs: tuple[str, int]) -> pd.DataFrame:
    return pd.DataFrame(pairs, columns=["unit_kode", "tahun"])
