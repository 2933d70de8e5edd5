"""The export Kudus would download from the national IID application for a year (sample data).

It mostly agrees with the sample reports of that year, in the application's exact shape (sheet
`Data`, 19 text columns, its spellings), with the differences a coordinator really finds:

- innovations not yet submitted (every 8th innovation of the reports is missing);
- entries only in the application (a few per year, some for units that sent no report);
- a stage mismatch (a report's Uji Coba entered as Penerapan);
- rows entered by the region's own admin account;
- unit names as people write them ('Disdukcapil Kabupaten Kudus', 'PDAM Kudus', 'UPT Puskesmas …',
  'RSUD dr Loekmonohadi'), with the IID login in brackets.

Deterministic: the same reports give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from random import Random
from typing import Any

import pandas as pd

from analytics.intake import contract
from analytics.intake.iid_export import export_bytes, iid_row
from analytics.sample.report import GeneratedWorkbook

REGION = "Kabupaten Kudus"
REGION_ADMIN = "admin.kudus (iga{year}.kabupaten.kudus)"
NOT_SUBMITTED_EVERY = 8  # every 8th innovation of the reports is missing from the application
STAGE_MISMATCHES = 3
ONLY_IN_IID = (
    ("opd.diskominfo", "Kudus Smart City Command Center Terpadu"),
    ("opd.dinkes", "Layanan Kegawatdaruratan 112 Terpadu"),
    ("opd.setda.organisasi", "Gerakan Satu OPD Satu Inovasi"),
    ("kec.dawe", "Dawe Wisata Kopi Muria"),
)
# How offices write their names in the application (else: the unit list's name + ' Kabupaten Kudus').
WRITTEN = {
    "opd.disdukcapil": "Disdukcapil Kabupaten Kudus",
    "bumd.tirta-muria": "PDAM Kudus",
    "opd.diskominfo": "Dinas Kominfo Kabupaten Kudus",
    "opd.pmd": "Dinas PMD",
    "opd.dinkes": "Dinas Kesehatan Kabupaten (DKK)",
    "opd.rsud": "RSUD dr Loekmonohadi",
}


def written_name(kode: str, nama: str) -> str:
    if kode in WRITTEN:
        return WRITTEN[kode]
    if nama.startswith("UPTD "):
        return "UPT " + nama.removeprefix("UPTD ")
    return f"{nama} Kabupaten Kudus"


def login_of(kode: str) -> str:
    return "kudus." + kode.split(".", 1)[-1].replace("-", "")


def iid_rows(workbooks: list[GeneratedWorkbook], units: pd.DataFrame, tahun: int,
             seed: int = 2025) -> list[dict[str, str]]:
    """The application's rows for `tahun` from that year's sample reports, with the differences."""
    rng = Random(seed * 1000 + tahun)
    names = dict(zip(units["kode"], units["nama"]))
    entries: list[tuple[str, dict[str, Any]]] = []
    counter = 0
    for book in sorted(workbooks, key=lambda b: b.unit_kode):
        for row in book.inovasi:
            counter += 1
            if counter % NOT_SUBMITTED_EVERY == 0:
                continue  # not submitted: index points lost
            entries.append((book.unit_kode, _as_frame_row(row, rng)))
    mismatched = [e for _, e in entries if e["tahapan"] == "Uji Coba"][:STAGE_MISMATCHES]
    for entry in mismatched:
        entry["tahapan"] = "Penerapan"
    for kode, title in ONLY_IN_IID:
        if kode in names:
            entries.append((kode, _extra(title, rng, tahun)))
    rows = []
    for number, (kode, entry) in enumerate(entries, start=1):
        admin = f"{written_name(kode, names.get(kode, kode))} ({login_of(kode)})"
        if kode == "opd.setda.organisasi" and number % 2:
            admin = REGION_ADMIN.format(year=tahun)
        rows.append(iid_row(number, entry, admin, REGION))
    return rows


def _as_frame_row(row: dict[str, Any], rng: Random) -> dict[str, Any]:
    lokasi = row["lokasi_kecamatan"]
    first = lokasi[0] if isinstance(lokasi, list) and lokasi else lokasi
    place = contract.KECAMATAN_BY_NAMA.get(first) if isinstance(first, str) else None
    return {
        "nama_inovasi": row["nama_inovasi"], "tahapan": row["tahapan"], "jenis": row["jenis"],
        "bentuk": row["bentuk"], "inisiator": row["inisiator"], "urusan": contract.MULTI_SEP.join(row["urusan"]),
        "nama_penggagas": row["nama_penggagas"], "tanggal_penerapan": row["tanggal_penerapan"]
        or dt.date(2025, rng.randint(1, 12), rng.randint(1, 28)),  # the application dates every row
        "kematangan_iid": round(rng.uniform(35, 95), 2),
        "koordinat": f"{place.lat:.6f}, {place.lon:.6f}" if place else None,
        "tautan_bukti": row["tautan_bukti"],
    }


def _extra(title: str, rng: Random, tahun: int) -> dict[str, Any]:
    return {"nama_inovasi": title, "tahapan": "Penerapan", "jenis": "Digital", "bentuk": "Pelayanan Publik",
            "inisiator": "OPD", "urusan": "Komunikasi dan Informatika", "nama_penggagas": None,
            "tanggal_penerapan": dt.date(tahun, 3, 1), "kematangan_iid": round(rng.uniform(35, 95), 2),
            "koordinat": None, "tautan_bukti": None}


def write_iid_export(folder: str | Path, workbooks: list[GeneratedWorkbook], units: pd.DataFrame,
                     tahun: int) -> Path:
    """Write `iid_kudus_<tahun>.xlsx` (as the application names nothing, a plain name) into `folder`."""
    path = Path(folder) / f"iid_kudus_{tahun}.xlsx"
    path.write_bytes(export_bytes(iid_rows(workbooks, units, tahun)))
    return path
