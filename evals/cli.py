"""``drafter eval``: offline evaluation as a sub-command of drafter's CLI.

Plugged in through the entry point group ``drafter.commands`` (pyproject.toml), so drafter
itself never imports evals: ``drafter eval --dataset FILE --out DIR`` runs ``evals.run``,
``drafter eval --reviews`` prints ``evals.reviewer_agreement``'s table.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import ConfigError
from evals import reviewer_agreement
from evals.run import run_command

if TYPE_CHECKING:
    from drafter.services import Services


class EvalCommand:
    help = "офлайн-оценка: отчёт JSON и HTML, сравнение с прошлым прогоном"
    description = (
        "Офлайн-оценка: черновики или готовые ответы по набору обращений, отчёт report.json и "
        "report.html, сравнение с прошлым прогоном. С --reviews — как часто проверка "
        "соглашалась с причинами возврата, которые указали проверяющие."
    )

    def add_arguments(self, e: argparse.ArgumentParser) -> None:
        e.add_argument(
            "--reviews",
            action="store_true",
            help="вместо набора: согласие проверки с причинами возврата проверяющих, по кодам",
        )
        e.add_argument(
            "--include-approved", action="store_true", help="с --reviews: учесть и одобренные"
        )
        e.add_argument("--json", action="store_true", help="с --reviews: вывести JSON")
        e.add_argument("--dataset", type=Path, help="набор: JSONL или файл портала (--format spb)")
        e.add_argument(
            "--format", choices=["jsonl", "spb"], default="jsonl", help="формат набора (jsonl)"
        )
        e.add_argument(
            "--replies-only", action="store_true", help="оценить готовые ответы из набора"
        )
        e.add_argument("--limit", type=int, help="только первые N обращений")
        e.add_argument("--out", type=Path, help="папка для report.json и report.html")
        e.add_argument("--baseline", type=Path, help="папка прошлого прогона для сравнения")
        e.add_argument(
            "--max-regression",
            metavar="SPEC",
            help="допустимое ухудшение по метрикам, например pass_rate=0.02,mean_score=2 "
            "(по умолчанию)",
        )
        e.add_argument(
            "--ragas", action="store_true", help="ещё и метрики с оценкой моделью-судьёй (медленно)"
        )

    def run(self, args: argparse.Namespace, services: Services) -> int:
        if args.reviews:
            argv = ["--db-url", services.settings.db_url]
            argv += ["--json"] * args.json + ["--include-approved"] * args.include_approved
            return reviewer_agreement.main(argv)
        if args.dataset is None or args.out is None:
            raise ConfigError("drafter eval needs --dataset FILE and --out DIR (or --reviews)")
        return run_command(args, services)


EVAL = EvalCommand()
