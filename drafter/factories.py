"""One factory per seam: settings in, a backend out.

Imports are lazy so that an optional backend's missing package fails only when it is chosen,
with a ConfigError that says which extra to install.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.errors import ConfigError, knowledge_errors
from drafter.settings import Settings
from knowledge.index import KnowledgeIndex
from knowledge.vectorstore import ChromaVectorStore

if TYPE_CHECKING:
    from drafter.llm.base import LLM
    from knowledge.embedders.base import Embedder
    from knowledge.vectorstore import VectorStore


def _missing(what: str, extra: str, exc: ImportError) -> ConfigError:
    return ConfigError(f"{what} needs an optional package: pip install 'drafter[{extra}]' ({exc})")


def make_llm(settings: Settings) -> LLM:
    cfg = settings.llm
    match cfg.backend:
        case "llama_cpp":
            try:
                from drafter.llm.llama_cpp import LlamaCppLLM
                from drafter.llm.model_files import default_model_path
            except ImportError as exc:
                # llama-cpp-python is a core dependency (there is no extra to name): the
                # installation itself is broken
                raise ConfigError(
                    f"llm.backend=llama_cpp cannot import its modules; llama-cpp-python is a core "
                    f"dependency of drafter, reinstall drafter ({exc})"
                ) from exc
            path = cfg.model_path or default_model_path(settings.model_dir, cfg.bundled)
            return LlamaCppLLM(
                model_path=path,
                context_window=cfg.context_window,
                threads=cfg.threads,
                seed=settings.generation.seed,
                prefix_cache_mb=cfg.prefix_cache_mb,
            )
        case "openai":
            from drafter.llm.openai_compat import OpenAICompatLLM

            assert cfg.base_url  # validated in Settings
            return OpenAICompatLLM(
                base_url=cfg.base_url,
                model=cfg.model or "default",
                api_key=cfg.api_key.get_secret_value() if cfg.api_key else None,
                timeout_s=cfg.timeout_s,
                context_window=cfg.context_window,
            )
        case "fake":
            from drafter.llm.fake import FakeLLM

            return FakeLLM(context_window=cfg.context_window)
    raise ConfigError(f"unknown llm.backend {cfg.backend!r}")


@knowledge_errors()
def make_embedder(settings: Settings) -> Embedder:
    cfg = settings.embedder
    match cfg.backend:
        case "navec":
            from knowledge.embedders.navec import NavecEmbedder

            return NavecEmbedder()
        case "llama_cpp":
            from drafter.llm.model_files import default_model_path
            from knowledge.embedders.llama_cpp import LlamaCppEmbedder

            model = cfg.model or str(
                settings.llm.model_path
                or default_model_path(settings.model_dir, settings.llm.bundled)
            )
            return LlamaCppEmbedder(model_path=model)
        case "sentence_transformers":
            try:
                from knowledge.embedders.sentence_transformers import SentenceTransformerEmbedder
            except ImportError as exc:
                raise _missing("embedder.backend=sentence_transformers", "st", exc) from exc
            if not cfg.model:
                raise ConfigError("embedder.backend=sentence_transformers needs embedder.model")
            return SentenceTransformerEmbedder(model=cfg.model)
        case "openai":
            from knowledge.embedders.openai_compat import OpenAIEmbedder

            if not cfg.base_url:
                raise ConfigError("embedder.backend=openai needs embedder.base_url")
            return OpenAIEmbedder(
                base_url=cfg.base_url,
                model=cfg.model or "default",
                api_key=cfg.api_key.get_secret_value() if cfg.api_key else None,
            )
        case "fake":
            from knowledge.embedders.fake import HashingEmbedder

            return HashingEmbedder()
    raise ConfigError(f"unknown embedder.backend {cfg.backend!r}")


@knowledge_errors()
def make_vector_store(settings: Settings, embedder_name: str) -> VectorStore:
    cfg = settings.vector_store
    # one collection per embedder: vectors of two embedders never share a space
    collection = f"{cfg.collection}-{embedder_name}"
    match cfg.backend:
        case "chroma":
            return ChromaVectorStore.embedded(settings.index_dir / "chroma", collection)
        case "chroma_server":
            return ChromaVectorStore.server(cfg.host, cfg.port, collection)
    raise ConfigError(f"unknown vector_store.backend {cfg.backend!r}")


@knowledge_errors()
def make_index(settings: Settings, embedder: Embedder | None = None) -> KnowledgeIndex:
    embedder = embedder or make_embedder(settings)
    store = make_vector_store(settings, embedder.name)
    r = settings.retrieval
    return KnowledgeIndex(
        root=settings.index_dir,
        embedder=embedder,
        store=store,
        candidates=r.candidates,
        dense_weight=r.dense_weight,
        label_field=r.label_field,
        label_weight=r.label_weight,
        label_neighbours=r.label_neighbours,
        label_repeat=r.label_repeat,
        projection=r.projection,
        refit_drift=r.refit_drift,
    )
