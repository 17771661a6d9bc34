"""Embeddings cached on disk by content: one file per model, text hash -> vector.

Adding examples to the bank embeds only the new ones; an unchanged catalogue is never
embedded again. Writes are atomic (a temporary file, then a rename).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)


def _key(kind: str, text: str) -> str:
    return hashlib.sha1(f"{kind}\n{text}".encode("utf-8")).hexdigest()


def _path(cache_dir: Path, embedder) -> Path:
    name = getattr(embedder, "name", type(embedder).__name__)
    return cache_dir / f"vectors_{hashlib.sha1(name.encode('utf-8')).hexdigest()[:12]}.npz"


def load(path: Path) -> dict[str, np.ndarray]:
    if not path.exists():
        return {}
    try:
        with np.load(path) as data:
            return dict(zip(data["keys"].tolist(), data["vectors"]))
    except (OSError, ValueError, KeyError):
        log.warning("Vektorcachen %s kunde inte läsas; den byggs om", path)
        return {}


def save(path: Path, store: dict[str, np.ndarray]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    keys = np.array(list(store))
    vectors = np.stack(list(store.values())).astype(np.float32)
    tmp = path.with_name(path.stem + ".tmp.npz")
    np.savez(tmp, keys=keys, vectors=vectors)
    tmp.replace(path)


def cached_vectors(embedder, texts: list[str], kind: str, cache_dir: Path | None,
                   embed: Callable[[list[str]], np.ndarray]) -> np.ndarray:
    """Vectors for ``texts`` (row per text), embedding only those not in the cache."""
    if cache_dir is None:
        return np.asarray(embed(list(texts)), dtype=np.float32)
    path = _path(cache_dir, embedder)
    store = load(path)
    keys = [_key(kind, t) for t in texts]
    missing = list(dict.fromkeys(t for t, k in zip(texts, keys) if k not in store))
    if missing:
        log.info("Bäddar in %d nya texter (%s)", len(missing), kind)
        for text, vector in zip(missing, np.asarray(embed(missing), dtype=np.float32)):
            store[_key(kind, text)] = vector
        save(path, store)
    if not keys:  # nothing to embed (no Kolada snapshot: no KPI titles): an empty matrix
        dim = len(next(iter(store.values()))) if store else len(embedder.embed_query("nyckeltal"))
        return np.zeros((0, dim), dtype=np.float32)
    return np.stack([store[k] for k in keys]).astype(np.float32)


def similarities(matrix: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """``matrix @ vector`` for one query, without BLAS threads.

    A single matrix-vector product over a thousand rows takes ~0.3 ms on one core; the
    multi-threaded BLAS path takes 10-15 ms when the cores are busy (its threads wait for
    a core), so the product is done by ``einsum``, which stays on the calling thread.
    """
    return np.einsum("ij,j->i", matrix, np.asarray(vector, dtype=matrix.dtype))
