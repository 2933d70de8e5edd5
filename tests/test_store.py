"""Storage writes, on SQLite and on PostgreSQL (the `db_url` fixture of conftest.py): versions
(store, replace, unchanged, restore), atomicity, concurrent writers, the data version and the audit
log, bound parameters.  The schema, the dtypes and the unit list are tests/test_store_schema.py.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from store_helpers import UNITS, contract_part, make_submission, official_record, row_count

from analytics.store import Store, StoreResult, UnknownSubmissionError, UnknownUnitError, schema
from analytics.store.schema import INNOVATION_FIELDS, OFFICIAL_FIELDS


@pytest.fixture
def kudus(store: Store) -> Store:
    """A store whose unit list is exactly UNITS."""
    store.replace_units(UNITS, actor="admin")
    return store


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
