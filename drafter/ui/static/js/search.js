// The search box on the queue (GET /v1/search?q=): drafts and imported history by appeal text,
// address, author or external id. The query lives in the address (#/queue?q=…), so a result
// list can be shared and the back button returns to it.

import { search } from "./api.js";
import { h } from "./dom.js";
import { dateTime, excerpt } from "./format.js";

export function searchBox(params) {
  const input = h("input", {
    id: "q", name: "q", type: "search", value: params.get("q") || "", autocomplete: "off",
    placeholder: "Текст обращения, адрес, автор или номер",
  });
  const form = h("form", { class: "card search-card", id: "search", role: "search" },
    h("div", { class: "field" }, h("label", { for: "q" }, "Поиск по обращениям и истории"), input),
    h("button", { type: "submit", class: "btn btn-primary" }, "Найти"),
    params.get("q") ? h("a", { class: "btn btn-quiet", href: "#/queue", id: "search-clear" }, "Очистить") : null);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const q = input.value.trim();
    window.location.hash = q ? `#/queue?${new URLSearchParams({ q })}` : "#/queue";
  });
  return form;
}

// the words of the query marked in a piece of text (as text nodes, never markup)
export function marked(text, q) {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  const numbers = words.filter((w) => /^\d+$/.test(w)); // a house number matches only itself
  const stems = words.filter((w) => w.length >= 2 && !/^\d+$/.test(w))
    .map((w) => (w.length > 5 ? w.slice(0, w.length - 2) : w)); // a crude stem: «ленина» ~ «ленин»
  const hit = (token) => numbers.includes(token) || stems.some((st) => token.startsWith(st));
  if (!stems.length && !numbers.length) return [text];
  const out = [];
  const lower = text.toLowerCase();
  let i = 0;
  const re = /[\p{L}\p{N}]+/gu;
  let m;
  while ((m = re.exec(lower)) !== null) {
    if (hit(m[0])) {
      if (m.index > i) out.push(text.slice(i, m.index));
      out.push(h("mark", { class: "hit" }, text.slice(m.index, m.index + m[0].length)));
      i = m.index + m[0].length;
    }
  }
  if (i < text.length) out.push(text.slice(i));
  return out;
}

// a link to what was found: a draft opens its page, an imported appeal its record
export function hitLink(item) {
  return item.draft_id
    ? `#/drafts/${encodeURIComponent(item.draft_id)}`
    : `#/appeals/${encodeURIComponent(item.id)}`;
}

const PAGE = 50;

function hitRow(item, q) {
  const href = hitLink(item);
  const meta = [item.author, item.external_id && `№ ${item.external_id}`, item.topic].filter(Boolean).join(" · ");
  const row = h("tr", { class: "search-hit", dataset: { id: item.id } },
    h("td", {}, h("span", { class: `badge search-kind ${item.draft_id ? "status-ready" : "version"}` },
      item.draft_id ? "Черновик" : "Архив обращений")),
    h("td", { class: "col-appeal" },
      h("a", { class: "row-link", href }, marked(excerpt(item.text, 220), q)),
      meta ? h("div", { class: "small muted" }, marked(meta, q)) : null),
    h("td", {}, marked(item.address || "—", q)),
    h("td", {}, item.agency || "—"),
    h("td", {}, dateTime(item.received_at)));
  row.addEventListener("click", (event) => {
    if (!event.target.closest("a")) window.location.hash = href;
  });
  return row;
}

// GET /v1/search (SearchResults: items, total): the best PAGE first, «Показать ещё» for the next
export function renderSearch(container, q) {
  const summary = h("p", { class: "muted", id: "search-summary" }, "Ищем…");
  const body = h("tbody");
  const more = h("button", { type: "button", class: "btn btn-quiet btn-small", id: "search-more", hidden: true },
    "Показать ещё");
  const table = h("div", { class: "table-scroll", hidden: true }, h("table", { class: "queue", id: "search-results" },
      h("thead", {}, h("tr", {},
        h("th", {}, "Где найдено"), h("th", {}, "Обращение"), h("th", {}, "Адрес"),
        h("th", {}, "Ведомство"), h("th", {}, "Поступило"))),
      body));
  container.replaceChildren(summary, table, h("div", { class: "pager" }, more));
  let shown = 0;
  const load = () => search(q, { limit: PAGE, offset: shown }).then((page) => {
    for (const item of page.items) body.append(hitRow(item, q));
    shown += page.items.length;
    table.hidden = !shown;
    summary.textContent = shown
      ? `Найдено: ${page.total}${page.total > shown ? `, показаны ${shown}` : ""}. Запрос «${q}».`
      : `По запросу «${q}» ничего не найдено.`;
    summary.dataset.loadedFor = q;
    more.hidden = shown >= page.total || !page.items.length;
    more.disabled = false;
  }).catch((err) => {
    summary.textContent = `Поиск не удался: ${err.russian}`;
    summary.className = "notice notice-error";
    summary.dataset.loadedFor = q;
  });
  more.addEventListener("click", () => {
    more.disabled = true;
    load();
  });
  load();
}
