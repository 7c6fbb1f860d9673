"""The ЦУР reply quality standard as code (shared/docs/quality-standard.md).

    from evals.checker import check
    q = check(draft, appeal=appeal, sources=[regulation chunks, computed facts],
              answer_sources=[past approved answers to other cases])

``sources`` ground any fact; ``answer_sources`` ground only facts that hold across cases
(norms, organisations, their phones, periods) — an address, a date or a count copied from
another citizen's answer is UNGROUNDED. ``python -m evals.checker_agreement`` compares the
checker with a hand annotation of 80 real replies; ``python -m evals.validate_outcomes`` with
the portal's outcomes.

Layout: ``text`` (tokens, cached lemmas, sentences) → ``matcher`` (lexicon phrases by lemma,
lists in ``lexicon``) and ``facts`` (dates, numbers, addresses, phones, orgs, norms) →
``context`` (shared signals) → ``checks/*`` (one module per group of codes, registered in
``registry``) → ``scoring``. ``cli.run_check`` is the ``drafter check`` command.
"""

from evals.checker.core import check
from evals.checker.registry import all_checks
from evals.checker.scoring import WEIGHTS

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

__all__ = ["CODES", "WEIGHTS", "all_checks", "check"]
