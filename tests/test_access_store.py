"""Every write path of the storage layer × every role, on SQLite and PostgreSQL: allowed or refused,
a refusal changes nothing and is audited."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

import pandas as pd
import pytest
from access_helpers import OTHER_UNIT, OWN_UNIT, make_people, snapshot, submission
from sqlalchemy import update

from analytics.access import ADMIN, KIOSK, OPERATOR, PIMPINAN, Actor, PermissionDenied
from analytics.store import Store
from analytics.store.schema import accounts

RULES_TEXT = "[keberlanjutan]\nambang_berkelanjutan = 70\n"
WRITE_PATHS: dict[str, Callable[[Store, Actor | str], object]] = {
    "store own unit": lambda s, who: s.store_submission(submission(s, OWN_UNIT, name="Baru Sekali"), actor=who),
    "store other unit": lambda s, who: s.store_submission(submission(s, OTHER_UNIT), actor=who),
    "store_many with another unit": lambda s, who: s.store_many(
        [submission(s, OWN_UNIT, name="Dua"), submission(s, OTHER_UNIT)], actor=who),
    "restore": lambda s, who: s.restore(int(s.history()["submission_id"].min()), actor=who),
    "replace units": lambda s, who: s.replace_units(s.units().assign(nama=s.units()["nama"] + " (baru)"), actor=who),
    "create account": lambda s, who: s.accounts.create("budi", role=PIMPINAN, actor=who),
    "change role": lambda s, who: s.accounts.update("tamu", role=ADMIN, actor=who),
    "reset someone's password": lambda s, who: s.accounts.set_password("tamu", "Baru-rahasia-99", actor=who),
    "unlock": lambda s, who: s.accounts.unlock("tamu", actor=who),
    "change rules": lambda s, who: s.rules_versions.set(RULES_TEXT, actor=who, file_name="aturan.toml"),
    "rules back to defaults": lambda s, who: s.rules_versions.use_defaults(actor=who),
}
ALLOWED = {
    ADMIN: set(WRITE_PATHS),
    OPERATOR: {"store own unit"},
    PIMPINAN: set(),
    KIOSK: set(),
}


@pytest.fixture
def world(store: Store) -> dict[str, Actor]:
    """Accounts for every role; Dinas Kesehatan with two versions (so restore has work)."""
    people = make_people(store)
    tamu = store.accounts.create("tamu", role=PIMPINAN, actor="cli")  # the account the others try to change
    with store.engine.begin() as conn:  # locked, so that unlocking it changes something
        conn.execute(update(accounts).where(accounts.c.id == tamu.id).values(
            failed_attempts=2, locked_until=datetime(2999, 1, 1)))
    store.store_submission(submission(store, OWN_UNIT, name="Versi Satu"), actor="cli")
    store.store_submission(submission(store, OWN_UNIT, name="Versi Dua"), actor="cli")
    store.rules_versions.set(RULES_TEXT.replace("70", "65"), actor="cli")
    return people


@pytest.mark.parametrize("role", [ADMIN, OPERATOR, PIMPINAN, KIOSK])
@pytest.mark.parametrize("path", list(WRITE_PATHS))
def test_write_path_by_role(store: Store, world: dict[str, Actor], role: str, path: str) -> None:
    who = world[role]
    before = snapshot(store)
    if path in ALLOWED[role]:
        WRITE_PATHS[path](store, who)
        assert snapshot(store) != before, "an allowed write changed nothing"
        assert store.audit_log(limit=1)["actor"].iloc[0] == who.name
        return
    version = store.data_version()
    with pytest.raises(PermissionDenied) as refused:
        WRITE_PATHS[path](store, who)
    assert refused.value.code in {"access.denied", "access.other_unit"}
    assert snapshot(store) == before, "a refused write changed something"
    event = store.audit_log(limit=1).iloc[0]
    assert (event["actor"], event["action"], event["outcome"]) == (who.name, "access.denied", "denied")
    assert json.loads(event["detail"])["by"]["role"] == role
    assert store.data_version() == version + 1  # the audit event of the refusal, nothing else


@pytest.mark.parametrize("path", list(WRITE_PATHS))
def test_a_strict_store_refuses_writes_without_an_actor(db_url: str, store: Store, world: dict[str, Actor],
                                                        path: str) -> None:
    """The signed-in app opens the store with require_actor=True: a forgotten actor is no admin."""
    strict = Store(db_url, require_actor=True)
    try:
        before = snapshot(strict)
        with pytest.raises(PermissionDenied) as refused:
            WRITE_PATHS[path](strict, "admin")
        assert refused.value.code == "access.no_actor"
        assert snapshot(strict) == before
    finally:
        strict.close()


def test_link_decisions_of_the_lifecycle_feature_are_checked_too(store: Store, world: dict[str, Actor]) -> None:
    store_links = pytest.importorskip("analytics.store.links")
    links = store_links.LinkDecisions(store)
    pair = {"tahun_a": 2023, "nama_a": "Lama", "tahun_b": 2024, "nama_b": "Baru", "keputusan": store_links.TAUTKAN}
    links.decide(unit_kode=OWN_UNIT, actor=world[OPERATOR], **pair)
    for role, unit in ((OPERATOR, OTHER_UNIT), (PIMPINAN, OWN_UNIT), (KIOSK, OWN_UNIT)):
        with pytest.raises(PermissionDenied):
            links.decide(unit_kode=unit, actor=world[role], **pair)
    assert store.audit_log(limit=1)["action"].iloc[0] == "access.denied"


def test_operator_workbook_for_another_unit_stores_nothing_and_is_audited(store: Store,
                                                                           world: dict[str, Actor]) -> None:
    ani = world[OPERATOR]
    subs = [submission(store, OWN_UNIT, name="Milik Sendiri"), submission(store, OTHER_UNIT)]
    before = store.history()
    with pytest.raises(PermissionDenied) as refused:
        store.store_many(subs, actor=ani)
    assert "opd.disdukcapil" in refused.value.message("id") and "Nothing was stored" in refused.value.message("en")
    assert store.history().equals(before)  # not even the operator's own unit of that file
    event = store.audit_log(limit=1).iloc[0]
    assert event["target"] == "opd.dinkes/2024, opd.disdukcapil/2024"
    assert json.loads(event["detail"]) == {"permission": "submission.store", "code": "access.other_unit",
                                           "unit": OTHER_UNIT, "by": {"role": OPERATOR, "via": "password",
                                                                      "units": [OWN_UNIT]}}


def test_uploaded_by_is_the_account_and_the_audit_says_how_it_signed_in(store: Store,
                                                                        world: dict[str, Actor]) -> None:
    store.store_submission(submission(store, OWN_UNIT, name="Dari Ani"), actor=world[OPERATOR])
    assert store.history()["uploaded_by"].iloc[0] == "ani"
    event = store.audit_log(limit=1).iloc[0]
    assert (event["actor"], event["action"]) == ("ani", "store.replaced")
    assert json.loads(event["detail"])["by"] == {"role": OPERATOR, "via": "password", "units": [OWN_UNIT]}


# ---- accounts ------------------------------------------------------------------------------------
def test_account_rules(store: Store, world: dict[str, Actor]) -> None:
    admin = world[ADMIN]
    for kwargs, code in (
        ({"username": "Bad Name!", "role": PIMPINAN}, "access.bad_username"),
        ({"username": "budi", "role": "root"}, "access.bad_role"),
        ({"username": "budi", "role": OPERATOR}, "access.operator_needs_unit"),
        ({"username": "budi", "role": OPERATOR, "units": ["opd.tidak-ada"]}, "access.unknown_units"),
        ({"username": "ANI", "role": PIMPINAN}, "access.account_exists"),
        ({"username": "budi", "role": PIMPINAN, "email": "bukan-email"}, "access.bad_email"),
        ({"username": "budi", "role": PIMPINAN, "password": "pendek"}, "auth.password_short"),
    ):
        with pytest.raises(PermissionDenied) as refused:
            store.accounts.create(actor=admin, **kwargs)
        assert refused.value.code == code, kwargs
    assert store.accounts.get("budi") is None
    made = store.accounts.create("Budi", role=OPERATOR, units=[OWN_UNIT, OTHER_UNIT], email="Budi@Kudus.go.id",
                                 display_name="Budi\u202e Santoso\x00", actor=admin)
    assert (made.username, made.email, made.display_name) == ("budi", "budi@kudus.go.id", "Budi Santoso")
    assert store.accounts.get("BUDI@kudus.go.id") == made  # signs in by user name or e-mail
    with pytest.raises(PermissionDenied) as refused:
        store.accounts.create("budi@kudus.go.id", role=PIMPINAN, actor=admin)
    assert refused.value.code == "access.account_exists"


def test_the_last_active_admin_cannot_be_demoted_or_disabled(store: Store, world: dict[str, Actor]) -> None:
    admin = world[ADMIN]
    for change in ({"role": PIMPINAN}, {"active": False}):
        with pytest.raises(PermissionDenied) as refused:
            store.accounts.update("admin", actor=admin, **change)
        assert refused.value.code == "access.last_admin"
    store.accounts.create("admin2", role=ADMIN, actor=admin)
    assert store.accounts.update("admin", actor=admin, active=False).active is False


def test_people_may_change_their_own_password_only(store: Store, world: dict[str, Actor]) -> None:
    store.accounts.set_password("ani", "Ganti-sendiri-1", actor=world[OPERATOR])
    assert store.audit_log(limit=1)["action"].iloc[0] == "account.password_change"
    with pytest.raises(PermissionDenied):
        store.accounts.set_password("pimpinan", "Ganti-orang-lain-1", actor=world[OPERATOR])


def test_account_changes_are_audited_without_secrets(store: Store, world: dict[str, Actor]) -> None:
    store.accounts.update("ani", actor=world[ADMIN], units=[OWN_UNIT, OTHER_UNIT], display_name="Ani W")
    store.accounts.set_password("ani", "Rahasia-baru-77", actor=world[ADMIN])
    log = store.audit_log(limit=2)
    assert log["action"].tolist() == ["account.password_reset", "account.update"]
    assert json.loads(log["detail"].iloc[1])["changes"] == {"display_name": ["Ani", "Ani W"],
                                                            "units": [[OWN_UNIT], [OWN_UNIT, OTHER_UNIT]]}
    details = "".join(store.audit_log()["detail"])
    assert "Rahasia" not in details and "argon2" not in details


# ---- the audit log itself ------------------------------------------------------------------------
def test_the_audit_log_is_append_only_in_the_database(store: Store) -> None:
    from sqlalchemy import delete, update
    from sqlalchemy.exc import DatabaseError

    from analytics.store.schema import audit_events

    store.record_event(actor="x", action="test")
    for statement in (update(audit_events).values(actor="someone else"), delete(audit_events)):
        with pytest.raises(DatabaseError, match="append-only"), store.engine.begin() as conn:
            conn.execute(statement)
    assert store.audit_log(limit=1)["actor"].iloc[0] == "x"


def test_audit_search_filters_in_the_database(store: Store, world: dict[str, Actor]) -> None:
    from analytics.store.audit import AuditFilter, audit_choices, search_audit

    with pytest.raises(PermissionDenied):
        store.restore(1, actor=world[KIOSK])
    everything = search_audit(store, AuditFilter())
    assert len(everything) == len(store.audit_log())
    denied = search_audit(store, AuditFilter(outcome="denied"))
    assert denied["actor"].tolist() == ["kios"]
    store_family = search_audit(store, AuditFilter(action="store"))
    assert set(store_family["action"]) == {"store.stored", "store.replaced"}
    assert search_audit(store, AuditFilter(actor="kios", action="access.denied"))["target"].tolist() == ["submission/1"]
    assert len(search_audit(store, AuditFilter(text="100%_"))) == 0  # LIKE wildcards are literal
    latest = pd.Timestamp(everything["at"].max()).tz_localize(None).to_pydatetime()
    assert len(search_audit(store, AuditFilter(since=latest))) >= 1
    assert len(search_audit(store, AuditFilter(until=everything["at"].min().tz_localize(None).to_pydatetime()))) == 0
    assert {"kios", "cli", "system"} <= set(audit_choices(store)["actor"])


# ---- rules ---------------------------------------------------------------------------------------
def test_a_bad_rules_file_is_refused_whole_and_the_last_good_stays(store: Store, world: dict[str, Actor]) -> None:
    from analytics.rules import RulesError

    rules = store.rules_versions
    in_force = rules.in_force()
    for text in ("[tpp\n", "[kunci_asing]\nx = 1\n", "[keberlanjutan]\nambang_berkelanjutan = -5\n"):
        with pytest.raises(RulesError):
            rules.set(text, actor=world[ADMIN], file_name="salah.toml")
        assert rules.in_force().version_id == in_force.version_id
    assert store.audit_log(limit=1)[["action", "outcome"]].iloc[0].tolist() == ["rules.change", "refused"]
    assert rules.set(RULES_TEXT.replace("70", "65"), actor=world[ADMIN])[0] == "unchanged"
    assert rules.set(RULES_TEXT, actor=world[ADMIN], file_name="baru.toml")[0] == "changed"
    assert rules.in_force().rules.keberlanjutan != in_force.rules.keberlanjutan
    rules.use_defaults(actor=world[ADMIN])
    assert rules.in_force().version_id is None and len(rules.history()) == 2


def test_a_stored_rules_version_that_stops_validating_is_passed_over(store: Store, world: dict[str, Actor]) -> None:
    from sqlalchemy import update

    from analytics.store.schema import rules_versions

    good = store.rules_versions.in_force().version_id
    store.rules_versions.set(RULES_TEXT, actor=world[ADMIN])
    with store.engine.begin() as conn:  # as if a later release had tightened a check
        conn.execute(update(rules_versions).where(rules_versions.c.is_current)
                     .values(content="[keberlanjutan]\nx = 1\n"))
    force = store.rules_versions.in_force()
    assert force.version_id == good and force.error is not None and force.error.key.startswith("keberlanjutan")
