"""Sentence vectors: embedded once, cached by content hash, one row per sentence."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.retrieval.sentences import build_sentence_index
from assistant.types import Chunk

pytestmark = pytest.mark.unit


def chunk(i: int, text: str) -> Chunk:
    return Chunk(id=f"c{i}", source="handbok", section="Råd 1", advice=1, kind="body", text=text)


def test_only_new_sentences_are_embedded(tmp_path, fake_embeddings):
    chunks = [chunk(0, "Jämförelser används sällan. Kolada har byggts ut."), chunk(1, "Samverkan kan löna sig.")]
    index = build_sentence_index(chunks, fake_embeddings, "fake", tmp_path)
    assert len(index) == 3 and fake_embeddings.document_calls == 3
    assert list(index.owners) == [0, 0, 1] and list(index.positions) == [0, 1, 0]
    build_sentence_index(chunks, fake_embeddings, "fake", tmp_path)
    assert fake_embeddings.document_calls == 3  # unchanged corpus: nothing embedded
    edited = [chunk(0, "Jämförelser används sällan. Kolada har vuxit."), chunks[1]]
    build_sentence_index(edited, fake_embeddings, "fake", tmp_path)
    assert fake_embeddings.document_calls == 4  # only the edited sentence


def test_best_sentence_per_chunk(tmp_path, fake_embeddings):
    chunks = [chunk(0, "Digital nattillsyn med kamera. Budgeten följs upp."), chunk(1, "Samverkan kan löna sig.")]
    index = build_sentence_index(chunks, fake_embeddings, "fake", tmp_path)
    cosines = index.cosines(fake_embeddings.embed_query("digital nattillsyn"))
    best = index.best_per_chunk(cosines, 2)
    assert np.isclose(best[0], max(cosines[0], cosines[1])) and np.isclose(best[1], cosines[2])
    assert best[0] > best[1]
