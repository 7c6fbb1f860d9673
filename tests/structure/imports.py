"""The repository's import graph, read from the source with ``ast`` (nothing is imported)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGES = ("drafter", "knowledge", "evals", "prompts")
RUNTIME = ("drafter", "knowledge", "prompts")  # what a plain `pip install drafter` runs


@dataclass(frozen=True)
class Import:
    name: str  # as written: "sklearn.svm", "drafter.errors"
    type_only: bool  # under ``if TYPE_CHECKING:``


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    """Every module of the repository's packages; Alembic's migration scripts are not modules
    anything imports (Alembic loads them by path)."""
    out = {}
    for pkg in PACKAGES:
        for path in sorted((REPO / pkg).rglob("*.py")):
            name = module_name(path)
            if ".migrations." not in name:
                out[name] = path
    return out


def imports_of(path: Path) -> list[Import]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            type_only |= {id(n) for n in ast.walk(node)}
    known = modules()
    out: list[Import] = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # «from drafter.quality import lexicon» imports the submodule, not the package's
            # names; «from drafter.quality import check» imports the package
            subs = [f"{node.module}.{a.name}" for a in node.names]
            names = [s for s in subs if s in known]
            if len(names) < len(subs):
                names.append(node.module)
        out += [Import(n, id(node) in type_only) for n in names]
    return out


def owner(name: str) -> str | None:
    """The repository module an import name lands in (None: a third-party or stdlib one)."""
    known = modules()
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def graph(depth: int | None, *, runtime_only: bool = True) -> dict[str, set[str]]:
    """Who imports whom, between modules cut to their first ``depth`` name parts (1: the
    packages, 2: drafter.quality, drafter.api…, None: modules)."""

    def cut(m: str) -> str:
        return ".".join(m.split(".")[:depth]) if depth else m

    edges: dict[str, set[str]] = {}
    for name, path in modules().items():
        for imp in imports_of(path):
            target = owner(imp.name)
            if target is None or (runtime_only and imp.type_only):
                continue
            a, b = cut(name), cut(target)
            if a != b:
                edges.setdefault(a, set()).add(b)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found
