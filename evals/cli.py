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
    help = "offline eval run: JSON and HTML report, baseline gate"

    def add_arguments(self, e: argparse.ArgumentParser) -> None:
        e.add_argument(
            "--reviews",
            action="store_true",
            help="instead of a dataset: how often the checker agreed with reviewers' return reasons",
        )
        e.add_argument("--include-approved", action="store_true", help="with --reviews")
        e.add_argument("--json", action="store_true", help="with --reviews: JSON output")
        e.add_argument("--dataset", type=Path, help="JSONL, or the portal file")
        e.add_argument("--format", choices=["jsonl", "spb"], default="jsonl")
        e.add_argument("--replies-only", action="store_true", help="score the items' given replies")
        e.add_argument("--limit", type=int, help="only the first N items")
        e.add_argument("--out", type=Path, help="directory for report.json/.html")
        e.add_argument("--baseline", type=Path, help="a previous run's directory to compare with")
        e.add_argument(
            "--max-regression",
            metavar="SPEC",
            help="allowed worsening per metric, e.g. pass_rate=0.02,mean_score=2 (the defaults)",
        )
        e.add_argument("--ragas", action="store_true", help="also judge-scored metrics (slow)")

    def run(self, args: argparse.Namespace, services: Services) -> int:
        if args.reviews:
            argv = ["--db-url", services.settings.db_url]
            argv += ["--json"] * args.json + ["--include-approved"] * args.include_approved
            return reviewer_agreement.main(argv)
        if args.dataset is None or args.out is None:
            raise ConfigError("drafter eval needs --dataset FILE and --out DIR (or --reviews)")
        return run_command(args, services)


EVAL = EvalCommand()
