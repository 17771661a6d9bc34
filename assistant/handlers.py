"""One handler per intent: ``HANDLERS[query.intent](query, settings) -> Answer``.

The table is the routing: the understanding step (:mod:`assistant.understanding`) picks
the intent, the handler executes the typed :class:`~assistant.understanding.Query`.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.answers import figures, texts
from assistant.config import Settings
from assistant.types import Answer
from assistant.understanding import Query

Handler = Callable[[Query, Settings], Answer]

# intent -> (handler, Swedish description shown in help)
HANDLERS: dict[str, Handler] = {
    "kpi_value": figures.kpi_value,
    "profile": figures.profile,
    "ranking": figures.ranking,
    "trend": figures.trend,
    "comparison": figures.comparison,
    "peers": figures.peers,
    "learn_from": figures.learn_from,
    "savings": figures.savings,
    "screening": figures.screening,
    "kpi_definition": texts.kpi_definition,
    "kpi_search": texts.kpi_search,
    "handbook": texts.handbook,
    "advice": texts.advice,
    "brief": texts.brief,
    "help": texts.help_text,
    "off_topic": texts.off_topic,
    "out_of_scope": texts.out_of_scope,
}
