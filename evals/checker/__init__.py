"""The ЦУР reply quality standard as code (shared/docs/quality-standard.md).

    from evals.checker import check
    q = check(draft, appeal=appeal, sources=[chunk.text for chunk in cited])

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
