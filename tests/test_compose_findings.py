"""A question about what a named source found leads with that source's finding, drawn
from the top five passages, on hand-made passages without an embedding model."""

from __future__ import annotations

import pytest

from assistant.compose_handbook import compose
from assistant.eval_answers import first_sentence
from assistant.retrieval.focus import named_source
from assistant.retrieval.lexical import LexicalIndex
from assistant.types import Chunk, Passage

pytestmark = pytest.mark.unit

TEXTS = (
    "I februari enades Välfärdskommissionen om att en sammanställning av statlig reglering ska tas fram. "
    "Detta är ett utmärkt initiativ. Sammanställningen bör bli en skarp åtgärdsplan.",
    "SKR har länge pekat på behovet av en samlad statlig styrning av kommunerna. "
    "Kommissionen består av företrädare för staten och kommunsektorn.",
    "Statsbidragen till kommunerna ökade kraftigt under pandemin. Resultaten blev höga.",
    "Den demografiska utvecklingen kräver effektiviseringar. Kommunerna behöver planera långsiktigt.",
    "Kommunsektorns problem är lika stora efter pandemin som innan. Detta konstateras också av "
    "Välfärdskommissionen. Där är slutsatsen att gapet mellan behov och resurser ökar de kommande åren.",
)


def passages() -> list[Passage]:
    return [Passage(Chunk(id=f"c{i}", source="handbok", section="Inledning", advice=None, kind="body", text=t),
                    rank=i + 1, score=1.0 / (i + 1)) for i, t in enumerate(TEXTS)]


def test_named_source_needs_a_finding_question_and_a_capitalised_name():
    assert named_source("Vad kom Välfärdskommissionen fram till?") == {"valfardskommission"}
    assert named_source("Vilken slutsats drar RKA om små kommuner?") == {"rka"}
    assert named_source("Vad visade SKR:s enkät?") == {"skr"}
    assert named_source("Vad säger Välfärdskommissionen?") == frozenset()  # not a question about findings
    assert named_source("Vad visar figuren över skolans kostnader?") == frozenset()  # no source named


def test_a_finding_question_leads_with_the_sources_conclusion_from_the_fifth_passage():
    answer = compose("Vad kom Välfärdskommissionen fram till?", passages(), LexicalIndex(list(TEXTS)))
    lead = first_sentence(answer)
    assert lead.startswith("Där är slutsatsen att gapet mellan behov och resurser ökar")
    assert answer.citations[0].chunk_id == "c4"


def test_without_a_named_source_sentences_come_from_the_top_three_passages():
    answer = compose("Vad konstaterar handboken om gapet mellan behov och resurser?", passages(),
                     LexicalIndex(list(TEXTS)))
    assert {c.chunk_id for c in answer.citations} <= {"c0", "c1", "c2"}
