"""The HTML report's span marking and plots."""

from __future__ import annotations

import base64

from evals.report import highlight, render_html


def v(code, start, end, severity="major", message="msg"):
    return {"code": code, "severity": severity, "start": start, "end": end, "message": message}


def test_highlight_marks_spans_and_escapes():
    text = "Здравствуйте! <b>Настоящим сообщаем</b>, что всё"
    start = text.index("Настоящим")
    span = v("FORMALISM", start, start + len("Настоящим сообщаем"), message='канцелярит "и" <так>')
    out = highlight(text, [span])
    assert out.startswith("Здравствуйте! &lt;b&gt;")
    assert '<mark class="major" title="FORMALISM: канцелярит &quot;и&quot; &lt;так&gt;">' in out
    assert "Настоящим сообщаем</mark>&lt;/b&gt;" in out


def test_overlapping_spans_never_nest_and_keep_both_titles():
    out = highlight("abcdef", [v("A", 0, 4, "minor"), v("B", 2, 6, "blocker")])
    assert out == (
        '<mark class="minor" title="A: msg">ab</mark>'
        '<mark class="blocker" title="A: msg; B: msg">cd</mark>'
        '<mark class="blocker" title="B: msg">ef</mark>'
    )


def test_spans_past_the_text_are_clipped():
    assert (
        highlight("abc", [v("A", 1, 99), v("B", 5, 9)])
        == 'a<mark class="major" title="A: msg">bc</mark>'
    )


def test_render_html_embeds_four_png_plots():
    items = [
        {"id": str(i), "appeal": {"text": "x", "channel": "pos", "category": c}, "text": "Ответ",
         "quality": {"score": s, "passed": s >= 60, "violations": [v("NO_DEADLINE", 0, 5)] if s < 60 else []},
         "timings": {"total": 0.1 * i, "decode": 0.05 * i}}
        for i, (c, s) in enumerate([("Дороги", 40), ("ЖКХ", 90), ("ЖКХ", 55)])
    ]  # fmt: skip
    page = render_html(
        {"summary": {"mode": "draft", "threshold": 60, "latency": {}}, "items": items}
    )
    pngs = page.split('src="data:image/png;base64,')[1:]
    assert len(pngs) == 4
    for p in pngs:
        assert base64.b64decode(p.split('"', 1)[0]).startswith(b"\x89PNG")
    assert "Не прошли проверку: 2" in page
