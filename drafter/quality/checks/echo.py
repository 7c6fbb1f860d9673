"""What a reply repeats of the appeal: read by GARBAGE (a reply that parrots the citizen) and
by OTPISKA (a parroted reply is no brush-off of its own). Its own module so that ``garbage``
and ``substance`` both read it and neither imports the other back."""

from __future__ import annotations

import re

from drafter.quality.context import Context

GREETING_WORDS = re.compile(
    r"^(?:здравствуйте|добрый|доброе|день|вечер|утро|(?:глубоко)?уважаем\w*|приветствуем|вас)$",
    re.IGNORECASE,
)
# a word that can carry a clause: what a fragment lacks, and what a parroted reply adds if it
# says anything of its own
PREDICATE_POS = {"VERB", "INFN", "PRTS", "GRND", "ADJS", "PRED", "ADVB"}

ECHO_NGRAM = 4
ECHO_SHARE = 0.6  # of the reply's words after the greeting
ECHO_MIN_WORDS = 5


def parrot_share(ctx: Context) -> tuple[int, float] | None:
    """(start, share) when the reply's body mostly repeats the appeal's own words and what is
    left says nothing of its own (no predicate, no date or number): «Здравствуйте! Третий день не
    работает лифт в первом подъезде…» copied back. A short correct reply restates the place
    the way the appeal named it («Листья во дворе дома 11 по ул. Мичурина убрали 14 октября»):
    its own words carry the answer, so it is not parroting. None otherwise."""
    if not ctx.generated or not ctx.appeal or not ctx.appeal_doc:
        return None
    toks = ctx.doc.tokens
    words = [t.text.lower() for t in toks]
    skip = 0  # the greeting and the name are not copying
    while (
        skip < len(words)
        and skip < 4
        and (GREETING_WORDS.match(words[skip]) or toks[skip].text[:1].isupper() and skip < 2)
    ):
        skip += 1
    body = words[skip:]
    if len(body) < ECHO_MIN_WORDS:
        return None
    appeal_words = [t.text.lower() for t in ctx.appeal_doc.tokens]
    grams = {
        tuple(appeal_words[i : i + ECHO_NGRAM]) for i in range(len(appeal_words) - ECHO_NGRAM + 1)
    }
    copied = [False] * len(body)
    for i in range(len(body) - ECHO_NGRAM + 1):
        if tuple(body[i : i + ECHO_NGRAM]) in grams:
            for j in range(i, i + ECHO_NGRAM):
                copied[j] = True
    share = sum(copied) / len(body)
    own = [t for t, c in zip(toks[skip:], copied, strict=True) if not c]
    says_something = any(t.pos in PREDICATE_POS or t.pos == "NUMB" for t in own)
    if share >= ECHO_SHARE and not says_something:
        return toks[skip].start, share
    return None
