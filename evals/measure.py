"""Replies по сути, measured so that no template can pass: one run, real appeals the index has
not seen.

    python -m evals.measure [--n 200] [--index-answers 2000] [--systems ours,naive,gemma,official]
                            [--no-b] [--json] [--out DIR] [--data-dir DIR]

Appeals (seeded, stratified: one per category in turn until the quota is met):
- «Наш Санкт-Петербург» (spb_gorod/appeals_dev.jsonl.gz), appeals filed in January 2021 that
  have a final official reply. The index holds the portal's answers to appeals filed before
  2021-01-01 (``benchmark_drafting.build_index``), so none of these appeals nor their replies is
  in it.
- Курская область ПОС (kursk_pos/train.csv), about a fifth of ``--n``; no replies.
Channel ``pos`` for both (web forms answered in writing; see ``evals/golden.py``).

(A) With facts: the executor's facts are the real official final reply of the same appeal (the
agency's formal answer pasted in, as an executor would). City-portal appeals only. Per system:
fact recall (the share of that reply's dates, numbers, addresses, organisations and norms the
reply keeps; message numbers and attachment lists aside), facts added (facts of the reply that
neither the appeal, the facts nor a cited source holds), pass rate (an interim reply counts as a
failure: it answers nothing), FORMALISM and NO_GREETING rates, length, latency. Systems:
- ``ours``: ``DraftingService`` as it is in the tree, on the default model;
- ``naive``: the same model, a one-paragraph prompt with the same facts and retrieved context
  (``evals.naive_rag``);
- ``gemma``: the same pipeline on the bundled Gemma 3 270M with its completion prompt
  (``draft_v1``) — main's drafting before the instruction model;
- ``official``: the official replies as they are (a person's text, checked without sources).

(B) Without facts: ours on every appeal (city portal and Курск): the shares of interim, final and
needs_facts replies, and how many final replies were written to a problem report — which must be
0: no model can know whether the pothole was filled.

``--out`` also writes ``read_A.md``: the first 30 appeals of (A) with the facts and our reply,
for reading by hand.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from itertools import zip_longest
from pathlib import Path
from typing import Any

from tqdm.auto import tqdm

from drafter.errors import DrafterError, knowledge_errors
from drafter.settings import Settings
from evals.dataset import EvalItem, spb_appeal, spb_finals
from evals.fact_recall import count_facts
from evals.golden import APPEAL_CHARS, KURSK_CATEGORIES, REPLY_CHARS, _fits, kursk_items

SYSTEMS = ("ours", "naive", "gemma", "official")
SEED = 0
KURSK_SHARE = 0.2
READ_BY_HAND = 30


def round_robin(groups: dict[str, list[Any]], n: int) -> list[Any]:
    """One item from each group in turn (groups in key order), until ``n`` or all are used."""
    picked: list[Any] = []
    for row in zip_longest(*(groups[k] for k in sorted(groups))):
        picked.extend(x for x in row if x is not None)
        if len(picked) >= n:
            break
    return picked[:n]


def january_spb_items(path: Path, n: int, seed: int = SEED) -> list[EvalItem]:
    by_cat: dict[str, list[EvalItem]] = defaultdict(list)
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            card = json.loads(line)
            first = (card.get("petitions") or [{}])[0]
            text = first.get("text") or ""
            if not (first.get("dt") or "").startswith("2021-01"):
                continue
            finals = spb_finals(card)
            if not finals or not _fits(text, APPEAL_CHARS) or "XXXX" in text:
                continue
            reply = finals[-1]["text"].strip()
            appeal = spb_appeal(card)
            if appeal is None or not _fits(reply, REPLY_CHARS):
                continue
            by_cat[card.get("category") or ""].append(
                EvalItem(id=f"spb-{card['id']}", appeal=appeal, reference_reply=reply, reply=reply)
            )
    rng = random.Random(seed)
    for cat in sorted(by_cat):
        by_cat[cat].sort(key=lambda it: it.id)
        rng.shuffle(by_cat[cat])
    return round_robin(by_cat, n)


def kursk_sample(data: Path, n: int) -> list[EvalItem]:
    if n <= 0 or not (data / "kursk_pos" / "train.csv").exists():
        return []
    per = -(-n // len(KURSK_CATEGORIES))
    by_cat: dict[str, list[EvalItem]] = defaultdict(list)
    for item in kursk_items(data, per):
        by_cat[item.appeal.category or ""].append(item)
    return round_robin(by_cat, n)


def select_items(data: Path, n: int, seed: int = SEED) -> list[EvalItem]:
    n_kursk = round(n * KURSK_SHARE)
    spb = january_spb_items(data / "spb_gorod" / "appeals_dev.jsonl.gz", n - n_kursk, seed)
    kursk = kursk_sample(data, n - len(spb))
    return spb + kursk


# ---------------------------------------------------------------- (A) with facts


def _codes(quality: Any) -> set[str]:
    return {v.code for v in quality.violations}


def _row(item: EvalItem, text: str, quality: Any, *, kind: str, sources: Sequence[str],
         total_s: float | None, method: str) -> dict[str, Any]:  # fmt: skip
    facts = item.reference_reply or ""
    # the appeal's card holds its address («Светлановский проспект, дом 101»): the citizen's
    # own, not invented (the pipeline grounds on it too)
    appeal = "\n".join(x for x in (item.appeal.text, item.appeal.address) if x)
    fc = count_facts(text, facts=facts, appeal=appeal, sources=sources)
    return {
        "id": item.id,
        "appeal": item.appeal.text,
        "facts": facts,
        "text": text,
        "reply_kind": kind,
        "method": method,
        "passed": bool(quality.passed) and kind == "final",  # an interim reply answers nothing
        "score": quality.score,
        "codes": sorted(_codes(quality)),
        "given": fc.given,
        "kept": fc.kept,
        "added": fc.added,
        "lost": list(fc.lost),
        "invented": list(fc.invented),
        "chars": len(text),
        "total_s": total_s,
    }


def run_pipeline(items: Sequence[EvalItem], service: Any, name: str) -> list[dict[str, Any]]:
    rows = []
    for item in tqdm(items, desc=name, unit="appeal", file=sys.stderr):
        try:
            with knowledge_errors():  # an index failure is recorded like any other
                r = service.draft(item.appeal, facts=item.reference_reply)
        except DrafterError as exc:
            rows.append({"id": item.id, "error": f"{type(exc).__name__}: {exc.message}"})
            continue
        cited = {c.source_id for c in r.citations}
        sources = [h.chunk.text for h in getattr(service.index, "seen", {}).values()
                   if h.chunk.id in cited]  # fmt: skip
        row = _row(item, r.text, r.quality, kind=r.reply_kind, sources=sources,
                   total_s=r.timings.get("total"), method=r.method)  # fmt: skip
        # what the model wrote and what post-processing did to it: the evidence for keeping or
        # removing a post-processing rule (issue 11, item 6)
        row["attempts"] = [
            {
                "method": a.method,
                "completion": a.completion,
                "removals": [x.model_dump() for x in a.removals],
                "restored_facts": list(a.restored_facts),
                "chosen": a.chosen,
                # why a retry happened: the verdict fed back, and what the attempt cost
                "passed": a.quality.passed if a.quality is not None else None,
                "codes": sorted(f"{v.code}:{v.severity}" for v in a.quality.violations)
                if a.quality is not None
                else [],
                "prompt_tokens": a.prompt_tokens,
                "completion_tokens": a.completion_tokens,
                "timings": dict(a.timings),
            }
            for a in r.attempts_trace
        ]
        rows.append(row)
    return rows


def run_naive(items: Sequence[EvalItem], naive: Any) -> list[dict[str, Any]]:
    rows = []
    for item in tqdm(items, desc="naive", unit="appeal", file=sys.stderr):
        try:
            r = naive.draft(item.appeal, facts=item.reference_reply)
        except DrafterError as exc:
            rows.append({"id": item.id, "error": f"{type(exc).__name__}: {exc.message}"})
            continue
        rows.append(
            _row(item, r.text, r.quality, kind="final", sources=r.sources,
                 total_s=r.timings.get("total"), method="naive")
        )  # fmt: skip
    return rows


def run_official(items: Sequence[EvalItem], checker: Any, threshold: int) -> list[dict[str, Any]]:
    rows = []
    for item in items:
        q = checker(item.reply or "", appeal=item.appeal, generated=False, threshold=threshold)
        rows.append(
            _row(item, item.reply or "", q, kind="final", sources=(), total_s=None,
                 method="official")
        )  # fmt: skip
    return rows


def summarise_a(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    ok = [r for r in rows if "error" not in r]
    n = len(ok)
    given = sum(r["given"] for r in ok)
    times = sorted(r["total_s"] for r in ok if r.get("total_s") is not None)

    def share(pred: Any) -> float | None:
        return sum(1 for r in ok if pred(r)) / n if n else None

    return {
        "n": len(rows),
        "errors": len(rows) - n,
        "fact_recall": sum(r["kept"] for r in ok) / given if given else None,
        "facts_added": sum(r["added"] for r in ok),
        "replies_with_added": sum(1 for r in ok if r["added"]),
        "pass_rate": share(lambda r: r["passed"]),
        "interim": share(lambda r: r["reply_kind"] == "interim"),
        "formalism": share(lambda r: "FORMALISM" in r["codes"]),
        "no_greeting": share(lambda r: "NO_GREETING" in r["codes"]),
        "lost_fact": share(lambda r: r["kept"] < r["given"]),
        "chars_mean": statistics.fmean(r["chars"] for r in ok) if ok else None,
        "latency_p50": _pct(times, 0.5),
        "latency_p95": _pct(times, 0.95),
        "composed": share(lambda r: r["method"] == "composed"),
    }


def _pct(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    return values[min(len(values) - 1, int(q * len(values)))]


def goal_a(s: dict[str, Any]) -> dict[str, bool]:
    return {
        "fact_recall>=0.95": (s["fact_recall"] or 0) >= 0.95,
        "zero_facts_added": s["facts_added"] == 0,
        "pass>=95%": (s["pass_rate"] or 0) >= 0.95,
        "formalism<5%": (s["formalism"] or 0) < 0.05,
    }


# ---------------------------------------------------------------- (B) without facts


def run_b(items: Sequence[EvalItem], service: Any) -> dict[str, Any]:
    kinds: Counter[str] = Counter()
    finals_to_problems: list[dict[str, str]] = []
    for item in tqdm(items, desc="ours, no facts", unit="appeal", file=sys.stderr):
        try:
            with knowledge_errors():
                r = service.draft(item.appeal)
        except DrafterError:
            kinds["error"] += 1
            continue
        kinds["needs_facts" if r.status == "needs_facts" else r.reply_kind] += 1
        if r.reply_kind == "final" and r.understanding and r.understanding.kind == "problem":
            finals_to_problems.append({"id": item.id, "text": r.text})
    n = sum(kinds.values())
    return {
        "n": n,
        "shares": {k: v / n for k, v in sorted(kinds.items())} if n else {},
        "finals_to_problem_reports": len(finals_to_problems),
        "examples": finals_to_problems[:5],
    }


# ---------------------------------------------------------------- the run


class SeenIndex:
    """The index, remembering every hit it returned: the measure needs the cited texts."""

    def __init__(self, index: Any) -> None:
        self.index = index
        self.seen: dict[str, Any] = {}

    def search(self, *args: Any, **kwargs: Any) -> Any:
        hits = self.index.search(*args, **kwargs)
        self.seen.update({h.chunk.id: h for h in hits})
        return hits

    def __getattr__(self, name: str) -> Any:
        return getattr(self.index, name)


def measure(
    items: Sequence[EvalItem],
    *,
    llm: Any,
    index: Any,
    settings: Settings,
    systems: Sequence[str] = SYSTEMS,
    gemma_llm: Any = None,
    with_b: bool = True,
    checker: Any = None,
    on_rows: Callable[[str, list[dict[str, Any]]], None] | None = None,
) -> dict[str, Any]:
    """(A) on the items with an official reply, (B) on all; ``{"a", "goal_a", "b", "rows"}``.

    ``on_rows(system, rows)`` is called as each system's (A) rows are done, so a long run's
    finished part is kept (``--out`` writes it) if a later system is stopped."""
    from drafter.pipeline import DraftingService
    from drafter.pipeline_checking import checker_for
    from evals.naive_rag import NaiveRAG

    checker = checker or checker_for(index, settings.drafting.topic_check)
    seen = SeenIndex(index)
    with_facts = [it for it in items if (it.reference_reply or "").strip()]
    rows: dict[str, list[dict[str, Any]]] = {}
    if "ours" in systems:
        ours = DraftingService(llm, seen, settings, checker=checker)  # type: ignore[arg-type]
        rows["ours"] = run_pipeline(with_facts, ours, "ours")
        if on_rows is not None:
            on_rows("ours", rows["ours"])
    if "naive" in systems:
        rows["naive"] = run_naive(with_facts, NaiveRAG(llm, index, settings, checker))
        if on_rows is not None:
            on_rows("naive", rows["naive"])
    if "gemma" in systems and gemma_llm is not None:
        base = settings.model_copy(deep=True)
        base.drafting.prompt_version = "draft_v1"
        gemma = DraftingService(gemma_llm, seen, base, checker=checker)  # type: ignore[arg-type]
        rows["gemma"] = run_pipeline(with_facts, gemma, "gemma")
        if on_rows is not None:
            on_rows("gemma", rows["gemma"])
    if "official" in systems:
        rows["official"] = run_official(with_facts, checker, settings.drafting.pass_threshold)
    a = {name: summarise_a(r) for name, r in rows.items()}
    b = None
    if with_b:  # (B) is always ours: without facts the systems of (A) have nothing to compare
        b = run_b(items, DraftingService(llm, index, settings, checker=checker))
    return {
        "a": a,
        "goal_a": goal_a(a["ours"]) if "ours" in a else {},
        "b": b,
        "goal_b": {"zero_invented_finals": b["finals_to_problem_reports"] == 0} if b else {},
        "rows": rows,
    }


def format_table(a: dict[str, dict[str, Any]]) -> str:
    names = list(a)

    def pct(v: Any) -> str:
        return "—" if v is None else f"{v:.1%}"

    def num(v: Any, spec: str = ".2f") -> str:
        return "—" if v is None else format(v, spec)

    lines = [
        ("items (errors)", [f"{s['n']} ({s['errors']})" for s in a.values()]),
        ("fact recall", [num(s["fact_recall"], ".3f") for s in a.values()]),
        ("facts added", [str(s["facts_added"]) for s in a.values()]),
        ("replies with a fact added", [str(s["replies_with_added"]) for s in a.values()]),
        ("replies that lost a fact", [pct(s["lost_fact"]) for s in a.values()]),
        ("pass (final and passed)", [pct(s["pass_rate"]) for s in a.values()]),
        ("interim replies", [pct(s["interim"]) for s in a.values()]),
        ("composed", [pct(s["composed"]) for s in a.values()]),
        ("FORMALISM", [pct(s["formalism"]) for s in a.values()]),
        ("NO_GREETING", [pct(s["no_greeting"]) for s in a.values()]),
        ("length, chars (mean)", [num(s["chars_mean"], ".0f") for s in a.values()]),
        ("latency p50, s", [num(s["latency_p50"]) for s in a.values()]),
        ("latency p95, s", [num(s["latency_p95"]) for s in a.values()]),
    ]
    width = max(len(label) for label, _ in lines) + 2
    cols = [max(len(n), *(len(v[i]) for _, v in lines)) + 2 for i, n in enumerate(names)]
    out = [f"{'':<{width}}" + "".join(f"{n:>{w}}" for n, w in zip(names, cols, strict=True))]
    for label, values in lines:
        out.append(
            f"{label:<{width}}" + "".join(f"{v:>{w}}" for v, w in zip(values, cols, strict=True))
        )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    from drafter.factories import make_llm
    from evals.benchmark_drafting import build_index
    from evals.golden import shared_data_dir

    ap = argparse.ArgumentParser(
        prog="python -m evals.measure", description=__doc__.splitlines()[0]
    )
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--index-answers", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--systems", default=",".join(SYSTEMS), help="of: " + ",".join(SYSTEMS))
    ap.add_argument("--no-b", action="store_true", help="skip (B), the run without facts")
    ap.add_argument("--data", type=Path, help="default: <repo>/../shared/data")
    ap.add_argument("--data-dir", type=Path, help="the service's data dir; default: a temp dir")
    ap.add_argument("--json", action="store_true", help="print the summaries as JSON")
    ap.add_argument("--out", type=Path, help="write measure.json and read_A.md there")
    args = ap.parse_args(argv)
    data = args.data or shared_data_dir()
    if not (data / "spb_gorod" / "appeals_dev.jsonl.gz").exists():
        print(f"no data at {data}", file=sys.stderr)
        return 2
    systems = [s for s in args.systems.split(",") if s]

    items = select_items(data, args.n, args.seed)
    tmp = tempfile.TemporaryDirectory(prefix="drafter-measure-")
    settings = Settings(data_dir=args.data_dir or Path(tmp.name))
    settings.ensure_dirs()
    t = time.perf_counter()
    index = build_index(settings, args.index_answers)
    print(f"index: {len(index)} chunks in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    llm = make_llm(settings)
    gemma_llm = None
    if "gemma" in systems:
        gemma_settings = settings.model_copy(deep=True)
        gemma_settings.llm.bundled = "gemma3-270m"
        gemma_llm = make_llm(gemma_settings)

    def keep(system: str, rows: list[dict[str, Any]]) -> None:
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            path = args.out / f"rows_{system}.json"
            path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")

    report = measure(items, llm=llm, index=index, settings=settings, systems=systems,
                     gemma_llm=gemma_llm, with_b=not args.no_b, on_rows=keep)  # fmt: skip
    report["run"] = {
        "n": len(items), "seed": args.seed, "index_answers": args.index_answers,
        "index_fingerprint": index.fingerprint(), "model": llm.name,
        "sources": Counter(it.id.split("-")[0] for it in items),
        "categories": len(Counter(it.appeal.category for it in items)),
    }  # fmt: skip
    if args.out:
        write_out(report, args.out)
    if args.json:
        print(json.dumps({k: report[k] for k in ("run", "a", "goal_a", "b", "goal_b")},
                         ensure_ascii=False, indent=2, default=str))  # fmt: skip
        return 0
    r = report["run"]
    print(f"\n{r['n']} appeals ({dict(r['sources'])}, {r['categories']} categories, channel pos),"
          f" model {r['model']}, index {r['index_fingerprint']}")  # fmt: skip
    print("\n(A) with the official reply as the executor's facts")
    print(format_table(report["a"]))
    print("goal: " + ", ".join(f"{k} {'yes' if v else 'NO'}" for k, v in report["goal_a"].items()))
    if report["b"]:
        b = report["b"]
        print(
            f"\n(B) without facts, ours on {b['n']} appeals: "
            + ", ".join(f"{k} {v:.1%}" for k, v in b["shares"].items())
            + f"; final replies to a problem report: {b['finals_to_problem_reports']}"
        )
        print(
            "goal: " + ", ".join(f"{k} {'yes' if v else 'NO'}" for k, v in report["goal_b"].items())
        )
    return 0


def write_out(report: dict[str, Any], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "measure.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
    )
    rows = report["rows"].get("ours", [])[:READ_BY_HAND]
    parts = ["# (A): our replies to read by hand\n"]
    for n, r in enumerate(rows, 1):
        if "error" in r:
            continue
        parts.append(
            f"## {n}. {r['id']} — {r['reply_kind']}, {r['method']}, score {r['score']}, "
            f"kept {r['kept']}/{r['given']}, added {r['added']}\n\n"
            f"**Обращение.** {r['appeal']}\n\n**Факты (официальный ответ).** {r['facts']}\n\n"
            f"**Ответ.** {r['text']}\n\nlost: {r['lost']} · invented: {r['invented']}"
            f" · codes: {r['codes']}\n"
        )
    (out / "read_A.md").write_text("\n".join(parts), encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
