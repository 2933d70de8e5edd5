"""Storage: every test runs on SQLite and on PostgreSQL (the `db_url` fixture of conftest.py).

SubmissionData is built by hand here (frames with the columns of docs/frames.md), so these tests
depend on nothing but the store.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
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
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import IntegrityError

from analytics import contract, schema
from analytics import store as store_module
from analytics.model import SubmissionData
from analytics.schema import INNOVATION_FIELDS, OFFICIAL_FIELDS, metadata
from analytics.store import (
    Store,
    StoreResult,
    UnknownSubmissionError,
    UnknownUnitError,
    alembic_config,
    default_database_url,
)

# ------------------------------------------------------------------------------------------------
# Building submissions by hand
# ------------------------------------------------------------------------------------------------
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
    for name in ("anggaran_tahun_berjalan", "anggaran_tahun_lalu", "anggaran_dua_tahun_lalu"):
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


@pytest.fixture
def kudus(store: Store) -> Store:
    """A store whose unit list is exactly UNITS."""
    store.replace_units(UNITS, actor="admin")
    return store


# ------------------------------------------------------------------------------------------------
# Schema and migrations
# ------------------------------------------------------------------------------------------------
def test_every_contract_column_has_a_database_column():
    skip = {"no", "nama_unit", "tahun"}  # 'no' is ignored; the other two come from the submission
    assert {c.key for c in contract.INOVASI_COLUMNS} - skip <= set(INNOVATION_FIELDS)
    assert {c.key for c in contract.PEJABAT_COLUMNS} <= set(OFFICIAL_FIELDS)
    assert set(INNOVATION_FIELDS) - {c.key for c in contract.INOVASI_COLUMNS} == {"baris"}
    assert set(OFFICIAL_FIELDS) - {c.key for c in contract.PEJABAT_COLUMNS} == {"baris"}


def test_migrated_database_matches_schema_module(store: Store):
    with store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
        heads = set(ScriptDirectory.from_config(alembic_config()).get_heads())  # features branch off 0001
        assert set(MigrationContext.configure(conn).get_current_heads()) == heads
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
# Store, replace, unchanged, history, restore
# ------------------------------------------------------------------------------------------------
def test_first_upload_is_stored(kudus: Store):
    assert kudus.is_empty()
    sub = make_submission(n=4, m=3)
    result = kudus.store_submission(sub, actor="analis@kudus")
    assert (result.action, result.unit_kode, result.tahun) == ("stored", "opd.dinkes", 2024)
    assert (result.innovations, result.officials) == (4, 3)
    assert not kudus.is_empty()
    pd.testing.assert_frame_equal(contract_part(kudus.innovations(), INNOVATION_FIELDS), sub.innovations)
    pd.testing.assert_frame_equal(contract_part(kudus.officials(), OFFICIAL_FIELDS), sub.officials)
    assert kudus.years() == [2024]


def test_second_upload_replaces_the_first_and_history_keeps_both(kudus: Store):
    first = kudus.store_submission(make_submission(tag="v1", n=5), actor="ani")
    other = kudus.store_submission(make_submission("kec.jati", tag="x", n=2), actor="ani")
    second = kudus.store_submission(make_submission(tag="v2", n=2, m=1), actor="budi")
    assert second.action == "replaced" and second.submission_id != first.submission_id
    current = kudus.innovations()
    dinkes = current[current["unit_kode"] == "opd.dinkes"]
    assert sorted(dinkes["nama_inovasi"]) == ["Inovasi v2 nomor 0", "Inovasi v2 nomor 1"]
    assert (dinkes["submission_id"] == second.submission_id).all()
    assert (current["unit_kode"] == "kec.jati").sum() == 2  # the other unit is untouched
    assert len(kudus.officials().query("unit_kode == 'opd.dinkes'")) == 1
    history = kudus.history("opd.dinkes", 2024)
    assert list(history["submission_id"]) == [second.submission_id, first.submission_id]  # newest first
    assert list(history["is_current"]) == [True, False]
    assert list(history["uploaded_by"]) == ["budi", "ani"]
    assert list(history["innovations"]) == [2, 5]
    assert set(history["unit_nama"]) == {"Dinas Kesehatan"}
    assert history["uploaded_at"].dt.tz is not None
    assert len(kudus.history()) == 3 and len(kudus.history(tahun=2023)) == 0
    # the old version's rows are still there for the history view
    assert len(kudus.submission_innovations(first.submission_id)) == 5
    assert other.action == "stored"


def test_same_file_twice_changes_nothing(kudus: Store):
    sub = make_submission(n=4)
    first = kudus.store_submission(sub, actor="ani")
    counts = (row_count(kudus, schema.submissions), row_count(kudus, schema.innovations),
              row_count(kudus, schema.officials))
    again = kudus.store_submission(make_submission(n=4), actor="budi")
    assert again.action == "unchanged"
    assert (again.submission_id, again.innovations, again.officials) == (first.submission_id, 4, 2)
    assert counts == (row_count(kudus, schema.submissions), row_count(kudus, schema.innovations),
                      row_count(kudus, schema.officials))
    assert kudus.history()["uploaded_by"].tolist() == ["ani"]
    assert kudus.audit_log(limit=1)["action"].tolist() == ["store.unchanged"]


def test_restore_makes_an_earlier_version_current_again(kudus: Store):
    v1 = kudus.store_submission(make_submission(tag="v1", n=3), actor="ani")
    v2 = kudus.store_submission(make_submission(tag="v2", n=6), actor="budi")
    restored = kudus.restore(v1.submission_id, actor="admin")
    assert (restored.action, restored.submission_id, restored.innovations) == ("restored", v1.submission_id, 3)
    assert restored.officials == 2
    current = kudus.innovations()
    pd.testing.assert_frame_equal(contract_part(current, INNOVATION_FIELDS),
                                  make_submission(tag="v1", n=3).innovations)
    assert set(current["submission_id"]) == {v1.submission_id}
    flags = kudus.history().set_index("submission_id")["is_current"]
    assert flags[v1.submission_id] and not flags[v2.submission_id]
    assert kudus.restore(v1.submission_id, actor="admin").action == "unchanged"
    # uploading v1's file again is now "unchanged"; v2's file replaces again
    assert kudus.store_submission(make_submission(tag="v1", n=3), actor="a").action == "unchanged"
    assert kudus.store_submission(make_submission(tag="v2", n=6), actor="a").action == "replaced"
    with pytest.raises(UnknownSubmissionError):
        kudus.restore(987654, actor="admin")


def test_unknown_unit_is_refused_and_nothing_is_stored(kudus: Store):
    with pytest.raises(UnknownUnitError):
        kudus.store_submission(make_submission("opd.tidak-ada"), actor="ani")
    assert kudus.is_empty()
    assert kudus.audit_log(limit=1).iloc[0][["action", "outcome"]].tolist() == ["store.failed", "error"]


def test_store_many_uses_one_transaction_each(kudus: Store):
    good = make_submission("kec.bae", 2023)
    results = kudus.store_many([good, make_submission("kec.jati", 2023)], actor="ani")
    assert [r.action for r in results] == ["stored", "stored"]
    with pytest.raises(UnknownUnitError):
        kudus.store_many([make_submission("kec.bae", 2024), make_submission("opd.x", 2024)], actor="ani")
    assert sorted(kudus.history()["unit_kode"] + "/" + kudus.history()["tahun"].astype(str)) == [
        "kec.bae/2023", "kec.bae/2024", "kec.jati/2023"]


def test_roster_years_and_filters(kudus: Store):
    kudus.store_submission(make_submission("kec.jati", 2023, m=2), actor="a")
    kudus.store_submission(make_submission("kec.jati", 2024, m=3), actor="a")
    kudus.store_submission(make_submission("opd.dinkes", 2024, m=1), actor="a")
    assert kudus.roster("kec.jati") == {official_record(i)["nip"] for i in range(3)}
    assert kudus.roster("bumd.tirta-muria") == set()
    assert kudus.years() == [2023, 2024]
    assert set(kudus.innovations(2023)["tahun"]) == {2023}
    assert len(kudus.officials(2024)) == 4


def test_result_messages_in_both_languages(kudus: Store):
    result = kudus.store_submission(make_submission(n=2, m=1), actor="a")
    assert result.message("id", unit_name="Dinas Kesehatan") == (
        "Dinas Kesehatan 2024: tersimpan (2 inovasi, 1 pejabat).")
    assert "stored (2 innovations, 1 officials)" in result.message("en")
    restored = StoreResult("restored", "opd.dinkes", 2024, 7, 2, 1)
    assert "#7" in restored.message("id")


# ------------------------------------------------------------------------------------------------
# Atomicity
# ------------------------------------------------------------------------------------------------
def test_failure_in_the_middle_leaves_the_previous_data_intact(kudus: Store, monkeypatch):
    v1 = make_submission(tag="v1", n=4, m=2)
    kudus.store_submission(v1, actor="ani")
    before = (kudus.innovations(), kudus.officials(), kudus.history())
    version = kudus.data_version()

    def explode(self, conn, rows):
        raise RuntimeError("disk full while writing officials")

    monkeypatch.setattr(Store, "_insert_officials", explode)
    with pytest.raises(RuntimeError, match="disk full"):
        kudus.store_submission(make_submission(tag="v2", n=7, m=3), actor="budi")
    with pytest.raises(RuntimeError):  # a unit's very first upload: nothing at all may remain
        kudus.store_submission(make_submission("kec.bae", n=5), actor="budi")
    monkeypatch.undo()

    pd.testing.assert_frame_equal(kudus.innovations(), before[0])
    pd.testing.assert_frame_equal(kudus.officials(), before[1])
    pd.testing.assert_frame_equal(kudus.history(), before[2])
    assert row_count(kudus, schema.innovations) == 4 and row_count(kudus, schema.submissions) == 1
    failures = kudus.audit_log(limit=2)
    assert failures["action"].tolist() == ["store.failed"] * 2
    assert json.loads(failures["detail"].iloc[1])["error"] == "RuntimeError"
    assert kudus.data_version() > version
    # and it works again afterwards
    assert kudus.store_submission(make_submission(tag="v2", n=7, m=3), actor="budi").action == "replaced"


def test_a_row_the_database_rejects_rolls_back_the_whole_submission(kudus: Store):
    kudus.store_submission(make_submission(tag="v1", n=3), actor="ani")
    bad = make_submission(tag="v2", n=5)
    bad.innovations.loc[4, "nama_inovasi"] = None  # NOT NULL, discovered by the database
    with pytest.raises(IntegrityError):
        kudus.store_submission(bad, actor="budi")
    assert set(kudus.innovations()["nama_inovasi"].str.slice(0, 10)) == {"Inovasi v1"}
    assert row_count(kudus, schema.innovations) == 3 and len(kudus.history()) == 1


# ------------------------------------------------------------------------------------------------
# Concurrency
# ------------------------------------------------------------------------------------------------
def run_together(jobs: list[Callable[[], StoreResult]]) -> list[StoreResult]:
    """Start all jobs at the same instant in threads; re-raise the first error."""
    barrier = threading.Barrier(len(jobs))
    results: list[StoreResult | None] = [None] * len(jobs)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=30)
            results[i] = jobs[i]()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a writer hung"
    if errors:
        raise errors[0]
    return results  # type: ignore[return-value]


def test_different_units_stored_concurrently_lose_nothing(kudus: Store):
    units = ["opd.dinkes", "opd.disdukcapil", "kec.jati", "kec.bae", "uptd.pkm-jati"]
    subs = [make_submission(u, year, n=20, m=5) for u in units for year in (2023, 2024)]
    results = run_together([lambda s=s: kudus.store_submission(s, actor="ani") for s in subs])
    assert [r.action for r in results] == ["stored"] * len(subs)
    assert len(kudus.innovations()) == 20 * len(subs)
    assert len(kudus.officials()) == 5 * len(subs)
    assert kudus.history()["is_current"].all()


def test_same_unit_and_year_from_two_writers_ends_with_exactly_one_current(db_url: str):
    # Separate Store objects: as two server processes would be.
    stores = [Store(db_url, units_csv=Path("/nonexistent.csv")) for _ in range(4)]
    try:
        stores[0].replace_units(UNITS, actor="admin")
        subs = [make_submission(tag=f"writer{i}", n=30) for i in range(4)]
        results = run_together([lambda i=i: stores[i].store_submission(subs[i], actor=f"w{i}") for i in range(4)])
        assert sorted(r.action for r in results) == ["replaced"] * 3 + ["stored"]
        history = stores[0].history("opd.dinkes", 2024)
        assert len(history) == 4 and history["is_current"].sum() == 1
        current_id = int(history.loc[history["is_current"], "submission_id"].iloc[0])
        assert current_id == max(r.submission_id for r in results)  # the last writer wins
        assert set(stores[0].innovations()["submission_id"]) == {current_id}

        same = make_submission(tag="same", n=10)
        results = run_together([lambda i=i: stores[i].store_submission(same, actor=f"w{i}") for i in range(4)])
        assert sorted(r.action for r in results) == ["replaced"] + ["unchanged"] * 3
        assert len({r.submission_id for r in results}) == 1
        assert stores[0].history("opd.dinkes", 2024)["is_current"].sum() == 1
    finally:
        for instance in stores:
            instance.close()


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
    "status": st.sampled_from(contract.STATUS),
    "tautan_bukti": st.none() | st.from_regex(r"\Ahttps://[a-z]{1,12}\.go\.id/[a-z0-9/]{0,20}\Z"),
    "keterangan": maybe_text,
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
        assert list(frame.columns) == ["id", "submission_id", "unit_kode", "tahun", *INNOVATION_FIELDS]
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
        **typed_innovations([]).dtypes.to_dict(),
    }
    assert pejabat.dtypes.to_dict() == {
        "id": "int64", "submission_id": "int64", "unit_kode": "str", "tahun": "int64",
        **typed_officials([]).dtypes.to_dict(),
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
# Data version and audit
# ------------------------------------------------------------------------------------------------
def test_data_version_increases_on_every_write(kudus: Store):
    seen = [kudus.data_version()]

    def wrote() -> None:
        seen.append(kudus.data_version())
        assert seen[-1] > seen[-2], seen

    kudus.store_submission(make_submission(tag="v1"), actor="a")
    wrote()
    kudus.store_submission(make_submission(tag="v2"), actor="a")
    wrote()
    kudus.store_submission(make_submission(tag="v2"), actor="a")  # unchanged, but audited
    wrote()
    kudus.restore(int(kudus.history()["submission_id"].iloc[-1]), actor="a")
    wrote()
    kudus.replace_units(UNITS, actor="admin")
    wrote()
    kudus.record_event(actor="admin", action="auth.login")
    wrote()
    kudus.innovations(), kudus.history(), kudus.units(), kudus.audit_log()  # reads change nothing
    assert kudus.data_version() == seen[-1]


def test_audit_log_records_who_did_what(kudus: Store):
    kudus.store_submission(make_submission(), actor="ani@kudus")
    kudus.record_event(actor="budi", action="export.pdf", target="dasbor", detail={"halaman": 3, "lang": "id"})
    log = kudus.audit_log()
    assert log["action"].tolist()[:3] == ["export.pdf", "store.stored", "units.replace"]
    assert log["id"].is_monotonic_decreasing
    assert json.loads(log["detail"].iloc[0]) == {"halaman": 3, "lang": "id"}
    stored = json.loads(log["detail"].iloc[1])
    assert stored["innovations"] == 3 and stored["file_name"].endswith(".xlsx")
    assert log["actor"].iloc[1] == "ani@kudus" and log["target"].iloc[1] == "opd.dinkes/2024"
    assert str(log["at"].dtype) == "datetime64[us, UTC]"
    assert len(kudus.audit_log(limit=2)) == 2


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


def test_store_talks_only_bound_parameters(kudus: Store):
    """Hostile text is data, never SQL."""
    hostile = "x'); DROP TABLE innovations; --"
    sub = make_submission("kec.jati")
    sub.innovations.loc[0, "keterangan"] = hostile
    sub.file_name = hostile + ".xlsx"
    kudus.store_submission(sub, actor=hostile)
    assert kudus.innovations()["keterangan"].iloc[0] == hostile
    assert kudus.history()[["file_name", "uploaded_by"]].iloc[0].tolist() == [hostile + ".xlsx", hostile]
    with kudus.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM innovations")).scalar_one() == 3
