"""The workspace's use cases: appeals history, the agency rating, pain points, search, the
coach, and marking a reply sent.

A part of Services (drafter.services), as a mixin: it uses the store, the settings, the
deadline policy and the index Services holds. Every report is confined to the caller's scope:
an executor bound to an agency sees only that agency, a reviewer bound to a region only it.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from drafter import review as rules
from drafter.analytics.types import (
    AgencyReport,
    AppealRecord,
    AppealRef,
    PainPoints,
    SearchHit,
    SearchResults,
    Timeline,
    TopicPlaceWeek,
)
from drafter.auth import Caller
from drafter.domain import Appeal, Draft
from drafter.errors import InvalidInput, NotFound
from drafter.quality.explain import CoachQuality
from drafter.review import Expected
from drafter.services_access import actor_of, visible_to
from drafter.storage import Change, HistoryFilter

if TYPE_CHECKING:
    from drafter.analytics.history import Timing
    from drafter.deadlines import DeadlinePolicy
    from drafter.settings import Settings
    from drafter.storage import Store
    from knowledge.index import KnowledgeIndex

log = logging.getLogger("drafter.services")

MAX_RANGE_DAYS = 366
_NOTHING = HistoryFilter(nothing=True)


class AnalyticsServices:
    settings: Settings
    store: Store
    get_draft: Callable[[str, Caller], Draft]

    if TYPE_CHECKING:  # read-only: Services builds them on first use

        @property
        def index(self) -> KnowledgeIndex: ...

        @property
        def deadline_policy(self) -> DeadlinePolicy: ...

    # -- history -------------------------------------------------------------------------------

    def timing(self) -> Timing:
        from drafter.analytics.history import Timing
        from drafter.deadlines.policy import canonical_region

        region = self.settings.deadlines.default_region
        return Timing(self.deadline_policy, canonical_region(region) if region else None)

    def import_history(
        self,
        paths: Iterable[Path],
        *,
        format: str | None = None,
        region: str | None = None,
        check_replies: bool = True,
        progress: bool = False,
    ) -> int:
        """Store the past appeals of these files as appeal records; returns how many. The final
        replies are held to the standard (the rating's quality) unless ``check_replies`` is
        False."""
        from drafter.analytics.history import read_history
        from drafter.analytics.quality import with_quality

        timing = self.timing()
        files = list(_history_files(paths))
        records: Iterator[AppealRecord] = (
            rec
            for path in files
            for rec in read_history(path, timing, format=format, region=region)
        )
        if check_replies:
            records = with_quality(records, self.settings.drafting.pass_threshold)
        if progress:
            from tqdm import tqdm

            records = tqdm(records, desc="история обращений", unit=" обр.", mininterval=1.0)
        return self.store.history.upsert(records)

    def fit_routing_from_history(self, progress: bool = False) -> int:
        """Fit the router on every imported appeal that names its agency and category (the
        agency is the responsible body); 0 when it was not fitted (too few, or an admin's own
        router from ``drafter route fit`` is kept)."""
        from drafter.routing.router import fit_from_labelled

        rows = self.store.history.labelled()
        if not rows:
            return 0
        texts, bodies, categories = zip(*rows)
        model = fit_from_labelled(
            texts,
            bodies,
            categories,
            self.settings.routing_dir,
            source="drafter ingest (appeal records)",
            progress=(lambda t: log.info("routing: fitting %s", t)) if progress else None,
        )
        return int(model.meta.get("n_texts", 0)) if model is not None else 0

    def sync_draft_record(self, draft_id: str) -> None:
        """Rewrite a live draft's appeal record from the draft and its audit trail."""
        from drafter.analytics.history import record_of_draft

        draft = self.store.drafts.get(draft_id)
        if draft is None:
            return
        events = self.store.drafts.history(draft_id)
        self.store.history.upsert([record_of_draft(draft, events, self.timing())])

    # -- reports -------------------------------------------------------------------------------

    def agency_report(
        self,
        caller: Caller,
        date_from: date | None = None,
        date_to: date | None = None,
        region: str | None = None,
    ) -> AgencyReport:
        """Per agency and week in whole weeks from ``date_from`` to ``date_to`` (default: the
        last 8 weeks of data), ranked by rating.FORMULA. An executor gets only their agency's
        rows, with its rank among all agencies of the region (a position, no one else's
        figures)."""
        from drafter.analytics.rating import FORMULA, build_rating

        where = self._scope(caller, date_from, date_to, region)
        # ranked among every agency in the region; one week more in front: the first week's
        # change of rank needs the week before
        wider = replace(_widen(where, weeks=1), agency=None)
        history = self.store.history
        items = build_rating(
            history.agency_weeks(wider), history.hours(wider), history.returns(wider)
        )
        items = [
            i
            for i in items
            if _within(i.week, where) and (where.agency is None or i.agency == where.agency)
        ]
        weeks = sorted({i.week for i in items})
        return AgencyReport(
            items=items,
            weeks=weeks,
            formula=FORMULA,
            date_from=where.week_from,
            date_to=where.week_to,
            region=where.region,
        )

    def pain_points(
        self,
        caller: Caller,
        date_from: date | None = None,
        date_to: date | None = None,
        region: str | None = None,
        limit: int = 20,
    ) -> PainPoints:
        from drafter.analytics.pain_points import (
            BASELINE_WEEKS,
            REPEAT_MIN,
            TEST,
            repeated_problems,
            rising_topics,
        )

        where = self._scope(caller, date_from, date_to, region)
        history = self.store.history
        # one read over the range and the baseline weeks before it: per place for the counts,
        # summed over places for the rising test
        counted = history.topic_place_weeks(_widen(where, weeks=BASELINE_WEEKS))
        per_topic: dict[tuple[str, date], int] = defaultdict(int)
        for topic, _place, week, n in counted:
            per_topic[(topic, week)] += n
        topic_weeks = [(topic, week, n) for (topic, week), n in per_topic.items()]
        weeks = sorted({w for _, w, _ in topic_weeks if _within(w, where)})
        cells = [c for c in counted if _within(c[2], where)]
        cells = sorted(cells, key=lambda c: (-c[3], c[2], c[0], c[1]))[:limit]
        cell_examples = history.examples_by_group(
            where, [(t, p, w) for t, p, w, _ in cells], by_place=True
        )
        items = [
            TopicPlaceWeek(
                topic=topic,
                place=place,
                week=week,
                appeals=n,
                examples=self._refs(cell_examples.get((topic, place, week), [])),
            )
            for topic, place, week, n in cells
        ]
        rising = rising_topics(topic_weeks, weeks)
        rising = rising[:limit]
        rising_examples = history.examples_by_group(
            where, [(r.topic, r.week) for r in rising], by_place=False
        )
        for item in rising:
            item.examples = self._refs(rising_examples.get((item.topic, item.week), []))
        repeats = repeated_problems(history.repeated(where, REPEAT_MIN))[:limit]
        shown = {key for _, keys in repeats for key in keys[-5:]}
        by_key = history.by_keys(where, sorted(shown))
        for problem, keys in repeats:
            problem.examples = self._refs(by_key[k] for k in reversed(keys[-5:]) if k in by_key)
        return PainPoints(
            items=items,
            rising=rising,
            repeats=[problem for problem, _ in repeats],
            test=TEST,
            weeks=weeks,
        )

    def search(
        self, caller: Caller, query: str, *, limit: int = 20, offset: int = 0
    ) -> SearchResults:
        if not query.strip():
            raise InvalidInput("пустой поисковый запрос")
        where = self._scope(caller, None, None, None, default_range=False)
        found, total = self.store.history.search(query, where, limit=limit, offset=offset)
        hits = [
            SearchHit(
                id=rec.key,
                kind="draft" if rec.draft_id else "history",
                draft_id=rec.draft_id,
                external_id=rec.external_id,
                agency=rec.agency,
                topic=rec.topic,
                address=rec.address,
                author=rec.author,
                received_at=rec.received_at,
                text=rec.text[:300],
            )
            for rec in found
        ]
        return SearchResults(items=hits, query=query, total=total)

    def appeal_record(self, caller: Caller, record_id: str) -> AppealRecord:
        rec = self.store.history.get(record_id)
        from drafter.auth import can_see

        if rec is None or not can_see(caller, rec.agency, rec.region):
            raise NotFound(f"appeal {record_id} not found")
        return rec

    # -- the coach -----------------------------------------------------------------------------

    def check_reply(self, appeal: Appeal, reply: str) -> CoachQuality:
        """A person's reply to ``appeal`` against the standard (as a reviewer's edit is held),
        each violation with the standard's explanation."""
        from drafter.pipeline_checking import checker_for
        from drafter.quality.explain import explain

        rules.validate_text(reply)
        check = checker_for(self.index, self.settings.drafting.topic_check)
        quality = check(
            reply, appeal=appeal, generated=False, threshold=self.settings.drafting.pass_threshold
        )
        return explain(quality)

    # -- sent ----------------------------------------------------------------------------------

    def mark_sent(self, draft_id: str, caller: Caller, expected: Sequence[Expected] = ()) -> Draft:
        """The approved reply went out to the citizen: a "sent" audit entry, once."""
        rules.check_sent(caller.role, "approved", already_sent=False)  # 403 before any lookup

        def change(draft: Draft) -> Change:
            sent = any(e.event == "sent" for e in self.store.drafts.history(draft.id))
            rules.check_sent(caller.role, draft.status, already_sent=sent)
            return Change("sent", actor_of(caller), {})

        return self.store.drafts.apply(
            draft_id, change, visible=lambda d: visible_to(caller, d), expected=expected
        )

    def timeline(self, draft_id: str, caller: Caller) -> Timeline:
        self.get_draft(draft_id, caller)  # 404 for a draft the caller may not see
        rec = self.store.history.get(f"draft:{draft_id}")
        if rec is None:
            self.sync_draft_record(draft_id)
            rec = self.store.history.get(f"draft:{draft_id}")
        assert rec is not None
        return Timeline(
            draft_id=draft_id,
            received_at=rec.received_at,
            drafted_at=rec.drafted_at,
            approved_at=rec.approved_at,
            sent_at=rec.sent_at,
            first_reply_hours=rec.first_reply_hours,
            final_reply_hours=rec.final_reply_hours,
            deadline=rec.deadline,
            within_deadline=rec.within_deadline,
        )

    # -- helpers -------------------------------------------------------------------------------

    def _scope(
        self,
        caller: Caller,
        date_from: date | None,
        date_to: date | None,
        region: str | None,
        *,
        default_range: bool = True,
    ) -> HistoryFilter:
        """The caller's scope on whole weeks: ``date_from`` and ``date_to`` are moved to their
        Mondays; without them, the last 8 weeks that hold data."""
        from drafter.deadlines.policy import canonical_region

        asked = canonical_region(region) if region else None
        own = caller.scoped_region
        if own is not None and asked is not None and asked != own:
            return _NOTHING
        scope = HistoryFilter(region=asked or own, agency=caller.scoped_agency)
        if date_from and date_to and date_to < date_from:
            raise InvalidInput("«to» раньше «from»")
        week_from = _monday(date_from) if date_from else None
        week_to = _monday(date_to) if date_to else None
        if default_range and (week_from is None or week_to is None):
            weeks = self.store.history.weeks(scope)
            if weeks:
                week_to = week_to or weeks[-1]
                week_from = week_from or max(weeks[0], week_to - timedelta(weeks=7))
        if week_from and week_to and (week_to - week_from).days > MAX_RANGE_DAYS:
            raise InvalidInput(f"период длиннее {MAX_RANGE_DAYS} дней")
        return HistoryFilter(week_from, week_to, scope.region, scope.agency)

    @staticmethod
    def _refs(records: Iterable[AppealRecord]) -> list[AppealRef]:
        return [
            AppealRef(
                id=r.key,
                draft_id=r.draft_id,
                external_id=r.external_id,
                received_at=r.received_at,
                agency=r.agency,
                topic=r.topic,
                address=r.address,
                text=r.text[:300],
            )
            for r in records
        ]


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _widen(where: HistoryFilter, *, weeks: int) -> HistoryFilter:
    if where.week_from is None:
        return where
    return replace(where, week_from=where.week_from - timedelta(weeks=weeks))


def _within(week: date, where: HistoryFilter) -> bool:
    return (where.week_from is None or week >= where.week_from) and (
        where.week_to is None or week <= where.week_to
    )


def _history_files(paths: Iterable[Path]) -> Iterator[Path]:
    from drafter.analytics.history import HISTORY_SUFFIXES

    for path in map(Path, paths):
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and f.name.lower().endswith(HISTORY_SUFFIXES):
                    yield f
        elif path.is_file():
            yield path
        else:
            raise InvalidInput(f"{path} does not exist")
