"""The list of checks: each is a function ``(Context) -> None`` that adds violations.

A check module registers its functions with ``@register("CODE", ...)``; ``all_checks()``
imports the check modules once and returns them in registration order. To add a check, write
a function in a module under ``checks/`` and list the module in ``_MODULES``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from drafter.quality.context import Context

CheckFn = Callable[[Context], None]

_MODULES = (
    "drafter.quality.checks.garbage",
    "drafter.quality.checks.substance",
    "drafter.quality.checks.style",
    "drafter.quality.checks.address",
    "drafter.quality.checks.facts",
    "drafter.quality.checks.privacy",
)


@dataclass(frozen=True)
class Check:
    codes: tuple[str, ...]
    fn: CheckFn

    @property
    def name(self) -> str:
        return self.fn.__name__


_REGISTRY: list[Check] = []


def register(*codes: str) -> Callable[[CheckFn], CheckFn]:
    def deco(fn: CheckFn) -> CheckFn:
        _REGISTRY.append(Check(codes, fn))
        return fn

    return deco


def all_checks() -> list[Check]:
    """The checks in ``_MODULES`` order, then registration order within a module — whatever
    imported a check module first (GARBAGE must run first: it may stop the run)."""
    for m in _MODULES:
        importlib.import_module(m)
    rank = {m: i for i, m in enumerate(_MODULES)}
    return sorted(_REGISTRY, key=lambda c: rank.get(c.fn.__module__, len(rank)))
