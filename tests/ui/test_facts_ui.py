"""The executor's facts in the browser: a problem report without facts is an interim reply with a
checklist; the executor types what was done, presses «Написать ответ», gets a reply on the merits
built from those facts, and the reviewer approves it. Screenshots go to test-artifacts/ui/."""

from __future__ import annotations

from typing import Any

APPEAL = "Во дворе дома 9 на улице Чкалова сломаны качели, сиденье висит на одной цепи."
FACTS = "качели сняли 2 декабря; новые установит МБУ «Благоустройство» до 15 декабря"


def test_executor_enters_facts_gets_a_reply_and_the_reviewer_approves(
    page: Any, site: Any, login: Any, shot: Any
) -> None:
    d = site.draft(APPEAL, channel="vk", author_name="Мария")
    assert d["status"] == "needs_facts" and d["reply_kind"] == "interim"
    draft_id = d["id"]

    login("executor")
    page.goto(f"/ui#/drafts/{draft_id}")
    page.wait_for_selector("#checklist")
    # the interim reply is never shown in the green of an answer on the merits
    assert page.is_visible("#quality.quality-interim")
    assert "ещё не ответ по существу" in page.text_content("#quality")
    assert page.text_content(".draft-head .kind") == "промежуточный"
    assert page.locator("#checklist li").count() >= 3
    shot("10-needs-facts")

    page.fill("#facts", FACTS)
    page.click("#write-reply")
    page.wait_for_selector(".draft-head .kind:text-is('по существу')", timeout=30_000)
    d = site.ok("executor", "GET", f"/v1/drafts/{draft_id}")
    assert d["reply_kind"] == "final" and d["facts"] == FACTS
    assert "2 декабря" in d["text"] and "15 декабря" in d["text"]
    assert not page.is_visible("#checklist")
    shot("11-reply-from-facts")
    page.click("#submit")
    page.wait_for_selector(".draft-head .status:text-is('На проверке')")

    # the reviewer sees the facts beside the reply, and approves
    login("reviewer")
    page.goto(f"/ui#/drafts/{draft_id}")
    page.wait_for_selector("#facts-text")
    assert page.text_content("#facts-text") == FACTS
    page.click("#approve")
    page.wait_for_selector(".draft-head .status:text-is('Утверждён')")
    history = site.ok("reviewer", "GET", f"/v1/drafts/{draft_id}/history")["items"]
    assert "facts" in [e["event"] for e in history]
    shot("12-approved")


def test_facts_that_say_nothing_done_are_flagged_beside_them(
    page: Any, site: Any, login: Any, shot: Any
) -> None:
    # spb-3175580: the executor's facts were themselves a brush-off, and the reply kept to them
    d = site.draft(APPEAL, channel="vk", author_name="Мария")
    login("executor")
    page.goto(f"/ui#/drafts/{d['id']}")
    page.wait_for_selector("#checklist")
    assert not page.is_visible("#facts-gaps")
    page.fill("#facts", "Ваше обращение рассмотрено, информация принята к сведению.")
    page.click("#write-reply")
    page.wait_for_selector("#facts-gaps", timeout=30_000)
    assert "отпиской" in page.text_content("#facts-gaps")
    shot("13-facts-gaps")
    # facts that say what was done, by whom and by when clear it
    page.fill("#facts", FACTS)
    page.click("#write-reply")
    page.wait_for_selector("#facts-gaps", state="detached", timeout=30_000)
