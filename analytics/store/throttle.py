"""Sign-in throttling: a growing wait per user name and per client address, never a hard lock.

Why not a lockout: a locked account answered "locked" (and in 1 ms) where an unknown name answered
"wrong name or password" (in 250–600 ms), which told who exists; and anyone who knew a user name
could keep that account locked, the admin's included (issue 12).

Now failures are counted under two keys — the user name as typed (folded; whether or not an
account has it, so a known and an unknown name behave the same) and the client's address — and
after `free` failures each further one makes the next try wait 1, 2, 4, 8 ... seconds, at most
`longest`.  While a key waits, a try is answered at once without checking the password (for
every name alike); once the wait is over the right password signs its owner in and clears the
name's and the address's counts.  A count is forgotten a day after its last failure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from analytics.store.schema import sign_in_throttle

FORGET_AFTER = timedelta(days=1)


@dataclass(frozen=True)
class ThrottleRule:
    free: int = 5  # failures without any wait (KUDUS_LOCKOUT_ATTEMPTS)
    longest: timedelta = timedelta(minutes=15)  # the longest wait (KUDUS_LOCKOUT_MINUTES)

    def wait_after(self, failures: int) -> timedelta:
        if failures < self.free:
            return timedelta(0)
        return min(self.longest, timedelta(seconds=2 ** min(failures - self.free, 30)))


def keys(name: str, address: str) -> tuple[str, str]:
    return f"name:{name[:300]}", f"addr:{address[:300]}"


def waiting(conn: Connection, wanted: tuple[str, ...], now: datetime) -> int:
    """Seconds until the latest of `wanted` keys may try again (0: it may try now)."""
    latest = conn.execute(select(sign_in_throttle.c.wait_until).where(sign_in_throttle.c.key.in_(wanted))).scalars()
    ahead = [until - now for until in latest if until is not None and until > now]
    return math.ceil(max(ahead).total_seconds()) if ahead else 0


def record_failure(conn: Connection, wanted: tuple[str, ...], now: datetime, rule: ThrottleRule) -> int:
    """Count a failure under every key; the wait it starts, in seconds (0: none yet)."""
    rows = {row.key: row for row in conn.execute(
        select(sign_in_throttle).where(sign_in_throttle.c.key.in_(wanted)))}
    longest = 0
    for key in wanted:
        row = rows.get(key)
        failures = 1 if row is None or now - row.last_failure_at > FORGET_AFTER else row.failures + 1
        wait = rule.wait_after(failures)
        values = {"failures": failures, "last_failure_at": now, "wait_until": now + wait if wait else None}
        _upsert(conn, key, values)
        longest = max(longest, math.ceil(wait.total_seconds()))
    return longest


def clear(conn: Connection, wanted: tuple[str, ...]) -> None:
    conn.execute(delete(sign_in_throttle).where(sign_in_throttle.c.key.in_(wanted)))


def _upsert(conn: Connection, key: str, values: dict) -> None:
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(sign_in_throttle).values(key=key, **values)
    conn.execute(statement.on_conflict_do_update(index_elements=[sign_in_throttle.c.key], set_=values))
