"""The review workflow as a small state machine: who may do what to a draft in which status.

    queued → drafting → ready | needs_attention | needs_facts | failed   (the drafting pipeline)
    ready | needs_attention | needs_facts | returned | failed → queued    (facts: the executor's
                                                                   facts set, then redrafted)
    ready | needs_attention | returned → in_review                (submit)
    in_review → approved | returned | rejected                    (review)
    ready | needs_attention | returned → (same, text changed)     (edit, the executor)
    in_review → in_review (text changed)                          (edit, the reviewer)
    ready | needs_attention | returned | failed → queued          (redraft)

``check`` answers for one action: Forbidden when the role may never do it, InvalidTransition
when it may but not in this status. Nothing here knows HTTP or SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from drafter.auth import Role
from drafter.domain import Decision, DraftStatus
from drafter.errors import Conflict, Forbidden, InvalidInput, InvalidTransition, PreconditionFailed


class Action(str, Enum):
    submit = "submit"
    approve = "approve"
    return_ = "return"
    reject = "reject"
    edit = "edit"
    redraft = "redraft"
    facts = "facts"


# needs_facts: an interim reply the executor may send as a first reply, or complete with facts
DRAFTED: frozenset[str] = frozenset({"ready", "needs_attention", "needs_facts"})
EXECUTOR_EDITABLE: frozenset[str] = DRAFTED | {"returned"}
REVIEWABLE: frozenset[str] = frozenset({"in_review"})
REDRAFTABLE: frozenset[str] = EXECUTOR_EDITABLE | {"failed"}
CLOSED: frozenset[str] = frozenset({"approved", "rejected"})  # never overdue, never changed

# action → role → the statuses it may act from (admin can do what the others can)
RULES: dict[Action, dict[Role, frozenset[str]]] = {
    Action.submit: {r: EXECUTOR_EDITABLE for r in Role},
    Action.approve: {Role.reviewer: REVIEWABLE, Role.admin: REVIEWABLE},
    Action.return_: {Role.reviewer: REVIEWABLE, Role.admin: REVIEWABLE},
    Action.reject: {Role.reviewer: REVIEWABLE, Role.admin: REVIEWABLE},
    Action.edit: {
        Role.executor: EXECUTOR_EDITABLE,
        Role.reviewer: REVIEWABLE,
        Role.admin: EXECUTOR_EDITABLE | REVIEWABLE,
    },
    Action.redraft: {Role.executor: REDRAFTABLE, Role.admin: REDRAFTABLE},
    Action.facts: {Role.executor: REDRAFTABLE, Role.admin: REDRAFTABLE},
}

EVENTS: dict[Action, str] = {
    Action.submit: "submitted",
    Action.approve: "approved",
    Action.return_: "returned",
    Action.reject: "rejected",
    Action.edit: "edited",
    Action.redraft: "redrafted",
    Action.facts: "facts",
}

_TARGET: dict[Action, str] = {
    Action.submit: "in_review",
    Action.approve: "approved",
    Action.return_: "returned",
    Action.reject: "rejected",
    Action.redraft: "queued",
    Action.facts: "queued",
}

# reviewer reason codes: the checker's (drafter.quality.CODES) and two only a person can judge
REASON_CODES: dict[str, tuple[str, str]] = {
    "OTPISKA": ("Отписка", "Ответ не отвечает на вопрос и не обещает ничего проверяемого."),
    "REDIRECT": (
        "Переадресация",
        "Гражданина отправляют в другой орган вместо действий ведомства.",
    ),
    "NO_DEADLINE": ("Нет срока", "Работы обещаны без даты или срока."),
    "NO_SPECIFICS": (
        "Нет конкретики",
        "Нет конкретного действия, места, исполнителя или результата.",
    ),
    "FORMALISM": ("Канцелярит", "Формулы, отдаляющие власть от гражданина («настоящим сообщаем»)."),
    "TEMPLATE": ("Шаблонные фразы", "Дежурные фразы без информации."),
    "NO_GREETING": (
        "Нет приветствия",
        "Нет приветствия или обращения по имени, когда оно известно.",
    ),
    "IMPOLITE": ("Невежливо", "Грубость, снисходительность, упрёки гражданину, капслок, ирония."),
    "LEGAL_DUMP": ("Перечень НПА", "Нормативные акты перечислены без объяснения, что они значат."),
    "HARD_TO_READ": (
        "Трудно читать",
        "Длинные предложения и обороты, ответ длиннее, чем позволяет канал.",
    ),
    "UNGROUNDED": (
        "Факт без источника",
        "Дата, число, адрес или норма, которых нет ни в обращении, ни в источниках.",
    ),
    # the pipeline's check against the executor's facts (drafter.executor_facts)
    "LOST_FACT": (
        "Потерян факт исполнителя",
        "Дата, срок, адрес, организация или норма из фактов исполнителя не попали в ответ.",
    ),
    "CONTRADICTION": ("Противоречие", "Утверждения ответа противоречат друг другу или источникам."),
    "RATE_REQUEST": ("Просьба оценить", "Просьба оценить работу, хотя проблема не решена."),
    "PII_LEAK": ("Персональные данные", "Персональные данные третьих лиц."),
    "GARBAGE": ("Мусор", "Не по-русски, повторы, эхо инструкций или разметка, пустой ответ."),
    "WRONG_AGENCY": (
        "Не то ведомство",
        "Обращение направлено не в то ведомство; нужен другой исполнитель.",
    ),
    "NO_EVIDENCE": (
        "Нет подтверждения",
        "Нет обоснования или подтверждения выполненных работ (акт, фото).",
    ),
}


MAX_TEXT_CHARS = 20_000


def validate_text(text: str) -> str:
    if not text.strip():
        raise InvalidInput("the draft text is empty")
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidInput(
            f"the draft text has {len(text)} characters; the limit is {MAX_TEXT_CHARS}"
        )
    return text


@dataclass(frozen=True)
class Expected:
    """A version the writer last saw: from If-Match (mismatch → 412) or the body (→ 409)."""

    version: int
    precondition: bool = False

    def mismatch(self, actual: int) -> Conflict:
        where = "If-Match" if self.precondition else "version"
        err = PreconditionFailed if self.precondition else Conflict
        return err(
            f"the draft is at version {actual}, not {self.version} ({where}); "
            "reload it and apply your change again",
            version=actual,
        )


def action_of(decision: Decision) -> Action:
    return Action(decision)


def require_role(action: Action, role: Role) -> None:
    """Forbidden when this role may never take this action (checked before any lookup)."""
    if role not in RULES[action]:
        allowed = ", ".join(r.value for r in RULES[action])
        raise Forbidden(f"{action.value} needs the role {allowed}; the token is {role.value}")


def check(action: Action, role: Role, status: DraftStatus | str) -> None:
    require_role(action, role)
    if status not in RULES[action][role]:
        allowed = ", ".join(sorted(RULES[action][role]))
        raise InvalidTransition(
            f"cannot {action.value} a draft in status {status} (allowed from: {allowed})",
            draft_status=str(status),
        )


def target_status(action: Action, status: str, passed: bool | None = None) -> str:
    """The status after ``action``; an edit keeps the status, except that a drafted text is
    ready or needs attention by its new quality."""
    if action is Action.edit:
        if status in DRAFTED and passed is not None:
            # a person's text is judged as it stands: an interim one they edited is theirs now
            return "ready" if passed else "needs_attention"
        return status
    return _TARGET[action]


def validate_reasons(decision: Decision, reasons: list[str]) -> list[str]:
    codes = list(dict.fromkeys(r.strip().upper() for r in reasons if r.strip()))
    unknown = [c for c in codes if c not in REASON_CODES]
    if unknown:
        raise InvalidInput(
            f"unknown reason code(s): {', '.join(unknown)} (see GET /v1/meta/reason-codes)"
        )
    if decision == "return" and not codes:
        raise InvalidInput("returning a draft needs at least one reason code")
    return codes


# Marking a reply sent is not a move of the state machine above: the draft stays approved (no
# action leaves a closed draft), the audit trail gains a "sent" entry, once.
SENDABLE: frozenset[str] = frozenset({"approved"})
SENDERS: frozenset[Role] = frozenset({Role.executor, Role.reviewer, Role.admin})


def check_sent(role: Role, status: DraftStatus | str, already_sent: bool) -> None:
    """An approved reply is marked sent once, by the executor (of its agency: visibility) or a
    reviewer."""
    if role not in SENDERS:
        raise Forbidden(
            f"marking a reply sent needs an executor or a reviewer; the token is {role.value}"
        )
    if status not in SENDABLE:
        raise InvalidTransition(
            f"only an approved reply can be marked sent; the draft is {status}",
            draft_status=str(status),
        )
    if already_sent:
        raise InvalidTransition("the reply is already marked sent", draft_status=str(status))
