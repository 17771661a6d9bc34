"""Answers on the development questions (../shared/eval/handbook_dev.jsonl), issue 4.

Every answer is Swedish and cites at least one passage; the marker fact appears in the
answer text for at least 90 % of the questions; no [n] marker points nowhere and no
number in any answer lacks support in the cited passages or tool outputs.
"""

from __future__ import annotations

import pytest

from assistant import grounding
from assistant.eval import is_relevant, load_questions
from assistant.orchestrator import answer
from golden.golden_checks import swedish_problems

pytestmark = pytest.mark.integration
MIN_MARKER_SHARE = 0.9


@pytest.fixture(scope="module")
def dev_answers(eval_dir):
    questions = load_questions(eval_dir / "handbook_dev.jsonl")
    assert questions, "utvärderingsfrågorna saknas"
    return [(q, answer(q["question"])) for q in questions]


def test_every_dev_answer_is_swedish_and_cites_a_passage(dev_answers):
    bad = {q["id"]: swedish_problems(a.text) or "ingen källa"
           for q, a in dev_answers if swedish_problems(a.text) or not a.citations}
    assert bad == {}


def test_marker_fact_appears_in_most_dev_answers(dev_answers):
    missing = [q["id"] for q, a in dev_answers if not is_relevant(a.text, q["markers"])]
    share = 1 - len(missing) / len(dev_answers)
    assert share >= MIN_MARKER_SHARE, f"{share:.0%} med markörfakta; saknas i {missing}"


def test_dev_answers_have_no_dangling_markers(dev_answers):
    assert {q["id"]: d for q, a in dev_answers if (d := grounding.dangling_markers(a))} == {}


def test_dev_answers_cite_only_retrieved_passages(dev_answers):
    assert {q["id"]: c for q, a in dev_answers if (c := grounding.unretrieved_citations(a))} == {}


def test_dev_answers_have_no_ungrounded_numbers(dev_answers):
    assert {q["id"]: u for q, a in dev_answers if (u := grounding.ungrounded_numbers(a))} == {}
