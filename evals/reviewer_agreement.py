"""How often the automatic checker agrees with the reviewers, per reason code.

    python -m evals.reviewer_agreement [--json] [--db-url URL] [--include-approved]

Reads the audit trail (settings.db_url): every ``returned`` decision carries the reviewer's
reason codes and the checker's verdict on the returned version. For each code, over those
decisions: the checker flagged it and the reviewer gave it (both), only the checker, only the
reviewer, neither; precision = both / checker, recall = both / reviewer, agreement = (both +
neither) / decisions. ``--include-approved`` adds approvals as decisions without reasons (the
reviewer found nothing), which makes the checker's false alarms visible.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from drafter.domain import HistoryEvent
from drafter.errors import DrafterError
from drafter.review import REASON_CODES


@dataclass
class CodeAgreement:
    code: str
    decisions: int = 0
    reviewer: int = 0  # decisions where the reviewer gave the code
    checker: int = 0  # decisions where the checker flagged it
    both: int = 0

    @property
    def neither(self) -> int:
        return self.decisions - self.reviewer - self.checker + self.both

    @property
    def precision(self) -> float | None:
        return self.both / self.checker if self.checker else None

    @property
    def recall(self) -> float | None:
        return self.both / self.reviewer if self.reviewer else None

    @property
    def agreement(self) -> float | None:
        return (self.both + self.neither) / self.decisions if self.decisions else None

    def as_dict(self) -> dict[str, object]:
        return {
            **asdict(self),
            "neither": self.neither,
            "precision": self.precision,
            "recall": self.recall,
            "agreement": self.agreement,
        }


def agreement(events: Sequence[HistoryEvent]) -> dict[str, CodeAgreement]:
    """Per reason code, the checker's verdicts against the reviewers' over these decisions."""
    table = {code: CodeAgreement(code) for code in REASON_CODES}
    for event in events:
        given = {r.upper() for r in event.reasons or []}
        flagged = {v.code.upper() for v in event.quality.violations} if event.quality else set()
        for code in set(table) | given | flagged:
            row = table.setdefault(code, CodeAgreement(code))
            row.decisions += 1
            row.reviewer += code in given
            row.checker += code in flagged
            row.both += code in given and code in flagged
    return table


def load_decisions(db_url: str, include_approved: bool = False) -> list[HistoryEvent]:
    from drafter.storage import Store

    store = Store.open(db_url, upgrade=False)  # a report never changes the schema
    try:
        kinds = ["returned", "approved"] if include_approved else ["returned"]
        return [event for _draft_id, event in store.drafts.events(kinds)]
    finally:
        store.close()


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def render(table: dict[str, CodeAgreement], decisions: int) -> str:
    header = (
        f"{'code':<14} {'reviewer':>8} {'checker':>8} {'both':>5} "
        f"{'precision':>9} {'recall':>6} {'agreement':>9}"
    )
    lines = [f"reviewer decisions: {decisions}", header]
    for row in sorted(table.values(), key=lambda r: (-r.reviewer, -r.checker, r.code)):
        lines.append(
            f"{row.code:<14} {row.reviewer:>8} {row.checker:>8} {row.both:>5} "
            f"{_fmt(row.precision):>9} {_fmt(row.recall):>6} {_fmt(row.agreement):>9}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m evals.reviewer_agreement", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--db-url", help="the database (default: settings.db_url)")
    parser.add_argument(
        "--include-approved", action="store_true", help="count approvals as decisions too"
    )
    args = parser.parse_args(argv)
    if args.db_url:
        db_url = args.db_url
    else:
        from drafter.settings import Settings

        db_url = Settings().db_url
    try:
        events = load_decisions(db_url, include_approved=args.include_approved)
    except DrafterError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    table = agreement(events)
    if args.json:
        out = {
            "decisions": len(events),
            "codes": {code: row.as_dict() for code, row in sorted(table.items())},
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(render(table, len(events)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
