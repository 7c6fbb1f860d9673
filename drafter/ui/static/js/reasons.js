// Reason and violation codes as a person reads them: a Russian label, the quality standard's
// explanation (shared/docs/quality-standard.md, in Russian) and the group it belongs to. Codes
// stay in the API and in data attributes; the page shows only the words. A code the server
// knows and this table does not is shown with the server's own title and description.

export const REASON_GROUPS = [
  {
    id: "substance",
    title: "Ответ не по существу",
    codes: ["OTPISKA", "REDIRECT", "NO_SPECIFICS", "NO_DEADLINE", "NO_EVIDENCE", "WRONG_AGENCY"],
  },
  {
    id: "facts",
    title: "Факты и данные",
    codes: ["UNGROUNDED", "LOST_FACT", "CONTRADICTION", "LEGAL_DUMP", "PII_LEAK"],
  },
  {
    id: "tone",
    title: "Тон и язык",
    codes: ["NO_GREETING", "IMPOLITE", "FORMALISM", "TEMPLATE", "HARD_TO_READ", "RATE_REQUEST", "GARBAGE"],
  },
];

export const REASONS = {
  OTPISKA: {
    label: "Отписка",
    explain: "Ответ не отвечает на вопрос и не обещает ничего проверяемого. Признаки: «ваше обращение " +
      "рассмотрено», «информация принята к сведению», «вопрос находится на контроле» без продолжения.",
  },
  REDIRECT: {
    label: "Отправляет в другой орган",
    explain: "Гражданина отправляют «обратиться в …» вместо действий ведомства, не сказав, кого " +
      "попросили действовать и когда гражданин получит ответ.",
  },
  NO_SPECIFICS: {
    label: "Нет конкретики",
    explain: "Нет конкретного действия, места, ответственной организации или результата: такой " +
      "ответ подошёл бы к любому обращению этой категории.",
  },
  NO_DEADLINE: {
    label: "Нет срока",
    explain: "Работы обещаны без даты: «в ближайшее время», «в кратчайшие сроки», «в плановом " +
      "порядке». Если проблема подтверждена, это критичное замечание.",
  },
  NO_EVIDENCE: {
    label: "Нет подтверждения работ",
    explain: "Не приведено обоснование или подтверждение выполненных работ (акт, фотографии).",
  },
  WRONG_AGENCY: {
    label: "Не то ведомство",
    explain: "Обращение направлено не в то ведомство; нужен другой исполнитель.",
  },
  UNGROUNDED: {
    label: "Факт без источника",
    explain: "Дата, число, адрес, телефон, организация или норма, которых нет ни в обращении, ни в " +
      "источниках, — например, придуманный срок или пункт правил.",
  },
  CONTRADICTION: {
    label: "Противоречие",
    explain: "Утверждения ответа противоречат друг другу или источникам.",
  },
  LEGAL_DUMP: {
    label: "Перечень законов без объяснения",
    explain: "Нормативные акты приведены полными названиями или списком, без объяснения, что они " +
      "значат для этого гражданина.",
  },
  PII_LEAK: {
    label: "Чужие персональные данные",
    explain: "Персональные данные третьих лиц: личные телефоны, номера квартир соседей, ФИО других граждан.",
  },
  NO_GREETING: {
    label: "Нет приветствия или обращения по имени",
    explain: "Нет приветствия, или гражданин не назван по имени, хотя имя известно (например, " +
      "«Уважаемый пользователь»).",
  },
  IMPOLITE: {
    label: "Невежливый тон",
    explain: "Грубость, снисходительность, упрёки или поучения гражданину, капслок, ирония: «Вы не " +
      "правы», «читайте внимательнее».",
  },
  FORMALISM: {
    label: "Канцелярит",
    explain: "Формулы, отдаляющие власть от гражданина: «настоящим сообщаем», «доводим до Вашего " +
      "сведения», «в рамках компетенции», цепочки отглагольных существительных.",
  },
  TEMPLATE: {
    label: "Дежурные фразы",
    explain: "Шаблонные фразы без информации: «благодарим за активную гражданскую позицию», " +
      "«приносим извинения за доставленные неудобства».",
  },
  HARD_TO_READ: {
    label: "Трудно читать",
    explain: "Длинные предложения (больше ~25 слов), цепочки причастных и деепричастных оборотов, " +
      "ответ длиннее, чем позволяет канал.",
  },
  RATE_REQUEST: {
    label: "Просьба оценить работу",
    explain: "Гражданина просят оценить работу, хотя проблема не решена.",
  },
  LOST_FACT: {
    label: "Потерян факт исполнителя",
    explain: "Дата, срок, адрес, организация или норма из того, что сообщил исполнитель, не попали в " +
      "ответ. Потерянный факт так же плох, как придуманный.",
  },
  GARBAGE: {
    label: "Испорченный текст",
    explain: "Текст не по-русски, зацикленные повторы, эхо инструкций или служебного текста, " +
      "остатки разметки, пустой ответ.",
  },
};

// The label and explanation of a code; `known` is the server's list (GET /v1/meta/reason-codes).
export function reasonInfo(code, known = []) {
  const ours = REASONS[code];
  const theirs = known.find((r) => r.code === code);
  return {
    code,
    label: (ours && ours.label) || (theirs && theirs.title) || "Другая причина",
    // the server's fuller text wins when it sends one (one source for the standard's words)
    explain: (theirs && theirs.explanation) || (ours && ours.explain) || (theirs && theirs.description) || "",
  };
}

// The server's codes grouped as above; codes no group names go into «Другое».
export function groupedReasons(known) {
  const codes = known.map((r) => r.code);
  const groups = REASON_GROUPS.map((g) => ({
    ...g,
    items: g.codes.filter((c) => codes.includes(c)).map((c) => reasonInfo(c, known)),
  }));
  const grouped = new Set(REASON_GROUPS.flatMap((g) => g.codes));
  const rest = codes.filter((c) => !grouped.has(c)).map((c) => reasonInfo(c, known));
  if (rest.length) groups.push({ id: "other", title: "Другое", items: rest });
  return groups.filter((g) => g.items.length);
}
