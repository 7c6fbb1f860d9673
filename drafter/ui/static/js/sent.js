// «Ответ отправлен»: after approval the executor sends the reply through the channel and marks
// it here (POST /v1/drafts/{id}/sent), so the time to answer can be counted.

import { drafts } from "./api.js";
import { h } from "./dom.js";
import { actorText, dateTime } from "./format.js";

const MARKERS = ["executor", "reviewer", "admin"]; // drafter.review.SENDERS

// The card for an approved draft, or null; `write(action, success)` is the draft page's one
// write path (conflicts, notices, re-render).
export function sentCard(draft, caller, write) {
  if (draft.status !== "approved") return null;
  const card = h("section", { class: "card", id: "sent-card" }, h("h2", {}, "Отправка гражданину"));
  const done = (at, by) => h("p", { id: "sent-state", class: "sent-done" },
    `Ответ отправлен ${dateTime(at)}`, by ? ` · ${actorText(by)}` : "");
  if (draft.sent_at) {
    card.append(done(draft.sent_at, draft.sent_by));
    return card;
  }
  // the draft does not carry the time it was sent: the history's «sent» event does
  drafts.history(draft.id).then((data) => {
    const sent = (data.items || []).find((e) => e.event === "sent");
    if (sent) card.replaceChildren(card.firstChild, done(sent.at, sent.actor));
  }).catch(() => {});
  if (!MARKERS.includes(caller.role)) {
    card.append(h("p", { id: "sent-state", class: "muted" },
      "Ответ утверждён; исполнитель отметит его отправку гражданину."));
    return card;
  }
  const button = h("button", { type: "button", class: "btn btn-primary", id: "mark-sent" },
    "Отметить ответ отправленным");
  button.addEventListener("click", () => {
    button.disabled = true;
    write(() => drafts.markSent(draft.id, draft.version), "Отмечено: ответ отправлен гражданину.");
  });
  card.append(
    h("p", { class: "hint" }, "Отправьте утверждённый текст в канал обращения, затем отметьте это здесь: " +
      "по этой отметке считается время ответа."),
    h("div", { class: "form-actions" }, button));
  return card;
}
