"""Understanding tests: the parser with a model-free embedder (character n-gram hashing)."""

from __future__ import annotations

import pytest

from assistant.understanding import HashingEmbedder, build_engine


@pytest.fixture(scope="session")
def engine():
    """The real example bank and KPI catalogue, embedded without a model (no cache on disk)."""
    return build_engine(HashingEmbedder(), None, dense=False)


@pytest.fixture
def read(engine):
    from assistant.understanding import understand

    def _read(text, previous=None):
        return understand(text, previous, engine)

    return _read
