"""The model's stored completions through today's pipeline: what a post-processing or checker
change does to real drafts, without running the model again.

    python -m evals.replay MEASURE_JSON [--data DIR] [--out DIR]

Reads an ``evals.measure`` result (``measure.json``: each row of ``rows.ours`` keeps the raw
completion of every attempt) and drafts each (A) appeal again with the same executor's facts,
the LLM replaced by one that hands back the stored completions in order (the last one again if
the pipeline now asks for more attempts than it did). Prints the (A) table of ``evals.measure``
for the replayed replies beside the stored ones, and writes ``replay.md``: every reply whose
text changed, before and after, for reading by hand.

What it cannot tell: a prompt change (the stored completions answer the old prompt), and what
the model would have written on a retry the run did not make. So it measures the steps after
the model — restoring, cutting, grounding, the gate — on the model's real output.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from drafter.llm.base import ChatMessage, GenerationParams
from drafter.llm.fake import FakeLLM
from drafter.settings import Settings
from evals.dataset import EvalItem
from evals.measure import _row, format_table, select_items, summarise_a


class StoredCompletions(FakeLLM):
    """Hands back one appeal's stored completions in order, then the last one again."""

    name = "replay"

    def __init__(self, completions: Sequence[str], context_window: int = 4096) -> None:
        super().__init__(list(completions), default=completions[-1] if completions else "")
        self.context_window = context_window

    def stream_chat(
        self, messages: Sequence[ChatMessage], params: GenerationParams
    ) -> Iterator[str]:
        # the stored text as it was, whatever stop sequences the prompt now has
        yield from super().stream_chat(messages, GenerationParams(max_tokens=params.max_tokens))


def replay(report: dict[str, Any], items: Sequence[EvalItem], index: Any) -> list[dict[str, Any]]:
    """The (A) rows of ``report`` drafted again from their stored completions; ``items``: the
    run's appeals (``select_items`` with its ``n`` and seed). Beside the facts nothing is
    retrieved and no topic is judged, so any index serves, an empty one too."""
    from drafter.pipeline import DraftingService
    from drafter.pipeline_checking import checker_for

    by_id = {it.id: it for it in items}
    settings = Settings()
    checker = checker_for(index, enabled=False)
    rows = []
    for stored in report["rows"]["ours"]:
        item = by_id.get(stored.get("id", ""))
        completions = [a["completion"] for a in stored.get("attempts", []) if a.get("completion")]
        if item is None or not completions:
            continue
        service = DraftingService(StoredCompletions(completions), index, settings, checker=checker)
        r = service.draft(item.appeal, facts=item.reference_reply)
        row = _row(item, r.text, r.quality, kind=r.reply_kind, sources=[], total_s=None,
                   method=r.method)  # fmt: skip
        row["before"] = stored["text"]
        rows.append(row)
    return rows


def main(argv: list[str] | None = None) -> int:
    from evals.golden import shared_data_dir

    ap = argparse.ArgumentParser(prog="python -m evals.replay", description=__doc__.splitlines()[0])
    ap.add_argument("measure_json", type=Path)
    ap.add_argument("--data", type=Path, help="default: <repo>/../shared/data")
    ap.add_argument("--out", type=Path, help="write replay.md there")
    args = ap.parse_args(argv)
    report = json.loads(args.measure_json.read_text(encoding="utf-8"))
    if "ours" not in report.get("rows", {}):
        print(f"{args.measure_json}: no rows of «ours»", file=sys.stderr)
        return 2
    from drafter.factories import make_index

    run = report["run"]
    items = select_items(args.data or shared_data_dir(), run["n"], run["seed"])
    tmp = tempfile.TemporaryDirectory(prefix="drafter-replay-")
    settings = Settings(data_dir=Path(tmp.name))
    settings.ensure_dirs()
    rows = replay(report, items, make_index(settings))
    ids = {r["id"] for r in rows}
    stored = [r for r in report["rows"]["ours"] if r.get("id") in ids]
    print(format_table({"stored": summarise_a(stored), "replayed": summarise_a(rows)}))
    changed = [r for r in rows if r["text"] != r["before"]]
    print(f"\n{len(changed)} of {len(rows)} replies changed")
    # the same text judged otherwise: a checker change shows here, not in the text
    before = {r["id"]: r for r in stored}
    for r in rows:
        was = before[r["id"]]
        verdict, old = (
            (r["passed"], r["codes"], r["lost"]),
            (was["passed"], was["codes"], was["lost"]),
        )
        if verdict != old:
            print(f"{r['id']}: passed {old[0]} → {verdict[0]}, codes {old[1]} → {verdict[1]}, "
                  f"lost {old[2]} → {verdict[2]}")  # fmt: skip
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        lines = ["# Replies the replay changed", ""]
        for r in changed:
            lines += [f"## {r['id']} {' '.join(r['codes'])}", "", f"Before: {r['before']}", "",
                      f"After: {r['text']}", ""]  # fmt: skip
        (args.out / "replay.md").write_text("\n".join(lines), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
