"""The review workflow's use cases: submit, review, edit, redraft, history; the rules are
drafter.review's.

A part of Services (drafter.services), as a mixin: it uses the store, the settings, the index,
the job runner and ``get_draft`` of Services. An approved draft is learned as a past answer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from drafter import review as rules
from drafter.auth import Caller
from drafter.domain import Decision, Draft, HistoryEvent, Quality
from drafter.errors import InvalidInput, knowledge_errors
from drafter.executor_facts import clean_facts
from drafter.learning import learn
from drafter.pipeline_checking import checker_for, person_facts_to_confirm
from drafter.review import Action, Expected
from drafter.services_access import actor_of, visible_to
from drafter.storage import Change

if TYPE_CHECKING:
    from drafter.jobs import JobRunner
    from drafter.settings import Settings
    from drafter.storage import Store
    from knowledge.index import KnowledgeIndex

log = logging.getLogger("drafter.services")  # the name the use cases have always logged under


class ReviewServices:
    settings: Settings
    store: Store
    jobs: JobRunner
    get_draft: Callable[[str, Caller], Draft]

    if TYPE_CHECKING:  # read-only: Services builds it on first use

        @property
        def index(self) -> KnowledgeIndex: ...

    def submit_for_review(
        self, draft_id: str, caller: Caller, expected: Sequence[Expected] = ()
    ) -> Draft:
        rules.require_role(Action.submit, caller.role)

        def change(draft: Draft) -> Change:
            rules.check(Action.submit, caller.role, draft.status)
            return Change("submitted", actor_of(caller), {"status": "in_review"})

        return self._apply(draft_id, caller, change, expected)

    def review(
        self,
        draft_id: str,
        caller: Caller,
        decision: Decision,
        *,
        reasons: Sequence[str] = (),
        comment: str | None = None,
        text: str | None = None,
        expected: Sequence[Expected] = (),
    ) -> Draft:
        """Approve, return or reject a draft in review; ``text`` is the reviewer's final text
        (re-checked, logged with its diff). An approved draft is learned as a past answer."""
        action = rules.action_of(decision)
        rules.require_role(action, caller.role)
        codes = rules.validate_reasons(decision, list(reasons))
        if text is not None:
            rules.validate_text(text)

        def change(draft: Draft) -> Change:
            rules.check(action, caller.role, draft.status)
            actor = actor_of(caller)
            decided = {
                "decision": decision,
                "reasons": codes,
                "comment": comment,
                "by": actor.model_dump(mode="json"),
                "at": utc_now().isoformat(),
            }
            values: dict[str, Any] = {"status": rules.target_status(action, draft.status)}
            values["review"] = decided
            if text is not None and text != draft.text:
                values["text"] = text
                values["quality"] = self.recheck(draft, text).model_dump(mode="json")
            return Change(
                rules.EVENTS[action],
                actor,
                values,
                reasons=codes,
                comment=comment,
                log_text="text" in values,
                log_quality=True,  # the checker's verdict beside the reviewer's (agreement)
            )

        draft = self._apply(draft_id, caller, change, expected)
        if draft.status == "approved":
            self._learn(draft)
        return draft

    def edit_text(
        self, draft_id: str, caller: Caller, text: str, expected: Sequence[Expected] = ()
    ) -> Draft:
        rules.require_role(Action.edit, caller.role)
        rules.validate_text(text)

        def change(draft: Draft) -> Change:
            rules.check(Action.edit, caller.role, draft.status)
            quality = self.recheck(draft, text)
            values = {
                "text": text,
                "quality": quality.model_dump(mode="json"),
                "status": rules.target_status(Action.edit, draft.status, quality.passed),
            }
            return Change("edited", actor_of(caller), values, log_text=True, log_quality=True)

        return self._apply(draft_id, caller, change, expected)

    def redraft(self, draft_id: str, caller: Caller, expected: Sequence[Expected] = ()) -> Draft:
        """Queue the draft for the pipeline again; the old text stays until the new one."""
        rules.require_role(Action.redraft, caller.role)

        def change(draft: Draft) -> Change:
            rules.check(Action.redraft, caller.role, draft.status)
            return Change("redrafted", actor_of(caller), {"status": "queued", "error": None})

        draft = self._apply(draft_id, caller, change, expected)
        self.jobs.notify()
        return draft

    def set_facts(
        self, draft_id: str, caller: Caller, facts: str, expected: Sequence[Expected] = ()
    ) -> Draft:
        """Store what the executor knows (a new version, audited) and draft the reply again."""
        rules.require_role(Action.facts, caller.role)
        if clean_facts(facts) is None:
            raise InvalidInput("факты исполнителя пусты", field="facts")

        def change(draft: Draft) -> Change:
            rules.check(Action.facts, caller.role, draft.status)
            values = {"facts": facts, "status": "queued", "error": None}
            return Change("facts", actor_of(caller), values, log_facts=True)

        draft = self._apply(draft_id, caller, change, expected)
        self.jobs.notify()
        return draft

    def history(self, draft_id: str, caller: Caller) -> list[HistoryEvent]:
        self.get_draft(draft_id, caller)  # 404 for a draft the caller may not see
        events = self.store.drafts.history(draft_id)
        # the holder's name lives on the token (it is kept after revocation), not in the event
        names = self.store.tokens.names(e.actor.token_id for e in events if e.actor.token_id)
        return [
            e.model_copy(update={"actor": e.actor.model_copy(update={"name": name})})
            if (name := names.get(e.actor.token_id or ""))
            else e
            for e in events
        ]

    @knowledge_errors()  # the topic judge and the cited chunks come from the index
    def recheck(self, draft: Draft, text: str) -> Quality:
        """The quality standard on a text a person wrote, against the draft's cited sources and
        the executor's facts; a final reply is also held to the appeal's topic, as drafts are
        (an interim one answers nothing on the merits by design).

        A person is held to the facts they gave, not punished for them: a fact of their own
        text that no source holds is listed for the reviewer to confirm (a minor mark), never
        a blocker that scores their reply 0/100."""
        judged = self.settings.drafting.topic_check and draft.reply_kind != "interim"
        check = checker_for(self.index, judged)
        sources = self._sources(draft)
        if draft.facts:
            sources.append(draft.facts)
        quality = check(
            text,
            appeal=draft.appeal,
            sources=sources,
            generated=False,
            threshold=self.settings.drafting.pass_threshold,
        )
        return person_facts_to_confirm(quality, self.settings.drafting.pass_threshold)

    def _sources(self, draft: Draft) -> list[str]:
        # the full cited chunk when the index has it; the stored snippet otherwise
        if not draft.citations:
            return []
        get_chunk = getattr(self.index, "get_chunk", None)
        out = []
        for c in draft.citations:
            chunk = get_chunk(c.source_id) if get_chunk else None
            out.append(chunk.text if chunk is not None else c.snippet)
        return out

    def _apply(
        self,
        draft_id: str,
        caller: Caller,
        change: Callable[[Draft], Change],
        expected: Sequence[Expected],
    ) -> Draft:
        return self.store.drafts.apply(
            draft_id, change, visible=lambda d: visible_to(caller, d), expected=expected
        )

    def _learn(self, draft: Draft) -> None:
        """Index the approved reply now: one document is milliseconds with the index loaded.

        A failure does not undo the approval (it is committed); it is logged for a re-run.
        """
        try:
            learn(self.index, draft)
        except Exception:
            log.exception("could not add approved draft %s to the past answers", draft.id)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)
