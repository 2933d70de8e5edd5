"""AppTest of the four admin pages, signed in as an admin: accounts, unit list, rules file, audit log."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from access_helpers import PASSWORDS, app_database, make_people
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from analytics.access import OPERATOR, PIMPINAN
from analytics.store import Store
from analytics.store import frames as store_rows

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    instance = Store(app_database(tmp_path, monkeypatch, KUDUS_AUTH="signed-in"))
    make_people(instance, with_passwords=True)
    return instance


def admin_on(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.text_input[0].input("admin")
    at.text_input[1].input(PASSWORDS["admin"])
    [submit] = [b for b in at.button if b.label == "Masuk"]
    submit.click().run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def values(at: AppTest, kind: str) -> list[str]:
    return [element.value for element in at.get(kind)]


def press(at: AppTest, label: str) -> AppTest:
    [button] = [b for b in at.button if b.label == label]
    button.click().run()
    assert not at.exception, at.exception
    return at


def test_accounts_page_creates_edits_resets_and_unlocks(store: Store) -> None:
    at = admin_on("views/admin_pengguna.py")
    assert set(at.dataframe[0].value["Nama pengguna"]) == {"admin", "pimpinan", "ani", "kios"}
    fields = {w.label: w for w in at.text_input}
    fields["Nama pengguna"].input("Budi.Operator")
    fields["Nama lengkap"].input("Budi **tebal**")
    at.selectbox[0].select(OPERATOR)
    at.multiselect[0].select("opd.dinkes")
    press(at, "Buat akun")
    [created] = values(at, "success")
    assert "budi.operator" in created.replace("\\", "") and "Kata sandi sementara" in created
    password = created.split("`")[1]
    assert store.sessions.sign_in("budi.operator", password).actor.units == frozenset({"opd.dinkes"})
    assert store.audit_log(limit=2)["action"].tolist() == ["auth.login", "account.create"]

    at.selectbox(key="account_pick").select("budi.operator").run()
    editing = [s for s in at.selectbox if s.label == "Peran"][-1]
    editing.select(PIMPINAN)
    press(at, "Simpan perubahan")
    assert store.accounts.get("budi.operator").role == PIMPINAN
    detail = json.loads(store.audit_log(limit=1)["detail"].iloc[0])
    assert detail["changes"]["role"] == [OPERATOR, PIMPINAN]

    later = store_rows.utcnow() + timedelta(hours=1)  # the wait then surely still runs when the page looks
    for _ in range(5):
        with pytest.raises(PermissionError):
            store.sessions.sign_in("budi.operator", "salah-salah-salah", now=later)
    at.run()
    press(at, "Buka kunci")
    assert store.accounts.get("budi.operator").locked_until is None
    press(at, "Atur ulang kata sandi")
    new_password = values(at, "success")[0].split("`")[1]
    # another address: this one still waits after its 5 failures (a reset lifts the name's wait)
    assert store.sessions.sign_in("budi.operator", new_password, client="192.0.2.1").actor.role == PIMPINAN


def test_accounts_page_shows_refusals_from_the_store(store: Store) -> None:
    at = admin_on("views/admin_pengguna.py")
    fields = {w.label: w for w in at.text_input}
    fields["Nama pengguna"].input("ani")  # taken
    press(at, "Buat akun")
    assert "sudah dipakai" in values(at, "error")[0]
    at.selectbox(key="account_pick").select("admin").run()
    [s for s in at.selectbox if s.label == "Peran"][-1].select(PIMPINAN)
    press(at, "Simpan perubahan")
    assert "admin aktif terakhir" in values(at, "error")[0]


def test_unit_list_page_renames_adds_and_deactivates_but_keeps_codes(store: Store) -> None:
    at = admin_on("views/admin_unit.py")
    units = at.data_editor[0].value
    row = units.index[units["kode"] == "opd.dinkes"][0]
    position = list(units.index).index(row)
    at.session_state["units_editor"] = {
        "edited_rows": {position: {"nama": "Dinas Kesehatan Kabupaten Kudus", "aktif": False}},
        "added_rows": [{"kode": "opd.baru", "nama": "Badan Baru", "jenis_unit": "OPD", "aktif": True}],
        "deleted_rows": []}
    at.run()
    press(at, "Simpan daftar unit")
    assert values(at, "success") == ["Daftar unit disimpan."]
    saved = store.units().set_index("kode")
    assert saved.at["opd.dinkes", "nama"] == "Dinas Kesehatan Kabupaten Kudus" and not saved.at["opd.dinkes", "aktif"]
    assert saved.at["opd.baru", "nama"] == "Badan Baru"
    assert store.audit_log(limit=1)[["actor", "action"]].iloc[0].tolist() == ["admin", "units.replace"]

    at.session_state["units_editor"] = {"edited_rows": {position: {"kode": "opd.lain"}}, "added_rows": [],
                                        "deleted_rows": []}
    at.run()
    press(at, "Simpan daftar unit")
    assert "tidak boleh diubah atau dihapus" in values(at, "error")[0]
    at.session_state["units_editor"] = {"edited_rows": {}, "deleted_rows": [],
                                        "added_rows": [{"kode": "../Bad Code", "nama": "X", "jenis_unit": "OPD",
                                                        "aktif": True}]}
    at.run()
    press(at, "Simpan daftar unit")
    assert "tidak sah" in values(at, "error")[0]
    assert "opd.lain" not in set(store.units()["kode"])


def test_rules_page_applies_a_good_file_and_refuses_a_bad_one(store: Store) -> None:
    at = admin_on("views/admin_aturan.py")
    assert "Aturan bawaan" in values(at, "caption")[0]
    at.get("file_uploader")[0].upload("aturan.toml", b"[keberlanjutan]\nambang_berkelanjutan = 70\n",
                                      "application/toml").run()
    press(at, "Periksa dan berlakukan")
    assert values(at, "success") == ["Aturan baru berlaku."]
    assert store.rules_versions.in_force().rules.keberlanjutan.ambang_berkelanjutan == 70
    at.get("file_uploader")[0].upload("salah.toml", b"[keberlanjutan]\nambang_berkelanjutan = 'tinggi'\n",
                                      "application/toml").run()
    press(at, "Periksa dan berlakukan")
    assert "ambang" in values(at, "error")[0]
    assert store.rules_versions.in_force().rules.keberlanjutan.ambang_berkelanjutan == 70
    assert store.audit_log(limit=1)[["action", "outcome"]].iloc[0].tolist() == ["rules.change", "refused"]
    press(at, "Kembali ke aturan bawaan")
    assert store.rules_versions.in_force().version_id is None


@pytest.fixture
def deferred(monkeypatch: pytest.MonkeyPatch) -> list[Callable[[], bytes]]:
    seen: list[Callable[[], bytes]] = []
    original = MediaFileManager.add_deferred
    monkeypatch.setattr(MediaFileManager, "add_deferred",
                        lambda self, fn, *a, **k: (seen.append(fn), original(self, fn, *a, **k))[1])
    return seen


def test_audit_page_filters_and_exports_neutralised(store: Store, deferred: list) -> None:
    with pytest.raises(PermissionError):
        store.sessions.sign_in("=HYPERLINK(\"http://x\")", "tebakan-salah")
    at = admin_on("views/admin_audit.py")
    table = at.dataframe[0].value
    assert {"auth.login", "account.create"} <= set(table["Tindakan"])
    [s for s in at.selectbox if s.label == "Hasil"][0].select("failed").run()
    table = at.dataframe[0].value
    assert set(table["Hasil"]) == {"failed"} and table["Pengguna"].iloc[0].startswith("=hyperlink")
    csv = deferred[-1]().decode("utf-8-sig")
    assert "'=hyperlink" in csv and "\n=hyperlink" not in csv
    event = store.audit_log(limit=1).iloc[0]
    assert (event["actor"], event["action"], event["target"]) == ("admin", "export", "audit.csv")
    assert json.loads(event["detail"])["filter"]["outcome"] == "failed"


def test_audit_page_shows_the_chain_state(store: Store) -> None:
    """Issue 12: Log Audit says whether the hash chain is intact, and where it breaks."""
    at = admin_on("views/admin_audit.py")
    assert any("Rantai log audit utuh" in v for v in values(at, "success"))
    from sqlalchemy import text

    with store.engine.begin() as conn:  # a table owner around the triggers
        conn.execute(text("DROP TRIGGER audit_events_no_update"))
        conn.execute(text("UPDATE audit_events SET actor = 'orang-lain' WHERE id = 2"))
    at = admin_on("views/admin_audit.py")  # signing in again moves the head: the chain is walked again
    assert any("putus" in v and "id 2" in v for v in values(at, "error"))
