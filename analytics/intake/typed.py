"""Validated rows as the frames of docs/frames.md: the column lists and their dtypes.

Shared by the template validator and the IID export reader (analytics.intake.iid_export).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from analytics.intake import contract

Records = dict[str, list[Any]]
# urusan_lain is read (the IID application's second urusan column) and merged into urusan.
_READ_ONLY = ("no", "nama_unit", "tahun", "urusan_lain")
# lokasi_sumber is no column of a workbook: 'koordinat' when the kecamatan was derived.
INOVASI_FRAME_COLUMNS = [*(c.key for c in contract.INOVASI_COLUMNS if c.key not in _READ_ONLY), "lokasi_sumber"]
PEJABAT_FRAME_COLUMNS = [c.key for c in contract.PEJABAT_COLUMNS]


def merge_urusan(records: Records) -> None:
    """Urusan Utama first, then the other affairs (the IID application's two columns), once each."""
    others = records.pop("urusan_lain", None)
    if others is None:
        return
    merged = []
    for main, extra in zip(records["urusan"], others):
        names = [n for n in (main or "").split(contract.MULTI_SEP) + (extra or "").split(contract.MULTI_SEP) if n]
        merged.append(contract.MULTI_SEP.join(dict.fromkeys(names)) or None)
    records["urusan"] = merged


def typed_innovations(records: Records) -> pd.DataFrame:
    frame = pd.DataFrame({key: records[key] for key in [*INOVASI_FRAME_COLUMNS, "baris"]}, dtype=object)
    for key in ("tanggal_uji_coba", "tanggal_penerapan"):
        frame[key] = pd.to_datetime(frame[key], errors="coerce").astype("datetime64[ns]")
    for key in ("anggaran_tahun_berjalan", "anggaran_tahun_lalu", "anggaran_dua_tahun_lalu", "kematangan_iid"):
        frame[key] = frame[key].astype("float64")
    for key in ("jumlah_replikasi", "jumlah_penerima_manfaat"):
        frame[key] = pd.array(records[key], dtype="Int64")
    frame["ada_sop"] = pd.array(records["ada_sop"], dtype="boolean")
    frame["baris"] = frame["baris"].astype("int64")
    return frame


def typed_officials(records: Records) -> pd.DataFrame:
    frame = pd.DataFrame({key: records[key] for key in [*PEJABAT_FRAME_COLUMNS, "baris"]}, dtype=object)
    frame["kelas_jabatan"] = pd.array(records["kelas_jabatan"], dtype="Int64")
    frame["tpp_dasar"] = frame["tpp_dasar"].astype("float64")
    frame["baris"] = frame["baris"].astype("int64")
    return frame


