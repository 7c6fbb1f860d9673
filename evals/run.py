"""An offline eval run: draft (or take) a reply per item, check it, score it, summarise.

``drafter eval`` calls ``run_command``; tests call ``run_eval`` with fakes. The run drafts
through the real pipeline (``DraftingService`` with ``drafter.quality.check``) and records, per
item, what the API would return plus the reference and judge metrics; the summary names the
model, prompt version, index fingerprint and judge, so two runs can be compared.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from statistics import fmean
from typing import TYPE_CHECKING, Any

from drafter.domain import DraftResult, Quality
from drafter.errors import DrafterError, knowledge_errors
from drafter.settings import Settings
from evals.dataset import EvalItem
from evals.judge import JUDGE_METRICS, Judge, Sample
from evals.metrics import REFERENCE_METRICS, reference_scores

if TYPE_CHECKING:
    from drafter.services import Services
    from knowledge.types import Hit

    Checker = Callable[..., Quality]


class RecordingIndex:
    """Passes searches through to an index and keeps the hits, so the full texts of the
    chunks a draft cites are known (citations carry only a snippet)."""

    def __init__(self, index: Any) -> None:
        self._index = index
        self.hits: dict[str, Hit] = {}

    def search(self, *args: Any, **kwargs: Any) -> list[Hit]:
        hits = self._index.search(*args, **kwargs)
        self.hits.update({h.chunk.id: h for h in hits})
        return hits

    def __getattr__(self, name: str) -> Any:
        return getattr(self._index, name)


def index_fingerprint(index: Any) -> str | None:
    """The index's own fingerprint if it has one, else a hash of its documents and chunks."""
    if index is None:
        return None
    try:
        fp = getattr(index, "fingerprint", None)
        if fp is not None:
            return str(fp() if callable(fp) else fp)
        docs = sorted((str(d.get("id")), str(d.get("chunks"))) for d in index.documents())
    except Exception:  # noqa: BLE001 - a fingerprint is a label; the run must not die of it
        return None
    return hashlib.sha256(json.dumps(docs).encode()).hexdigest()[:16]


def _percentile(values: Sequence[float], q: float) -> float | None:
    if not values:
        return None
    s = sorted(values)
    pos = (len(s) - 1) * q
    lo, hi = int(pos), min(int(pos) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def _mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return fmean(present) if present else None


def _item_record(item: EvalItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "appeal": item.appeal.model_dump(mode="json", exclude_none=True),
        "reference_reply": item.reference_reply,
        "text": None,
        "quality": None,
        "method": None,
        "citations": [],
        "timings": {},
        "metrics": {},
        "error": None,
    }


def score_given(item: EvalItem, checker: Checker, threshold: int) -> dict[str, Any]:
    """A reply someone wrote (``--replies-only``), checked as a person's text and without
    sources: an official states what their own inspection found, which no source records, so
    the reference contexts (e.g. the portal's generic guidance) would flag every such fact as
    UNGROUNDED. The judge still sees them as the contexts for faithfulness."""
    rec = _item_record(item)
    text = item.reply or ""
    t = time.perf_counter()
    quality = checker(
        text,
        appeal=item.appeal,
        sources=(),
        generated=False,
        threshold=threshold,
    )
    spent = time.perf_counter() - t
    rec.update(
        text=text,
        quality=quality.model_dump(),
        method="given",
        timings={"checks": spent, "total": spent},
    )
    rec["contexts"] = list(item.reference_contexts)
    return rec


def score_drafted(item: EvalItem, drafting: Any, recorder: RecordingIndex | None) -> dict[str, Any]:
    rec = _item_record(item)
    if recorder is not None:
        recorder.hits.clear()
    result: DraftResult = drafting.draft(item.appeal, facts=item.facts)
    full = recorder.hits if recorder is not None else {}
    rec.update(
        text=result.text,
        quality=result.quality.model_dump(),
        method=result.method,
        citations=[c.model_dump() for c in result.citations],
        timings=dict(result.timings),
        attempts=result.attempts,
        model=result.model,
        prompt_version=result.prompt_version,
    )
    rec["contexts"] = [
        full[c.source_id].chunk.text if c.source_id in full else c.snippet for c in result.citations
    ]
    return rec


def run_eval(
    items: Sequence[EvalItem],
    *,
    settings: Settings,
    drafting: Any = None,
    recorder: RecordingIndex | None = None,
    checker: Checker | None = None,
    judge: Judge | None = None,
    replies_only: bool = False,
    index: Any = None,
    dataset: str = "",
    progress: bool = True,
) -> dict[str, Any]:
    """Score every item; return the report (``summary`` and ``items``)."""
    from tqdm import tqdm

    if checker is None:
        from drafter.quality import check

        checker = check
    if not replies_only and drafting is None:
        raise ValueError("a drafting run needs a drafting service")
    threshold = settings.drafting.pass_threshold
    records: list[dict[str, Any]] = []
    skipped = 0
    for item in tqdm(items, desc="eval", unit="item", disable=not progress, file=sys.stderr):
        if replies_only and not (item.reply or "").strip():
            skipped += 1  # e.g. a ПОС appeal that never got a reply
            continue
        try:
            if replies_only:
                rec = score_given(item, checker, threshold)
            else:
                with knowledge_errors():  # the pipeline searches the index
                    rec = score_drafted(item, drafting, recorder)
        except DrafterError as exc:
            rec = _item_record(item)
            rec["error"] = f"{type(exc).__name__}: {exc.message}"
            records.append(rec)
            continue
        contexts = rec.pop("contexts")
        # a reply scored against itself says nothing: the reference metrics stay empty
        reference = None if item.reference_reply == rec["text"] else item.reference_reply
        metrics = reference_scores(rec["text"], reference, item.reference_contexts, contexts)
        if replies_only:
            metrics["context_recall"] = None  # nothing was retrieved
        if judge is not None:
            metrics.update(judge.score(Sample(item.appeal.text, rec["text"], contexts)))
        rec["metrics"] = metrics
        records.append(rec)
    summary = summarise(records, settings=settings, judge=judge, replies_only=replies_only)
    summary.update(
        skipped=skipped,
        dataset=dataset,
        index_fingerprint=None if replies_only else index_fingerprint(index),
    )
    return {"summary": summary, "items": records}


def summarise(
    records: Sequence[dict[str, Any]],
    *,
    settings: Settings,
    judge: Judge | None = None,
    replies_only: bool = False,
) -> dict[str, Any]:
    scored = [r for r in records if r["quality"] is not None]
    n = len(records)
    codes: Counter[str] = Counter()
    for r in scored:
        codes.update({v["code"] for v in r["quality"]["violations"]})
    totals = [r["timings"]["total"] for r in scored if "total" in r["timings"]]
    first = next((r for r in scored if r.get("model")), {})
    g = settings.generation
    return {
        "mode": "replies" if replies_only else "draft",
        "n": n,
        "errors": n - len(scored),
        "pass_rate": sum(r["quality"]["passed"] for r in scored) / n if n else 0.0,
        "mean_score": _mean([r["quality"]["score"] for r in scored]),
        "violations": dict(sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))),
        "ungrounded": codes.get("UNGROUNDED", 0),
        # generated by the model, or composed without it (the pipeline's fallback)
        "methods": {
            m: c / len(scored) for m, c in Counter(r["method"] for r in scored).most_common()
        }
        if scored
        else {},
        "reference": {m: _mean([r["metrics"].get(m) for r in scored]) for m in REFERENCE_METRICS},
        "ragas": (
            {m: _mean([r["metrics"].get(m) for r in scored]) for m in JUDGE_METRICS}
            if judge
            else {}
        ),
        "latency": {"p50": _percentile(totals, 0.5), "p95": _percentile(totals, 0.95)},
        "model": None if replies_only else first.get("model"),
        "prompt_version": None
        if replies_only
        else first.get("prompt_version") or settings.drafting.prompt_version,
        "judge": judge.describe() if judge else None,
        "threshold": settings.drafting.pass_threshold,
        "generation": {"temperature": g.temperature, "seed": g.seed, "max_tokens": g.max_tokens},
    }


def write_report(report: dict[str, Any], out: Path) -> tuple[Path, Path]:
    from evals.report import render_html

    out.mkdir(parents=True, exist_ok=True)
    js = out / "report.json"
    js.write_text(json.dumps(report, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    html = out / "report.html"
    html.write_text(render_html(report), encoding="utf-8")
    return js, html


def format_summary(summary: dict[str, Any]) -> str:
    def f(v: Any, fmt: str = "{:.3f}") -> str:
        return "—" if v is None else fmt.format(v)

    lines = [
        f"items: {summary['n']} (errors {summary['errors']}, skipped {summary.get('skipped', 0)})",
        f"pass rate: {f(summary['pass_rate'])}   mean score: {f(summary['mean_score'], '{:.1f}')}",
        "violations: "
        + (", ".join(f"{k} {v}" for k, v in summary["violations"].items()) or "none"),
        "reference: " + ", ".join(f"{k} {f(v)}" for k, v in summary["reference"].items()),
    ]
    if summary.get("methods"):
        lines.append("methods: " + ", ".join(f"{k} {v:.0%}" for k, v in summary["methods"].items()))
    if summary.get("ragas"):
        lines.append("ragas: " + ", ".join(f"{k} {f(v)}" for k, v in summary["ragas"].items()))
        lines.append(f"judge: {summary['judge']}")
    lat = summary["latency"]
    lines.append(f"latency p50 {f(lat['p50'], '{:.2f}')} s, p95 {f(lat['p95'], '{:.2f}')} s")
    return "\n".join(lines)


def run_command(args: Any, services: Services) -> int:
    """``drafter eval``: the run, its two files, and the baseline gate (exit 1 on regression)."""
    from evals.compare import compare, format_comparison, load_summary, parse_thresholds
    from evals.dataset import load_dataset

    thresholds = parse_thresholds(args.max_regression)
    items = load_dataset(args.dataset, args.format, args.limit)
    settings = services.settings
    judge = None
    if args.ragas:
        from evals.judge import make_judge

        default = services.llm if settings.judge.backend == "default" else None
        judge = make_judge(settings, default_llm=default)
    from drafter.pipeline_checking import checker_for

    # replies given or drafted, both held to the index's topic judge when it has one
    check = checker_for(services.index, settings.drafting.topic_check)
    drafting = recorder = index = None
    if not args.replies_only:
        from drafter.pipeline import DraftingService

        index = services.index
        recorder = RecordingIndex(index)
        drafting = DraftingService(services.llm, recorder, settings, checker=check)
    report = run_eval(
        items, settings=settings, drafting=drafting, recorder=recorder, judge=judge, checker=check,
        replies_only=args.replies_only, index=index, dataset=str(args.dataset),
    )  # fmt: skip
    js, html = write_report(report, Path(args.out))
    print(format_summary(report["summary"]))
    print(f"wrote {js} and {html}")
    if args.baseline is None:
        return 0
    baseline = load_summary(Path(args.baseline))
    if (baseline.get("n"), baseline.get("dataset")) != (report["summary"]["n"], str(args.dataset)):
        print(
            f"note: the baseline scored {baseline.get('n')} item(s) of {baseline.get('dataset')}, "
            f"this run {report['summary']['n']} of {args.dataset}"
        )
    rows = compare(baseline, report["summary"], thresholds)
    print(format_comparison(rows))
    return 1 if any(r.regressed for r in rows) else 0
