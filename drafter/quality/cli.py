"""``drafter check``: check one reply against the standard from the command line.

    drafter check [--appeal TEXT] [--channel C] [--author NAME] [--source FILE]…
                  [--answer-source FILE]… [--json] REPLY

REPLY is the reply text, or ``-`` to read it from stdin, or ``@FILE`` to read a file.
Exit code: 0 when the reply passes, 1 when it does not, 2 on bad arguments.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from drafter.domain import Appeal, Channel, Quality
from drafter.quality.core import check

_SEVERITY_RU = {"blocker": "блокер", "major": "серьёзно", "minor": "мелочь"}


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="drafter check", description="Проверить ответ по стандарту качества ЦУР."
    )
    p.add_argument("reply", help="текст ответа, «-» — читать из stdin, «@файл» — из файла")
    p.add_argument("--appeal", help="текст обращения (или @файл)")
    p.add_argument(
        "--channel",
        choices=[c.value for c in Channel],
        default=None,
        help="канал (vk, telegram, ok, pos, email, letter); по умолчанию vk, если задано обращение",
    )
    p.add_argument("--author", help="имя заявителя")
    p.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="FILE",
        help="файл с текстом источника: норма, вычисленный факт (можно несколько раз)",
    )
    p.add_argument(
        "--answer-source",
        action="append",
        default=[],
        metavar="FILE",
        help="файл с прошлым ответом по другому обращению: подтверждает нормы, организации, "
        "телефоны и сроки, но не адреса, даты и количества (можно несколько раз)",
    )
    p.add_argument(
        "--human",
        action="store_true",
        help="ответ написан человеком: факты сверяются только с источниками",
    )
    p.add_argument("--threshold", type=int, default=60, help="порог оценки (по умолчанию 60)")
    p.add_argument("--json", action="store_true", help="вывести результат как JSON")
    p.add_argument(
        "--explain",
        action="store_true",
        help="к каждому замечанию — объяснение из стандарта (как в «Проверить свой ответ»)",
    )
    return p


def _text_arg(value: str) -> str:
    if value == "-":
        return sys.stdin.read()
    if value.startswith("@"):
        return Path(value[1:]).read_text(encoding="utf-8")
    return value


def run_check(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        reply = _text_arg(args.reply)
        appeal_text = _text_arg(args.appeal) if args.appeal else None
        sources = [Path(f).read_text(encoding="utf-8") for f in args.source]
        answer_sources = [Path(f).read_text(encoding="utf-8") for f in args.answer_source]
    except OSError as exc:
        print(f"Ошибка: не удалось прочитать файл: {exc}", file=sys.stderr)
        return 2
    appeal = None
    if appeal_text is not None or args.author or args.channel:
        appeal = Appeal(
            text=appeal_text
            if appeal_text and appeal_text.strip()
            else "(текст обращения не задан)",
            channel=Channel(args.channel or "vk"),
            author_name=args.author,
        )
    q = check(
        reply,
        appeal=appeal,
        sources=sources,
        answer_sources=answer_sources,
        generated=not args.human,
        threshold=args.threshold,
    )
    if args.explain:
        from drafter.quality.explain import explain

        q = explain(q)
    if args.json:
        print(q.model_dump_json(indent=2))
    else:
        print(render(reply, q))
    return 0 if q.passed else 1


def render(reply: str, q: Quality) -> str:
    """The violations, one per line, with the span they point at."""
    head = f"Оценка: {q.score}/100 — {'проходит' if q.passed else 'не проходит'}"
    if not q.violations:
        return head + "\nНарушений нет."
    lines = [head]
    for v in q.violations:
        span = reply[v.start : v.end].replace("\n", " ")
        if len(span) > 70:
            span = span[:67] + "…"
        lines.append(
            f"  [{_SEVERITY_RU[v.severity]}] {v.code} ({v.start}–{v.end}) «{span}»\n      {v.message}"
        )
        explanation = getattr(v, "explanation", None)  # with --explain
        if explanation:
            lines.append(f"      Стандарт: {explanation}")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(run_check())
