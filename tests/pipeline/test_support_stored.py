"""The support map and the reply kind reach the stored draft (the API's ``Draft``)."""

from __future__ import annotations

from drafter.domain import Appeal


def test_stored_draft_carries_reply_kind_and_support(services):
    appeal = Appeal(text="Во дворе дома 7 на улице Мира не горит фонарь.", channel="vk",
                    author_name="Ольга")  # fmt: skip
    # read back from the store (draft_now returns the stored row); an empty index gives
    # nothing to draw on, so the reply is interim
    draft = services.draft_now(appeal)
    assert draft.reply_kind == "interim"
    assert draft.text and draft.text.startswith("Ольга, здравствуйте!")
    assert draft.support and all({"sentence", "start", "end", "sources", "unsupported"} <= set(r.model_dump())
                                 for r in draft.support)  # fmt: skip
