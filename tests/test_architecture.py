"""The house keeps its shape: imports run one way through the layers, with no circles.

Every import counts, wherever it stands: at the top, inside a function, or under TYPE_CHECKING (a
type-only import is still a dependency whoever reads the code must follow).  docs/architecture.md
says what each layer holds.
"""

from __future__ import annotations

import ast
from collections.abc import Container, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Lowest first: a module may import its own layer or a lower one, never a higher one.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("analytics.i18n", "analytics.texts"),
    ("analytics.access",),
    ("analytics.intake",),
    ("analytics.rules", "analytics.store"),
    ("analytics.indicators", "analytics.lifecycle", "analytics.filters", "analytics.selection",
     "analytics.dashboard", "analytics.exports"),
    ("analytics.charts", "analytics.briefing"),
    ("analytics.sample",),
    ("analytics.cli", "analytics.__main__", "analytics"),
    ("ui",),
    ("views", "app"),
)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    files = [ROOT / "app.py", *(ROOT / "analytics").rglob("*.py"), *(ROOT / "ui").rglob("*.py"),
             *(ROOT / "views").rglob("*.py")]
    return {module_name(path): path for path in files if "migrations" not in path.parts}


def imported_names(path: Path, module: str, modules: Container[str] = ()) -> Iterator[str]:
    """Every module name `path` imports: for `from a import b`, `a.b` when that is a module of
    `modules`, else `a` (the names come from a's __init__)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base


def import_graph() -> dict[str, set[str]]:
    modules = project_modules()
    return {name: {imported for imported in imported_names(path, name, modules)
                   if imported in modules and imported != name}
            for name, path in modules.items()}


def layer_of(module: str) -> int:
    best, best_length = -1, -1
    for index, prefixes in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_length:
                best, best_length = index, len(prefix)
    return best


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_every_module_has_a_layer() -> None:
    assert [name for name in project_modules() if layer_of(name) < 0] == []


def test_imports_never_go_up_a_layer() -> None:
    upward = sorted(f"{name} -> {target}" for name, targets in import_graph().items() for target in targets
                    if layer_of(target) > layer_of(name))
    assert upward == []


def test_no_import_circles() -> None:
    assert cycles(import_graph()) == []


def test_analytics_never_imports_streamlit() -> None:
    offenders = sorted(name for name, path in project_modules().items() if name.startswith("analytics")
                       and any(imported.split(".")[0] == "streamlit" for imported in imported_names(path, name)))
    assert offenders == []


# ---- the checks themselves can fail ----------------------------------------------------------------
def test_the_cycle_finder_finds_a_circle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


@pytest.mark.parametrize(("low", "high"), [("analytics.intake.contract", "analytics.store.reports"),
                                           ("analytics.store.links", "analytics.lifecycle.linking"),
                                           ("analytics.charts.maps", "ui.dashboard"),
                                           ("ui.common", "views.ringkasan")])
def test_layers_are_ordered(low: str, high: str) -> None:
    assert layer_of(low) < layer_of(high)


def test_relative_and_type_only_imports_count(tmp_path: Path) -> None:
    source = ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from analytics.store import Store\n"
              "def f():\n    from . import values\n")
    path = tmp_path / "mod.py"
    path.write_text(source)
    names = set(imported_names(path, "analytics.intake.mod", {"analytics.intake.values"}))
    assert {"analytics.store", "analytics.intake.values"} <= names
