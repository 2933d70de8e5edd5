"""Stored link decisions on SQLite and PostgreSQL: confirm, reject, undo, audit, re-uploads, access."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from lifecycle_frames import UNITS, record, submission
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from analytics import lifecycle as life
from analytics.access import Actor, PermissionDenied
from analytics.store import Store, UnknownUnitError
from analytics.store.links import LinkDecisions, LinkError, UnknownDecisionError
from analytics.store.schema import lifecycle_links

RENAMED = ("Antar Obat Pasien Lansia", "Antar Obat Lansia")


@pytest.fixture
def kudus(store: Store) -> Store:
    store.replace_units(UNITS, actor="admin")
    store.store_many([submission("opd.a", 2023, [RENAMED[0], "Kelas Ibu"]),
                      submission("opd.a", 2024, [RENAMED[1], "Kelas Ibu"]),
                      submission("opd.a", 2025, [RENAMED[1], "KELAS-IBU"])], actor="uji")
    return store


def build(store: Store) -> life.Lifecycles:
    history = store.history()
    return life.build_lifecycles(store.innovations(), units=store.units(), decisions=LinkDecisions(store).frame(),
                                 reports=history.loc[history["is_current"], ["unit_kode", "tahun"]])


def confirm(store: Store, verdict: str = "tautkan", actor="analis"):
    return LinkDecisions(store).decide(unit_kode="opd.a", tahun_a=2023, nama_a=RENAMED[0], tahun_b=2024,
                                       nama_b=RENAMED[1], keputusan=verdict, actor=actor, skor=95.0)


def test_exact_names_link_and_a_rename_links_only_after_confirmation(kudus: Store):
    before = build(kudus)
    assert sorted(before.table["jumlah_tahun"]) == [1, 2, 3]  # Kelas Ibu 3 years; the rename split in two
    [proposal] = before.linking.proposals.to_dict("records")
    assert (proposal["nama_a"], proposal["nama_b"]) == RENAMED
    result = confirm(kudus)
    assert result.action == "tautkan"
    after = build(kudus)
    assert sorted(after.table["jumlah_tahun"]) == [3, 3] and after.linking.proposals.empty
    assert after.linking.decisions["penerapan"].tolist() == ["diterapkan"]


def test_a_rejected_proposal_stays_rejected_after_a_re_upload(kudus: Store):
    confirm(kudus, "tolak")
    old_ids = set(kudus.innovations(tahun=2024)["id"])
    # The same year again, with another file (a new stage, one more innovation): every row id changes.
    kudus.store_submission(submission("opd.a", 2024, [record("opd.a", 2024, RENAMED[1], "Penerapan"), "Kelas Ibu",
                                                      "Kios Pajak"], tag="v2"), actor="uji")
    assert not old_ids & set(kudus.innovations(tahun=2024)["id"])
    lc = build(kudus)
    assert lc.linking.proposals.empty
    assert lc.linking.decisions[["keputusan", "penerapan"]].values.tolist() == [["tolak", "ditolak"]]
    assert len(lc.table) == 4


def test_a_confirmation_survives_a_re_upload_too(kudus: Store):
    confirm(kudus)
    kudus.store_submission(submission("opd.a", 2023, [RENAMED[0], "Kelas Ibu", "Lama"], tag="v2"), actor="uji")
    lc = build(kudus)
    assert lc.table.set_index("nama_pertama").at[RENAMED[0], "jumlah_tahun"] == 3


def test_undo_reopens_the_pair_and_everything_is_audited(kudus: Store):
    start = kudus.data_version()
    first = confirm(kudus)
    assert confirm(kudus).action == "unchanged"
    replaced = confirm(kudus, "tolak")
    assert replaced.replaced == first.decision_id
    links = LinkDecisions(kudus)
    assert links.frame()["keputusan"].tolist() == ["tolak"]
    undone = links.undo(replaced.decision_id, actor="analis")
    assert undone.action == "undone"
    assert links.frame().empty and len(build(kudus).linking.proposals) == 1
    history = links.frame(include_undone=True)
    assert history["dibatalkan_oleh"].tolist() == ["analis", "analis"]
    assert history["diputuskan_pada"].dt.tz is not None
    actions = kudus.audit_log(4)["action"].tolist()
    assert actions == ["lifecycle.link_undone", "lifecycle.link_rejected", "lifecycle.link_confirmed",
                       "lifecycle.link_confirmed"]
    assert kudus.data_version() >= start + 4
    with pytest.raises(UnknownDecisionError):
        links.undo(replaced.decision_id, actor="analis")


def test_decisions_are_checked_before_anything_is_stored(kudus: Store):
    links = LinkDecisions(kudus)
    for tahun_a, nama_a, verdict in ((2024, "A", "tautkan"), (2023, "!!", "tautkan"), (2023, "A", "mungkin")):
        with pytest.raises(LinkError):  # one year on both sides, a name that folds to nothing, no such verdict
            links.decide(unit_kode="opd.a", tahun_a=tahun_a, nama_a=nama_a, tahun_b=2024, nama_b="B",
                         keputusan=verdict, actor="analis")
    with pytest.raises(UnknownUnitError):
        links.decide(unit_kode="opd.x", tahun_a=2023, nama_a="A", tahun_b=2024, nama_b="B", keputusan="tautkan",
                     actor="analis")
    assert links.frame(include_undone=True).empty
    # The later year may come first: the key is stored earlier year first.
    links.decide(unit_kode="opd.a", tahun_a=2024, nama_a=RENAMED[1], tahun_b=2023, nama_b=RENAMED[0],
                 keputusan="tautkan", actor="analis")
    stored = links.frame().iloc[0]
    assert (stored["tahun_a"], stored["nama_fold_a"], stored["tahun_b"]) == (2023, "antarobatpasienlansia", 2024)


def test_an_operator_decides_only_for_their_own_units(kudus: Store):
    stranger = Actor(name="op-b", role="operator", units=frozenset({"kec.b"}), via="password")
    with pytest.raises(PermissionDenied):
        confirm(kudus, actor=stranger)
    assert kudus.audit_log(1)["action"].tolist() == ["access.denied"]
    leader = Actor(name="pimpinan", role="pimpinan", via="password")
    with pytest.raises(PermissionDenied):
        confirm(kudus, actor=leader)
    own = Actor(name="op-a", role="operator", units=frozenset({"opd.a"}), via="password")
    assert confirm(kudus, actor=own).action == "tautkan"
    assert LinkDecisions(kudus).frame()["diputuskan_oleh"].tolist() == ["op-a"]


def test_the_database_keeps_one_decision_in_force_per_pair(kudus: Store):
    confirm(kudus)
    row = LinkDecisions(kudus).frame().iloc[0]
    values = {name: row[name] for name in ("unit_kode", "tahun_a", "nama_fold_a", "nama_a", "tahun_b",
                                           "nama_fold_b", "nama_b", "keputusan", "diputuskan_oleh")}
    values.update(tahun_a=int(values["tahun_a"]), tahun_b=int(values["tahun_b"]),
                  diputuskan_pada=pd.Timestamp("2025-01-01").to_pydatetime())
    with pytest.raises(IntegrityError), kudus.engine.begin() as conn:
        conn.execute(insert(lifecycle_links).values(**values))


def test_cli_prints_lifecycles_and_measures_as_json(kudus: Store, db_url: str, capsys):
    from analytics.cli import main

    confirm(kudus)
    assert main(["lifecycle", "--db", db_url, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["tahun"] == [2023, 2024, 2025] and report["ringkasan"]["jumlah_inovasi"] == 2
    assert {i["nama_pertama"]: i["jumlah_tahun"] for i in report["inovasi"]} == {RENAMED[0]: 3, "Kelas Ibu": 3}
    assert report["keputusan_tautan"][0]["penerapan"] == "diterapkan" and report["usulan_tautan"] == []
    assert {"per_kohort", "per_jenis_unit", "per_jenis_unit_kohort"} == set(report["kelangsungan"])
    assert main(["lifecycle", "--db", db_url, "--threshold", "0"]) == 2
    assert main(["lifecycle", "--db", db_url]) == 0
    assert "2 inovasi: 2 berlanjut" in capsys.readouterr().out
