"""Eval datasets: our JSONL, or the city portal's file read as it is.

JSONL, one object a line: ``id``, ``appeal`` (the API's Appeal object, or just its text),
optional ``reference_reply``, ``reference_contexts`` (list of texts), ``reply`` (a given
reply, scored by ``--replies-only``) and ``facts`` (what the executor knows; a draft is written
up from it — without facts a problem report gets the interim reply).

``spb`` reads ../shared/data/spb_gorod/*.jsonl[.gz]: the appeal is the first petition, the
reply and the reference are the last final answer. The portal is a web form on which written
replies come back days later, which is what our ``pos`` channel means (a written platform
reply, not a social-network comment), so its appeals get ``channel="pos"``.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from drafter.domain import MAX_APPEAL_CHARS, Appeal, Channel
from drafter.errors import InvalidInput

DatasetFormat = Literal["jsonl", "spb"]
SPB_FINAL = "Окончательный ответ"


@dataclass
class EvalItem:
    id: str
    appeal: Appeal
    reference_reply: str | None = None
    reference_contexts: list[str] = field(default_factory=list)
    reply: str | None = None  # a given reply, for --replies-only
    facts: str | None = None  # what the executor knows: drafts are written up from it

    def as_record(self) -> dict[str, Any]:
        """The JSONL line of this item."""
        rec: dict[str, Any] = {
            "id": self.id,
            "appeal": self.appeal.model_dump(mode="json", exclude_none=True),
        }
        if self.reference_reply is not None:
            rec["reference_reply"] = self.reference_reply
        if self.reference_contexts:
            rec["reference_contexts"] = self.reference_contexts
        if self.reply is not None:
            rec["reply"] = self.reply
        if self.facts is not None:
            rec["facts"] = self.facts
        return rec


def read_lines(path: Path) -> Iterator[dict[str, Any]]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise InvalidInput(f"{path}:{n}: not JSON ({exc.msg})") from exc


def item_from_record(rec: dict[str, Any], where: str = "") -> EvalItem:
    appeal = rec.get("appeal")
    if isinstance(appeal, str):
        appeal = {"text": appeal}
    try:
        parsed = Appeal.model_validate(appeal)
    except ValidationError as exc:
        raise InvalidInput(f"{where}: bad appeal: {exc.errors()[0]['msg']}") from exc
    if "id" not in rec:
        raise InvalidInput(f"{where}: no id")
    contexts = rec.get("reference_contexts") or []
    if not isinstance(contexts, list):
        raise InvalidInput(f"{where}: reference_contexts must be a list of texts")
    return EvalItem(
        id=str(rec["id"]),
        appeal=parsed,
        reference_reply=rec.get("reference_reply") or None,
        facts=rec.get("facts") or None,
        reference_contexts=[str(c) for c in contexts],
        reply=rec.get("reply"),
    )


def spb_finals(rec: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        a
        for a in rec.get("answers") or []
        if a.get("kind") == SPB_FINAL and (a.get("text") or "").strip()
    ]


def spb_appeal(rec: dict[str, Any]) -> Appeal | None:
    petitions = rec.get("petitions") or []
    text = (petitions[0].get("text") or "").strip() if petitions else ""
    if not text:
        return None
    return Appeal(
        text=text[:MAX_APPEAL_CHARS],
        channel=Channel.pos,
        agency=(rec.get("responsible_org") or None) and rec["responsible_org"][:300],
        category=(rec.get("category") or None) and rec["category"][:300],
        address=(rec.get("address") or None) and rec["address"][:500],
        external_id=str(rec.get("id")),
    )


def item_from_spb(rec: dict[str, Any]) -> EvalItem | None:
    appeal = spb_appeal(rec)
    if appeal is None:
        return None
    finals = spb_finals(rec)
    last = finals[-1]["text"].strip() if finals else None
    return EvalItem(id=f"spb-{rec.get('id')}", appeal=appeal, reference_reply=last, reply=last)


def load_dataset(
    path: Path, format: DatasetFormat = "jsonl", limit: int | None = None
) -> list[EvalItem]:
    path = Path(path)
    if not path.exists():
        raise InvalidInput(f"{path} does not exist")
    items: list[EvalItem] = []
    for n, rec in enumerate(read_lines(path), 1):
        if limit is not None and len(items) >= limit:
            break
        item = item_from_spb(rec) if format == "spb" else item_from_record(rec, f"{path}:{n}")
        if item is not None:
            items.append(item)
    if not items:
        raise InvalidInput(f"{path}: no items")
    return items


def write_dataset(items: list[EvalItem], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(json.dumps(item.as_record(), ensure_ascii=False) + "\n" for item in items)
