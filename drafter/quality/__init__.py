"""The ЦУР reply quality standard as code (shared/docs/quality-standard.md), run on every draft
and every human edit.

    from drafter.quality import CheckRequest, assess, check
    q = assess(CheckRequest(draft, appeal=appeal, sources=(regulation chunks, computed facts),
                            answer_sources=(past approved answers to other cases,)))
    q = check(draft, appeal=appeal, sources=[...], answer_sources=[...])   # the same, as keywords

``sources`` ground any fact; ``answer_sources`` ground only facts that hold across cases
(norms, organisations, their phones, periods) — an address, a date or a count copied from
another citizen's answer is UNGROUNDED. Any stand-in checker has ``Checker``'s signature.
``extract_facts`` (dates, numbers, addresses, phones, orgs, norms) and ``Grounding`` (which
of them some texts support) are what the pipeline's support map uses, so the pipeline and the
checker agree on what a fact is. ``python -m evals.checker_agreement`` compares the checker
with a hand annotation of real replies; ``python -m evals.validate_outcomes`` with the
portal's outcomes.

Layout: ``text`` (tokens, cached lemmas, sentences) → ``matcher`` (lexicon phrases by lemma,
lists in ``lexicon``) and ``facts`` (dates, numbers, addresses, phones, orgs, norms) →
``context`` (shared signals) → ``checks/*`` (one module per group of codes, registered in
``registry``) → ``scoring``. ``cli.run_check`` is the ``drafter check`` command.
"""

from drafter.quality.context import Context
from drafter.quality.core import assess, check
from drafter.quality.facts import KIND_RU, Fact, extract_facts
from drafter.quality.grounding import Grounding
from drafter.quality.registry import all_checks
from drafter.quality.request import Checker, CheckRequest, TopicJudge
from drafter.quality.scoring import WEIGHTS

CODES = (
    "OTPISKA",
    "REDIRECT",
    "NO_DEADLINE",
    "NO_SPECIFICS",
    "FORMALISM",
    "TEMPLATE",
    "NO_GREETING",
    "IMPOLITE",
    "LEGAL_DUMP",
    "HARD_TO_READ",
    "UNGROUNDED",
    "CONTRADICTION",
    "RATE_REQUEST",
    "PII_LEAK",
    "GARBAGE",
)

__all__ = [
    "CODES",
    "KIND_RU",
    "WEIGHTS",
    "CheckRequest",
    "Checker",
    "Context",
    "Fact",
    "Grounding",
    "TopicJudge",
    "all_checks",
    "assess",
    "check",
    "extract_facts",
]
