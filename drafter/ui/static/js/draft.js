// The draft page: the appeal, the checked draft, citations, routing, the editor, the decision
// and the history. Every write carries the version the reviewer saw; on a conflict the page
// says so and reloads, and the server keeps the newer text.

import { drafts, reasonCodes, streamDraft } from "./api.js";
import { h } from "./dom.js";
import { CHANNEL, FINAL, dateTime, deadlineBadge, replyKindBadge, statusBadge } from "./format.js";
import {
  citations, claimsList, claimsToConfirm, highlightedText, history, reasonFieldset, reviewSummary,
  routing,
} from "./parts.js";
import { sentCard } from "./sent.js";

const EDITABLE = {
  executor: ["ready", "needs_attention", "needs_facts", "returned"],
  reviewer: ["in_review"],
  admin: ["ready", "needs_attention", "needs_facts", "returned", "in_review"],
};
const SUBMITTABLE = ["ready", "needs_attention", "needs_facts", "returned"];
const REDRAFTABLE = ["ready", "needs_attention", "needs_facts", "returned", "failed"];
// who writes the facts: the executor (and an admin), whenever the draft may be redrafted
const FACTS_ROLES = ["executor", "admin"];
const WORKING = ["queued", "drafting"];

let reasonsCache = null;

async function loadReasons() {
  if (!reasonsCache) reasonsCache = await reasonCodes();
  return reasonsCache;
}

export function renderDraft(root, id, caller) {
  let draft = null;
  let reasons = [];
  let unsaved = null; // the reviewer's text that a conflict kept from being saved
  let timer = null;
  let gone = false;
  let live = null; // the stream of the draft being written, while it is


  const notice = h("div", { id: "notice", class: "notice", role: "status", hidden: true });
  const page = h("div", { class: "draft-page" }, h("p", { class: "muted" }, "Загрузка…"));
  root.append(
    h("a", { href: "#/queue", class: "back" }, "← К очереди"),
    notice,
    page,
  );

  function flash(kind, text) {
    notice.className = `notice notice-${kind}`;
    notice.textContent = text;
    notice.hidden = false;
    window.scrollTo({ top: 0 }); // the result of an action is shown at the top, with the status
  }

  async function load() {
    clearTimeout(timer);
    try {
      const [fresh, codes] = await Promise.all([drafts.get(id), loadReasons().catch(() => [])]);
      if (gone) return;
      draft = fresh;
      reasons = codes;
      render();
      loadHistory();
      if (WORKING.includes(draft.status)) {
        follow();
        timer = setTimeout(load, 1500);
      }
    } catch (err) {
      if (gone) return;
      page.replaceChildren(h("p", { class: "notice notice-error" },
        err.status === 404 ? "Черновик не найден или недоступен вам." : `Ошибка загрузки: ${err.russian}`));
    }
  }

  // the first words show as the model writes them; the page reloads the draft when it is done
  function follow() {
    if (live) return;
    live = new AbortController();
    let text = "";
    streamDraft(id, (piece) => {
      text += piece;
      const box = page.querySelector("#live-text");
      if (box) { box.textContent = text; box.hidden = false; }
    }, live.signal).then(() => { live = null; if (!gone) load(); })
      .catch(() => { live = null; }); // polling goes on
  }

  async function loadHistory() {
    const box = page.querySelector("#history");
    if (!box) return;
    try {
      const data = await drafts.history(id);
      box.replaceChildren(history(data.items || [], reasons));
    } catch (err) {
      box.replaceChildren(h("p", { class: "muted" }, `История недоступна: ${err.russian}`));
    }
  }

  // one write: on success show the new draft, on a version conflict reload without overwriting
  async function write(action, success, keepText) {
    try {
      const updated = await action();
      if (updated && updated.id) draft = updated;
      unsaved = null;
      flash("success", success);
      if (updated && updated.id) {
        render();
        loadHistory();
        if (WORKING.includes(draft.status)) timer = setTimeout(load, 1500);
      } else {
        await load();
      }
    } catch (err) {
      if (err.isConflict) {
        unsaved = keepText || null;
        flash("warning",
          "Черновик уже изменил другой пользователь, пока вы с ним работали. Ваши изменения " +
          "не сохранены, чтобы не затереть чужую правку: загружена актуальная версия. " +
          "Проверьте её и повторите действие.");
        await load();
      } else {
        flash("error", `Не удалось выполнить действие: ${err.russian}`);
      }
    }
  }

  function render() {
    const d = draft;
    const role = caller.role;
    const canEdit = d.text !== null && d.text !== undefined && (EDITABLE[role] || []).includes(d.status);
    const canReview = (role === "reviewer" || role === "admin") && d.status === "in_review";
    const canSubmit = SUBMITTABLE.includes(d.status);
    const canRedraft = role !== "reviewer" && REDRAFTABLE.includes(d.status);

    const head = h("div", { class: "page-head draft-head" },
      h("div", {},
        h("h1", {}, "Черновик ответа"),
        h("div", { class: "head-meta" },
          statusBadge(d.status), replyKindBadge(d.reply_kind), deadlineBadge(d),
          h("span", { class: "muted" }, `Срок ответа: ${dateTime(d.deadline)}`),
          h("span", { class: "badge version", id: "version" }, `версия ${d.version ?? "—"}`))),
      h("div", { class: "small muted draft-id" }, d.id));

    const a = d.appeal;
    const appeal = h("section", { class: "card", id: "appeal" },
      h("h2", {}, "Обращение гражданина"),
      h("dl", { class: "meta meta-inline" },
        [["Канал", CHANNEL[a.channel] || a.channel], ["Ведомство", a.agency], ["Категория", a.category],
          ["Автор", a.author_name], ["Адрес", a.address], ["Регион", a.region],
          ["Поступило", a.received_at ? dateTime(a.received_at) : dateTime(d.created_at)]]
          .filter(([, v]) => v)
          .map(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
      h("div", { class: "appeal-text", id: "appeal-text" }, a.text));

    const answer = h("section", { class: "card", id: "answer" }, h("h2", {}, "Текст ответа"));
    if (WORKING.includes(d.status)) {
      answer.append(h("p", { class: "muted working" }, "Черновик готовится, страница обновится сама…"),
        h("div", { class: "draft-text live", id: "live-text", hidden: true }));
    } else if (d.status === "failed") {
      answer.append(h("p", { class: "notice notice-error" }, `Подготовить черновик не удалось: ${d.error || "ошибка"}`));
    }
    if (d.text) {
      const q = d.quality;
      const violations = (q && q.violations) || [];
      if (q) {
        // an interim reply is never shown in the same green as an answer on the merits
        const interim = d.reply_kind === "interim";
        const cls = interim ? "quality-interim" : q.passed ? "quality-ok" : "quality-bad";
        answer.append(h("div", { class: `quality ${cls}`, id: "quality" },
          h("span", { class: "quality-score" }, `${q.score}`), h("span", { class: "muted" }, " / 100 · "),
          interim ? "промежуточный ответ — это ещё не ответ по существу"
            : q.passed ? "соответствует стандарту ЦУР" : "не соответствует стандарту ЦУР",
          violations.length ? ` · замечаний: ${violations.length}` : " · замечаний нет"));
      }
      const { block, list } = highlightedText(d.text, violations);
      answer.append(block);
      if (violations.length) {
        answer.append(h("h3", {}, "Замечания проверки"),
          h("p", { class: "hint" }, "Фрагменты выделены в тексте; наведите на выделение, чтобы увидеть пояснение."),
          list);
      }
      const claims = claimsToConfirm(d.text, d.support);
      if (claims.length) {
        answer.append(h("h3", {}, "Проверьте перед отправкой"),
          h("p", { class: "hint" }, "Подтвердите эти утверждения или исправьте текст: черновик их не доказывает."),
          claimsList(claims));
      }
    }

    const main = h("div", { class: "col-main" }, appeal, factsCard(d), answer);
    if (d.checklist && d.checklist.length) main.append(checklistCard(d.checklist));
    if (canEdit) main.append(editorCard(d));
    if (unsaved) {
      main.append(h("section", { class: "card card-warning", id: "unsaved" },
        h("h2", {}, "Ваш несохранённый текст"),
        h("p", { class: "hint" }, "Сохранён только в этой вкладке. Скопируйте нужное в редактор актуальной версии."),
        h("textarea", { class: "editor", readonly: true, rows: "6", value: unsaved })));
    }
    main.append(decisionCard({ canReview, canSubmit, canRedraft }));
    const sent = sentCard(d, caller, (action, success) => write(action, success));
    if (sent) main.append(sent);

    const side = h("div", { class: "col-side" });
    if (d.review) side.append(h("section", { class: "card" }, h("h2", {}, "Последнее решение"), reviewSummary(d.review, reasons)));
    if (d.routing) side.append(h("section", { class: "card" }, h("h2", {}, "Маршрутизация"), routing(d.routing)));
    side.append(h("section", { class: "card" }, h("h2", {}, "Источники"), citations(d.citations || [])));

    page.replaceChildren(
      head,
      h("div", { class: "draft-grid" }, main, side),
      h("section", { class: "card", id: "history-card" }, h("h2", {}, "История изменений"),
        h("div", { id: "history" }, h("p", { class: "muted" }, "Загрузка…"))),
    );
  }

  // «Что сделано / что будет сделано»: the executor's facts, the input of a reply on the merits
  function factsCard(d) {
    const card = h("section", { class: "card", id: "facts-card" }, h("h2", {}, "Что сделано / что будет сделано"));
    const canWrite = FACTS_ROLES.includes(caller.role) && REDRAFTABLE.includes(d.status);
    const gaps = factsGaps(d);
    if (!canWrite) {
      card.append(d.facts
        ? h("div", { class: "facts-text", id: "facts-text" }, d.facts)
        : h("p", { class: "muted", id: "facts-text" }, "Исполнитель не сообщил фактов: ответ по существу ещё не написан."));
      if (gaps) card.append(gaps);
      return card;
    }
    const area = h("textarea", {
      id: "facts", class: "editor", rows: "4", value: d.facts || "",
      placeholder: "Например: яму засыпали 3 декабря, асфальт положат в мае, подрядчик ООО «ДорСервис». " +
        "Или вставьте ответ ведомства или акт проверки.",
    });
    const go = h("button", { type: "button", class: "btn btn-primary", id: "write-reply", disabled: !(d.facts || "").trim() },
      "Написать ответ");
    area.addEventListener("input", () => { go.disabled = !area.value.trim(); });
    go.addEventListener("click", () => {
      go.disabled = true;
      write(() => drafts.setFacts(id, area.value, draft.version),
        "Факты сохранены, ответ пишется заново по ним.", null);
    });
    card.append(
      h("p", { class: "hint" }, "Что сделано, решено или запланировано, кем и когда. Ответ по существу пишется только по этим фактам; каждая дата и организация из них попадёт в ответ."),
      area);
    if (gaps) card.append(gaps);
    card.append(h("div", { class: "form-actions" }, go));
    return card;
  }

  // what the facts themselves lack: a reply written from them cannot say more than they do
  function factsGaps(d) {
    if (!d.facts || !d.facts_gaps || !d.facts_gaps.length) return null;
    return h("div", { class: "facts-gaps", id: "facts-gaps" },
      h("p", { class: "small" }, h("strong", {}, "Чего не хватает в сведениях для ответа по существу")),
      h("ul", { class: "checklist" }, d.facts_gaps.map((g) => h("li", {}, g))));
  }

  function checklistCard(items) {
    return h("section", { class: "card card-warning", id: "checklist" },
      h("h2", {}, "Что нужно узнать для ответа по существу"),
      h("p", { class: "hint" }, "Это промежуточный ответ. Выясните следующее и впишите в поле «Что сделано / что будет сделано»."),
      h("ul", { class: "checklist" }, items.map((i) =>
        h("li", {}, h("span", {}, i.label), i.why ? h("span", { class: "small muted" }, ` — ${i.why}`) : null))));
  }

  function editorCard(d) {
    const area = h("textarea", { id: "editor", class: "editor", rows: "10", value: d.text, spellcheck: "true" });
    const state = h("span", { class: "small muted", id: "editor-state" }, "");
    const save = h("button", { type: "button", class: "btn btn-primary", id: "save", disabled: true }, "Сохранить текст");
    const undo = h("button", { type: "button", class: "btn btn-quiet", id: "undo", disabled: true }, "Отменить изменения");
    area.addEventListener("input", () => {
      const dirty = area.value !== d.text;
      save.disabled = !dirty || !area.value.trim();
      undo.disabled = !dirty;
      state.textContent = dirty ? "Есть несохранённые изменения" : "";
    });
    undo.addEventListener("click", () => {
      area.value = d.text;
      area.dispatchEvent(new Event("input"));
    });
    save.addEventListener("click", () => {
      save.disabled = true;
      const text = area.value;
      write(() => drafts.saveText(id, text, draft.version), "Текст сохранён, качество проверено заново.", text);
    });
    return h("section", { class: "card", id: "editor-card" },
      h("h2", {}, "Редактор"),
      area,
      h("div", { class: "form-actions" }, save, undo, state));
  }

  function editorValue() {
    const area = page.querySelector("#editor");
    return area && area.value !== draft.text ? area.value : null;
  }

  function decisionCard({ canReview, canSubmit, canRedraft }) {
    const card = h("section", { class: "card", id: "decision" }, h("h2", {}, "Решение"));
    // a form mistake is shown next to the buttons, where the reviewer is looking
    const mistake = h("p", { class: "form-error", id: "decision-error", role: "alert", hidden: true });
    const complain = (text) => {
      mistake.textContent = text;
      mistake.hidden = false;
    };
    if (FINAL.has(draft.status)) {
      card.append(h("p", { class: "muted" }, "Работа с черновиком завершена."));
      return card;
    }
    if (canSubmit || canRedraft) {
      const row = h("div", { class: "form-actions" });
      if (canSubmit) {
        row.append(h("button", { type: "button", class: "btn btn-primary", id: "submit", on: { click: () => {
          if (editorValue() !== null) return complain("Сначала сохраните или отмените изменения текста.");
          write(() => drafts.submit(id, draft.version), "Черновик отправлен на проверку.");
        } } }, "Отправить на проверку"));
      }
      if (canRedraft) {
        row.append(h("button", { type: "button", class: "btn btn-quiet", id: "redraft", on: { click: () =>
          write(() => drafts.redraft(id, draft.version), "Черновик отправлен на повторную подготовку.") } },
        "Подготовить заново"));
      }
      card.append(row, mistake);
    }
    if (!canReview) {
      if (!canSubmit && !canRedraft) {
        const why = {
          in_review: "Черновик на проверке: решение примет проверяющий.",
          queued: "Черновик в очереди на подготовку.",
          drafting: "Черновик готовится.",
        }[draft.status] || "Для этого статуса действий нет.";
        card.append(h("p", { class: "muted", id: "no-actions" }, why));
      }
      return card;
    }
    const { box: reasonBox, chosen } = reasonFieldset(reasons);
    const comment = h("textarea", { id: "comment", class: "editor", rows: "3", placeholder: "Комментарий для исполнителя" });
    const approve = h("button", { type: "button", class: "btn btn-success", id: "approve" }, "Утвердить");
    const ret = h("button", { type: "button", class: "btn btn-warning", id: "return" }, "Вернуть на доработку");
    const reject = h("button", { type: "button", class: "btn btn-danger", id: "reject" }, "Отклонить");
    approve.addEventListener("click", () => {
      const text = editorValue();
      const body = { decision: "approve", reasons: [], comment: comment.value.trim() || null };
      if (text !== null) body.text = text;
      write(() => drafts.review(id, body, draft.version),
        text !== null ? "Ответ утверждён с вашей правкой." : "Ответ утверждён.", text);
    });
    ret.addEventListener("click", () => {
      if (!chosen().length) return complain("Чтобы вернуть черновик, отметьте хотя бы одну причину.");
      if (editorValue() !== null) return complain("Сначала сохраните или отмените изменения текста.");
      write(() => drafts.review(id, { decision: "return", reasons: chosen(), comment: comment.value.trim() || null },
        draft.version), "Черновик возвращён исполнителю на доработку.");
    });
    let armed = false;
    reject.addEventListener("click", () => {
      if (!armed) {
        armed = true;
        reject.textContent = "Подтвердить отклонение";
        return;
      }
      write(() => drafts.review(id, { decision: "reject", reasons: chosen(), comment: comment.value.trim() || null },
        draft.version), "Черновик отклонён.");
    });
    card.append(
      reasonBox,
      h("label", { for: "comment" }, "Комментарий"),
      comment,
      h("div", { class: "form-actions" }, approve, ret, reject),
      mistake);
    return card;
  }

  load();
  return () => {
    gone = true;
    clearTimeout(timer);
    if (live) live.abort();
  };
}
