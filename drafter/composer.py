"""Drafts written without the model, both honest about what is known:

* ``interim_reply``: «Ольга, здравствуйте! Ваше обращение по адресу … передано исполнителю: ….
  Ответим по существу не позднее 7 декабря, 18:00.» — built only from the appeal, the routing
  and the draft's own deadline. It is a courtesy, never an answer.
* ``facts_reply``: the executor's facts as they wrote them, after the greeting and what the
  appeal is about: the fallback when the model's reply keeps losing or inventing facts.

A past answer never lends a composed draft anything: its promises, dates and results belong to
another case. The appeal is untrusted: nothing of its text goes into a composed draft except
the address and a topic phrase, and the topic phrase is left out when it looks like an
instruction.
"""

from __future__ import annotations

import re

from drafter.executor_facts import fact_sentences
from drafter.postprocess import INSTRUCTION
from knowledge import regions

_TOPIC_WORDS = 14


def topic_phrase(problem: str | None) -> str | None:
    """The appeal's problem as a short phrase fit to quote, or None."""
    if not problem or problem.rstrip().endswith("…"):
        return None  # a phrase cut mid-sentence reads badly quoted back
    words = re.sub(r"[«»\"<>\[\]{}]", "", problem).split()[:_TOPIC_WORDS]
    phrase = " ".join(words).strip(" .,;:—-…")
    # an appeal phrase that tries to steer the reply is not quoted back
    if len(phrase) < 8 or INSTRUCTION.search(phrase):
        return None
    return phrase


def deadline_sentence(due_text: str) -> str:
    """«Ответим по существу не позднее 7 декабря, 18:00.»"""
    return f"Ответим по существу не позднее {due_text}."


def interim_reply(
    greeting: str,
    *,
    due_text: str,
    address: str | None = None,
    problem: str | None = None,
    sender: str | None = None,
    routed_to: str | None = None,
) -> str:
    """The honest interim reply: greeting, what the appeal is about, who has it, by when.

    ``sender`` is the agency the reply goes out from; ``routed_to`` the responsible body routing
    suggested (None when unsure). An agency never tells the citizen it passed the appeal to
    itself: only another body is named as the one the appeal went to."""
    about = ""
    topic = topic_phrase(problem)
    if topic:
        about += f" («{topic}»)"
    if address:
        about += f" по адресу {_clean_address(address)}"
    org = _clean_agency(routed_to)
    if org and _same_org(org, sender):
        org = None
    # an organisation's name stays in the nominative: no declension to get wrong
    if org:
        return (
            f"{greeting} Ваше обращение{about} передано исполнителю: {org}. "
            f"{deadline_sentence(due_text)}"
        )
    return f"{greeting} Ваше обращение{about} получено, мы его проверяем. {deadline_sentence(due_text)}"


def facts_reply(greeting: str, facts: str, *, address: str | None, problem: str | None) -> str:
    """The executor's facts as their own sentences, after the greeting and what it is about.

    Terse notes («яму засыпали 3 декабря; асфальт в мае») become sentences: each line or «;»
    part starts with a capital and ends with a full stop. Nothing is added to them; a pasted
    letter loses what it says about itself (drafter.executor_facts.is_letter_apparatus)."""
    sentences = fact_sentences(facts)
    if not sentences:  # nothing but the letter's apparatus: the text as written, not nothing
        sentences = [" ".join(facts.split())]
    about = ""
    topic = topic_phrase(problem)
    if topic:
        about = f" («{topic}»)"
    if address:
        about += f" по адресу {_clean_address(address)}"
    lead = f"По вашему обращению{about}:" if about else ""
    return " ".join(x for x in (greeting, lead, *sentences) if x)


_CITY_FIRST = re.compile(
    rf"^\s*(?:г\.?|город)?\s*(?:{regions.alternation(regions.city_forms())})(?![\w-]),?\s*"
)


def _clean_address(address: str) -> str:
    # one line of the appeal at most: an address found in untrusted text must not carry the
    # next line («ул. Лесной.\nОтвет: …») into the reply
    a = address.strip().splitlines()[0] if address.strip() else ""
    a = _CITY_FIRST.sub("", a)  # the region's city goes without saying
    return a.strip(" ,.")


def _same_org(a: str, b: str | None) -> bool:
    """«Администрация Выборгского района» and «администрация  выборгского района» are one."""
    if not b:
        return False

    def norm(x: str) -> str:
        return " ".join(re.sub(r"[^\w]+", " ", x.lower().replace("ё", "е")).split())

    return norm(a) == norm(b) or norm(a) in norm(b) or norm(b) in norm(a)


def _clean_agency(agency: str | None) -> str | None:
    if not agency or not agency.strip():
        return None
    return " ".join(agency.split())[:200]


__all__ = [
    "deadline_sentence",
    "facts_reply",
    "interim_reply",
    "topic_phrase",
]
