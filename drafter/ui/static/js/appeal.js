// One appeal record (#/appeals/<id>): an imported past appeal or a live draft's, as the pain
// points and the search link to it. A live draft's record points on to the draft page.

import { appeals } from "./api.js";
import { h } from "./dom.js";
import { CHANNEL, dateTime } from "./format.js";
import { reasonInfo } from "./reasons.js";

const hoursText = (x) => (x === null || x === undefined ? null : `${x.toLocaleString("ru-RU", { maximumFractionDigits: 1 })} раб. ч`);
const yesNo = (x) => (x === true ? "да" : x === false ? "нет" : null);

export function renderAppeal(root, id) {
  let gone = false;
  const page = h("div", {}, h("p", { class: "muted" }, "Загрузка…"));
  const back = h("a", { href: "#/queue", class: "back", id: "back" }, "← Назад");
  back.addEventListener("click", (event) => {
    if (window.history.length > 1) {
      event.preventDefault(); // back to the list the record was opened from
      window.history.back();
    }
  });
  root.append(back, page);
  appeals.get(id).then((a) => {
    if (gone) return;
    const facts = [
      ["Поступило", dateTime(a.received_at)], ["Канал", CHANNEL[a.channel] || a.channel],
      ["Ведомство", a.agency], ["Тема", a.topic], ["Категория", a.category], ["Район / место", a.place],
      ["Адрес", a.address], ["Автор", a.author], ["Внешний номер", a.external_id],
      ["Первый ответ", a.first_reply_at ? `${dateTime(a.first_reply_at)} (${hoursText(a.first_reply_hours) || "—"})` : null],
      ["Окончательный ответ", a.final_reply_at ? `${dateTime(a.final_reply_at)} (${hoursText(a.final_reply_hours) || "—"})` : null],
      ["Срок первого ответа", a.deadline ? dateTime(a.deadline) : null],
      ["Ответ в срок", yesNo(a.within_deadline)], ["Итог", a.outcome],
      ["Писал повторно после ответа", yesNo(a.pushback)],
      ["Ответ по стандарту ЦУР", a.quality_score === null || a.quality_score === undefined ? null
        : `${a.quality_score} / 100 · ${a.quality_passed ? "соответствует" : "не соответствует"}`],
      ["Возвращали на доработку", (a.returns || []).length
        ? a.returns.map((code) => reasonInfo(code).label).join(", ") : null],
    ].filter(([, v]) => v);
    page.replaceChildren(
      h("div", { class: "page-head" }, h("div", {},
        h("h1", {}, a.draft_id ? "Обращение (в работе)" : "Обращение из истории"),
        a.draft_id ? h("a", { href: `#/drafts/${encodeURIComponent(a.draft_id)}`, class: "btn btn-primary btn-small", id: "to-draft" }, "Открыть черновик ответа") : null)),
      h("section", { class: "card", id: "appeal-record" },
        h("dl", { class: "meta" }, facts.map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
        h("div", { class: "appeal-text", id: "appeal-text" }, a.text)),
      ...(a.reply_text ? [h("section", { class: "card" }, h("h2", {}, "Ответ"), h("div", { class: "draft-text" }, a.reply_text))] : []));
  }).catch((err) => {
    if (gone) return;
    page.replaceChildren(h("p", { class: "notice notice-error" },
      err.status === 404 ? "Обращение не найдено или недоступно вам." : `Ошибка загрузки: ${err.russian}`));
  });
  return () => { gone = true; };
}
