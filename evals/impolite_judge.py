"""A second opinion from the local model: ``python -m evals.impolite_judge --prefix probe-dev14-``

The checker's hand rules for IMPOLITE reach P .88 / R .54 on the sealed test split. This asks
the local instruction model one yes/no question per reply and reads the answer as a
probability, P(«да») / (P(«да») + P(«нет»)), from the logits of the first answer token — no
text is generated. The system prompt is fixed, so the KV cache of that prefix is kept and only
the reply's tokens are evaluated per question; ``n_threads`` is 1 so the other core stays free.

It runs on the labelled replies of evals/data/checker_labels/, **dev split only**
(``--prefix`` may be given several times), and prints precision and recall with counts of

- (a) the rules alone (``drafter.quality.check``, as evals.checker_validity runs it),
- (b) the judge alone at each threshold,
- (c) rules OR judge ≥ t (the judge adds what the rules miss),
- (d) rules AND judge ≥ t (the judge as a veto on the rules' flags).

Judgements are cached in a JSON file under /tmp (``--cache``), keyed by the model, the prompt
and the reply, so a rerun with other thresholds or prefixes costs nothing for replies already
judged. ``--prompt otp-en1`` asks the OTPISKA question instead.

The LLM seam (drafter/llm/base.py) has no call that returns next-token probabilities, so the
llama.cpp access is here: ``LlamaLogprobJudge``. What the seam would need is one method,
``LLM.choice_logprobs(messages, choices) -> dict[str, float]`` (log-probabilities of the
first token of each choice after the rendered conversation), which llama.cpp gives from the
last logits and an OpenAI-compatible server from ``logprobs``/``top_logprobs``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from evals.checker_validity import (
    LABELS,
    CodeFigures,
    LabelledReply,
    load,
    run_checker,
)

DEFAULT_CACHE = Path(tempfile.gettempdir()) / "drafter-judge" / "judgements.json"
DEFAULT_THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


# --- prompts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class JudgePrompt:
    """One yes/no question. ``yes`` means the violation: P(yes) is the judge's score."""

    name: str
    code: str
    system: str
    user: str  # with «{reply}» (and optionally «{appeal}»)
    yes: tuple[str, ...]
    no: tuple[str, ...]
    shots: tuple[tuple[str, str], ...] = ()  # (reply, answer) turns after the system message

    def messages(self, reply: str, appeal: str = "") -> list[dict[str, str]]:
        turns = [{"role": "system", "content": self.system}]
        for shot_reply, answer in self.shots:
            turns.append({"role": "user", "content": self.user.format(reply=shot_reply, appeal="")})
            turns.append({"role": "assistant", "content": answer})
        turns.append({"role": "user", "content": self.user.format(reply=reply, appeal=appeal)})
        return turns

    def key(self) -> str:
        """Changes whenever anything the model sees (but the reply) changes."""
        blob = json.dumps(
            [self.system, self.user, self.yes, self.no, self.shots], ensure_ascii=False
        )
        return f"{self.name}:{hashlib.sha256(blob.encode()).hexdigest()[:12]}"


_RU_YES = ("да", "Да", "ДА", " да", " Да")
_RU_NO = ("нет", "Нет", "НЕТ", " нет", " Нет")
_EN_YES = ("yes", "Yes", "YES", " yes", " Yes")
_EN_NO = ("no", "No", "NO", " no", " No")

_RU_SYSTEM = (
    "Ты проверяешь ответы органов власти и управляющих компаний на обращения граждан. "
    "Ответ гражданину должен быть вежливым. Невежливый ответ: грубит или оскорбляет; говорит "
    "свысока, снисходительно; упрекает, обвиняет или стыдит гражданина; поучает его; "
    "иронизирует, язвит или насмехается; отмахивается от проблемы; угрожает; кричит "
    "(целые фразы заглавными буквами, «!!!»); обращается к гражданину на «ты». "
    "Не считаются невежливыми: твёрдый, но вежливый отказ с объяснением; просьба ко всем "
    "жителям; вежливое исправление ошибки гражданина; сухой официальный стиль; названия "
    "организаций заглавными буквами; «ты» и «!» внутри цитаты. "
    "Отвечай одним словом: «да» или «нет»."
)
_EN_SYSTEM = (
    "You review replies that Russian public agencies and housing companies send to citizens' "
    "complaints. A reply must be polite. A reply is IMPOLITE if it is rude or insulting; "
    "condescending or patronising; reproaches, blames or shames the citizen; lectures or "
    "moralises; is ironic, sarcastic or mocking; dismisses the problem; threatens; shouts "
    "(whole phrases in capital letters, «!!!»); or addresses the citizen with the informal "
    "«ты». NOT impolite: a firm but polite refusal with a reason; a request to all residents; "
    "a polite correction of the citizen's mistake; a dry formal style; organisation names in "
    "capitals; «ты» or «!» inside a quoted sign. Answer with one word: yes or no."
)

# Examples for the few-shot prompts, from the older dev rounds (probe-dev2/5/6-*): neither the
# rounds the prompt and threshold are chosen on (dev11–14, probe-impolite-) nor the fresh one.
_SHOTS: tuple[tuple[str, bool], ...] = (
    (
        (
            "Здравствуйте! Площадку у дома 10 по ул. Ленина убрали 3 мая. Просим жителей не оставлять "
            "крупный мусор у баков: его вывозят по заявке в УК."
        ),
        False,
    ),
    ("Объясняем для непонятливых: запись в поликлинику № 4 по телефону 8 (4712) 51-20-30.", True),
    (
        (
            "Здравствуйте! К сожалению, перенести остановку нельзя: ближе к дому 40 по ул. Кирова "
            "перекрёсток, там автобусу опасно тормозить. Пешеходный переход к остановке сделают 15 мая."
        ),
        False,
    ),
    ("Браво, вы заметили упавшее дерево. Его распилили и вывезли 2 июля.", True),
    (
        (
            "Здравствуйте! Вы, наверное, не видели объявление — его повесили только у одного подъезда, "
            "это наша ошибка, извините. Воду в доме 22 по ул. Малышева дадут 5 августа."
        ),
        False,
    ),
    (
        (
            "Сами виноваты: нечего было ставить машину под деревом. Дерево у дома 45 по ул. Красной "
            "обрежут 6 мая."
        ),
        True,
    ),
    (
        (
            "Здравствуйте! Напоминаем, что жечь траву запрещено, за это штрафуют. На ул. Советской, 3 "
            "инспектор будет дежурить по выходным до 30 апреля."
        ),
        False,
    ),
    (
        (
            "Культурные люди мусор мимо бака не бросают. Площадку у дома 5 по ул. Ярагского убрали "
            "14 апреля."
        ),
        True,
    ),
    (
        (
            "Вы пишете, что дворник бездельничает. Мы проверили: 4 марта двор дома 9 по ул. Кирова был "
            "не убран, дворнику объявили замечание, сейчас двор чистый."
        ),
        False,
    ),
    (
        (
            "Горячую воду в доме 5 по ул. Гражданской дадут 20 июня. ЧИТАЙТЕ ОТВЕТ ПОЛНОСТЬЮ, ТАМ ВСЁ "
            "НАПИСАНО."
        ),
        True,
    ),
    (
        (
            "Здравствуйте! Жечь листву нельзя: это запрещено правилами пожарной безопасности, за "
            "нарушение штрафуют. Листву можно сдать на компостную площадку на ул. Лесной по субботам."
        ),
        False,
    ),
    ("Дорогуша, батареи в доме 5 по ул. Ленина прогреют после промывки системы 15 октября.", True),
)


def _shots(yes: str, no: str) -> tuple[tuple[str, str], ...]:
    return tuple((reply, yes if rude else no) for reply, rude in _SHOTS)


# OTPISKA examples from probe-dev10-sub-* (the threshold is chosen on probe-dev11-sub-*, the
# fresh round is probe-s8judge2-*); True = a brush-off
_OTP_SHOTS: tuple[tuple[str, bool], ...] = (
    ("Здравствуйте! Ваш запрос получен. В настоящее время ведётся сбор информации.", True),
    (
        (
            "Добрый день, Олег! Дверь в подъезде 1 дома 3 по ул. Тимирязева починят 17 марта — "
            "мастер заменит петли."
        ),
        False,
    ),
    (
        (
            "Здравствуйте! Мы услышали вас. Ситуация с парковкой во дворе дома 30 по ул. Кирова "
            "будет урегулирована."
        ),
        True,
    ),
    ("Здравствуйте! Качели на площадке у дома 3 по ул. Жукова починили 9 августа.", False),
    ("Здравствуйте! Обращение включено в сводный перечень для последующей проработки.", True),
    (
        (
            "Здравствуйте! Шлагбаум ставят за счёт собственников: по расчёту УК это около 120 000 "
            "рублей, решение принимает общее собрание большинством голосов."
        ),
        False,
    ),
)


PROMPTS: dict[str, JudgePrompt] = {
    p.name: p
    for p in (
        JudgePrompt(
            name="ru1",
            code="IMPOLITE",
            system=_RU_SYSTEM,
            user=(
                "Ответ гражданину:\n«{reply}»\n\nЭтот ответ невежлив: грубит, говорит свысока, "
                "упрекает, поучает, язвит, кричит или обращается на «ты»? Ответь «да» или «нет»."
            ),
            yes=_RU_YES,
            no=_RU_NO,
        ),
        JudgePrompt(
            name="en1",
            code="IMPOLITE",
            system=_EN_SYSTEM,
            user=(
                "Reply to the citizen:\n«{reply}»\n\nIs this reply impolite (rude, "
                "condescending, blaming, lecturing, sarcastic, shouting or using «ты»)? "
                "Answer yes or no."
            ),
            yes=_EN_YES,
            no=_EN_NO,
        ),
        JudgePrompt(
            name="en2",
            code="IMPOLITE",
            system=_EN_SYSTEM,
            user="«{reply}»",
            yes=_EN_YES,
            no=_EN_NO,
            shots=_shots("yes", "no"),
        ),
        JudgePrompt(
            # the question turned round: «is it polite?», and «no» is the violation
            name="en3",
            code="IMPOLITE",
            system=_EN_SYSTEM.replace(
                "Answer with one word: yes or no.",
                "For each reply, answer whether it is polite and respectful to the citizen, "
                "with one word: yes or no.",
            ),
            user="«{reply}»",
            yes=_EN_NO,
            no=_EN_YES,
            shots=_shots("no", "yes"),
        ),
        JudgePrompt(
            name="ru2",
            code="IMPOLITE",
            system=_RU_SYSTEM,
            user="«{reply}»",
            yes=_RU_YES,
            no=_RU_NO,
            shots=_shots("да", "нет"),
        ),
        JudgePrompt(
            # the brief's question; «no» (nothing done or to be done) is the brush-off
            name="otp-en1",
            code="OTPISKA",
            system=(
                "You review replies that Russian public agencies and housing companies send to "
                "citizens' appeals. For each reply, answer whether it says what was done or "
                "will be done about the citizen's problem (a result, a finding, a named action, "
                "who does it), or explains the rule that answers the citizen's question. A reply "
                "that only says the appeal was received, registered, passed on, considered, "
                "studied, taken under control or will be taken into account says nothing done: "
                "answer no. Answer with one word: yes or no."
            ),
            user="«{reply}»",
            yes=_EN_NO,
            no=_EN_YES,
            shots=tuple((r, "no" if otp else "yes") for r, otp in _OTP_SHOTS),
        ),
        JudgePrompt(
            name="otp-ru1",
            code="OTPISKA",
            system=(
                "Ты проверяешь ответы органов власти и управляющих компаний на обращения "
                "граждан. Хороший ответ говорит по существу: что сделано или что и когда будет "
                "сделано по проблеме, или объясняет правило, отвечающее на вопрос. Отписка "
                "только сообщает, что обращение получено, рассмотрено, передано, изучено, "
                "взято на контроль, и не говорит, что сделано. Отвечай одним словом: «да» "
                "или «нет»."
            ),
            user=(
                "Ответ гражданину:\n«{reply}»\n\nЭто отписка: ответ говорит только, что "
                "обращение получено, передано или рассмотрено, и не говорит, что сделано или "
                "будет сделано по проблеме? Ответь «да» или «нет»."
            ),
            yes=_RU_YES,
            no=_RU_NO,
        ),
    )
}


# --- the judge ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Judgement:
    p_yes: float  # P(yes) / (P(yes) + P(no)) over the first answer token
    mass: float  # P(yes) + P(no): how much of the first token the two answers take
    seconds: float = 0.0  # model time for this reply (0 when it came from the cache)
    prompt_tokens: int = 0  # tokens evaluated for this reply (after the reused prefix)


class Judge(Protocol):
    name: str

    def judge(
        self, messages: Sequence[dict[str, str]], yes: Sequence[str], no: Sequence[str]
    ) -> Judgement: ...


def yes_probability(
    logprob_of: dict[str, float], yes: Iterable[str], no: Iterable[str]
) -> tuple[float, float]:
    """(P(yes) / (P(yes) + P(no)), P(yes) + P(no)) from log-probabilities of first tokens.

    Several spellings of one answer can share a first token; each token counts once."""

    def mass(words: set[str]) -> float:
        return sum(math.exp(lp) for w, lp in logprob_of.items() if w in words)

    p_yes, p_no = mass(set(yes)), mass(set(no))
    total = p_yes + p_no
    return (p_yes / total if total > 0 else 0.5), total


class LlamaLogprobJudge:
    """llama.cpp in-process: one decode of the reply's tokens per question, prefix reused."""

    def __init__(self, model_path: Path, threads: int = 1, context_window: int = 2048) -> None:
        from drafter.llm.llama_cpp import import_llama

        Llama = import_llama()
        self.name = model_path.stem
        self._llm: Any = Llama(
            model_path=str(model_path),
            n_ctx=context_window,
            n_threads=threads,
            n_threads_batch=threads,
            logits_all=False,
            verbose=False,
        )
        self._first_tokens: dict[str, int] = {}

    def _single_token(self, word: str) -> int | None:
        """The token id of ``word`` when it is one token; a word of several tokens is not
        counted (its first piece, «Д» or «Н», starts too many other words)."""
        if word not in self._first_tokens:
            ids = self._llm.tokenize(word.encode("utf-8"), add_bos=False, special=False)
            self._first_tokens[word] = ids[0] if len(ids) == 1 else -1
        tid = self._first_tokens[word]
        return None if tid < 0 else tid

    def render(self, messages: Sequence[dict[str, str]]) -> str:
        # Qwen2.5's ChatML, as the GGUF's chat template renders a conversation with a system
        # message and no tools, with the assistant's turn opened
        parts = [f"<|im_start|>{m['role']}\n{m['content']}<|im_end|>\n" for m in messages]
        return "".join(parts) + "<|im_start|>assistant\n"

    def judge(
        self, messages: Sequence[dict[str, str]], yes: Sequence[str], no: Sequence[str]
    ) -> Judgement:
        import numpy as np

        llm = self._llm
        tokens = llm.tokenize(self.render(messages).encode("utf-8"), add_bos=False, special=True)
        # keep the KV cache of the common prefix; at least the last token is evaluated again,
        # since its logits are what we read
        old = llm.input_ids[: llm.n_tokens].tolist()
        keep = 0
        for a, b in zip(old, tokens[:-1]):
            if a != b:
                break
            keep += 1
        start = time.perf_counter()
        llm.n_tokens = keep
        llm.eval(tokens[keep:])
        logits = np.ctypeslib.as_array(llm._ctx.get_logits(), shape=(llm.n_vocab(),))
        top = float(logits.max())
        log_z = top + math.log(float(np.exp(logits - top).sum()))
        logprob_of: dict[str, float] = {}
        seen: set[int] = set()
        for w in list(yes) + list(no):
            tid = self._single_token(w)
            if tid is not None and tid not in seen:  # each token counts once
                seen.add(tid)
                logprob_of[w] = float(logits[tid]) - log_z
        p_yes, mass = yes_probability(logprob_of, yes, no)
        return Judgement(p_yes, mass, time.perf_counter() - start, len(tokens) - keep)


# --- the cache ------------------------------------------------------------------------------


class JudgementCache:
    """Judgements by (model, prompt key, reply) in one JSON file, written atomically."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._data: dict[str, dict[str, float]] = {}
        if path.is_file():
            try:
                self._data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._data = {}

    @staticmethod
    def key(model: str, prompt_key: str, reply: str, appeal: str = "") -> str:
        blob = json.dumps([model, prompt_key, reply, appeal], ensure_ascii=False)
        return hashlib.sha256(blob.encode()).hexdigest()

    def get(self, key: str) -> Judgement | None:
        row = self._data.get(key)
        if row is None:
            return None
        return Judgement(p_yes=float(row["p_yes"]), mass=float(row["mass"]))

    def put(self, key: str, j: Judgement) -> None:
        self._data[key] = {"p_yes": j.p_yes, "mass": j.mass}

    def __len__(self) -> int:
        return len(self._data)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name, suffix=".part")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(self._data, fh, ensure_ascii=False)
        os.replace(tmp, self.path)


# --- metrics --------------------------------------------------------------------------------


# one confusion table, evals.checker_validity's, with reply ids as its items
Figures = CodeFigures[str]


def figures(rows: Iterable[tuple[str, bool, bool]]) -> Figures:
    """Counts of (id, gold, flagged) rows."""
    f: Figures = CodeFigures("")
    for rid, gold, got in rows:
        f.add(gold, got, rid)
    return f


@dataclass(frozen=True)
class Row:
    id: str
    gold: bool
    rules: bool
    p_yes: float


def combinations(rows: Sequence[Row], thresholds: Sequence[float]) -> list[tuple[str, Figures]]:
    """(a) rules alone, then per threshold t: (b) judge ≥ t, (c) rules OR judge ≥ t,
    (d) rules AND judge ≥ t."""
    out = [("rules", figures((r.id, r.gold, r.rules) for r in rows))]
    for t in thresholds:
        out.append((f"judge≥{t:.2f}", figures((r.id, r.gold, r.p_yes >= t) for r in rows)))
    for t in thresholds:
        out.append(
            (
                f"rules OR judge≥{t:.2f}",
                figures((r.id, r.gold, r.rules or r.p_yes >= t) for r in rows),
            )
        )
    for t in thresholds:
        out.append(
            (
                f"rules AND judge≥{t:.2f}",
                figures((r.id, r.gold, r.rules and r.p_yes >= t) for r in rows),
            )
        )
    return out


def auc(rows: Sequence[Row]) -> float | None:
    """ROC AUC of the judge's score against the labels (ties count half): how well it ranks,
    whatever the threshold."""
    pos = [r.p_yes for r in rows if r.gold]
    neg = [r.p_yes for r in rows if not r.gold]
    if not pos or not neg:
        return None
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


def render(rows: Sequence[Row], thresholds: Sequence[float]) -> str:
    header = (
        f"{'':<24} {'labelled':>8} {'flagged':>7} {'tp':>4} {'fp':>4} {'fn':>4} "
        f"{'precision':>9} {'recall':>6}  goal"
    )
    lines = [header]
    for name, f in combinations(rows, thresholds):
        lines.append(
            f"{name:<24} {f.tp + f.fn:>8} {f.tp + f.fp:>7} {f.tp:>4} {f.fp:>4} {f.fn:>4} "
            f"{_pct(f.precision):>9} {_pct(f.recall):>6}  {'met' if f.meets_goal else ''}"
        )
    return "\n".join(lines)


# --- running --------------------------------------------------------------------------------


def select(prefixes: Sequence[str], labels: Path = LABELS) -> list[LabelledReply]:
    """Dev-split replies whose id starts with one of ``prefixes`` (all dev when none)."""
    cases = load(labels, "dev")
    return [c for c in cases if not prefixes or c.id.startswith(tuple(prefixes))]


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"(]?[А-ЯЁA-Z0-9])")
_ABBREVIATION_END = re.compile(
    r"(?:^|[\s(])(?:ул|пр|просп|пер|пл|наб|ш|д|г|корп|стр|кв|пос|мкр|им|т|тел|руб|коп|ст|п|р-н)\.$",
    re.IGNORECASE,
)
_GREETING_ONLY = re.compile(
    r"^(?:(?:здравствуй(?:те)?|добрый (?:день|вечер)|доброе утро)(?:,\s*[^.!?]{1,40})?"
    r"|[А-ЯЁ]\w+(?: [А-ЯЁ]\w+)?, (?:здравствуйте|добрый день)"
    r"|уважаем\w+ [^.!?]*)[!.,]?$",
    re.IGNORECASE,
)


def sentences(reply: str) -> list[str]:
    """The reply's sentences, a bare greeting left out (it is never what is rude)."""
    parts: list[str] = []
    for piece in (p.strip() for p in _SENTENCE_END.split(reply.strip())):
        if not piece:
            continue
        if parts and _ABBREVIATION_END.search(parts[-1]):
            parts[-1] += " " + piece  # «ул. Ленина», «пр. Мира», «д. 5» end no sentence
        else:
            parts.append(piece)
    kept = [p for p in parts if not _GREETING_ONLY.match(p)]
    return kept or parts or [reply]


def without_greeting(reply: str) -> str:
    """The reply without a leading bare greeting: whether a reply greets is NO_GREETING's
    business, and on the probe rounds a greeting goes with the polite replies far more often
    than with the rude ones, which a judge must not learn to read."""
    parts = sentences(reply)
    return " ".join(parts) if parts != [reply] else reply


def units_of(reply: str, per_sentence: bool) -> list[str]:
    return sentences(reply) if per_sentence else [without_greeting(reply)]


def combine(parts: Sequence[Judgement]) -> Judgement:
    """A reply is as rude as its rudest sentence."""
    worst = max(parts, key=lambda j: j.p_yes)
    return Judgement(
        worst.p_yes,
        min(j.mass for j in parts),
        sum(j.seconds for j in parts),
        sum(j.prompt_tokens for j in parts),
    )


def judge_all(
    cases: Sequence[LabelledReply],
    prompt: JudgePrompt,
    judge: Judge | None,
    cache: JudgementCache,
    model_name: str,
    progress: bool = True,
    save_every: int = 20,
    per_sentence: bool = False,
) -> tuple[dict[str, Judgement], list[Judgement]]:
    """The judgement of every case (cached ones first); also the fresh ones, for timings.

    ``per_sentence``: each sentence is asked about alone and the reply takes the highest score."""
    out: dict[str, Judgement] = {}
    fresh: list[Judgement] = []
    todo = []
    for c in cases:
        hits = [
            cache.get(cache.key(model_name, prompt.key(), u))
            for u in units_of(c.reply, per_sentence)
        ]
        if all(h is not None for h in hits):
            out[c.id] = combine([h for h in hits if h is not None])
        else:
            todo.append(c)
    if todo and judge is None:
        raise SystemExit(f"{len(todo)} replies are not in the cache and no model was given")
    bar: Any = None
    if progress and todo:
        from tqdm import tqdm

        bar = tqdm(total=len(todo), desc=f"judge {prompt.name}", unit="reply", file=sys.stderr)
    for i, c in enumerate(todo, 1):
        assert judge is not None
        parts = []
        for u in units_of(c.reply, per_sentence):
            key = cache.key(model_name, prompt.key(), u)
            hit = cache.get(key)
            if hit is None:
                hit = judge.judge(prompt.messages(u), prompt.yes, prompt.no)
                cache.put(key, hit)
            parts.append(hit)
        j = combine(parts)
        out[c.id] = j
        fresh.append(j)
        if bar is not None:
            bar.update(1)
        if i % save_every == 0:
            cache.save()
    if bar is not None:
        bar.close()
    if todo:
        cache.save()
    return out, fresh


def cost_line(fresh: Sequence[Judgement]) -> str:
    """Seconds per reply, warm: the first fresh judgement (which evaluates the shared prefix)
    is left out."""
    warm = list(fresh[1:])
    if not warm:
        return "cost: nothing judged fresh in this run (all from the cache)"
    secs = sorted(j.seconds for j in warm)
    toks = sum(j.prompt_tokens for j in warm) / len(warm)
    mean = sum(secs) / len(secs)
    return (
        f"cost (1 thread, warm, prefix cached): {mean:.2f} s/reply mean, "
        f"median {secs[len(secs) // 2]:.2f}, max {secs[-1]:.2f}, {toks:.0f} tokens evaluated/reply "
        f"over {len(warm)} replies; first (cold prefix) {fresh[0].seconds:.2f} s"
    )


def default_model() -> Path:
    from drafter.llm.model_files import default_model_path

    return default_model_path(Path(os.environ.get("DRAFTER_JUDGE_MODEL_DIR", "/tmp/models")))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--prefix", action="append", default=[], help="id prefix (repeatable)")
    ap.add_argument("--prompt", default="en3", choices=sorted(PROMPTS))
    ap.add_argument("--model", type=Path, default=None, help="GGUF (default: the bundled Qwen)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    ap.add_argument("--cache-only", action="store_true", help="never load the model")
    ap.add_argument(
        "--thresholds",
        default=",".join(str(t) for t in DEFAULT_THRESHOLDS),
        help="comma-separated judge thresholds",
    )
    ap.add_argument("--errors", action="store_true", help="list disagreements at --at")
    ap.add_argument("--at", type=float, default=0.5, help="threshold for --errors")
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--no-progress", action="store_true")
    ap.add_argument(
        "--per-sentence",
        action="store_true",
        help="ask about each sentence alone; the reply scores as its rudest sentence",
    )
    args = ap.parse_args(argv)

    prompt = PROMPTS[args.prompt]
    cases = select(args.prefix, args.labels)
    if not cases:
        print("no dev replies match", file=sys.stderr)
        return 2
    model_path = args.model or (None if args.cache_only else default_model())
    model_name = model_path.stem if model_path else "qwen2.5-coder-1.5b-instruct-q4_k_m"
    cache = JudgementCache(args.cache)
    judge: Judge | None = None
    if not args.cache_only:
        needed = [
            u
            for c in cases
            for u in units_of(c.reply, args.per_sentence)
            if cache.get(cache.key(model_name, prompt.key(), u)) is None
        ]
        if needed:
            assert model_path is not None
            judge = LlamaLogprobJudge(model_path, threads=args.threads)
    judged, fresh = judge_all(
        cases,
        prompt,
        judge,
        cache,
        model_name,
        not args.no_progress,
        per_sentence=args.per_sentence,
    )

    verdicts = run_checker(cases)
    code = prompt.code
    rows = [
        Row(v.case.id, v.case.labels[code].value, code in v.flagged, judged[v.case.id].p_yes)
        for v in verdicts
    ]
    thresholds = [float(t) for t in args.thresholds.split(",") if t]
    n_pos = sum(r.gold for r in rows)
    print(
        f"{code}, prompt {prompt.name} ({prompt.key()}"
        f"{', per sentence' if args.per_sentence else ''}), dev split, "
        f"prefixes {', '.join(args.prefix) or '(all)'}: {len(rows)} replies, {n_pos} labelled {code}"
    )
    print(render(rows, thresholds))
    print(f"judge ROC AUC {_pct(auc(rows))}")
    low_mass = sum(judged[r.id].mass < 0.5 for r in rows)
    print(f"first-token mass of the two answers < 0.5 on {low_mass} of {len(rows)} replies")
    print(cost_line(fresh))
    if args.errors:
        by_id = {c.id: c for c in cases}
        print(f"\ndisagreements of the judge at {args.at:.2f} (p_yes, rules flag):")
        for r in sorted(rows, key=lambda r: -r.p_yes):
            if r.gold != (r.p_yes >= args.at):
                kind = "FN" if r.gold else "FP"
                text = " ".join(by_id[r.id].reply.split())[:120]
                print(f"  {kind} {r.p_yes:.2f} rules={'Y' if r.rules else 'n'} {r.id}: «{text}»")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
