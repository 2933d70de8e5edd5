"""Who may do what: roles, permissions and the `Actor` every write carries.

Why here and not in the menu: the dashboard holds figures that move civil servants' income (TPP),
so hiding a button is not enough.  Every write method of the storage layer takes an `Actor` and
asks `check()` before touching a row; a page, the CLI or a future API all meet the same rule.

The role matrix follows tracker issue 6:

* pimpinan — reads every dashboard page and exports;
* operator — uploads, validates and sees the history of their own unit(s) only; reads dashboards;
* admin    — everything (all units, restore, unit list, rules, accounts, audit log);
* kiosk    — the presentation page and nothing else.

Pure Python: no SQL, no Streamlit.  `analytics.access.guard` adds the audit of refusals.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from analytics import i18n

PIMPINAN, OPERATOR, ADMIN, KIOSK = "pimpinan", "operator", "admin", "kiosk"
ROLES: tuple[str, ...] = (PIMPINAN, OPERATOR, ADMIN, KIOSK)


class Permission(StrEnum):
    """One thing an actor may do.  Values are stable: they appear in the audit log."""

    VIEW_DASHBOARD = "dashboard.view"
    VIEW_PRESENTATION = "presentation.view"
    EXPORT = "data.export"
    STORE_SUBMISSION = "submission.store"  # per unit
    VIEW_HISTORY = "history.view"  # per unit
    RESTORE = "submission.restore"
    DECIDE_LINKS = "links.decide"  # per unit (lifecycle: same innovation across years)
    MANAGE_UNITS = "units.manage"
    MANAGE_RULES = "rules.manage"
    MANAGE_ACCOUNTS = "accounts.manage"
    VIEW_AUDIT = "audit.view"


# Permissions that are granted for a set of units, not for the whole regency.
UNIT_SCOPED: frozenset[Permission] = frozenset({
    Permission.STORE_SUBMISSION, Permission.VIEW_HISTORY, Permission.DECIDE_LINKS,
})

ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    PIMPINAN: frozenset({Permission.VIEW_DASHBOARD, Permission.VIEW_PRESENTATION, Permission.EXPORT,
                         Permission.VIEW_HISTORY}),
    OPERATOR: frozenset({Permission.VIEW_DASHBOARD, Permission.STORE_SUBMISSION, Permission.VIEW_HISTORY,
                         Permission.DECIDE_LINKS}),
    ADMIN: frozenset(Permission),
    KIOSK: frozenset({Permission.VIEW_PRESENTATION}),
}
# Roles whose unit-scoped permissions cover every unit (the others need units assigned).
ALL_UNITS_ROLES = frozenset({ADMIN, PIMPINAN})


@dataclass(frozen=True)
class Actor:
    """Whoever asks for a write: an account, the local administrator of open mode or the CLI.

    `units` are unit codes (units.kode) and only matter for an operator.  `via` says how the
    actor was established ("password", "oidc", "header", "open", "cli", "system") and goes into
    the audit log next to the name.
    """

    name: str
    role: str
    units: frozenset[str] = field(default_factory=frozenset)
    via: str = "system"
    account_id: int | None = None

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r} (expected one of {', '.join(ROLES)})")
        object.__setattr__(self, "units", frozenset(self.units))

    @classmethod
    def local_admin(cls, name: str = "admin-lokal", via: str = "cli") -> Actor:
        """The person at the machine (CLI, open mode): an administrator by definition."""
        return cls(name=name, role=ADMIN, via=via)

    def can(self, permission: Permission | str, unit: str | None = None) -> bool:
        """True when this actor holds `permission` (for `unit`, when the permission is per unit)."""
        permission = Permission(permission)
        if permission not in ROLE_PERMISSIONS[self.role]:
            return False
        if permission in UNIT_SCOPED and unit is not None and self.role not in ALL_UNITS_ROLES:
            return unit in self.units
        return True

    def all_units(self) -> bool:
        """True when per-unit permissions cover every unit (admin, pimpinan)."""
        return self.role in ALL_UNITS_ROLES

    def audit_detail(self) -> dict[str, Any]:
        """What the audit log keeps about the actor besides the name."""
        detail: dict[str, Any] = {"role": self.role, "via": self.via}
        if self.role == OPERATOR:
            detail["units"] = sorted(self.units)
        return detail


class PermissionDenied(i18n.CatalogueError, PermissionError):
    """A write the actor may not do; `code` is a catalogue code, the message is bilingual."""


def check(actor: Actor, permission: Permission | str, *, unit: str | None = None) -> None:
    """Raise PermissionDenied unless `actor` may do `permission` (for `unit`)."""
    permission = Permission(permission)
    if actor.can(permission, unit):
        return
    if permission in UNIT_SCOPED and permission in ROLE_PERMISSIONS[actor.role]:
        raise PermissionDenied("access.other_unit", name=actor.name, unit=unit or "?")
    raise PermissionDenied("access.denied", name=actor.name, role=actor.role, permission=permission.value)


def check_units(actor: Actor, permission: Permission | str, units: Iterable[str]) -> None:
    """`check` for every unit, before any of them is touched (a workbook may hold several); the
    refusal names every unit outside the actor's, not only the first."""
    outside = [unit for unit in dict.fromkeys(units) if not actor.can(permission, unit)]
    if not outside:
        return
    permission = Permission(permission)
    if permission in UNIT_SCOPED and permission in ROLE_PERMISSIONS[actor.role]:
        raise PermissionDenied("access.other_unit", name=actor.name, unit=", ".join(outside))
    check(actor, permission, unit=outside[0])
