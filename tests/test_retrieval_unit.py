"""Ingestion and hybrid retrieval on a small synthetic corpus with a fake embedder."""

from __future__ import annotations

import pytest

from assistant.retrieval import background
from assistant.retrieval.index import BM25_ONLY_NOTICE, add_document, build
from assistant.retrieval.lexical import LexicalIndex, ranked

pytestmark = pytest.mark.unit


def test_folded_query_matches_diacritics():
    index = LexicalIndex(["Äldreomsorgen behöver mer personal.", "Grundskolan har nya lärare."])
    hits = ranked(index.stem_scores("aldreomsorg"), 5)
    assert [h.index for h in hits] == [0]


def test_ngrams_give_compounds_partial_credit():
    index = LexicalIndex(["Centralt beslutade osthyvlar ger sällan effekt.", "Skolan och vården."])
    assert ranked(index.stem_scores("osthyvelsbesparingar"), 5) == []  # stems alone miss it
    assert [h.index for h in ranked(index.gram_scores("osthyvelsbesparingar"), 5)][:1] == [0]


def test_ingest_is_idempotent(tmp_settings, fake_embeddings):
    retriever, first = build(tmp_settings, embeddings=fake_embeddings)
    embedded = fake_embeddings.document_calls
    sentences = len(retriever.sentences)  # every sentence once, besides the passages
    assert embedded == first.chunks + len(set(retriever.sentences.texts)) and first.chunks > 0 < sentences
    _, second = build(tmp_settings, embeddings=fake_embeddings)
    assert fake_embeddings.document_calls == embedded  # nothing re-embedded
    assert second.corpus_hash == first.corpus_hash


def test_changed_corpus_is_reindexed(tmp_settings, fake_embeddings):
    _, first = build(tmp_settings, embeddings=fake_embeddings)
    (tmp_settings.knowledge_dir / "ny.md").write_text("# Ny\n\nUpphandling i kommunerna.\n", encoding="utf-8")
    retriever, second = build(tmp_settings, embeddings=fake_embeddings)
    assert second.corpus_hash != first.corpus_hash
    assert retriever.search("upphandling", k=1)[0].chunk.source == "dokument-ny"


def test_corrupted_store_is_rebuilt(tmp_settings, fake_embeddings):
    build(tmp_settings, embeddings=fake_embeddings)
    sqlite = tmp_settings.chroma_dir / "chroma.sqlite3"
    assert sqlite.exists()
    sqlite.write_bytes(b"this is not a database" * 100)
    retriever, status = build(tmp_settings, embeddings=fake_embeddings)
    assert status.mode == "hybrid"
    assert retriever.search("nattillsyn kamera", k=1)[0].chunk.source == "dokument-aldre"


def test_half_written_collection_is_rebuilt(tmp_settings, fake_embeddings):
    retriever, status = build(tmp_settings, embeddings=fake_embeddings)
    collection = retriever.dense._collection
    collection.delete(ids=[retriever.chunks[0].id])
    assert collection.count() == status.chunks - 1
    calls = fake_embeddings.document_calls
    retriever, _ = build(tmp_settings, embeddings=fake_embeddings)
    assert retriever.dense._collection.count() == status.chunks
    assert fake_embeddings.document_calls == calls + status.chunks


def test_bm25_only_fallback_when_no_model(tmp_settings):
    broken = tmp_settings.with_(embedding_model=str(tmp_settings.data_dir / "saknad-modell"))
    retriever, status = build(broken)
    assert status.mode == "bm25"
    assert status.notice == BM25_ONLY_NOTICE
    passages = retriever.search("aldreomsorg nattillsyn", k=3)
    assert passages and passages[0].chunk.source == "dokument-aldre"


def test_off_topic_question_returns_nothing(tmp_settings, fake_embeddings):
    retriever, _ = build(tmp_settings, embeddings=fake_embeddings)
    assert retriever.search("Vem vann Melodifestivalen 2021?") == []
    assert retriever.search("   ") == []


def test_add_document_rejects_unsupported_types(tmp_settings, tmp_path):
    bad = tmp_path / "rapport.docx"
    bad.write_bytes(b"PK")
    with pytest.raises(ValueError, match="stöds inte"):
        add_document(tmp_settings, bad)


def test_added_pdf_is_searchable(tmp_settings, tmp_path, fake_embeddings):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.multi_cell(0, 8, "Kommunens upphandling av skolskjutsar sparade tre miljoner kronor.")
    path = tmp_path / "skolskjuts.pdf"
    pdf.output(str(path))
    job = background.run_now(tmp_settings, add_document(tmp_settings, path), embeddings=fake_embeddings)
    assert job.state == "done"
    retriever, _ = build(tmp_settings, embeddings=fake_embeddings)
    top = retriever.search("skolskjutsar upphandling", k=1)[0]
    assert top.chunk.source == "uppladdat-skolskjuts" and top.chunk.section == "Uppladdat dokument"
    assert "tre miljoner" in top.chunk.text


def test_cli_adds_a_document_and_reindexes(tmp_settings, tmp_path):
    import os
    import subprocess
    import sys

    doc = tmp_path / "kommunal-upphandling.md"
    doc.write_text("# Upphandling\n\nSamordnad upphandling av livsmedel sparade pengar.\n", encoding="utf-8")
    env = {**os.environ, "EFFEKT_KNOWLEDGE_DIR": str(tmp_settings.knowledge_dir),
           "EFFEKT_DATA_DIR": str(tmp_settings.data_dir), "EFFEKT_EMBEDDING_MODEL": "none"}
    added = subprocess.run([sys.executable, "-m", "assistant", "index", "add", str(doc)],
                           capture_output=True, text=True, env=env, timeout=120)
    assert added.returncode == 0, added.stderr
    assert "Lade till kommunal-upphandling.md" in added.stdout
    assert [p.name for p in tmp_settings.uploads_dir.glob("uppladdat-kommunal-upphandling-*.md")]
    found = subprocess.run([sys.executable, "-m", "assistant", "retrieve", "livsmedel upphandling", "--json"],
                           capture_output=True, text=True, env=env, timeout=120)
    assert '"source": "uppladdat-kommunal-upphandling"' in found.stdout
    bad = subprocess.run([sys.executable, "-m", "assistant", "index", "add", str(tmp_path / "saknas.txt")],
                         capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode == 2 and "finns inte" in bad.stderr
