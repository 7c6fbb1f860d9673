"""The reviewer UI in a real headless Chromium against the real API.

One appeal goes the whole way (test_review_flow): the reviewer logs in, finds it in the queue,
opens it and returns it with a reason; the executor edits and resubmits it; the reviewer approves
it. Screenshots of each page go to test-artifacts/ui/.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

APPEAL = (
    "Здравствуйте! Во дворе дома 5 на улице Ленина третью неделю не вывозят мусор, "
    "контейнеры переполнены, пакеты лежат на земле. Примите меры."
)
# what a weak draft looks like: a brush-off and a redirect the checker flags in place
POOR = (
    "Уважаемый заявитель! Ваше обращение рассмотрено. В соответствии с действующим "
    "законодательством сообщаем, что вопрос находится на контроле. По данному вопросу "
    "рекомендуем обратиться в управляющую компанию."
)
GOOD = (
    "Здравствуйте, Анна! Контейнерная площадка у дома 5 на улице Ленина будет очищена "
    "региональным оператором до 25 ноября.\nВывоз проверит мастер участка."
)
FINAL = {"approved", "rejected"}
EXECUTOR_AGENCY = "Департамент городского хозяйства"  # the executor token's (conftest)


def _draft_in_review(site: Any, text: str = POOR, **appeal: Any) -> dict[str, Any]:
    d = site.draft(APPEAL, **appeal)
    d = site.ok(
        "executor",
        "PUT",
        f"/v1/drafts/{d['id']}/text",
        json={"text": text, "version": d["version"]},
    )
    d = site.ok("executor", "POST", f"/v1/drafts/{d['id']}/submit", json={"version": d["version"]})
    assert d["status"] == "in_review"
    return d


def _open(page: Any, draft_id: str) -> None:
    page.goto(f"/ui#/drafts/{draft_id}")
    page.wait_for_selector("#appeal-text")


def _status(page: Any, label: str) -> None:
    page.wait_for_selector(f".draft-head .status:text-is('{label}')")


def _expected_deadline(item: dict[str, Any], now: datetime) -> str:
    """The badge the queue must show, from the API's own fields."""
    if item["status"] in FINAL:
        return "closed"
    if not item.get("deadline"):
        return "none"
    left = datetime.fromisoformat(item["deadline"].replace("Z", "+00:00")) - now
    if item["overdue"] or left < timedelta(0):
        return "overdue"
    return "soon" if left <= timedelta(hours=24) else "ok"


def _queue_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all("#queue tbody tr", "rows => rows.map(r => r.dataset.id)")


def _draft_text(page: Any) -> str:
    """The draft text as shown, without the violations' number marks."""
    return page.eval_on_selector(
        "#draft-text",
        "el => Array.from(el.childNodes).filter(n => n.nodeName !== 'SUP')"
        ".map(n => n.textContent).join('')",
    )


def _wait_queue(page: Any) -> None:
    """Wait until the queue shows the filters in the address, not the previous ones."""
    page.wait_for_function(
        """() => {
            const summary = document.querySelector('#queue-summary');
            const wanted = new URLSearchParams(location.hash.split('?')[1] || '').toString();
            return summary !== null && summary.dataset.loadedFor === wanted;
        }"""
    )


def test_login_rejects_a_wrong_token(page: Any, site: Any) -> None:
    page.goto("/ui")
    page.fill("#token", "not-a-token")
    page.click("#login-form button[type=submit]")
    alert = page.wait_for_selector(".form-error:not([hidden])")
    assert "Токен не подошёл" in alert.text_content()
    assert page.evaluate("sessionStorage.getItem('drafter.token')") is None
    assert page.is_hidden("#who")


def test_queue_filters_and_deadline_badges(page: Any, site: Any, login: Any) -> None:
    long_ago = (datetime.now(timezone.utc) - timedelta(days=60)).isoformat()
    site.draft(
        "Не работает уличное освещение на улице Мира, дом 12.",
        channel="email",
        author_name="Иван Смирнов",
        received_at=long_ago,
    )
    site.draft("Яма на дороге у остановки «Школа» на проспекте Победы.", channel="telegram")
    _draft_in_review(site, author_name="Анна Петрова")
    half_day = (datetime.now(timezone.utc) - timedelta(hours=12)).isoformat()
    site.draft("Во дворе школы № 7 сломаны качели.", channel="vk", received_at=half_day)
    letter = site.draft("Прошу разъяснить порядок установки шлагбаума во дворе.", channel="letter")

    login("reviewer")
    _wait_queue(page)
    listing = site.ok("reviewer", "GET", "/v1/drafts", params={"limit": 25})
    assert _queue_ids(page) == [d["id"] for d in listing["items"]]  # the API's deadline order
    now = datetime.now(timezone.utc)
    for item in listing["items"]:
        badge = page.get_attribute(f"tr[data-id='{item['id']}'] .deadline", "class")
        assert f"deadline-{_expected_deadline(item, now)}" in badge.split(), (item, badge)
    assert page.locator("#queue .deadline-overdue").count() >= 1  # the 60-day-old appeal

    page.select_option("#f-channel", "email")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**channel=email**")
    _wait_queue(page)
    emails = site.ok("reviewer", "GET", "/v1/drafts", params={"channel": "email", "limit": 25})
    assert emails["total"] >= 1
    assert _queue_ids(page) == [d["id"] for d in emails["items"]]
    assert set(page.locator("#queue tbody td:nth-child(4)").all_text_contents()) == {
        "Электронная почта"
    }

    page.click("#filters button[type=reset]")
    page.wait_for_url("**#/queue")
    # the reset re-renders the page: a field filled before that is filled in the old form
    _wait_queue(page)
    page.fill("#f-agency", "Другое ведомство")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**agency=**")
    _wait_queue(page)
    assert _queue_ids(page) == []
    assert "нет" in page.text_content("#queue-summary")

    page.fill("#f-agency", EXECUTOR_AGENCY)
    page.select_option("#f-deadline", "72h")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**deadline=72h**")
    _wait_queue(page)
    soon = (datetime.now(timezone.utc) + timedelta(hours=72)).isoformat()
    due = site.ok(
        "reviewer",
        "GET",
        "/v1/drafts",
        params={"agency": EXECUTOR_AGENCY, "due_before": soon, "limit": 25},
    )
    assert _queue_ids(page) == [d["id"] for d in due["items"]]
    assert letter["id"] not in _queue_ids(page)  # a letter has weeks, not days

    page.click("#filters button[type=reset]")
    page.wait_for_url("**#/queue")
    _wait_queue(page)  # the reset re-renders the form; select in the new one
    page.select_option("#f-deadline", "overdue")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**deadline=overdue**")
    _wait_queue(page)
    overdue = site.ok("reviewer", "GET", "/v1/drafts", params={"overdue": "true", "limit": 25})
    assert _queue_ids(page) == [d["id"] for d in overdue["items"]]
    assert (
        page.locator("#queue .deadline").count()
        == page.locator("#queue .deadline-overdue").count()
        >= 1
    )


def test_review_flow(page: Any, site: Any, login: Any, shot: Any) -> None:
    d = _draft_in_review(site, author_name="Анна Петрова", address="ул. Ленина, д. 5")
    draft_id = d["id"]

    page.goto("/ui")
    page.wait_for_selector("#token")
    shot("01-login")

    # the queue
    login("reviewer")
    assert "Проверяющий" in page.text_content("#who-role")  # the role from GET /v1/me
    page.wait_for_selector(f"#queue tr[data-id='{draft_id}']")
    shot("02-queue")

    # the draft: every violation highlighted over exactly its span, explained on hover
    page.click(f"#queue tr[data-id='{draft_id}'] a.row-link")
    page.wait_for_selector("#draft-text")
    assert page.text_content("#appeal-text") == APPEAL
    violations = d["quality"]["violations"]
    assert violations, "the weak draft should have violations to show"
    marked = page.evaluate(
        """n => Array.from({length: n}, (_, i) =>
            Array.from(document.querySelectorAll(`#draft-text mark[data-refs~="${i}"]`))
                 .map(m => m.textContent).join(''))""",
        len(violations),
    )
    for v, text in zip(violations, marked):
        expected = d["text"][v["start"] : v["end"]] if v["end"] > v["start"] else ""
        assert text == expected, v
    assert page.locator("#violations li").count() == len(violations)
    first = next(i for i, v in enumerate(violations) if v["end"] > v["start"])
    mark = page.locator(f"#draft-text mark[data-refs~='{first}']").last
    tip = mark.get_attribute("data-tip")
    assert violations[first]["message"] in tip
    assert violations[first]["code"] in mark.get_attribute("data-codes").split()
    assert violations[first]["code"] not in page.text_content("#answer")  # codes only in the API
    assert page.locator("#citations li").count() == len(d["citations"])
    for c in d["citations"]:
        assert c["snippet"].strip()[:40] in page.text_content("#citations")
    mark.hover()
    shot("03-draft")

    # return: refused without a reason, then with one
    page.click("#return")
    assert "хотя бы одну причину" in page.text_content("#decision-error")
    assert site.ok("reviewer", "GET", f"/v1/drafts/{draft_id}")["status"] == "in_review"
    codes = site.ok("reviewer", "GET", "/v1/meta/reason-codes")
    assert page.locator("#reasons input[name=reason]").count() == len(codes)
    page.check("#reasons input[value='OTPISKA']")
    page.check("#reasons input[value='REDIRECT']")
    page.fill("#comment", "Напишите, что и когда будет сделано.")
    page.click("#return")
    _status(page, "Возвращён")
    d = site.ok("reviewer", "GET", f"/v1/drafts/{draft_id}")
    assert d["status"] == "returned"
    assert d["review"]["decision"] == "return"
    assert sorted(d["review"]["reasons"]) == ["OTPISKA", "REDIRECT"]
    assert d["review"]["comment"] == "Напишите, что и когда будет сделано."
    shot("04-returned")

    # the executor sees why, edits and resubmits
    login("executor")
    _open(page, draft_id)
    assert "Отписка" in page.text_content("#last-review")
    assert "OTPISKA" not in page.text_content("#last-review")
    before = d["version"]
    page.fill("#editor", GOOD)
    page.click("#save")
    page.wait_for_selector("#notice.notice-success")
    d = site.ok("executor", "GET", f"/v1/drafts/{draft_id}")
    assert d["text"] == GOOD and d["version"] == before + 1
    assert _draft_text(page) == GOOD
    assert page.text_content("#version") == f"версия {d['version']}"
    page.wait_for_selector("#history .diff-add")
    added = page.locator("#history .event-edited .diff-add").all_text_contents()
    assert any("Контейнерная площадка" in line for line in added)
    removed = page.locator("#history .event-edited .diff-del").all_text_contents()
    assert any("рекомендуем обратиться" in line for line in removed)
    shot("05-edited")
    page.click("#submit")
    _status(page, "На проверке")
    assert "решение примет проверяющий" in page.text_content("#decision")

    # the reviewer approves
    login("reviewer")
    _open(page, draft_id)
    page.click("#approve")
    _status(page, "Утверждён")
    d = site.ok("reviewer", "GET", f"/v1/drafts/{draft_id}")
    assert d["status"] == "approved" and d["text"] == GOOD
    page.wait_for_selector("#history .event-approved")
    shot("06-approved")


def test_version_conflict_reloads_and_never_overwrites(
    page: Any, site: Any, login: Any, shot: Any
) -> None:
    d = _draft_in_review(site)
    login("reviewer")
    _open(page, d["id"])
    page.fill("#editor", "Моя правка, сделанная на старой версии.")
    theirs = GOOD + "\nПравка коллеги."
    site.ok("admin", "PUT", f"/v1/drafts/{d['id']}/text", json={"text": theirs})

    page.click("#save")
    notice = page.wait_for_selector("#notice.notice-warning")
    assert "изменил другой пользователь" in notice.text_content()
    after = site.ok("reviewer", "GET", f"/v1/drafts/{d['id']}")
    assert after["text"] == theirs  # nothing overwritten
    page.wait_for_function(
        "v => document.querySelector('#version').textContent === 'версия ' + v",
        arg=after["version"],
    )
    assert page.input_value("#editor") == theirs
    assert page.input_value("#unsaved textarea") == "Моя правка, сделанная на старой версии."
    shot("07-conflict")

    # a decision on a stale version is refused the same way
    site.ok("admin", "PUT", f"/v1/drafts/{d['id']}/text", json={"text": GOOD})
    page.click("#approve")
    page.wait_for_selector("#notice.notice-warning")
    assert site.ok("reviewer", "GET", f"/v1/drafts/{d['id']}")["status"] == "in_review"


def test_appeal_text_is_never_markup(page: Any, site: Any, login: Any) -> None:
    evil = (
        '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
        "<b>жирный</b> Во дворе не вывозят мусор."
    )
    d = site.draft(evil)
    login("reviewer")
    page.wait_for_selector(f"#queue tr[data-id='{d['id']}']")
    assert "<img" in page.text_content(f"#queue tr[data-id='{d['id']}'] a.row-link")
    _open(page, d["id"])
    assert page.text_content("#appeal-text") == evil
    assert page.locator("#appeal-text *").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_highlight_segments_split_overlapping_spans(page: Any, site: Any) -> None:
    page.goto("/ui")
    result = page.evaluate(
        """async () => {
            const m = await import('/ui/static/js/highlight.js');
            return m.segments('abcdef', [
                {start: 0, end: 4}, {start: 2, end: 6}, {start: 3, end: 3}, {start: 10, end: 20},
            ]);
        }"""
    )
    pieces = [(p["text"], p["violations"], p["endsHere"]) for p in result["pieces"]]
    assert pieces == [("ab", [0], []), ("cd", [0, 1], [0]), ("ef", [1], [1])]
    assert result["general"] == [2, 3]


def test_claims_to_confirm_lists_unverified_work_unsupported_facts_and_causes(
    page: Any, site: Any
) -> None:
    page.goto("/ui")
    result = page.evaluate(
        """async () => {
            const m = await import('/ui/static/js/parts.js');
            const text = 'Здравствуйте! Яму заделали. Ответим 5 мая. Проверим ещё раз. '
                + 'Срок перенесён из-за дождей.';
            const support = [
                {sentence: 'Яму заделали.', unverified_done: true, unsupported: []},
                {sentence: 'Ответим 5 мая.', unverified_done: false, unsupported: ['5 мая']},
                {sentence: 'Проверим ещё раз.', unverified_done: false, unsupported: []},
                {sentence: 'Убрано до правки.', unverified_done: true, unsupported: []},
                {sentence: 'Срок перенесён из-за дождей.', unverified_done: false, unsupported: [],
                 unsupported_reason: true},
            ];
            const items = m.claimsToConfirm(text, support);
            document.body.append(m.claimsList(items));
            return {items, shown: document.querySelectorAll('#claims li').length};
        }"""
    )
    sentences = [c["sentence"] for c in result["items"]]
    # not the removed one, not the fine one
    assert sentences == ["Яму заделали.", "Ответим 5 мая.", "Срок перенесён из-за дождей."]
    assert "не подтверждают" in result["items"][0]["why"]
    assert "5 мая" in result["items"][1]["why"]
    assert "причину" in result["items"][2]["why"]
    assert "причину" not in result["items"][0]["why"]
    assert result["shown"] == 3


def test_the_draft_page_shows_the_claims_to_confirm(page: Any, site: Any, login: Any) -> None:
    # a generated draft with a claim of work done, as the API returns it: the server's fake
    # model writes no such claim, so the real response is amended on its way to the page
    d = site.draft(APPEAL)
    claim = "Яму на ул. Садовой заделали."
    text = f"Здравствуйте! {claim} Спасибо за обращение."

    def amend(route: Any) -> None:
        body = route.fetch().json()
        body["text"] = text
        body["support"] = [
            {"sentence": claim, "start": 14, "end": 14 + len(claim), "sources": [],
             "unsupported": [], "unverified_done": True},
        ]  # fmt: skip
        route.fulfill(json=body)

    page.route(f"**/v1/drafts/{d['id']}", amend)
    login("executor")
    _open(page, d["id"])
    page.wait_for_selector("#claims li")
    assert page.locator("#claims li").count() == 1
    assert claim in page.text_content("#claims")
    assert "Проверьте перед отправкой" in page.text_content("#answer")


def test_reviewer_approves_with_own_edit(page: Any, site: Any, login: Any) -> None:
    d = _draft_in_review(site)
    login("reviewer")
    _open(page, d["id"])
    page.fill("#editor", GOOD)
    page.click("#approve")
    _status(page, "Утверждён")
    after = site.ok("reviewer", "GET", f"/v1/drafts/{d['id']}")
    assert after["status"] == "approved" and after["text"] == GOOD
    assert _draft_text(page) == GOOD
    assert page.locator("#editor").count() == 0  # nothing left to edit
    assert page.locator("#approve").count() == 0


def test_executor_redraft_updates_the_page_by_itself(page: Any, site: Any, login: Any) -> None:
    d = site.draft(APPEAL)
    site.ok("executor", "PUT", f"/v1/drafts/{d['id']}/text", json={"text": POOR})
    login("executor")
    _open(page, d["id"])
    assert page.locator("#approve").count() == 0  # an executor does not review
    page.click("#redraft")
    page.wait_for_selector("#notice.notice-success")  # the 202 answer (queued) is on the page
    # queued → drafting → ready, followed by polling without a reload
    page.wait_for_function(
        "() => !['В очереди', 'Готовится'].includes(document.querySelector('.draft-head .status').textContent)"
    )
    after = site.ok("executor", "GET", f"/v1/drafts/{d['id']}")
    # no facts were given: a problem report is drafted again as an interim reply
    assert after["status"] in ("ready", "needs_attention", "needs_facts")
    assert after["text"] != POOR
    _status(
        page,
        {"ready": "Готов", "needs_attention": "Требует внимания", "needs_facts": "Нужны факты"}[
            after["status"]
        ],
    )
    assert _draft_text(page) == after["text"]
