// Pieces of the draft page: the highlighted text, the violations, citations, routing, history.

import { h } from "./dom.js";
import { segments, worstSeverity } from "./highlight.js";
import { DECISION, EVENT, SEVERITY, actorText, dateTime } from "./format.js";
import { groupedReasons, reasonInfo } from "./reasons.js";
import { shortenSame, wordDiff } from "./worddiff.js";

// The draft text with every violation marked where it is; hovering or focusing a mark shows
// the checker's Russian message; the list below adds the reason's label and the standard's
// explanation. Returns the text block and the numbered list below it.
export function highlightedText(text, violations) {
  const { pieces, general } = segments(text, violations);
  const block = h("div", { class: "draft-text", id: "draft-text" });
  for (const piece of pieces) {
    if (!piece.violations.length) {
      block.append(document.createTextNode(piece.text));
      continue;
    }
    const covering = piece.violations.map((i) => violations[i]);
    const tip = piece.violations
      .map((i) => `${i + 1}. ${violations[i].message}`)
      .join("\n");
    const mark = h(
      "mark",
      {
        class: `viol sev-${worstSeverity(covering)}`,
        tabindex: "0",
        "data-tip": tip,
        "aria-label": tip,
        dataset: { codes: covering.map((v) => v.code).join(" "), refs: piece.violations.join(" ") },
      },
      piece.text,
    );
    block.append(mark);
    for (const i of piece.endsHere) {
      block.append(h("sup", { class: `viol-ref sev-${violations[i].severity}`, "aria-hidden": "true" }, String(i + 1)));
    }
  }
  const list = h("ol", { class: "violations", id: "violations" });
  violations.forEach((v, i) => {
    const quoted = v.end > v.start ? text.slice(v.start, v.end) : "";
    const item = h(
      "li",
      { class: `violation sev-${v.severity}`, dataset: { code: v.code, ref: String(i) } },
      h("div", { class: "violation-head" },
        h("span", { class: "viol-num" }, String(i + 1)),
        h("span", { class: `badge sev sev-${v.severity}` }, SEVERITY[v.severity] || v.severity),
        h("span", { class: "viol-label", title: reasonInfo(v.code).explain }, reasonInfo(v.code).label)),
      h("div", { class: "violation-msg" }, v.message),
      (v.explanation || reasonInfo(v.code).explain)
        ? h("div", { class: "violation-explain small muted" }, "По стандарту: ", v.explanation || reasonInfo(v.code).explain)
        : null,
      quoted
        ? h("div", { class: "violation-quote" }, "«", quoted.length > 160 ? `${quoted.slice(0, 159)}…` : quoted, "»")
        : h("div", { class: "violation-quote muted" }, general.includes(i) ? "Относится ко всему тексту" : ""),
    );
    item.addEventListener("click", () => {
      const mark = block.querySelector(`mark[data-refs~="${i}"]`);
      if (mark) {
        mark.focus();
        mark.scrollIntoView({ block: "center", behavior: "smooth" });
      }
    });
    list.append(item);
  });
  return { block, list };
}

// Sentences to confirm before the reply goes out: work reported done that neither the appeal
// nor a source confirms (the model cannot know it), and facts no source supports. The support
// map points into the drafted text; after an edit only sentences still in the text are listed.
export function claimsToConfirm(text, support) {
  return (support || [])
    .filter((r) => (r.unverified_done || r.unsupported_reason || (r.unsupported || []).length)
      && text.includes(r.sentence))
    .map((r) => ({
      sentence: r.sentence,
      why: [
        r.unverified_done && "сообщает о сделанной работе — ни обращение, ни источники этого не подтверждают",
        r.unsupported_reason && "называет причину, которой нет ни в обращении, ни в нормативных источниках",
        (r.unsupported || []).length && `не подтверждено источниками: ${r.unsupported.join(", ")}`,
      ].filter(Boolean).join("; "),
    }));
}

export function claimsList(items) {
  return h("ul", { class: "claims", id: "claims" }, items.map((c) =>
    h("li", { class: "claim" },
      h("div", { class: "violation-quote" }, "«", c.sentence, "»"),
      h("div", { class: "small muted" }, c.why))));
}

export function citations(items) {
  if (!items.length) return h("p", { class: "muted", id: "citations" }, "Черновик не ссылается на источники.");
  return h("ol", { class: "citations", id: "citations" }, items.map((c) =>
    h("li", { class: "citation" },
      h("div", { class: "citation-head" },
        h("span", { class: `badge kind-${c.kind}` }, c.kind === "answer" ? "Прошлый ответ" : "Норматив"),
        // the index's id is for operators: on hover, not in the reviewer's way
        h("span", { class: "citation-title", title: `Идентификатор в базе знаний: ${c.source_id}` },
          c.title || "Источник без названия")),
      h("blockquote", { class: "citation-text" }, c.snippet))));
}

const ROUTING_TARGETS = [
  ["responsible_body", "Ведомство"],
  ["category", "Категория"],
  ["topic", "Тема"],
];
export const CONFIDENT = 0.8; // «уверенно» from here; below the model's own threshold: «вручную»

// confidence as words: the router's needs_manual is the «choose by hand» bar, calibrated per region
export function confidenceWords(suggestion) {
  if (!suggestion.label || suggestion.needs_manual) return { level: "manual", words: "нужно выбрать вручную" };
  if (suggestion.confidence >= CONFIDENT) return { level: "sure", words: "уверенно" };
  return { level: "likely", words: "вероятно" };
}

const percent = (x) => `${Math.round(Math.max(0, Math.min(1, Number(x) || 0)) * 100)} %`;

function confidenceBar(suggestion, level) {
  const value = Math.max(0, Math.min(1, Number(suggestion.confidence) || 0));
  const fill = h("span", { class: "conf-fill" });
  fill.style.width = `${Math.round(value * 100)}%`; // CSSOM, which the style-src policy allows
  return h("div", {
    class: `conf-bar conf-${level}`, role: "meter", "aria-valuemin": "0", "aria-valuemax": "100",
    "aria-valuenow": String(Math.round(value * 100)), "aria-label": `Уверенность ${percent(value)}`,
  }, fill);
}

function routingTarget(name, suggestion) {
  const { level, words } = confidenceWords(suggestion);
  // runners-up worth a look: under 1 % they are noise («Кровля (0 %)» for a snow appeal)
  const others = (suggestion.candidates || [])
    .filter((c) => c.label !== suggestion.label && c.confidence >= 0.01).slice(0, 2);
  return h("li", { class: `route route-${level}`, dataset: { target: name, level } },
    h("div", { class: "route-name muted small" }, ROUTING_TARGETS.find(([k]) => k === name)[1]),
    h("div", { class: "route-label" }, suggestion.label || "не определено"),
    suggestion.group ? h("div", { class: "small muted" }, `Группа: ${suggestion.group}`) : null,
    h("div", { class: "route-conf" },
      confidenceBar(suggestion, level),
      h("span", { class: `route-words conf-text-${level}` }, words),
      suggestion.label ? h("span", { class: "small muted" }, percent(suggestion.confidence)) : null),
    others.length
      ? h("div", { class: "small muted route-others" }, "Другие варианты: ",
        others.map((c) => `${c.label} (${percent(c.confidence)})`).join("; "))
      : null);
}

// The router's suggestion (drafter.routing RouteResult) in words: one line per target it knows,
// with the confidence as a word and a bar; a target with no model behind it is left out.
export function routing(data) {
  const known = ROUTING_TARGETS
    .filter(([key]) => data && typeof data[key] === "object" && data[key] !== null)
    .filter(([key]) => (data[key].source || "none") !== "none");
  if (!known.length) {
    return h("p", { class: "muted", id: "routing" },
      "Подсказки маршрутизации нет: модель ещё не обучена на ответах этого региона. " +
      "Ведомство нужно выбрать вручную.");
  }
  return h("div", { id: "routing" },
    data.needs_manual
      ? h("p", { class: "route-summary route-summary-manual" }, "Проверьте маршрут: не всё определено уверенно.")
      : h("p", { class: "route-summary route-summary-ok" }, "Маршрут определён автоматически."),
    h("ul", { class: "routes" }, known.map(([key]) => routingTarget(key, data[key]))));
}

export function reviewSummary(review, known) {
  return h("div", { class: `review review-${review.decision}`, id: "last-review" },
    h("div", { class: "review-head" },
      h("strong", {}, DECISION[review.decision] || review.decision),
      h("span", { class: "small muted" }, ` ${dateTime(review.at)}`)),
    review.by ? h("div", { class: "small muted" }, actorText(review.by)) : null,
    reasonChips(review.reasons || [], known),
    review.comment ? h("p", { class: "review-comment" }, review.comment) : null);
}

// reasons as Russian labels; the standard's explanation on hover (the code only as data)
export function reasonChips(codes, known) {
  if (!codes.length) return null;
  return h("div", { class: "chips" }, codes.map((code) => {
    const info = reasonInfo(code, known);
    return h("span", { class: "chip", title: info.explain, dataset: { code } }, info.label);
  }));
}

// One version's text against the one before, word by word; long unchanged stretches shortened.
export function wordDiffBlock(before, after) {
  const pieces = wordDiff(before, after);
  return h("div", { class: "wdiff" }, pieces.map((p, i) => {
    if (p.type === "same") {
      const text = shortenSame(p.text, { keepStart: i > 0, keepEnd: i < pieces.length - 1 });
      return h("span", { class: "wdiff-same" }, text);
    }
    return p.type === "add"
      ? h("ins", { class: "diff-add", title: "добавлено" }, p.text)
      : h("del", { class: "diff-del", title: "удалено" }, p.text);
  }));
}

// Each event with the text as it was before. Two texts run through the history: the reply's and,
// on «facts» events (the executor's facts, from main's facts editor), the facts'; each event is
// compared with the last one of its own kind.
const FACTS_EVENTS = new Set(["facts"]);

function withPreviousText(items) {
  const last = { reply: null, facts: null };
  return items.map((e) => {
    const kind = FACTS_EVENTS.has(e.event) ? "facts" : "reply";
    const before = last[kind];
    if (typeof e.text === "string") last[kind] = e.text;
    return { event: e, before, kind };
  });
}

export function history(items, known) {
  if (!items.length) return h("p", { class: "muted" }, "Событий пока нет.");
  return h("ol", { class: "timeline", id: "history-list" }, withPreviousText(items).reverse().map(({ event: e, before, kind }) => {
    const changed = typeof e.text === "string" && before !== null && e.text !== before;
    const first = typeof e.text === "string" && before === null;
    const firstTitle = kind === "facts" ? "Факты исполнителя" : "Текст этой версии";
    return h("li", { class: `event event-${e.event}` },
      h("div", { class: "event-head" },
        h("span", { class: "event-name" }, EVENT[e.event] || e.event),
        h("span", { class: "badge version" }, `версия ${e.version}`),
        h("span", { class: "event-actor" }, actorText(e.actor)),
        h("span", { class: "small muted" }, dateTime(e.at)),
        e.quality ? h("span", { class: "small muted" }, `оценка ${e.quality.score}`) : null),
      reasonChips(e.reasons || [], known),
      e.comment ? h("p", { class: "event-comment" }, e.comment) : null,
      changed ? wordDiffBlock(before, e.text) : null,
      first ? h("details", { class: "event-text" }, h("summary", {}, firstTitle),
        h("div", { class: "wdiff" }, e.text)) : null);
  }));
}

// The return reasons as a grouped choice: Russian labels, the standard's explanation under «?»
// and on hover; the codes travel only as the checkboxes' values.
export function reasonFieldset(known) {
  const box = h("fieldset", { class: "reasons", id: "reasons" }, h("legend", {}, "Причины возврата"));
  if (!known.length) {
    box.append(h("p", { class: "muted" }, "Список причин недоступен."));
    return { box, chosen: () => [] };
  }
  for (const group of groupedReasons(known)) {
    box.append(h("div", { class: "reason-group", dataset: { group: group.id } },
      h("div", { class: "reason-group-title" }, group.title),
      group.items.map((r) => h("label", { class: "reason", title: r.explain },
        h("input", { type: "checkbox", name: "reason", value: r.code }),
        h("span", { class: "reason-title" }, r.label),
        r.explain ? h("span", { class: "reason-help", "aria-hidden": "true" }, "?") : null))));
  }
  const chosen = () => Array.from(box.querySelectorAll("input[name=reason]:checked"), (i) => i.value);
  return { box, chosen };
}
