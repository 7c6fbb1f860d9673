"""Reading replies from the «Наш Санкт-Петербург» dev data (../shared/data/spb_gorod) for the
checker's benchmark, outcome validation and tests. Nothing here is used at run time."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from drafter.domain import MAX_APPEAL_CHARS, Appeal, Channel

FINAL = "Окончательный ответ"


def shared_data_dir() -> Path:
    """``<repo>/../shared/data`` — where the real data lives beside the repository."""
    return Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def appeals_path() -> Path:
    return shared_data_dir() / "spb_gorod" / "appeals_dev.jsonl.gz"


def sample_path() -> Path:
    return shared_data_dir() / "spb_gorod" / "answers_dev_sample.jsonl"


def read_records(path: Path) -> Iterator[dict]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def appeal_of(rec: dict) -> Appeal:
    """The citizen's first message as an Appeal (the portal is a ПОС-like written channel)."""
    text = (rec["petitions"][0]["text"] if rec.get("petitions") else "").strip() or "(пусто)"
    return Appeal(
        text=text[:MAX_APPEAL_CHARS],
        channel=Channel.pos,
        address=(rec.get("address") or None) and rec["address"][:500],
        category=(rec.get("category") or None) and rec["category"][:300],
        external_id=str(rec.get("id")),
    )


def finals(rec: dict) -> list[dict]:
    return [
        a
        for a in rec.get("answers", [])
        if a.get("kind") == FINAL and (a.get("text") or "").strip()
    ]


@dataclass(frozen=True)
class Reply:
    id: int
    text: str
    appeal: Appeal
    category: str
    satisfied: bool | None  # True: citizen satisfied; False: pushed back; None: neither
    reason: str = ""  # the portal's sub-category («reason»)
    org: str = ""  # the organisation that wrote this reply (else the responsible one)


def replies(path: Path | None = None) -> Iterator[Reply]:
    """Final replies with their outcome label.

    Pushed back: the citizen wrote again after a final answer — the reply judged is the final
    answer just before that petition. Satisfied: ``final_status`` contains «удовлетворен» and
    the reply judged is the last final answer. Other final replies come with ``None``.
    """
    for rec in read_records(path or appeals_path()):
        fs = finals(rec)
        if not fs:
            continue
        ap = appeal_of(rec)
        later = [p["dt"] for p in rec["petitions"][1:]]

        pushed = None
        for a in fs:
            if any(dt > a["dt"] for dt in later):
                pushed = a
                break
        if pushed is not None:
            yield _reply(rec, pushed, ap, False)
            if "удовлетворен" in (rec.get("final_status") or "") and fs[-1] is not pushed:
                yield _reply(rec, fs[-1], ap, True)
            continue
        sat = True if "удовлетворен" in (rec.get("final_status") or "") else None
        yield _reply(rec, fs[-1], ap, sat)


def _reply(rec: dict, answer: dict, appeal: Appeal, satisfied: bool | None) -> Reply:
    return Reply(
        rec["id"],
        answer["text"],
        appeal,
        rec.get("category") or "",
        satisfied,
        rec.get("reason") or "",
        answer.get("org") or rec.get("responsible_org") or "",
    )
