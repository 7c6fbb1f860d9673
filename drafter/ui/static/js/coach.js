// «Проверить свой ответ»: ЦУР train executors on real cases. An executor pastes an appeal and
// their own reply; POST /v1/check runs the same checks as on a draft and the page marks each
// finding in place, with the standard's explanation.

import { check } from "./api.js";
import { h } from "./dom.js";
import { CHANNEL } from "./format.js";
import { highlightedText } from "./parts.js";

export function qualityLine(q) {
  const violations = q.violations || [];
  return h("div", { class: `quality ${q.passed ? "quality-ok" : "quality-bad"}`, id: "quality" },
    h("span", { class: "quality-score" }, `${q.score}`), h("span", { class: "muted" }, " / 100 · "),
    q.passed ? "соответствует стандарту ЦУР" : "не соответствует стандарту ЦУР",
    violations.length ? ` · замечаний: ${violations.length}` : " · замечаний нет");
}

export function renderCoach(root) {
  const appeal = h("textarea", { id: "c-appeal", class: "editor", rows: "9", maxlength: "20000",
    placeholder: "Вставьте текст обращения гражданина" });
  const author = h("input", { id: "c-author", type: "text", maxlength: "200",
    placeholder: "Имя, если известно: проверка учтёт обращение по имени" });
  const channel = h("select", { id: "c-channel" },
    Object.entries(CHANNEL).map(([value, label]) => h("option", { value }, label)));
  const reply = h("textarea", { id: "c-reply", class: "editor", rows: "9", maxlength: "20000",
    placeholder: "Вставьте свой ответ" });
  const error = h("p", { class: "form-error", id: "coach-error", role: "alert", hidden: true });
  const button = h("button", { type: "submit", class: "btn btn-primary", id: "run-check" }, "Проверить");
  const result = h("section", { class: "card", id: "coach-result", hidden: true });

  const form = h("form", { class: "card", id: "coach-form" },
    h("div", { class: "coach-grid" },
      h("div", {},
        h("label", { for: "c-appeal", class: "required" }, "Обращение"), appeal,
        h("div", { class: "form-grid" },
          h("div", {}, h("label", { for: "c-author" }, "Автор"), author),
          h("div", {}, h("label", { for: "c-channel" }, "Канал"), channel))),
      h("div", {}, h("label", { for: "c-reply", class: "required" }, "Ваш ответ"), reply)),
    error,
    h("div", { class: "form-actions" }, button,
      h("span", { class: "small muted" }, "Ответ никуда не отправляется и не сохраняется.")));

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    error.hidden = true;
    if (!appeal.value.trim() || !reply.value.trim()) {
      error.textContent = "Вставьте и обращение, и ответ.";
      error.hidden = false;
      return;
    }
    const body = { text: appeal.value.trim(), channel: channel.value };
    if (author.value.trim()) body.author_name = author.value.trim();
    const text = reply.value;
    button.disabled = true;
    result.hidden = false;
    result.replaceChildren(h("p", { class: "muted working" }, "Проверяем…"));
    try {
      const quality = await check(body, text);
      const violations = quality.violations || [];
      const { block, list } = highlightedText(text, violations);
      result.replaceChildren(h("h2", {}, "Результат проверки"), qualityLine(quality), block);
      if (violations.length) {
        result.append(h("h3", {}, "Замечания"),
          h("p", { class: "hint" }, "Фрагменты выделены в тексте; нажмите на замечание, чтобы перейти к нему."),
          list);
      } else {
        result.append(h("p", { class: "notice notice-success" }, "Замечаний нет: ответ соответствует стандарту."));
      }
      result.scrollIntoView({ block: "start" });
    } catch (err) {
      result.replaceChildren(h("p", { class: "notice notice-error" }, `Проверка не удалась: ${err.russian}`));
    } finally {
      button.disabled = false;
    }
  });

  root.append(
    h("div", { class: "page-head" }, h("div", {},
      h("h1", {}, "Проверить свой ответ"),
      h("p", { class: "muted small" },
        "Вставьте обращение и свой ответ: проверка покажет замечания по стандарту ЦУР прямо в тексте, " +
        "с пояснением к каждому."))),
    form, result);
  return () => {};
}
