"""The dense embedder: a sentence-transformers model behind LangChain's ``Embeddings``.

``EFFEKT_EMBEDDING_MODEL`` picks the model: the default ``embeddinggemma-300m`` is
provisioned from the package index (see :mod:`provision`); any other value is a folder
or a model name that sentence-transformers can load (with hub access where the
deployment has it). ``none`` turns dense retrieval off. Queries and documents go
through ``encode_query`` / ``encode_document`` so the model's own prompts apply.

``EFFEKT_EMBEDDING_DTYPE`` picks how the weights are held (``float32``, ``bfloat16``, or
``int8``: PyTorch's dynamic quantisation of every linear layer with one weight scale per
output channel). Vectors of different dtypes are not interchangeable, so the embedder's
``name``, which keys the Chroma collection, the sentence vectors and the understanding
caches, carries the dtype for anything but float32.
"""

from __future__ import annotations

import logging
import threading
import time
import warnings
from collections import OrderedDict
from pathlib import Path

from langchain_core.embeddings import Embeddings

from assistant.config import DEFAULT_MODEL, Settings, apply_offline_environment, limit_blas_threads
from assistant.retrieval import provision

log = logging.getLogger(__name__)


class EmbedderUnavailable(RuntimeError):
    """No dense model could be loaded; retrieval falls back to BM25."""


class SentenceEmbeddings(Embeddings):
    """LangChain embeddings over a loaded SentenceTransformer, with a query cache."""

    def __init__(self, model, name: str, cache_size: int = 512) -> None:
        self.model = model
        self.name = name
        self._cache: OrderedDict[str, list[float]] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors = self.model.encode_document(
            list(texts), batch_size=16, normalize_embeddings=True, show_progress_bar=False
        )
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            if text in self._cache:
                self._cache.move_to_end(text)
                return self._cache[text]
        vector = self.model.encode_query(text, normalize_embeddings=True).tolist()
        with self._lock:
            self._cache[text] = vector
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return vector


def variant_name(model_name: str, dtype: str) -> str:
    """The cache key of a model in a dtype: ``embeddinggemma-300m`` for float32,
    ``embeddinggemma-300m-int8`` etc. otherwise."""
    return model_name if dtype == "float32" else f"{model_name}-{dtype}"


def convert(model, dtype: str):
    """``model`` (a float32 torch module) held in ``dtype``; raise ValueError for another dtype."""
    import torch

    if dtype == "float32":
        return model
    if dtype == "bfloat16":
        return model.to(torch.bfloat16)
    if dtype == "int8":
        from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

        with warnings.catch_warnings():  # torch marks its eager quantisation API as deprecated
            warnings.simplefilter("ignore", DeprecationWarning)
            warnings.simplefilter("ignore", UserWarning)
            return quantize_dynamic(model, {torch.nn.Linear: per_channel_dynamic_qconfig},
                                    dtype=torch.qint8, inplace=True)
    raise ValueError(f"okänd dtype för inbäddningsmodellen: {dtype!r}")


_loaded: dict[tuple[str, str], SentenceEmbeddings] = {}
_load_lock = threading.Lock()
LOAD_SECONDS: dict[str, float] = {}


def model_path(settings: Settings) -> str:
    """Where to load the configured model from, provisioning the default if needed."""
    if settings.embedding_model == DEFAULT_MODEL:
        return str(provision.provision(settings.model_cache))
    return settings.embedding_model


def load_embeddings(settings: Settings) -> SentenceEmbeddings:
    """Load (once per process) the configured model; raise EmbedderUnavailable if it cannot."""
    if not settings.dense_enabled:
        raise EmbedderUnavailable("Dense retrieval är avstängd (EFFEKT_EMBEDDING_MODEL=none).")
    key = (settings.embedding_model, settings.embedding_dtype)
    with _load_lock:
        if key in _loaded:
            return _loaded[key]
        apply_offline_environment()
        limit_blas_threads()
        start = time.perf_counter()
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()  # its "Loading weights" bar is English text on the console
            path = model_path(settings)
            model = convert(SentenceTransformer(path, device="cpu"), settings.embedding_dtype)
        except provision.ProvisionError as exc:
            raise EmbedderUnavailable(str(exc)) from exc
        except Exception as exc:  # any load failure means: run BM25-only
            raise EmbedderUnavailable(
                f"Kunde inte läsa in inbäddningsmodellen '{settings.embedding_model}': {exc}"
            ) from exc
        LOAD_SECONDS[settings.embedding_model] = time.perf_counter() - start
        embedder = SentenceEmbeddings(model, name=variant_name(Path(str(path)).name, settings.embedding_dtype))
        _loaded[key] = embedder
        return embedder
