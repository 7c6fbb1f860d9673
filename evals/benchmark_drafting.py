"""Where a draft's time goes, on real appeals with their facts, on the default model.

    python -m evals.benchmark_drafting [--n 20] [--index-answers 2000] [--data-dir DIR] [--json]

Builds an index in a temporary data dir (the bundled samples, the most recent city-portal
answers filed before 2021 and the Жилищный кодекс), drafts ``--n`` appeals filed in January 2021
through the real pipeline (llama.cpp, navec, embedded Chroma, the checker) with the official
final reply of each as the executor's facts, alternately as a VK and a ПОС appeal, and prints
per-stage time: understand (names, place, routing), retrieve, prompt, prefill, decode, checks;
p50/p95 end to end per channel; time to the first token; peak RSS.

Baseline, measured in the same run: every LLM call the pipeline made is replayed on the same
llama.cpp object with the same conversation and the same number of new tokens (no stop
sequences, so the count matches). ``ratio`` = end-to-end draft time / raw generation time: what
the pipeline costs on top of the model itself (retrieval, packing, checks, repair bookkeeping).
The KV cache is cleared before each draft and before each replay, so both pay full prefill.
Then every appeal is drafted again without clearing it, as a server does: the system
message is the same for every draft, so its KV state is reused — «warm» first token and end-to-end per channel.

Last, the product's own order of events («facts later»): every appeal first arrives without
facts and gets its draft (a problem report: the interim reply, status needs_facts, after which
the worker reads the appeal ahead, ``DraftingService.warm_for_facts``); only when all of them
are in — other appeals have used the model meanwhile — the executor's facts come for each, and
the first token and end-to-end of those drafts are printed, with how many prompt tokens came
from the state kept for the appeal.
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
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from tqdm.auto import tqdm

from drafter.domain import Appeal
from drafter.factories import make_index, make_llm
from drafter.llm.base import LLM, ChatMessage, GenerationParams
from drafter.pipeline import DraftingService
from drafter.settings import Settings

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
SPB = SHARED / "spb_gorod" / "appeals_dev.jsonl.gz"
ZHK = SHARED / "regulations" / "zhilishchny_kodeks_rf_pravo_gov_102090645.txt"
STAGES = ("understand", "retrieve", "prompt", "prefill", "decode", "checks")


Call = tuple["str | list[ChatMessage]", GenerationParams, str]


class RecordingLLM(LLM):
    """Passes calls through and remembers (prompt or conversation, params, completion)."""

    def __init__(self, inner: LLM) -> None:
        self.inner = inner
        self.name = inner.name
        self.context_window = inner.context_window
        self.calls: list[Call] = []

    def stream(self, prompt: str, params: GenerationParams) -> Iterator[str]:
        pieces: list[str] = []
        for piece in self.inner.stream(prompt, params):
            pieces.append(piece)
            yield piece
        self.calls.append((prompt, params, "".join(pieces)))

    def stream_chat(
        self, messages: Sequence[ChatMessage], params: GenerationParams
    ) -> Iterator[str]:
        pieces: list[str] = []
        for piece in self.inner.stream_chat(messages, params):
            pieces.append(piece)
            yield piece
        self.calls.append((list(messages), params, "".join(pieces)))

    def warm_chat(self, messages: Sequence[ChatMessage]) -> None:
        self.inner.warm_chat(messages)

    def tokenize(self, text: str) -> list[int]:
        return self.inner.tokenize(text)


def january_appeals(n: int) -> list[dict[str, Any]]:
    with gzip.open(SPB, "rt", encoding="utf-8") as fh:
        cards = [json.loads(line) for line in fh]
    pool = [
        c
        for c in cards
        if c.get("petitions")
        and c["petitions"][0]["dt"].startswith("2021-01")
        and len(c["petitions"][0]["text"]) > 40
        and _official(c)
    ]
    pool.sort(key=lambda c: c["id"])
    return random.Random(0).sample(pool, n)


def build_index(settings: Settings, n_answers: int):
    from knowledge.answers import read_answers
    from knowledge.ingest import iter_documents, samples_dir
    from knowledge.loaders import load_regulation

    index = make_index(settings)
    index.add_documents(iter_documents([samples_dir()]), progress=False)
    past = [d for d in read_answers(SPB, format="spb") if d.metadata.get("date", "") < "2021-01-01"]
    past.sort(key=lambda d: (d.metadata["date"], d.id))
    index.add_documents(past[-n_answers:], progress=True)
    index.add_documents([load_regulation(ZHK)], progress=True)
    return index


def sample_arguments(description: str) -> argparse.ArgumentParser:
    """The options every real-appeal sample script shares."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--index-answers", type=int, default=2000)
    ap.add_argument("--data-dir", type=Path, help="default: a temporary directory")
    ap.add_argument("--json", action="store_true")
    return ap


def sample_settings(data_dir: Path | None, prefix: str) -> tuple[Settings, Any]:
    """Settings on ``data_dir`` or on a temporary one (returned too: keep it alive)."""
    tmp = None if data_dir else tempfile.TemporaryDirectory(prefix=prefix)
    settings = Settings(data_dir=data_dir or Path(tmp.name))  # type: ignore[union-attr]
    settings.ensure_dirs()
    return settings, tmp


def _official(card: dict[str, Any]) -> str | None:
    """The card's last final official reply: the executor's facts in this benchmark."""
    finals = [a for a in card.get("answers") or [] if a.get("kind") == "Окончательный ответ"]
    text = (finals[-1].get("text") or "").strip() if finals else ""
    return text if 40 < len(text) < 1500 else None


def replay(llm: LLM, calls: list[Call]) -> float:
    raw = llm._llm  # type: ignore[attr-defined]  # the llama_cpp.Llama object itself
    raw.reset()
    start = time.perf_counter()
    for prompt, params, completion in calls:
        n_new = max(1, llm.count_tokens(completion))
        common = {
            "max_tokens": n_new,
            "temperature": params.temperature,
            "top_p": params.top_p,
            "top_k": params.top_k,
            "repeat_penalty": params.repeat_penalty,
            "seed": params.seed,
        }
        if isinstance(prompt, str):
            raw.create_completion(prompt=prompt, **common)
        else:
            messages = [{"role": m.role, "content": m.content} for m in prompt]
            raw.create_chat_completion(messages=messages, **common)
    return time.perf_counter() - start


def _prompt_tokens(llm: LLM, prompt: str | list[ChatMessage]) -> int:
    return llm.count_tokens(prompt) if isinstance(prompt, str) else llm.count_chat_tokens(prompt)


def _peak_rss_gb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024  # KiB on Linux


def main(argv: list[str] | None = None) -> int:
    args = sample_arguments(__doc__.splitlines()[0]).parse_args(argv)
    if not SPB.exists():
        print(f"needs {SPB}", file=sys.stderr)
        return 2

    settings, _tmp = sample_settings(args.data_dir, "drafter-bench-")
    index = build_index(settings, args.index_answers)
    llm = RecordingLLM(make_llm(settings))
    service = DraftingService(llm, index, settings)

    rows = []
    cards = january_appeals(args.n)
    appeals = [
        Appeal(
            text=card["petitions"][0]["text"],
            channel="vk" if i % 2 == 0 else "pos",  # both formats: short social, structured ПОС
            address=card.get("address") or None,
        )
        for i, card in enumerate(cards)
    ]
    for card, appeal in zip(tqdm(cards, desc="drafting"), appeals, strict=True):
        llm.calls.clear()
        llm.inner._llm.reset()  # type: ignore[attr-defined]
        t = time.perf_counter()
        result = service.draft(appeal, facts=_official(card))
        e2e = time.perf_counter() - t
        calls = list(llm.calls)
        raw = replay(llm.inner, calls)
        rows.append(
            {
                "id": card["id"],
                "channel": appeal.channel.value,
                "e2e": e2e,
                "raw": raw,
                "attempts": result.attempts,
                "method": result.method,
                "passed": result.quality.passed,
                "prompt_tokens": sum(_prompt_tokens(llm, p) for p, _, _ in calls),
                "new_tokens": sum(llm.count_tokens(c) for _, _, c in calls),
                "first_token_cold": result.timings.get("first_token", 0.0),
                **{s: result.timings.get(s, 0.0) for s in STAGES},
            }
        )
    # the same drafts again, the KV cache kept between them as in a running server: the system
    # message is the same for every draft, so only the case is evaluated
    warm: list[tuple[str, float, float]] = []
    for appeal, card in tqdm(list(zip(appeals, cards, strict=True)), desc="warm", file=sys.stderr):
        result = service.draft(appeal, facts=_official(card))
        first = result.timings.get("first_token", 0.0)
        warm.append((appeal.channel.value, first, result.timings.get("total", 0.0)))

    # the product's order: appeals arrive, problem reports wait for facts (their appeal read
    # ahead by the worker), the facts come later, after other appeals have used the model
    waiting = []
    for appeal in tqdm(appeals, desc="arrive", file=sys.stderr):
        if service.draft(appeal).status == "needs_facts":
            service.warm_for_facts(appeal)
            waiting.append(appeal)
    later: list[tuple[str, float, float, int]] = []
    later_passed = 0
    for appeal, card in tqdm(
        list(zip(appeals, cards, strict=True)), desc="facts later", file=sys.stderr
    ):
        if appeal not in waiting:
            continue
        result = service.draft(appeal, facts=_official(card))
        reused = getattr(llm.inner, "reused_tokens", 0)
        later_passed += result.quality.passed
        first = result.timings.get("first_token", 0.0)
        later.append((appeal.channel.value, first, result.timings.get("total", 0.0), reused))

    summary = summarise(rows, settings)
    summary["facts_later"] = {
        "n": len(later),
        "first_token_p50_s": statistics.median(w[1] for w in later) if later else None,
        "by_channel": {
            ch: {
                "p50": statistics.median(t for c, _, t, _ in later if c == ch),
                "p95": _pct([t for c, _, t, _ in later if c == ch], 0.95),
            }
            for ch in sorted({c for c, _, _, _ in later})
        },
        "reused_tokens_mean": statistics.mean(w[3] for w in later) if later else 0,
        "pass_rate": later_passed / len(later) if later else None,
    }
    summary["first_token_warm_p50_s"] = statistics.median(w[1] for w in warm) if warm else None
    summary["warm_by_channel"] = {
        ch: {
            "p50": statistics.median(t for c, _, t in warm if c == ch),
            "p95": _pct([t for c, _, t in warm if c == ch], 0.95),
        }
        for ch in sorted({c for c, _, _ in warm})
    }
    summary["peak_rss_gb"] = _peak_rss_gb()
    if args.json:
        print(json.dumps({"summary": summary, "items": rows}, ensure_ascii=False, indent=2))
    else:
        print_table(summary)
    return 0


def summarise(rows: list[dict[str, Any]], settings: Settings) -> dict[str, Any]:
    total_e2e = sum(r["e2e"] for r in rows)
    total_raw = sum(r["raw"] for r in rows)
    prefill = sum(r["prefill"] for r in rows)
    decode = sum(r["decode"] for r in rows)

    by_channel = {
        ch: {
            "p50": _pct([r["e2e"] for r in rows if r["channel"] == ch], 0.5),
            "p95": _pct([r["e2e"] for r in rows if r["channel"] == ch], 0.95),
        }
        for ch in sorted({r["channel"] for r in rows})
    }
    return {
        "n": len(rows),
        "model": str(settings.llm.model_path or f"{settings.llm.bundled} (bundled)"),
        "by_channel": by_channel,
        "first_token_cold_p50_s": _pct([r["first_token_cold"] for r in rows], 0.5),
        "generated": sum(r["method"] == "generated" for r in rows) / len(rows),
        "stages_mean_s": {s: statistics.mean(r[s] for r in rows) for s in STAGES},
        "stages_share": {s: sum(r[s] for r in rows) / total_e2e for s in STAGES},
        "e2e_mean_s": total_e2e / len(rows),
        "e2e_p50_s": statistics.median(r["e2e"] for r in rows),
        "raw_mean_s": total_raw / len(rows),
        "ratio_e2e_to_raw": total_e2e / total_raw,
        "prefill_tokens_per_s": sum(r["prompt_tokens"] for r in rows) / prefill if prefill else 0,
        "decode_tokens_per_s": sum(r["new_tokens"] for r in rows) / decode if decode else 0,
        "attempts_mean": statistics.mean(r["attempts"] for r in rows),
        "pass_rate": sum(r["passed"] for r in rows) / len(rows),
    }


def _pct(values: list[float], q: float) -> float | None:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else None


def print_table(s: dict[str, Any]) -> None:
    print(f"\n{s['n']} real appeals, model {s['model']}")
    print(f"{'stage':<10}{'mean, s':>10}{'share':>9}")
    for stage in STAGES:
        print(f"{stage:<10}{s['stages_mean_s'][stage]:>10.3f}{s['stages_share'][stage]:>9.1%}")
    print(f"\nend-to-end draft: mean {s['e2e_mean_s']:.2f} s, median {s['e2e_p50_s']:.2f} s")
    print(f"raw llama.cpp, same prompts and token counts: mean {s['raw_mean_s']:.2f} s")
    print(f"ratio end-to-end / raw generation: {s['ratio_e2e_to_raw']:.2f}")
    print(
        f"prefill {s['prefill_tokens_per_s']:.0f} tok/s (incl. tokenisation), "
        f"decode {s['decode_tokens_per_s']:.0f} tok/s"
    )
    print(
        f"attempts per draft: {s['attempts_mean']:.2f}; passed the checker: {s['pass_rate']:.0%}"
        f"; generated by the model: {s['generated']:.0%}"
    )
    for ch, t in s["by_channel"].items():
        print(f"end-to-end {ch}, cold: p50 {t['p50']:.2f} s, p95 {t['p95']:.2f} s")
    for ch, t in s.get("warm_by_channel", {}).items():
        print(
            f"end-to-end {ch}, warm (as a running server): p50 {t['p50']:.2f} s, p95 {t['p95']:.2f} s"
        )
    warm = s.get("first_token_warm_p50_s")
    print(
        f"first token p50: cold {s['first_token_cold_p50_s']:.2f} s"
        + (f", warm (KV of the system message reused) {warm:.2f} s" if warm is not None else "")
    )
    later = s.get("facts_later") or {}
    if later.get("n"):
        print(
            f"facts later ({later['n']} problem reports read ahead while waiting for facts): "
            f"first token p50 {later['first_token_p50_s']:.2f} s, "
            f"{later['reused_tokens_mean']:.0f} prompt tokens reused a draft, "
            f"passed the checker {later['pass_rate']:.0%}"
        )
        for ch, t in later["by_channel"].items():
            print(f"end-to-end {ch}, facts later: p50 {t['p50']:.2f} s, p95 {t['p95']:.2f} s")
    print(f"peak RSS: {s['peak_rss_gb']:.2f} GB")


if __name__ == "__main__":
    raise SystemExit(main())
