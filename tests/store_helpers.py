"""Storage tests' submissions, built by hand (frames with the columns of docs/frames.md), so the
storage tests depend on nothing but the store."""

from __future__ import annotations

import hashlib
from datetime import date

import pandas as pd
from sqlalchemy import func, select

from analytics import store as store_module
from analytics.intake import contract
from analytics.intake.model import SubmissionData
from analytics.store import Store
from analytics.store.schema import INNOVATION_FIELDS, OFFICIAL_FIELDS

UNITS = pd.DataFrame(
    [
        ("opd.dinkes", "Dinas Kesehatan", "DKK;Dinkes", "OPD", "", "", True),
        ("opd.disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", "OPD", "", "", True),
        ("kec.jati", "Kecamatan Jati", "Kec. Jati", "Kecamatan", "", "Jati", True),
        ("kec.bae", "Kecamatan Bae", "", "Kecamatan", "", "Bae", True),
        ("uptd.pkm-jati", "UPTD Puskesmas Jati", "", "UPTD", "opd.dinkes", "Jati", True),
        ("bumd.tirta-muria", "Perumda Air Minum Tirta Muria", "PDAM", "BUMD", "", "", False),
    ],
    columns=["kode", "nama", "singkatan", "jenis_unit", "induk_kode", "kecamatan", "aktif"],
)

TEXT_INNOVATION = [f for f in INNOVATION_FIELDS if store_module.INNOVATION_KINDS[f] == "text"]
TEXT_OFFICIAL = [f for f in OFFICIAL_FIELDS if store_module.OFFICIAL_KINDS[f] == "text"]


def typed_innovations(records: list[dict]) -> pd.DataFrame:
    """An innovations frame with the dtypes docs/frames.md promises (independent of the store)."""
    frame = pd.DataFrame.from_records(records, columns=list(INNOVATION_FIELDS))
    for name in TEXT_INNOVATION:
        frame[name] = frame[name].astype("str")
    for name in ("tanggal_uji_coba", "tanggal_penerapan"):
        frame[name] = pd.to_datetime(frame[name]).astype("datetime64[ns]")
    for name in ("anggaran_tahun_berjalan", "anggaran_tahun_lalu", "anggaran_dua_tahun_lalu", "kematangan_iid"):
        frame[name] = frame[name].astype("float64")
    frame["ada_sop"] = pd.array(frame["ada_sop"], dtype="boolean")
    for name in ("jumlah_replikasi", "jumlah_penerima_manfaat", "baris"):
        frame[name] = pd.array(frame[name], dtype="Int64")
    return frame


def typed_officials(records: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records, columns=list(OFFICIAL_FIELDS))
    for name in TEXT_OFFICIAL:
        frame[name] = frame[name].astype("str")
    frame["kelas_jabatan"] = pd.array(frame["kelas_jabatan"], dtype="Int64")
    frame["tpp_dasar"] = frame["tpp_dasar"].astype("float64")
    frame["baris"] = pd.array(frame["baris"], dtype="Int64")
    return frame


def innovation_record(i: int, tag: str = "v1") -> dict:
    tahapan = contract.TAHAPAN[i % 3]
    return {
        "nama_inovasi": f"Inovasi {tag} nomor {i}",
        "tahapan": tahapan,
        "jenis": contract.JENIS[i % 2],
        "bentuk": contract.BENTUK[i % 3],
        "inisiator": contract.INISIATOR[i % 5],
        "urusan": ";".join(contract.URUSAN[i % 6: i % 6 + 1 + i % 2]),
        "nip_penggagas": "" if i % 3 == 0 else f"19800101200501{i % 10000:04d}",
        "nama_penggagas": None if i % 4 == 0 else f"Penggagas {i}",
        "tanggal_uji_coba": None if tahapan == "Inisiatif" else date(2022, 1 + i % 12, 1 + i % 28),
        "tanggal_penerapan": date(2023, 1 + i % 12, 1 + i % 28) if tahapan == "Penerapan" else None,
        "lokasi_kecamatan": contract.SELURUH_KABUPATEN if i % 5 == 0 else "Jati;Bae",
        "dasar_hukum": None if i % 2 else contract.DASAR_HUKUM[i % 5],
        "nomor_dasar_hukum": None if i % 2 else f"{i}/2023",
        "anggaran_tahun_berjalan": None if i % 3 == 1 else 1_500_000.0 * i,
        "anggaran_tahun_lalu": 0.0,
        "anggaran_dua_tahun_lalu": None,
        "ada_sop": [True, False, None][i % 3],
        "jumlah_replikasi": None if i % 4 == 3 else i,
        "jumlah_penerima_manfaat": 10_000 * i,
        "monev": None if i % 2 else contract.MONEV[i % 4],
        "status": contract.STATUS[i % 2],
        "tautan_bukti": None if i % 2 else f"https://kuduskab.go.id/inovasi/{i}",
        "keterangan": "Catatan dengan 'kutip' dan \"petik\"; -- DROP TABLE units;" if i == 1 else None,
        "baris": i + 2,
    }


def official_record(i: int) -> dict:
    return {
        "nip": f"19750505200003{i % 10000:04d}",
        "nama": f"Pejabat {i}",
        "jabatan": "Kepala Seksi",
        "jenis_jabatan": None if i % 3 == 0 else contract.JENIS_JABATAN[i % 5],
        "kelas_jabatan": None if i % 4 == 0 else 1 + i % 17,
        "tpp_dasar": None if i % 2 else 2_750_000.0 + i,
        "baris": i + 2,
    }


def make_submission(
    unit_kode: str = "opd.dinkes", tahun: int = 2024, *, tag: str = "v1", n: int = 3, m: int = 2
) -> SubmissionData:
    content_hash = hashlib.sha256(f"{unit_kode}|{tahun}|{tag}|{n}|{m}".encode()).hexdigest()
    return SubmissionData(
        unit_kode=unit_kode,
        tahun=tahun,
        file_name=f"inovasi_{unit_kode}_{tahun}_{tag}.xlsx",
        content_hash=content_hash,
        innovations=typed_innovations([innovation_record(i, tag) for i in range(n)]),
        officials=typed_officials([official_record(i) for i in range(m)]),
        profil={"nama_operator": "Operator", "telepon": "0291-123", "tanggal": date(2024, 3, 1)},
    )


def contract_part(frame: pd.DataFrame, fields) -> pd.DataFrame:
    return frame[list(fields)].reset_index(drop=True)


def row_count(store: Store, table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()
