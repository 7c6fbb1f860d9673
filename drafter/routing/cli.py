"""``drafter route`` and ``drafter route fit``.

    drafter route fit [FILE] [--text-col C] [--body-col C] [--category-col C] [--topic-col C]
                           [--taxonomy JSON]… [--char-ngrams]
    drafter route [--json] [--threshold P] TEXT        (TEXT «-» reads stdin)
    drafter route --batch FILE                         (JSONL with "text"; one JSON line out per line,
                                                        with the line's own id fields first)

FILE is CSV (header row) or JSONL (optionally .gz); a JSONL column may be a dotted path
(``petitions.0.text``) and --text-col may join columns with «+» (``address+petitions.0.text``:
where bodies are per district, the address is what routes; then route «address\ntext» too). Exit codes: 0 done, 2 bad arguments or data (one line on stderr).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from drafter.domain import RouteResult, Suggestion
from drafter.errors import DrafterError, InvalidInput
from drafter.routing.model import DEFAULT_THRESHOLD
from drafter.routing.router import fit_from_file, is_fitted, route
from drafter.routing.topics import DEFAULT_TOPIC_THRESHOLD
from drafter.settings import Settings

_LABELS_RU = {"responsible_body": "Ответственный", "category": "Категория", "topic": "Тема ИМ"}


def _fit_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="drafter route fit",
        description="Обучить маршрутизацию на размеченной истории обращений региона.",
    )
    p.add_argument(
        "file",
        type=Path,
        nargs="?",
        help="CSV или JSONL (.gz) с обращениями и метками (не нужен, если только --taxonomy)",
    )
    p.add_argument(
        "--text-col",
        default="text",
        help="колонка с текстом (по умолчанию text); «address+text» склеивает колонки",
    )
    p.add_argument("--body-col", help="колонка с ответственным органом")
    p.add_argument("--category-col", help="колонка с категорией")
    p.add_argument("--topic-col", help="колонка с темой ИМ")
    p.add_argument(
        "--taxonomy",
        type=Path,
        action="append",
        default=[],
        metavar="JSON",
        help="таксономия тем ИМ: JSON «тема → ведомство/группа» (можно несколько раз)",
    )
    p.add_argument(
        "--char-ngrams", action="store_true", help="добавить символьные n-граммы (медленнее)"
    )
    return p


def _route_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="drafter route",
        description="Подсказать категорию, ответственного и тему ИМ для обращения.",
    )
    p.add_argument("text", nargs="?", help="текст обращения («-» — из stdin)")
    p.add_argument("--batch", type=Path, metavar="FILE", help="JSONL с полем text; ответ — JSONL")
    p.add_argument("--json", action="store_true", help="печатать JSON")
    p.add_argument(
        "--threshold",
        type=float,
        default=DEFAULT_THRESHOLD,
        help=f"ниже этой уверенности — «маршрутизировать вручную» (по умолчанию {DEFAULT_THRESHOLD})",
    )
    p.add_argument(
        "--topic-threshold",
        type=float,
        default=DEFAULT_TOPIC_THRESHOLD,
        help=f"то же для темы по таксономии (сходство, по умолчанию {DEFAULT_TOPIC_THRESHOLD})",
    )
    return p


def _fail(exc: DrafterError) -> int:
    print(f"drafter: {exc.message}", file=sys.stderr)
    return 2


def run_route_fit(argv: list[str], settings: Settings) -> int:
    args = _fit_parser().parse_args(argv)
    started = time.perf_counter()
    try:
        model = fit_from_file(
            args.file,
            settings.routing_dir,
            text_col=args.text_col,
            body_col=args.body_col,
            category_col=args.category_col,
            topic_col=args.topic_col,
            taxonomies=args.taxonomy,
            char_ngrams=(2, 5) if args.char_ngrams else None,
            progress=lambda t: print(f"обучение: {t}…", file=sys.stderr),
        )
    except DrafterError as exc:
        return _fail(exc)
    n = model.meta.get("n_texts", 0)
    targets = ", ".join(f"{t} ({k} классов)" for t, k in model.meta.get("targets", {}).items())
    if targets:
        print(f"обучено на {n} обращениях: {targets}; {time.perf_counter() - started:.1f} с")
    if args.taxonomy:
        print(f"таксономия тем сохранена ({len(args.taxonomy)} файл(ов))")
    print(f"сохранено в {settings.routing_dir}")
    return 0


def _format(res: RouteResult) -> str:
    lines = []
    for target in ("responsible_body", "category", "topic"):
        s: Suggestion = getattr(res, target)
        name = _LABELS_RU[target]
        if s.label is None:
            lines.append(f"{name}: маршрутизировать вручную (нет модели)")
            continue
        flag = " — маршрутизировать вручную" if s.needs_manual else ""
        group = f" [{s.group}]" if s.group else ""
        lines.append(f"{name}: {s.label}{group} ({s.confidence:.2f}){flag}")
        for c in s.candidates[1:]:
            lines.append(f"    или {c.label} ({c.confidence:.2f})")
    return "\n".join(lines)


def _dump(res: RouteResult) -> str:
    return json.dumps(res.model_dump(), ensure_ascii=False)


def run_route(argv: list[str], settings: Settings) -> int:
    if argv[:1] == ["fit"]:
        return run_route_fit(argv[1:], settings)
    parser = _route_parser()
    args = parser.parse_args(argv)
    if (args.text is None) == (args.batch is None):
        parser.error("нужен либо TEXT, либо --batch FILE")
    try:
        if not is_fitted(settings.routing_dir):
            print(
                "drafter: маршрутизация не обучена — все подсказки «вручную»; "
                "обучите: drafter route fit FILE --body-col … --category-col …",
                file=sys.stderr,
            )
        opts = {"threshold": args.threshold, "topic_threshold": args.topic_threshold}
        if args.batch is not None:
            return _run_batch(args.batch, settings, opts)
        text = sys.stdin.read() if args.text == "-" else args.text
        if not text.strip():
            raise InvalidInput("текст обращения пуст")
        [res] = route([text], settings.routing_dir, **opts)
    except DrafterError as exc:
        return _fail(exc)
    print(_dump(res) if args.json else _format(res))
    return 0


def own_ids(row: dict[str, Any]) -> dict[str, Any]:
    """The input line's own identifiers (``id``, ``external_id``, ``appeal_id``, ``uid``, any
    ``…_id``), first in the output line, so a batch's answers join back to its rows."""
    return {
        k: v
        for k, v in row.items()
        if k.lower() in ("id", "uid", "uuid", "number") or k.lower().endswith("_id")
    }


def _run_batch(path: Path, settings: Settings, opts: dict[str, float], chunk: int = 256) -> int:
    if not path.exists():
        raise InvalidInput(f"файл {path} не найден")
    rows = []
    with path.open(encoding="utf-8-sig") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError as exc:
                raise InvalidInput(f"{path}:{n}: не JSON: {exc}") from exc
            if not isinstance(row, dict) or not str(row.get("text") or "").strip():
                raise InvalidInput(f"{path}:{n}: нет поля text")
            rows.append(row)
    for start in range(0, len(rows), chunk):
        part = rows[start : start + chunk]
        for row, res in zip(
            part, route([str(r["text"]) for r in part], settings.routing_dir, **opts)
        ):
            print(json.dumps({**own_ids(row), **res.model_dump()}, ensure_ascii=False))
    return 0
