"""Shared fixtures: settings pointing at temporary folders, and a small fake embedder."""

from __future__ import annotations

import hashlib
import math
import os
from pathlib import Path

import pytest
from langchain_core.embeddings import Embeddings

from assistant.config import apply_offline_environment, load_settings

apply_offline_environment()

REPO = Path(__file__).resolve().parent.parent


def shared_dir(name: str) -> Path:
    env = {"knowledge": "EFFEKT_KNOWLEDGE_DIR", "kolada": "EFFEKT_KOLADA_DIR"}
    if env.get(name) and os.environ.get(env[name]):
        return Path(os.environ[env[name]])
    sub = {"knowledge": "knowledge", "kolada": "data/kolada", "eval": "eval"}[name]
    return REPO.parent / "shared" / sub


@pytest.fixture(scope="session")
def knowledge_dir() -> Path:
    path = shared_dir("knowledge")
    if not (path / "handbok-fem-goda-rad.txt").exists():
        pytest.skip(f"kunskapsmappen saknas: {path}")
    return path


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    path = shared_dir("eval")
    if not path.exists():
        pytest.skip(f"utvärderingsmappen saknas: {path}")
    return path


class FakeEmbeddings(Embeddings):
    """Deterministic bag-of-character-trigram vectors: similar words, similar vectors."""

    dims = 256
    name = "fake-trigram"

    def __init__(self) -> None:
        self.document_calls = 0
        self.texts: list[str] = []  # every text embedded, in order

    def _vector(self, text: str) -> list[float]:
        vec = [0.0] * self.dims
        padded = f"  {text.lower()}  "
        for i in range(len(padded) - 2):
            h = int.from_bytes(hashlib.blake2b(padded[i : i + 3].encode(), digest_size=4).digest(), "big")
            vec[h % self.dims] += 1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.document_calls += len(texts)
        self.texts.extend(texts)
        return [self._vector(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vector(text)


@pytest.fixture
def fake_embeddings() -> FakeEmbeddings:
    return FakeEmbeddings()


SAMPLE_DOCS = {
    "aldre.md": "# Äldreomsorg\n\nÄldreomsorgen i kommunerna använder digital nattillsyn med kamera "
                "för att brukarna ska få sova ostört.\n\nHemtjänsten planeras med digitala verktyg.\n",
    "skola.md": "# Skola\n\nTidiga insatser i grundskolan, som läxhjälp och språkträning, "
                "ger bättre slutbetyg efter flera år.\n",
    "samverkan.txt": "Kommunalförbund och gemensamma nämnder är former för samverkan mellan kommuner.\n\n"
                     "Samverkan fungerar bäst när den är konkret och flexibel.\n",
}


@pytest.fixture
def tmp_settings(tmp_path: Path):
    """Settings with a small synthetic corpus and a private data folder."""
    corpus = tmp_path / "kunskap"
    corpus.mkdir()
    for name, text in SAMPLE_DOCS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    return load_settings({
        "EFFEKT_KNOWLEDGE_DIR": str(corpus),
        "EFFEKT_DATA_DIR": str(tmp_path / "data"),
        "EFFEKT_MODEL_CACHE": str(tmp_path / "cache"),
        "EFFEKT_EMBEDDING_MODEL": "none",
    })


@pytest.fixture(autouse=True)
def _chat_model_breaker_closed():
    """The chat model's circuit breaker is process-wide; every test starts with it closed."""
    from assistant import llm

    llm.breaker.reset()
    yield
    llm.breaker.reset()
