"""Access control: who may see and change what (tracker issue 6).

The API other features use for their writes::

    from analytics.access import Actor, Permission, PermissionDenied
    from analytics.access.guard import authorize

    def decide_link(self, ..., *, actor: Actor | str) -> ...:
        who = authorize(self.store, actor, Permission.DECIDE_LINKS, target="link/...", unit=unit_kode)
        ...  # write, then self.store._audit(conn, actor=who, action="links.decide", ...)

`authorize` raises PermissionDenied (bilingual, with a catalogue code) after auditing the refusal;
pages show ``error.message(lang)``.  Pages get the signed-in Actor from ``ui.common.actor()``.
"""

from __future__ import annotations

from analytics.access.roles import (
    ADMIN,
    KIOSK,
    OPERATOR,
    PIMPINAN,
    ROLE_PERMISSIONS,
    ROLES,
    Actor,
    Permission,
    PermissionDenied,
    check,
)

__all__ = ["ADMIN", "KIOSK", "OPERATOR", "PIMPINAN", "ROLES", "ROLE_PERMISSIONS", "Actor", "Permission",
           "PermissionDenied", "check"]
