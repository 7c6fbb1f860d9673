"""The packages depend one way: evals → drafter → knowledge, and nothing imports back.

knowledge is a library drafter uses (its own errors, no drafter import); evals measures drafter
and is never imported by it (``drafter eval`` is plugged in through an entry point); no
package, sub-package or module imports one that imports it back.
"""

from __future__ import annotations

import pytest

from tests.structure.imports import REPO, cycles, graph, imports_of, modules, owner


def _importers(of: str, into: str) -> list[str]:
    """Modules of package ``of`` importing anything of package ``into`` (type-only included)."""
    return sorted(
        f"{name} → {imp.name}"
        for name, path in modules().items()
        if name.split(".")[0] == of
        for imp in imports_of(path)
        if (owner(imp.name) or "").split(".")[0] == into
    )


@pytest.mark.parametrize("into", ["drafter", "evals", "prompts"])
def test_knowledge_imports_nothing_of_the_packages_built_on_it(into):
    assert _importers("knowledge", into) == []


def test_drafter_never_imports_evals():
    assert _importers("drafter", "evals") == []


def test_no_package_imports_one_that_imports_it_back():
    assert cycles(graph(1)) == []


def test_without_prompts_the_package_graph_has_no_cycle():
    edges = {k: v - {"prompts"} for k, v in graph(1).items() if k != "prompts"}
    assert cycles(edges) == []


def test_no_sub_package_imports_one_that_imports_it_back():
    assert cycles(graph(2)) == []


def test_no_module_imports_one_that_imports_it_back():
    # at run time: imports under ``if TYPE_CHECKING:`` never execute
    assert cycles(graph(None)) == []


def test_the_graph_reader_sees_a_cycle_when_there_is_one():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_drafter_eval_is_evals_plugin_declared_in_pyproject():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    meta = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    plugins = meta["project"]["entry-points"]["drafter.commands"]
    module, _, attr = plugins["eval"].partition(":")
    assert module.split(".")[0] == "evals"
    command = getattr(__import__(module, fromlist=[attr]), attr)
    assert command.help and callable(command.add_arguments) and callable(command.run)


def test_drafter_runs_a_plugin_command(monkeypatch, services, capsys):
    from drafter import cli

    class Hello:
        help = "say hello"

        def add_arguments(self, parser):
            parser.add_argument("--name", default="мир")

        def run(self, args, services):
            print(f"привет, {args.name}")
            return 0

    monkeypatch.setattr(cli, "plugin_commands", lambda: {"hello": Hello()})
    assert cli.main(["hello", "--name", "Омск"], services=services) == 0
    assert capsys.readouterr().out.strip() == "привет, Омск"
