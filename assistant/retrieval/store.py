"""The Chroma vector store: one collection per (corpus, model), built by one writer.

The collection's name carries the corpus hash, so an unchanged corpus reuses it and
an edited one gets a fresh collection (the stale ones are deleted). A collection whose
count does not match the chunks (a half-written build) or a store that cannot be
opened (a corrupted folder) is rebuilt, never left to fail every query.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Sequence

import chromadb
from chromadb.api.shared_system_client import SharedSystemClient
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from assistant.config import Settings
from assistant.types import Chunk

log = logging.getLogger(__name__)
BATCH = 32


def make_client(settings: Settings):
    """Embedded PersistentClient, or HttpClient for a shared ``chroma run`` server."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
    if settings.chroma_mode == "http":
        return chromadb.HttpClient(
            host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
        )
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)


def open_client(settings: Settings):
    """A working client; an embedded store that cannot be opened is wiped and recreated."""
    try:
        client = make_client(settings)
        client.list_collections()
        return client
    except Exception as exc:
        if settings.chroma_mode == "http":
            raise
        log.warning("Vektorlagret i %s gick inte att öppna (%s); bygger om det.", settings.chroma_dir, exc)
        shutil.rmtree(settings.chroma_dir, ignore_errors=True)
        SharedSystemClient.clear_system_cache()  # Chroma caches one system per path
        return make_client(settings)


def collection_name(settings: Settings, corpus_hash: str, model_name: str) -> str:
    safe_model = "".join(c if c.isalnum() else "-" for c in model_name.lower())[:24].strip("-")
    return f"{settings.collection}-{safe_model}-{corpus_hash[:16]}"


def _healthy(client, name: str, expected: int) -> bool:
    try:
        return client.get_collection(name).count() == expected
    except Exception:
        return False


def ensure_vectorstore(
    settings: Settings,
    chunks: Sequence[Chunk],
    embeddings: Embeddings,
    corpus_hash: str,
    model_name: str,
    progress: Callable[[int, int], None] | None = None,
) -> Chroma:
    """Open the collection for this corpus and model, (re)building it if needed."""
    client = open_client(settings)
    name = collection_name(settings, corpus_hash, model_name)
    if not _healthy(client, name, len(chunks)):
        log.info("Bygger vektorlagret %s (%d bitar)", name, len(chunks))
        _build(client, name, chunks, embeddings, progress)
    _drop_stale(client, name.rsplit("-", 1)[0], keep=name)
    return Chroma(client=client, collection_name=name, embedding_function=embeddings,
                  collection_metadata={"hnsw:space": "cosine"})


def _build(client, name, chunks, embeddings, progress) -> None:
    try:
        client.delete_collection(name)
    except Exception:
        pass
    store = Chroma(client=client, collection_name=name, embedding_function=embeddings,
                   collection_metadata={"hnsw:space": "cosine"})
    total = len(chunks)
    for start in range(0, total, BATCH):
        batch = chunks[start : start + BATCH]
        store.add_texts(
            texts=[c.searchable_text for c in batch],
            metadatas=[c.metadata() for c in batch],
            ids=[c.id for c in batch],
        )
        if progress:
            progress(min(start + BATCH, total), total)


def _drop_stale(client, prefix: str, keep: str) -> None:
    """Delete this model's collections for older corpora (other models' are left alone)."""
    for collection in client.list_collections():
        name = getattr(collection, "name", collection)
        if name.startswith(f"{prefix}-") and name != keep:
            try:
                client.delete_collection(name)
            except Exception as exc:  # another process may have removed it already
                log.debug("Kunde inte ta bort %s: %s", name, exc)
