"""/healthz and /metrics in-process (serving.ops), the counters the app feeds (ui.metrics), and the
sign-in failure listener where failures are audited.  The whole server is tested in
test_serving_server.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from access_helpers import PASSWORDS, make_people
from asgi_helpers import get
from prometheus_client import REGISTRY
from starlette.applications import Starlette

from analytics.store import Store
from analytics.store.sessions import SignInRefused
from serving import ops
from serving.readiness import STATE
from ui import common, metrics

APP = Starlette(routes=ops.ROUTES)


@pytest.fixture
def readiness(monkeypatch: pytest.MonkeyPatch):
    for name in ("warmed", "data_version", "warmed_version"):
        monkeypatch.setattr(STATE, name, getattr(STATE, name))
    return STATE


class DeadStore:
    url = "postgresql+psycopg://kudus:rahasia@db.internal/kudus"

    def data_version(self) -> int:
        raise OSError(f"connection refused: {self.url}")


def test_healthz_is_200_only_when_warm_and_the_store_answers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             readiness) -> None:
    store = Store(f"sqlite:///{tmp_path / 'ops.sqlite'}")
    monkeypatch.setattr(common, "store", lambda: store)
    readiness.warmed = False
    status, headers, body = get(APP, "/healthz")
    assert (status, body) == (503, b'{"status":"warming"}')
    assert headers["cache-control"] == "no-store"
    readiness.warmed = True
    status, _, body = get(APP, "/healthz")
    assert (status, body) == (200, b'{"status":"ok"}')
    assert readiness.data_version == store.data_version()


def test_healthz_says_unavailable_without_detail_when_the_store_fails(monkeypatch: pytest.MonkeyPatch,
                                                                      readiness) -> None:
    monkeypatch.setattr(common, "store", lambda: DeadStore())
    readiness.warmed = True
    status, _, body = get(APP, "/healthz")
    assert (status, body) == (503, b'{"status":"store unavailable"}')  # no URL, password or error text
    status, _, _ = get(APP, "/healthz", method="HEAD")
    assert status == 503


def value(name: str, **labels: str) -> float:
    found = REGISTRY.get_sample_value(name, labels)
    return 0.0 if found is None else found


def test_metrics_are_prometheus_text_with_the_documented_families(readiness) -> None:
    ops.register_collector()
    ops.register_collector()  # twice is harmless (a second start in one process)
    readiness.data_version = 41
    metrics.count_upload("stored")
    with pytest.raises(RuntimeError), metrics.rerun_timer():
        raise RuntimeError("a run that fails is still counted")
    status, headers, body = get(APP, "/metrics")
    text = body.decode()
    assert status == 200 and headers["content-type"].startswith("text/plain; version=")
    for family in ("kudus_reruns_total", "kudus_rerun_seconds_count", "kudus_uploads_total{outcome=\"refused\"}",
                   "kudus_sign_in_failures_total", "kudus_data_version 41.0", "kudus_warm ", "kudus_warm_ups",
                   "kudus_precompressed_assets", "kudus_cache_bytes", "process_resident_memory_bytes"):
        assert family in text, family
    assert value("kudus_uploads_total", outcome="stored") >= 1


def test_upload_outcomes_outside_the_list_do_not_make_new_series() -> None:
    before = value("kudus_uploads_total", outcome="stored")
    metrics.count_upload("Dinas Kesehatan 2024")  # never a label made from data
    assert value("kudus_uploads_total", outcome="stored") == before + 1
    assert "Dinas Kesehatan" not in get(APP, "/metrics")[2].decode()


def test_failed_sign_ins_are_counted_where_they_are_audited(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'auth.sqlite'}")
    make_people(store, with_passwords=True)
    sessions = store.sessions
    before = {reason: value("kudus_sign_in_failures_total", reason=reason)
              for reason in ("bad_password", "unknown_user")}
    for username in ("ani", "siapa-ini"):
        with pytest.raises(SignInRefused):
            sessions.sign_in(username, "salah-sekali-1")
    sessions.sign_in("ani", PASSWORDS["ani"])  # a success counts nothing
    assert value("kudus_sign_in_failures_total", reason="bad_password") == before["bad_password"] + 1
    assert value("kudus_sign_in_failures_total", reason="unknown_user") == before["unknown_user"] + 1
    text = get(APP, "/metrics")[2].decode()
    assert "siapa-ini" not in text and '"ani"' not in text  # the reason is counted, never the name
