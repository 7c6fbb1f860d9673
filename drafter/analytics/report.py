"""``drafter analytics``: the agency rating and pain points as one HTML page with server-side
SVG charts (nothing fetched: no CDN, no script) and CSV files with every number.

    write_report(services, out_dir, date_from=…, date_to=…, region=…, agency=…) -> [paths]
"""

from __future__ import annotations

import csv
import html
import io
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tqdm.auto import tqdm

from drafter.analytics.types import AgencyReport, AgencyWeek, PainPoints
from drafter.auth import SYSTEM, Caller, Role

if TYPE_CHECKING:
    from drafter.services import Services

PALETTE = ("#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#57606a")


def write_report(
    services: Services,
    out: Path,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    region: str | None = None,
    agency: str | None = None,
) -> list[Path]:
    """Compute the report for the operator (or for one agency, as its executor sees it) and
    write index.html, agencies.csv, pain_points.csv, rising.csv, repeats.csv into ``out``."""
    caller = Caller(Role.executor, agency=agency) if agency else SYSTEM
    rating = services.agency_report(caller, date_from, date_to, region)
    pain = services.pain_points(caller, date_from, date_to, region, limit=50)
    weekly: dict[date, PainPoints] = {}
    for week in tqdm(rating.weeks, desc="болевые точки по неделям", unit=" нед."):
        weekly[week] = services.pain_points(caller, week, week + timedelta(days=6), region, limit=5)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in (
        ("agencies.csv", rating_csv(rating)),
        ("pain_points.csv", pain_points_csv(pain, "items")),
        ("rising.csv", pain_points_csv(pain, "rising")),
        ("repeats.csv", pain_points_csv(pain, "repeats")),
    ):
        path = out / name
        path.write_text(text, encoding="utf-8-sig", newline="")  # -sig: Excel reads UTF-8
        written.append(path)
    page = out / "index.html"
    page.write_text(render_html(rating, pain, weekly, agency=agency), encoding="utf-8")
    return [page, *written]


def rating_csv(rating: AgencyReport) -> str:
    """Every agency-week, one row each (returns as «CODE=n; …»)."""
    return to_csv([i.model_dump(mode="json") for i in rating.items])


def pain_points_csv(pain: PainPoints, part: str = "items") -> str:
    """One part of the pain points («items», «rising», «repeats»); examples as record ids."""
    rows = []
    for item in getattr(pain, part):
        row = {k: v for k, v in item.model_dump(mode="json").items() if k != "examples"}
        row["examples"] = " ".join(e.id for e in item.examples)
        rows.append(row)
    return to_csv(rows)


def to_csv(rows: list[dict[str, Any]]) -> str:
    fields: list[str] = []
    for row in rows:
        fields += [k for k in row if k not in fields]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields or ["empty"])
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    if isinstance(value, dict):
        return "; ".join(f"{k}={v}" for k, v in value.items())
    return value


# -- HTML ----------------------------------------------------------------------------------------


def render_html(
    rating: AgencyReport,
    pain: PainPoints,
    weekly: dict[date, PainPoints],
    *,
    agency: str | None = None,
) -> str:
    e = html.escape
    period = (
        f"{_ru(rating.date_from)} — {_ru(rating.date_to + timedelta(days=6))}"
        if rating.date_from and rating.date_to
        else "нет данных"
    )
    parts = [
        "<!doctype html><html lang='ru'><head><meta charset='utf-8'>",
        "<title>Аналитика ЦУР</title><style>",
        "body{font:14px/1.45 system-ui,sans-serif;margin:24px;max-width:1100px;color:#1f2328}",
        "table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #d0d7de;",
        "padding:3px 7px;text-align:right}td:first-child,th:first-child,td.l{text-align:left}",
        "h2{margin-top:32px}.note{color:#57606a;max-width:900px}svg{display:block;margin:8px 0}",
        "</style></head><body>",
        f"<h1>Аналитика ЦУР{' — ' + e(agency) if agency else ''}</h1>",
        (
            f"<p>Период: {e(period)} (целые недели, обращение считается в неделе первого "
            "сообщения). Все числа — в CSV рядом: <a href='agencies.csv'>agencies.csv</a>, "
            "<a href='pain_points.csv'>pain_points.csv</a>, <a href='rising.csv'>rising.csv</a>, "
            "<a href='repeats.csv'>repeats.csv</a>.</p>"
        ),
        "<h2>Рейтинг ведомств</h2>",
        f"<p class='note'>{e(rating.formula)}</p>",
    ]
    by_week: dict[date, list[AgencyWeek]] = defaultdict(list)
    for item in rating.items:
        by_week[item.week].append(item)
    if rating.weeks:
        last = rating.weeks[-1]
        ranked = sorted((i for i in by_week[last] if i.rank), key=lambda i: i.rank or 0)
        parts.append(f"<h3>Неделя с {_ru(last)}</h3>")
        parts.append(
            bar_chart(
                [i.agency for i in ranked[:15]],
                [i.score or 0 for i in ranked[:15]],
                "Балл рейтинга (0–100), 15 лучших",
            )
        )
        parts.append(_rating_table(ranked))
        parts.append(_volume_chart(rating))
    parts.append("<h2>Болевые точки</h2>")
    parts.append(f"<p class='note'>{e(pain.test)}</p>")
    parts.append(
        bar_chart(
            [f"{i.topic} — {i.place} ({_ru(i.week)})" for i in pain.items[:15]],
            [i.appeals for i in pain.items[:15]],
            "Тема × место × неделя: больше всего обращений",
        )
    )
    parts.append("<h3>Растущие темы</h3>")
    parts.append(
        _table(
            ["Тема", "Неделя", "Обращений", "Ожидалось (λ)", "p", "Примеры"],
            [
                [
                    r.topic,
                    _ru(r.week),
                    r.appeals,
                    r.expected,
                    f"{r.p_value:.1e}",
                    ", ".join(x.external_id or x.id for x in r.examples),
                ]
                for r in pain.rising
            ],
        )
    )
    parts.append("<h3>Проблема возвращается (≥ 3 обращений по адресу и теме за 30 дней)</h3>")
    parts.append(
        _table(
            ["Адрес", "Тема", "Обращений", "С", "По", "Примеры"],
            [
                [
                    r.address,
                    r.topic,
                    r.appeals,
                    _ru(r.first.date()),
                    _ru(r.last.date()),
                    ", ".join(x.external_id or x.id for x in r.examples),
                ]
                for r in pain.repeats
            ],
        )
    )
    parts.append("<h3>По неделям: 5 самых частых тем × мест</h3>")
    for week, points in weekly.items():
        parts.append(f"<h4>Неделя с {_ru(week)}</h4>")
        parts.append(
            _table(
                ["Тема", "Место", "Обращений"],
                [[i.topic, i.place, i.appeals] for i in points.items],
            )
        )
    parts.append("</body></html>")
    return "\n".join(parts)


def _rating_table(items: Sequence[AgencyWeek]) -> str:
    def pct(v: float | None) -> str:
        return "—" if v is None else f"{100 * v:.0f} %"

    def num(v: float | None) -> str:
        return "—" if v is None else f"{v:g}"

    def change(v: int | None) -> str:
        return "—" if v is None else (f"+{v}" if v > 0 else str(v))

    return _table(
        [
            "Место",
            "Ведомство",
            "Обращений",
            "Балл",
            "Изм.",
            "В срок",
            "Первый ответ, ч (медиана / p90)",
            "Окончательный, ч (медиана / p90)",
            "Прошли проверку",
            "Средняя оценка",
            "Житель написал снова",
        ],
        [
            [
                i.rank,
                i.agency,
                i.appeals,
                num(i.score),
                change(i.rank_change),
                pct(i.within_deadline_share),
                f"{num(i.first_reply_median_h)} / {num(i.first_reply_p90_h)}",
                f"{num(i.final_reply_median_h)} / {num(i.final_reply_p90_h)}",
                pct(i.pass_rate),
                num(i.mean_score),
                pct(i.pushback_share),
            ]
            for i in items
        ],
    )


def _volume_chart(rating: AgencyReport) -> str:
    totals: dict[str, int] = defaultdict(int)
    for item in rating.items:
        totals[item.agency] += item.appeals
    top = sorted(totals, key=lambda a: -totals[a])[:5]
    series = {
        a: [
            next((i.appeals for i in rating.items if i.agency == a and i.week == w), 0)
            for w in rating.weeks
        ]
        for a in top
    }
    return line_chart(series, [_ru(w) for w in rating.weeks], "Обращений в неделю: 5 ведомств")


def _table(head: list[str], rows: list[list[Any]]) -> str:
    e = html.escape
    if not rows:
        return "<p class='note'>Нет данных.</p>"
    out = ["<table><tr>" + "".join(f"<th>{e(h)}</th>" for h in head) + "</tr>"]
    for row in rows:
        cells = "".join(
            f"<td{' class=l' if isinstance(v, str) else ''}>{e(str(v))}</td>" for v in row
        )
        out.append(f"<tr>{cells}</tr>")
    out.append("</table>")
    return "\n".join(out)


def bar_chart(labels: Sequence[str], values: Sequence[float], title: str) -> str:
    """Horizontal bars, labels left; an SVG string."""
    e = html.escape
    if not values:
        return ""
    width, label_w, row_h = 1000, 520, 22
    top = max(values) or 1
    height = 30 + row_h * len(values)
    out = [
        (
            f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
            f"role='img' aria-label='{e(title)}'>"
        ),
        f"<text x='0' y='16' font-weight='bold'>{e(title)}</text>",
    ]
    for n, (label, value) in enumerate(zip(labels, values)):
        y = 26 + n * row_h
        bar = (width - label_w - 60) * value / top
        short = label if len(label) <= 70 else label[:69] + "…"
        out.append(
            f"<text x='0' y='{y + 14}' font-size='12'>{e(short)}<title>{e(label)}</title></text>"
        )
        out.append(
            f"<rect x='{label_w}' y='{y}' width='{bar:.1f}' height='{row_h - 6}' fill='{PALETTE[0]}'/>"
        )
        out.append(
            f"<text x='{label_w + bar + 4:.1f}' y='{y + 13}' font-size='12'>{value:g}</text>"
        )
    out.append("</svg>")
    return "\n".join(out)


def line_chart(series: dict[str, list[int]], xlabels: Sequence[str], title: str) -> str:
    """Lines over weeks, with a legend; an SVG string."""
    e = html.escape
    if not series or not xlabels:
        return ""
    width, height, left, bottom, top_pad = 1000, 320, 50, 40, 30
    plot_w, plot_h = width - left - 240, height - bottom - top_pad
    peak = max((max(v) for v in series.values() if v), default=1) or 1
    step = plot_w / max(1, len(xlabels) - 1)
    out = [
        (
            f"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height}' "
            f"role='img' aria-label='{e(title)}'>"
        ),
        f"<text x='0' y='16' font-weight='bold'>{e(title)}</text>",
        f"<line x1='{left}' y1='{top_pad + plot_h}' x2='{left + plot_w}' y2='{top_pad + plot_h}' stroke='#8c959f'/>",
        f"<text x='{left - 6}' y='{top_pad + 4}' font-size='11' text-anchor='end'>{peak}</text>",
        f"<text x='{left - 6}' y='{top_pad + plot_h}' font-size='11' text-anchor='end'>0</text>",
    ]
    for n, label in enumerate(xlabels):
        if len(xlabels) <= 12 or n % 2 == 0:
            x = left + n * step
            out.append(
                f"<text x='{x:.1f}' y='{height - 18}' font-size='11' text-anchor='middle'>{e(label)}</text>"
            )
    for k, (name, values) in enumerate(series.items()):
        color = PALETTE[k % len(PALETTE)]
        points = " ".join(
            f"{left + n * step:.1f},{top_pad + plot_h - plot_h * v / peak:.1f}"
            for n, v in enumerate(values)
        )
        out.append(f"<polyline fill='none' stroke='{color}' stroke-width='2' points='{points}'/>")
        ly = top_pad + 16 * k
        short = name if len(name) <= 34 else name[:33] + "…"
        out.append(
            f"<rect x='{left + plot_w + 16}' y='{ly}' width='10' height='10' fill='{color}'/>"
        )
        out.append(
            f"<text x='{left + plot_w + 30}' y='{ly + 9}' font-size='11'>{e(short)}<title>{e(name)}</title></text>"
        )
    out.append("</svg>")
    return "\n".join(out)


def _ru(d: date | None) -> str:
    return d.strftime("%d.%m.%Y") if d else "—"
