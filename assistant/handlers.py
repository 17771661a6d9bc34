"""One handler per route: retrieval and tool calls for that kind of question.

``HANDLERS`` maps route names (see :mod:`assistant.routing`) to functions with the
signature ``(question, entities, settings, previous) -> Answer``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from knowledge.registry import advice_by_number, load_advice

from assistant import compose_figures, compose_handbook, messages
from assistant.config import Settings
from assistant.entities import Entities
from assistant.extract import sentences as extract_sentences
from assistant.retrieval.index import get_retriever
from assistant.routing import ROUTES
from assistant.types import Answer

Handler = Callable[[str, Entities, Settings, dict[str, Any]], Answer]


def _suggestions() -> str:
    return "Du kan till exempel fråga:\n" + "\n".join(f"- {s}" for s in messages.SUGGESTIONS)


def nothing_found(route: str = "off_topic") -> Answer:
    return Answer(text=f"{messages.NOTHING_FOUND}\n\n{_suggestions()}", route=route)


def _retrieve(settings: Settings, query: str, k: int = 5):
    retriever, status = get_retriever(settings)
    notices = (status.notice,) if status.notice else ()
    return retriever, retriever.search(query, k=k), notices


def handbook(question: str, entities: Entities, settings: Settings, previous: dict) -> Answer:
    retriever, passages, notices = _retrieve(settings, question)
    if not passages:
        return nothing_found()
    result = compose_handbook.compose(question, passages, retriever)
    return replace(result, notices=notices)


def handbook_followup(question: str, entities: Entities, settings: Settings, previous: dict) -> Answer:
    """'Vad säger handboken om det?' after a figure answer: the råd that fits that result."""
    number = previous.get("advice") or 1
    advice = advice_by_number(number)
    query = f"{advice.full_title}. {' '.join(advice.keywords[:6])}"
    retriever, passages, notices = _retrieve(settings, query)
    passages = [p for p in passages if p.chunk.advice == number] or passages
    if not passages:
        return nothing_found("handbook")
    lead = f"Handboken om det här, råd {number} ”{advice.full_title}”:"
    result = compose_handbook.compose(query, passages, retriever.lexical, route="handbook_followup",
                                      lead=lead)
    return replace(result, notices=notices, context={"advice": number})


def advice_overview(question: str, entities: Entities, settings: Settings, previous: dict) -> Answer:
    """The five råd in the project's own words, citing the handbook passage that lists them."""
    items = load_advice()
    query = " ".join(a.full_title for a in items)
    retriever, passages, notices = _retrieve(settings, query, k=10)
    listing = max(passages, key=lambda p: sum(a.title.lower() in p.chunk.text.lower() for a in items),
                  default=None)
    citations = (compose_handbook.citation(1, listing),) if listing else ()
    marker = " [1]" if listing else ""
    lines = [f"Handboken ger fem råd för en effektivare kommunsektor{marker}:", ""]
    for a in items:
        lines.append(f"{a.number}. **{a.full_title}**. {a.description}")
    text = "\n".join(lines)
    if listing:
        text += "\n\n" + compose_handbook.sources_block(list(citations), {1: listing})
    return Answer(text=text, route="advice", citations=citations, notices=notices,
                  retrieved=tuple(p.chunk.id for p in passages))


def kpi_definition(question: str, entities: Entities, settings: Settings, previous: dict) -> Answer:
    """What a Kolada KPI measures (Kolada's own description), plus what the handbook says."""
    from assistant import tools
    from assistant.entities import kpis_for_term

    calls = tuple(tools.call("kpi", kpi=k) for k in kpis_for_term(entities.kpi_term, entities.area))
    lines = []
    for call in calls:
        r = call.result
        sentences = extract_sentences(" ".join(r["description"].split()))[:3]
        lines.append(f"**{r['title']}** ({r['kpi']}, {r['source']}): {' '.join(sentences)}")
    text = "\n\n".join(lines)
    retriever, passages, notices = _retrieve(settings, question)
    citations: tuple = ()
    if passages:
        handbook_part = compose_handbook.compose(question, passages[:3], retriever.lexical,
                                                 lead="Vad handboken och källorna säger:")
        text += "\n\n" + handbook_part.text
        citations = handbook_part.citations
    return Answer(text=text, route="kpi_definition", tool_calls=calls, citations=citations,
                  notices=notices, retrieved=tuple(p.chunk.id for p in passages))


def help_text(question: str, entities: Entities, settings: Settings, previous: dict) -> Answer:
    routes = "\n".join(f"- {r.description}" for r in ROUTES if r.name != "help")
    examples = "\n".join(f"- {s}" for s in messages.SUGGESTIONS)
    text = messages.HELP_TEXT.format(routes=routes, examples=examples, own=messages.OWN,
                                     kolada=messages.KOLADA)
    return Answer(text=text, route="help")


def ask_in_swedish(question: str, entities: Entities, settings: Settings, previous: dict) -> Answer:
    return Answer(text=f"{messages.ASK_IN_SWEDISH}\n\n{_suggestions()}", route="language")


HANDLERS: dict[str, Handler] = {
    "language": ask_in_swedish,
    "help": help_text,
    "advice": advice_overview,
    "handbook": handbook,
    "handbook_followup": handbook_followup,
    "kpi_definition": kpi_definition,
    "kommun_figures": compose_figures.kommun_figures,
    "comparison": compose_figures.comparison,
    "savings": compose_figures.savings,
    "trend": compose_figures.trend,
    "screening": compose_figures.screening,
}
