"""What runtime code imports, pyproject's core dependencies provide: a plain ``pip install
drafter`` runs every draft. Creating a venv with only the core dependencies takes minutes, so
this reads the imports instead (``ast``) and maps import names to distributions with
``importlib.metadata.packages_distributions()``; then it imports every runtime module."""

from __future__ import annotations

import importlib
import re
import sys
from functools import cache
from importlib.metadata import packages_distributions

import pytest

from tests.structure.imports import REPO, RUNTIME, imports_of, modules, owner

# backends chosen in settings whose library is an extra: (import name, the extra)
OPTIONAL = {"sentence_transformers": "st"}


def _normal(dist: str) -> str:
    return re.sub(r"[-_.]+", "-", dist).lower()


def _names(requirements: list[str]) -> set[str]:
    return {_normal(re.match(r"[A-Za-z0-9._-]+", r).group()) for r in requirements}


@cache
def _project() -> dict:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _third_party(packages: tuple[str, ...]) -> dict[str, set[str]]:
    """Import name (top level) → the modules of ``packages`` importing it."""
    out: dict[str, set[str]] = {}
    for name, path in modules().items():
        if name.split(".")[0] not in packages:
            continue
        for imp in imports_of(path):
            top = imp.name.split(".")[0]
            if owner(imp.name) or top in sys.stdlib_module_names or top == "__future__":
                continue
            out.setdefault(top, set()).add(name)
    return out


def _missing(packages: tuple[str, ...], allowed: set[str]) -> list[str]:
    dists = packages_distributions()
    missing = []
    for top, users in sorted(_third_party(packages).items()):
        if top in OPTIONAL:
            continue  # test_optional_backends_name_an_existing_extra
        provided = {_normal(d) for d in dists.get(top, [])}
        if not provided & allowed:
            missing.append(
                f"{top} ({', '.join(sorted(provided)) or 'not installed'}) ← {min(users)}"
            )
    return missing


def test_every_library_runtime_code_imports_is_a_core_dependency():
    assert _missing(RUNTIME, _names(_project()["dependencies"])) == []


def test_every_library_evals_imports_is_a_core_or_evals_dependency():
    p = _project()
    allowed = _names(p["dependencies"]) | _names(p["optional-dependencies"]["evals"])
    assert _missing(("evals",), allowed) == []


def test_optional_backends_name_an_existing_extra():
    extras = _project()["optional-dependencies"]
    imported = _third_party(RUNTIME)
    for top, extra in OPTIONAL.items():
        assert top in imported  # else drop it from OPTIONAL
        assert _normal(top.replace("_", "-")) in _names(extras[extra])


def test_every_extra_a_message_names_exists():
    extras = set(_project()["optional-dependencies"])
    named = {
        extra
        for path in modules().values()
        for m in re.finditer(r"drafter\[([\w,-]+)\]", path.read_text(encoding="utf-8"))
        for extra in m.group(1).split(",")
    }
    assert named and named <= extras


def test_the_reader_finds_a_library_that_is_not_declared():
    assert _missing(RUNTIME, set())  # with no dependencies declared, every import is missing


RUNTIME_MODULES = sorted(m for m in modules() if m.split(".")[0] in RUNTIME)


@pytest.mark.parametrize("name", RUNTIME_MODULES)
def test_every_runtime_module_imports(name):
    importlib.import_module(name)
