"""Issue 12, findings 11 and 12 and the client address of throttling (analytics/access/network.py):
open mode answers this computer only; trusted-header mode runs only behind its proxy; a forwarded
address is believed only from a configured proxy."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest
from streamlit import config as streamlit_config
from streamlit.testing.v1 import AppTest
from test_access_app import APP, db_url, sign_in, store  # noqa: F401 - fixtures

from analytics.access import network
from analytics.store import Store

PROXIES = [ipaddress.ip_network("10.0.0.5/32"), ipaddress.ip_network("fd00::/64")]


@pytest.mark.parametrize("peer, headers, expected", [
    (None, {}, "127.0.0.1"),
    ("203.0.113.9", {"X-Forwarded-For": "1.2.3.4"}, "203.0.113.9"),  # not a proxy: its header is ignored
    ("10.0.0.5", {"X-Forwarded-For": "198.51.100.7"}, "198.51.100.7"),
    ("10.0.0.5", {"x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.5"}, "198.51.100.7"),  # rightmost untrusted
    ("10.0.0.5", {"X-Forwarded-For": "not-an-address"}, "10.0.0.5"),
    ("10.0.0.5", {}, "10.0.0.5"),
])
def test_the_forwarded_address_is_believed_only_from_a_configured_proxy(peer, headers, expected) -> None:
    assert network.client_address(peer, headers, PROXIES) == expected


def test_trusted_proxies_come_from_the_setting_and_a_typo_trusts_nothing(monkeypatch) -> None:
    monkeypatch.setenv("KUDUS_TRUSTED_PROXIES", "10.0.0.5, 172.16.0.0/12, nonsense")
    assert [str(n) for n in network.trusted_proxies()] == ["10.0.0.5/32", "172.16.0.0/12"]


@pytest.mark.parametrize("peer, headers, refused", [
    (None, {}, False), ("127.0.0.1", {}, False), ("::1", {}, False),
    ("192.168.1.20", {}, True), ("10.1.2.3", {}, True),
    (None, {"X-Forwarded-For": "192.168.1.20"}, True),  # a proxy on this machine serves the network
    (None, {"Forwarded": "for=192.168.1.20"}, True),
])
def test_open_mode_answers_this_computer_only(peer, headers, refused, monkeypatch) -> None:
    monkeypatch.delenv("KUDUS_DANGEROUS_OPEN_NETWORK", raising=False)
    assert (network.open_mode_refusal(peer, headers) is not None) == refused
    monkeypatch.setenv("KUDUS_DANGEROUS_OPEN_NETWORK", "1")
    assert network.open_mode_refusal(peer, headers) is None


@pytest.mark.parametrize("listening, peer, code", [
    ("127.0.0.1", None, None), ("::1", None, None), ("10.0.0.5", "10.0.0.5", None),
    ("", None, "access.header_mode_exposed"), ("0.0.0.0", None, "access.header_mode_exposed"),
    ("192.168.1.2", None, "access.header_mode_exposed"),
    ("10.0.0.5", "192.168.1.20", "access.header_mode_peer"),  # around the proxy
])
def test_trusted_header_mode_runs_only_behind_its_proxy(listening, peer, code) -> None:
    assert network.header_mode_refusal(listening, peer, PROXIES) == code


# ---- in the app ---------------------------------------------------------------------------------
def run_app() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception, at.exception
    return at


def test_open_mode_refuses_a_network_client_and_points_to_signed_in_mode(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setattr("ui.auth.peer", lambda: "192.168.1.20")
    at = run_app()
    [error] = at.error
    assert "Mode terbuka hanya melayani komputer ini" in error.value and "KUDUS_AUTH=signed-in" in error.value
    assert not at.title  # no page ran
    monkeypatch.setenv("KUDUS_DANGEROUS_OPEN_NETWORK", "1")
    assert run_app().title


def test_trusted_header_mode_refuses_to_run_when_streamlit_listens_on_every_interface(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setenv("KUDUS_AUTH", "signed-in")
    monkeypatch.setenv("KUDUS_SSO", "header")
    previous = streamlit_config.get_option("server.address")
    streamlit_config.set_option("server.address", "0.0.0.0")
    try:
        at = run_app()
    finally:
        streamlit_config.set_option("server.address", previous)
    [error] = at.error
    assert "Streamlit mendengarkan di '0.0.0.0'" in error.value
    assert not at.text_input  # not even the password form


def test_the_shipped_config_listens_on_loopback() -> None:
    import tomllib

    config = tomllib.loads((Path(APP).parent / ".streamlit" / "config.toml").read_text())
    assert config["server"]["address"] == "127.0.0.1"
