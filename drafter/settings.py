"""One settings object for the whole service.

Everything comes from ``DRAFTER_*`` environment variables (nested with ``__``, e.g.
``DRAFTER_LLM__BACKEND=openai``) and, optionally, a TOML file named by ``DRAFTER_CONFIG``.
Settings are read once, in ``Settings()``, and passed down; no module reads them at import time.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from drafter.deadlines.config import DeadlineSettings


class LLMSettings(BaseModel):
    # llama_cpp: in-process llama.cpp (default: the bundled Qwen2.5-Coder-1.5B-Instruct GGUF)
    # openai: any OpenAI-compatible completions server (vLLM, llama.cpp server, ...)
    # fake: scripted replies, for tests
    backend: Literal["llama_cpp", "openai", "fake"] = "llama_cpp"
    model_path: Path | None = None  # any GGUF; None = the bundled model, assembled on first use
    # which bundled GGUF (drafter/llm/model_files.py): the instruction model drafts; the 270M
    # base model is fast and serves the quick test tier
    bundled: Literal["qwen2.5-1.5b-instruct", "gemma3-270m"] = "qwen2.5-1.5b-instruct"
    context_window: int = 4096
    threads: int | None = None  # None = all cores
    # llama_cpp: memory for the KV states of appeals read ahead of their facts (about 28 KB a
    # token for the default model, ≈ 15 MB an appeal); 0 keeps none
    prefix_cache_mb: int = 256
    base_url: str | None = None  # openai: e.g. http://127.0.0.1:8080/v1
    model: str | None = None  # openai: model name the server expects
    api_key: SecretStr | None = None
    timeout_s: float = 300.0


class GenerationSettings(BaseModel):
    temperature: float = 0.0  # 0 = greedy, deterministic
    max_tokens: int = 200
    # per channel group (social, pos, email, letter): a social-network reply is a few short
    # sentences, and every token not generated is time saved on 2 cores; unlisted: max_tokens
    max_tokens_by_channel: dict[str, int] = Field(
        default_factory=lambda: {"social": 160, "pos": 260, "email": 260, "letter": 320}
    )
    stop: list[str] = Field(
        default_factory=lambda: ["\n\n\n", "Обращение:", "###", "<end_of_turn>"]
    )
    repeat_penalty: float = 1.15
    top_p: float = 0.95
    top_k: int = 40
    seed: int = 42


class EmbedderSettings(BaseModel):
    # navec: natasha's Russian word vectors (default, offline); llama_cpp: a GGUF's embeddings;
    # sentence_transformers: any local model; openai: an embeddings endpoint; fake: hashing
    backend: Literal["navec", "llama_cpp", "sentence_transformers", "openai", "fake"] = "navec"
    model: str | None = None
    base_url: str | None = None
    api_key: SecretStr | None = None
    batch_size: int = 64


class VectorStoreSettings(BaseModel):
    backend: Literal["chroma", "chroma_server"] = "chroma"
    host: str = "127.0.0.1"
    port: int = 8001
    collection: str = "drafter"


class RetrievalSettings(BaseModel):
    k_regulations: int = 3
    k_answers: int = 3
    candidates: int = 50  # per retriever, before fusion
    # hybrid search (see knowledge/index.py); defaults chosen by `python -m evals.retrieval`
    dense_weight: float = 0.5
    label_field: str = "reason"  # a past answer's label; "category" when a chunk lacks it
    label_weight: float = 8.0  # label-aware re-ranking; 0 turns it off
    label_neighbours: int = 20
    label_repeat: float = 0.0  # bonus kept by a label's 2nd, 3rd... answer (1 = no diversity)
    projection: bool = True  # supervised (LDA) dense space fitted on the indexed labels
    refit_drift: float = 0.1  # refit it when the labelled chunks changed by this fraction


class SignatureSettings(BaseModel):
    """The signature block a letter ends with; the pipeline appends it, the model never writes it."""

    organisation: str | None = None
    position: str | None = None
    name: str | None = None


class DraftingSettings(BaseModel):
    max_appeal_chars: int = 20_000
    # reply_v2: a chat prompt for the instruction model, the channel's format and the task
    # in the cached system message (reply_v1: the same words, all in the user message);
    # draft_v1/draft_v2: completion documents for a base model (prompts/; a template declares
    # its form)
    prompt_version: str = "reply_v2"
    chunk_tokens: int = 350  # cl100k tokens per knowledge chunk
    max_repair_tries: int = 2
    pass_threshold: int = 60
    signature: SignatureSettings = Field(default_factory=SignatureSettings)
    # generation that keeps failing the gate falls back to a draft composed without the model
    composed_fallback: bool = True
    social_max_sentences: int = 5  # social networks: a few short sentences
    # a generated sentence reporting work done («проблема устранена») or denying what the
    # citizen reported («срывов нет») that the executor's facts do not confirm: "drop" it like
    # an unsupported fact (a draft left with nothing else then fails the gate), or only "flag"
    # it in the support map for the reviewer. Facts are the input now: whatever they do not
    # say was done, the model made up
    done_claims: Literal["flag", "drop"] = "drop"
    # a generated reply that lost a date, organisation or number of the executor's facts gets
    # the facts' own sentence back (drafter.executor_facts.restore_lost_facts) instead of
    # failing LOST_FACT and being written again; False: it fails and is written again
    restore_facts: bool = True
    # a draft about another problem than the appeal's (a past answer to another case) is an
    # OTPISKA blocker, judged by the index's topic model (knowledge.topics); False: not judged
    topic_check: bool = True
    # the topic agreement (knowledge.topics) a draft must reach: positive evidence that it is
    # about the appeal's problem; 0 asks only that it is not about another one. 75–82 % of
    # real replies reach 1.0, 86–94 % of replies to other problems do not
    # (evals/topic_agreement.py); a draft below falls back to the interim reply
    topic_margin: float = 1.0
    # and odds that the draft and the appeal share a label (TopicVerdict.same) above this share
    # of real replies' (held out when the judge was fitted): an appeal the judge splits between
    # two problems gives a draft about either a high margin. With the margin, 67–73 % of real
    # replies reach it, 2–4 % of replies to another sub-category and 5–10 % within the same
    # category (the margin alone: 76–82 %, 5 %, 10–12 %; evals/topic_agreement.py, fitted on
    # 12,000 / 2,000)
    topic_min_rank: float = 0.33


class JudgeSettings(BaseModel):
    # the LLM that scores ragas metrics in `drafter eval --ragas`; a run records which one it was.
    # default: the drafting LLM (settings.llm); openai: any OpenAI-compatible server; fake: tests
    backend: Literal["default", "openai", "fake"] = "default"
    base_url: str | None = None
    model: str | None = None
    api_key: SecretStr | None = None
    # ragas: ragas' own JSON prompts (needs an instruction-following judge); plain: short
    # completion prompts a base model can answer; auto: ragas for openai, plain otherwise
    style: Literal["auto", "ragas", "plain"] = "auto"
    max_tokens: int = 256


class ApiSettings(BaseModel):
    """Bounds on what one caller may ask of the API (drafter.limits)."""

    # a request body (an upload, a JSON body) larger than this is refused (413) as it streams in
    max_upload_mb: float = Field(default=20.0, gt=0)
    # new drafts per token per minute (a burst of this many, then this rate); 0 = no limit.
    # Counted in each process: N API processes let a token through N times this
    drafts_per_minute: int = Field(default=60, ge=0)
    # queued drafts at most; a new draft beyond it is 503 queue_full; 0 = no bound
    max_queue: int = Field(default=1000, ge=0)

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="DRAFTER_",
        env_nested_delimiter="__",
        extra="ignore",
    )

    data_dir: Path = Path("./data")
    host: str = "127.0.0.1"
    port: int = 8000
    database_url: str | None = None  # None = SQLite file in data_dir
    workers: int = 1  # background drafting threads in one process
    # a worker holds a claimed draft this long without a heartbeat (renewed every third of
    # it); after that the draft counts as abandoned and another worker takes it
    worker_lease_s: float = Field(default=60.0, gt=0)
    config: Path | None = None  # optional TOML file with any of these settings

    llm: LLMSettings = Field(default_factory=LLMSettings)
    generation: GenerationSettings = Field(default_factory=GenerationSettings)
    embedder: EmbedderSettings = Field(default_factory=EmbedderSettings)
    vector_store: VectorStoreSettings = Field(default_factory=VectorStoreSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    drafting: DraftingSettings = Field(default_factory=DraftingSettings)
    deadlines: DeadlineSettings = Field(default_factory=DeadlineSettings)
    judge: JudgeSettings = Field(default_factory=JudgeSettings)
    api: ApiSettings = Field(default_factory=ApiSettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        toml_path = os.environ.get("DRAFTER_CONFIG")
        if toml_path:
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=toml_path))
        return tuple(sources)

    @model_validator(mode="after")
    def _check(self) -> Settings:
        if self.llm.backend == "openai" and not self.llm.base_url:
            raise ValueError("llm.backend=openai needs llm.base_url (DRAFTER_LLM__BASE_URL)")
        if self.vector_store.backend == "chroma_server" and not self.vector_store.host:
            raise ValueError("vector_store.backend=chroma_server needs vector_store.host")
        if self.config is not None and not self.config.exists():
            raise ValueError(f"config file {self.config} does not exist")
        return self

    # Everything the service writes lives under data_dir, so two data dirs never mix.
    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'drafter.db').resolve()}"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def model_dir(self) -> Path:
        return self.data_dir / "models"

    @property
    def routing_dir(self) -> Path:
        return self.data_dir / "routing"

    def ensure_dirs(self) -> None:
        # the data dir holds appeals (personal data, 152-ФЗ): its owner alone may enter it, so
        # whatever a library writes inside (the vector store, uploads) is private too
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir.chmod(0o700)
        for p in (self.index_dir, self.model_dir):
            p.mkdir(parents=True, exist_ok=True)
