"""The watcher of the data version (serving.warmup): it warms once per version, whichever process
wrote, drops the old version's cached reads, and survives a store that does not answer — on
SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
import streamlit as st
from store_helpers import make_submission

from analytics.store import Store
from serving import warmup
from serving.readiness import STATE
from ui import common


@pytest.fixture
def store(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Store:
    """The same on SQLite and PostgreSQL (conftest's db_url): the data version is one row."""
    opened = Store(db_url)
    monkeypatch.setattr(common, "store", lambda: opened)
    for name in ("warmed", "data_version", "warmed_version", "warm_ups"):
        monkeypatch.setattr(STATE, name, getattr(STATE, name))
    STATE.warmed_version = None
    st.cache_data.clear()
    return opened


def test_warms_once_per_data_version_and_drops_the_old_one(store: Store,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    store.store_many([make_submission("opd.dinkes", 2024)], actor="cli")
    watcher = warmup.VersionWatcher(interval=60)
    before = STATE.warm_ups
    assert watcher.check_once() is True
    assert (STATE.warmed, STATE.warmed_version, STATE.warm_ups) == (True, store.data_version(), before + 1)
    assert watcher.check_once() is False  # nothing written: nothing recomputed
    reads: list[str] = []
    original = Store.innovations
    monkeypatch.setattr(Store, "innovations", lambda self, *a, **k: (reads.append("innovations"),
                                                                     original(self, *a, **k))[1])
    store.store_many([make_submission("opd.dinkes", 2025)], actor="cli")  # another process's write
    cleared: list[bool] = []
    drop = common.drop_older_versions
    monkeypatch.setattr(common, "drop_older_versions", lambda version: cleared.append(drop(version)))
    assert watcher.check_once() is True
    assert cleared == [True] and reads == ["innovations"]
    assert STATE.warmed_version == STATE.data_version == store.data_version()
    assert STATE.warm_ups == before + 2
    # The overview's default view of the new version is ready: a visitor's reads hit the cache.
    version = common.version()
    assert common.innovations(version) is not None and reads == ["innovations"]


def test_a_store_that_does_not_answer_is_retried(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    class Away:
        def data_version(self) -> int:
            raise OSError("connection refused")

    monkeypatch.setattr(common, "store", lambda: Away())
    watcher = warmup.VersionWatcher(interval=60)
    assert watcher.check_once() is False and STATE.warmed_version is None
    monkeypatch.setattr(common, "store", lambda: store)
    assert watcher.check_once() is True  # back: warmed at the next look


def test_memory_helpers_are_harmless() -> None:
    warmup.limit_arenas()
    warmup.release_memory()


def test_an_own_write_is_not_dropped_twice(store: Store) -> None:
    """The uploader's session drops the old reads and warms the new version itself; the watcher
    then finds the version warm-able without dropping that work again."""
    store.store_many([make_submission("opd.dinkes", 2024)], actor="cli")
    watcher = warmup.VersionWatcher(interval=60)
    watcher.check_once()
    store.store_many([make_submission("opd.dinkes", 2025)], actor="cli")
    common.data_changed()  # what every write through the app does
    assert common.drop_older_versions(common.version()) is False
    store.store_many([make_submission("kec.jati", 2025)], actor="cli")  # another process: no data_changed here
    assert common.drop_older_versions(common.version()) is True


def test_memory_is_handed_back_once_the_runs_settle_and_every_half_minute() -> None:
    from ui import metrics

    watcher = warmup.VersionWatcher(interval=60)
    with metrics.rerun_timer():
        pass
    ended = metrics.last_run_ended()
    assert ended > 0
    # A run ended after the last trim: due once it has been quiet for SETTLE_SECONDS, not before.
    assert not watcher.trim_due(ended - 1, ended + watcher.SETTLE_SECONDS / 2)
    assert watcher.trim_due(ended - 1, ended + watcher.SETTLE_SECONDS)
    # No run since the last trim: only the periodic one.
    assert not watcher.trim_due(ended + 1, ended + 2)
    assert watcher.trim_due(ended + 1, ended + 2 + watcher.TRIM_SECONDS)


def test_arrow_allocates_from_the_system_allocator_on_the_server() -> None:
    import pandas as pd
    import pyarrow

    before = pyarrow.default_memory_pool()
    try:
        warmup.arrow_on_the_system_allocator()
        assert pyarrow.default_memory_pool().backend_name == "system"
        held = pyarrow.system_memory_pool().bytes_allocated()
        names = pd.Series(["Dinas Kesehatan"] * 10_000, dtype="str")  # pandas' Arrow-backed text
        assert pyarrow.system_memory_pool().bytes_allocated() > held
        del names
    finally:
        pyarrow.set_memory_pool(before)
