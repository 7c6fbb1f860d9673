"""natasha's own extractors against the hand grammars, on the labelled set's texts.

``python -m evals.natasha_extractors [--show dates|money|addresses|names] [--n 20]``

For dates, money, addresses and persons' full names: the spans each finds in the replies and
appeals of evals/data/checker_labels/, how many both find (overlapping spans), and how
many only one finds. ``--show KIND`` prints a sample of the spans only one side finds, with
context, to be judged by hand (the README's comparison table gives the judged counts).

Hand grammars: ``drafter.quality.facts`` (dates: «15.12.2020», «15 декабря 2020 г.», «пятого
мая»; addresses: street and house in three orders), the former money rule (a number and a
rouble unit; natasha's won and replaced it in the checker) and the
checker's private-name finder (``drafter.quality.checks.privacy``: a name-shaped candidate the
NER confirms). natasha: DatesExtractor, MoneyExtractor, AddrExtractor (only matches with a
street and a house, as the hand grammar's), NamesExtractor (only matches with a last name and a
first name or initials: a full name, as the checker's).
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from drafter.quality.checks.privacy import _candidates, person_spans
from drafter.quality.context import Context
from drafter.quality.facts import extract_facts
from evals.checker_validity import load

Span = tuple[int, int]
KINDS = ("dates", "money", "addresses", "names")
_STREET_PARTS = frozenset(
    ("улица", "проспект", "переулок", "набережная", "шоссе", "бульвар", "площадь", "проезд",
     "линия", "аллея", "тупик", "микрорайон", "тракт")
)  # fmt: skip
# the checker's money grammar before natasha's won (a number and a rouble unit), kept here only
# so that the comparison can be run again
_HAND_MONEY = re.compile(
    r"(?<![\w.,])(?:\d{1,3}(?:[ \u00a0]\d{3})+|\d+(?:[.,]\d+)?)\s*(?:руб\w*|р\.|коп\w*)",
    re.IGNORECASE,
)


def texts() -> list[str]:
    out: dict[str, None] = {}
    for case in load():
        out.setdefault(case.reply)
        out.setdefault(case.appeal)
    return [t for t in out if t.strip()]


def hand(kind: str, text: str) -> list[Span]:
    if kind == "names":  # every full name the finder's candidates and the NER agree on:
        # officials' and streets' too, which privacy spares as its policy, not as its grammar
        ctx = Context(text=text)
        people = person_spans(text)
        return [c for c in _candidates(ctx) if _overlaps(c, people)]
    facts = extract_facts(text)
    if kind == "dates":
        return [(f.start, f.end) for f in facts if f.kind == "date"]
    if kind == "money":
        return [m.span() for m in _HAND_MONEY.finditer(text)]
    return [(f.start, f.end) for f in facts if f.kind == "address"]


def natasha_extractors() -> dict[str, Callable[[str], list[Span]]]:
    from natasha import (
        AddrExtractor,
        DatesExtractor,
        MoneyExtractor,
        MorphVocab,
        NamesExtractor,
    )

    vocab = MorphVocab()  # natasha's own pymorphy2 analyser: a second one in the process
    dates, money = DatesExtractor(vocab), MoneyExtractor(vocab)
    addr, names = AddrExtractor(vocab), NamesExtractor(vocab)

    def addresses(text: str) -> list[Span]:
        # natasha gives an address part by part: a street followed by its house is one address
        out, street = [], None
        for m in addr(text):
            kind = m.fact.type
            if kind == "дом" and street is not None and m.start - street[1] <= 3:
                out.append((street[0], m.stop))
            street = (m.start, m.stop) if kind in _STREET_PARTS else None
        return out

    def full_names(text: str) -> list[Span]:
        return [(m.start, m.stop) for m in names(text) if m.fact.last and (m.fact.first)]

    return {
        "dates": lambda t: [(m.start, m.stop) for m in dates(t)],
        "money": lambda t: [(m.start, m.stop) for m in money(t)],
        "addresses": addresses,
        "names": full_names,
    }


def _overlaps(a: Span, spans: list[Span]) -> bool:
    return any(a[0] < b[1] and b[0] < a[1] for b in spans)


@dataclass
class Comparison:
    kind: str
    hand: int = 0
    natasha: int = 0
    both: int = 0  # hand spans natasha overlaps
    hand_only: list[tuple[str, Span]] = field(default_factory=list)
    natasha_only: list[tuple[str, Span]] = field(default_factory=list)
    seconds_hand: float = 0.0
    seconds_natasha: float = 0.0


def compare(kind: str, corpus: list[str], theirs: Callable[[str], list[Span]]) -> Comparison:
    row = Comparison(kind)
    for text in corpus:
        t0 = time.perf_counter()
        h = hand(kind, text)
        t1 = time.perf_counter()
        n = theirs(text)
        row.seconds_hand += t1 - t0
        row.seconds_natasha += time.perf_counter() - t1
        row.hand += len(h)
        row.natasha += len(n)
        row.both += sum(_overlaps(s, n) for s in h)
        row.hand_only += [(text, s) for s in h if not _overlaps(s, n)]
        row.natasha_only += [(text, s) for s in n if not _overlaps(s, h)]
    return row


def _show(items: list[tuple[str, Span]], n: int, rng: random.Random) -> None:
    for text, (s, e) in rng.sample(items, min(n, len(items))):
        ctx = (text[max(0, s - 40) : s] + "[" + text[s:e] + "]" + text[e : e + 30]).replace(
            "\n", " "
        )
        print("   ", ctx)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m evals.natasha_extractors")
    ap.add_argument("--show", choices=KINDS)
    ap.add_argument("--n", type=int, default=20)
    args = ap.parse_args(argv)
    corpus = texts()
    extractors = natasha_extractors()
    print(f"{len(corpus)} texts (replies and appeals of the labelled set)")
    print("| kind | hand | natasha | both | hand only | natasha only | seconds hand / natasha |")
    print("|---|---|---|---|---|---|---|")
    for kind in [args.show] if args.show else KINDS:
        r = compare(kind, corpus, extractors[kind])
        print(
            f"| {kind} | {r.hand} | {r.natasha} | {r.both} | {len(r.hand_only)} | "
            f"{len(r.natasha_only)} | {r.seconds_hand:.1f} / {r.seconds_natasha:.1f} |"
        )
        if args.show:
            rng = random.Random(0)
            print("  hand only:")
            _show(r.hand_only, args.n, rng)
            print("  natasha only:")
            _show(r.natasha_only, args.n, rng)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
