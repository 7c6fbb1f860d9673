"""A draft's trace as text for the terminal (``drafter trace ID``), in the manner of
``llm logs``: per drafting run what was known, then per attempt a header, the prompt, the
model's raw text, what post-processing removed and why, the text left and the verdict."""

from __future__ import annotations

from drafter.domain import Attempt, DraftingRun, DraftTrace

# a prompt is long (instructions, sources, the appeal) and its end matters most: the appeal
# and the reply's first words. Without --full its start and end are shown.
PROMPT_HEAD = 400
PROMPT_TAIL = 800

_MODE_RU = {
    "facts": "ответ по фактам исполнителя",
    "question": "разъяснение правила",
    "interim": "промежуточный ответ (фактов нет)",
}
_KIND_RU = {"problem": "сообщение о проблеме", "question": "вопрос о правиле"}
_METHOD_RU = {"generated": "модель", "composed": "составлен без модели"}
_REPLY_RU = {"interim": "промежуточный ответ", "final": "ответ по существу"}
_TIMING_RU = {"generate": "генерация", "prefill": "чтение промпта", "decode": "письмо",
              "checks": "очистка и проверки"}  # fmt: skip


def render_trace(trace: DraftTrace, *, full: bool = False) -> str:
    if not trace.runs:
        return f"# Черновик {trace.draft_id}\n\nЧерновик ещё не составлялся."
    out = [f"# Черновик {trace.draft_id}: запусков {len(trace.runs)}"]
    for number, run in enumerate(trace.runs, 1):
        out += ["", *_run(number, run, full)]
    return "\n".join(out)


def _run(number: int, run: DraftingRun, full: bool) -> list[str]:
    header = f"## Запуск {number}"
    if run.version is not None:
        header += f" — версия {run.version}"
    if run.at is not None:
        header += f", {run.at:%Y-%m-%d %H:%M} UTC"
    lines = [header]
    if run.mode:
        lines.append(f"Режим: {_MODE_RU.get(run.mode, run.mode)}")
    u = run.understanding
    if u is not None:
        known = [
            ("обращение", _KIND_RU.get(u.kind or "", u.kind)),
            ("имя", u.greeting_name),
            ("адрес", u.address),
            ("место", u.place),
            ("проблема", u.problem),
        ]
        lines.append("Понято: " + "; ".join(f"{k}: {v}" for k, v in known if v))
    if run.deadline is not None:
        lines.append(f"Срок ответа: {run.deadline.text or run.deadline.due.isoformat()}")
    if run.off_topic_sources:
        lines.append("Не взяты в промпт (о другой проблеме): " + ", ".join(run.off_topic_sources))
    if not run.attempts:
        lines += ["", "Попытки не записаны: черновик составлен до того, как их стали хранить."]
    for attempt in run.attempts:
        lines += ["", *_attempt(attempt, full)]
    return lines


def _attempt(a: Attempt, full: bool) -> list[str]:
    verdict = a.quality
    header = f"### Попытка {a.number} — {_METHOD_RU.get(a.method, a.method)}, "
    header += _REPLY_RU.get(a.reply_kind, a.reply_kind)
    if a.chosen:
        header += " — выбрана"
    lines = [header]
    if a.feedback:
        lines += ["Замечания прошлой попытки, переданные модели:"]
        lines += [f"  – {f}" for f in a.feedback]
    prompt = _prompt_text(a)
    if prompt is not None:
        size = f"{len(prompt)} зн." + (f", {a.prompt_tokens} ток." if a.prompt_tokens else "")
        lines += ["", f"Промпт ({size}):", _shortened(prompt, full)]
    if a.completion is not None:
        size = f", {a.completion_tokens} ток." if a.completion_tokens else ""
        lines += ["", f"Ответ модели (как есть{size}):", a.completion]
    if a.removals:
        lines += ["", "Удалено:"]
        lines += [f"  – [{r.stage}] {r.reason}: «{r.text}»" for r in a.removals]
    lines += ["", "Текст попытки:", a.text or "(пусто)"]
    if verdict is not None:
        lines += [
            "",
            f"Проверка: {verdict.score}/100, {'принят' if verdict.passed else 'не принят'}",
        ]
        lines += [f"  {v.severity} {v.code}: {v.message}" for v in verdict.violations]
    if a.restored_facts:
        lines += ["Возвращены предложения из фактов исполнителя:"]
        lines += [f"  – {s}" for s in a.restored_facts]
    if a.lost_facts:
        lines += ["Не вошли факты исполнителя: " + "; ".join(a.lost_facts)]
    if a.timings:
        spent = ", ".join(f"{_TIMING_RU.get(k, k)} {v:.2f} с" for k, v in a.timings.items())
        lines += [f"Время: {spent}"]
    return lines


def _prompt_text(a: Attempt) -> str | None:
    if a.messages:
        return "\n\n".join(f"[{m.role}]\n{m.content}" for m in a.messages)
    return a.prompt


def _shortened(text: str, full: bool) -> str:
    if full or len(text) <= PROMPT_HEAD + PROMPT_TAIL:
        return text
    skipped = len(text) - PROMPT_HEAD - PROMPT_TAIL
    return (
        f"{text[:PROMPT_HEAD]}\n… [пропущено {skipped} зн.; --full покажет промпт целиком] …\n"
        f"{text[-PROMPT_TAIL:]}"
    )
