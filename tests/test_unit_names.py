"""One unit resolver for template uploads and IID imports: real spellings, aliases, logins, the
region's admin account."""

from __future__ import annotations

from pathlib import Path

import pytest
from access_helpers import app_database
from streamlit.testing.v1 import AppTest
from xlsx_helpers import simple_workbook

from analytics.intake.ingest import check_paths, ingest_paths
from analytics.intake.units import RULE_COORDINATOR, RULE_DERIVED, RULE_LOGIN, UnitDirectory, read_units_csv
from analytics.store import Store

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture(scope="module")
def directory() -> UnitDirectory:
    return UnitDirectory(read_units_csv())


# Spellings as Kudus's own news, award lists and the IID application write them.
REAL_SPELLINGS = [
    ("Disdukcapil Kabupaten Kudus", "opd.disdukcapil"),
    ("PDAM Kudus", "bumd.tirta-muria"),
    ("Dinas Kominfo Kabupaten Kudus", "opd.diskominfo"),
    ("Dinas Dukcapil", "opd.disdukcapil"),
    ("Dinas Kominfo", "opd.diskominfo"),
    ("Dinas PMD", "opd.pmd"),
    ("Dinas Kesehatan Kabupaten (DKK)", "opd.dinkes"),
    ("Dinas Kesehatan Kab. Kudus", "opd.dinkes"),
    ("RSUD dr Loekmonohadi", "opd.rsud"),
    ("RSUD Loekmono Hadi Kudus", "opd.rsud"),
    ("RSUD dr. Loekmono Hadi Kabupaten Kudus", "opd.rsud"),
    ("UPT Puskesmas Jati", "uptd.pkm-jati"),
    ("Puskesmas Jati", "uptd.pkm-jati"),
    ("Dinas Perhubungan Kabupaten Kudus (kudus.dishub)", "opd.dishub"),
    ("Bappeda Kudus", "opd.bappeda"),
    ("Satpol PP Kabupaten Kudus", "opd.satpolpp"),
    ("Bagian Organisasi Setda Kabupaten Kudus", "opd.setda.organisasi"),
    ("Kecamatan Kota Kudus", "kec.kota-kudus"),
    ("SMP Negeri 1 Kudus", "uptd.smpn-1-kudus"),
    ("Perumda Air Minum Tirta Muria Kabupaten Kudus", "bumd.tirta-muria"),
    ("Dinas Pendidikan Kepemudaan dan Olahraga Kabupaten Kudus", "opd.disdikpora"),
]


@pytest.mark.parametrize(("written", "kode"), REAL_SPELLINGS)
def test_each_real_spelling_resolves_to_its_unit(directory, written, kode):
    assert directory.match(written).kode == kode


def test_the_login_in_brackets_is_kept_apart(directory):
    got = directory.match("Dinas Perhubungan Kabupaten Kudus (kudus.dishub)")
    assert (got.kode, got.rule, got.login) == ("opd.dishub", RULE_DERIVED, "kudus.dishub")


@pytest.mark.parametrize(("written", "expected", "never"), [
    ("Dinas Dukcapil Kudus Barat", "Dinas Kependudukan dan Pencatatan Sipil", "SMP Negeri 1 Kudus"),
    ("Dinas Komunikasi Kab Kudus", "Dinas Komunikasi dan Informatika", "Dinas Kesehatan"),
    ("PDAM Tirto Muria Kudus", "Perumda Air Minum Tirta Muria", "Kecamatan Kota Kudus"),
])
def test_suggestions_are_aware_of_short_names_and_ignore_the_region(directory, written, expected, never):
    got = directory.match(written)
    assert got.kode is None
    assert got.suggestions[0] == expected
    assert never not in got.suggestions


def test_two_units_fitting_the_rules_are_never_picked(directory):
    units = read_units_csv()
    twin = units.iloc[[0]].assign(kode="opd.kembar", nama="Dinas Kembar", singkatan="Disdikpora Lama")
    units = units.assign(singkatan=units["singkatan"].where(units["kode"] != "opd.disdikpora",
                                                          "Disdikpora;Dinas Kembar Baru"))
    clash = UnitDirectory(__import__("pandas").concat([units, twin], ignore_index=True))
    got = clash.match("Dinas Kembar Baru Kabupaten (Dinas Kembar)")
    assert got.kode is None and set(got.suggestions) == {"Dinas Kembar", "Dinas Pendidikan, Kepemudaan dan Olahraga"}


def test_region_admin_account_goes_to_the_configured_coordinator(monkeypatch):
    units = read_units_csv()
    assert UnitDirectory(units).match("admin.kudus (iga2025.kabupaten.kudus)").kode == "opd.setda.organisasi"
    monkeypatch.setenv("KUDUS_IID_COORDINATOR", "Bappeda")
    got = UnitDirectory(units).match("admin.kudus (iga2025.kabupaten.kudus)")
    assert (got.kode, got.rule) == ("opd.bappeda", RULE_COORDINATOR)


def test_another_region_name_is_no_suffix(monkeypatch):
    monkeypatch.setenv("KUDUS_REGION", "Kabupaten Pati")
    pati = UnitDirectory(read_units_csv())
    assert pati.match("Dinas Kominfo Kabupaten Pati").kode == "opd.diskominfo"
    assert pati.match("Dinas Kominfo Kabupaten Kudus").kode is None


# `store` (conftest): a migrated store on SQLite and on PostgreSQL in turn.


def test_a_confirmed_alias_changes_the_next_uploads_verdict_and_is_audited(store, tmp_path):
    path = tmp_path / "pkm.xlsx"
    path.write_bytes(simple_workbook(unit="Pusk. Kaliwungu Lama"))
    [before] = check_paths([path], store.units(), aliases=store.aliases.frame(), workers=1)
    assert [i.code for i in before.errors] == ["unit.unknown"]
    store.aliases.confirm("Pusk. Kaliwungu Lama", "uptd.pkm-kaliwungu", actor="admin-kudus")
    [outcome] = ingest_paths([path], store, actor="admin-kudus", workers=1)
    assert outcome.result.ok and outcome.stored[0].unit_kode == "uptd.pkm-kaliwungu"
    event = store.audit_log()
    confirmed = event[event["action"] == "unit.alias_confirmed"].iloc[0]
    assert confirmed["actor"] == "admin-kudus" and "Pusk. Kaliwungu Lama" in confirmed["detail"]
    # Revoked: the spelling is unknown again, and both steps stay in the history.
    alias_id = int(store.aliases.frame()["id"].iloc[0])
    store.aliases.revoke(alias_id, actor="admin-kudus")
    [after] = check_paths([path], store.units(), aliases=store.aliases.frame(), workers=1)
    assert not after.ok
    assert len(store.aliases.frame(include_revoked=True)) == 1
    assert "unit.alias_revoked" in set(store.audit_log()["action"])


def test_only_an_admin_confirms_an_alias(store):
    from analytics.access import OPERATOR, Actor, PermissionDenied

    with pytest.raises(PermissionDenied):
        store.aliases.confirm("Dinkes Lama", "opd.dinkes", actor=Actor("ani", OPERATOR, units={"opd.dinkes"}))
    assert store.aliases.frame().empty


def test_an_iid_login_once_mapped_stays_mapped(store):
    store.aliases.map_logins([("kudus.dishub", "opd.dishub")], actor="cli")
    directory = store.unit_directory()
    got = directory.match("Dinas Perhubungan dan Pertamanan Kudus (kudus.dishub)")  # renamed on the IID side
    assert (got.kode, got.rule) == ("opd.dishub", RULE_LOGIN)
    # A second import cannot move it; only an admin's confirm can.
    assert store.aliases.map_logins([("kudus.dishub", "opd.dinkes")], actor="cli") == []
    assert store.unit_directory().match("X (kudus.dishub)").kode == "opd.dishub"
    assert "unit.login_mapped" in set(store.audit_log()["action"])


def test_cli_alias_confirm_then_check(tmp_path, capsys):
    from analytics.cli import main

    db = f"sqlite:///{tmp_path / 'k.sqlite'}"
    assert main(["alias", "check", "Pusk. Kaliwungu Lama", "--db", db]) == 1
    assert main(["alias", "confirm", "Pusk. Kaliwungu Lama", "--unit", "Puskesmas Kaliwungu", "--db", db]) == 0
    assert main(["alias", "check", "pusk kaliwungu lama", "--json", "--db", db]) == 0
    assert '"unit": "uptd.pkm-kaliwungu"' in capsys.readouterr().out


def test_admin_alias_page_confirms_an_alias(tmp_path, monkeypatch):
    url = app_database(tmp_path, monkeypatch)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("views/admin_alias.py").run()
    assert not at.exception, at.exception
    at.text_input(key="alias_written").input("Dinas Dukcapil Kudus Barat").run()
    assert at.selectbox(key="alias_unit").value == "Dinas Kependudukan dan Pencatatan Sipil"
    [button] = [b for b in at.button if b.label == "Tetapkan alias"]
    button.click().run()
    assert not at.exception, at.exception
    assert [s.value for s in at.success][0].startswith("Alias 'Dinas Dukcapil Kudus Barat'")
    assert Store(url).unit_directory().match("Dinas Dukcapil Kudus Barat").kode == "opd.disdukcapil"


def test_a_former_agency_name_in_the_unit_list_resolves():
    units = read_units_csv()
    units.loc[units["kode"] == "opd.pkplh", "singkatan"] += ";Dinas Lingkungan Hidup"  # a former name
    directory = UnitDirectory(units)
    assert directory.match("Dinas Lingkungan Hidup Kabupaten Kudus").kode == "opd.pkplh"
