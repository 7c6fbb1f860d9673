"""Benchmark of the in-process backend: prefill and decode tokens/s of the default model.

    .venv/bin/python -m tests.llm.bench_llama_cpp [--tokens 64] [--repeat 2]

Prints, for each configuration (one subprocess each, since OpenMP reads its wait policy once
per process): prefill tokens/s on a ~1000-token few-shot prompt, decode tokens/s, and the ratio
against the baseline (llama.cpp's own defaults: OpenMP spinning, all cores) measured in the same
run. Also the prefill of a repair try that shares the prompt's prefix (the KV cache is reused)
against a cold prefill. Figures depend on the machine's load; compare ratios, not absolutes.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

CONFIGS = [  # (label, OMP_WAIT_POLICY, threads)
    ("baseline: spin, 2 threads", "ACTIVE", 2),
    ("passive, 2 threads (default)", "PASSIVE", 2),
    ("passive, 1 thread", "PASSIVE", 1),
]


def _prompt() -> str:
    samples = Path(__file__).parents[2] / "knowledge" / "samples" / "answers.jsonl"
    lines = [json.loads(x) for x in samples.read_text("utf-8").splitlines() if x.strip()][:6]
    shots = "".join(f"Обращение: «{r['appeal']}»\nОтвет: {r['answer']}\n\n" for r in lines)
    return (
        shots + "Обращение: «Во дворе дома 4 на ул. Мира не вывозят мусор.»\nОтвет: Здравствуйте!"
    )


def _worker(model: str, threads: int, tokens: int) -> dict[str, float]:
    from drafter.llm.base import GenerationParams
    from drafter.llm.llama_cpp import LlamaCppLLM

    llm = LlamaCppLLM(model, context_window=2048, threads=threads)
    prompt = _prompt()
    n_prompt = llm.count_tokens(prompt)
    params = GenerationParams(max_tokens=tokens, stop=())
    llm.complete("прогрев", GenerationParams(max_tokens=1))  # load pages, allocate buffers
    cold = llm.complete(prompt, params)
    # a repair try: same prompt plus one feedback line before the answer
    head, tail = prompt.rsplit("\nОбращение:", 1)
    repair = f"{head}\nУчесть: назовите срок.\nОбращение:{tail}"
    warm = llm.complete(repair, GenerationParams(max_tokens=1, stop=()))
    return {
        "prompt_tokens": n_prompt,
        "prefill_tps": n_prompt / cold.prefill_s,
        "decode_tps": max(cold.completion_tokens - 1, 1) / max(cold.decode_s, 1e-9),
        "cold_prefill_s": cold.prefill_s,
        "repair_prefill_s": warm.prefill_s,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tokens", type=int, default=64)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--model", default=None, help="a GGUF; default: the bundled model")
    ap.add_argument("--worker", nargs=2, metavar=("MODEL", "THREADS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(_worker(args.worker[0], int(args.worker[1]), args.tokens)))
        return

    model = args.model
    if model is None:
        from drafter.llm.model_files import default_model_path

        model = str(default_model_path(Path(tempfile.gettempdir()) / "drafter-bench-models"))
    results: dict[str, list[dict[str, float]]] = {label: [] for label, _, _ in CONFIGS}
    for _ in range(args.repeat):  # interleaved, so a load spike hits every configuration
        for label, policy, threads in CONFIGS:
            env = {**os.environ, "OMP_WAIT_POLICY": policy}
            out = subprocess.run(
                [sys.executable, "-m", "tests.llm.bench_llama_cpp", "--tokens", str(args.tokens),
                 "--worker", model, str(threads)],
                env=env, capture_output=True, text=True, check=True,
                cwd=Path(__file__).parents[2],
            )  # fmt: skip
            results[label].append(json.loads(out.stdout.strip().splitlines()[-1]))

    def med(label: str, key: str) -> float:
        values = sorted(r[key] for r in results[label])
        return values[len(values) // 2]

    base = CONFIGS[0][0]
    print(f"model {Path(model).name}, prompt {int(med(base, 'prompt_tokens'))} tokens, "
          f"{args.tokens} new tokens, median of {args.repeat}, load {os.getloadavg()[0]:.1f}")  # fmt: skip
    print(
        f"{'configuration':32} {'prefill t/s':>12} {'decode t/s':>11} {'× prefill':>10} {'× decode':>9}"
    )
    for label, _, _ in CONFIGS:
        p, d = med(label, "prefill_tps"), med(label, "decode_tps")
        print(f"{label:32} {p:12.0f} {d:11.1f} {p / med(base, 'prefill_tps'):10.2f} "
              f"{d / med(base, 'decode_tps'):9.2f}")  # fmt: skip
    default = CONFIGS[1][0]
    cold, warm = med(default, "cold_prefill_s"), med(default, "repair_prefill_s")
    print(f"repair try with a shared prefix: prefill {warm:.2f}s vs cold {cold:.2f}s "
          f"(× {cold / max(warm, 1e-9):.1f} faster)")  # fmt: skip


if __name__ == "__main__":
    main()
