"""The loaded parts of the understanding step: embedder, example bank, KPI resolver.

One :class:`Engine` per process (:func:`get_engine`). The embeddings of the example bank
and of the KPI titles are cached next to the model, named by the hash of model and texts
(``python -m assistant index build`` fills the cache). The embedder is the retrieval
model; if none can be loaded, a small character n-gram embedder stands in (no model,
still a nearest-example vote) and the dense KPI signal is that embedder's too.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.retrieval.lexical import fold
from assistant.understanding.catalogue import catalogue_entries, title_vectors
from assistant.understanding.intent import IntentClassifier, build_classifier
from assistant.understanding.kpis import KpiResolver

log = logging.getLogger(__name__)


class HashingEmbedder:
    """Character 3-5-gram hashing embedder: a deterministic stand-in without a model."""

    name = "hashing-ngrams-v1"

    def __init__(self, dim: int = 1024) -> None:
        self.dim = dim

    def _vector(self, text: str) -> list[float]:
        v = np.zeros(self.dim, dtype=np.float32)
        for word in fold(text).split():
            padded = f"#{word.strip('?!.,:;')}#"
            for n in (3, 4, 5):
                for i in range(max(len(padded) - n + 1, 1)):
                    h = int(hashlib.blake2b(padded[i:i + n].encode(), digest_size=4).hexdigest(), 16)
                    v[h % self.dim] += 1.0
        norm = float(np.linalg.norm(v)) or 1.0
        return (v / norm).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vector(t) for t in texts]


@dataclass
class Engine:
    embedder: object
    classifier: IntentClassifier
    kpis: KpiResolver
    dense: bool  # the real model (not the stand-in) is in use

    def embed(self, text: str) -> np.ndarray:
        return np.asarray(self.embedder.embed_query(text), dtype=np.float32)


def build_engine(embedder, cache_dir: Path | None, dense: bool = True) -> Engine:
    classifier = build_classifier(embedder, cache_dir)
    vectors = title_vectors(embedder, cache_dir)
    return Engine(embedder, classifier, KpiResolver(catalogue_entries(), vectors), dense)


_engine: Engine | None = None
_lock = threading.Lock()


def get_engine(settings=None) -> Engine:
    """The process-wide engine, built on first use."""
    global _engine
    with _lock:
        if _engine is not None:
            return _engine
        from assistant.config import load_settings
        from assistant.retrieval.embeddings import EmbedderUnavailable, load_embeddings

        settings = settings or load_settings()
        cache_dir = settings.model_cache / "understanding"  # content-hashed: safe to share
        try:
            embedder, dense = load_embeddings(settings), True
        except EmbedderUnavailable as exc:
            log.warning("Förståelsen använder n-gramvektorer utan modell: %s", exc)
            embedder, dense = HashingEmbedder(), False
        _engine = build_engine(embedder, cache_dir, dense)
        return _engine


def set_engine(engine: Engine | None) -> None:
    """Install an engine (tests use one with a fake embedder)."""
    global _engine
    with _lock:
        _engine = engine
