// «Аналитика»: the weekly agency rating and the pain points, as charts with the numbers one
// click away and a CSV export. State lives in the address (#/analytics?tab=…&week=…&from=…&to=…)
// so a view can be shared and the back button works. The server scopes the figures: an
// executor only ever receives their own agency's.

import { analytics } from "./api.js";
import { h } from "./dom.js";
import { barChart, lineChart, sparkline } from "./chart.js";
import { toCsv, download } from "./csv.js";
import { excerpt, parseRussianDate, plural } from "./format.js";
import { reasonInfo } from "./reasons.js";

const TABS = { rating: "Рейтинг ведомств", pain: "Болевые точки" };
const MONTHS = ["янв", "фев", "мар", "апр", "мая", "июн", "июл", "авг", "сен", "окт", "ноя", "дек"];

// weeks are ISO dates of Mondays («2024-11-18»), read without a time zone
function parseDay(iso) {
  const [y, m, d] = String(iso).slice(0, 10).split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}
const isoDay = (date) => date.toISOString().slice(0, 10);

const russianDay = (iso) => (iso ? iso.slice(0, 10).split("-").reverse().join(".") : "");
const parseRussianDay = (text) => parseRussianDate(text)?.iso ?? null;
const addDays = (iso, n) => isoDay(new Date(parseDay(iso).getTime() + n * 86400000));

export function weekLabel(iso) {
  const a = parseDay(iso);
  const b = parseDay(addDays(iso, 6));
  const left = a.getUTCMonth() === b.getUTCMonth() ? `${a.getUTCDate()}` : `${a.getUTCDate()} ${MONTHS[a.getUTCMonth()]}`;
  return `${left}–${b.getUTCDate()} ${MONTHS[b.getUTCMonth()]} ${b.getUTCFullYear()}`;
}
const shortWeek = (iso) => {
  const a = parseDay(iso);
  return `${a.getUTCDate()} ${MONTHS[a.getUTCMonth()]}`;
};

const num = (x, digits = 1) => (x === null || x === undefined ? "—"
  : Number(x).toLocaleString("ru-RU", { maximumFractionDigits: digits }));
const pct = (x) => (x === null || x === undefined ? "—" : `${Math.round(x * 100)} %`);
const hours = (x) => (x === null || x === undefined ? "—" : `${num(x)} ч`);
const pair = (a, b) => `${num(a)} / ${num(b)}`;

function rankChange(change, rank = 1) {
  if (rank === null || rank === undefined) {
    return { text: "без места", cls: "delta-same", title: "Мало обращений за неделю: ведомство показано, но в рейтинг не входит" };
  }
  if (change === null || change === undefined) return { text: "новое", cls: "delta-same", title: "В прошлую неделю не было в рейтинге" };
  if (change > 0) return { text: `▲ ${change}`, cls: "delta-up", title: `Поднялось на ${change} по сравнению с прошлой неделей` };
  if (change < 0) return { text: `▼ ${-change}`, cls: "delta-down", title: `Опустилось на ${-change} по сравнению с прошлой неделей` };
  return { text: "=", cls: "delta-same", title: "Место не изменилось" };
}

function scoreChange(change) {
  if (change === null || change === undefined) return "";
  const sign = change > 0 ? "+" : change < 0 ? "−" : "±";
  return `${sign}${num(Math.abs(change))}`;
}

function topReturns(returns) {
  const entries = Object.entries(returns || {}).sort((a, b) => b[1] - a[1]);
  if (!entries.length) return "—";
  return entries.slice(0, 3).map(([code, n]) => `${reasonInfo(code).label} (${n})`).join(", ")
    + (entries.length > 3 ? ` и ещё ${entries.length - 3}` : "");
}

// a link to an example appeal: a live draft opens its page, an imported one its record
export function appealHref(ref) {
  return ref.draft_id ? `#/drafts/${encodeURIComponent(ref.draft_id)}` : `#/appeals/${encodeURIComponent(ref.id)}`;
}

function examplesList(examples) {
  if (!examples || !examples.length) return h("p", { class: "muted small" }, "Примеров нет.");
  return h("ul", { class: "examples" }, examples.map((ex) => h("li", { class: "example" },
    h("div", { class: "small muted" },
      [ex.received_at ? new Date(ex.received_at).toLocaleDateString("ru-RU") : null, ex.address, ex.agency,
        ex.external_id ? `№ ${ex.external_id}` : null].filter(Boolean).join(" · ")),
    h("a", { href: appealHref(ex), class: "example-link" }, excerpt(ex.text, 220)))));
}

const RATING_COLUMNS = [
  { title: "Неделя (понедельник)", value: (r) => r.week },
  { title: "Место", value: (r) => r.rank },
  { title: "Изменение места", value: (r) => r.rank_change },
  { title: "Ведомство", value: (r) => r.agency },
  { title: "Баллы рейтинга", value: (r) => r.score },
  { title: "Изменение баллов", value: (r) => r.score_change },
  { title: "Обращений", value: (r) => r.appeals },
  { title: "С окончательным ответом", value: (r) => r.answered },
  { title: "Первый ответ, медиана, раб. ч", value: (r) => r.first_reply_median_h },
  { title: "Первый ответ, 90-й процентиль, раб. ч", value: (r) => r.first_reply_p90_h },
  { title: "Окончательный ответ, медиана, раб. ч", value: (r) => r.final_reply_median_h },
  { title: "Окончательный ответ, 90-й процентиль, раб. ч", value: (r) => r.final_reply_p90_h },
  { title: "Доля в срок", value: (r) => r.within_deadline_share },
  { title: "Проверено ответов", value: (r) => r.replies_checked },
  { title: "Доля прошедших проверку", value: (r) => r.pass_rate },
  { title: "Средняя оценка качества", value: (r) => r.mean_score },
  { title: "Возвраты по причинам", value: (r) => Object.entries(r.returns || {}).map(([c, n]) => `${reasonInfo(c).label}: ${n}`).join(", ") },
  { title: "Повторные обращения после ответа", value: (r) => r.pushback },
  { title: "Доля довольных", value: (r) => r.satisfied_share },
];

const PAIN_COLUMNS = [
  { title: "Неделя (понедельник)", value: (r) => r.week },
  { title: "Тема", value: (r) => r.topic },
  { title: "Район / место", value: (r) => r.place },
  { title: "Обращений", value: (r) => r.appeals },
];

export function renderAnalytics(root, params, caller) {
  const tab = TABS[params.get("tab")] ? params.get("tab") : "rating";
  const period = { from: params.get("from") || "", to: params.get("to") || "", region: params.get("region") || "" };
  let gone = false;

  const go = (changes) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === undefined || value === "") next.delete(key);
      else next.set(key, value);
    }
    window.location.hash = `#/analytics?${next}`;
  };

  const tabs = h("div", { class: "tabs", role: "tablist" }, Object.entries(TABS).map(([key, label]) =>
    h("button", { type: "button", class: "tab", role: "tab", id: `tab-${key}`, "aria-selected": String(key === tab),
      on: { click: () => go({ tab: key, agency: null }) } }, label)));

  const dayInput = (id, value, label) => h("input", { type: "text", id, value: russianDay(value), "aria-label": label,
    placeholder: "дд.мм.гггг", inputmode: "numeric", size: "10", class: "day-input" });
  const from = dayInput("a-from", period.from, "С даты");
  const to = dayInput("a-to", period.to, "По дату");
  const periodError = h("span", { class: "form-error", role: "alert", hidden: true });
  const periodForm = h("form", { class: "toolbar", id: "period" },
    h("span", { class: "small muted" }, "Период:"), from, h("span", { class: "muted" }, "—"), to,
    h("button", { type: "submit", class: "btn btn-quiet btn-small" }, "Показать"),
    periodError,
    period.from || period.to ? h("a", { class: "btn btn-quiet btn-small", href: `#/analytics?tab=${tab}` }, "Весь период") : null);
  periodForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const [a, b] = [from.value.trim(), to.value.trim()];
    const [isoA, isoB] = [a ? parseRussianDay(a) : "", b ? parseRussianDay(b) : ""];
    if (isoA === null || isoB === null) {
      periodError.textContent = "Введите даты в виде дд.мм.гггг.";
      periodError.hidden = false;
      return;
    }
    if (isoA && isoB && isoA > isoB) {
      periodError.textContent = "Начало периода позже его конца.";
      periodError.hidden = false;
      return;
    }
    go({ from: isoA, to: isoB, week: null });
  });

  const body = h("div", { id: "analytics-body" }, h("p", { class: "muted" }, "Загрузка…"));
  root.append(
    h("div", { class: "page-head" }, h("div", {},
      h("h1", {}, "Аналитика"),
      h("p", { class: "muted small" }, caller.role === "executor"
        ? `Показаны только данные вашего ведомства${caller.agency ? ` («${caller.agency}»)` : ""}.`
        : "Все ведомства в пределах ваших прав."))),
    tabs, periodForm, body);

  const query = { from: period.from, to: period.to, region: period.region };
  // pain points: every topic × place × week cell of the period (the server's default is 20)
  const loader = tab === "rating" ? analytics.agencies(query) : analytics.painPoints({ ...query, limit: 200 });
  loader.then((report) => {
    if (gone) return;
    const weeks = [...(report.weeks || [])].map(String).sort();
    if (!weeks.length) {
      body.replaceChildren(h("p", { class: "notice notice-warning", id: "no-data" },
        "За выбранный период данных нет. Загрузите историю обращений (drafter ingest) или выберите другой период."));
      return;
    }
    const week = weeks.includes(params.get("week")) ? params.get("week") : defaultWeek(tab, report, weeks);
    body.replaceChildren(weekSwitcher(weeks, week, (w) => go({ week: w })));
    if (tab === "rating") renderRating(body, report, weeks, week, params.get("agency"), go);
    else renderPain(body, report, weeks, week);
  }).catch((err) => {
    if (gone) return;
    body.replaceChildren(h("p", { class: "notice notice-error" }, `Не удалось загрузить аналитику: ${err.russian}`));
  });

  return () => { gone = true; };
}

// the latest week the rating has places in (the current week is often only begun), else the latest
function defaultWeek(tab, report, weeks) {
  if (tab === "rating") {
    const ranked = new Set((report.items || []).filter((r) => r.rank).map((r) => String(r.week)));
    const latest = [...weeks].reverse().find((w) => ranked.has(w));
    if (latest) return latest;
  }
  return weeks[weeks.length - 1];
}

function weekSwitcher(weeks, week, choose) {
  const at = weeks.indexOf(week);
  const select = h("select", { id: "week-select", "aria-label": "Неделя" },
    [...weeks].reverse().map((w) => h("option", { value: w, selected: w === week }, weekLabel(w))));
  select.addEventListener("change", () => choose(select.value));
  return h("div", { class: "toolbar", id: "week-switcher" },
    h("button", { type: "button", class: "btn btn-quiet btn-small", id: "week-prev", disabled: at <= 0,
      on: { click: () => choose(weeks[at - 1]) } }, "← Неделя раньше"),
    h("span", { class: "week-label", id: "week-label", dataset: { week } }, `Неделя ${weekLabel(week)}`),
    h("button", { type: "button", class: "btn btn-quiet btn-small", id: "week-next", disabled: at >= weeks.length - 1,
      on: { click: () => choose(weeks[at + 1]) } }, "Неделя позже →"),
    select);
}

function renderRating(body, report, weeks, week, chosenAgency, go) {
  const items = report.items || [];
  const rows = items.filter((r) => String(r.week) === week)
    .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || b.appeals - a.appeals);
  const byAgency = new Map();
  for (const r of items) {
    if (!byAgency.has(r.agency)) byAgency.set(r.agency, new Map());
    byAgency.get(r.agency).set(String(r.week), r);
  }
  const agency = rows.some((r) => r.agency === chosenAgency) ? chosenAgency : null;

  const csv = h("button", { type: "button", class: "btn btn-quiet btn-small", id: "rating-csv", on: { click: () =>
    download(`rating-${weeks[0]}-${weeks[weeks.length - 1]}.csv`, toCsv(RATING_COLUMNS,
      [...items].sort((a, b) => String(a.week).localeCompare(String(b.week)) || (a.rank ?? 1e9) - (b.rank ?? 1e9)))) } },
  "Скачать CSV за период");

  body.append(h("p", { class: "formula", id: "formula" }, h("strong", {}, "Как считается место: "), report.formula || "формула не указана сервером."));

  if (!rows.length) {
    body.append(h("p", { class: "muted" }, "На этой неделе обращений нет."));
    return;
  }

  const numbers = h("details", { class: "numbers", id: "rating-numbers" },
    h("summary", {}, "Числа за неделю: таблица по всем ведомствам"), ratingTable(rows, byAgency, weeks, agency, go));
  const select = (key) => {
    go({ agency: key });
  };
  const chartRows = rows.slice(0, 20).map((r) => {
    const change = rankChange(r.rank_change, r.rank);
    return {
      key: r.agency,
      label: r.rank ? `${r.rank}. ${r.agency}` : r.agency,
      value: r.score ?? 0,
      valueText: r.score === null || r.score === undefined ? "нет данных для балла" : null,
      note: change.text,
      noteClass: change.cls,
      alt: (agency !== null && r.agency !== agency) || !r.rank, // the unranked and the not chosen are pale
      title: `${r.agency}\n${r.rank ? `Место ${r.rank}` : "Без места"} (${change.title.toLowerCase()})\nБаллы: ${num(r.score)}\n` +
        `Обращений: ${r.appeals}; в срок: ${pct(r.within_deadline_share)}; первый ответ (медиана): ${hours(r.first_reply_median_h)}`,
    };
  });
  body.append(h("section", { class: "card", id: "rating" },
    h("div", { class: "page-head" },
      h("h2", {}, `Рейтинг ведомств, неделя ${weekLabel(week)}`), csv),
    h("p", { class: "hint" }, rows.length > 20
      ? `Первые 20 из ${rows.length}. Нажмите на полосу, чтобы увидеть динамику ведомства; все числа — в таблице ниже.`
      : "Нажмите на полосу, чтобы увидеть динамику ведомства; все числа — в таблице ниже."),
    barChart(chartRows, { max: 100, onSelect: select, id: "rating-chart", ariaLabel: "Баллы рейтинга по ведомствам" }),
    h("div", { class: "chart-legend" },
      h("span", {}, "Длина полосы — баллы рейтинга из 100; справа — изменение места к прошлой неделе (▲ выше, ▼ ниже).")),
    numbers));

  if (agency) body.append(agencyTrend(agency, byAgency.get(agency), weeks, week));
}

function ratingTable(rows, byAgency, weeks, agency, go) {
  const recent = weeks.slice(-8);
  return h("div", { class: "table-scroll" }, h("table", { class: "data", id: "rating-table" },
    h("thead", {}, h("tr", {},
      h("th", { class: "num" }, "Место"), h("th", {}, "Изм."), h("th", {}, "Ведомство"),
      h("th", { class: "num" }, "Баллы"), h("th", { class: "num" }, "Обращ."),
      h("th", { class: "num", title: "Медиана и 90-й процентиль, рабочие часы" }, "Первый ответ, раб. ч (медиана / 90 %)"),
      h("th", { class: "num", title: "Медиана и 90-й процентиль, рабочие часы" }, "Окончат. ответ, раб. ч (медиана / 90 %)"),
      h("th", { class: "num" }, "В срок"), h("th", { class: "num" }, "Прошли проверку"),
      h("th", { class: "num" }, "Ср. оценка"), h("th", {}, "Возвраты"), h("th", { class: "num" }, "Писали повторно"),
      h("th", {}, "Баллы, 8 недель"))),
    h("tbody", {}, rows.map((r) => {
      const change = rankChange(r.rank_change, r.rank);
      const history = byAgency.get(r.agency);
      return h("tr", { class: r.agency === agency ? "selected" : null, dataset: { agency: r.agency } },
        h("td", { class: "num" }, r.rank ?? "—"),
        h("td", { class: change.cls, title: change.title }, change.text,
          r.score_change !== null && r.score_change !== undefined ? h("div", { class: "small muted" }, scoreChange(r.score_change)) : null),
        h("td", { class: "agency-cell" }, h("a", { href: "#", on: { click: (e) => { e.preventDefault(); go({ agency: r.agency }); } } }, r.agency)),
        h("td", { class: "num" }, num(r.score)),
        h("td", { class: "num" }, r.appeals),
        h("td", { class: "num" }, pair(r.first_reply_median_h, r.first_reply_p90_h)),
        h("td", { class: "num" }, pair(r.final_reply_median_h, r.final_reply_p90_h)),
        h("td", { class: "num" }, pct(r.within_deadline_share)),
        h("td", { class: "num", title: `Проверено ответов: ${r.replies_checked ?? 0}` }, pct(r.pass_rate)),
        h("td", { class: "num" }, num(r.mean_score)),
        h("td", { class: "small" }, topReturns(r.returns)),
        h("td", { class: "num" }, r.pushback === null || r.pushback === undefined ? "нет данных" : pct(r.pushback_share)),
        h("td", {}, sparkline(recent.map((w) => history.get(w)?.score ?? null), { title: `Баллы за 8 недель: ${r.agency}` })));
    }))));
}

function agencyTrend(agency, history, weeks, week) {
  const score = weeks.map((w) => history.get(w)?.score ?? null);
  const appeals = weeks.map((w) => history.get(w)?.appeals ?? null);
  const inTime = weeks.map((w) => {
    const share = history.get(w)?.within_deadline_share;
    return share === null || share === undefined ? null : Math.round(share * 100);
  });
  const labels = weeks.map(shortWeek);
  return h("section", { class: "card", id: "agency-trend" },
    h("div", { class: "page-head" }, h("h2", {}, `Динамика: ${agency}`),
      h("a", { class: "btn btn-quiet btn-small", href: "#", on: { click: (e) => {
        e.preventDefault();
        const next = new URLSearchParams(window.location.hash.split("?")[1] || "");
        next.delete("agency");
        window.location.hash = `#/analytics?${next}`;
      } } }, "Закрыть")),
    lineChart([{ name: "Баллы рейтинга", values: score }, { name: "В срок, %", values: inTime }], labels,
      { id: "trend-chart", ariaLabel: `Баллы и доля ответов в срок по неделям: ${agency}`, mark: weeks.indexOf(week) }),
    h("div", { class: "chart-legend" },
      h("span", {}, h("span", { class: "swatch swatch-0" }), "баллы рейтинга"),
      h("span", {}, h("span", { class: "swatch swatch-1" }), "ответов в срок, %"),
      h("span", {}, "пунктир — выбранная неделя")),
    h("details", { class: "numbers" }, h("summary", {}, "Числа по неделям"),
      h("div", { class: "table-scroll" }, h("table", { class: "data" },
        h("thead", {}, h("tr", {}, h("th", {}, "Неделя"), h("th", { class: "num" }, "Место"), h("th", { class: "num" }, "Баллы"),
          h("th", { class: "num" }, "Обращений"), h("th", { class: "num" }, "В срок"))),
        h("tbody", {}, [...weeks].reverse().filter((w) => history.get(w)).map((w, i) => {
          const r = history.get(w);
          return h("tr", {}, h("td", {}, weekLabel(w)), h("td", { class: "num" }, r.rank ?? "—"),
            h("td", { class: "num" }, num(r.score)), h("td", { class: "num" }, appeals[weeks.indexOf(w)]),
            h("td", { class: "num" }, pct(r.within_deadline_share)));
        }))))));
}

function renderPain(body, report, weeks, week) {
  const rising = (report.rising || []).filter((r) => String(r.week) === week)
    .sort((a, b) => a.p_value - b.p_value || b.appeals - a.appeals);
  const weekEnd = addDays(week, 6);
  const windowStart = addDays(week, -29);
  const allRepeats = [...(report.repeats || [])].sort((a, b) => b.appeals - a.appeals);
  const repeats = allRepeats.filter((r) => {
    const last = String(r.last).slice(0, 10);
    return last >= windowStart && last <= weekEnd;
  });
  const cells = (report.items || []).filter((r) => String(r.week) === week).sort((a, b) => b.appeals - a.appeals);

  const csv = h("button", { type: "button", class: "btn btn-quiet btn-small", id: "pain-csv", on: { click: () =>
    download(`pain-points-${weeks[0]}-${weeks[weeks.length - 1]}.csv`, toCsv(PAIN_COLUMNS,
      [...(report.items || [])].sort((a, b) => String(a.week).localeCompare(String(b.week)) || b.appeals - a.appeals))) } },
  "Скачать CSV за период");

  body.append(h("p", { class: "formula", id: "rising-test" }, h("strong", {}, "Какая тема считается растущей: "),
    report.test || "правило не указано сервером."));

  const risingCard = h("section", { class: "card", id: "rising" },
    h("div", { class: "page-head" }, h("h2", {}, `Растущие темы, неделя ${weekLabel(week)}`), csv));
  if (!rising.length) {
    risingCard.append(h("p", { class: "muted" }, "На этой неделе ни одна тема не выросла заметно против своих прошлых недель."));
  } else {
    risingCard.append(
      barChart(rising.slice(0, 15).map((r) => ({
        key: r.topic, label: r.topic, value: r.appeals, marker: r.baseline,
        note: `обычно ≈ ${num(r.baseline)}`,
        title: `${r.topic}\nНа этой неделе: ${r.appeals}\nОбычно: ${num(r.baseline)} в неделю (по ${r.baseline_weeks} нед.)`,
      })), { id: "rising-chart", ariaLabel: "Растущие темы: обращений на неделе и обычный уровень",
        onSelect: (key) => {
          const item = risingCard.querySelector(`details[data-topic="${CSS.escape(key)}"]`);
          if (item) { item.open = true; item.scrollIntoView({ block: "center" }); }
        } }),
      h("div", { class: "chart-legend" }, h("span", {}, "Полоса — обращений на неделе; черта — обычный уровень темы. Нажмите на полосу или тему, чтобы увидеть примеры.")),
      h("ul", { class: "pain-list", id: "rising-list" }, rising.map((r) => h("li", {},
        h("details", { class: "pain", dataset: { topic: r.topic } },
          h("summary", {}, h("span", { class: "pain-title" }, r.topic),
            h("span", { class: "badge status-needs_attention" }, `${r.appeals} за неделю`),
            h("span", { class: "small muted" }, `обычно ≈ ${num(r.baseline)} в неделю`)),
          h("p", { class: "pain-why" },
            `За ${r.baseline_weeks} предыдущих нед. в среднем ${num(r.baseline)} ` +
            `${plural(Math.round(r.baseline * 10) / 10, "обращение", "обращения", "обращений")} в неделю; ` +
            `вероятность случайно получить ${r.appeals} или больше — ${r.p_value < 0.001 ? "меньше 0,1 %" : pct(r.p_value)}.`),
          examplesList(r.examples))))));
  }

  const repeatsCard = h("section", { class: "card", id: "repeats" },
    h("h2", {}, "Повторяющиеся проблемы по адресам"),
    h("p", { class: "hint" }, "Адрес и тема, по которым за 30 дней пришло 3 обращения и больше. Показаны те, что продолжались в 30 дней до конца выбранной недели."));
  const shown = repeats.length ? repeats : [];
  if (!shown.length) {
    repeatsCard.append(h("p", { class: "muted" }, allRepeats.length
      ? `В эти 30 дней повторов нет; за весь период — ${allRepeats.length}.`
      : "Повторов за период нет."));
  }
  const repeatItem = (r) => h("li", {},
    h("details", { class: "pain", dataset: { address: r.address } },
      h("summary", {}, h("span", { class: "pain-title" }, r.address),
        h("span", { class: "badge status-returned" }, `${r.appeals} обращ.`),
        h("span", { class: "small muted" }, r.topic)),
      h("p", { class: "pain-why" }, `С ${new Date(r.first).toLocaleDateString("ru-RU")} по ${new Date(r.last).toLocaleDateString("ru-RU")}.`),
      examplesList(r.examples)));
  const list = h("ul", { class: "pain-list", id: "repeat-list" }, shown.slice(0, 30).map(repeatItem));
  repeatsCard.append(list);
  if (shown.length > 30) {
    const rest = h("button", { type: "button", class: "btn btn-quiet btn-small", id: "repeats-all" },
      `Показать все ${shown.length}`);
    rest.addEventListener("click", () => {
      list.append(...shown.slice(30).map(repeatItem));
      rest.remove();
    });
    repeatsCard.append(h("div", { class: "form-actions" }, h("span", { class: "small muted" }, `Показаны 30 из ${shown.length}.`), rest));
  }

  const cellsCard = h("section", { class: "card", id: "topic-place" },
    h("h2", {}, `Темы и места, неделя ${weekLabel(week)}`));
  if (!cells.length) {
    cellsCard.append(h("p", { class: "muted" }, "На этой неделе обращений нет."));
  } else {
    cellsCard.append(
      // the place first: a long topic is cut at the end, and the place would go with it
      barChart(cells.slice(0, 12).map((r, i) => ({ key: String(i), label: `${r.place}: ${r.topic}`, value: r.appeals,
        title: `${r.topic}\n${r.place}: ${r.appeals} обращ.` })),
        { id: "topic-place-chart", ariaLabel: "Обращений по теме и месту" }),
      h("details", { class: "numbers", id: "topic-place-numbers" }, h("summary", {}, `Числа: все ${cells.length} сочетаний темы и места`),
        h("div", { class: "table-scroll" }, h("table", { class: "data" },
          h("thead", {}, h("tr", {}, h("th", {}, "Тема"), h("th", {}, "Район / место"), h("th", { class: "num" }, "Обращений"), h("th", {}, "Пример"))),
          h("tbody", {}, cells.map((r) => h("tr", {},
            h("td", { class: "agency-cell" }, r.topic), h("td", {}, r.place), h("td", { class: "num" }, r.appeals),
            h("td", {}, r.examples && r.examples[0] ? h("a", { href: appealHref(r.examples[0]) }, "открыть") : "—"))))))));
  }
  body.append(risingCard, repeatsCard, cellsCard);
}
