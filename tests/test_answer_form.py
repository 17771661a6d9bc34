"""The answer's opening sentence on hand-made passages (no model): head nouns, sentences
that only restate the question, the handbook's own questions, leads and fillers."""

from __future__ import annotations

import pytest

from assistant import answer_form
from assistant.extract import Sentence, lexical_coverage, score_sentences, sentences
from assistant.retrieval.lexical import LexicalIndex
from assistant.selection import select
from tests.test_selection import passages

pytestmark = pytest.mark.unit

SITUATION = ("Läget är alltså inte på långa vägar så positivt som det verkar. Kommunsektorns problem är "
             "minst lika stora efter pandemin som de var innan. Statsbidragen har ökat tillfälligt.")
AGENDA = ("Vad krävs då för att kunna driva en offensiv digitaliseringsagenda? En förståelse för "
          "digitaliseringens möjligheter bland politiker är en viktig grund. Man måste våga investera.")
OTHER = "Digitaliseringen i kommunerna drivs ofta i projekt. Offensiva satsningar kräver en agenda för kommunerna."
HAT = ("Kommunerna arbetar med budgetdialog. Samtliga politiker måste se till kommunens bästa. "
       "Att ta på sig kommunhatten är en arbetsmetod i effektiva kommuner.")
FOOTNOTE = "Kommissionen presenterade nyckeltal. Detta för att regionerna ska hitta goda exempel."




def answer(question: str, *texts: str, lead_at: tuple[int, int] | None = None) -> list[str]:
    scored = score_sentences(question, passages(*texts), LexicalIndex(list(texts)))
    lead = [s for s in scored if (s.passage, s.position) == lead_at]
    return [s.text for s in select(scored, lead=lead)]


def test_head_noun_of_which_and_what_is_questions():
    assert answer_form.head_noun("Vilka förslag finns för att stärka ansvarsutkrävandet?") == "forslag"
    assert answer_form.head_noun("Vilka tre exempel tar handboken upp?") == "exempel"
    assert answer_form.head_noun("Vad är den stora utmaningen i digitaliseringen?") == "utmaning"
    assert answer_form.head_noun("Vilken roll bör staten ta?") is None  # asks for a description
    assert answer_form.head_noun("Kan samverkan ge ökad effektivitet?") is None
    assert answer_form.has_head("En huvudutmaning är övergången från pilot till drift.", "utmaning")
    assert not answer_form.has_head("Takten måste öka.", "utmaning")


def test_an_echo_restates_an_open_question_only():
    index = LexicalIndex([SITUATION, AGENDA, OTHER])
    why = "Varför är läget inte så positivt som det verkar?"
    first, second, _ = sentences(SITUATION)
    assert answer_form.echoes(first, why, lexical_coverage(why, index))
    assert not answer_form.echoes(second, why, lexical_coverage(why, index))
    yes_no = "Är läget inte så positivt som det verkar?"  # its answer may well repeat it
    assert not answer_form.echoes(first, yes_no, lexical_coverage(yes_no, index))


def test_the_sentence_after_an_echo_opens_the_answer():
    picked = answer("Varför är läget inte så positivt som det verkar?", SITUATION, OTHER)
    assert picked[0] == "Kommunsektorns problem är minst lika stora efter pandemin som de var innan."
    assert "Läget är alltså inte på långa vägar så positivt som det verkar." not in picked


def test_the_handbooks_own_question_is_answered_by_the_next_sentence():
    picked = answer("Vad krävs för att driva en offensiv digitaliseringsagenda?", OTHER, AGENDA)
    assert picked[0] == "En förståelse för digitaliseringens möjligheter bland politiker är en viktig grund."
    assert not any(s.endswith("?") for s in picked)


def test_nothing_but_its_antecedent_precedes_a_lead_and_filling_stays_in_its_passage():
    picked = answer("Vad betyder det att ta på sig kommunhatten?", HAT, FOOTNOTE, lead_at=(0, 2))
    assert picked[0] == "Att ta på sig kommunhatten är en arbetsmetod i effektiva kommuner."
    # Up to three sentences, the lead's own neighbours come before a weak match elsewhere.
    assert picked[1:3] == ["Kommunerna arbetar med budgetdialog.", "Samtliga politiker måste se till kommunens bästa."]
    assert not any(s.startswith("Kommissionen") or s.startswith("Detta") for s in picked)


def test_short_connective_sentences_point_back_long_ones_stand_alone():
    def make(text):
        return Sentence(0, 1, text, 1.0)
    assert make("Därför uteblir vinsterna.").points_back
    assert make("Författarna föreslår därför att den införs stegvis.").points_back
    assert not make("Därför bör regeringen, i dialog med kommunsektorn, initiera ett stort digitaliseringslyft "
                    "som går ut på att bygga en enhetlig digital infrastruktur för alla.").points_back


def test_a_list_closing_abbreviation_ends_the_sentence_before_a_capital():
    text = "Det krävs kunskap om marknaden m.m. Men kunnande lönar sig. Vi nämner t.ex. Kolada här."
    assert sentences(text) == ["Det krävs kunskap om marknaden m.m.", "Men kunnande lönar sig.",
                               "Vi nämner t.ex. Kolada här."]
