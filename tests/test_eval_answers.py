"""The answers evaluation on hand-made answers: what counts as the body and the first sentence."""

from __future__ import annotations

import pytest

from assistant.eval_answers import answer_body, check, first_sentence, summarise
from assistant.types import Answer, Citation

pytestmark = pytest.mark.unit

TEXT = ("Enligt handboken (råd 3, ”Agera tidigt – låt inte problem växa”):\n\n"
        "Förebyggande insatser blir ofta en plusaffär. [1] Skolan är ett exempel. [1]\n\n"
        "**Källor**\n- [1] Handboken, Råd 3: Agera tidigt")
ANSWER = Answer(text=TEXT, route="handbook",
                citations=(Citation(n=1, source="handbok", section="Råd 3", text="", advice=3),))


def test_body_drops_the_lead_line_and_the_source_list():
    assert answer_body(ANSWER) == "Förebyggande insatser blir ofta en plusaffär. [1] Skolan är ett exempel. [1]"
    assert first_sentence(ANSWER) == "Förebyggande insatser blir ofta en plusaffär. [1]"


def test_markers_in_the_source_list_do_not_count():
    result = check({"id": "x", "question": "?", "markers": ["agera tidigt"], "advice": [3]}, ANSWER)
    assert not result.marker  # only in the lead line and the source list


def test_summary_counts_marker_first_sentence_and_advice():
    later = check({"id": "a", "question": "?", "markers": ["skolan är"], "advice": [3]}, ANSWER)
    first = check({"id": "b", "question": "?", "markers": ["plusaffär"], "advice": [4]}, ANSWER)
    unlabelled = check({"id": "c", "question": "?", "markers": ["plusaffär"], "advice": [2, 3]}, ANSWER)
    assert (later.marker, later.first_sentence, first.first_sentence) == (True, False, True)
    assert summarise([later, first, unlabelled]) == {
        "marker": 1.0, "first_sentence": round(2 / 3, 4), "first_citation_advice": 0.5, "labelled": 2}
