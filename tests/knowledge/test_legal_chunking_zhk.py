"""The real Жилищный кодекс РФ (../shared/data): budget, article numbers, whole articles, no loss."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from knowledge.legal_chunking import DEFAULT_MAX_TOKENS, body_of
from knowledge.loaders import load_regulation
from knowledge.tokens import count_tokens

ZHK = (
    Path(__file__).resolve().parents[2]
    / ".."
    / "shared"
    / "data"
    / "regulations"
    / "zhilishchny_kodeks_rf_pravo_gov_102090645.txt"
)
pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not ZHK.is_file(), reason="../shared/data is not beside the repository"),
]
HEADING = re.compile(r"^(Статья \d+\.|Глава \d+\.|РАЗДЕЛ )")


@pytest.fixture(scope="module")
def doc():
    return load_regulation(ZHK, agency="Минстрой")


@pytest.fixture(scope="module")
def raw_articles() -> dict[str, str]:
    """Article heading line → its body, cut independently of the chunker (by raw lines)."""
    lines = ZHK.read_text(encoding="utf-8").splitlines()
    out: dict[str, str] = {}
    current = None
    for line in lines:
        if HEADING.match(line):
            current = line.strip() if line.startswith("Статья") else None
            if current:
                out[current] = ""
        elif current:
            out[current] += line + "\n"
    return out


def by_article(doc) -> dict[str, list]:
    out: dict[str, list] = {}
    for c in doc.chunks:
        if "article" in c.metadata:
            out.setdefault(c.metadata["article"], []).append(c)
    return out


def test_document_title_and_metadata(doc) -> None:
    assert doc.title == "Жилищный кодекс Российской Федерации"
    assert doc.kind == "regulation" and doc.metadata["structure"] == "articles"
    assert doc.metadata["agency"] == "Минстрой"
    assert all(c.metadata["source_path"] == str(ZHK) for c in doc.chunks)


def test_every_chunk_fits_the_budget(doc) -> None:
    sizes = [count_tokens(c.text) for c in doc.chunks]
    assert max(sizes) <= DEFAULT_MAX_TOKENS
    assert len(doc.chunks) > 243  # more chunks than articles: long ones are split


def test_article_numbers_match_headings_with_superscripts_restored(doc, raw_articles) -> None:
    arts = by_article(doc)
    assert len(arts) == len(raw_articles) == 243
    assert {"1", "161", "157.2", "161.1", "32.1"} <= set(arts)
    nums = [tuple(int(x) for x in a.split(".")) for a in arts]  # dict keeps chunk order
    assert nums == sorted(nums)
    for heading, chunks in zip(raw_articles, arts.values()):
        title = chunks[0].metadata["article_title"]
        assert heading.endswith(title), (heading, title)


def test_articles_that_fit_stay_whole_and_no_text_is_lost(doc, raw_articles) -> None:
    whole = 0
    for (heading, body), (num, chunks) in zip(raw_articles.items(), by_article(doc).items()):
        joined = " ".join(body_of(c) for c in chunks)
        assert joined.split() == body.split(), num
        fits = count_tokens(f"{chunks[0].metadata['context']}\n{body.strip()}") <= 350
        if fits:
            assert len(chunks) == 1 and chunks[0].metadata["locator"] == f"статья {num}"
            whole += 1
    assert whole > 50


def test_article_161_part_2_carries_its_heading(doc) -> None:
    chunks = [c for c in by_article(doc)["161"] if c.metadata.get("part") == "2"]
    assert chunks
    c = chunks[0]
    assert c.text.startswith(
        "Жилищный кодекс РФ, статья 161. Выбор способа управления многоквартирным домом."
    )
    assert c.metadata["locator"].startswith("статья 161, часть 2")
    assert body_of(c).startswith("2. Собственники помещений в многоквартирном доме обязаны")
    assert c.metadata["section"].startswith("Раздел VIII")
    assert "chapter" not in c.metadata  # раздел VIII has no главы


def test_reloading_gives_the_same_ids(doc) -> None:
    again = load_regulation(ZHK)
    assert again.id == doc.id and again.id.startswith("reg:")
    assert [c.id for c in again.chunks] == [c.id for c in doc.chunks]
