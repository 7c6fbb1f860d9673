"""The ``drafter`` command: serve the API, fill the knowledge base, draft, manage tokens.

Every command migrates the database first (but ``check``, which needs no database). A user
error (DrafterError) prints one line to stderr and exits 2; no tracebacks for those.
"""

from __future__ import annotations

import argparse
import json
import shlex
import signal
import sys
import threading
from collections.abc import Sequence
from importlib.metadata import entry_points
from pathlib import Path
from typing import Protocol

from pydantic import ValidationError

from drafter.auth import SYSTEM, parse_role
from drafter.domain import Appeal, Draft
from drafter.errors import ConfigError, DrafterError, InvalidInput
from drafter.instance import InstanceLock
from drafter.quality.cli import run_check
from drafter.services import Services, build_services
from drafter.settings import Settings
from drafter.storage import TokenInfo
from drafter.trace_text import render_trace

EXAMPLE_APPEAL = "Во дворе дома 5 на улице Ленина третью неделю не вывозят мусор. Примите меры."


class Command(Protocol):
    """A sub-command another installed package adds through the entry point group
    ``drafter.commands`` (``drafter eval`` comes from evals this way, so drafter never imports
    evals and runs without it)."""

    help: str

    def add_arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace, services: Services) -> int: ...


def plugin_commands() -> dict[str, Command]:
    return {ep.name: ep.load() for ep in entry_points(group="drafter.commands")}


def _parser(plugins: dict[str, Command]) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="drafter", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser("serve", help="run the HTTP API and the drafting workers")
    s.add_argument("--host", help="default: settings.host (DRAFTER_HOST)")
    s.add_argument("--port", type=int, help="default: settings.port (DRAFTER_PORT)")
    s.add_argument("--workers", type=int, help="drafting threads (DRAFTER_WORKERS)")

    w = sub.add_parser(
        "worker", help="only draft queued appeals, no HTTP (several processes: see README)"
    )
    w.add_argument("--workers", type=int, help="drafting threads (DRAFTER_WORKERS)")

    i = sub.add_parser("ingest", help="add regulations or past answers to the knowledge index")
    i.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    i.add_argument("--samples", action="store_true", help="the samples shipped with drafter")
    i.add_argument("--kind", choices=["regulation", "answers"])
    i.add_argument("--format", help="answers format: jsonl, csv or spb (default: by extension)")
    i.add_argument("--agency", help="the agency these documents belong to")
    i.add_argument(
        "--region", help="region of past appeals without one (spb: RU-SPE); picks the calendar"
    )
    i.add_argument(
        "--no-history",
        action="store_true",
        help="do not store past appeals as appeal records (analytics, search)",
    )
    i.add_argument(
        "--history-only", action="store_true", help="store past appeals only; index nothing"
    )
    i.add_argument(
        "--no-check",
        action="store_true",
        help="do not hold imported final replies to the standard (faster; no quality figures)",
    )

    an = sub.add_parser(
        "analytics", help="weekly agency rating and pain points as HTML (SVG charts) and CSV"
    )
    an.add_argument("--from", dest="date_from", type=_iso_date, help="first day (YYYY-MM-DD)")
    an.add_argument("--to", dest="date_to", type=_iso_date, help="last day (YYYY-MM-DD)")
    an.add_argument("--region", help="region code or name, e.g. RU-SPE")
    an.add_argument("--agency", help="only this agency (as an executor sees it)")
    an.add_argument("--out", type=Path, required=True, help="directory for index.html and *.csv")

    d = sub.add_parser("draft", help="draft a reply in this process and print it")
    d.add_argument("text", help="the appeal text ('-' reads it from stdin)")
    d.add_argument("--channel", default="vk", help="vk, telegram, ok, pos, email, letter")
    d.add_argument("--author", help="the citizen's name")
    d.add_argument("--agency")
    d.add_argument("--category")
    d.add_argument("--address")
    d.add_argument(
        "--facts",
        help="what was done or will be done, by whom, by when: TEXT, or @FILE to read a file "
        "(the agency's answer, an inspection act); without facts a problem report gets an "
        "interim reply and a checklist",
    )
    d.add_argument("--json", action="store_true", help="print the draft as the API returns it")

    trc = sub.add_parser(
        "trace",
        help="how a draft was written: each attempt's prompt, the model's raw text, what was "
        "removed and why, the verdict",
    )
    trc.add_argument("id", help="the draft's id")
    trc.add_argument("--full", action="store_true", help="print the prompts whole")
    trc.add_argument("--json", action="store_true", help="print the trace as the API returns it")

    t = sub.add_parser("token", help="API tokens")
    tsub = t.add_subparsers(dest="action", required=True, metavar="ACTION")
    tc = tsub.add_parser("create", help="print a new token")
    tc.add_argument("--role", required=True, choices=["admin", "reviewer", "executor"])
    tc.add_argument("--agency", help="an executor token sees only this agency's drafts")
    tc.add_argument(
        "--region", help="a reviewer token sees only this region's drafts (e.g. RU-OMS)"
    )
    tc.add_argument("--name", help="who holds it (shown in drafts' history), e.g. «Иванова А. П.»")
    tc.add_argument(
        "--expires",
        metavar="WHEN",
        help="a date (2027-01-31), an ISO time or a duration (30d, 12h)",
    )
    tsub.add_parser("list", help="every token: id, role, scope, name, expiry, state")
    tr = tsub.add_parser("revoke", help="revoke a token (its next request is 401)")
    tr.add_argument("token", metavar="ID|TOKEN", help="the token's id (token list) or the secret")

    for name, command in plugins.items():
        plugin = sub.add_parser(
            name,
            help=command.help,
            description=getattr(command, "description", None),
            formatter_class=RussianHelp,
            add_help=False,
        )
        plugin._optionals.title = "параметры"
        plugin.add_argument("-h", "--help", action="help", help="показать эту справку и выйти")
        command.add_arguments(plugin)

    # only listed here for --help: main() hands their arguments to their own parsers
    sub.add_parser("check", help="check one reply against the quality standard", add_help=False)
    sub.add_parser("route", help="suggest category, ИМ topic and responsible body", add_help=False)

    docs = sub.add_parser("documents", help="documents in the knowledge index")
    dsub = docs.add_subparsers(dest="action", required=True, metavar="ACTION")
    dl = dsub.add_parser("list", help="list indexed documents, a page at a time")
    dl.add_argument("--limit", type=int, default=40, help="documents per page (default 40)")
    dl.add_argument("--offset", type=int, default=0, help="skip this many (default 0)")
    dl.add_argument("--all", action="store_true", help="every document, no paging")
    dd = dsub.add_parser("delete", help="remove a document")
    dd.add_argument("id")
    return p


class RussianHelp(argparse.HelpFormatter):
    """argparse's own words in Russian, like the check and route commands' help."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, prefix or "использование: ")


def _iso_date(value: str):  # type: ignore[no-untyped-def]
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value}") from None


def main(argv: Sequence[str] | None = None, *, services: Services | None = None) -> int:
    """Run one command; ``services`` replaces the ones built from settings (tests)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["check"]:
        return _check(argv[1:])
    if argv[:1] == ["route"]:  # `route` and `route fit` parse their own arguments
        # scikit-learn and SciPy load in seconds: only for this command
        from drafter.routing.cli import run_route

        return run_route(argv[1:], _settings(argparse.Namespace()))
    plugins = plugin_commands()
    args = _parser(plugins).parse_args(argv)
    owned = services is None
    lock: InstanceLock | None = None
    try:
        if services is None:
            settings = _settings(args)
            if args.command in LOCKING:
                lock = InstanceLock(settings).acquire()
            services = build_services(settings)
        if args.command in plugins:
            return plugins[args.command].run(args, services)
        return COMMANDS[args.command](args, services)
    except DrafterError as exc:
        print(f"drafter: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    finally:
        if owned and services is not None:
            services.close()
        if lock is not None:
            lock.release()


def _settings(args: argparse.Namespace) -> Settings:
    overrides = {
        k: v for k in ("host", "port", "workers") if (v := getattr(args, k, None)) is not None
    }
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        raise ConfigError(f"bad settings: {exc.errors()[0]['msg']}") from exc


def _serve(args: argparse.Namespace, services: Services) -> int:
    # the web stack (FastAPI, uvicorn) loads in about a second: only for this command
    import uvicorn

    from drafter.api import create_app

    s = services.settings
    token = services.startup_admin_token()
    # load (and on first start assemble) the model now, so the first request does not wait
    print(f"Loading the LLM ({s.llm.backend})…", flush=True)
    services.llm  # noqa: B018 - built lazily on first access
    body = json.dumps(
        {"appeal": {"text": EXAMPLE_APPEAL, "channel": "vk", "author_name": "Ирина"}, "wait": True},
        ensure_ascii=False,
    )
    token_file = services.admin_token_path
    if token:
        # shown this once; later starts point at the file (mode 0600) and never print it
        print(f"Admin token, shown only now (a copy is in {token_file}, mode 0600):\n\n  {token}\n")
    elif token_file.exists():
        print(f"The admin token is in {token_file}.\n")
    else:
        print("Create a token with: drafter token create --role admin --name NAME\n")
    print("Draft a reply:\n")
    if token_file.exists():
        print(f"  TOKEN=$(cat {shlex.quote(str(token_file))})")
    # double quotes: the shell expands $TOKEN (in single quotes it went out literally: 401)
    print(
        f"  curl -s -X POST http://{s.host}:{s.port}/v1/drafts \\\n"
        f"    -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' \\\n"
        f"    -d {shlex.quote(body)}\n",
        flush=True,
    )
    print(f"Reviewer UI: http://{s.host}:{s.port}/ui   API docs: http://{s.host}:{s.port}/docs\n")
    uvicorn.run(create_app(s, services), host=s.host, port=s.port, log_level="info")
    return 0


def _worker(args: argparse.Namespace, services: Services) -> int:
    """Draft queued appeals until SIGTERM or Ctrl-C; the drafts in progress finish first."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    if services.settings.workers < 1:
        raise ConfigError("drafter worker: нужен хотя бы один поток (--workers 1 или больше)")
    print(f"Loading the LLM ({services.settings.llm.backend})…", flush=True)
    services.llm  # noqa: B018 - built lazily on first access
    services.start()
    print(f"drafting with {services.jobs.workers} thread(s); stop with Ctrl-C", flush=True)
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    return 0


def _ingest(args: argparse.Namespace, services: Services) -> int:
    if args.samples:
        report = services.ingest_samples()
    elif args.paths:
        report = services.ingest_paths(
            args.paths,
            kind=args.kind,
            format=args.format,
            agency=args.agency,
            region=args.region,
            history=not args.no_history,
            index=not args.history_only,
            check_replies=not args.no_check,
        )
    else:
        raise ConfigError("give PATH… or --samples")
    if not args.history_only:
        print(f"indexed {len(report.ids)} document(s), {report.chunks} chunk(s)")
    if report.appeals:
        print(f"stored {report.appeals} past appeal(s) for analytics and search")
    if report.routed:
        print(f"routing fitted on {report.routed} appeal(s) with their agency and category")
    return 0


def _draft(args: argparse.Namespace, services: Services) -> int:
    text = sys.stdin.read() if args.text == "-" else args.text
    try:
        appeal = Appeal(
            text=text,
            channel=args.channel,
            author_name=args.author,
            agency=args.agency,
            category=args.category,
            address=args.address,
        )
    except ValidationError as exc:
        from drafter.api.problems import classify  # the web stack: only on this error

        raise classify(list(exc.errors())) from exc
    draft = services.draft_now(appeal, facts=_facts_arg(args.facts))
    if args.json:
        print(draft.model_dump_json(indent=2))
    else:
        print(_render(draft))
    if draft.status == "failed":
        print(f"drafter: drafting failed: {draft.error}", file=sys.stderr)
        return 1
    return 0


def _facts_arg(value: str | None) -> str | None:
    """``--facts TEXT`` or ``--facts @FILE``."""
    if value is None or not value.startswith("@"):
        return value
    path = Path(value[1:])
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(f"не удалось прочитать файл с фактами {path}: {exc}") from exc


_KIND_RU = {"interim": "промежуточный ответ", "final": "ответ по существу"}


def _render(draft: Draft) -> str:
    kind = _KIND_RU.get(draft.reply_kind or "", "")
    lines = [f"[{kind}]" if kind else "", draft.text or ""]
    if draft.checklist:
        lines += ["", "Что нужно узнать для ответа по существу:"]
        lines += [
            f"  – {i.label} ({i.why})" if i.why else f"  – {i.label}" for i in draft.checklist
        ]
    if draft.citations:
        lines += ["", "Источники:"]
        lines += [f"  [{n}] {c.title} — {c.snippet}" for n, c in enumerate(draft.citations, 1)]
    if draft.quality:
        q = draft.quality
        verdict = "принят" if q.passed else "нужна правка"
        if draft.reply_kind == "interim":
            verdict += "; это промежуточный ответ, не ответ по существу"
        lines += ["", f"Оценка: {q.score}/100, {verdict}"]
        lines += [f"  {v.severity} {v.code}: {v.message}" for v in q.violations]
    return "\n".join(lines)


def _trace(args: argparse.Namespace, services: Services) -> int:
    trace = services.draft_trace(args.id, SYSTEM)
    print(trace.model_dump_json(indent=2) if args.json else render_trace(trace, full=args.full))
    return 0


def _token(args: argparse.Namespace, services: Services) -> int:
    if args.action == "list":
        for info in services.list_tokens():
            print("\t".join(_token_fields(info)))
        return 0
    if args.action == "revoke":
        info = services.revoke_token(args.token)
        print(f"revoked {info.id}")
        return 0
    secret, _ = services.create_token(
        parse_role(args.role), args.agency, args.region, name=args.name, expires=args.expires
    )
    print(secret)
    return 0


def _token_fields(info: TokenInfo) -> tuple[str, ...]:
    state = "revoked" if info.revoked_at else "expired" if info.expired() else "active"
    expires = info.expires_at.isoformat(timespec="minutes") if info.expires_at else "-"
    scope = info.agency or info.region or "-"
    return (info.id, info.role, scope, info.name or "-", f"expires {expires}", state)


def _documents(args: argparse.Namespace, services: Services) -> int:
    if args.action == "delete":
        services.delete_document(args.id)
        print(f"deleted {args.id}")
        return 0
    docs = services.list_documents()
    total = len(docs)
    start = 0 if args.all else max(0, args.offset)
    page = docs if args.all else docs[start : start + max(1, args.limit)]
    for doc in page:
        fields = (
            doc.get("id", ""),
            doc.get("kind", ""),
            doc.get("chunks", ""),
            doc.get("title", ""),
        )
        print("\t".join(str(f) for f in fields))
    if not page:
        print(f"nothing at offset {start}; {total} document(s) in all", file=sys.stderr)
    elif len(page) < total:
        shown = f"{start + 1}–{start + len(page)} of {total}"
        more = start + len(page) < total
        hint = f"; next: --offset {start + len(page)}" if more else ""
        print(f"documents {shown}{hint} (--all for every one)", file=sys.stderr)
    return 0


def _analytics(args: argparse.Namespace, services: Services) -> int:
    from drafter.analytics.report import write_report

    written = write_report(
        services,
        args.out,
        date_from=args.date_from,
        date_to=args.date_to,
        region=args.region,
        agency=args.agency,
    )
    for path in written:
        print(path)
    return 0


def _check(argv: list[str]) -> int:
    return run_check(argv)


COMMANDS = {
    "serve": _serve,
    "worker": _worker,
    "ingest": _ingest,
    "draft": _draft,
    "token": _token,
    "trace": _trace,
    "documents": _documents,
    "analytics": _analytics,
}

# the commands that open the knowledge index or run drafts hold the data dir on embedded
# stores (drafter.instance); `token` only writes one row, which SQLite serialises
LOCKING = frozenset({"serve", "worker", "ingest", "draft", "documents", "eval"})

if __name__ == "__main__":
    raise SystemExit(main())
