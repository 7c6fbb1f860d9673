"""Build the dev golden set from ../shared/data: ``python -m evals.golden --out PATH``.

The data is read where it lies and never copied into the repository; this script is the set's
definition. The same data gives the same file (selection by a hash of each id, no randomness).

- «Наш Санкт-Петербург» (spb_gorod/answers_dev_sample.jsonl): PER_SPB_CATEGORY appeals from
  each of its 15 categories, with the last final official reply as both ``reference_reply`` and
  ``reply`` (so ``drafter eval --replies-only`` scores the officials as a human baseline), and
  the portal's own guidance for the sub-category (reasons_catalog.json) as the reference
  context. Channel: ``pos``. The portal is a web form whose replies come back in writing, on
  the platform, within days, routed by category to the responsible organisation — the shape of
  ПОС (Госуслуги «Решаем вместе»), not a social-network comment and not a 30-day 59-ФЗ letter
  (``--spb-channel`` picks another mapping if one wants to compare).
- Курская область ПОС (kursk_pos/train.csv): PER_KURSK_CATEGORY appeals from each topic
  category, channel ``pos``, no reply in the data, so no ``reference_reply``: they are drafted
  and checked, and skipped by ``--replies-only``.

The real data has no social-network appeals with replies, so every item is ``pos`` (or the
mapping chosen); the category spread is real.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from drafter.domain import Appeal, Channel
from drafter.normalize import normalize_appeal_text
from evals.dataset import EvalItem, read_lines, spb_appeal, spb_finals, write_dataset

PER_SPB_CATEGORY = 5
PER_KURSK_CATEGORY = 1
APPEAL_CHARS = (40, 2000)  # readable appeals: not a bare word, not a novel
REPLY_CHARS = (40, 4000)
# kursk_pos «Категория» codes, checked against their «Тематика» (see SOURCES.md); 12 is a test
KURSK_CATEGORIES = {
    0: "Дороги", 1: "Безнадзорные животные", 2: "Госуслуги", 3: "ЖКХ", 4: "Здравоохранение",
    5: "Культура", 6: "Меры поддержки", 7: "Образование", 8: "Транспорт", 9: "Связь",
    10: "Социальное обслуживание", 11: "Строительство", 13: "Торговля", 14: "Труд и занятость",
    15: "Спорт", 16: "Экология",
}  # fmt: skip


def shared_data_dir() -> Path:
    return Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def _order(key: str) -> str:
    # a stable shuffle: spread picks over the whole period instead of its first days
    return hashlib.sha256(key.encode()).hexdigest()


def _fits(text: str, bounds: tuple[int, int]) -> bool:
    return bounds[0] <= len(text.strip()) <= bounds[1]


def _catalog(data: Path) -> dict[int, str]:
    path = data / "spb_gorod" / "reasons_catalog.json"
    if not path.exists():
        return {}
    rows = json.loads(path.read_text(encoding="utf-8"))
    return {int(r["reason_id"]): (r.get("description_text") or "").strip() for r in rows}


def spb_items(data: Path, per_category: int, channel: Channel) -> Iterator[EvalItem]:
    catalog = _catalog(data)
    by_cat: dict[str, list[dict]] = defaultdict(list)
    for rec in read_lines(data / "spb_gorod" / "answers_dev_sample.jsonl"):
        finals = spb_finals(rec)
        first = (rec.get("petitions") or [{}])[0].get("text") or ""
        if not finals or not _fits(first, APPEAL_CHARS) or "XXXX" in first:
            continue
        if not _fits(finals[-1]["text"], REPLY_CHARS):
            continue
        by_cat[rec.get("category") or ""].append(rec)
    for cat in sorted(by_cat):
        picked = sorted(by_cat[cat], key=lambda r: _order(f"spb-{r['id']}"))[:per_category]
        for rec in sorted(picked, key=lambda r: r["id"]):
            appeal = spb_appeal(rec)
            assert appeal is not None
            reply = spb_finals(rec)[-1]["text"].strip()
            guidance = catalog.get(int(rec.get("reason_id") or -1), "")
            yield EvalItem(
                id=f"spb-{rec['id']}",
                appeal=appeal.model_copy(update={"channel": channel}),
                reference_reply=reply,
                reference_contexts=[guidance] if guidance else [],
                reply=reply,
            )


def kursk_items(data: Path, per_category: int) -> Iterator[EvalItem]:
    path = data / "kursk_pos" / "train.csv"
    by_cat: dict[int, list[dict[str, str]]] = defaultdict(list)
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code = int(row["Категория"])
            if code in KURSK_CATEGORIES and _fits(
                normalize_appeal_text(row["Текст Сообщения"]), APPEAL_CHARS
            ):
                by_cat[code].append(row)
    for code in sorted(by_cat):
        picked = sorted(by_cat[code], key=lambda r: _order(f"kursk-{r['id']}"))[:per_category]
        for row in sorted(picked, key=lambda r: int(r["id"])):
            yield EvalItem(
                id=f"kursk-{row['id']}",
                # as ПОС delivers it (HTML and all): the pipeline cleans it, like any appeal
                appeal=Appeal(
                    text=row["Текст Сообщения"],
                    channel=Channel.pos,
                    category=KURSK_CATEGORIES[code],
                    agency=row["Ответственное лицо"][:300] or None,
                    external_id=row["id"],
                ),
            )


def build(
    data: Path | None = None,
    *,
    per_spb_category: int = PER_SPB_CATEGORY,
    per_kursk_category: int = PER_KURSK_CATEGORY,
    spb_channel: Channel = Channel.pos,
) -> list[EvalItem]:
    data = data or shared_data_dir()
    return [
        *spb_items(data, per_spb_category, spb_channel),
        *kursk_items(data, per_kursk_category),
    ]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m evals.golden", description=__doc__.splitlines()[0])
    p.add_argument("--out", required=True, type=Path, help="the JSONL file to write")
    p.add_argument("--data", type=Path, help="default: <repo>/../shared/data")
    p.add_argument("--per-spb-category", type=int, default=PER_SPB_CATEGORY)
    p.add_argument("--per-kursk-category", type=int, default=PER_KURSK_CATEGORY)
    p.add_argument("--spb-channel", choices=[c.value for c in Channel], default=Channel.pos.value)
    args = p.parse_args(argv)
    data = args.data or shared_data_dir()
    if not (data / "spb_gorod").exists():
        print(f"no data at {data}", file=sys.stderr)
        return 2
    items = build(
        data, per_spb_category=args.per_spb_category,
        per_kursk_category=args.per_kursk_category, spb_channel=Channel(args.spb_channel),
    )  # fmt: skip
    write_dataset(items, args.out)
    cats = {i.appeal.category for i in items}
    with_ref = sum(i.reference_reply is not None for i in items)
    print(
        f"wrote {len(items)} items ({with_ref} with a reference reply, {len(cats)} categories) to {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
