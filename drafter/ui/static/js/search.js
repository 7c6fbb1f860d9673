// The search box on the queue (GET /v1/search?q=): drafts and imported history by appeal text,
// address, author or external id. The query lives in the address (#/queue?q=…), so a result
// list can be shared and the back button returns to it.

import { search } from "./api.js";
import { h } from "./dom.js";
import { CHANNEL, dateTime, excerpt, statusBadge } from "./format.js";

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

function field(item, ...names) {
  for (const name of names) {
    const value = name.split(".").reduce((o, k) => (o == null ? o : o[k]), item);
    if (value !== undefined && value !== null && value !== "") return value;
  }
  return null;
}

// a link to what was found: a draft opens its page, an imported appeal its own page
export function hitLink(item) {
  if (item.draft_id) return `#/drafts/${encodeURIComponent(item.draft_id)}`;
  return item.id !== undefined && item.id !== null ? `#/appeals/${encodeURIComponent(item.id)}` : null;
}

export function renderSearch(container, q) {
  const summary = h("p", { class: "muted", id: "search-summary" }, "Ищем…");
  const body = h("tbody");
  container.replaceChildren(summary, h("div", { class: "table-scroll" }, h("table", { class: "queue", id: "search-results" },
    h("thead", {}, h("tr", {},
      h("th", {}, "Где найдено"), h("th", {}, "Обращение"), h("th", {}, "Адрес"),
      h("th", {}, "Ведомство"), h("th", {}, "Поступило"))),
    body)));
  search(q, { limit: 50 }).then((page) => {
    const items = page.items || [];
    const total = page.total ?? items.length;
    summary.textContent = items.length
      ? `Найдено: ${total}${total > items.length ? `, показаны первые ${items.length}` : ""}. Запрос «${q}».`
      : `По запросу «${q}» ничего не найдено.`;
    summary.dataset.loadedFor = q;
    for (const item of items) {
      const text = field(item, "snippet", "text", "appeal.text") || "";
      const href = hitLink(item);
      const isDraft = href && href.startsWith("#/drafts/");
      const status = field(item, "status");
      const meta = [field(item, "author_name", "author", "appeal.author_name"),
        field(item, "external_id", "appeal.external_id") && `№ ${field(item, "external_id", "appeal.external_id")}`,
        CHANNEL[field(item, "channel", "appeal.channel")]].filter(Boolean).join(" · ");
      const row = h("tr", { class: "search-hit", dataset: { id: item.id ?? "" } },
        h("td", {}, h("span", { class: `badge search-kind ${isDraft ? "status-ready" : "version"}` },
          isDraft ? "Черновик" : "Архив обращений"), status && isDraft ? h("div", {}, statusBadge(status)) : null),
        h("td", { class: "col-appeal" },
          href ? h("a", { class: "row-link", href }, marked(excerpt(text, 220), q)) : marked(excerpt(text, 220), q),
          meta ? h("div", { class: "small muted" }, marked(meta, q)) : null),
        h("td", {}, marked(field(item, "address", "appeal.address") || "—", q)),
        h("td", {}, field(item, "agency", "appeal.agency") || "—"),
        h("td", {}, dateTime(field(item, "received_at", "appeal.received_at", "created_at"))));
      if (href) {
        row.addEventListener("click", (event) => {
          if (!event.target.closest("a")) window.location.hash = href;
        });
      }
      body.append(row);
    }
  }).catch((err) => {
    summary.textContent = `Поиск не удался: ${err.russian}`;
    summary.className = "notice notice-error";
    summary.dataset.loadedFor = q;
  });
}
