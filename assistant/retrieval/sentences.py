"""Sentence vectors: every sentence of the corpus embedded once, at index build.

A passage of 60-180 words mixes several claims; its single vector blurs them. A vector
per sentence lets retrieval score a passage by its best sentence and lets extraction
pick the sentence that answers (the dense half of "reranking by the best sentence").

Vectors are cached on disk by content hash (model name + sentence text), so an
unchanged sentence is never embedded twice, even when the chunk around it changes.
The sentences are split exactly as :func:`assistant.extract.sentences` splits them,
so ``(chunk index, position)`` means the same thing in retrieval and extraction.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.types import Chunk

log = logging.getLogger(__name__)
BATCH = 32
Progress = Callable[[int, int], None]


def sentence_key(model_name: str, text: str) -> str:
    return hashlib.sha1(f"{model_name}\x00{text}".encode()).hexdigest()


@dataclass(frozen=True)
class SentenceIndex:
    """One row per sentence: owning chunk, position in the chunk, text, unit vector."""

    owners: np.ndarray  # int, chunk index per sentence
    positions: np.ndarray  # int, sentence position inside its chunk
    texts: tuple[str, ...]
    vectors: np.ndarray  # float32 (n, d), L2-normalised

    def __len__(self) -> int:
        return len(self.texts)

    def cosines(self, query_vector: Sequence[float]) -> np.ndarray:
        """Cosine similarity of every sentence to a (normalised) query vector."""
        return self.vectors @ np.asarray(query_vector, dtype=np.float32)

    def best_per_chunk(self, cosines: np.ndarray, n_chunks: int) -> np.ndarray:
        """The best sentence cosine of each chunk (-1 for a chunk without sentences)."""
        best = np.full(n_chunks, -1.0, dtype=np.float32)
        np.maximum.at(best, self.owners, cosines)
        return best

    def lookup(self, cosines: np.ndarray) -> dict[tuple[int, int], float]:
        """``(chunk index, position) -> cosine`` for extraction."""
        return {(int(o), int(p)): float(c) for o, p, c in zip(self.owners, self.positions, cosines)}


def split_corpus(chunks: Sequence[Chunk]) -> tuple[list[int], list[int], list[str]]:
    from assistant.extract import sentences  # one splitter for retrieval and extraction

    owners, positions, texts = [], [], []
    for i, chunk in enumerate(chunks):
        for position, sentence in enumerate(sentences(chunk.text)):
            owners.append(i)
            positions.append(position)
            texts.append(sentence)
    return owners, positions, texts


def _load_cache(path: Path) -> dict[str, np.ndarray]:
    if not path.is_file():
        return {}
    try:
        with np.load(path, allow_pickle=False) as data:
            return dict(zip(data["keys"].tolist(), data["vectors"]))
    except Exception as exc:  # a half-written or foreign file: rebuild it
        log.warning("Meningsvektorerna i %s gick inte att läsa (%s); de räknas om.", path, exc)
        return {}


def _save_cache(path: Path, keys: list[str], vectors: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".npz")
    os.close(fd)
    np.savez(tmp, keys=np.array(keys), vectors=vectors)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def cache_path(data_dir: Path, model_name: str) -> Path:
    safe = "".join(c if c.isalnum() else "-" for c in model_name.lower())[:40].strip("-")
    return data_dir / "sentences" / f"{safe}.npz"


def build_sentence_index(chunks: Sequence[Chunk], embeddings, model_name: str, data_dir: Path,
                         progress: Progress | None = None) -> SentenceIndex:
    """Embed the sentences not yet in the cache, save the cache and return the index.

    The cache keeps exactly the current corpus's sentences (stale ones are dropped).
    """
    owners, positions, texts = split_corpus(chunks)
    keys = [sentence_key(model_name, t) for t in texts]
    path = cache_path(data_dir, model_name)
    cached = _load_cache(path)
    missing = list(dict.fromkeys(k for k in keys if k not in cached))
    if missing:
        by_key = dict(zip(keys, texts))
        log.info("Bäddar in %d nya meningar (%d i cache)", len(missing), len(keys) - len(missing))
        for start in range(0, len(missing), BATCH):
            batch = missing[start : start + BATCH]
            for key, vector in zip(batch, embeddings.embed_documents([by_key[k] for k in batch])):
                cached[key] = np.asarray(vector, dtype=np.float32)
            if progress:
                progress(min(start + BATCH, len(missing)), len(missing))
    unique = list(dict.fromkeys(keys))
    dims = len(next(iter(cached.values()))) if cached else 1
    matrix = np.stack([cached[k] for k in unique]).astype(np.float32) if unique else np.zeros((0, dims))
    if missing or len(cached) != len(unique):
        _save_cache(path, unique, matrix)
    row = {k: i for i, k in enumerate(unique)}
    vectors = matrix[[row[k] for k in keys]] if keys else matrix
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    vectors = vectors / np.where(norms == 0, 1.0, norms)
    return SentenceIndex(np.asarray(owners, dtype=int), np.asarray(positions, dtype=int),
                         tuple(texts), vectors.astype(np.float32))
