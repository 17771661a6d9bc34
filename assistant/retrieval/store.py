"""The Chroma vector store: one collection per (corpus, model), built by one writer.

The collection's name carries the corpus hash, so an unchanged corpus reuses it and
an edited one gets a fresh collection: only new or changed chunks are embedded, the
rest are copied from the previous collection, which is deleted (with the folder Chroma
leaves behind) once the new one is live. A collection whose count does not match the
chunks (a half-written build) or a store that cannot be opened (a corrupted folder)
is rebuilt, never left to fail every query.
"""

from __future__ import annotations

import logging
import re
import shutil
import sqlite3
from collections.abc import Callable, Sequence
from contextlib import closing

import chromadb
from chromadb.api.shared_system_client import SharedSystemClient
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from assistant.config import Settings
from assistant.types import Chunk

log = logging.getLogger(__name__)
BATCH = 32
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


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
    """Open the collection for this corpus and model, building it if needed.

    A build copies the vectors of unchanged chunks (same id, same text) from this model's
    earlier collections and embeds only new or changed chunks. Earlier collections are
    left in place: the caller drops them with :func:`drop_stale` once the new index is
    live, so queries keep using the current one until then.
    """
    client = open_client(settings)
    name = collection_name(settings, corpus_hash, model_name)
    if not _healthy(client, name, len(chunks)):
        donors = [c for c in _collections(client, _prefix(name)) if c != name]
        log.info("Bygger vektorlagret %s (%d bitar)", name, len(chunks))
        _build(client, name, chunks, embeddings, progress, donors)
    return Chroma(client=client, collection_name=name, embedding_function=embeddings,
                  collection_metadata={"hnsw:space": "cosine"})


def _prefix(name: str) -> str:
    return name.rsplit("-", 1)[0]


def _collections(client, prefix: str) -> list[str]:
    names = [getattr(c, "name", c) for c in client.list_collections()]
    return [n for n in names if n.startswith(f"{prefix}-")]


def _build(client, name, chunks, embeddings, progress, donors=()) -> None:
    try:
        client.delete_collection(name)
    except Exception:
        pass
    collection = client.create_collection(name, metadata={"hnsw:space": "cosine"}, embedding_function=None)
    wanted = {c.id: c for c in chunks}
    total, done = len(chunks), 0
    for donor in donors:  # unchanged chunks: copy their vectors, no model call
        done += _copy_vectors(client, donor, collection, wanted)
    if progress:
        progress(done, total)
    todo = list(wanted.values())
    for start in range(0, len(todo), BATCH):
        batch = todo[start : start + BATCH]
        texts = [c.searchable_text for c in batch]
        collection.add(ids=[c.id for c in batch], embeddings=embeddings.embed_documents(texts),
                       documents=texts, metadatas=[c.metadata() for c in batch])
        done += len(batch)
        if progress:
            progress(done, total)  # may raise to cancel; the half-built collection is never opened


def _copy_vectors(client, donor: str, target, wanted: dict[str, Chunk]) -> int:
    """Copy vectors of ``wanted`` chunks whose text is unchanged; removes them from ``wanted``."""
    try:
        source = client.get_collection(donor)
    except Exception:
        return 0
    copied = 0
    ids = list(wanted)
    for start in range(0, len(ids), 500):
        try:
            got = source.get(ids=ids[start : start + 500], include=["embeddings", "documents"])
        except Exception as exc:  # a donor dropped meanwhile: embed instead
            log.debug("Kunde inte läsa %s: %s", donor, exc)
            return copied
        keep = [i for i, (cid, doc) in enumerate(zip(got["ids"], got["documents"]))
                if cid in wanted and doc == wanted[cid].searchable_text]
        if keep:
            chunks = [wanted[got["ids"][i]] for i in keep]
            target.add(ids=[c.id for c in chunks], embeddings=[list(got["embeddings"][i]) for i in keep],
                       documents=[c.searchable_text for c in chunks], metadatas=[c.metadata() for c in chunks])
            for c in chunks:
                del wanted[c.id]
            copied += len(chunks)
    return copied


def drop_stale(settings: Settings, keep: str, also_keep: str | None = None) -> None:
    """Delete this model's other collections and, in embedded mode, the folders Chroma
    leaves behind for deleted collections."""
    client = open_client(settings)
    for name in _collections(client, _prefix(keep)):
        if name not in {keep, also_keep}:
            try:
                client.delete_collection(name)
            except Exception as exc:  # another process may have removed it already
                log.debug("Kunde inte ta bort %s: %s", name, exc)
    if settings.chroma_mode != "http":
        remove_orphan_segments(settings)


def remove_orphan_segments(settings: Settings) -> int:
    """Remove segment folders in the embedded store that no collection uses; returns how many."""
    database = settings.chroma_dir / "chroma.sqlite3"
    if not database.exists():
        return 0
    try:
        with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=10)) as conn:
            live = {row[0] for row in conn.execute("SELECT id FROM segments")}
    except sqlite3.Error as exc:
        log.debug("Kunde inte läsa segmenten: %s", exc)
        return 0
    removed = 0
    for folder in settings.chroma_dir.iterdir():
        if folder.is_dir() and _UUID.fullmatch(folder.name) and folder.name not in live:
            shutil.rmtree(folder, ignore_errors=True)
            removed += 1
    return removed
