"""Storage schema, on SQLite and on PostgreSQL (the `db_url` fixture of conftest.py): migrations,
every column's dtype round trip, the unit list, database URLs.  Writes are tests/test_store.py.
"""

from __future__ import annotations

import json
from datetime import date
from itertools import count
from pathlib import Path

import pandas as pd
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from store_helpers import UNITS, contract_part, innovation_record, make_submission, typed_innovations, typed_officials

from analytics import store as store_module
from analytics.intake import contract
from analytics.intake.model import SubmissionData
from analytics.store import Store, alembic_config, default_database_url, schema
from analytics.store.schema import INNOVATION_FIELDS, OFFICIAL_FIELDS, metadata


@pytest.fixture
def kudus(store: Store) -> Store:
    """A store whose unit list is exactly UNITS."""
    store.replace_units(UNITS, actor="admin")
    return store


# ------------------------------------------------------------------------------------------------
# Schema and migrations
# ------------------------------------------------------------------------------------------------
def test_every_contract_column_has_a_database_column():
    # "no" is ignored; unit and year come from the submission; urusan_lain is merged into urusan
    skip = {"no", "nama_unit", "tahun", "urusan_lain"}
    assert {c.key for c in contract.INOVASI_COLUMNS} - skip <= set(INNOVATION_FIELDS)
    assert {c.key for c in contract.PEJABAT_COLUMNS} <= set(OFFICIAL_FIELDS)
    # baris: the Excel row; lokasi_sumber: set when the kecamatan was derived (IID coordinates)
    assert set(INNOVATION_FIELDS) - {c.key for c in contract.INOVASI_COLUMNS} == {"baris", "lokasi_sumber"}
    assert set(OFFICIAL_FIELDS) - {c.key for c in contract.PEJABAT_COLUMNS} == {"baris"}


def test_migrated_database_matches_schema_module(store: Store):
    with store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
        head = ScriptDirectory.from_config(alembic_config()).get_current_head()  # fails on two heads
        assert MigrationContext.configure(conn).get_current_heads() == (head,)
    assert differences == []


def test_migrations_are_idempotent_and_reversible(db_url: str):
    first = Store(db_url, units_csv=Path("/nonexistent.csv"))
    first.close()
    again = Store(db_url, units_csv=Path("/nonexistent.csv"))  # already at head: nothing to do
    with again.engine.begin() as conn:
        command.downgrade(alembic_config(connection=conn), "base")
    with again.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() is None
    again.close()
    back = Store(db_url, units_csv=Path("/nonexistent.csv"))
    assert back.is_empty() and back.data_version() == 0
    back.close()


def test_in_memory_sqlite_works():
    memory = Store("sqlite://", units_csv=Path("/nonexistent.csv"))
    memory.replace_units(UNITS, actor="admin")
    assert memory.store_submission(make_submission(), actor="a").action == "stored"
    assert len(memory.innovations()) == 3
    memory.close()


def test_only_one_current_submission_per_unit_and_year_is_enforced_by_the_database(kudus: Store):
    kudus.store_submission(make_submission(tag="v1"), actor="a")
    kudus.store_submission(make_submission(tag="v2"), actor="a")
    with pytest.raises(IntegrityError), kudus.engine.begin() as conn:
        conn.execute(update(schema.submissions).values(is_current=True))


def test_foreign_keys_are_enforced_and_sqlite_is_set_up_for_concurrency(store: Store):
    with pytest.raises(IntegrityError), store.engine.begin() as conn:
        conn.execute(schema.submissions.insert().values(
            unit_kode="opd.tidak-ada", tahun=2024, file_name="f", content_hash="h", uploaded_by="a",
            uploaded_at=pd.Timestamp("2024-01-01").to_pydatetime(), source="upload", is_current=True,
            jumlah_inovasi=0, jumlah_pejabat=0,
        ))
    if store.dialect == "sqlite":
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000


# ------------------------------------------------------------------------------------------------
# Dtype round trip (hypothesis)
# ------------------------------------------------------------------------------------------------
plain_text = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=40)
maybe_text = st.none() | plain_text
nip = st.from_regex(r"\A[0-9]{18}\Z")
money = st.none() | st.floats(min_value=0, max_value=1e15, allow_nan=False, allow_infinity=False)
a_date = st.none() | st.dates(min_value=date(2015, 1, 1), max_value=date(2031, 12, 31))
whole = st.none() | st.integers(min_value=0, max_value=2**62)

innovation_strategy = st.fixed_dictionaries({
    "nama_inovasi": plain_text.filter(bool),
    "tahapan": st.sampled_from(contract.TAHAPAN),
    "jenis": st.sampled_from(contract.JENIS),
    "bentuk": st.sampled_from(contract.BENTUK),
    "inisiator": st.sampled_from(contract.INISIATOR),
    "urusan": st.lists(st.sampled_from(contract.URUSAN), min_size=1, max_size=3, unique=True).map(";".join),
    "nip_penggagas": st.lists(nip, max_size=3).map(";".join),
    "nama_penggagas": maybe_text,
    "tanggal_uji_coba": a_date,
    "tanggal_penerapan": a_date,
    "lokasi_kecamatan": st.just(contract.SELURUH_KABUPATEN)
    | st.lists(st.sampled_from([k.nama for k in contract.KECAMATAN]), min_size=1, max_size=9,
               unique=True).map(";".join),
    "dasar_hukum": st.none() | st.sampled_from(contract.DASAR_HUKUM),
    "nomor_dasar_hukum": maybe_text,
    "anggaran_tahun_berjalan": money,
    "anggaran_tahun_lalu": money,
    "anggaran_dua_tahun_lalu": money,
    "ada_sop": st.none() | st.booleans(),
    "jumlah_replikasi": whole,
    "jumlah_penerima_manfaat": whole,
    "monev": st.none() | st.sampled_from(contract.MONEV),
    "status": st.none() | st.sampled_from(contract.STATUS),
    "tautan_bukti": st.none() | st.from_regex(r"\Ahttps://[a-z]{1,12}\.go\.id/[a-z0-9/]{0,20}\Z"),
    "keterangan": maybe_text,
    "kematangan_iid": st.none() | st.floats(min_value=0, max_value=100).map(lambda x: round(x, 2)),
    "koordinat": st.none() | st.just("-6.804000, 110.844000"),
    "lokasi_sumber": st.none() | st.just("koordinat"),
    "baris": st.integers(min_value=2, max_value=1_048_576),
})
official_strategy = st.fixed_dictionaries({
    "nip": nip,
    "nama": plain_text.filter(bool),
    "jabatan": plain_text.filter(bool),
    "jenis_jabatan": st.none() | st.sampled_from(contract.JENIS_JABATAN),
    "kelas_jabatan": st.none() | st.integers(min_value=1, max_value=17),
    "tpp_dasar": money,
    "baris": st.integers(min_value=2, max_value=100_000),
})
_hashes = count()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(innovation_strategy, max_size=6), people=st.lists(official_strategy, max_size=4))
def test_every_column_round_trips_with_its_dtype(kudus: Store, rows, people):
    sub = SubmissionData(
        unit_kode="kec.jati", tahun=2025, file_name="acak.xlsx",
        content_hash=f"hash-{next(_hashes)}",
        innovations=typed_innovations(rows), officials=typed_officials(people),
    )
    result = kudus.store_submission(sub, actor="hypothesis")
    assert result.action in {"stored", "replaced"}

    for frame in (kudus.submission_innovations(result.submission_id), kudus.innovations(2025)):
        assert list(frame.columns)[:4 + len(INNOVATION_FIELDS)] == ["id", "submission_id", "unit_kode", "tahun",
                                                                    *INNOVATION_FIELDS]
        assert (frame["id"].dtype, frame["submission_id"].dtype, frame["tahun"].dtype) == ("int64",) * 3
        ordered = frame.sort_values(["baris", "id"], kind="stable")
        expected = sub.innovations.sort_values("baris", kind="stable")
        pd.testing.assert_frame_equal(contract_part(ordered, INNOVATION_FIELDS),
                                      expected.reset_index(drop=True))
    officials = kudus.officials(2025).sort_values(["baris", "id"], kind="stable")
    pd.testing.assert_frame_equal(contract_part(officials, OFFICIAL_FIELDS),
                                  sub.officials.sort_values("baris", kind="stable").reset_index(drop=True))


def test_frames_have_their_dtypes_even_when_empty(store: Store):
    inovasi, pejabat = store.innovations(), store.officials()
    assert len(inovasi) == 0 and len(pejabat) == 0
    assert inovasi.dtypes.to_dict() == {
        "id": "int64", "submission_id": "int64", "unit_kode": "str", "tahun": "int64",
        **typed_innovations([]).dtypes.to_dict(), "sumber": "str",
    }
    assert pejabat.dtypes.to_dict() == {
        "id": "int64", "submission_id": "int64", "unit_kode": "str", "tahun": "int64",
        **typed_officials([]).dtypes.to_dict(), "sumber": "str",
    }
    assert str(inovasi["tanggal_uji_coba"].dtype) == "datetime64[ns]"
    assert str(inovasi["ada_sop"].dtype) == "boolean"
    assert str(inovasi["jumlah_replikasi"].dtype) == "Int64"


def test_frames_with_loose_dtypes_are_accepted(kudus: Store):
    """Object columns, date strings, floats for counts: stored as the contract's types."""
    records = [innovation_record(i) for i in range(3)]
    loose = pd.DataFrame(records).astype(object)
    loose["tanggal_uji_coba"] = [None, "2023-02-01", pd.Timestamp("2023-03-04")]
    loose["jumlah_replikasi"] = [1.0, None, 3.0]
    loose = loose.drop(columns=["keterangan"])  # a missing optional column is NULL
    sub = SubmissionData("opd.dinkes", 2024, "f.xlsx", "h", loose, pd.DataFrame())
    assert kudus.store_submission(sub, actor="a").officials == 0
    back = kudus.innovations()
    assert back["tanggal_uji_coba"].tolist()[1:] == [pd.Timestamp("2023-02-01"), pd.Timestamp("2023-03-04")]
    assert back["jumlah_replikasi"].tolist() == [1, pd.NA, 3]
    assert back["keterangan"].isna().all()


# ------------------------------------------------------------------------------------------------
# Units: seeding and replacing
# ------------------------------------------------------------------------------------------------
def test_units_are_seeded_from_csv_once(db_url: str, tmp_path: Path):
    csv = tmp_path / "units.csv"
    csv.write_text(
        "\ufeffkode,nama,singkatan,jenis_unit,induk_kode,kecamatan,aktif\n"
        "opd.dinkes,Dinas Kesehatan,DKK;Dinkes,OPD,,,Ya\n"
        "uptd.pkm-jati,UPTD Puskesmas Jati,,uptd,opd.dinkes,Jati,\n"
        "bumd.bpr,PD BPR Bank Pasar,,BUMD,,,Tidak\n",
        encoding="utf-8",
    )
    seeded = Store(db_url, units_csv=csv)
    frame = seeded.units()
    assert frame["kode"].tolist() == ["bumd.bpr", "opd.dinkes", "uptd.pkm-jati"]
    assert frame["aktif"].tolist() == [False, True, True]
    assert frame.loc[2, ["jenis_unit", "induk_kode", "kecamatan"]].tolist() == ["UPTD", "opd.dinkes", "Jati"]
    assert frame.loc[0, "induk_kode"] == "" and frame.loc[1, "singkatan"] == "DKK;Dinkes"
    assert frame.dtypes.to_dict() == {**{c: "str" for c in store_module.UNIT_COLUMNS[:-1]}, "aktif": "bool"}
    seeded.close()
    csv.write_text("kode,nama,jenis_unit\nopd.lain,Dinas Lain,OPD\n", encoding="utf-8")
    reopened = Store(db_url, units_csv=csv)  # not empty any more: not seeded again
    assert reopened.units()["kode"].tolist() == ["bumd.bpr", "opd.dinkes", "uptd.pkm-jati"]
    assert reopened.audit_log()["action"].tolist() == ["units.seed"]
    reopened.close()


def test_replace_units_upserts_and_keeps_referenced_units(kudus: Store):
    kudus.store_submission(make_submission("kec.bae"), actor="a")
    changed = UNITS[~UNITS["kode"].isin(["kec.bae", "bumd.tirta-muria"])].copy()
    changed.loc[changed["kode"] == "opd.dinkes", "nama"] = "Dinas Kesehatan Kabupaten Kudus"
    dawe = pd.DataFrame([["kec.dawe", "Kecamatan Dawe", "", "Kecamatan", "", "Dawe", True]], columns=UNITS.columns)
    changed = pd.concat([changed, dawe], ignore_index=True)
    kudus.replace_units(changed, actor="admin")
    frame = kudus.units().set_index("kode")
    assert frame.loc["opd.dinkes", "nama"] == "Dinas Kesehatan Kabupaten Kudus"
    assert "kec.dawe" in frame.index
    assert "bumd.tirta-muria" not in frame.index  # unreferenced: gone
    assert not frame.loc["kec.bae", "aktif"]  # referenced by a submission: kept, inactive
    assert kudus.history()["unit_nama"].tolist() == ["Kecamatan Bae"]
    detail = json.loads(kudus.audit_log(limit=1)["detail"].iloc[0])
    assert detail == {"added": 1, "updated": 4, "deleted": 1, "deactivated": ["kec.bae"]}


@pytest.mark.parametrize(
    "broken",
    [
        pd.DataFrame({"kode": ["a", "a"], "nama": ["A", "B"], "jenis_unit": ["OPD", "OPD"]}),
        pd.DataFrame({"kode": ["a"], "nama": [""], "jenis_unit": ["OPD"]}),
        pd.DataFrame({"kode": ["a"], "nama": ["A"], "jenis_unit": ["Kelurahan"]}),
        pd.DataFrame({"kode": ["a"], "nama": ["A"]}),
    ],
    ids=["duplicate", "no-name", "bad-jenis", "no-jenis-column"],
)
def test_replace_units_refuses_a_broken_list(kudus: Store, broken: pd.DataFrame):
    before, version = kudus.units(), kudus.data_version()
    with pytest.raises(ValueError):
        kudus.replace_units(broken, actor="admin")
    pd.testing.assert_frame_equal(kudus.units(), before)
    assert kudus.data_version() == version


# ------------------------------------------------------------------------------------------------
# URLs
# ------------------------------------------------------------------------------------------------
def test_url_never_shows_the_password(store: Store, db_url: str):
    assert store.dialect == db_url.split(":")[0].split("+")[0]
    if store.dialect == "postgresql":
        password = db_url.split("://", 1)[1].split("@", 1)[0].partition(":")[2]
        if password:
            assert password not in store.url and password not in repr(store)


def test_default_database_url(monkeypatch, tmp_path: Path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("KUDUS_DATA_DIR", str(tmp_path / "nested" / "data"))
    url = default_database_url()
    assert url == f"sqlite:///{tmp_path / 'nested' / 'data' / 'inovasi.sqlite'}"
    assert (tmp_path / "nested" / "data").is_dir()
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:p@db.example/kudus")
    assert default_database_url() == "postgresql://u:p@db.example/kudus"
    assert store_module.normalise_url(default_database_url()).drivername == "postgresql+psycopg"
