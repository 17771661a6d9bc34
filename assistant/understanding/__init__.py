"""Understanding: one Swedish question (and the previous turn's reading) → one :class:`Query`.

``understand(text, previous)`` is the entry point; see :mod:`.parse` for the steps.
"""

from __future__ import annotations

from assistant.understanding.engine import Engine, HashingEmbedder, build_engine, get_engine, set_engine
from assistant.understanding.query import FIGURE_INTENTS, INTENTS, KpiChoice, Query, Scope


def understand(text: str, previous: Query | None = None, engine: Engine | None = None) -> Query:
    from assistant.understanding.parse import understand as _understand

    return _understand(text, previous, engine or get_engine())


__all__ = ["Engine", "FIGURE_INTENTS", "HashingEmbedder", "INTENTS", "KpiChoice", "Query", "Scope",
           "build_engine", "get_engine", "set_engine", "understand"]
