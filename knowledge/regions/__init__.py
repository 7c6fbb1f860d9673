"""Regions are data: what one region's replies write that another's do not — the city in all
its cases, organisations' legal forms that carry the region («СПб ГКУ», «БУ г. Омска»),
abbreviations of its bodies («ЖКС» = «Жилкомсервис»), its words for parts of an address
(«парадная», «линия»). One TOML file a region in this package; adding a region is adding a file.

The text layer reads every region together (``all_regions``): a reply is read the same way
whichever region wrote it, and nothing in the checker or the grammars names a city.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import tomllib

__all__ = ["Region", "abbreviations", "all_regions", "alternation", "building_parts", "city_forms",
           "org_forms", "street_kinds"]  # fmt: skip


@dataclass(frozen=True)
class Region:
    code: str  # the file's name: "spb", "omsk"
    name: str
    iso: str  # ISO 3166-2
    city: tuple[str, ...]  # «Санкт-Петербург», «Санкт-Петербурга», …, «СПб»
    org_forms: tuple[str, ...]  # «СПб ГКУ»
    abbreviations: dict[str, str]  # «ЖКС» → «Жилкомсервис»
    building_parts: tuple[str, ...]  # «парадная»
    street_kinds: tuple[str, ...]  # «линия»


@cache
def all_regions() -> tuple[Region, ...]:
    out = []
    for f in sorted(resources.files(__name__).iterdir(), key=lambda f: f.name):
        if not f.name.endswith(".toml"):
            continue
        data = tomllib.loads(f.read_text(encoding="utf-8"))
        address = data.get("address", {})
        out.append(
            Region(
                code=data["code"],
                name=data["name"],
                iso=data["iso"],
                city=tuple(data["city"]),
                org_forms=tuple(data.get("org_forms", ())),
                abbreviations=dict(data.get("abbreviations", {})),
                building_parts=tuple(address.get("building_parts", ())),
                street_kinds=tuple(address.get("street_kinds", ())),
            )
        )
    return tuple(out)


def _union(field: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(x for r in all_regions() for x in getattr(r, field)))


def city_forms() -> tuple[str, ...]:
    """Every region's city, in every form replies write it."""
    return _union("city")


def org_forms() -> tuple[str, ...]:
    return _union("org_forms")


def building_parts() -> tuple[str, ...]:
    return _union("building_parts")


def street_kinds() -> tuple[str, ...]:
    return _union("street_kinds")


def alternation(forms: tuple[str, ...] | list[str]) -> str:
    """A regex alternation of ``forms``, longest first, spaces as any run of spaces:
    ``alternation(city_forms())`` finds every region's city."""
    return "|".join(
        r"\s*".join(re.escape(w) for w in re.split(r"\s+|(?<=\.)(?=\w)", form))
        for form in sorted(forms, key=len, reverse=True)
    )


def abbreviations() -> dict[str, str]:
    """Every region's abbreviations of its bodies and what they stand for."""
    return {k: v for r in all_regions() for k, v in r.abbreviations.items()}
