"""Find lexicon phrases in a Doc by lemma keys.

A phrase is a tuple of lemma keys, ``*`` a gap of up to ``GAP`` words. Phrases are indexed by
their first key, so matching a reply costs one dict look-up per token plus a short comparison
for the few phrases that start with that word.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from drafter.quality import lexicon as data
from drafter.quality.text import Doc, phrase_keys

GAP = 3


@dataclass(frozen=True, slots=True)
class Match:
    phrase: str  # the lexicon entry as written
    first: int  # token indices, inclusive
    last: int
    start: int  # character span in the text
    end: int


class Lexicon:
    def __init__(self, phrases: Iterable[str]) -> None:
        self.by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for p in phrases:
            keys = phrase_keys(p)
            if keys:
                self.by_first.setdefault(keys[0], []).append((keys, p))
        for lst in self.by_first.values():
            lst.sort(key=lambda kp: -len(kp[0]))  # longest first

    def find(self, doc: Doc, *, first_only: bool = False) -> list[Match]:
        """Non-overlapping matches, longest phrase first at each position."""
        keys = doc.keys
        out: list[Match] = []
        i = 0
        n = len(keys)
        while i < n:
            cands = self.by_first.get(keys[i])
            hit = None
            if cands:
                for phrase, raw in cands:
                    last = _match_at(keys, i, phrase, doc)
                    if last is not None:
                        hit = Match(raw, i, last, doc.tokens[i].start, doc.tokens[last].end)
                        break
            if hit:
                out.append(hit)
                if first_only:
                    return out
                i = hit.last + 1
            else:
                i += 1
        return out

    def any_in(self, doc: Doc) -> bool:
        return bool(self.find(doc, first_only=True))


def _match_at(keys: list[str], i: int, phrase: tuple[str, ...], doc: Doc) -> int | None:
    """Index of the last token of ``phrase`` matched at ``i`` within one sentence, or None."""
    sent = doc.tokens[i].sent
    j = i
    pi = 0
    n = len(keys)
    while pi < len(phrase):
        want = phrase[pi]
        if want == "*":
            nxt = phrase[pi + 1]
            for k in range(j, min(j + GAP + 1, n)):
                if keys[k] == nxt and doc.tokens[k].sent == sent:
                    j = k
                    break
            else:
                return None
            pi += 1
            continue
        if j >= n or keys[j] != want or doc.tokens[j].sent != sent:
            return None
        j += 1
        pi += 1
    return j - 1


@cache
def lexicon(name: str) -> Lexicon:
    """The named list of ``drafter.quality.lexicon`` compiled once per process."""
    return Lexicon(getattr(data, name))
