"""Checks that misbehave on purpose, run inside analytics.intake.sandbox workers by tests/test_sandbox.py
(a worker imports them by module name, so they live in a module, not in the test)."""

from __future__ import annotations

import os

from analytics.intake.model import WorkbookResult


def misbehave(data: bytes, name: str) -> WorkbookResult:
    """What the file's content asks for: abort, spin, hog memory, raise, or answer normally."""
    action = data.decode("ascii", "replace")
    if action == "abort":
        os.abort()  # what a Rust allocation failure does
    if action == "spin":
        while True:
            pass
    if action == "hog":
        hoard = []
        while True:
            hoard.append(bytearray(64 * 1024 * 1024))
    if action == "raise":
        raise RuntimeError("a reader bug")
    if action == "base":
        raise BaseException("what a pyo3 panic looks like")
    if action == "unpicklable":
        result = WorkbookResult(name, "x")
        result.submissions = [lambda: None]  # type: ignore[list-item]
        return result
    return WorkbookResult(name, action)
