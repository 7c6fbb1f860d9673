"""Drafting quality on a small sample of real appeals, with the real model.

    python -m evals.draft_sample [--n 20] [--index-answers 2000] [--data-dir DIR] [--json]

Builds (or, with ``--data-dir`` holding one already, reuses) the index of
``evals.benchmark_drafting``: the bundled samples, the most recent 2000 city-portal answers
filed before 2021 and the Жилищный кодекс. Drafts ``--n`` appeals filed in January 2021 (not
in the index) through the real pipeline, rotating the channels (vk, pos, letter), and prints
the pass rate, violations per code, the share of each method (generated / composed), the share
of interim replies and the ungrounded count: UNGROUNDED violations plus facts the draft's
support map (``DraftResult.support``) leaves unsupported.

For comparison in the same run, the officials' own first answers to the same appeals are
checked as a person's text (``generated=False``, no sources).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import datetime
from typing import Any

from tqdm.auto import tqdm

from drafter.domain import Appeal
from drafter.factories import make_index, make_llm
from drafter.pipeline import DraftingService
from evals.benchmark_drafting import (
    SPB,
    build_index,
    january_appeals,
    sample_arguments,
    sample_settings,
)

CHANNELS = ("vk", "pos", "letter")


def appeal_of(card: dict[str, Any], i: int) -> Appeal:
    first = card["petitions"][0]
    return Appeal(
        text=first["text"],
        channel=CHANNELS[i % len(CHANNELS)],
        address=card.get("address") or None,
        received_at=datetime.fromisoformat(first["dt"]),
        region="RU-SPE",
    )


def official_reply(card: dict[str, Any]) -> str:
    answers = card.get("answers") or []
    return (answers[0].get("text") or "") if answers else ""


def main(argv: list[str] | None = None) -> int:
    ap = sample_arguments(__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="print every draft")
    args = ap.parse_args(argv)
    if not SPB.exists():
        print(f"needs {SPB}", file=sys.stderr)
        return 2

    settings, _tmp = sample_settings(args.data_dir, "drafter-sample-")
    index = make_index(settings)
    if len(index) == 0:
        index.close()
        index = build_index(settings, args.index_answers)
    service = DraftingService(make_llm(settings), index, settings)

    from drafter.quality import check

    rows = []
    for i, card in enumerate(tqdm(january_appeals(args.n), desc="drafting")):
        appeal = appeal_of(card, i)
        result = service.draft(appeal)
        unsupported = sum(len(s.unsupported) for s in result.support)
        human = official_reply(card)
        human_q = check(human, appeal=appeal, generated=False) if human.strip() else None
        rows.append(
            {
                "id": card["id"],
                "channel": appeal.channel.value,
                "passed": result.quality.passed,
                "score": result.quality.score,
                "codes": sorted({v.code for v in result.quality.violations}),
                "method": result.method,
                "reply_kind": result.reply_kind,
                "unsupported": unsupported,
                "ungrounded": sum(v.code == "UNGROUNDED" for v in result.quality.violations),
                "attempts": result.attempts,
                "unverified_done": sum(s.unverified_done for s in result.support),
                "text": result.text,
                "human_passed": None if human_q is None else human_q.passed,
                "human_codes": []
                if human_q is None
                else sorted({v.code for v in human_q.violations}),
            }
        )
        if args.show:
            print(f"\n[{card['id']} {appeal.channel.value} {result.method} "
                  f"{'PASS' if result.quality.passed else 'FAIL'} {rows[-1]['codes']}]\n{result.text}",
                  file=sys.stderr)  # fmt: skip

    summary = summarise(rows)
    if args.json:
        print(json.dumps({"summary": summary, "items": rows}, ensure_ascii=False, indent=2))
    else:
        print_summary(summary)
    index.close()
    return 0


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(rows)
    codes: Counter[str] = Counter(c for r in rows for c in r["codes"])
    human = [r for r in rows if r["human_passed"] is not None]
    human_codes: Counter[str] = Counter(c for r in human for c in r["human_codes"])
    return {
        "n": n,
        "pass_rate": sum(r["passed"] for r in rows) / n if n else 0.0,
        "violations": dict(codes.most_common()),
        "methods": {m: c / n for m, c in Counter(r["method"] for r in rows).items()},
        "reply_kinds": {k or "—": c / n for k, c in Counter(r["reply_kind"] for r in rows).items()},
        "ungrounded": sum(r["ungrounded"] for r in rows),
        "unsupported_facts": sum(r["unsupported"] for r in rows),
        "unverified_done_claims": sum(r.get("unverified_done", 0) for r in rows),
        "attempts_mean": sum(r["attempts"] for r in rows) / n if n else 0.0,
        "human_n": len(human),
        "human_pass_rate": sum(r["human_passed"] for r in human) / len(human) if human else None,
        "human_violations": dict(human_codes.most_common()),
    }


def print_summary(s: dict[str, Any]) -> None:
    print(f"\n{s['n']} January-2021 spb appeals (channels {', '.join(CHANNELS)})")
    print(f"pass rate: {s['pass_rate']:.0%}   attempts per draft: {s['attempts_mean']:.2f}")
    print("violations: " + (", ".join(f"{k} {v}" for k, v in s["violations"].items()) or "none"))
    print("methods: " + ", ".join(f"{k} {v:.0%}" for k, v in s["methods"].items()))
    print("reply kinds: " + ", ".join(f"{k} {v:.0%}" for k, v in s["reply_kinds"].items()))
    print(f"ungrounded: {s['ungrounded']} UNGROUNDED violations, "
          f"{s['unsupported_facts']} unsupported facts in the support maps")  # fmt: skip
    print(f"sentences reporting work done that no source can confirm (flagged): "
          f"{s['unverified_done_claims']}")  # fmt: skip
    if s["human_pass_rate"] is not None:
        print(f"officials' replies to the same appeals: pass rate {s['human_pass_rate']:.0%} "
              f"(n={s['human_n']}); violations: "
              + (", ".join(f"{k} {v}" for k, v in s["human_violations"].items()) or "none"))  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
