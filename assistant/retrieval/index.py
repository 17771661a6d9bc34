"""Build or reopen the knowledge index and hand out one retriever per process.

Ingestion is idempotent and incremental: the corpus hash names the vector collection,
so an unchanged corpus is never re-embedded, and a changed one embeds only its new or
changed chunks. :func:`build` never touches the live index; :func:`publish` switches
to the new one in a single step and then removes what it replaced. In embedded mode a
file lock makes one process the writer. If no dense model can be loaded the retriever
runs BM25-only and says so once.
"""

from __future__ import annotations

import fcntl
import logging
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from assistant.config import Settings, load_settings
from assistant.retrieval.corpus import corpus_files, corpus_hash, load_chunks
from assistant.retrieval.embeddings import EmbedderUnavailable, load_embeddings
from assistant.retrieval.hybrid import HybridRetriever
from assistant.retrieval.sentences import SentenceIndex, build_sentence_index
from assistant.retrieval.store import drop_stale, ensure_vectorstore
from assistant.retrieval.uploads import (Staged, Upload, load_upload_chunks, read_manifest, remove_unlisted,
                                         stage, write_manifest)
from assistant.types import Chunk
from knowledge.registry import set_uploaded_sources

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


def load_corpus(settings: Settings, uploads: "list[Upload] | None" = None) -> tuple[list[str], list[Chunk]]:
    """File names and chunks of the knowledge folder plus the uploads (default: the live ones)."""
    files = corpus_files(settings.knowledge_dir)
    if not files:
        raise CorpusMissing(
            f"Hittar inga dokument i kunskapsmappen {settings.knowledge_dir}. "
            "Peka EFFEKT_KNOWLEDGE_DIR på mappen med handboken."
        )
    uploads = read_manifest(settings.uploads_dir) if uploads is None else uploads
    chunks = load_chunks(files) + load_upload_chunks(settings, uploads)
    return [f.name for f in files] + [u.file for u in uploads], chunks


def build(settings: Settings, progress: Progress | None = None, embeddings=None,
          uploads: "list[Upload] | None" = None) -> tuple[HybridRetriever, IndexStatus]:
    """Chunk the corpus, open or build the vector store, and return a retriever.

    ``embeddings`` overrides the configured model (tests pass a small fake one);
    ``uploads`` replaces the live uploads (a staged change). Only new or changed chunks
    are embedded. Nothing is switched here: :func:`publish` makes the result live.
    """
    start = time.perf_counter()
    names, chunks = load_corpus(settings, uploads)
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
    retriever = HybridRetriever(chunks, dense=_SafeDense(dense) if dense else None, embeddings=embeddings,
                                sentences=sentence_index)
    status = IndexStatus(digest, tuple(names), len(chunks), retriever.mode, notice, time.perf_counter() - start)
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


class _SafeDense:
    """The vector store as the retriever sees it: if the collection disappears under a
    running query (another process rebuilt the index), that query falls back to BM25."""

    def __init__(self, store) -> None:
        self.store = store
        self.name = store._collection.name

    def similarity_search_by_vector_with_relevance_scores(self, vector, k: int):
        try:
            return self.store.similarity_search_by_vector_with_relevance_scores(vector, k=k)
        except Exception as exc:
            log.warning("Vektorlagret svarade inte (%s); frågan besvaras med BM25.", exc)
            return []

    def __getattr__(self, attr: str):  # everything else is the LangChain store's
        return getattr(self.store, attr)


def add_document(settings: Settings, path: Path, name: str | None = None, replace: str | None = None) -> Staged:
    """Check and store a .md/.txt/.pdf as an upload (not yet live: build, then publish).
    Raises ``UploadRejected`` (a ``ValueError``) with a Swedish reason."""
    return stage(settings, path, name=name, replace=replace)


_shared: dict[str, tuple[HybridRetriever, IndexStatus]] = {}
_shared_lock = threading.Lock()


def publish(settings: Settings, retriever: HybridRetriever, status: IndexStatus,
            uploads: "list[Upload] | None" = None, grace: float = 0.0) -> None:
    """Make a built index live: one assignment switches every later query to it; then the
    upload manifest is written, replaced files and the old collections are removed."""
    before = read_manifest(settings.uploads_dir) if settings.uploads_dir.is_dir() else []
    uploads = before if uploads is None else uploads
    write_manifest(settings.uploads_dir, uploads)
    set_uploaded_sources([u.source for u in uploads])
    key = repr(settings)
    previous = _shared.get(key)
    _shared[key] = (retriever, status)
    for replaced in {u.file for u in before} - {u.file for u in uploads}:
        (settings.uploads_dir / replaced).unlink(missing_ok=True)
    if settings.uploads_dir.is_dir():
        remove_unlisted(settings.uploads_dir, uploads)
    if retriever.dense is None:
        return
    if grace:
        time.sleep(grace)  # let queries that began on the old index finish
    in_use = previous[0].dense.name if previous and previous[0].dense is not None else None
    with _writer_lock(settings):
        # A shared server may serve other replicas still on the previous index: keep it.
        drop_stale(settings, keep=retriever.dense.name,
                   also_keep=in_use if settings.chroma_mode == "http" else None)


def get_retriever(settings: Settings | None = None, refresh: bool = False,
                  progress: Progress | None = None) -> tuple[HybridRetriever, IndexStatus]:
    """The process-wide retriever, built lazily on first use (or again with ``refresh``).

    Queries never wait for a background indexing: they read the live retriever, which
    :func:`publish` replaces in one step when a new index is complete.
    """
    settings = settings or load_settings()
    key = repr(settings)
    current = _shared.get(key)
    if current is not None and not refresh:
        return current
    with _shared_lock:
        if refresh or key not in _shared:
            retriever, status = build(settings, progress=progress)
            publish(settings, retriever, status)
        return _shared[key]
