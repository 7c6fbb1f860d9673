"""LLM-judged metrics: faithfulness and response relevancy, scored by a configurable judge.

The judge is ``settings.judge``: the drafting LLM by default (the 270M base model — a weak
judge, and every run records which judge scored it), or any OpenAI-compatible server.
Our seams are wrapped for ragas: ``SeamLLM`` is a LangChain LLM over our ``LLM`` and
``SeamEmbeddings`` LangChain embeddings over our ``Embedder``, so ragas never calls a network
or a model of its own.

Two styles behind one interface (``JudgeMetric.score(sample) -> float | None``):

- ``ragas``: ragas' Faithfulness and ResponseRelevancy as they are. Their prompts ask for
  JSON; an instruction-following judge answers them, a base model does not (its outputs fail
  ragas' parser and the item gets None, counted in ``errors``).
- ``plain``: the same two measures as short few-shot completion prompts a base model can
  continue. Faithfulness: each sentence of the reply (≥ 3 words) is a statement, the judge
  answers «да»/«нет» to «follows from the context?», the score is the share of «да».
  Relevancy: the judge writes the citizen's question the reply answers; the score is the
  cosine of its embedding with the appeal's (ragas' method, one question at temperature 0,
  no noncommittal flag).
"""

from __future__ import annotations

import math
import os
import re
import warnings
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from drafter.errors import ConfigError
from drafter.llm.base import LLM, GenerationParams
from drafter.settings import LLMSettings, Settings

MIN_STATEMENT_WORDS = 3
MAX_STATEMENTS = 8
JUDGE_METRICS = ("faithfulness", "response_relevancy")


@dataclass(frozen=True)
class Sample:
    user_input: str  # the appeal
    response: str  # the reply being judged
    retrieved_contexts: Sequence[str] = ()


class JudgeMetric(Protocol):
    name: str

    def score(self, sample: Sample) -> float | None: ...


class Embeds(Protocol):
    name: str

    def embed(self, texts: list[str]) -> list[list[float]]: ...


# -- seams as LangChain objects, for ragas ----------------------------------------------------


def seam_llm(llm: LLM, max_tokens: int) -> Any:
    """A LangChain LLM that completes through our LLM seam, always greedy."""
    from langchain_core.language_models.llms import LLM as LangChainLLM

    class SeamLLM(LangChainLLM):
        seam: Any
        max_tokens: int = 256

        @property
        def _llm_type(self) -> str:
            return f"drafter-{self.seam.name}"

        def _call(
            self, prompt: str, stop: list[str] | None = None, run_manager: Any = None, **_: Any
        ) -> str:
            params = GenerationParams(
                temperature=0.0, max_tokens=self.max_tokens, stop=tuple(stop or ())
            )
            return self.seam.complete(prompt, params).text

    return SeamLLM(seam=llm, max_tokens=max_tokens)


def seam_embeddings(embedder: Embeds) -> Any:
    from langchain_core.embeddings import Embeddings

    class SeamEmbeddings(Embeddings):
        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return embedder.embed(list(texts))

        def embed_query(self, text: str) -> list[float]:
            return embedder.embed([text])[0]

    return SeamEmbeddings()


# -- the ragas style ----------------------------------------------------------------------------


@dataclass
class RagasMetric:
    """A ragas single-turn metric; a judge answer ragas cannot parse scores None."""

    name: str
    metric: Any
    errors: Counter[str] = field(default_factory=Counter)

    def score(self, sample: Sample) -> float | None:
        from ragas.dataset_schema import SingleTurnSample

        if self.name == "faithfulness" and not sample.retrieved_contexts:
            return None
        s = SingleTurnSample(
            user_input=sample.user_input,
            response=sample.response,
            retrieved_contexts=list(sample.retrieved_contexts),
        )
        try:
            value = self.metric.single_turn_score(s)
        except Exception as exc:  # noqa: BLE001 - ragas raises parser errors of many kinds
            self.errors[type(exc).__name__] += 1
            return None
        if value is None or (isinstance(value, float) and math.isnan(value)):
            self.errors["nan"] += 1
            return None
        return float(value)


def ragas_metrics(llm: LLM, embedder: Embeds, max_tokens: int) -> list[JudgeMetric]:
    # ragas phones home unless told not to; evals run offline
    os.environ.setdefault("RAGAS_DO_NOT_TRACK", "true")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from ragas.embeddings import LangchainEmbeddingsWrapper
        from ragas.llms import LangchainLLMWrapper
        from ragas.metrics import Faithfulness, ResponseRelevancy

        judge = LangchainLLMWrapper(seam_llm(llm, max_tokens))
        emb = LangchainEmbeddingsWrapper(seam_embeddings(embedder))
        # one question at temperature 0: three would be three copies of it
        return [
            RagasMetric("faithfulness", Faithfulness(llm=judge)),
            RagasMetric(
                "response_relevancy", ResponseRelevancy(llm=judge, embeddings=emb, strictness=1)
            ),
        ]


# -- the plain style (base models) ------------------------------------------------------------

FAITHFULNESS_PROMPT = """Проверка фактов. Ответь «да», если утверждение следует из текста, иначе «нет».

Текст: Вывоз мусора с улицы Ленина проводится по вторникам и пятницам.
Утверждение: Мусор на улице Ленина вывозят по вторникам.
Следует из текста: да

Текст: Вывоз мусора с улицы Ленина проводится по вторникам и пятницам.
Утверждение: Дорогу на улице Ленина отремонтируют в мае.
Следует из текста: нет

Текст: {context}
Утверждение: {statement}
Следует из текста:"""

QUESTION_PROMPT = """Ответ ведомства: Ремонт дороги у дома 5 на улице Мира запланирован на июнь.
Вопрос жителя: Когда отремонтируют дорогу у дома 5 на улице Мира?

Ответ ведомства: Мусор во дворе вывезли 12 марта, график вывоза восстановлен.
Вопрос жителя: Почему во дворе не вывозят мусор?

Ответ ведомства: {response}
Вопрос жителя:"""


def statements(text: str) -> list[str]:
    """The reply's sentences worth judging, at most MAX_STATEMENTS."""
    from razdel import sentenize

    out = [s.text.strip() for s in sentenize(text)]
    return [s for s in out if len(re.findall(r"\w+", s)) >= MIN_STATEMENT_WORDS][:MAX_STATEMENTS]


def _fit(template: str, llm: LLM, reserve: int, **values: str) -> str:
    """Fill the template, shortening the longest value until the prompt fits the window."""
    budget = max(256, llm.context_window - reserve)
    prompt = template.format(**values)
    while llm.count_tokens(prompt) > budget:
        key = max(values, key=lambda k: len(values[k]))
        if len(values[key]) < 200:
            break
        values[key] = values[key][: int(len(values[key]) * 0.8)]
        prompt = template.format(**values)
    return prompt


@dataclass
class PlainFaithfulness:
    llm: LLM
    name: str = "faithfulness"

    def score(self, sample: Sample) -> float | None:
        context = "\n".join(c for c in sample.retrieved_contexts if c.strip())
        found = statements(sample.response)
        if not context or not found:
            return None
        params = GenerationParams(temperature=0.0, max_tokens=3, stop=("\n",))
        yes = 0
        for st in found:
            prompt = _fit(FAITHFULNESS_PROMPT, self.llm, 16, context=context, statement=st)
            answer = self.llm.complete(prompt, params).text.strip().lower()
            yes += answer.startswith("да")
        return yes / len(found)


@dataclass
class PlainRelevancy:
    llm: LLM
    embedder: Embeds
    name: str = "response_relevancy"

    def score(self, sample: Sample) -> float | None:
        if not sample.response.strip():
            return None
        params = GenerationParams(temperature=0.0, max_tokens=60, stop=("\n",))
        prompt = _fit(QUESTION_PROMPT, self.llm, 64, response=sample.response)
        question = self.llm.complete(prompt, params).text.strip()
        if not question:
            return None
        a, b = self.embedder.embed([question, sample.user_input])
        return _cosine(a, b)


def _cosine(a: Sequence[float], b: Sequence[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    na = math.sqrt(sum(x * x for x in a))
    nb = math.sqrt(sum(y * y for y in b))
    return dot / (na * nb) if na and nb else 0.0


# -- the judge ----------------------------------------------------------------------------------


@dataclass
class Judge:
    llm: LLM
    style: str
    backend: str
    metrics: list[JudgeMetric]

    def score(self, sample: Sample) -> dict[str, float | None]:
        return {m.name: m.score(sample) for m in self.metrics}

    def describe(self) -> dict[str, Any]:
        """What the report records as the judge of a run."""
        errors: Counter[str] = Counter()
        for m in self.metrics:
            errors.update(getattr(m, "errors", {}))
        return {
            "backend": self.backend,
            "model": self.llm.name,
            "style": self.style,
            "metrics": [m.name for m in self.metrics],
            "errors": dict(errors),
        }


def judge_llm(settings: Settings, default: LLM | None = None) -> LLM:
    """The judge LLM from ``settings.judge``; ``default`` is the drafting LLM, if built."""
    cfg = settings.judge
    from drafter.factories import make_llm

    if cfg.backend == "default":
        return default or make_llm(settings)
    if cfg.backend == "openai" and not cfg.base_url:
        raise ConfigError("judge.backend=openai needs judge.base_url (DRAFTER_JUDGE__BASE_URL)")
    llm_cfg = LLMSettings(
        backend=cfg.backend, base_url=cfg.base_url, model=cfg.model, api_key=cfg.api_key,
        context_window=settings.llm.context_window, timeout_s=settings.llm.timeout_s,
    )  # fmt: skip
    return make_llm(settings.model_copy(update={"llm": llm_cfg}))


def make_judge(
    settings: Settings,
    *,
    llm: LLM | None = None,
    embedder: Embeds | None = None,
    default_llm: LLM | None = None,
) -> Judge:
    """The judge of ``settings.judge``; pass ``llm``/``embedder`` to replace them (tests)."""
    cfg = settings.judge
    llm = llm or judge_llm(settings, default_llm)
    if embedder is None:
        from drafter.factories import make_embedder

        embedder = make_embedder(settings)
    style = cfg.style
    if style == "auto":
        style = "ragas" if cfg.backend == "openai" else "plain"
    if style == "ragas":
        metrics = ragas_metrics(llm, embedder, cfg.max_tokens)
    else:
        metrics = [PlainFaithfulness(llm), PlainRelevancy(llm, embedder)]
    return Judge(llm=llm, style=style, backend=cfg.backend, metrics=metrics)
