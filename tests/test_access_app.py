"""AppTest of access control: every role × every page, the sign-in form, lockout, timeouts, SSO,
session-state tampering, and the upload/data pages acting as the signed-in account."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from access_helpers import OTHER_UNIT, OWN_UNIT, PASSWORDS, app_database, make_people, submission
from sqlalchemy import update
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest
from xlsx_helpers import simple_workbook

from analytics.access import ADMIN, KIOSK, OPERATOR, PIMPINAN, Actor
from analytics.store import Store
from analytics.store import frames as store_rows
from analytics.store.schema import auth_sessions
from ui.navigation import PAGES, pages_for

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
USERS = {ADMIN: "admin", PIMPINAN: "pimpinan", OPERATOR: "ani", KIOSK: "kios"}
EXISTING = [p for p in PAGES if (ROOT / p.file).exists()]


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    return app_database(tmp_path, monkeypatch)


@pytest.fixture
def store(db_url: str) -> Store:
    """People of every role and two units' reports (so every page has something to show)."""
    instance = Store(db_url)
    make_people(instance, with_passwords=True)
    for unit in (OWN_UNIT, OTHER_UNIT):
        instance.store_submission(submission(instance, unit), actor="cli")
    return instance


@pytest.fixture
def signed_in_mode(monkeypatch: pytest.MonkeyPatch, store: Store) -> Store:
    monkeypatch.setenv("KUDUS_AUTH", "signed-in")
    return store


def app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def sign_in(at: AppTest, username: str, password: str) -> AppTest:
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    [submit] = [b for b in at.button if b.label == "Masuk"]
    submit.click().run()
    assert not at.exception, at.exception
    return at


def as_role(role: str) -> AppTest:
    return sign_in(app(), USERS[role], PASSWORDS[USERS[role]])


def texts(at: AppTest, kind: str) -> list[str]:
    return [element.value for element in at.get(kind)]


def reachable(at: AppTest, file: str) -> bool:
    try:
        at.switch_page(file).run()
    except Exception as error:  # noqa: BLE001 - AppTest says the page is not registered
        assert "Could not find a navigation page" in str(error), error
        return False
    assert not at.exception, (file, at.exception)
    return True


# ---- every role x every page ---------------------------------------------------------------------
@pytest.mark.parametrize("role", [ADMIN, PIMPINAN, OPERATOR, KIOSK])
@pytest.mark.parametrize("page", [p.file for p in EXISTING])
def test_role_page_matrix(signed_in_mode: Store, role: str, page: str) -> None:
    at = as_role(role)
    allowed = page in {p.file for p in pages_for(role)}
    assert reachable(at, page) == allowed
    assert texts(at, "title")[:1] != ["Masuk"]  # still signed in, whichever way it went


def test_before_signing_in_only_the_sign_in_page_exists(signed_in_mode: Store) -> None:
    at = app()
    assert texts(at, "title") == ["Masuk"]
    assert [w.label for w in at.text_input] == ["Nama pengguna atau e-mel", "Kata sandi"]
    for page in EXISTING:
        assert not reachable(at, page.file)


def test_open_mode_is_a_local_admin_with_a_visible_banner(store: Store) -> None:
    at = app()
    assert any("Mode terbuka" in alert.value and "admin\\-lokal" in alert.value for alert in at.sidebar.info)
    for page in EXISTING:
        assert reachable(at, page.file)
    assert not [w for w in at.text_input if w.label == "Kata sandi"]


# ---- the sign-in form ----------------------------------------------------------------------------
def test_sign_in_shows_who_and_sign_out_ends_the_session(signed_in_mode: Store) -> None:
    at = as_role(OPERATOR)
    assert "Masuk sebagai **Ani** · Operator unit" in texts(at.sidebar, "markdown")
    assert any("Dinas Kesehatan" in caption for caption in texts(at.sidebar, "caption"))
    [sign_out] = [b for b in at.sidebar.button if b.label == "Keluar"]
    sign_out.click().run()
    assert texts(at, "title") == ["Masuk"]
    assert signed_in_mode.audit_log(limit=1)["action"].iloc[0] == "auth.logout"


def test_brute_force_through_the_form_locks_and_is_audited(signed_in_mode: Store,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KUDUS_LOCKOUT_ATTEMPTS", "3")
    at = app()
    for _ in range(2):
        sign_in(at, "ani", "tebak-tebakan-1")
        assert texts(at, "error") == ["Nama pengguna atau kata sandi salah."]
    sign_in(at, "ani", "tebak-tebakan-1")
    assert "Akun dikunci sementara" in texts(at, "error")[0]
    sign_in(at, "ani", PASSWORDS["ani"])  # the right password does not get through the lock
    assert "Akun dikunci sementara" in texts(at, "error")[0] and texts(at, "title") == ["Masuk"]
    log = signed_in_mode.audit_log()
    assert (log["action"] == "auth.lockout").sum() == 1


def test_an_idle_session_times_out(signed_in_mode: Store) -> None:
    at = as_role(PIMPINAN)
    assert texts(at, "title") != ["Masuk"]
    with signed_in_mode.engine.begin() as conn:
        conn.execute(update(auth_sessions).values(last_seen_at=store_rows.utcnow() - timedelta(hours=2)))
    at.run()
    assert texts(at, "title") == ["Masuk"]
    assert "Sesi berakhir" in texts(at, "info")[0]


# ---- session state cannot be edited into a higher role -------------------------------------------
@pytest.mark.parametrize("tamper", ["role keys", "forged token", "actor object"])
def test_session_state_cannot_be_edited_into_a_higher_role(signed_in_mode: Store, tamper: str) -> None:
    at = as_role(OPERATOR)
    if tamper == "role keys":
        for key in ("role", "peran", "user_role", "is_admin", "current_role"):
            at.session_state[key] = "admin" if key != "is_admin" else True
    elif tamper == "forged token":
        at.session_state["_kudus_session_token"] = "admin"
    else:
        at.session_state["actor"] = Actor("admin", ADMIN)
        at.session_state["_kudus_auth_notice"] = "<b>x</b>"
    at.run()
    assert not at.exception
    assert not reachable(at, "views/admin_pengguna.py")
    if tamper == "forged token":
        assert texts(at, "title") == ["Masuk"]  # a token that names no session signs out
    else:
        assert reachable(at, "views/unggah.py")


# ---- SSO ---------------------------------------------------------------------------------------
def test_trusted_header_maps_to_the_account(signed_in_mode: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KUDUS_SSO", "header")
    at = AppTest.from_file(APP, default_timeout=60)
    at.user = {"kudus_user": "ANI"}  # what server.trustedUserHeaders puts into st.user
    at.run()
    assert "Masuk sebagai **Ani** · Operator unit" in texts(at.sidebar, "markdown")
    assert reachable(at, "views/unggah.py") and not reachable(at, "views/admin_audit.py")
    at.user = {"kudus_user": "admin"}  # the proxy now vouches for someone else: a new session
    at.run()
    assert "Masuk sebagai **Admin** · Admin" in texts(at.sidebar, "markdown")
    stranger = AppTest.from_file(APP, default_timeout=60)
    stranger.user = {"kudus_user": "mallory"}
    stranger.run()
    assert texts(stranger, "title") == ["Masuk"] and "belum terdaftar" in texts(stranger, "error")[0]
    assert signed_in_mode.audit_log(limit=1)[["actor", "outcome"]].iloc[0].tolist() == ["mallory", "failed"]


def test_oidc_identity_maps_by_email(signed_in_mode: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KUDUS_SSO", "oidc")
    signed_in_mode.accounts.create("sari", role=PIMPINAN, email="sari@kuduskab.go.id", actor="cli")
    import streamlit

    providers: list[str | None] = []
    monkeypatch.setattr(streamlit, "login", lambda provider=None: providers.append(provider))
    monkeypatch.setenv("KUDUS_SSO_PROVIDER", "kuduskab")
    at = AppTest.from_file(APP, default_timeout=60)
    at.user = {"is_logged_in": False}
    at.run()
    [sso] = [b for b in at.button if b.label == "Masuk dengan SSO"]
    sso.click().run()
    assert providers == ["kuduskab"]  # st.login itself needs the [auth] secrets of a deployment
    at.user = {"is_logged_in": True, "email": "Sari@kuduskab.go.id", "name": "Sari"}
    at.run()
    assert "Masuk sebagai **sari** · Pimpinan" in texts(at.sidebar, "markdown")
    assert not reachable(at, "views/unggah.py")


# ---- pages act as the signed-in account ------------------------------------------------------------
def test_operator_upload_for_another_unit_is_refused_by_the_store_and_audited(signed_in_mode: Store) -> None:
    at = as_role(OPERATOR)
    at.switch_page("views/unggah.py").run()
    data = simple_workbook(unit="Dinas Kependudukan dan Pencatatan Sipil", tahun=2025)
    at.file_uploader[0].upload("disdukcapil.xlsx", data, XLSX).run()
    assert any("bukan tugas Anda" in w for w in texts(at, "warning"))
    before = signed_in_mode.history()
    [store_button] = [b for b in at.button if b.label.startswith("Simpan")]
    store_button.click().run()
    assert any("hanya boleh mengelola data unitnya sendiri" in e for e in texts(at, "error"))
    assert signed_in_mode.history().equals(before)
    event = signed_in_mode.audit_log(limit=1).iloc[0]
    assert (event["actor"], event["action"], event["target"]) == ("ani", "access.denied", "opd.disdukcapil/2025")
    own = simple_workbook(unit="Dinas Kesehatan", tahun=2025)
    at.file_uploader[0].upload("dinkes.xlsx", own, XLSX).run()
    [store_button] = [b for b in at.button if b.label.startswith("Simpan")]
    store_button.click().run()
    assert any("Dinas Kesehatan 2025: tersimpan" in s for s in texts(at, "success"))
    assert signed_in_mode.history()["uploaded_by"].iloc[0] == "ani"


@pytest.fixture
def deferred(monkeypatch: pytest.MonkeyPatch) -> list[Callable[[], bytes]]:
    """The callables behind deferred download buttons, to 'click' them as the browser would."""
    seen: list[Callable[[], bytes]] = []
    original = MediaFileManager.add_deferred

    def spy(self, data_callable, *args, **kwargs):
        seen.append(data_callable)
        return original(self, data_callable, *args, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", spy)
    return seen


def test_data_page_per_role(signed_in_mode: Store, deferred: list) -> None:
    signed_in_mode.store_submission(submission(signed_in_mode, OWN_UNIT, name="Versi Dua"), actor="cli")
    operator = as_role(OPERATOR)
    operator.switch_page("views/data.py").run()
    assert set(operator.dataframe[0].value["Unit"]) == {"Dinas Kesehatan"}  # own unit's history only
    assert not [b for b in operator.button if b.label == "Pulihkan sebagai data berlaku"]
    assert not operator.get("download_button")
    leader = as_role(PIMPINAN)
    leader.switch_page("views/data.py").run()
    assert set(leader.dataframe[0].value["Unit"]) == {"Dinas Kesehatan", "Dinas Kependudukan dan Pencatatan Sipil"}
    assert not [b for b in leader.button if b.label == "Pulihkan sebagai data berlaku"]
    assert len(leader.get("download_button")) == 2 and deferred
    content = deferred[-1]()  # the CSV, as the browser's click would fetch it
    assert content.startswith(b"\xef\xbb\xbf")
    event = signed_in_mode.audit_log(limit=1).iloc[0]
    assert (event["actor"], event["action"]) == ("pimpinan", "export") and event["target"].endswith(".csv")
    admin = as_role(ADMIN)
    admin.switch_page("views/data.py").run()
    [restore] = [b for b in admin.button if b.label == "Pulihkan sebagai data berlaku"]
    restore.click().run()
    assert not admin.exception and signed_in_mode.audit_log(limit=1)["actor"].iloc[0] == "admin"
