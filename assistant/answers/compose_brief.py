"""The chat's brief answer: a rendering of the same typed brief the Debattunderlag tab shows.

:func:`assistant.documents.brief.make_brief` decides the figures, the verdict, the
arguments, their handbook quotes and the counter-arguments; here they are only laid out
for the chat: the figures first, then the handbook's arguments with [n] markers that
resolve to the quoted passages, then the likely counter-arguments with their answers.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from indices.costs import saving_mnkr
from knowledge.registry import advice_by_number

from assistant.compose_handbook import citation, sources_block
from assistant.documents.brief import Brief, Quote
from assistant.types import Citation, Passage

FIGURES_HEADING = "**Siffrorna**"
ARGUMENTS_HEADING = "**Handbokens argument**"
COUNTERS_HEADING = "**Troliga motargument**"


class _Markers:
    """Numbers the quoted passages in order of first use: one [n] per passage."""

    def __init__(self) -> None:
        self.by_chunk: dict[str, int] = {}
        self.passages: dict[int, Passage] = {}

    def mark(self, q: Quote) -> str:
        n = self.by_chunk.setdefault(q.passage.chunk.id, len(self.by_chunk) + 1)
        self.passages[n] = q.passage
        return f"”{q.sentence}” [{n}]"

    def citations(self) -> list[Citation]:
        return [citation(n, p) for n, p in sorted(self.passages.items())]


def brief_text(b: Brief) -> tuple[str, tuple[Citation, ...]]:
    """The chat Markdown of ``b`` and the citations its [n] markers point to."""
    markers = _Markers()
    lines = [FIGURES_HEADING, "", b.situation, "", b.verdict, ""]
    lines += [f"- **{a.point.title}.** {a.point.claim}" for a in b.arguments]
    lines += ["", ARGUMENTS_HEADING, ""]
    for a in b.arguments:  # by title, not by number: a bare ordinal would read as a figure
        rad = advice_by_number(a.point.advice)
        quote = f" {markers.mark(a.quote)}" if a.quote else ""
        lines.append(f"- **{a.point.title}**: råd {rad.number}, ”{rad.full_title}”.{quote}")
    lines += ["", COUNTERS_HEADING, ""]
    for c in b.counters:
        quote = f" {markers.mark(c.quote)}" if c.quote else ""
        lines.append(f"- {c.claim} Svar: {c.answer}{quote}")
    cites = markers.citations()
    if cites:
        lines += ["", sources_block(cites, markers.passages)]
    return "\n".join(lines), tuple(cites)


def tool_result(b: Brief) -> dict[str, Any]:
    """The figures the brief shows, as the tool output recorded on the answer (the JSON edge)."""
    f = b.facts
    p = f.profile
    return {
        "kommunkod": p.kommun.kod, "kommun": p.kommun.namn, "area": p.area, "year": p.year,
        "profile": p.to_dict(), "verdict": f.verdict.to_dict(), "placement": asdict(f.placement),
        "peer_count": len(p.peer_group.members), "learn_from": asdict(f.learn),
        "best_saving": None if f.best_saving is None else
        {**f.best_saving.to_dict(), "mnkr": saving_mnkr(f.best_saving).to_dict()},
        "change": None if f.change is None else asdict(f.change),
        "arguments": [a.point.title for a in b.arguments],
        "counter_arguments": [c.claim for c in b.counters],
    }
