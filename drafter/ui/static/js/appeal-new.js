// «Новое обращение»: an executor enters an appeal that came through a channel drafter does not
// read by itself; POST /v1/drafts stores it and a worker drafts the reply, the draft page
// follows it. The agency of an executor is their own (the server enforces it too).

import { drafts } from "./api.js";
import { h } from "./dom.js";
import { CHANNEL } from "./format.js";

// «2026-12-06T16:30» for <input type=datetime-local>, in the browser's time zone
function localInputValue(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function field(id, label, control, { required = false, wide = false, hint = null } = {}) {
  return h("div", { class: wide ? "field wide" : "field" },
    h("label", { for: id, class: required ? "required" : null }, label),
    control,
    hint ? h("p", { class: "hint" }, hint) : null);
}

export function renderNewAppeal(root, caller) {
  const ownAgency = caller.role === "executor" ? caller.agency : null;
  const text = h("textarea", { id: "n-text", class: "editor", rows: "8", required: true, maxlength: "20000",
    placeholder: "Текст обращения так, как его написал гражданин" });
  const channel = h("select", { id: "n-channel" },
    Object.entries(CHANNEL).map(([value, label]) => h("option", { value }, label)));
  const author = h("input", { id: "n-author", type: "text", maxlength: "200", placeholder: "Например: Анна Петрова" });
  const address = h("input", { id: "n-address", type: "text", maxlength: "500", placeholder: "Город, улица, дом" });
  const received = h("input", { id: "n-received", type: "datetime-local", value: localInputValue(new Date()) });
  const external = h("input", { id: "n-external", type: "text", maxlength: "200",
    placeholder: "Номер в «Инцидент Менеджменте» или на портале" });
  const agency = h("input", { id: "n-agency", type: "text", maxlength: "300",
    value: ownAgency || "", disabled: Boolean(ownAgency), placeholder: "Ведомство-исполнитель" });
  const error = h("p", { class: "form-error", id: "new-error", role: "alert", hidden: true });
  const button = h("button", { type: "submit", class: "btn btn-primary", id: "create" }, "Создать и подготовить ответ");

  const form = h("form", { class: "card", id: "new-appeal" },
    h("div", { class: "form-grid" },
      field("n-text", "Текст обращения", text, { required: true, wide: true }),
      field("n-channel", "Канал", channel),
      field("n-received", "Когда поступило", received, { hint: "От этого времени считается срок ответа." }),
      field("n-author", "Автор", author),
      field("n-address", "Адрес", address),
      field("n-external", "Внешний номер", external),
      field("n-agency", "Ведомство", agency, { hint: ownAgency ? "Ваше ведомство." : null })),
    error,
    h("div", { class: "form-actions" }, button,
      h("a", { href: "#/queue", class: "btn btn-quiet" }, "Отмена")));

  const complain = (message) => {
    error.textContent = message;
    error.hidden = false;
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    if (!text.value.trim()) return complain("Введите текст обращения.");
    const appeal = { text: text.value.trim(), channel: channel.value };
    const optional = { author_name: author.value, address: address.value, external_id: external.value };
    if (!ownAgency) optional.agency = agency.value;
    for (const [key, value] of Object.entries(optional)) if (value.trim()) appeal[key] = value.trim();
    if (received.value) {
      const at = new Date(received.value);
      if (Number.isNaN(at.getTime())) return complain("Время поступления указано неверно.");
      if (at.getTime() > Date.now() + 5 * 60 * 1000) return complain("Время поступления не может быть в будущем.");
      appeal.received_at = at.toISOString();
    }
    button.disabled = true;
    try {
      const draft = await drafts.create(appeal);
      window.location.hash = `#/drafts/${encodeURIComponent(draft.id)}`;
    } catch (err) {
      complain(`Не удалось создать обращение: ${err.russian}`);
      button.disabled = false;
    }
  });

  root.append(
    h("div", { class: "page-head" }, h("div", {},
      h("h1", {}, "Новое обращение"),
      h("p", { class: "muted small" }, "Черновик ответа будет подготовлен автоматически; страница черновика откроется сразу."))),
    form);
  text.focus();
  return () => {};
}
