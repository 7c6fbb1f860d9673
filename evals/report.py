"""The HTML page of an eval run: summary, plots, and the failing items with their spans marked.

One self-contained file: matplotlib PNGs embedded as base64, every text escaped. Plots are
drawn on ``matplotlib.figure.Figure`` (no pyplot), so nothing global changes in the caller.
"""

from __future__ import annotations

import base64
import html
import io
import itertools
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from matplotlib.ticker import MaxNLocator

MAX_FAILING_ROWS = 300
TOP_CATEGORIES = 20
SEVERITY_COLOURS = {"blocker": "#c0392b", "major": "#e67e22", "minor": "#f1c40f"}


def _judge(j: dict[str, Any] | None) -> str | None:
    if not j:
        return None
    errors = ", ".join(f"{k} {v}" for k, v in j.get("errors", {}).items()) or "нет"
    return f"{j['backend']}: {j['model']}, стиль {j['style']}, ошибок разбора: {errors}"


def _png(fig: Any) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _figure(width: float, height: float) -> Any:
    from matplotlib.figure import Figure

    # constrained layout: tick labels of one panel never run into the next
    return Figure(figsize=(width, height), layout="constrained")


def _scored(items: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [it for it in items if it.get("quality")]


def plot_scores(items: Sequence[dict[str, Any]], threshold: int) -> str:
    fig = _figure(6.5, 3.2)
    ax = fig.add_subplot()
    scores = [it["quality"]["score"] for it in _scored(items)]
    ax.hist(scores, bins=range(0, 105, 5), color="#4a78b5", edgecolor="white")
    ax.axvline(threshold, color="#c0392b", linestyle="--", label=f"порог {threshold}")
    ax.set_xlim(0, 100)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("оценка")
    ax.set_ylabel("ответов")
    ax.set_title("Распределение оценок")
    ax.legend()
    return _png(fig)


def plot_codes(items: Sequence[dict[str, Any]]) -> str:
    counts: Counter[str] = Counter()
    severity: dict[str, str] = {}
    for it in _scored(items):
        for v in it["quality"]["violations"]:
            severity.setdefault(v["code"], v["severity"])
        counts.update({v["code"] for v in it["quality"]["violations"]})
    fig = _figure(6.5, max(2.0, 0.35 * len(counts) + 1))
    ax = fig.add_subplot()
    if not counts:
        ax.text(0.5, 0.5, "нарушений нет", ha="center", va="center")
        ax.set_axis_off()
        return _png(fig)
    codes = sorted(counts, key=lambda c: (counts[c], c))
    ax.barh(codes, [counts[c] for c in codes], color=[SEVERITY_COLOURS[severity[c]] for c in codes])
    for y, c in enumerate(codes):
        ax.text(counts[c], y, f" {counts[c]}", va="center", fontsize=8)
    ax.set_xlim(0, max(counts.values()) * 1.12)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("ответов с нарушением (цвет — тяжесть: блокер, серьёзно, мелочь)")
    ax.set_title("Нарушения по кодам")
    return _png(fig)


def plot_categories(items: Sequence[dict[str, Any]]) -> str:
    """Share of a category's replies with each code: a heat map."""
    per: dict[str, Counter[str]] = defaultdict(Counter)
    sizes: Counter[str] = Counter()
    for it in _scored(items):
        cat = it["appeal"].get("category") or "без категории"
        sizes[cat] += 1
        per[cat].update({v["code"] for v in it["quality"]["violations"]})
    cats = [c for c, _ in sizes.most_common(TOP_CATEGORIES)]
    codes = sorted({code for c in cats for code in per[c]})
    fig = _figure(max(6.5, 0.55 * len(codes) + 4), 0.4 * len(cats) + 1.6)
    ax = fig.add_subplot()
    if not codes:
        ax.text(0.5, 0.5, "нарушений нет", ha="center", va="center")
        ax.set_axis_off()
        return _png(fig)
    grid = [[per[c][code] / sizes[c] for code in codes] for c in cats]
    im = ax.imshow(grid, cmap="Reds", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(len(codes)), codes, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(cats)), [f"{_short(c, 34)} ({sizes[c]})" for c in cats], fontsize=8)
    for y, row in enumerate(grid):
        for x, share in enumerate(row):
            if share:
                ax.text(x, y, f"{share:.0%}", ha="center", va="center", fontsize=7,
                        color="white" if share > 0.6 else "black")  # fmt: skip
    fig.colorbar(im, ax=ax, fraction=0.03, label="доля ответов категории")
    ax.set_title("Нарушения по категориям")
    return _png(fig)


def plot_latency(items: Sequence[dict[str, Any]], latency: dict[str, float | None]) -> str:
    """Seconds per reply, with the summary's own p50/p95, and the mean per pipeline stage."""
    scored = _scored(items)
    totals = [it["timings"]["total"] for it in scored if "total" in it["timings"]]
    stages: dict[str, list[float]] = defaultdict(list)
    for it in scored:
        for k, v in it["timings"].items():
            if k != "total":
                stages[k].append(v)
    fig = _figure(9, 3.2)
    left, right = fig.subplots(1, 2)
    left.hist(totals or [0], bins=20, color="#4a78b5", edgecolor="white")
    marks = [(k, v) for k, v in latency.items() if v is not None]
    for (name, v), style in zip(marks, ("-", "--", ":"), strict=False):
        left.axvline(v, color="#c0392b", linestyle=style, label=f"{name} {v:.2f} с")
    if marks:
        left.legend(fontsize=8)
    left.set_xlabel("секунд на ответ")
    left.set_ylabel("ответов")
    left.yaxis.set_major_locator(MaxNLocator(integer=True))
    left.set_title("Время на ответ")
    names = sorted(stages)
    right.barh(names, [sum(stages[k]) / len(stages[k]) for k in names], color="#7f8c8d")
    right.set_xlabel("среднее, секунд")
    right.set_title("По этапам")
    return _png(fig)


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def highlight(text: str, violations: Sequence[dict[str, Any]]) -> str:
    """``text`` escaped, with each violation's span in ``<mark title="CODE: message">``.

    Overlapping spans are cut at every boundary, so marks never nest and each piece's title
    lists every violation covering it.
    """
    spans = [
        (max(0, v["start"]), min(len(text), v["end"]), v)
        for v in violations
        if v["end"] > v["start"] and v["start"] < len(text)
    ]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[str] = []
    for a, b in itertools.pairwise(cuts):
        piece = html.escape(text[a:b])
        covering = [v for s, e, v in spans if s <= a and b <= e]
        if covering:
            title = html.escape(
                "; ".join(f"{v['code']}: {v['message']}" for v in covering), quote=True
            )
            sev = min((v["severity"] for v in covering), key=["blocker", "major", "minor"].index)
            out.append(f'<mark class="{sev}" title="{title}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)


def _fmt(v: Any, digits: int = 3) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return html.escape(str(v))


def _summary_table(s: dict[str, Any]) -> str:
    rows: list[tuple[str, Any]] = [
        ("режим", s.get("mode")), ("набор", s.get("dataset")), ("ответов", s.get("n")),
        ("ошибок", s.get("errors")), ("пропущено", s.get("skipped")),
        ("доля принятых", s.get("pass_rate")), ("средняя оценка", s.get("mean_score")),
        ("UNGROUNDED", s.get("ungrounded")), ("модель", s.get("model")),
        ("версия промпта", s.get("prompt_version")), ("индекс", s.get("index_fingerprint")),
        ("судья", _judge(s.get("judge"))),
    ]  # fmt: skip
    rows += [(k, v) for k, v in (s.get("reference") or {}).items()]
    rows += [(f"ragas {k}", v) for k, v in (s.get("ragas") or {}).items()]
    lat = s.get("latency") or {}
    rows += [("задержка p50, с", lat.get("p50")), ("задержка p95, с", lat.get("p95"))]
    body = "".join(f"<tr><th>{html.escape(k)}</th><td>{_fmt(v)}</td></tr>" for k, v in rows)
    return f'<table class="summary">{body}</table>'


def _failing_table(items: Sequence[dict[str, Any]]) -> str:
    failing = [it for it in items if not it.get("quality") or not it["quality"]["passed"]]
    failing.sort(key=lambda it: (it["quality"]["score"] if it.get("quality") else -1, it["id"]))
    rows = []
    for it in failing[:MAX_FAILING_ROWS]:
        q = it.get("quality")
        if q is None:
            codes, score, reply = "", "ошибка", html.escape(it.get("error") or "")
        else:
            codes = " ".join(sorted({v["code"] for v in q["violations"]}))
            score = str(q["score"])
            reply = highlight(it.get("text") or "", q["violations"])
        appeal = it["appeal"]
        rows.append(
            "<tr>"
            f"<td>{html.escape(str(it['id']))}</td><td>{html.escape(score)}</td>"
            f"<td>{html.escape(codes)}</td>"
            f'<td class="appeal">{html.escape(_short(appeal.get("text", ""), 600))}'
            f'<div class="meta">{html.escape(appeal.get("channel", ""))} · '
            f"{html.escape(appeal.get('category') or '')}</div></td>"
            f'<td class="reply">{reply}</td>'
            "</tr>"
        )
    if not failing:
        return "<h2>Все ответы прошли проверку</h2>"
    more = len(failing) - MAX_FAILING_ROWS
    note = f"<p>…и ещё {more} в report.json</p>" if more > 0 else ""
    return (
        f"<h2>Не прошли проверку: {len(failing)}</h2>"
        '<table class="items"><tr><th>id</th><th>оценка</th><th>коды</th><th>обращение</th>'
        f"<th>ответ (наведите на выделение)</th></tr>{''.join(rows)}</table>{note}"
    )


CSS = """
body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1400px}
table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:4px 8px;vertical-align:top;text-align:left}
table.summary th{background:#f5f5f5;font-weight:normal}
table.items td.reply,table.items td.appeal{white-space:pre-wrap;overflow-wrap:anywhere;max-width:520px;font-size:14px}
.meta{color:#777;font-size:12px;margin-top:4px}
mark.blocker{background:#f5b7b1}mark.major{background:#fad7a0}mark.minor{background:#fcf3cf}
.plots img{display:block;margin:12px 0;max-width:100%}
"""


def render_html(report: dict[str, Any]) -> str:
    s, items = report["summary"], report["items"]
    title = f"drafter eval — {s.get('mode', '')} — {s.get('dataset', '')}"
    plots = [
        ("Оценки", plot_scores(items, int(s.get("threshold", 60)))),
        ("Нарушения по кодам", plot_codes(items)),
        ("Нарушения по категориям", plot_categories(items)),
        ("Время", plot_latency(items, s.get("latency") or {})),
    ]
    imgs = "".join(
        f'<img alt="{html.escape(name)}" src="data:image/png;base64,{data}">'
        for name, data in plots
    )
    return (
        '<!doctype html><html lang="ru"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>"
        f"<h1>{html.escape(title)}</h1>{_summary_table(s)}"
        f'<div class="plots">{imgs}</div>{_failing_table(items)}</body></html>'
    )
