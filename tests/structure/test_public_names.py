"""``__all__`` says what a module offers: every name it lists exists, none is private, none
twice; the public packages all say it."""

from __future__ import annotations

import importlib

import pytest

from tests.structure.imports import RUNTIME, modules

PUBLIC_PACKAGES = [
    "drafter",
    "drafter.api",
    "drafter.deadlines",
    "drafter.quality",
    "drafter.routing",
    "drafter.storage",
    "drafter.ui",
    "drafter.understanding",
    "knowledge",
    "knowledge.embedders",
    "prompts",
]

WITH_ALL = sorted(
    name
    for name, path in modules().items()
    if name.split(".")[0] in RUNTIME and "__all__" in path.read_text(encoding="utf-8")
)


@pytest.mark.parametrize("name", PUBLIC_PACKAGES)
def test_a_public_package_says_what_it_offers(name):
    assert isinstance(importlib.import_module(name).__dict__.get("__all__"), list)


@pytest.mark.parametrize("name", WITH_ALL)
def test_every_listed_name_exists_and_none_is_private(name):
    module = importlib.import_module(name)
    listed = module.__all__
    assert len(listed) == len(set(listed)), "listed twice"
    assert [n for n in listed if not hasattr(module, n)] == []
    assert [n for n in listed if n.startswith("_")] == []


def test_the_lists_are_found():
    assert {"drafter.quality", "drafter.errors", "prompts"} <= set(WITH_ALL)
