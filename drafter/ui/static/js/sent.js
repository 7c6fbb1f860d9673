// «Ответ отправлен»: after approval the executor (or a reviewer) sends the reply through the channel and marks
// it here (POST /v1/drafts/{id}/sent), so the time to answer can be counted.

import { drafts } from "./api.js";
import { h } from "./dom.js";
import { dateTime, plural } from "./format.js";

const MARKERS = ["executor", "reviewer", "admin"]; // drafter.review.SENDERS

// The card for an approved draft, or null; `write(action, success)` is the draft page's one
// write path (conflicts, notices, re-render).
export function sentCard(draft, caller, write) {
  if (draft.status !== "approved") return null;
  const card = h("section", { class: "card", id: "sent-card" }, h("h2", {}, "Отправка гражданину"));
  // the draft does not carry the time it was sent: its timeline does, with the working hours
  drafts.timeline(draft.id).then((t) => {
    if (!t.sent_at) return;
    const hours = t.first_reply_hours;
    const state = h("p", { id: "sent-state", class: "sent-done" }, `Ответ отправлен ${dateTime(t.sent_at)}`);
    card.replaceChildren(card.firstChild, state);
    if (hours !== null && hours !== undefined && hours < 0.05) {
      card.append(h("p", { class: "small muted", id: "sent-hours" },
        "Отправлен в нерабочее время, раньше, чем начался рабочий день после поступления, — в срок."));
    } else if (hours !== null && hours !== undefined) {
      const due = t.within_deadline === true ? " — в срок."
        : t.within_deadline === false ? ` — позже срока (${dateTime(t.deadline)}).` : ".";
      card.append(h("p", { class: "small muted", id: "sent-hours" },
        `Через ${hours.toLocaleString("ru-RU", { maximumFractionDigits: 1 })} ` +
        `${plural(Math.round(hours * 10) / 10, "рабочий час", "рабочих часа", "рабочих часов")} после поступления${due}`));
    }
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
