"""Regions are data (knowledge/regions/*.toml): a reply from Омск or Курск is judged as the same
reply from Петербург. Every labelled case that names something of Петербург (the city, its
bodies, «СПб ГКУ», «ЖКС», «парадная», a district administration) is transposed — the city, the
organisations and their abbreviations, the district, the street — and must get the same
verdict and the same codes."""

from __future__ import annotations

import re

import pytest

from drafter.quality import check
from evals.checker_validity import load
from knowledge import regions

# Петербург's words and what a reply from the other city writes in their place. The other city's
# names are its file's (tested below), so the test fails when the data stops covering them.
_COMMON = [
    ("в парадной", "в подъезде"),
    ("парадная", "подъезд"),
    ("парадную", "подъезд"),
    ("парадной", "подъезда"),
    ("парадные", "подъезды"),
    ("парадных", "подъездов"),
    ("парадным", "подъездам"),
    ("ГАТИ", "ГЖИ"),
]
TRANSPOSE = {
    "omsk": [
        ("ГУП «Водоканал Санкт-Петербурга»", "АО «ОмскВодоканал»"),
        ("Водоканал Санкт-Петербурга", "ОмскВодоканал"),
        ("Водоканала", "ОмскВодоканала"),
        ("Водоканал", "ОмскВодоканал"),
        ("СПб ГКУ", "КУ г. Омска"),
        ("СПб ГБУ", "БУ г. Омска"),
        ("СПб ГУП", "МП г. Омска"),
        ("Санкт-Петербургское", "Омское"),
        ("Санкт-Петербургским", "Омским"),
        ("Санкт-Петербург", "Омск"),  # «Санкт-Петербурга» → «Омска», and every case
        ("Петербург", "Омск"),
        ("СПб", "Омск"),
        ("Жилкомсервис", "Департамент городского хозяйства"),
        ("ЖКС", "ДГХ"),
        ("Жилищное агентство", "Региональный фонд капитального ремонта"),
        ("ЖА", "РФКР"),
        ("Невского района", "Ленинского округа"),
        ("Невский район", "Ленинский округ"),
        ("2-я линия", "2-я Солнечная ул."),
        *_COMMON,
    ],
    "kursk": [
        ("ГУП «Водоканал Санкт-Петербурга»", "МУП «Курскводоканал»"),
        ("Водоканал Санкт-Петербурга", "Курскводоканал"),
        ("Водоканала", "Курскводоканала"),
        ("Водоканал", "Курскводоканал"),
        ("СПб ГКУ", "МКУ г. Курска"),
        ("СПб ГБУ", "МБУ г. Курска"),
        ("СПб ГУП", "МУП г. Курска"),
        ("Санкт-Петербургское", "Курское"),
        ("Санкт-Петербургским", "Курским"),
        ("Санкт-Петербург", "Курск"),
        ("Петербург", "Курск"),
        ("СПб", "Курск"),
        ("Жилкомсервис", "Комитет жилищно-коммунального хозяйства"),
        ("ЖКС", "КЖКХ"),
        ("Жилищное агентство", "Комитет дорожного хозяйства"),
        ("ЖА", "КДХ"),
        ("Невского района", "Центрального округа"),
        ("Невский район", "Центральный округ"),
        ("2-я линия", "2-я Рабочая ул."),
        *_COMMON,
    ],
}
_SPB = re.compile("|".join(re.escape(a) for a, _ in TRANSPOSE["omsk"]))


def transpose(text: str, region: str) -> str:
    pairs = dict(TRANSPOSE[region])
    return _transposer(region).sub(lambda m: pairs[m.group()], text)


def _transposer(region: str) -> re.Pattern[str]:
    words = sorted((a for a, _ in TRANSPOSE[region]), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")")


def _case_text(case) -> str:
    return " ".join([case.reply, case.appeal, *case.sources, *case.answer_sources])


CASES = [c for c in load() if _SPB.search(_case_text(c))]


def _verdict(case, region: str | None):
    t = (lambda x: transpose(x, region)) if region else (lambda x: x)
    q = check(
        t(case.reply),
        appeal=case.as_appeal().model_copy(update={"text": t(case.appeal)}),
        sources=[t(s) for s in case.sources],
        answer_sources=[t(s) for s in case.answer_sources],
        generated=case.generated,
    )
    return q.passed, sorted({v.code for v in q.violations})


def test_the_transposed_names_are_the_regions_data():
    for code, pairs in TRANSPOSE.items():
        region = next(r for r in regions.all_regions() if r.code == code)
        written = " ".join(b for _, b in pairs)
        assert region.city[0] in written
        assert all(a in written for a in region.abbreviations if a != "ДГХиЭ")
        assert any(form in written for form in region.org_forms)
    spb = next(r for r in regions.all_regions() if r.code == "spb")
    assert {"ЖКС", "ЖА", "ГАТИ", "СПб"} <= set(spb.abbreviations)


@pytest.mark.parametrize("region", sorted(TRANSPOSE))
def test_a_reply_from_another_region_gets_the_same_verdict(region):
    assert len(CASES) >= 100  # the labelled set names Петербург's things in 135 cases
    differ = []
    for case in CASES:
        if transpose(_case_text(case), region) == _case_text(case):
            continue
        before, after = _verdict(case, None), _verdict(case, region)
        if before != after:
            differ.append((case.id, before, after))
    assert differ == []
