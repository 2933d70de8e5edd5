"""Issue 12, finding 8 and the tamper-evident audit log (analytics/store/audit_chain.py,
migration 0004_audit_chain), on SQLite and PostgreSQL alike.

The triggers refuse UPDATE, DELETE, REPLACE/upsert and TRUNCATE (REPLACE on SQLite and TRUNCATE
on PostgreSQL got through before).  Someone who owns the table can still drop the triggers;
then `audit verify` names the first event changed, removed or inserted."""

from __future__ import annotations

import json

import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from analytics.cli import main
from analytics.store import Store, alembic_config


@pytest.fixture
def logged(store: Store) -> Store:
    for number in range(1, 6):
        store.record_event(actor=f"orang{number}", action="test.event", target=f"t{number}",
                           detail={"n": number, "teks": "é ✓"}, bump_version=number % 2 == 0)
    return store


def postgresql(store: Store) -> bool:
    return store.engine.dialect.name == "postgresql"


def execute(store: Store, sql: str, **params) -> None:
    with store.engine.begin() as conn:
        conn.execute(text(sql), params)


def ids(store: Store) -> list[int]:
    return sorted(store.audit_log()["id"].tolist())


def verify(store: Store, db_url: str, capsys) -> tuple[int, dict]:
    code = main(["audit", "verify", "--db", db_url, "--json", "--lang", "en"])
    return code, json.loads(capsys.readouterr().out)


def test_an_untouched_log_verifies_and_its_head_is_exposed(logged: Store, db_url: str, capsys) -> None:
    code, report = verify(logged, db_url, capsys)
    assert code == 0 and report["ok"] and report["events"] == len(ids(logged))
    head = logged.audit_chain_head()
    assert (report["head_seq"], report["head_hash"]) == (head.seq, head.hash) and len(head.hash) == 64
    logged.record_event(actor="lagi", action="test.event")
    assert logged.audit_chain_head().seq == head.seq + 1 and logged.verify_audit_chain().ok


STATEMENTS = {
    "update": "UPDATE audit_events SET actor = 'bukan-saya' WHERE id = :id",
    "delete": "DELETE FROM audit_events WHERE id = :id",
    "upsert": ("INSERT INTO audit_events (id, at, actor, action, target, outcome, detail) "
               "VALUES (:id, '2020-01-01 00:00:00', 'x', 'x', '', 'ok', '{}') "
               "ON CONFLICT (id) DO UPDATE SET actor = 'x'"),
    "replace": ("REPLACE INTO audit_events (id, at, actor, action, target, outcome, detail) "
                "VALUES (:id, '2020-01-01 00:00:00', 'x', 'x', '', 'ok', '{}')"),
    "insert in the middle": ("INSERT INTO audit_events (id, at, actor, action, target, outcome, detail) "
                             "VALUES (:id, '2020-01-01 00:00:00', 'x', 'x', '', 'ok', '{}')"),
    "truncate": "TRUNCATE audit_events",
}


@pytest.mark.parametrize("attack", list(STATEMENTS))
def test_the_database_refuses_every_way_of_rewriting_the_log(logged: Store, attack: str) -> None:
    if attack == "replace" and postgresql(logged) or attack == "truncate" and not postgresql(logged):
        pytest.skip("statement of the other database")
    before = logged.audit_log()
    victim = 0 if attack == "insert in the middle" else ids(logged)[2]  # 0: before every event
    with pytest.raises(DBAPIError, match="append-only"):
        execute(logged, STATEMENTS[attack], id=victim)
    assert logged.audit_log().equals(before)
    assert logged.verify_audit_chain().ok


def drop_the_triggers(store: Store) -> None:
    """What a table owner could still do: the chain is what shows it."""
    if postgresql(store):
        execute(store, "ALTER TABLE audit_events DISABLE TRIGGER USER")
    else:
        for name in ("update", "delete", "replace"):
            execute(store, f"DROP TRIGGER audit_events_no_{name}")


def test_verify_names_an_edited_event(logged: Store, db_url: str, capsys) -> None:
    drop_the_triggers(logged)
    victim = ids(logged)[3]
    execute(logged, "UPDATE audit_events SET detail = '{\"n\": 99}' WHERE id = :id", id=victim)
    code, report = verify(logged, db_url, capsys)
    assert code == 1 and (report["problem"], report["event_id"]) == ("changed", victim)
    assert f"event id {victim}" in report["message"] and "changed" in report["message"]


def test_verify_names_an_edit_whose_hash_was_recomputed(logged: Store) -> None:
    """Rewriting one event's hash too leaves the next event's link pointing at the old one."""
    from analytics.store.audit_chain import link

    drop_the_triggers(logged)
    victim = ids(logged)[2]
    with logged.engine.begin() as conn:
        row = conn.execute(text("SELECT chain_seq, prev_hash, at, target, outcome, detail FROM audit_events "
                                "WHERE id = :id"), {"id": victim}).one()
        forged = link(row.prev_hash, row.chain_seq, at=row.at, actor="pemalsu", action="test.event",
                      target=row.target, outcome=row.outcome, detail=row.detail)
        conn.execute(text("UPDATE audit_events SET actor = 'pemalsu', hash = :h WHERE id = :id"),
                     {"h": forged, "id": victim})
    report = logged.verify_audit_chain()
    assert (report.ok, report.problem, report.event_id) == (False, "changed", victim)


@pytest.mark.parametrize("where", ["middle", "last"])
def test_verify_names_a_removed_event(logged: Store, db_url: str, capsys, where: str) -> None:
    drop_the_triggers(logged)
    all_ids = ids(logged)
    victim = all_ids[2] if where == "middle" else all_ids[-1]
    execute(logged, "DELETE FROM audit_events WHERE id = :id", id=victim)
    code, report = verify(logged, db_url, capsys)
    assert code == 1 and report["problem"] == "removed"
    assert report["event_id"] == (all_ids[3] if where == "middle" else None)
    assert report["seq"] == all_ids.index(victim) + 1


def test_verify_names_an_inserted_event(logged: Store, db_url: str, capsys) -> None:
    drop_the_triggers(logged)
    execute(logged, "INSERT INTO audit_events (at, actor, action, target, outcome, detail) "
                    "VALUES ('2026-01-01 00:00:00.000000', 'penyusup', 'store.stored', '', 'ok', '{}')")
    inserted = ids(logged)[-1]
    code, report = verify(logged, db_url, capsys)
    assert code == 1 and (report["problem"], report["event_id"]) == ("inserted", inserted)


def test_verify_names_an_event_inserted_with_a_forged_place_in_the_chain(logged: Store) -> None:
    from analytics.store.audit_chain import chain_head, link

    drop_the_triggers(logged)
    head = chain_head(logged)
    event = {"at": "2026-01-01 00:00:00.000000", "actor": "penyusup", "action": "store.stored", "target": "",
             "outcome": "ok", "detail": "{}"}
    execute(logged, "INSERT INTO audit_events (at, actor, action, target, outcome, detail, chain_seq, prev_hash, hash) "
                    "VALUES (:at, :actor, :action, :target, :outcome, :detail, :seq, :prev, :hash)",
            **event, seq=head.seq + 1, prev=head.hash, hash=link(head.hash, head.seq + 1, **event))
    report = logged.verify_audit_chain()  # the recorded head was not moved: the event is not the store's
    assert (report.ok, report.problem, report.event_id) == (False, "inserted", ids(logged)[-1])


def test_existing_events_are_chained_by_the_migration(db_url: str) -> None:
    engine = create_engine(db_url)
    with engine.begin() as conn:
        command.upgrade(alembic_config(connection=conn), "0003_merge_heads")
        for number in range(3):
            conn.execute(text("INSERT INTO audit_events (at, actor, action, target, outcome, detail) "
                              "VALUES (:at, :actor, 'lama', '', 'ok', '{}')"),
                         {"at": f"2025-0{number + 1}-01 10:00:00", "actor": f"lama{number}"})
    engine.dispose()
    store = Store(db_url)
    report = store.verify_audit_chain()
    assert report.ok and report.events >= 4  # three old events + the unit list's seeding
    store.close()
