"""What a draft stands on: the case's sources (the appeal, the hits used, the deadline, the
signature), the support map with its claims of work done and its unsupported causes
(drafter.grounding), and the citations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from drafter.claims import reports_work_done, work_verbs
from drafter.domain import Appeal, Citation
from drafter.executor_facts import facts_source
from drafter.grounding import SentenceSupport, Source, drop_unsupported, stems_of, support_map

if TYPE_CHECKING:
    from drafter.settings import SignatureSettings
    from knowledge.types import Hit


@dataclass
class Case:
    """One appeal's inputs to every attempt: the cleaned appeal, what the understanding step
    found (``facts``: name, place, problem, kind), the hits, the deadline, what the executor
    knows and the body routing is sure of."""

    appeal: Appeal
    facts: dict[str, Any]
    hits: list[Hit]
    due: dict[str, str] | None
    executor_facts: str | None = None
    routed_to: str | None = None


def case_sources(case: Case, used: Sequence[Hit], signature: str) -> list[Source]:
    a = case.appeal
    appeal_text = "\n".join(x for x in (a.text, a.address, a.agency, a.author_name) if x)
    out = [Source("appeal", appeal_text, "appeal")]
    if case.executor_facts:
        out.append(facts_source(case.executor_facts))
    for h in used:
        out.append(Source(h.chunk.id, h.chunk.text, h.chunk.kind))
    if case.due is not None:
        out.append(Source("deadline", case.due["line"], "deadline"))
    if signature:
        out.append(Source("signature", signature, "signature"))
    return out


def signature_block(appeal: Appeal, sig: SignatureSettings) -> str:
    """«С уважением,\n<position>\n<organisation>\n<name>» for a letter; "" otherwise."""
    if appeal.channel.value != "letter":
        return ""
    lines = [x.strip() for x in (sig.position, sig.organisation, sig.name) if x and x.strip()]
    return "С уважением,\n" + "\n".join(lines) if lines else ""


def ground(
    text: str,
    sources: Sequence[Source],
    *,
    keep: int,
    keep_claims: int,
    drop_claims: bool,
    drop_causes: bool = False,
) -> tuple[str, list[SentenceSupport], list[SentenceSupport]]:
    """The text without the sentences nothing supports, its support map and what was dropped;
    ``drop_claims``: a claim of work done nothing confirms counts as unsupported;
    ``drop_causes``: so does a stated cause nothing states (the model invents them)."""
    support = support_rows(text, sources, keep_claims)
    _mark(support, drop_claims, drop_causes, keep)
    text, dropped = drop_unsupported(text, support, keep=keep)
    if dropped:
        support = support_rows(text, sources, keep_claims)
    return text, support, dropped


def _mark(support: list[SentenceSupport], claims: bool, causes: bool, keep: int) -> None:
    for row in support:
        if claims and row.unverified_done:
            row.unsupported.append("сообщение о выполненной работе")
        if causes and row.unsupported_reason and row.start >= keep:
            row.unsupported.append("причина")


def support_rows(text: str, sources: Sequence[Source], keep: int) -> list[SentenceSupport]:
    """The support map, each sentence also flagged when it reports work done that no
    executor's fact confirms: «замечания устранены» — no other source of ours can know that
    about this appeal; the model takes it from another case's answer."""
    rows = support_map(text, sources)
    known = [s for s in sources if s.kind in ("facts", "appeal")]
    for row in rows:
        row.unverified_done = (
            row.start >= keep
            and reports_work_done(row.sentence)
            and not claim_backed(row.sentence, known)
        )
    return rows


# the share of a claim's words that the executor's facts and the appeal must hold between them:
# a few shared words («работы», «устранены») are not enough — a model that read «засор прочищен»
# wrote «замена ламп на 9 этаже, установка нового мусоропровода» (measured on (A) of the measure)
CLAIM_SHARE = 0.6


def claim_backed(sentence: str, known: Sequence[Source]) -> bool:
    """A claim of work done (or a denial) whose words stand, mostly, in the executor's facts
    and the appeal: what the executor said was done, written up; not something new. With the
    executor's facts known, the work itself («провели очистку», «установили») must be theirs:
    the appeal asks for it, it does not say it was done (measure (A), session 8: «Мы уже
    провели качественную очистку и установили сетку-рабицу на опору» from an appeal asking for
    the net, facts saying only «нарушения устранены»)."""
    words = stems_of(sentence)
    if not words or not known:
        return False
    have = frozenset().union(*(s.stems for s in known))
    if len(words & have) / len(words) < CLAIM_SHARE:
        return False
    facts = [s for s in known if s.kind == "facts"]
    return not facts or work_verbs(sentence) <= frozenset().union(*(s.lemmas for s in facts))


def citation(hit: Hit) -> Citation:
    chunk = hit.chunk
    snippet = chunk.text if len(chunk.text) <= 300 else chunk.text[:297].rstrip() + "…"
    return Citation(
        source_id=chunk.id, title=chunk.title or chunk.doc_id, snippet=snippet, kind=chunk.kind
    )
