"""Chroma's HTTP mode against a real ``chroma run`` server on 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.retrieval.index import build

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
