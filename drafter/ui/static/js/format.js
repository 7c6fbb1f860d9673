// Russian labels and date formatting.

import { h } from "./dom.js";

export const STATUS = {
  queued: "В очереди",
  drafting: "Готовится",
  ready: "Готов",
  needs_attention: "Требует внимания",
  needs_facts: "Нужны факты",
  failed: "Ошибка подготовки",
  in_review: "На проверке",
  approved: "Утверждён",
  returned: "Возвращён",
  rejected: "Отклонён",
};

export const CHANNEL = {
  vk: "ВКонтакте",
  telegram: "Telegram",
  ok: "Одноклассники",
  pos: "Платформа обратной связи",
  email: "Электронная почта",
  letter: "Письмо",
};

export const ROLE = {
  admin: "Администратор",
  reviewer: "Проверяющий",
  executor: "Исполнитель",
  system: "Система",
};

export const EVENT = {
  created: "Обращение принято",
  generated: "Подготовлен черновик",
  edited: "Текст изменён",
  submitted: "Отправлен на проверку",
  approved: "Утверждён",
  returned: "Возвращён на доработку",
  rejected: "Отклонён",
  redrafted: "Отправлен на повторную подготовку",
  facts: "Факты исполнителя изменены",
  discarded: "Устаревший результат подготовки отброшен",
  sent: "Ответ отправлен гражданину",
};

export const DECISION = { approve: "Утверждён", return: "Возвращён на доработку", reject: "Отклонён" };

export const SEVERITY = { blocker: "критичное", major: "существенное", minor: "незначительное" };

export const FINAL = new Set(["approved", "rejected"]);

const DATE_TIME = new Intl.DateTimeFormat("ru-RU", {
  day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit",
});

export function dateTime(iso) {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : DATE_TIME.format(d);
}

// Dates are typed as «18.11.2024» (and times as «09:15») rather than picked in a date input,
// which speaks the browser's language: an English browser shows mm/dd/yyyy on a Russian page.
export function parseRussianDate(text) {
  const m = String(text).trim().match(/^(\d{1,2})\.(\d{1,2})\.(\d{4})$/);
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null; // 31.02 is no day
  return { year, month, day, iso: probe.toISOString().slice(0, 10) };
}

export function parseTime(text) {
  const m = String(text).trim().match(/^(\d{1,2})[:.](\d{2})$/);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return null;
  return { hours: Number(m[1]), minutes: Number(m[2]) };
}

const pad2 = (n) => String(n).padStart(2, "0");
export const russianDate = (d) => `${pad2(d.getDate())}.${pad2(d.getMonth() + 1)}.${d.getFullYear()}`;
export const clockTime = (d) => `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;

const DAY_MS = 24 * 3600 * 1000;

// overdue (red) / due within 24 hours (amber) / ok; a closed draft's deadline no longer matters
export function deadlineState(draft, now = Date.now()) {
  if (FINAL.has(draft.status)) return "closed";
  if (!draft.deadline) return "none";
  const left = new Date(draft.deadline).getTime() - now;
  if (draft.overdue || left < 0) return "overdue";
  return left <= DAY_MS ? "soon" : "ok";
}

function leftText(ms) {
  const hours = Math.floor(Math.abs(ms) / 3600000);
  if (hours < 1) return "менее часа";
  if (hours < 48) return `${hours} ч`;
  return `${Math.floor(hours / 24)} дн.`;
}

export function deadlineBadge(draft) {
  const state = deadlineState(draft);
  const left = draft.deadline ? new Date(draft.deadline).getTime() - Date.now() : 0;
  const label = {
    overdue: `Просрочен${left < 0 ? ` на ${leftText(left)}` : ""}`,
    soon: `Осталось ${leftText(left)}`,
    ok: "В срок",
    closed: "Закрыт",
    none: "Срок не задан",
  }[state];
  return h(
    "span",
    { class: `badge deadline deadline-${state}`, title: `Срок ответа: ${dateTime(draft.deadline)}` },
    label,
  );
}

// what the draft is: an interim reply is a courtesy, never shown like an answer on the merits
export const REPLY_KIND = { interim: "промежуточный", final: "по существу" };

export function replyKindBadge(kind) {
  if (!kind) return null;
  return h("span", { class: `badge kind kind-${kind}`, title: kind === "interim"
    ? "Промежуточный ответ: «передано, ответим не позднее …» — вежливость, а не ответ по существу"
    : "Ответ по существу: что сделано или будет сделано, кем и когда" }, REPLY_KIND[kind] || kind);
}

export function statusBadge(status) {
  return h("span", { class: `badge status status-${status}` }, STATUS[status] || status);
}

// who did it: the person's name (`drafter token create --name`) when the token has one,
// else the role in Russian and the agency
export function actorText(actor) {
  if (!actor) return "система";
  const parts = [ROLE[actor.role] || actor.role || "система"];
  if (actor.name) parts.unshift(actor.name); // the token's holder (drafter token create --name)
  if (actor.agency) parts.push(actor.agency);
  return parts.join(" · ");
}

// «1 обращение», «3 обращения», «5 обращений»; a fraction («1,4») takes the «few» form
export function plural(n, one, few, many) {
  if (!Number.isInteger(n)) return few;
  const [d10, d100] = [Math.abs(n) % 10, Math.abs(n) % 100];
  if (d10 === 1 && d100 !== 11) return one;
  if (d10 >= 2 && d10 <= 4 && (d100 < 12 || d100 > 14)) return few;
  return many;
}

export function excerpt(text, n = 140) {
  const flat = (text || "").replace(/\s+/g, " ").trim();
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
}
