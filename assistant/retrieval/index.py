"""Build or reopen the knowledge index and hand out one retriever per process.

Ingestion is idempotent: the corpus hash names the vector collection, so an unchanged
corpus is never re-embedded. In embedded mode a file lock makes one process the writer.
If no dense model can be loaded the retriever runs BM25-only and says so once.
"""

from __future__ import annotations

import fcntl
import logging
import shutil
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from assistant.config import Settings, load_settings
from assistant.retrieval.corpus import SUPPORTED_SUFFIXES, corpus_files, corpus_hash, load_chunks
from assistant.retrieval.embeddings import EmbedderUnavailable, load_embeddings
from assistant.retrieval.hybrid import HybridRetriever
from assistant.retrieval.sentences import SentenceIndex, build_sentence_index
from assistant.retrieval.store import ensure_vectorstore

log = logging.getLogger(__name__)
BM25_ONLY_NOTICE = (
    "Ingen inbäddningsmodell kunde läsas in, så sökningen använder enbart BM25 (ordmatchning)."
)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class IndexStatus:
    corpus_hash: str
    files: tuple[str, ...]
    chunks: int
    mode: str  # "hybrid" | "bm25"
    notice: str
    seconds: float


class CorpusMissing(FileNotFoundError):
    """The knowledge folder has no documents."""


@contextmanager
def _writer_lock(settings: Settings):
    """Exclusive lock so only one process builds the embedded store at a time."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with (settings.data_dir / ".index.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _tqdm_progress() -> Progress:
    bar: dict[str, tqdm] = {}

    def update(done: int, total: int) -> None:
        if "bar" not in bar:
            bar["bar"] = tqdm(total=total, desc="Indexerar", unit="bit")
        bar["bar"].n = done
        bar["bar"].refresh()
        if done >= total:
            bar["bar"].close()

    return update


def build(settings: Settings, progress: Progress | None = None,
          embeddings=None) -> tuple[HybridRetriever, IndexStatus]:
    """Chunk the corpus, open or build the vector store, and return a retriever.

    ``embeddings`` overrides the configured model (tests pass a small fake one).
    """
    start = time.perf_counter()
    files = corpus_files(settings.knowledge_dir, settings.uploads_dir)
    if not files:
        raise CorpusMissing(
            f"Hittar inga dokument i kunskapsmappen {settings.knowledge_dir}. "
            "Peka EFFEKT_KNOWLEDGE_DIR på mappen med handboken."
        )
    chunks = load_chunks(files)
    digest = corpus_hash(chunks)
    notice = ""
    try:
        embeddings = embeddings or load_embeddings(settings)
        with _writer_lock(settings):
            dense = ensure_vectorstore(settings, chunks, embeddings, digest, embeddings.name,
                                       progress or _tqdm_progress())
    except EmbedderUnavailable as exc:
        log.warning("%s (%s)", BM25_ONLY_NOTICE, exc)
        embeddings, dense, notice = None, None, BM25_ONLY_NOTICE
    sentence_index = sentence_vectors(settings, chunks, embeddings) if dense is not None else None
    retriever = HybridRetriever(chunks, dense=dense, embeddings=embeddings, sentences=sentence_index)
    status = IndexStatus(digest, tuple(f.name for f in files), len(chunks), retriever.mode,
                         notice, time.perf_counter() - start)
    return retriever, status


# -- sentence vectors: a separate step after the passage store ---------------------
def sentence_vectors(settings: Settings, chunks, embeddings) -> SentenceIndex | None:
    """Embed the corpus's sentences (cached by content hash under ``data_dir``); None if
    that fails, in which case retrieval simply ranks without sentence scores."""
    try:
        with _writer_lock(settings):
            return build_sentence_index(chunks, embeddings, embeddings.name, settings.data_dir)
    except Exception as exc:  # the passage index still works without sentence vectors
        log.warning("Meningsvektorerna kunde inte byggas (%s); sökningen rankar utan dem.", exc)
        return None


def add_document(settings: Settings, path: Path) -> Path:
    """Copy a .md/.txt/.pdf into the uploads folder (indexed with the corpus); return the copy."""
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise ValueError(f"Filtypen {path.suffix or '(ingen)'} stöds inte; använd .md, .txt eller .pdf.")
    if not path.is_file():
        raise FileNotFoundError(f"Filen {path} finns inte.")
    load_chunks([path])  # fails early with a readable message if the file has no text
    settings.uploads_dir.mkdir(parents=True, exist_ok=True)
    target = settings.uploads_dir / path.name
    shutil.copyfile(path, target)
    return target


_shared: dict[str, tuple[HybridRetriever, IndexStatus]] = {}
_shared_lock = threading.Lock()


def get_retriever(settings: Settings | None = None, refresh: bool = False,
                  progress: Progress | None = None) -> tuple[HybridRetriever, IndexStatus]:
    """The process-wide retriever, built lazily on first use (or again with ``refresh``,
    e.g. after a document was added; ``progress`` then reports the embedding)."""
    settings = settings or load_settings()
    key = repr(settings)
    with _shared_lock:
        if refresh or key not in _shared:
            _shared[key] = build(settings, progress=progress)
        return _shared[key]
