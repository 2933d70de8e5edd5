"""Issue 12, finding 3: Streamlit's own table toolbar offered every st.dataframe as a raw CSV —
to an operator, who may not export, without an audit event, with formula-like cells intact.

The toolbar's export is off everywhere (client.disableDataExport, in .streamlit/config.toml and set
by app.py itself); every download left is one of the app's own buttons.  This walks every page as
every role and looks for a download the role may not have.  (tests/browser/test_sandbox_e2e.py
looks at the table toolbar itself in Chromium.)"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import streamlit as st
from access_helpers import PASSWORDS
from test_access_app import EXISTING, USERS, db_url, reachable, sign_in, store  # noqa: F401 - fixtures
from test_access_app import app as start_app

from analytics.access import ADMIN, KIOSK, OPERATOR, PIMPINAN
from analytics.access.roles import ROLE_PERMISSIONS, Permission
from ui.navigation import pages_for

ROOT = Path(__file__).resolve().parent.parent
NOT_DATA = {"Unduh templat Excel"}  # the empty template is no data export


def test_the_table_toolbar_export_is_off_in_the_config_and_in_the_app(store, monkeypatch) -> None:  # noqa: F811
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["client"]["disableDataExport"] is True
    st.set_option("client.disableDataExport", False)  # as if started from a folder without the config
    start_app()
    assert st.get_option("client.disableDataExport") is True


@pytest.mark.parametrize("role", [ADMIN, PIMPINAN, OPERATOR, KIOSK])
def test_every_page_as_every_role_offers_only_the_downloads_the_role_may_have(
        store, monkeypatch: pytest.MonkeyPatch, role: str) -> None:  # noqa: F811
    monkeypatch.setenv("KUDUS_AUTH", "signed-in")
    at = sign_in(start_app(), USERS[role], PASSWORDS[USERS[role]])
    may_export = Permission.EXPORT in ROLE_PERMISSIONS[role]
    seen = {}
    for page in pages_for(role):
        if page not in EXISTING:
            continue
        assert reachable(at, page.file)
        labels = {b.proto.label for b in at.get("download_button")} - NOT_DATA
        seen[page.file] = labels
        assert may_export or not labels, (role, page.file, labels)
    if may_export:
        assert any(seen.values()), seen  # the walk did reach the app's own export buttons
