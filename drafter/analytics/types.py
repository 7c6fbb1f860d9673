"""Typed data of the workspace: the agency rating, pain points, search hits (an appeal record,
which storage keeps too, is drafter.domain.AppealRecord)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from drafter.domain import AppealRecord


class AppealRef(BaseModel):
    """An example appeal: ``id`` opens it at ``GET /v1/appeals/{id}`` (a draft also at
    ``/v1/drafts/{draft_id}``)."""

    id: str
    draft_id: str | None = None
    external_id: str | None = None
    received_at: datetime
    agency: str | None = None
    topic: str | None = None
    address: str | None = None
    text: str  # the first 300 characters


class AgencyWeek(BaseModel):
    """One agency in one week (an appeal counts in the week of its first message)."""

    agency: str
    week: date  # Monday
    appeals: int
    answered: int  # with a final reply
    first_reply_median_h: float | None = None  # working hours
    first_reply_p90_h: float | None = None
    final_reply_median_h: float | None = None
    final_reply_p90_h: float | None = None
    within_deadline_share: float | None = None  # of appeals with a first reply
    replies_checked: int = 0
    pass_rate: float | None = None  # of the final replies sent, by the quality checker
    mean_score: float | None = None
    returns: dict[str, int] = Field(default_factory=dict)  # reason code → returns
    pushback: int | None = None  # None: the source does not record it
    pushback_share: float | None = None
    satisfied_share: float | None = None
    score: float | None = None  # the rank formula, 0..100
    rank: int | None = None  # 1 = best in the week
    rank_change: int | None = None  # previous week's rank − this week's (+ moved up)
    score_change: float | None = None


class AgencyReport(BaseModel):
    items: list[AgencyWeek]
    weeks: list[date]
    formula: str  # the rank formula in words, for the page
    date_from: date | None = Field(default=None, alias="from")
    date_to: date | None = Field(default=None, alias="to")
    region: str | None = None

    model_config = {"populate_by_name": True}


class TopicPlaceWeek(BaseModel):
    topic: str
    place: str
    week: date
    appeals: int
    examples: list[AppealRef] = Field(default_factory=list)


class RisingTopic(BaseModel):
    """A topic whose week count is improbably high against its own previous weeks."""

    topic: str
    week: date
    appeals: int
    expected: float  # λ: the topic's share of all appeals in the previous weeks × this week's
    baseline: float  # the topic's mean appeals a week over the previous weeks
    baseline_weeks: int
    share_before: float  # of all appeals in the previous weeks
    share_now: float
    p_value: float  # one-sided Poisson test, P(X ≥ appeals | λ)
    examples: list[AppealRef] = Field(default_factory=list)


class RepeatedProblem(BaseModel):
    """One address and topic with ≥ 3 appeals within 30 days."""

    address: str
    topic: str
    appeals: int
    first: datetime
    last: datetime
    examples: list[AppealRef] = Field(default_factory=list)


class PainPoints(BaseModel):
    items: list[TopicPlaceWeek]
    rising: list[RisingTopic]
    repeats: list[RepeatedProblem]
    test: str  # the rising test in words
    weeks: list[date]


class SearchHit(BaseModel):
    id: str  # appeal record id (GET /v1/appeals/{id})
    kind: Literal["draft", "history"]
    draft_id: str | None = None
    external_id: str | None = None
    agency: str | None = None
    topic: str | None = None
    address: str | None = None
    author: str | None = None
    received_at: datetime
    text: str  # the first 300 characters


class SearchResults(BaseModel):
    items: list[SearchHit]
    query: str
    total: int  # hits in the caller's scope, before the limit


class Timeline(BaseModel):
    """When a live draft was received, drafted, approved and sent."""

    draft_id: str
    received_at: datetime
    drafted_at: datetime | None = None
    approved_at: datetime | None = None
    sent_at: datetime | None = None
    first_reply_hours: float | None = None
    final_reply_hours: float | None = None
    deadline: datetime | None = None
    within_deadline: bool | None = None


__all__ = [
    "AgencyReport",
    "AgencyWeek",
    "AppealRecord",
    "AppealRef",
    "PainPoints",
    "RepeatedProblem",
    "RisingTopic",
    "SearchHit",
    "SearchResults",
    "Timeline",
    "TopicPlaceWeek",
]
