"""The ЦУР workspace in a real headless Chromium against the real API: «Аналитика» (rating and
pain points), the search box, the coach, the routing card, the return reasons, the word diff
history, a new appeal and «ответ отправлен». The site's history is tests/ui/history_data.py.
Screenshots go to test-artifacts/ui/ (each is looked at by a person, not only by asserts)."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from tests.ui import history_data
from tests.ui.conftest import EXECUTOR_AGENCY

POOR = (
    "Уважаемый заявитель! Ваше обращение рассмотрено. В соответствии с действующим "
    "законодательством сообщаем, что вопрос находится на контроле. По данному вопросу "
    "рекомендуем обратиться в управляющую компанию."
)
APPEAL = (
    "Здравствуйте! Во дворе дома 5 на улице Ленина третью неделю не вывозят мусор, "
    "контейнеры переполнены. Примите меры."
)
# words in Latin letters the pages may show: product and channel names
LATIN_ALLOWED = {"drafter", "Telegram", "CSV"}


def _latin_words(page: Any, selector: str = "#view") -> set[str]:
    """Latin words a person sees in the page (English labels, codes, raw JSON keys)."""
    text = page.inner_text(selector)
    return {w for w in re.findall(r"[A-Za-z_]{2,}", text)} - LATIN_ALLOWED


def _no_overflow(page: Any) -> None:
    """Nothing is wider than the window (the old routing card was)."""
    wide = page.evaluate(
        """() => Array.from(document.querySelectorAll('#view *'))
            .filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .filter(el => !el.closest('.table-scroll'))
            .map(el => el.tagName + '.' + el.className).slice(0, 5)"""
    )
    assert not wide, wide
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _week_label(page: Any) -> str:
    return page.get_attribute("#week-label", "data-week")


def test_analytics_rating_and_pain_points(page: Any, site: Any, login: Any, shot: Any) -> None:
    login("reviewer")
    page.click("#topnav a[data-section=analytics]")
    page.wait_for_selector("#rating-chart")
    report = site.ok("reviewer", "GET", "/v1/analytics/agencies")
    weeks = sorted(report["weeks"])
    ranked = sorted({r["week"] for r in report["items"] if r["rank"]})
    assert _week_label(page) == ranked[-1]  # the latest week with places, by default
    assert report["formula"] in page.text_content("#formula")  # the rank formula on the page
    _no_overflow(page)
    assert not _latin_words(page)
    shot("30-analytics-rating")

    # the week switcher: one week back, its rows in the server's rank order
    target = weeks[weeks.index(ranked[-1]) - 1]
    page.click("#week-prev")
    page.wait_for_function(
        "w => document.querySelector('#week-label')?.dataset.week === w", arg=target
    )
    assert f"week={target}" in page.url
    page.click("#rating-numbers summary")  # the numbers one click away
    expected = sorted(
        (r for r in report["items"] if r["week"] == target),
        key=lambda r: (r["rank"] or 1e9, -r["appeals"]),
    )
    shown = page.eval_on_selector_all(
        "#rating-table tbody tr", "rows => rows.map(r => r.dataset.agency)"
    )
    assert shown == [r["agency"] for r in expected]
    assert set(history_data.AGENCIES) <= set(shown)
    first = expected[0]
    cells = page.locator("#rating-table tbody tr").first.locator("td").all_text_contents()
    assert cells[0] == str(first["rank"]) and cells[4] == str(first["appeals"])
    if first["rank_change"]:
        assert ("▲" if first["rank_change"] > 0 else "▼") in cells[1]  # week-over-week change
    _no_overflow(page)
    assert not _latin_words(page)
    shot("31-analytics-rating-week")

    # an agency's weeks, by clicking its bar
    page.click(f"#rating-chart .bar-row[data-key='{expected[-1]['agency']}']")
    page.wait_for_selector("#trend-chart")
    assert expected[-1]["agency"] in page.text_content("#agency-trend h2")
    shot("32-analytics-agency-trend")

    # the CSV export: every agency-week of the period, the same numbers as the API
    with page.expect_download() as download:
        page.click("#rating-csv")
    text = download.value.path().read_text(encoding="utf-8-sig")
    table = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert table[0][:4] == ["Неделя (понедельник)", "Место", "Изменение места", "Ведомство"]
    assert len(table) - 1 == len(report["items"])
    row = next(r for r in table[1:] if r[0] == target and r[3] == first["agency"])
    assert row[6] == str(first["appeals"])

    # pain points: the topic that jumped in the last full week, its examples, one opened
    page.click("#tab-pain")
    page.wait_for_selector("#rising-test")  # the pain points' own page, not the rating's
    pain = site.ok("reviewer", "GET", "/v1/analytics/pain-points")
    spike = history_data.weeks()[-1].isoformat()  # the last week of the imported history
    page.select_option("#week-select", spike)
    page.wait_for_function(
        "w => document.querySelector('#week-label')?.dataset.week === w", arg=spike
    )
    rising = [r for r in pain["rising"] if r["week"] == spike]
    assert [r["topic"] for r in rising] == [history_data.SPIKE_TOPIC]
    assert pain["test"] in page.text_content("#rising-test")
    page.wait_for_selector("#rising-chart")
    topic = page.locator(f"#rising-list details[data-topic='{history_data.SPIKE_TOPIC}']")
    topic.locator("summary").click()
    examples = topic.locator(".examples a")
    assert examples.count() == len(rising[0]["examples"]) >= 1
    repeat = page.locator(f"#repeat-list details[data-address='{history_data.REPEAT_ADDRESS}']")
    repeat.locator("summary").click()
    assert repeat.locator(".examples li").count() >= 3
    _no_overflow(page)
    assert not _latin_words(page)
    shot("33-analytics-pain-points")
    page.set_viewport_size({"width": 800, "height": 900})
    page.reload()  # the charts are drawn for the width they have
    page.wait_for_selector("#rising-chart")
    topic.locator("summary").click()
    _no_overflow(page)
    shot("33b-analytics-narrow")
    page.set_viewport_size({"width": 1366, "height": 900})

    with page.expect_download() as download:
        page.click("#pain-csv")
    cells = list(
        csv.reader(
            io.StringIO(download.value.path().read_text(encoding="utf-8-sig")), delimiter=";"
        )
    )
    assert cells[0] == ["Неделя (понедельник)", "Тема", "Район / место", "Обращений"]
    assert len(cells) - 1 == len(
        site.ok("reviewer", "GET", "/v1/analytics/pain-points", params={"limit": 200})["items"]
    )

    examples.first.click()
    page.wait_for_selector("#appeal-record")
    example = rising[0]["examples"][0]
    assert example["text"][:60] in page.text_content("#appeal-text")
    shot("34-appeal-record")
    assert not _latin_words(page)


def test_analytics_period_is_typed_as_russian_dates(page: Any, site: Any, login: Any) -> None:
    weeks = history_data.weeks()
    login("reviewer")
    page.goto("/ui#/analytics")
    page.wait_for_selector("#week-switcher")
    page.fill("#a-from", "31.02.2026")
    page.click("#period button[type=submit]")
    assert "дд.мм.гггг" in page.text_content("#period .form-error")
    page.fill("#a-from", weeks[0].strftime("%d.%m.%Y"))
    page.fill("#a-to", (weeks[2] + timedelta(days=6)).strftime("%d.%m.%Y"))
    page.click("#period button[type=submit]")
    page.wait_for_url(f"**from={weeks[0].isoformat()}**")
    # the new period's weeks, not the switcher of the page before it: the address changes before
    # the hashchange re-renders, and the old switcher holds the first week too, so waiting for one
    # option passed on the old page and then read the emptied one. Wait for exactly the period's.
    expected = [w.isoformat() for w in weeks[:3]]
    page.wait_for_function(
        "want => JSON.stringify([...document.querySelectorAll('#week-select option')]"
        ".map(o => o.value).sort()) === JSON.stringify(want)",
        arg=expected,
    )
    options = page.eval_on_selector_all("#week-select option", "os => os.map(o => o.value)")
    assert sorted(options) == expected
    assert page.input_value("#a-from") == weeks[0].strftime("%d.%m.%Y")  # kept as typed


def test_search_by_address(page: Any, site: Any, login: Any, shot: Any) -> None:
    d = site.draft(APPEAL, address="ул. Ленина, д. 5", author_name="Анна Петрова")
    login("reviewer")
    page.wait_for_selector("#q")
    page.fill("#q", "Ленина 5")
    page.press("#q", "Enter")
    page.wait_for_selector("#search-summary[data-loaded-for]")
    results = site.ok("reviewer", "GET", "/v1/search", params={"q": "Ленина 5", "limit": 50})
    assert results["total"] >= 5  # the live draft and the four past appeals on that address
    rows = page.locator("#search-results tbody tr")
    assert rows.count() == len(results["items"])
    assert f"Найдено: {results['total']}" in page.text_content("#search-summary")
    assert page.locator("#search-results mark.hit").count() >= 1
    assert not _latin_words(page)
    _no_overflow(page)
    shot("35-search")
    # a broad query pages by 50: «Показать ещё» appends the next ones
    page.fill("#q", "улица Мира")
    page.press("#q", "Enter")
    page.wait_for_selector("#search-summary[data-loaded-for='улица Мира']")
    broad = site.ok("reviewer", "GET", "/v1/search", params={"q": "улица Мира", "limit": 1})
    assert broad["total"] > 50 and page.locator("#search-results tbody tr").count() == 50
    page.click("#search-more")
    page.wait_for_function(
        "n => document.querySelectorAll('#search-results tbody tr').length === n",
        arg=min(100, broad["total"]),
    )
    ids = page.eval_on_selector_all(
        "#search-results tbody tr", "rows => rows.map(r => r.dataset.id)"
    )
    assert len(set(ids)) == len(ids)  # the second page continues the first

    page.fill("#q", "Ленина 5")
    page.press("#q", "Enter")
    page.wait_for_selector(f"#search-results a[href='#/drafts/{d['id']}']")
    page.click(f"#search-results a[href='#/drafts/{d['id']}']")
    page.wait_for_selector("#appeal-text")
    assert page.text_content("#appeal-text") == APPEAL


def test_coach_marks_a_reply_in_place_with_explanations(
    page: Any, site: Any, login: Any, shot: Any
) -> None:
    login("executor")
    page.click("#topnav a[data-section=coach]")
    page.fill("#c-appeal", APPEAL)
    page.fill("#c-author", "Анна Петрова")
    page.fill("#c-reply", POOR)
    page.click("#run-check")
    page.wait_for_selector("#coach-result #violations")
    quality = site.ok(
        "executor", "POST", "/v1/check",
        json={"appeal": {"text": APPEAL, "author_name": "Анна Петрова", "channel": "vk"}, "reply": POOR},
    )  # fmt: skip
    assert page.locator("#coach-result #violations li").count() == len(quality["violations"]) >= 2
    assert page.text_content("#quality").startswith(str(quality["score"]))
    for i, v in enumerate(quality["violations"]):
        item = page.locator(f"#violations li[data-ref='{i}']")
        assert v["explanation"] in item.text_content()  # the standard's words for the mark
        if v["end"] > v["start"]:
            marked = page.evaluate(
                "i => Array.from(document.querySelectorAll(`#draft-text mark[data-refs~='${i}']`))"
                ".map(m => m.textContent).join('')",
                i,
            )
            assert marked == POOR[v["start"] : v["end"]]
    assert not _latin_words(page)
    _no_overflow(page)
    shot("36-coach")

    # an executor's «Аналитика» holds their own agency only (the server scopes it)
    page.click("#topnav a[data-section=analytics]")
    page.wait_for_selector("#rating-chart, #no-data, #rating .muted")
    agencies = page.eval_on_selector_all(
        "#rating-chart .bar-row", "rows => rows.map(r => r.dataset.key)"
    )
    assert set(agencies) <= {EXECUTOR_AGENCY}
    assert "только данные вашего ведомства" in page.text_content("#view")


ROUTING = {
    "responsible_body": {
        "label": "Жилищный комитет", "confidence": 0.91, "needs_manual": False, "source": "model",
        "candidates": [{"label": "Жилищный комитет", "confidence": 0.91},
                       {"label": "Комитет по благоустройству", "confidence": 0.06}],
    },
    "category": {"label": "Содержание дворов", "confidence": 0.62, "needs_manual": False,
                 "source": "model", "candidates": []},
    "topic": {"label": None, "confidence": 0.0, "needs_manual": True, "source": "taxonomy",
              "candidates": [{"label": "Вывоз ТКО", "confidence": 0.21}]},
    "needs_manual": True,
}  # fmt: skip


def test_routing_card_reasons_and_word_diff(page: Any, site: Any, login: Any, shot: Any) -> None:
    d = site.draft(APPEAL)
    d = site.ok(
        "executor",
        "PUT",
        f"/v1/drafts/{d['id']}/text",
        json={"text": POOR, "version": d["version"]},
    )
    d = site.ok("executor", "POST", f"/v1/drafts/{d['id']}/submit", json={"version": d["version"]})

    def with_routing(route: Any) -> None:  # the fake model routes nothing; this is a fitted one
        body = route.fetch().json()
        body["routing"] = ROUTING
        route.fulfill(json=body)

    page.route(f"**/v1/drafts/{d['id']}", with_routing)
    login("reviewer")
    page.goto(f"/ui#/drafts/{d['id']}")
    page.wait_for_selector("#routing .route")
    levels = page.eval_on_selector_all(
        "#routing .route", "els => els.map(e => [e.dataset.target, e.dataset.level])"
    )
    assert levels == [["responsible_body", "sure"], ["category", "likely"], ["topic", "manual"]]
    card = page.text_content("#routing")
    for words in ("уверенно", "вероятно", "нужно выбрать вручную", "Жилищный комитет", "91 %"):
        assert words in card
    assert "{" not in card and "needs_manual" not in card

    # the return reasons: grouped, in Russian, the standard's explanation on hover
    codes = site.ok("reviewer", "GET", "/v1/meta/reason-codes")
    assert page.locator("#reasons input[name=reason]").count() == len(codes)
    assert page.locator("#reasons .reason-group").count() >= 3
    garbage = page.locator("#reasons label.reason:has(input[value='GARBAGE'])")
    assert garbage.locator(".reason-title").text_content() == "Испорченный текст"  # not «Мусор»
    assert "повторы" in garbage.get_attribute("title")
    for part in ("#decision", "#answer", "#routing", "#citations"):
        assert not _latin_words(page, part), part  # no codes, keys or index ids
    _no_overflow(page)
    shot("37-routing-and-reasons")
    page.set_viewport_size({"width": 800, "height": 900})  # a laptop with the sidebar open
    _no_overflow(page)
    shot("37b-draft-narrow")
    page.set_viewport_size({"width": 1366, "height": 900})

    page.check("#reasons input[value='OTPISKA']")
    page.click("#return")
    page.wait_for_selector("#last-review .chip")
    assert page.text_content("#last-review .chip") == "Отписка"

    # the history: a word diff, insertions and deletions, from the versions' own texts
    history = site.ok("reviewer", "GET", f"/v1/drafts/{d['id']}/history")["items"]
    generated = next(e["text"] for e in history if e["event"] == "generated")
    page.wait_for_selector("#history .event-edited .wdiff")
    added = " ".join(page.locator("#history .event-edited ins.diff-add").all_text_contents())
    assert "рекомендуем обратиться" in added
    # unchanged + deleted pieces give the version before, unchanged + inserted the one after
    before, after = page.eval_on_selector(
        "#history .event-edited .wdiff",
        """el => [':not(ins)', ':not(del)'].map(keep =>
            Array.from(el.children).filter(c => c.matches(keep)).map(c => c.textContent).join(''))""",
    )
    assert (before, after) == (generated, POOR)
    assert "@@" not in page.text_content("#history") and "+++" not in page.text_content("#history")
    assert not _latin_words(page, "#history")
    shot("38-history-word-diff")


def test_word_diff_and_actor_names(page: Any, site: Any) -> None:
    page.goto("/ui")
    result = page.evaluate(
        """async () => {
            const d = await import('/ui/static/js/worddiff.js');
            const f = await import('/ui/static/js/format.js');
            const p = await import('/ui/static/js/parts.js');
            return {
                diff: d.wordDiff('Яму заделают в ближайшее время.', 'Яму заделают до 5 мая.'),
                same: d.wordDiff('Без изменений.', 'Без изменений.'),
                named: f.actorText({role: 'reviewer', name: 'Ольга Смирнова'}),
                role: f.actorText({role: 'reviewer'}),
                history: (() => {
                    const box = document.createElement('div');
                    box.append(p.history([
                        {event: 'generated', version: 1, actor: {role: 'system'}, at: null, text: 'Ответ, версия 1.'},
                        {event: 'facts', version: 2, actor: {role: 'executor'}, at: null, text: 'Факты: яму засыпали 3 мая.'},
                        {event: 'facts', version: 3, actor: {role: 'executor'}, at: null, text: 'Факты: яму заасфальтировали 3 мая.'},
                        {event: 'edited', version: 4, actor: {role: 'executor'}, at: null, text: 'Ответ, версия 2.'},
                    ], []));
                    // per event, newest first: the texts before and after its diff
                    return Array.from(box.querySelectorAll('li.event'), (li) => {
                        const diff = li.querySelector('.wdiff');
                        if (!diff || !li.querySelector('ins, del')) return null;
                        const side = (skip) => Array.from(diff.children).filter((c) => !c.matches(skip))
                            .map((c) => c.textContent).join('');
                        return [side('ins'), side('del')];
                    }).slice(0, 3);
                })(),
            };
        }"""
    )
    assert result["diff"] == [
        {"type": "same", "text": "Яму заделают "},
        {"type": "del", "text": "в ближайшее время"},
        {"type": "add", "text": "до 5 мая"},
        {"type": "same", "text": "."},
    ]
    assert result["same"] == [{"type": "same", "text": "Без изменений."}]
    # the executor's facts (a «facts» event's text) are never diffed against the reply
    assert result["history"] == [
        ["Ответ, версия 1.", "Ответ, версия 2."],  # the reply against the reply before
        ["Факты: яму засыпали 3 мая.", "Факты: яму заасфальтировали 3 мая."],  # facts vs facts
        None,  # the first facts: shown whole, not as a diff
    ]
    # the person first (main's trust branch adds « · role» after the name; either reads right)
    assert result["named"].startswith("Ольга Смирнова") and result["role"] == "Проверяющий"


def test_executor_creates_an_appeal_and_marks_the_reply_sent(
    page: Any, site: Any, login: Any, shot: Any
) -> None:
    login("executor")
    page.click("#nav-new")
    page.fill("#n-text", "Не работает домофон в подъезде 2 дома 14 на улице Мира.")
    page.select_option("#n-channel", "telegram")
    page.fill("#n-author", "Игорь Волков")
    page.fill("#n-address", "ул. Мира, д. 14")
    # the last Wednesday: received in working hours, so the time to answer is more than 0
    wednesday = date.today() - timedelta(days=(date.today().weekday() - 2) % 7 or 7)
    page.fill("#n-received-date", wednesday.strftime("%d.%m.%Y"))
    page.fill("#n-received-time", "09:15")
    page.fill("#n-external", "IM-2026-0001")
    page.fill("#n-facts", "домофон починит ООО «Домофон-Сервис» до 10 декабря")
    shot("39-new-appeal")
    page.click("#create")
    page.wait_for_url("**/ui#/drafts/*")
    draft_id = page.url.rsplit("/", 1)[-1]
    d = site.ok("executor", "GET", f"/v1/drafts/{draft_id}")
    assert d["appeal"]["channel"] == "telegram" and d["appeal"]["external_id"] == "IM-2026-0001"
    assert (
        d["appeal"]["address"] == "ул. Мира, д. 14" and d["appeal"]["author_name"] == "Игорь Волков"
    )
    assert d["facts"] == "домофон починит ООО «Домофон-Сервис» до 10 декабря"
    received = datetime.fromisoformat(d["appeal"]["received_at"].replace("Z", "+00:00"))
    moscow = received.astimezone(timezone(timedelta(hours=3)))  # the browser's zone (conftest)
    assert (moscow.date(), moscow.hour, moscow.minute) == (wednesday, 9, 15)
    # drafted by the worker and followed by the page; a first draft loads the models (slow)
    page.wait_for_selector("#submit", timeout=90_000)
    page.click("#submit")
    page.wait_for_selector(".draft-head .status:text-is('На проверке')")
    d = site.ok("executor", "GET", f"/v1/drafts/{draft_id}")
    site.ok("reviewer", "POST", f"/v1/drafts/{draft_id}/review",
            json={"decision": "approve", "reasons": [], "version": d["version"]})  # fmt: skip

    page.reload()
    page.click("#mark-sent")
    page.wait_for_selector("#sent-state.sent-done")
    timeline = site.ok("executor", "GET", f"/v1/drafts/{draft_id}/timeline")
    assert timeline["sent_at"] and timeline["first_reply_hours"] > 0
    page.wait_for_selector("#sent-hours")
    # the browser (ICU) rounds the shortest decimal form half away from zero: 31.65 → 31,7,
    # where Python's round() sees the binary 31.6499… and gives 31,6
    shortest = Decimal(repr(timeline["first_reply_hours"]))
    hours = f"{float(shortest.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)):g}".replace(
        ".", ","
    )
    assert f"Через {hours} рабоч" in page.text_content("#sent-hours")
    events = site.ok("executor", "GET", f"/v1/drafts/{draft_id}/history")["items"]
    assert [e["event"] for e in events][-1] == "sent"
    page.wait_for_selector("#history .event-sent")
    assert "Ответ отправлен гражданину" in page.text_content("#history")
    assert not _latin_words(page, "#sent-card")
    shot("40-sent")
