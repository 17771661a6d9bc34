"""What the kommun explorer shows for one choice: the facts, four charts, the handbook's
answer on the råd that fits and the memo built from them. No Gradio here.

"Vad säger handboken?" asks the assistant the same follow-up a user would ask in the
chat after a figure question, so the explorer and the chat agree on the råd.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

import indices
from indices.verdict import PUBLISHED

from assistant import charts
from assistant.documents.facts import Facts, cost_kpi, facts_for, trend_years
from assistant.documents.memo import HANDBOOK_HEADING, build_memo
from assistant.documents.model import Document
from assistant.labels import area_definite
from assistant.types import Answer

Ask = Callable[[str, "list[dict[str, Any]] | None"], Answer]
FIGURES_QUESTION = "Hur effektiv är {area} i {kommun} {year}?"
HANDBOOK_QUESTION = "Vad säger handboken om det?"


@dataclass(frozen=True)
class Exploration:
    """Everything the explorer shows for one choice; the memo is built from the same facts."""

    facts: Facts
    handbook: Answer
    figures: tuple[go.Figure, ...]
    document: Document

    @property
    def card(self) -> Document:
        """The profile card: the memo without its handbook section and its sources (shown beside it)."""
        card = self.document.without(HANDBOOK_HEADING)
        return Document(card.title, card.subtitle, card.sections,
                        tuple(s for s in card.sources if not s.startswith("[")))


def handbook_answer(ask: Ask, kommun: str, area: str, year: int) -> Answer:
    """The assistant's follow-up answer "Vad säger handboken om det?" after the figure question."""
    question = FIGURES_QUESTION.format(area=area_definite(area), kommun=kommun, year=year)
    first = ask(question, None)
    history = [{"role": "user", "content": question},
               {"role": "assistant", "content": first.text, "context": first.context}]
    return ask(HANDBOOK_QUESTION, history)


def figures(f: Facts, data: indices.KoladaData) -> tuple[go.Figure, ...]:
    """Scatter (the same index kind the verdict reads), trend, peer bars and DEA: those the
    area has data for (an area without RKA indices has no scatter, one without DEA no DEA chart)."""
    p, spec = f.profile, f.spec
    kod, peers = p.kommun.kod, None  # None: Kolada's liknande kommuner, as in the profile
    out: list[go.Figure] = []
    if spec.published_resource and spec.published_quality:
        published = f.verdict.resurs.source == f.verdict.kvalitet.source == PUBLISHED
        out.append(charts.cost_quality_scatter(spec.id, p.year, kod, peers, "publicerat" if published else "egen",
                                               data=data))
    if f.trend is not None:
        years = trend_years(data, p.year)
        out.append(charts.trend_chart(kod, f.trend.kpi, peers, start_year=years[0], area=spec.id, data=data,
                                      end_year=p.year))
    bars_kpi = cost_kpi(spec)
    if bars_kpi is not None:
        out.append(charts.peer_bars(kod, bars_kpi, peers, year=p.year, area=spec.id, data=data))
    if spec.dea_inputs and spec.dea_outputs:
        out.append(charts.dea_chart(spec.id, p.year, kod, peers, data=data))
    return tuple(out)


def explore(ask: Ask, kommun: str, area: str, year: int, data: indices.KoladaData | None = None) -> Exploration:
    """Facts, charts, handbook answer and memo for one kommun, area and year.

    Raises ``ValueError`` (from :mod:`indices`) for an unknown kommun, area or year.
    """
    data = data or indices.load_data()
    f = facts_for(kommun, area, year, data=data)
    handbook = handbook_answer(ask, f.profile.kommun.namn, f.spec.id, f.profile.year)
    return Exploration(f, handbook, figures(f, data), build_memo(f, handbook))
