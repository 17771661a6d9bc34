"""Chroma's HTTP mode against a real ``chroma run`` server on 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.retrieval import background
from assistant.retrieval.index import add_document, build, publish
from tests.conftest import FakeEmbeddings

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def chroma_server(tmp_path: Path):
    port = _free_port()
    chroma = Path(sys.executable).with_name("chroma")
    log = (tmp_path / "chroma.log").open("w")
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(tmp_path / "server-data"), "--host", "127.0.0.1",
         "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, env={"ANONYMIZED_TELEMETRY": "False", "PATH": "/usr/bin:/bin"},
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if proc.poll() is not None:
                pytest.fail("chroma run avslutades: " + (tmp_path / "chroma.log").read_text()[-2000:])
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("chroma run startade inte inom 60 s")
    yield port
    proc.terminate()
    proc.wait(timeout=20)


def test_http_mode_builds_and_reuses_the_shared_collection(chroma_server, tmp_settings, fake_embeddings):
    settings = tmp_settings.with_(chroma_mode="http", chroma_port=chroma_server)
    retriever, status = build(settings, embeddings=fake_embeddings)
    assert status.mode == "hybrid"
    assert retriever.dense._collection.count() == status.chunks
    assert not settings.chroma_dir.exists()  # nothing written to the embedded store
    top = retriever.search("digital nattillsyn kamera", k=1)[0]
    assert top.chunk.source == "dokument-aldre"

    calls = fake_embeddings.document_calls
    build(settings, embeddings=fake_embeddings)  # a second client: same corpus, no re-embedding
    assert fake_embeddings.document_calls == calls


def _passages_embedded(embeddings: FakeEmbeddings, retriever) -> int:
    passages = {c.searchable_text for c in retriever.chunks}
    return sum(t in passages for t in embeddings.texts)


def test_two_replicas_share_the_server_and_switch_to_a_new_document_without_re_embedding(
        chroma_server, tmp_settings, tmp_path):
    """The README's replica set-up: one ``chroma run`` server, the data folder on shared
    storage, documents added on one admin host, the other replica restarted."""
    shared = tmp_settings.with_(chroma_mode="http", chroma_port=chroma_server)
    admin = FakeEmbeddings()
    live, status = build(shared, embeddings=admin)
    publish(shared, live, status)

    other = FakeEmbeddings()  # a second replica process: its own model, the same server
    replica, _ = build(shared, embeddings=other)
    assert _passages_embedded(other, replica) == 0

    doc = tmp_path / "in" / "vinterväghållning.md"
    doc.parent.mkdir()
    doc.write_text("# Vinterväghållning\n\nSnöröjningen samordnas mellan grannkommunerna.\n\n"
                   "Plogbilarna delas i ett gemensamt avtal.\n", encoding="utf-8")
    assert background.run_now(shared, add_document(shared, doc), embeddings=admin).state == "done"

    # the replica still on the previous collection keeps answering from it
    assert replica.search("digital nattillsyn kamera", k=1)[0].chunk.source == "dokument-aldre"
    assert replica.dense._collection.count() == status.chunks

    restarted = FakeEmbeddings()
    replica, after = build(shared, embeddings=restarted)
    assert after.chunks == status.chunks + 2
    assert _passages_embedded(restarted, replica) == 0  # the admin host embedded them once
    top = replica.search("snöröjning plogbilar grannkommunerna", k=1)[0]
    assert top.chunk.source not in {"dokument-aldre", "dokument-skola", "dokument-samverkan"}
    assert "Snöröjningen" in top.chunk.text
