"""Sign-in answers for a known and an unknown user name take the same time (issue 12, finding 4).

Prints the median of 20 wrong-password tries for each, before and during the wait that follows
repeated failures, and the ratio known/unknown (target: 1.0 within 0.2).  The machine is shared:
read medians, not single runs.

    .venv/bin/python bench/bench_sign_in.py
"""

from __future__ import annotations

import contextlib
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analytics.access.settings import AccessSettings  # noqa: E402
from analytics.store import Store, frames  # noqa: E402
from analytics.store.sessions import Sessions, SignInRefused  # noqa: E402

TRIES = 20


def timed(sessions: Sessions, name: str, client: str, now) -> float:
    started = time.perf_counter()
    with contextlib.suppress(SignInRefused):
        sessions.sign_in(name, "salah-sekali-1", now=now, client=client)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{folder}/bench.sqlite")
        store.accounts.create("ani", role="operator", actor="cli", password="Operator-rahasia-3",
                              units=[store.units()["kode"].iloc[0]])
        sessions = Sessions(store, AccessSettings(mode="signed-in", lockout_attempts=10**6,
                                                  lockout_duration=timedelta(minutes=15)))
        now = frames.utcnow()
        free = {name: [timed(sessions, name, f"10.0.0.{i}", now) for i in range(TRIES)]
                for name in ("ani", "tidak-ada")}
        sessions.settings = AccessSettings(mode="signed-in", lockout_attempts=1, lockout_duration=timedelta(minutes=15))
        waiting = {}
        for name in ("ani", "tidak-ada"):
            timed(sessions, name, f"10.1.0.{name}", now)  # starts the wait
            waiting[name] = [timed(sessions, name, f"10.1.0.{name}", now) for _ in range(TRIES)]
        for label, runs in (("wrong password", free), ("during the wait", waiting)):
            known, unknown = statistics.median(runs["ani"]), statistics.median(runs["tidak-ada"])
            print(f"{label:16s} known {known:7.1f} ms  unknown {unknown:7.1f} ms  ratio {known / unknown:.2f}")


if __name__ == "__main__":
    main()
