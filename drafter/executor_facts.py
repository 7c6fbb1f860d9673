"""The executor's facts: what only the agency knows (what was done, decided, planned), the input
a reply on the merits is written from.

They come as free text — terse notes («яму засыпали 3 декабря, асфальт в мае, подрядчик
ДорСервис») or the agency's formal answer pasted in — and are untrusted like the appeal: they
go into the prompt as quoted data, never as instructions. Two rules hold a reply to them:

* they ground it: a date, number, address, organisation or norm in the facts may stand in the
  reply (``facts_source``);
* nothing of them is lost: every such fact reaches the reply (``lost_facts``), except a private
  phone, which is a person's data, not the agency's answer. A reply that drops one fails the gate
  (``LOST_FACT``), as a reply that invents one does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from drafter.claims import reports_work_done
from drafter.domain import MAX_FACTS_CHARS, Quality, Violation
from drafter.errors import InvalidInput
from drafter.grounding import Source, stems_of
from drafter.normalize import normalize_appeal_text
from drafter.quality import KIND_RU, Context, Grounding, extract_facts
from drafter.quality.lexicon import ACTION_KEYS, NOT_A_FIX
from drafter.quality.polarity import reversals
from drafter.quality.text import Doc
from knowledge.text import Sentence, lemmas, morph, split_sentences, stems

LOST_FACT = "LOST_FACT"
# what a formal letter says about itself, not about the case: its salutation, «рассмотрев Ваше
# сообщение № … от …, сообщаем следующее», apologies and thanks, the attachments. Pasted in as
# the executor's facts, these sentences are neither facts to carry nor words to repeat.
_SALUTATION = re.compile(r"(?i)^\W*уважаем\w*\s+[^!.\n]{0,60}[!.]?\W*$")
_LETTER_APPARATUS = re.compile(
    r"(?i)рассмотрев\s+ваш|сообщаем\s+следующее|настоящим\s+сообщаем|доводим\s+до\s+вашего|"
    r"в\s+ответ\s+на\s+ваше\s+обращение\s*(?:№[\s\d]+)?[,.]?\s*$|приносим\s+(?:свои\s+)?извинени|"
    r"благодарим\s+за|^\W*(?:приложени\w*|фото\w*|материалы\s+прилага\w*)\b|прилага\w*\W*$|"
    r"с\s+уважением|сообща\w*\s+следующее\s*[.:]?\s*$|"
    # «В ходе проверки установлено следующее.»: a frame for what follows; with a date in it
    # («Обследованием 12.01.2021 установлено следующее:») it is the inspection's, and stays
    r"^[^\d]*\sследующее\s*[.:]?\s*$|"
    # «В ответ на Ваше обращение от 05.01.2021 № … по вопросу … сообщаем.»: nothing follows
    r"\s(?:сообщаем|сообщает|информируем|информирует)\s*[.:]?\s*$|"
    # the model's own copy of the frame: «Мы рассмотрели Ваше сообщение от … № … по вопросу …»
    r"^\W*мы\s+(?:уже\s+)?рассмотрели\s+ваш\w*\s+(?:обращение|сообщение)"
)
# the kinds of fact that must reach the reply (drafter.grounding's extractor names them)
CARRIED_KINDS = frozenset({"date", "number", "address", "org", "norm", "phone"})
# what was done must reach the reply too: a facts' sentence reporting work done is carried when
# the reply holds at least this share of its words («Работы выполнены» carries «все необходимые
# работы выполнены»)
CLAIM_CARRIED = 0.5


def clean_facts(text: str | None) -> str | None:
    """The facts as the pipeline uses them: markup and invisible characters gone; None if empty."""
    if text is None:
        return None
    if len(text) > MAX_FACTS_CHARS:
        raise InvalidInput(
            f"факты исполнителя: {len(text)} символов, предел {MAX_FACTS_CHARS}",
            field="facts",
        )
    cleaned = normalize_appeal_text(text)
    return cleaned or None


# what a letter attaches: «Приложение: письмо УК, акт, фотофиксация, расписка.» (measure (A),
# spb-3129672, spb-3171179: the model told the list back as a sentence of its reply). A sentence
# that starts with «Акт» is one only as a bare list: «Акт осмотра составлен 12.01.2021» is a fact
_ATTACHMENT_LEAD = re.compile(r"(?i)^\W*(?:приложени[ея]|материалы)\s*:")
_ATTACHMENTS = frozenset(
    [
        "письмо",
        "акт",
        "фотофиксация",
        "фотоматериал",
        "фотография",
        "фото",
        "фотоотчёт",
        "фотоотчет",
        "справка",
        "расписка",
        "схема",
        "копия",
        "приложение",
        "материал",
        "видеозапись",
        "видео",
        "скриншот",
        "выписка",
    ]
)


def is_letter_apparatus(sentence: str) -> bool:
    """The sentence is a letter's apparatus (salutation, «рассмотрев … сообщаем следующее»,
    apologies, attachments), not a statement about the case."""
    return bool(
        _SALUTATION.match(sentence)
        or _LETTER_APPARATUS.search(sentence)
        or _ATTACHMENT_LEAD.match(sentence)
        or _attachments_only(sentence)
    )


def _attachments_only(sentence: str) -> bool:
    """«Письмо, акт и фотофиксация.», «Справка, акт выполненных работ.»: the names of
    attachments (with what they are of, and an agency's abbreviation: «письмо УК»), no verb and
    no preposition — a list, not a statement («Акт осмотра составлен …», «Письмо в ГЖИ» are)."""
    named = False
    for word in re.findall(r"[А-Яа-яЁё]+", sentence):
        if word.isupper() and len(word) > 1 or word.lower() == "и":
            continue  # «УК», «МВК»
        parse = morph().parse(word.lower())[0]
        if parse.normal_form in _ATTACHMENTS:
            named = True
        elif parse.tag.POS in ("ADJF", "PRTF") or (parse.tag.POS == "NOUN" and "gent" in parse.tag):
            continue  # «акт выполненных работ»: what the attachment is of
        else:
            return False
    return named


# «На Ваше обращение от 28.01.2021 № 3171179 …», «Ваше сообщение № 3154983 от 12.01.2021 …»: the
# letter names the appeal it answers; that date and number are the appeal's own, not the case's
# facts (the citizen knows when they wrote), so a reply need not carry them
_APPEAL_REFERENCE = re.compile(
    r"(?i)(?:(?:в\s+ответ\s+)?на\s+)?ваш\w*\s+(?:обращени|сообщени|заявлени)\w*"
    r"(?:\s*,?\s*(?:от\s+\d{1,2}\.\d{1,2}\.\d{2,4}(?:\s*г\.?)?|№\s*[\d\-/]+))+"
)


def apparatus_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` (a letter pasted in as facts) speaks about itself: whole sentences, or the
    lead-in of one that goes on after a colon («… сообщаем следующее: трубу заменили»), and its
    reference to the appeal («на Ваше обращение от 28.01.2021 № 3171179»)."""
    spans = [m.span() for m in _APPEAL_REFERENCE.finditer(text)]
    for x in split_sentences(text):
        # what plain words cut as the reference to the appeal («На Ваше обращение, поступившее
        # 28.01.2021 на портал, ООО «ЖКС №2» сообщает …») is the letter's too
        spans += [(x.start + a, x.start + b) for a, b in _reference_spans(x.text)]
        if not is_letter_apparatus(x.text):
            continue
        lead, rest = split_lead_in(x.text)
        spans.append((x.start, x.start + len(lead)) if rest else (x.start, x.stop))
    return spans


def split_lead_in(sentence: str) -> tuple[str, str]:
    """«Рассмотрев …, сообщаем следующее: трубу заменили» → (the lead-in, «трубу заменили»);
    the rest is "" when nothing of substance (three words or more) follows a colon. A colon
    inside the lead-in («… по адресу: ул. Курчатова, д. 6, сообщаем следующее.») is the
    address's: the lead-in goes on past it. «…, сообщаем следующее, что водоотведение
    восстановлено» (measure (A), spb-3120333) leads in up to its «что». What follows
    «Приложение:» is the attachments, never the case."""
    if _ATTACHMENT_LEAD.match(sentence):
        return sentence, ""
    that = _THAT_LEAD.search(sentence)
    if that is not None:
        head, rest = sentence[: that.end()], sentence[that.end() :].strip()
        if len(rest.split()) >= 3 and is_letter_apparatus(head) and not is_letter_apparatus(rest):
            return head, rest
    for colon in (i for i, ch in enumerate(sentence) if ch == ":"):
        head, tail = sentence[: colon + 1], sentence[colon + 1 :]
        rest = tail.strip()
        if len(rest.split()) >= 3 and is_letter_apparatus(head) and not is_letter_apparatus(rest):
            return sentence[: sentence.rindex(rest)], rest
    return sentence, ""


# «…, сообщаем следующее, что …», «…, информируем Вас о том, что …»: the lead-in's end
_THAT_LEAD = re.compile(
    r"(?i)\b(?:сообща|информиру|уведомля)\w*(?:\s+вам|\s+вас)?(?:\s+следующее)?"
    r"(?:\s+о\s+том)?\s*,?\s*что\s+"
)
# a line break, or a blank line, before a lower-case letter never ends a sentence: «… ООО «ЖКС
# №1» сообщает,\r\n\r\nпо адресу: …» (spb-3170046 lost who answers with the cut-off head)
_SOFT_WRAP = re.compile(r"(?<![.!?:;])[ \t]*(?:\r?\n[ \t]*)+(?=[а-яёa-z])")


def fact_sentences(facts: str) -> list[str]:
    """The facts as sentences to put in a reply: each line or «;» part of terse notes
    («яму засыпали 3 декабря; асфальт в мае») starts with a capital and ends with a full stop;
    a pasted letter loses what it says about itself («Уважаемый пользователь!», «сообщаем
    следующее», «Информируем Вас о том, что»), but what follows its colon («…следующее: трубу
    заменили») is the case.
    Nothing is added to them."""
    return list(_fact_sentences(facts))


# one draft reads its facts' sentences many times (the prompt, each restore pass, the reversal
# and retelling checks, the lost facts): they are parsed once
@lru_cache(maxsize=64)
def _fact_sentences(facts: str) -> tuple[str, ...]:
    sentences = []
    # a letter wrapped mid-sentence («… факты указанные в\nобращении подтверждены») is one
    # sentence; a line of notes is one
    unwrapped = _SOFT_WRAP.sub(" ", facts)
    for part in (p.strip(" \t-–—•*,.;") for p in re.split(r"[\n;]+", unwrapped)):
        if not part:
            continue
        for sent in split_sentences(part):
            t = " ".join(sent.text.split()).rstrip(" ,;")
            if t and is_letter_apparatus(t):
                t = split_lead_in(t)[1]
            t = _plain(t)
            if not t:
                continue
            t = t[0].upper() + t[1:]
            sentences.append(t if t.endswith((".", "!", "?")) else t + ".")
    return tuple(sentences)


def prompt_facts(facts: str) -> str:
    """The facts as the model reads them: their sentences (``fact_sentences``), without what a
    pasted letter says about itself (salutation, «рассмотрев Ваше обращение № … от …, сообщаем
    следующее», attachments). A small model copies what it is shown — the letter's frame came
    back in its replies as FORMALISM — and every token is prefill time. What goes is what
    ``lost_facts`` does not ask the reply to carry (``apparatus_spans``); nothing is added. A
    text that is all apparatus is shown as written."""
    return " ".join(fact_sentences(facts)) or facts


def facts_source(facts: str) -> Source:
    """The facts as a source: they ground any fact and any stated cause in the reply."""
    return Source("facts", facts, "facts")


def lost_facts(facts: str, reply: str) -> list[str]:
    """The facts of ``facts`` the ``reply`` does not carry, named as the checker names them
    («дата «3 декабря»»)."""
    carried = Grounding([reply])
    lost = []
    apparatus = apparatus_spans(facts)
    for fact in extract_facts(facts):
        if fact.kind not in CARRIED_KINDS or (fact.kind == "phone" and fact.mobile):
            continue
        if any(a <= fact.start < b for a, b in apparatus):
            continue  # «Рассмотрев Ваше сообщение от 28.01.2021 № 3171179 …»: the letter's own
        if not carried.has(fact):
            lost.append(f"{KIND_RU[fact.kind]} «{fact.text.strip()}»")
    for sentence in fact_sentences(facts):
        if _lost_claim(sentence, reply):
            lost.append(f"что сделано «{_short(sentence)}»")
        elif _lost_finding(sentence, reply):
            lost.append(f"что установлено «{_short(sentence)}»")
    return list(dict.fromkeys(lost))


# what a check found not to be so: «Факт несанкционированной торговли … не установлен»,
# «Информация … не подтвердилась», «нарушений не выявлено» — the answer to the appeal
_FINDINGS = frozenset(
    [
        "установить",
        "подтвердить",
        "подтвердиться",
        "выявить",
        "обнаружить",
        "зафиксировать",
        "найти",
    ]
)
_NEGATION = re.compile(r"(?i)(?<![а-яё])(?:не|нет|отсутств\w*)(?![а-яё])")


def _holding_most(sentence: str, candidates: Sequence[str], at_least: float) -> int | None:
    """The candidate holding most of ``sentence``'s words, at least the share ``at_least``."""
    words = set(stems(sentence))
    shares = [len(words & set(stems(c))) / len(words) if words else 0.0 for c in candidates]
    best = max(range(len(shares)), key=shares.__getitem__, default=None)
    return best if best is not None and shares[best] >= at_least else None


def _lost_finding(sentence: str, reply: str) -> bool:
    """``sentence`` of the facts says a check found something not so, and no sentence of
    ``reply`` says it: none holds half its words with a negation. The model turned «осмотр
    проведён …, факт несанкционированной торговли … не установлен» into «Мы проведём осмотр …
    и проверим факт несанкционированной торговли …» (measure (A), spb-3134980): every date
    kept, the answer gone."""
    toks = Context(text=sentence).doc.tokens
    found_not = any(
        t.key in _FINDINGS
        and t.pos in ("VERB", "PRTS")
        and any(x.key == "не" for x in toks[max(0, i - 2) : i])
        for i, t in enumerate(toks)
    )
    if not found_not:
        return False
    words = set(stems(sentence))
    return not any(
        len(words & set(stems(x.text))) / len(words) >= CLAIM_CARRIED and _NEGATION.search(x.text)
        for x in split_sentences(reply)
    )


def _lost_claim(sentence: str, reply: str) -> bool:
    """``sentence`` of the facts reports work done («все необходимые работы выполнены») and
    ``reply`` does not say it: fewer than half its words are there, or not the verb of the fix
    itself — a reply that repeats the place and the pipe but not «устранены» may say the
    opposite (measure (A), spb-3121048: «… нижняя секция водосточной трубы сломана»)."""
    words = set(stems(sentence))
    if not words or not reports_work_done(sentence):
        return False
    if len(words & set(stems(reply))) / len(words) < CLAIM_CARRIED:
        return True
    return not fix_verbs(sentence) <= {t.key for t in Context(text=reply).doc.tokens}


def fix_verbs(sentence: str) -> set[str]:
    """The lemmas of the verbs that report the problem fixed («устранены», «заменили»), not
    negated: a plan («запланирована», «включён в план») or an inspection is none."""
    toks = Context(text=sentence).doc.tokens
    return {
        t.key
        for i, t in enumerate(toks)
        if t.key in ACTION_KEYS
        and t.key not in NOT_A_FIX
        and t.pos in ("VERB", "PRTS")
        and "past" in t.tag
        and not any(x.key == "не" for x in toks[max(0, i - 2) : i])
    }


def _short(sentence: str, words: int = 8) -> str:
    head = sentence.rstrip(".!").split()
    return " ".join(head[:words]) + (" …" if len(head) > words else "")


@dataclass(frozen=True)
class Restored:
    """A sentence of the facts put back into a reply that had lost its facts, and the reply's
    sentence it took the place of (None: added after the reply's own sentences)."""

    sentence: str
    replaced: str | None
    # why: the reply lost a fact of it, or said it the other way round (put_back_reversed)
    reversed: bool = False


# a formal lead-in a pasted letter puts before its facts: «Сообщаем, что …», «Дополнительно
# информируем Вас о том, что …», «В ответ на Ваше обращение № 31 сообщаем, что …», «Учитывая
# вышеизложенное, …» says nothing to the citizen (the standard's FORMALISM); what follows is
# the fact. Only «we» leads go: «ООО «ЖКС» сообщает, что …» names who did the work.
_FORMAL_LEAD = re.compile(
    r"(?i)^(?:в\s+ответ\s+на\s+ваш\w*\s+(?:обращение|сообщение)(?:\s+от\s+[\d.]+)?"
    r"(?:\s+№\s*[\d\-/]+)?(?:\s+от\s+[\d.]+)?\s*,?\s*)?"
    # «По вопросу протечки кровли сообщаем, что …», «В рамках компетенции сообщаем, что …»
    r"(?:по\s+(?:вашему\s+)?вопросу\s+[^,.!?]{1,80}?\s*,?\s*)?"
    r"(?:в\s+(?:рамках|пределах)\s+(?:своей\s+)?компетенции\s*,?\s*)?"
    r"(?:(?:одновременно|дополнительно|также|вместе\s+с\s+тем|кроме\s+того|в\s+дополнение)\s*,?\s*)?"
    r"(?:настоящим\s+)?(?:сообщаем|информируем|уведомляем|доводим\s+до\s+(?:вашего\s+)?"
    r"сведения)(?:\s+вам|\s+вас)?(?:\s+о\s+том)?\s*,?\s*что\s+"
    r"|^мы\s+(?:уже\s+)?рассмотрели\s+ваш\w*\s+(?:обращение|сообщение)[^.!?]*?\s+и\s+"
    r"(?:убедились|установили|выяснили|сообщаем)\s*,?\s*(?:что|следующее\s*:)\s+"
    # «Мы уже знаем, что окно закрыто …» (3 of 160 replies of the n=200 measure, session 10):
    # what the agency knows is no news to the citizen; what follows is the fact
    r"|^(?:мы\s+(?:уже\s+)?знаем|нам\s+(?:уже\s+)?известно)\s*,?\s*что\s+"
    r"|^(?:учитывая\s+вышеизложенное|на\s+основании\s+вышеизложенного|"
    r"в\s+связи\s+с\s+вышеизложенным)\s*,?\s*"
    # «В ответ на Ваше обращение № 3138389 (по вопросу «…») ООО «…» сообщает, что …»: the
    # reference goes, who answers stays
    r"|^в\s+ответ\s+на\s+ваш\w*\s+(?:обращение|сообщение)(?:\s+от\s+[\d.]+)?"
    r"(?:\s+№\s*[\d\-/]+)?(?:\s+от\s+[\d.]+)?(?:\s+по\s+вопросу\s+«[^«»]*»)?\s*,?\s*"
    r"(?=(?-i:[А-ЯЁA-Z«\"]))"
)
# «ГКУ «Дирекция …» в ответ на Ваше обращение о недостатках … сообщает, что …»: the reference
# to the appeal inside a sentence (478 of 8,000 portal replies) — who answers and what stay
# (within one sentence, so a period inside it — «доп. оборудования» — does not stop the match)
_REFERENCE = re.compile(
    r"(?i)(?<=[^\s.!?])\s+в\s+ответ\s+на\s+ваш\w*\s+(?:обращение|сообщение).*?"
    r"(?=\s+(?:сообща|информиру|уведомля)\w*)"
)
# «На Ваше обращение № 3160701, поступившее на портал «Наш Санкт-Петербург», ООО «ЖКС» сообщает,
# что …»: the same reference leading the sentence; who answers stays
_LEADING_REFERENCE = re.compile(
    r"(?i)^(?:в\s+ответ\s+)?на\s+ваш\w*\s+(?:обращение|сообщение)(?:\s+от\s+[\d.]+)?"
    r"(?:\s*№\s*[\d\-/]+)?(?:\s+от\s+[\d.]+)?"
    r"(?:\s*,\s*(?:поступивш|направленн|зарегистрированн)\w*[^,]*,)?\s*,?\s*"
    r"(?=(?-i:[А-ЯЁA-Z«\"]).*\s(?:сообща|информиру|уведомля)\w*)"
    # measure (A) n=200, session 7: «На Ваше обращение № 3157029, поступившее на портал «Наш
    # Санкт-Петербург» ООО «ЖКС №2» сообщает …», «… по вопросу Неудовлетворительное состояние
    # окраски фасада ООО УК Сестрорецк сообщает …»: the reference runs to who answers
    # (its dates are the appeal's own: apparatus_spans keeps them out of the facts to carry)
    r"|^(?:в\s+ответ\s+)?на\s+ваш\w*\s+(?:обращение|сообщение)\b[^!?]*?[\s,]+"
    r"(?=(?-i:(?:ООО|ОАО|ЗАО|ПАО|АО|ГУП|ГКУ|ГБУ|СПб|МУП|ТСЖ|ЖСК|УК|Администрац\w*|"
    r"Комитет\w*|Управлени\w*|Дирекци\w*|Служб\w*)(?![а-яё]))[^!?]*?\sсообщает)"
    # «На Ваше сообщение № 3154983 в категории «…» сообщаем, что проблема устранена.»
    r"|^(?:в\s+ответ\s+)?на\s+ваш\w*\s+(?:обращение|сообщение)\b[^!?]*?\s"
    r"(?:сообщаем|информируем)(?:\s+вам)?\s*,?\s*что\s+"
)
# «ООО «ЖКС №2» сообщает следующее: …» → «ООО «ЖКС №2» сообщает: …»
_FOLLOWING = re.compile(r"(?i)\b(сообща\w+|информиру\w+)\s+следующее\s*:")
# «вышеуказанной квартиры» → «этой квартиры»: the letter's pointer back, in the reader's words
_POINTER_BACK = re.compile(r"(?i)\b(?:вышеуказанн|вышеизложенн|вышеперечисленн|вышеназванн)\w+")
# «(далее — КоАП РФ)», «(далее по тексту – Правила)»: a letter's defined term (642 of 8,000)
_DEFINED_AS = re.compile(r"\s*\(далее(?:\s+по\s+тексту)?\s*[-–—][^()]*\)")
# a pasted letter's frame the model copies into its reply: «…, сообщаем следующее.», «Рассмотрев
# Ваше сообщение …», «Фотоматериалы прилагаются.» (a reply carries no attachments). An apology
# or thanks is the reply's own courtesy and stays.
_COURTESY = re.compile(r"(?i)извинени|благодар|спасибо")
# a reply sentence sharing this share of its stems with a fact sentence says the same thing
# less fully: the fact sentence takes its place instead of repeating it
_SAME_THING = 0.4
_CLOSING = re.compile(
    r"(?i)^\W*(?:спасибо|благодарим|с\s+уважением|если\s+(?:у\s+вас\s+)?(?:остан|возникн)|"
    r"будем\s+рады|надеемся|всего\s+доброго)"
)


def restore_lost_facts(reply: str, facts: str, *, keep: int = 0) -> tuple[str, list[Restored]]:
    """``_restore_once``, and once more: a reply sentence that gave way to a facts sentence may
    have been the one that carried another («Мы проведём осмотр …» carried «проведен осмотр» and
    gave way to the finding it said wrong)."""
    text, restored = _restore_once(reply, facts, keep=keep)
    if restored:
        text, again = _restore_once(text, facts, keep=keep)
        restored += again
    return text, restored


def _restore_once(reply: str, facts: str, *, keep: int = 0) -> tuple[str, list[Restored]]:
    """``reply`` with every sentence of ``facts`` that carries a fact the reply lost put back.

    The model rewrites the facts in plain words and now and then drops a date or an
    organisation; regenerating the whole reply for it costs a full generation and may drop
    another. So the facts' own sentence goes in: in place of the reply's sentence that says the
    same thing (most stems shared), else where the facts have it — after the reply's telling of
    the facts sentence before it, or before that of the one after it (a finding the model left
    out goes ahead of «Данные продухи …» that speaks of it, not after the closing advice), else
    after the reply's own sentences. The first ``keep`` characters (the greeting) stay as they
    are. Nothing but the facts' words is added."""
    sentences = fact_sentences(facts)
    lost = [_carries_lost(s, reply) for s in sentences]
    if not any(lost):
        return reply, []
    head, body = reply[:keep], reply[keep:]
    own = [x.text for x in split_sentences(body)]
    restored: list[Restored] = []
    # where each facts sentence stands in the reply (the index of the reply's telling of it)
    place: list[int | None] = [_most_alike(s, own) for s in sentences]
    after: dict[int, list[str]] = {}
    before: dict[int, list[str]] = {}
    tail: list[str] = []
    for k, raw in enumerate(sentences):
        if not lost[k]:
            continue
        # in the reader's words where that keeps every fact: without the letter's reference to
        # the appeal and its «вышеуказанный»
        plain = _plain(raw)
        sentence = raw if _carries_lost(raw, plain) else plain
        i = _most_alike(sentence, own)
        if i is None and _lost_finding(raw, reply):
            # the reply's sentence that holds the finding's words without its «не» says it
            # wrong, however much more it says: it gives way
            i = _holding_most(raw, own, CLAIM_CARRIED)
        if i is not None:
            restored.append(Restored(sentence, own[i]))
            own[i] = sentence
            place[k] = i
            continue
        restored.append(Restored(sentence, None))
        prev = next((place[j] for j in range(k - 1, -1, -1) if place[j] is not None), None)
        nxt = next((place[j] for j in range(k + 1, len(sentences)) if place[j] is not None), None)
        if prev is not None:
            after.setdefault(prev, []).append(sentence)
        elif nxt is not None:
            before.setdefault(nxt, []).append(sentence)
        else:
            tail.append(sentence)
    # added facts go before the closing words («Спасибо, что сообщили.»), not after them
    end = len(own)
    while end and _CLOSING.match(own[end - 1]):
        end -= 1
    out: list[str] = []
    for i, sentence in enumerate(own):
        if i == end:
            out += tail
        out += [*before.get(i, []), sentence, *after.get(i, [])]
    if end == len(own):
        out += tail
    # dict.fromkeys: a fact sentence that took two reply sentences' places stands once
    text = " ".join(dict.fromkeys(out))
    return (head.rstrip() + " " + text).strip() if head.strip() else text, restored


def put_back_reversed(reply: str, facts: str, *, keep: int = 0) -> tuple[str, list[Restored]]:
    """``reply`` with each sentence that restates a facts sentence the other way round
    (``drafter.quality.polarity``: «установлено согласно правил» where the facts say «допущены
    нарушения Правил») replaced by that facts sentence; or dropped, when the reply already says
    it elsewhere. Every fact stays grounded in such a sentence, so nothing else would catch it,
    and a reply that tells the citizen the opposite of what the agency found is worse than none.
    The first ``keep`` characters (the greeting) stay."""
    found = reversals(reply, fact_sentences(facts), keep=keep)
    if not found:
        return reply, []
    out, restored = reply, []
    for r in reversed(found):  # from the end: earlier spans stay where they are
        instead = "" if r.source_sentence in out else r.source_sentence
        out = out[: r.start] + instead + out[r.end :]
        restored.append(Restored(r.source_sentence, reply[r.start : r.end].strip(), True))
    return re.sub(r"[ \t]{2,}", " ", out).strip(), restored[::-1]


def put_back_undone(reply: str, facts: str, *, keep: int = 0) -> tuple[str, list[Restored]]:
    """``reply`` with each sentence that promises what the facts report done — a verb of the
    facts sentence it retells in the past («проведён осмотр»), the same verb in the future here
    («Мы проведём осмотр …», measure (A) n=200, spb-3149797) — replaced by that facts sentence,
    or dropped when the reply already says it. A promise of work already done misleads the
    citizen as much as a reversed finding; the dates and places stay, so no other step sees it.
    The first ``keep`` characters (the greeting) stay."""
    sentences = fact_sentences(facts)
    out, restored, shift = reply, [], 0
    for x in split_sentences(reply):
        if x.start < keep:
            continue
        i = _holding_most(x.text, sentences, _SAME_THING)
        if i is None or not _done_there_promised_here(sentences[i], x.text):
            continue
        instead = "" if sentences[i] in out else sentences[i]
        a, b = x.start + shift, x.stop + shift
        out = out[:a] + instead + out[b:]
        shift += len(instead) - (b - a)
        restored.append(Restored(sentences[i], x.text, True))
    return re.sub(r"[ \t]{2,}", " ", out).strip(), restored


def _done_there_promised_here(fact: str, sentence: str) -> bool:
    """A verb the facts sentence has in the past, not negated, is in ``sentence`` in the future."""
    return bool(_verbs_in(fact, "past") & _verbs_in(sentence, "futr"))


@lru_cache(maxsize=512)
def _verbs_in(text: str, tense: str) -> frozenset[str]:
    """The lemmas of ``text``'s verbs and short participles in ``tense``, not negated; cached:
    each facts sentence is asked about once per reply sentence that retells it."""
    toks = Context(text=text).doc.tokens
    return frozenset(
        t.key
        for i, t in enumerate(toks)
        if t.pos in ("VERB", "PRTS")
        and tense in t.tag
        and not any(x.key == "не" for x in toks[max(0, i - 2) : i])
    )


_PRONOUN_LEAD = re.compile(r"^(?:Он|Она|Оно|Они)\s")


def put_back_dangling(reply: str, facts: str, *, keep: int = 0) -> tuple[str, list[Restored]]:
    """``reply`` whose first sentence after the greeting opens with «Он/Она/Оно/Они», pointing
    at nothing before it, with the facts sentence it retells instead: «Здравствуйте! Она
    демонтирована владельцем в добровольном порядке.» for «Конструкция демонтирована …»
    (measure (A), spb-3123161). Left as it is when no facts sentence says the same."""
    sents = [x for x in split_sentences(reply) if x.start >= keep]
    if not sents or not _PRONOUN_LEAD.match(sents[0].text):
        return reply, []
    first, sentences = sents[0], fact_sentences(facts)
    i = _holding_most(first.text, sentences, _SAME_THING)
    if i is None:
        return reply, []
    instead = sentences[i]
    out = reply[: first.start] + instead + reply[first.stop :]
    return out, [Restored(instead, first.text)]


def drop_retold(reply: str, appeal: str, facts: str, *, keep: int = 0) -> tuple[str, list[str]]:
    """``reply`` without the sentences that only tell the citizen's own complaint back in the
    agency's voice: every word of them is the appeal's, none the facts'. «Просим вас разобраться
    с ней.» (spb-3160064, from «Просьба разобраться»), «Вода имеет желтый цвет и образуется
    ржавый налёт на ванной.» before the finding that the water is fine (spb-3158690): the
    reader takes them for the agency's statement. Thanks and closing words stay («Спасибо, что
    сообщили о запахе»); the first ``keep`` characters (the greeting) stay."""
    theirs = set(lemmas(appeal))
    known = {w for s in fact_sentences(facts) for w in lemmas(s)}
    gone = []
    for x in _body_sentences(reply, keep):
        words = [w for w in lemmas(x.text) if not w.isdigit()]
        if words and set(words) <= theirs and not set(words) & known:
            gone.append(x)
    return _without(reply, gone)


# a sentence of a reply written from the executor's facts, of whose content words fewer than
# this share stand in the facts, is not the facts written up (drop_own_sentences)
_FROM_FACTS = 0.5
# a sentence that asks the reader to act: the facts' verb in it is the citizen's request turned
# round («Просим вас разобраться и устранить проблему.» from «Просьба разобраться»), not the
# facts' work
_ASKS_THE_READER = re.compile(
    r"(?i)^\W*(?:пожалуйста,?\s+)?(?:(?:убедительно\s+)?прос(?:им|ю)|(?:убедительная\s+)?просьба"
    r"|помогите)(?![а-яё])"
)
_VERB_POS = frozenset({"VERB", "INFN", "PRTS", "PRTF", "GRND"})


def drop_own_sentences(
    reply: str, facts: str, appeal: str = "", *, keep: int = 0
) -> tuple[str, list[str]]:
    """``reply`` without the sentences the model wrote beside the executor's facts: fewer than
    half of their content words stand in the facts, and every date, number, address or
    organisation in them is the appeal's (one of the facts' is theirs said in other words; one
    nobody gave is left to grounding, which names it), and no verb of the facts is in them (the
    facts' work said with the appeal's place is the facts written up). Thanks, apologies and closing words stay; the first
    ``keep`` characters (the greeting) stay.

    Measured on the n=200 measure's (A) replies of session 11: 10 such sentences in 9 of 160
    replies, each a defect — the complaint told back in the citizen's own voice («Пожалуйста,
    помогите разобраться с этой проблемой и решить её.», spb-3120505), advice nobody gave («Мы
    рекомендуем обратиться к специалистам …», spb-3158889, after facts that found no insects),
    a question back at the citizen («Также уточните, есть ли необходимость демонтировать этот
    ющит(зеркало).», spb-3165670), a garbled double of the finding («… проблемах с водотопом
    …», spb-3173801), a stray clause of the appeal («В фильтре грубой очистки воды есть крошки в
    виде ржавого цвета.»). From 0.5 to 0.67 the sentences were the facts' own, said in other
    words (4), hence the line at half. The verb condition lets two of the ten stay (a light
    «проведено», «подтверждено» shared with the facts) and keeps the facts' work told at the
    appeal's place — unless the sentence asks the reader to do it («Просим вас разобраться и
    устранить проблему.», spb-3160064 in session 14's n=100 measure, after facts that the roof
    was mended)."""
    have = stems_of(facts)
    facts_words = {t.key for t in Doc(facts).tokens}
    appeal_holds = Grounding([appeal])
    gone = []
    for x in _body_sentences(reply, keep):
        words = stems_of(x.text)
        if not words or len(words & have) >= _FROM_FACTS * len(words):
            continue
        verbs = {t.key for t in Doc(x.text).tokens if t.pos in _VERB_POS}
        if verbs & facts_words and not _ASKS_THE_READER.match(x.text):
            # the facts' work with the appeal's place: «Яму на ул. Садовой, д. 12 у въезда во
            # двор осмотрят и заделают» for «Яму осмотрят и заделают» is what the standard asks
            continue
        if any(not appeal_holds.has(f) for f in extract_facts(x.text)):
            # a fact of the facts in other words is theirs, said otherwise; a fact nobody gave
            # is grounding's to remove, with its name in the reason
            continue
        gone.append(x)
    return _without(reply, gone)


# a reply word and a facts word this alike (difflib's ratio) are one word miscopied: «моих» for
# «моющих» (0.80), «балкоонов» for «балконов» (0.94); «этажей» for «этажи» (0.73) is the same
# word inflected, and stays by the lemma test anyway
_MISCOPIED = 0.75
# the share of a reply sentence's stems that must stand in one facts sentence for it to count
# as that sentence copied
_COPIED = 0.8


def mend_copied_words(reply: str, facts: str, appeal: str = "", *, keep: int = 0) -> str:
    """``reply`` with the words it miscopied from the executor's facts put back as the facts
    spell them. A sentence that copies a facts sentence (``_COPIED`` of its stems stand in it)
    and has a word that neither the facts nor the appeal has, unknown to the dictionary or
    another word than its look-alike in that facts sentence, had a copying slip: «с применением
    моих и дезинфицирующих средств» for «моющих» (spb-3170046), «балкоонов» (spb-3145276). An
    inflected form of a facts word (same lemma) is the reply's grammar and stays; a word with no
    look-alike («полноценного») is grounding's business. The first ``keep`` characters stay."""
    known = {w.lower() for w in _CYRILLIC_WORD.findall(f"{facts} {appeal}")}
    facts_stems = [(f, set(stems(f))) for f in fact_sentences(facts)]
    out, last = [], 0
    for x in split_sentences(reply):
        if x.start < keep or not facts_stems:
            continue
        mine = set(stems(x.text))
        if not mine:
            continue
        source, theirs = max(facts_stems, key=lambda fs: len(mine & fs[1]))
        if len(mine & theirs) < _COPIED * len(mine):
            continue
        source_words = {w.lower(): w for w in _CYRILLIC_WORD.findall(source)}
        for m in _CYRILLIC_WORD.finditer(x.text):
            word = m.group().lower()
            if len(word) < 4 or word in known:
                continue
            alike = [
                (ratio, w)
                for w in source_words
                if (ratio := SequenceMatcher(None, word, w).ratio()) >= _MISCOPIED
            ]
            if not alike:
                continue
            _, right = max(alike)
            parse = morph().parse(word)[0]
            if parse.is_known and parse.normal_form == morph().parse(right)[0].normal_form:
                continue  # the facts' word inflected to the reply's grammar
            start = x.start + m.start()
            mended = right.capitalize() if m.group()[0].isupper() else right
            out += [reply[last:start], mended]
            last = start + len(m.group())
    return "".join(out) + reply[last:] if out else reply


_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]+")


def _body_sentences(reply: str, keep: int) -> list[Sentence]:
    """The reply's sentences after the greeting, thanks, apologies and closing words aside:
    what drop_retold and drop_own_sentences may take out."""
    return [
        x
        for x in split_sentences(reply)
        if x.start >= keep and not _CLOSING.match(x.text) and not _COURTESY.search(x.text)
    ]


def _without(text: str, gone: Sequence[Sentence]) -> tuple[str, list[str]]:
    """``text`` without the sentences ``gone`` (in text order), and their texts."""
    if not gone:
        return text, []
    out, last = [], 0
    for x in gone:
        out.append(text[last : x.start])
        last = x.stop
    out.append(text[last:])
    return re.sub(r"[ \t]{2,}", " ", "".join(out)).strip(), [x.text for x in gone]


# a reply sentence whose words stand, to this share, in another, longer sentence of the reply
# that holds all its facts says nothing that one does not (drop_restated)
_RESTATED = 0.8


def drop_restated(text: str, *, keep: int = 0) -> tuple[str, list[str]]:
    """``text`` without the sentences another sentence of it already says in full, and those
    sentences. A facts sentence put back (restore, reversal) stands beside the model's own
    shorter telling of it: «… он был привлечен к административной ответственности по части 1
    статьи 16 …» and «В связи с этим собственник был привлечен к административной
    ответственности по части 1 статьи 16 …» (measure (A), spb-3129559). The first ``keep``
    characters (the greeting) stay."""
    sents = [x for x in split_sentences(text) if x.start >= keep]
    words = [set(stems(x.text)) for x in sents]
    gone: set[int] = set()
    for i, x in enumerate(sents):
        if len(words[i]) < 3:
            continue
        for j, y in enumerate(sents):
            if j == i or j in gone or len(words[j]) < len(words[i]):
                continue
            if len(words[i] & words[j]) / len(words[i]) < _RESTATED:
                continue
            held = Grounding([y.text])
            if all(held.has(f) for f in extract_facts(x.text)):
                gone.add(i)
                break
    return _without(text, [sents[i] for i in sorted(gone)])


def plain_reply(text: str, *, keep: int = 0) -> tuple[str, list[str]]:
    """A generated reply without the letter's frame it copied (``is_letter_apparatus``, apologies
    and thanks aside) and with formal lead-ins («Сообщаем, что …») cut from its sentences; and
    the frame sentences dropped. The first ``keep`` characters (the greeting) stay."""
    head, body = text[:keep], text[keep:]
    kept: list[str] = []
    dropped: list[str] = []
    for x in split_sentences(body):
        # the lead-in first: «Мы рассмотрели Ваше сообщение и убедились, что …» keeps what follows
        sentence = _plain(x.text)
        if is_letter_apparatus(sentence) and not _COURTESY.search(sentence):
            rest = split_lead_in(sentence)[1]
            if not rest:
                dropped.append(sentence)
                continue
            sentence = rest[0].upper() + rest[1:]
        kept.append(sentence)
    if not dropped and kept == [x.text for x in split_sentences(body)]:
        return text, []
    out = " ".join(kept)
    return (head.rstrip() + " " + out).strip() if head.strip() else out, dropped


def _carries_lost(sentence: str, reply: str) -> bool:
    carried = Grounding([reply])
    return (
        any(
            f.kind in CARRIED_KINDS and not (f.kind == "phone" and f.mobile) and not carried.has(f)
            for f in extract_facts(sentence)
        )
        or _lost_claim(sentence, reply)
        or _lost_finding(sentence, reply)
    )


def _reference_spans(sentence: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in _REFERENCE.finditer(sentence)]
    lead = _LEADING_REFERENCE.match(sentence)
    return [*spans, lead.span()] if lead else spans


def _plain(sentence: str) -> str:
    """``sentence`` without a letter's formal lead-in, its reference to the appeal before «…
    сообщает» and its «(далее — КоАП РФ)»: what is left says the same to the citizen."""
    plain = _DEFINED_AS.sub("", _REFERENCE.sub("", _FOLLOWING.sub(r"\1:", sentence)))
    led = _LEADING_REFERENCE.sub("", plain, count=1)
    if led and led != plain:
        led = led[0].upper() + led[1:]
    plain = _POINTER_BACK.sub(_this, led)
    lead = _FORMAL_LEAD.match(plain)
    rest = plain[lead.end() :] if lead else plain
    if rest and rest != plain:
        if lead is not None and lead.group().rstrip().lower().endswith("что"):
            rest = _without_second_that(rest)
        return rest[0].upper() + rest[1:]
    return plain


# «Сообщаем, что работы ведутся и что график …»: the second «что» hangs on the lead-in too;
# once the lead-in goes, «и что» is only «и» (spb-3131058 of the n=200 measure, session 10:
# «Работают по этому вопросу и что график …»). Only where the rest has no clause of its own
# before it that «и что» could join: «… выяснил, где течь и что нужно заменить» keeps it.
_AND_THAT = re.compile(r"\s*,?\s+и\s+что\s+", re.IGNORECASE)
_THAT = re.compile(
    r"\b(?:что|где|когда|как|куда|откуда|почему|зачем|сколько|кто|какой|какая|какие|каким|"
    r"чем|ли)\b",
    re.IGNORECASE,
)


def _without_second_that(rest: str) -> str:
    m = _AND_THAT.search(rest)
    if m is None or _THAT.search(rest, 0, m.start()):
        return rest
    return rest[: m.start()] + " и " + rest[m.end() :]


def _this(m: re.Match[str]) -> str:
    """«вышеуказанной» → «этой»: «этот» in the pointer's own case, number and gender."""
    word = m.group(0)
    parse = morph().parse(word.lower())[0]
    wanted = {g for g in ("sing", "plur", "masc", "femn", "neut") if g in parse.tag}
    wanted |= {c for c in ("nomn", "gent", "datv", "accs", "ablt", "loct") if c in parse.tag}
    if "anim" in parse.tag or "inan" in parse.tag:
        wanted |= {a for a in ("anim", "inan") if a in parse.tag}
    this = morph().parse("этот")[0].inflect(wanted)
    if this is None:
        return word
    out: str = this.word
    return out[0].upper() + out[1:] if word[0].isupper() else out


def _most_alike(sentence: str, candidates: Sequence[str]) -> int | None:
    mine = set(stems(sentence))
    best, best_share = None, _SAME_THING
    for i, other in enumerate(candidates):
        theirs = set(stems(other))
        # «Спасибо за обращение.» shares «обращение» with the facts, and is the reply's thanks
        if not theirs or _CLOSING.match(other):
            continue
        share = len(mine & theirs) / len(theirs)
        if share >= best_share:
            best, best_share = i, share
    return best


def with_lost_facts(quality: Quality, lost: Sequence[str], text_len: int) -> Quality:
    """``quality`` with a LOST_FACT blocker naming what the reply dropped."""
    if not lost:
        return quality
    v = Violation(
        code=LOST_FACT,
        severity="blocker",
        start=0,
        end=text_len,
        message="В ответ не попали факты исполнителя: " + ", ".join(lost[:6]) + ".",
    )
    return Quality(score=min(quality.score, 40), passed=False, violations=[v, *quality.violations])


__all__ = [
    "CARRIED_KINDS",
    "CLAIM_CARRIED",
    "LOST_FACT",
    "Restored",
    "apparatus_spans",
    "clean_facts",
    "drop_own_sentences",
    "drop_restated",
    "drop_retold",
    "fact_sentences",
    "facts_source",
    "is_letter_apparatus",
    "lost_facts",
    "mend_copied_words",
    "plain_reply",
    "prompt_facts",
    "put_back_dangling",
    "put_back_reversed",
    "put_back_undone",
    "restore_lost_facts",
    "split_lead_in",
    "with_lost_facts",
]
