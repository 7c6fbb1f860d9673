"""What the pipeline knows about an appeal before it drafts: the facts for the prompt's
«Сведения» line and the greeting, the answer's deadline, and the routing suggestion. Each
failure here is logged and leaves the fact out: none of them may stop drafting."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.deadlines import deadline_for, format_ru_date
from drafter.domain import Appeal, RouteResult
from drafter.errors import DrafterError
from drafter.understanding import understand

if TYPE_CHECKING:
    from drafter.deadlines import DeadlinePolicy

log = logging.getLogger(__name__)


def appeal_facts(appeal: Appeal) -> dict[str, Any]:
    """Name, place and problem for the prompt's «Сведения» line and the greeting."""
    u = understand(appeal)
    facts: dict[str, Any] = {
        "greeting_name": u.greeting_name,
        "address": u.address or appeal.address,
        "place": u.place,
        "problem": u.problem.rstrip(" ."),
        "category": appeal.category,
        "kind": u.kind,  # "problem" to fix or "question" about a rule
    }
    return {k: v for k, v in facts.items() if v or k == "greeting_name"}


def appeal_deadline(appeal: Appeal, policy: DeadlinePolicy) -> dict[str, str] | None:
    """The draft's own deadline (the one its card shows), as the interim reply promises it.

    One deadline per draft: the citizen is promised the time the executor is held to, not a
    later one («8 рабочих часов» on VK gives «не позднее 7 декабря, 18:00»). A fact the pipeline
    supplies: the interim reply and the checker's sources get it.
    """
    try:
        rp = policy.for_region(appeal.region)
        received = appeal.received_at
        due = rp.local(deadline_for(appeal.channel, received, policy, appeal.region))
    except DrafterError as exc:  # an unknown region must not stop drafting
        log.warning("deadline unavailable: %s", exc.message)
        return None
    today = rp.local(received or datetime.now(timezone.utc)).date()
    text = format_ru_date(due, today=today)
    # a deadline in working hours has a time of day that matters; a day's end does not
    if (due.hour, due.minute) not in ((0, 0), (23, 59)):
        text += f", {due:%H:%M}"
    return {
        "date": due.isoformat(),
        "text": text,
        "line": f"Срок ответа: не позднее {text} ({due:%d.%m.%Y}).",
    }


def route_text(text: str, routing_dir: Path) -> RouteResult | None:
    """The routing suggestion returned with the draft (None when routing is unavailable)."""
    # routing loads scikit-learn and SciPy (seconds): on the first routed appeal, not at start
    from drafter.routing import route

    try:
        return route([text], routing_dir)[0]
    except DrafterError as exc:  # a broken routing model must not stop drafting
        log.warning("routing failed: %s", exc.message)
        return None
