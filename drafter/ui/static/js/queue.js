// The queue: drafts ordered by deadline, with filters kept in the address (#/queue?…).

import { drafts } from "./api.js";
import { h } from "./dom.js";
import {
  CHANNEL, STATUS, dateTime, deadlineBadge, deadlineState, excerpt, replyKindBadge, statusBadge,
} from "./format.js";
import { renderSearch, searchBox } from "./search.js";

const PAGE = 25;
const DEADLINES = {
  "": "Любой",
  overdue: "Просроченные",
  "24h": "Истекает в течение 24 ч",
  "72h": "Истекает в течение 3 дней",
};

function select(name, label, options, value) {
  return h(
    "div", { class: "field" },
    h("label", { for: `f-${name}` }, label),
    h("select", { id: `f-${name}`, name },
      Object.entries(options).map(([v, text]) => h("option", { value: v, selected: v === value }, text))),
  );
}

function apiQuery(params) {
  const query = {
    status: params.get("status"),
    agency: params.get("agency"),
    channel: params.get("channel"),
    limit: PAGE,
    offset: Number(params.get("offset") || 0),
  };
  const deadline = params.get("deadline");
  if (deadline === "overdue") query.overdue = "true";
  if (deadline === "24h" || deadline === "72h") {
    const hours = deadline === "24h" ? 24 : 72;
    query.due_before = new Date(Date.now() + hours * 3600 * 1000).toISOString();
  }
  return query;
}

export function renderQueue(root, params, caller) {
  const form = h(
    "form", { class: "filters card", id: "filters" },
    h("div", { class: "field" },
      h("label", { for: "f-agency" }, "Ведомство"),
      h("input", {
        id: "f-agency", name: "agency", type: "search", value: params.get("agency") || "",
        placeholder: caller.role === "executor" && caller.agency ? caller.agency : "Все ведомства",
        disabled: caller.role === "executor" && Boolean(caller.agency),
        list: "agencies",
      }),
      h("datalist", { id: "agencies" })),
    select("channel", "Канал", { "": "Все каналы", ...CHANNEL }, params.get("channel") || ""),
    select("status", "Статус", { "": "Все статусы", ...STATUS }, params.get("status") || ""),
    select("deadline", "Срок ответа", DEADLINES, params.get("deadline") || ""),
    h("div", { class: "field field-actions" },
      h("button", { type: "submit", class: "btn btn-primary" }, "Применить"),
      h("button", { type: "reset", class: "btn btn-quiet" }, "Сбросить")),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (value) next.set(key, String(value).trim());
    window.location.hash = `#/queue?${next}`;
  });
  form.addEventListener("reset", (event) => {
    event.preventDefault();
    window.location.hash = "#/queue";
  });

  const summary = h("p", { class: "muted", id: "queue-summary" }, "Загрузка…");
  const body = h("tbody");
  const table = h(
    "table", { class: "queue", id: "queue" },
    h("thead", {}, h("tr", {},
      h("th", { class: "col-deadline" }, "Срок ответа"),
      h("th", {}, "Статус"),
      h("th", {}, "Обращение"),
      h("th", {}, "Канал"),
      h("th", {}, "Ведомство"),
      h("th", { class: "num" }, "Оценка"),
    )),
    body,
  );
  const pager = h("div", { class: "pager" });
  const q = (params.get("q") || "").trim();
  if (q) {
    // a search shows its results in place of the queue; «Очистить» brings the queue back
    const results = h("div", { class: "card table-card", id: "search-card" });
    root.append(h("div", { class: "page-head" }, h("h1", {}, "Поиск")), searchBox(params), results);
    renderSearch(results, q);
    return () => {};
  }
  root.append(
    h("div", { class: "page-head" },
      h("h1", {}, "Очередь черновиков"),
      h("button", { type: "button", class: "btn btn-quiet", on: { click: load } }, "Обновить")),
    searchBox(params),
    form,
    h("div", { class: "card table-card" }, summary, table, pager),
  );

  async function load() {
    summary.textContent = "Загрузка…";
    summary.className = "muted";
    delete summary.dataset.loadedFor;
    try {
      const page = await drafts.list(apiQuery(params));
      show(page);
    } catch (err) {
      summary.textContent = `Не удалось загрузить очередь: ${err.russian}`;
      summary.className = "notice notice-error";
    }
    // which filters the table now shows: after a filter change the old page's summary
    // stays in the document for a moment, and only this tells the two apart
    summary.dataset.loadedFor = params.toString();
  }

  function show(page) {
    body.replaceChildren();
    const from = page.total ? page.offset + 1 : 0;
    const to = page.offset + page.items.length;
    summary.textContent = page.total
      ? `Черновики ${from}–${to} из ${page.total}, по сроку ответа`
      : "Черновиков по этим условиям нет.";
    for (const d of page.items) {
      const link = h("a", { href: `#/drafts/${encodeURIComponent(d.id)}`, class: "row-link" },
        excerpt(d.appeal.text, 120));
      const row = h(
        "tr", { class: `row-${deadlineState(d)}`, dataset: { id: d.id } },
        h("td", { class: "col-deadline" }, deadlineBadge(d),
          h("div", { class: "small muted" }, dateTime(d.deadline))),
        h("td", {}, statusBadge(d.status), " ", replyKindBadge(d.reply_kind)),
        h("td", { class: "col-appeal" }, link,
          d.appeal.author_name ? h("div", { class: "small muted" }, d.appeal.author_name) : null),
        h("td", {}, CHANNEL[d.appeal.channel] || d.appeal.channel),
        h("td", {}, d.appeal.agency || "—"),
        h("td", { class: "num" }, d.quality ? qualityChip(d.quality) : "—"),
      );
      row.addEventListener("click", (event) => {
        if (event.target.closest("a")) return;
        window.location.hash = `#/drafts/${encodeURIComponent(d.id)}`;
      });
      body.append(row);
    }
    // suggest the agencies seen so far (the filter matches the name exactly)
    const known = form.querySelector("#agencies");
    const seen = new Set(Array.from(known.options, (o) => o.value));
    for (const d of page.items) {
      if (d.appeal.agency && !seen.has(d.appeal.agency)) {
        seen.add(d.appeal.agency);
        known.append(h("option", { value: d.appeal.agency }));
      }
    }
    pager.replaceChildren();
    if (page.total > page.limit) {
      const at = (offset) => {
        const next = new URLSearchParams(params);
        next.set("offset", String(Math.max(0, offset)));
        return `#/queue?${next}`;
      };
      pager.append(
        h("a", { class: "btn btn-quiet btn-small", href: at(page.offset - page.limit),
          "aria-disabled": page.offset === 0 ? "true" : null }, "← Назад"),
        h("a", { class: "btn btn-quiet btn-small", href: at(page.offset + page.limit),
          "aria-disabled": to >= page.total ? "true" : null }, "Вперёд →"),
      );
    }
  }

  load();
  return () => {};
}

export function qualityChip(quality) {
  const cls = quality.passed ? "score-ok" : "score-bad";
  return h("span", { class: `score ${cls}`, title: quality.passed ? "Проверка пройдена" : "Проверка не пройдена" },
    String(quality.score));
}
