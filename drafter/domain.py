"""Typed data that flows through one appeal's path (see shared/docs/architecture.md).

These are the contract between layers: the API validates requests into them and returns them;
the pipeline, the checker and the store exchange them. Nothing here knows about HTTP or SQL.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

MAX_APPEAL_CHARS = 20_000
MAX_FACTS_CHARS = 10_000


class Channel(str, Enum):
    vk = "vk"
    telegram = "telegram"
    ok = "ok"
    pos = "pos"
    email = "email"
    letter = "letter"

    @property
    def is_social(self) -> bool:
        return self in (Channel.vk, Channel.telegram, Channel.ok)


class Appeal(BaseModel):
    """A citizen's appeal as the executor submits it."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_APPEAL_CHARS)
    channel: Channel = Channel.vk
    author_name: str | None = Field(default=None, max_length=200)
    agency: str | None = Field(default=None, max_length=300)
    category: str | None = Field(default=None, max_length=300)
    address: str | None = Field(default=None, max_length=500)
    received_at: datetime | None = None
    external_id: str | None = Field(default=None, max_length=200)
    # ISO 3166-2 code («RU-OMS») or a name; picks the deadline calendar and the reviewer scope
    region: str | None = Field(default=None, max_length=100)
    # the reply asked for: a final answer, or an interim «передано …, ответим не позднее …»;
    # None: final, unless retrieval finds no past answer to draw on (then interim)
    kind: Literal["interim", "final"] | None = None

    @field_validator("text")
    @classmethod
    def _not_blank(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("текст обращения пуст")
        return v


Severity = Literal["blocker", "major", "minor"]


class Violation(BaseModel):
    code: str
    severity: Severity
    start: int  # character span in the draft text, [start, end)
    end: int
    message: str  # in Russian, for the reviewer


class Quality(BaseModel):
    score: int  # 0..100
    passed: bool
    violations: list[Violation] = Field(default_factory=list)


class Citation(BaseModel):
    source_id: str  # chunk id in the knowledge index
    title: str
    snippet: str
    kind: Literal["regulation", "answer"] = "regulation"


DraftStatus = Literal[
    "queued",
    "drafting",
    "ready",
    "needs_attention",
    # a problem report without the executor's facts: an interim reply and a checklist of what
    # to find out; a final reply waits for the facts (PUT /v1/drafts/{id}/facts)
    "needs_facts",
    "failed",
    # the review workflow (drafter.review)
    "in_review",
    "approved",
    "returned",
    "rejected",
]
Decision = Literal["approve", "return", "reject"]
DraftMethod = Literal["generated", "composed"]
ReplyKind = Literal["interim", "final"]


class ChecklistItem(BaseModel):
    """One thing the executor should find out before a reply on the merits can be written."""

    label: str  # «Дата проверки или выезда на место»
    why: str = ""  # «так отвечали на 4 из 5 похожих обращений» / the rule that asks for it
    sources: list[str] = Field(default_factory=list)  # the chunks it was learned from


# facts: write up the executor's facts; question: explain the rule; interim: no reply on the
# merits can be written yet (drafter.pipeline)
Mode = Literal["facts", "question", "interim"]


class Understanding(BaseModel):
    """What the understanding step found in the appeal (drafter.pipeline_facts.appeal_facts):
    the prompt's «Сведения» line and the greeting are made of it."""

    greeting_name: str | None = None
    address: str | None = None
    place: str | None = None
    problem: str | None = None
    category: str | None = None
    kind: str | None = None  # "problem" to fix or "question" about a rule


class AnswerDeadline(BaseModel):
    """The deadline the reply promises (the one the draft's card shows)."""

    due: datetime
    text: str = ""  # «7 декабря, 18:00», as the interim reply says it
    line: str = ""  # «Срок ответа: не позднее …», the source a draft's date is grounded on

    @model_validator(mode="before")
    @classmethod
    def _from_iso(cls, value: Any) -> Any:
        # drafts stored before the trace (0007) kept only the ISO time
        return {"due": value} if isinstance(value, str) else value


class Candidate(BaseModel):
    label: str
    confidence: float


class Suggestion(BaseModel):
    """One routing target's answer: the best label, its confidence and the runners-up."""

    label: str | None = None
    confidence: float = 0.0
    needs_manual: bool = True  # «route by hand»: confidence below the threshold, or no model
    candidates: list[Candidate] = Field(default_factory=list)
    group: str | None = None  # topic only: the ИМ topic group / department the topic belongs to
    source: str = "none"  # "model" (trained on labels), "taxonomy" (matched to topic names), "none"


class RouteResult(BaseModel):
    """The routing suggestion (drafter.routing): here so that a draft carries it typed
    without loading the classifiers."""

    category: Suggestion = Field(default_factory=Suggestion)
    responsible_body: Suggestion = Field(default_factory=Suggestion)
    topic: Suggestion = Field(default_factory=Suggestion)
    needs_manual: bool = True  # any of the targets a region trained needs a person


class SupportRow(BaseModel):
    """One sentence of a draft and what stands behind it (drafter.grounding)."""

    sentence: str
    start: int
    end: int
    sources: list[str] = Field(default_factory=list)  # source ids: "appeal", chunk ids, …
    unsupported: list[str] = Field(default_factory=list)  # «дата «14 мая»», as the checker says
    unverified_done: bool = False  # reports work done that no executor's fact confirms
    unsupported_reason: bool = False  # states a cause no appeal or regulation sentence states


# where a piece of a completion was removed: drafter.postprocess's steps, then grounding
RemovalStage = Literal[
    "clean_draft",
    "drop_echo",
    "drop_copied",
    "repair_scripts",
    "plain_reply",
    "drop_retold",
    "drop_own_sentences",
    "mend_copied_words",
    "limit_sentences",
    "grounding",
    "restore_facts",
    "drop_restated",
]


class Removal(BaseModel):
    """A piece of an attempt's text that post-processing removed, and why."""

    stage: RemovalStage
    reason: str  # in Russian, for the person reading the trace
    text: str


class PromptMessage(BaseModel):
    role: str
    content: str


class Attempt(BaseModel):
    """One try at the draft: what the model was asked and wrote, what was cut out of it and
    why, and the checker's verdict on what was left. A composed attempt (no model) has no
    prompt and no completion."""

    number: int = 0  # 1, 2, … within its drafting run
    method: DraftMethod = "generated"
    reply_kind: ReplyKind = "final"
    prompt: str | None = None  # the prompt as text (a chat: its messages' contents)
    messages: list[PromptMessage] | None = None  # a chat prompt, with the roles
    feedback: list[str] = Field(default_factory=list)  # the last verdict, fed back in the prompt
    completion: str | None = None  # the model's raw text
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    removals: list[Removal] = Field(default_factory=list)
    text: str = ""  # what was left: the attempt's draft
    quality: Quality | None = None
    lost_facts: list[str] = Field(default_factory=list)  # the executor's facts it left out
    # the executor's sentences put back in for facts the text had lost (drafter.executor_facts)
    restored_facts: list[str] = Field(default_factory=list)
    timings: dict[str, float] = Field(default_factory=dict)  # seconds
    chosen: bool = False  # this attempt's draft is the run's result


class DraftResult(BaseModel):
    """What the drafting pipeline returns for one appeal."""

    text: str
    citations: list[Citation] = Field(default_factory=list)
    quality: Quality
    method: DraftMethod = "generated"
    timings: dict[str, float] = Field(default_factory=dict)  # seconds per stage
    prompt_version: str = ""
    model: str = ""
    attempts: int = 1
    reply_kind: ReplyKind = "final"
    # the executor's facts it was written from (None: none were given)
    facts: str | None = None
    # a problem report without facts: what to find out before a final reply can be written
    checklist: list[ChecklistItem] | None = None
    # what was known before drafting, and which reply could honestly be written
    mode: Mode | None = None
    understanding: Understanding | None = None
    deadline: AnswerDeadline | None = None
    routing: RouteResult | None = None
    # past answers left out of the prompt as about another problem (chunk ids)
    off_topic_sources: list[str] = Field(default_factory=list)
    support: list[SupportRow] = Field(default_factory=list)  # per sentence of ``text``
    lost_facts: list[str] = Field(default_factory=list)  # the executor's facts ``text`` lacks
    # what the executor's facts themselves lack for a reply on the merits («сделано что, кем,
    # когда»), for the executor beside the facts (drafter.pipeline_checking.facts_gaps)
    facts_gaps: list[str] = Field(default_factory=list)
    attempts_trace: list[Attempt] = Field(default_factory=list)  # every attempt, in order

    @property
    def status(self) -> DraftStatus:
        if self.checklist is not None and self.reply_kind == "interim":
            return "needs_facts"
        return "ready" if self.quality.passed else "needs_attention"


class Actor(BaseModel):
    """Who did something to a draft (``role`` "system" for the drafting pipeline)."""

    role: str
    agency: str | None = None
    token_id: str | None = None
    name: str | None = None  # the token's name (drafter token create --name), for people


class Review(BaseModel):
    """A reviewer's decision on a draft."""

    decision: Decision
    reasons: list[str] = Field(default_factory=list)
    comment: str | None = None
    by: Actor
    at: datetime


EventKind = Literal[
    "created",
    "generated",
    "edited",
    "submitted",
    "approved",
    "returned",
    "rejected",
    "redrafted",
    "facts",  # the executor's facts were set or changed (the facts are in ``text``)
    "sent",  # the executor marked the approved reply sent to the citizen
    # a drafting result that was not stored: the draft had moved on (drafter.storage.drafts)
    "discarded",
]


class HistoryEvent(BaseModel):
    """One entry of a draft's audit trail; ``diff`` is a unified diff against the text before."""

    version: int
    event: EventKind
    actor: Actor
    at: datetime
    text: str | None = None
    diff: str | None = None
    reasons: list[str] | None = None
    comment: str | None = None
    quality: Quality | None = None


class Draft(BaseModel):
    """A stored draft, as the API returns it."""

    id: str
    status: DraftStatus
    text: str | None = None
    citations: list[Citation] = Field(default_factory=list)
    quality: Quality | None = None
    method: DraftMethod | None = None
    timings: dict[str, float] = Field(default_factory=dict)
    appeal: Appeal
    prompt_version: str | None = None
    model: str | None = None
    error: str | None = None
    created_at: datetime
    updated_at: datetime | None = None
    version: int = 1  # +1 on every change of text or review status; the ETag
    deadline: datetime | None = None  # drafter.deadlines, by channel, region and received_at
    overdue: bool = False
    review: Review | None = None  # the last decision
    routing: RouteResult | None = None
    reply_kind: ReplyKind | None = None  # what the draft is
    support: list[SupportRow] | None = None  # per sentence: the sources behind it
    facts: str | None = None  # what the executor knows: done, decided, planned (untrusted)
    checklist: list[ChecklistItem] | None = None  # needs_facts: what to find out
    facts_gaps: list[str] | None = None  # what the executor's facts lack for a reply по сути


class DraftingRun(BaseModel):
    """One drafting of a draft, for its trace: what was known before drafting and every
    attempt. Drafts stored before the trace (0007) give one run without attempts."""

    version: int | None = None  # the draft's version its result became
    at: datetime | None = None
    mode: Mode | None = None
    understanding: Understanding | None = None
    deadline: AnswerDeadline | None = None
    off_topic_sources: list[str] = Field(default_factory=list)
    attempts: list[Attempt] = Field(default_factory=list)

    @classmethod
    def of(cls, result: DraftResult) -> DraftingRun:
        return cls(
            mode=result.mode,
            understanding=result.understanding,
            deadline=result.deadline,
            off_topic_sources=result.off_topic_sources,
            attempts=result.attempts_trace,
        )


class DraftTrace(BaseModel):
    """``GET /v1/drafts/{id}/trace``: every drafting run of a draft, the oldest first."""

    draft_id: str
    runs: list[DraftingRun] = Field(default_factory=list)


class AppealRecord(BaseModel):
    """One appeal for analytics and search: imported history or a live draft."""

    key: str  # "spb:2947918", "csv:<id>", "draft:<draft id>"
    source: str
    external_id: str | None = None
    draft_id: str | None = None
    region: str | None = None  # canonical code
    agency: str | None = None
    category: str | None = None
    topic: str | None = None  # the sub-category («Неудовлетворительное состояние парадной»)
    place: str | None = None  # district or settlement
    address: str | None = None
    author: str | None = None
    channel: str = "pos"
    text: str
    reply_text: str | None = None
    received_at: datetime
    week: date  # the Monday of the first message's week, in the region's local time
    drafted_at: datetime | None = None
    approved_at: datetime | None = None
    sent_at: datetime | None = None
    first_reply_at: datetime | None = None
    final_reply_at: datetime | None = None
    first_reply_hours: float | None = None  # working hours from receipt
    final_reply_hours: float | None = None
    deadline: datetime | None = None  # the channel's first-reply deadline
    within_deadline: bool | None = None  # first reply by the deadline; None while unanswered
    outcome: str | None = None
    satisfied: bool | None = None
    pushback: bool | None = None  # the citizen wrote again after the final reply
    quality_score: int | None = None  # the checker on the final reply
    quality_passed: bool | None = None
    returns: list[str] = Field(default_factory=list)  # reviewers' return reason codes
