"""The storage layer's gate: turn whatever the caller passed into an `Actor`, check it, audit refusals.

Every write method of the store (and of the account, rules and link stores next to it) starts with
`authorize(...)`.  A refusal is written to the audit log in a transaction of its own *before* the
exception leaves, so that an operator trying another unit's workbook leaves a trace even though
nothing was stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from analytics.access.roles import Actor, Permission, PermissionDenied, check, check_units

DENIED_ACTION = "access.denied"


class AuditTrail(Protocol):
    """What the guard needs of the store: whether a bare name may act, and where refusals go.
    (A protocol, so the store imports the guard and never the other way round.)"""

    require_actor: bool

    def record_event(self, *, actor: Actor | str, action: str, target: str = "", outcome: str = "ok",
                     detail: dict[str, Any] | None = None, bump_version: bool = True) -> None: ...
LEGACY_VIA = "local"  # an Actor made from a bare name by the older API


def as_actor(actor: Actor | str, *, strict: bool) -> Actor:
    """The Actor behind `actor`.

    A plain name (the older API, still used by scripts, the sample loader and tests) means the
    local administrator of that name — unless the store is *strict* (the signed-in app), where a
    write without a real Actor is refused: a forgotten argument must never become an admin.
    """
    if isinstance(actor, Actor):
        return actor
    if strict:
        raise PermissionDenied("access.no_actor")
    return Actor.local_admin(name=str(actor or "lokal"), via=LEGACY_VIA)


def actor_name(actor: Actor | str) -> str:
    return actor.name if isinstance(actor, Actor) else str(actor or "")


def audit_detail(actor: Actor | str, detail: dict[str, Any] | None) -> dict[str, Any] | None:
    """`detail` plus who the actor was (role, how signed in) when the caller passed an Actor
    (a bare name, the older API, keeps the detail it always had)."""
    if not isinstance(actor, Actor) or actor.via == LEGACY_VIA:
        return detail
    return {**(detail or {}), "by": actor.audit_detail()}


def authorize(store: AuditTrail, actor: Actor | str, permission: Permission | str, *, target: str,
              unit: str | None = None, units: Iterable[str] | None = None) -> Actor:
    """Check `permission` (for `unit`, or every one of `units`); audit and raise when refused.

    Returns the Actor, so callers write ``who = authorize(self, actor, ...)`` and use `who` after.
    """
    try:
        who = as_actor(actor, strict=store.require_actor)
        if units is not None:
            check_units(who, permission, units)
        else:
            check(who, permission, unit=unit)
    except PermissionDenied as refusal:
        store.record_event(actor=actor, action=DENIED_ACTION, target=target, outcome="denied",
                           detail={"permission": str(Permission(permission)), "code": refusal.code,
                                   **({"unit": refusal.params["unit"]} if "unit" in refusal.params else {})})
        raise
    return who
