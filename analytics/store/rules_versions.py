"""The indicator rules in force, kept in the database with every earlier version.

Why the database and not a file on the server: every process of a deployment sees the same rules,
a change is one audited transaction by a named admin, and any earlier version can be read back.
A text is stored only after `analytics.rules.parse_rules` accepted it whole, and if a stored text
ever stops validating (a later release tightened a check) the newest version that still does is
used — the last good rules stay in force, never a half-applied file.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import insert, select, update

from analytics.access.guard import authorize
from analytics.access.roles import Actor, Permission
from analytics.rules import Rules, RulesError, load_rules, parse_rules
from analytics.store import frames
from analytics.store.core import StoreCore
from analytics.store.schema import rules_versions

MAX_RULES_BYTES = 256 * 1024  # a rules file is a few kilobytes; anything bigger is a mistake


@dataclass(frozen=True)
class RulesInForce:
    rules: Rules
    version_id: int | None  # None: the defaults (analytics/rules_default.toml)
    error: RulesError | None = None  # why a newer stored version was passed over


class RulesVersions:
    def __init__(self, store: StoreCore) -> None:
        self.store = store

    def history(self) -> pd.DataFrame:
        r = rules_versions
        frame = self.store._read(select(r.c.id, r.c.file_name, r.c.fingerprint, r.c.uploaded_by, r.c.uploaded_at,
                                        r.c.is_current).order_by(r.c.id.desc()))
        frame["uploaded_at"] = frames.utc(frame["uploaded_at"])
        frame["is_current"] = frame["is_current"].astype(bool)
        return frame

    def content(self, version_id: int) -> str:
        with self.store.engine.connect() as conn:
            text = conn.execute(select(rules_versions.c.content)
                                .where(rules_versions.c.id == int(version_id))).scalar_one_or_none()
        if text is None:
            raise LookupError(f"rules version #{version_id}")
        return text

    def in_force(self) -> RulesInForce:
        """The current version if it still validates, else the newest earlier one that does, else
        the defaults; `error` says why the current one was passed over."""
        r = rules_versions
        with self.store.engine.connect() as conn:
            rows = conn.execute(select(r.c.id, r.c.content, r.c.file_name, r.c.is_current)
                                .order_by(r.c.is_current.desc(), r.c.id.desc())).all()
        if not rows or not rows[0].is_current:
            return RulesInForce(load_rules(None), None)
        first_error: RulesError | None = None
        for row in rows:
            try:
                return RulesInForce(parse_rules(row.content, row.file_name or f"#{row.id}"), row.id, first_error)
            except RulesError as error:
                first_error = first_error or error
        return RulesInForce(load_rules(None), None, first_error)

    def set(self, text: str, *, actor: Actor | str, file_name: str = "") -> tuple[str, Rules]:
        """Make `text` the rules in force after checking it whole; ("changed" | "unchanged", rules).

        A text that fails the check is refused with RulesError (the rules in force stay) and the
        attempt is audited."""
        who = authorize(self.store, actor, Permission.MANAGE_RULES, target="rules")
        file_name = file_name[:200]
        try:
            if len(text.encode("utf-8")) > MAX_RULES_BYTES:
                raise RulesError("(berkas)", f"lebih dari {MAX_RULES_BYTES // 1024} KB",
                                 f"larger than {MAX_RULES_BYTES // 1024} KB", file_name)
            rules = parse_rules(text, file_name)
        except RulesError as error:
            self.store.record_event(actor=who, action="rules.change", target="rules", outcome="refused",
                                    detail={"file_name": file_name, "key": error.key, "problem": error.problem_en})
            raise
        r = rules_versions
        with self.store._write() as conn:
            current = conn.execute(select(r.c.id, r.c.fingerprint).where(r.c.is_current)).first()
            if current is not None and current.fingerprint == rules.sidik:
                self.store._audit(conn, actor=who, action="rules.change", target="rules", outcome="unchanged",
                                  detail={"version_id": current.id, "fingerprint": rules.sidik})
                return "unchanged", rules
            conn.execute(update(r).where(r.c.is_current).values(is_current=False))
            version_id = conn.execute(insert(r).values(
                content=text, fingerprint=rules.sidik, file_name=file_name, uploaded_by=who.name,
                uploaded_at=frames.utcnow(), is_current=True)).inserted_primary_key[0]
            self.store._audit(conn, actor=who, action="rules.change", target="rules", detail={
                "version_id": version_id, "previous_version_id": current.id if current else None,
                "fingerprint": rules.sidik, "file_name": file_name})
        return "changed", rules

    def use_defaults(self, *, actor: Actor | str) -> None:
        """Back to analytics/rules_default.toml (the stored versions stay in the history)."""
        who = authorize(self.store, actor, Permission.MANAGE_RULES, target="rules")
        with self.store._write() as conn:
            previous = conn.execute(select(rules_versions.c.id).where(rules_versions.c.is_current)).scalar()
            conn.execute(update(rules_versions).where(rules_versions.c.is_current).values(is_current=False))
            self.store._audit(conn, actor=who, action="rules.defaults", target="rules",
                              outcome="ok" if previous else "unchanged", detail={"previous_version_id": previous})

