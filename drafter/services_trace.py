"""The trace of a draft: every drafting run, every attempt in it (the prompt, the model's raw
text, what post-processing removed and why, the checker's verdict).

A part of Services (drafter.services), as a mixin. For admins only: a prompt holds past
answers to other citizens, from any agency the index has, and the appeal as the model saw it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.auth import Caller, Role, require
from drafter.domain import DraftTrace
from drafter.errors import NotFound

if TYPE_CHECKING:
    from drafter.storage import Store


class TraceServices:
    store: Store

    def draft_trace(self, draft_id: str, caller: Caller) -> DraftTrace:
        """Every drafting run of the draft, the oldest first (Forbidden unless an admin asks;
        NotFound for an unknown draft)."""
        require(caller, Role.admin)
        if self.store.drafts.get(draft_id) is None:
            raise NotFound(f"draft {draft_id} not found")
        return DraftTrace(draft_id=draft_id, runs=self.store.drafts.traces(draft_id))
