"""What the app counts for the server's /metrics (Prometheus): reruns and their time, uploads,
sign-in failures.  Only counts and durations, labelled by fixed words — never a unit, a user
name, a file name or any stored value — so the endpoint cannot leak data.

The counters live in the process (prometheus-client's default registry); with plain
`streamlit run app.py` they count too, nobody reads them.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from prometheus_client import Counter, Histogram

from analytics.store import sessions as store_sessions

RERUNS = Counter("kudus_reruns", "Full runs of the app script (page opens, clicks, filter changes)")
RERUN_SECONDS = Histogram("kudus_rerun_seconds", "Server time of one full run of the app script",
                          buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30))
# stored / replaced / unchanged (the store's answer per unit and year), refused (by the store's
# access check), invalid (a workbook with errors, nothing stored).
UPLOADS = Counter("kudus_uploads", "Workbooks handled by the upload page, by outcome", ["outcome"])
SIGN_IN_FAILURES = Counter("kudus_sign_in_failures", "Failed sign-ins (bad password, unknown or locked account)",
                           ["reason"])
UPLOAD_OUTCOMES = ("stored", "replaced", "unchanged", "refused", "invalid")
for _outcome in UPLOAD_OUTCOMES:
    UPLOADS.labels(_outcome)  # every series exists from the start (rate() needs a zero)

SIGN_IN_REASONS = ("unknown_user", "no_password", "bad_password", "other")


def _count_failure(reason: str) -> None:
    """Reasons are codes chosen by the store; anything else is folded to "other" (bounded labels)."""
    SIGN_IN_FAILURES.labels(reason if reason in SIGN_IN_REASONS else "other").inc()


if _count_failure not in store_sessions.FAILURE_LISTENERS:
    store_sessions.FAILURE_LISTENERS.append(_count_failure)


class _LastRun:
    ended = 0.0  # time.monotonic() when the last full run ended (serving.warmup trims memory after it)


def last_run_ended() -> float:
    return _LastRun.ended


@contextmanager
def rerun_timer() -> Iterator[None]:
    """Around the whole app script: counted and timed also when the run ends by st.stop or a rerun."""
    started = time.perf_counter()
    try:
        yield
    finally:
        RERUNS.inc()
        RERUN_SECONDS.observe(time.perf_counter() - started)
        _LastRun.ended = time.monotonic()


def count_upload(outcome: str) -> None:
    UPLOADS.labels(outcome if outcome in UPLOAD_OUTCOMES else "stored").inc()
