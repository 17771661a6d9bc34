"""Retrieval on the real corpus with the real embedding model (the index built by make)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from assistant.config import load_settings
from assistant.retrieval.index import get_retriever

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def retriever(knowledge_dir):
    retriever, status = get_retriever(load_settings())
    assert status.mode == "hybrid", status.notice
    return retriever


def test_handbook_chunks_carry_section_advice_and_footnote_sources(retriever):
    handbook = [c for c in retriever.chunks if c.source == "handbok"]
    assert {c.section for c in handbook} >= {"Inledning", "Råd 1", "Råd 2", "Råd 3", "Råd 4", "Råd 5"}
    for chunk in handbook:
        if chunk.section.startswith("Råd "):
            assert chunk.advice == int(chunk.section.split()[1])
    night = next(c for c in handbook if "82 procent" in c.text)
    assert 14 in night.footnotes and "socialstyrelsen-2021" in night.cites
    assert any(c.kind == "caption" and c.text.startswith("Figur 2") for c in handbook)


def test_folded_spelling_finds_elderly_care(retriever):
    passages = retriever.search("aldreomsorg", k=5)
    assert passages
    assert any("äldreomsorg" in p.chunk.text.lower() for p in passages)


def test_off_topic_question_returns_no_passages(retriever):
    assert retriever.search("Vem vann Melodifestivalen 2021?") == []
    assert retriever.search("Hur lagar man köttbullar?") == []


def test_handbook_passage_ranks_above_its_summary(retriever):
    passages = retriever.search("Hur många kommuner använder digital nattillsyn?", k=5)
    assert passages[0].chunk.source == "handbok" and "82 procent" in passages[0].chunk.text
    # the summary of the report the passage cites comes right after it
    assert passages[1].chunk.source == "socialstyrelsen-2021"


def test_retrieve_cli_json_contract(knowledge_dir):
    out = subprocess.run(
        [sys.executable, "-m", "assistant", "retrieve", "Vad är egenmonitorering?", "-k", "3", "--json"],
        capture_output=True, text=True, timeout=300, check=True,
    )
    payload = json.loads(out.stdout.strip().splitlines()[-1])
    assert payload["question"] == "Vad är egenmonitorering?"
    assert [p["rank"] for p in payload["passages"]] == [1, 2, 3]
    for p in payload["passages"]:
        assert set(p) == {"rank", "source", "section", "text", "score"}
        assert isinstance(p["score"], float)
    assert any("egenmonitorering" in p["text"].lower() for p in payload["passages"])


@pytest.mark.parametrize("question,number", [("Vilka risker finns med att samverka?", 5),
                                             ("Hur kan vi som kommun komma igång med automatisering?", 2)])
def test_a_question_naming_one_rads_head_concept_opens_from_that_rad(retriever, question, number):
    """Both ranked a Råd 4 passage (statens styrning) first before the lift for the råd."""
    top = retriever.search(question, k=3)
    assert top and top[0].chunk.advice == number, [p.chunk.id for p in top]
