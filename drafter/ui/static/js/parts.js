// Pieces of the draft page: the highlighted text, the violations, citations, routing, history.

import { h } from "./dom.js";
import { segments, worstSeverity } from "./highlight.js";
import { DECISION, EVENT, SEVERITY, actorText, dateTime } from "./format.js";

// The draft text with every violation marked where it is; hovering or focusing a mark shows
// the Russian message and the code. Returns the text block and the numbered list below it.
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
      .map((i) => `${i + 1}. ${violations[i].message} [${violations[i].code}]`)
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
        h("code", { class: "code" }, v.code)),
      h("div", { class: "violation-msg" }, v.message),
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
  if (!items.length) return h("p", { class: "muted" }, "Черновик не ссылается на источники.");
  return h("ol", { class: "citations", id: "citations" }, items.map((c) =>
    h("li", { class: "citation" },
      h("div", { class: "citation-head" },
        h("span", { class: `badge kind-${c.kind}` }, c.kind === "answer" ? "Прошлый ответ" : "Норматив"),
        h("span", { class: "citation-title" }, c.title || c.source_id)),
      h("blockquote", { class: "citation-text" }, c.snippet),
      h("div", { class: "small muted" }, "Источник: ", h("code", {}, c.source_id)))));
}

const ROUTING_KEYS = {
  agency: "Ведомство",
  agencies: "Ведомства",
  category: "Категория",
  region: "Регион",
  confidence: "Уверенность",
  reason: "Основание",
  reasons: "Основания",
  method: "Способ",
};

function plain(value) {
  if (value === null || value === undefined) return "—";
  if (typeof value === "number" && value > 0 && value <= 1) return `${Math.round(value * 100)} %`;
  if (Array.isArray(value)) return value.map(plain).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function routing(data) {
  if (typeof data !== "object" || data === null) return h("p", {}, plain(data));
  return h("dl", { class: "meta", id: "routing" }, Object.entries(data).map(([key, value]) => [
    h("dt", {}, ROUTING_KEYS[key] || key),
    h("dd", {}, plain(value)),
  ]));
}

export function reviewSummary(review, reasonTitles) {
  return h("div", { class: `review review-${review.decision}`, id: "last-review" },
    h("div", { class: "review-head" },
      h("strong", {}, DECISION[review.decision] || review.decision),
      h("span", { class: "small muted" }, ` ${dateTime(review.at)}`)),
    review.by ? h("div", { class: "small muted" }, actorText(review.by)) : null,
    reasonChips(review.reasons || [], reasonTitles),
    review.comment ? h("p", { class: "review-comment" }, review.comment) : null);
}

export function reasonChips(codes, reasonTitles) {
  if (!codes.length) return null;
  return h("div", { class: "chips" }, codes.map((code) =>
    h("span", { class: "chip", title: code }, reasonTitles[code] || code, " ", h("code", {}, code))));
}

function diffBlock(diff) {
  const lines = diff.replace(/\n$/, "").split("\n");
  return h("pre", { class: "diff" }, lines.map((line) => {
    let cls = "ctx";
    if (line.startsWith("+++") || line.startsWith("---")) cls = "file";
    else if (line.startsWith("@@")) cls = "hunk";
    else if (line.startsWith("+")) cls = "add";
    else if (line.startsWith("-")) cls = "del";
    return h("span", { class: `diff-line diff-${cls}` }, line || " ");
  }));
}

export function history(items, reasonTitles) {
  if (!items.length) return h("p", { class: "muted" }, "Событий пока нет.");
  return h("ol", { class: "timeline", id: "history-list" }, [...items].reverse().map((e) =>
    h("li", { class: `event event-${e.event}` },
      h("div", { class: "event-head" },
        h("span", { class: "event-name" }, EVENT[e.event] || e.event),
        h("span", { class: "badge version" }, `v${e.version}`),
        h("span", { class: "small muted" }, `${dateTime(e.at)} · ${actorText(e.actor)}`),
        e.quality ? h("span", { class: "small muted" }, ` · оценка ${e.quality.score}`) : null),
      reasonChips(e.reasons || [], reasonTitles),
      e.comment ? h("p", { class: "event-comment" }, e.comment) : null,
      e.diff ? diffBlock(e.diff) : null)));
}
