// «Новое обращение»: an executor enters an appeal that came through a channel drafter does not
// read by itself; POST /v1/drafts stores it and a worker drafts the reply, the draft page
// follows it. The agency of an executor is their own (the server enforces it too).

import { drafts } from "./api.js";
import { h } from "./dom.js";
import { CHANNEL, clockTime, parseRussianDate, parseTime, russianDate } from "./format.js";

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
  const now = new Date();
  const receivedDay = h("input", { id: "n-received-date", type: "text", value: russianDate(now), placeholder: "дд.мм.гггг",
    inputmode: "numeric", class: "day-input", "aria-label": "Дата поступления" });
  const receivedTime = h("input", { id: "n-received-time", type: "text", value: clockTime(now), placeholder: "чч:мм",
    inputmode: "numeric", class: "time-input", "aria-label": "Время поступления" });
  const received = h("div", { class: "inline-fields" }, receivedDay, receivedTime);
  const external = h("input", { id: "n-external", type: "text", maxlength: "200",
    placeholder: "Номер в «Инцидент Менеджменте» или на портале" });
  const agency = h("input", { id: "n-agency", type: "text", maxlength: "300",
    value: ownAgency || "", disabled: Boolean(ownAgency), placeholder: "Ведомство-исполнитель" });
  const facts = h("textarea", { id: "n-facts", class: "editor", rows: "3", maxlength: "10000",
    placeholder: "Если уже известно: что сделано или будет сделано, кем и когда. Без этого ответ будет промежуточным." });
  const error = h("p", { class: "form-error", id: "new-error", role: "alert", hidden: true });
  const button = h("button", { type: "submit", class: "btn btn-primary", id: "create" }, "Создать и подготовить ответ");

  const form = h("form", { class: "card", id: "new-appeal" },
    h("div", { class: "form-grid" },
      field("n-text", "Текст обращения", text, { required: true, wide: true }),
      field("n-channel", "Канал", channel),
      field("n-received-date", "Когда поступило", received,
        { hint: "Дата и время по вашим часам (дд.мм.гггг, чч:мм); от них считается срок ответа." }),
      field("n-author", "Автор", author),
      field("n-address", "Адрес", address),
      field("n-external", "Внешний номер", external),
      field("n-agency", "Ведомство", agency, { hint: ownAgency ? "Ваше ведомство." : null }),
      field("n-facts", "Что сделано / что будет сделано", facts, { wide: true,
        hint: "Ответ по существу пишется только по этим фактам; каждая дата и организация из них попадёт в ответ." })),
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
    if (receivedDay.value.trim()) {
      const day = parseRussianDate(receivedDay.value);
      const time = receivedTime.value.trim() ? parseTime(receivedTime.value) : { hours: 0, minutes: 0 };
      if (!day) return complain("Дата поступления: введите её в виде дд.мм.гггг.");
      if (!time) return complain("Время поступления: введите его в виде чч:мм.");
      const at = new Date(day.year, day.month - 1, day.day, time.hours, time.minutes); // the browser's zone
      if (at.getTime() > Date.now() + 5 * 60 * 1000) return complain("Время поступления не может быть в будущем.");
      appeal.received_at = at.toISOString();
    }
    button.disabled = true;
    try {
      const draft = await drafts.create(appeal, facts.value.trim() || null);
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
