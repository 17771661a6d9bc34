"""Sentence splitting and selection on hand-made passages: abbreviations, antecedents,
sentences that say nothing alone, MMR, and the lead."""

from __future__ import annotations

import pytest

from assistant.extract import MAX_SENTENCES, MIN_SENTENCES, Sentence, score_sentences, sentences
from assistant.retrieval.lexical import LexicalIndex
from assistant.selection import select
from assistant.types import Chunk, Passage

pytestmark = pytest.mark.unit

STATE = ("Staten har också en viktig roll i kommunsektorns effektivitet. Den statliga styrningen bidrar "
         "ofta till ökade kostnader. En del i detta är statsbidragen. Här har vi tidigare lyft problematiken "
         "kring de riktade bidragen.")
INITIATIVE = ("Välfärdskommissionen enades om en sammanställning av statlig reglering som hindrar "
              "produktiviteten. Detta är ett utmärkt initiativ. Sammanställningen bör bli en åtgärdsplan.")
ORPHAN = "Detta sker långsamt eller inte alls. Testerna av ny digital teknik är otaliga."


def passages(*texts: str) -> list[Passage]:
    return [Passage(Chunk(id=f"c{i}", source="handbok", section="Råd 4", advice=4, kind="body", text=t),
                    rank=i + 1, score=1.0 / (i + 1)) for i, t in enumerate(texts)]


def chosen(question: str, *texts: str) -> list[str]:
    scored = score_sentences(question, passages(*texts), LexicalIndex(list(texts)))
    return [s.text for s in select(scored)]


def test_no_split_after_common_abbreviations():
    text = ("Kolada publicerar bl.a. RKA:s index. Kunskap om t.ex. marknaden och projektledning m.m. krävs. "
            "Det finns s.k. riktade bidrag.")
    assert sentences(text) == ["Kolada publicerar bl.a. RKA:s index.",
                               "Kunskap om t.ex. marknaden och projektledning m.m. krävs.",
                               "Det finns s.k. riktade bidrag."]


def test_a_pointer_sentence_brings_its_antecedent():
    picked = chosen("Vilken roll spelar statsbidragen?", STATE)
    assert "En del i detta är statsbidragen." in picked
    i = picked.index("En del i detta är statsbidragen.")
    assert i > 0 and picked[i - 1] == "Den statliga styrningen bidrar ofta till ökade kostnader."


def test_detta_ar_ett_utmarkt_initiativ_never_stands_alone():
    picked = chosen("Är sammanställningen ett utmärkt initiativ?", INITIATIVE)
    assert "Detta är ett utmärkt initiativ." in picked
    before = picked[picked.index("Detta är ett utmärkt initiativ.") - 1]
    assert before.startswith("Välfärdskommissionen enades")


def test_a_pointer_without_antecedent_in_its_passage_is_left_out():
    picked = chosen("Sker uppskalningen långsamt?", ORPHAN, STATE)
    assert "Detta sker långsamt eller inte alls." not in picked


def test_lead_opens_the_answer_and_reading_order_holds_within_a_passage():
    ps = passages(STATE, INITIATIVE)
    scored = score_sentences("statsbidrag reglering", ps, LexicalIndex([STATE, INITIATIVE]))
    lead = [s for s in scored if s.passage == 1 and s.position == 0]
    picked = select(scored, lead=lead)
    assert (picked[0].passage, picked[0].position) == (1, 0)
    for a, b in zip(picked, picked[1:]):
        if a.passage == b.passage:
            assert a.position < b.position
    assert MIN_SENTENCES <= len(picked) <= MAX_SENTENCES


def test_mmr_skips_a_near_duplicate():
    text = ("Riktade statsbidrag driver upp kostnaderna för kommunerna. "
            "Riktade statsbidrag driver upp kostnaderna för kommunerna och regionerna. "
            "Bidragen ökar också administrationen genom krångliga ansökningar. "
            "Kritiken mot bidragen har varit bred.")
    picked = chosen("Driver riktade statsbidrag upp kostnaderna?", text)  # yes/no: no echo demotion
    duplicates = [s for s in picked if s.startswith("Riktade statsbidrag driver upp")]
    assert len(duplicates) == 1


def test_points_back_covers_the_known_cases():
    def make(text):
        return Sentence(0, 1, text, 1.0)
    for text in ("Detta är ett utmärkt initiativ.", "En del i detta är statsbidragen.", "Den menade att skolor brister.",
                 "Här har vi tidigare lyft problematiken.", "Dessa mer problematiska exempel kan kompletteras.",
                 "Det försvårar genomförandet."):
        assert make(text).points_back, text
    for text in ("Det finns 20 regioner och 290 kommuner.", "Det kan ofta finnas goda skäl att samarbeta.", "Den demografiska utvecklingen kräver effektiviseringar.",
                 "Kommunerna samverkar."):
        assert not make(text).points_back, text


DIGITAL = ("Samverkan inom digitaliseringen behöver vara en nyckelprioritering de kommande åren. "
           "Men här räcker det alltså inte med att olika kommuner samverkar med varandra. "
           "Vi behöver en nationell samverkan med skalbara lösningar. "
           "Det kan ofta finnas goda skäl för kommuner att samverka sinsemellan och upphandla tillsammans.")


def test_connective_openers_need_their_antecedent():
    def make(text):
        return Sentence(0, 1, text, 1.0)
    for text in ("Men här räcker det alltså inte med att olika kommuner samverkar med varandra i regionen.",
                 "Och med digital support kan människor få ett individuellt utformat stöd att klara förändringar.",
                 "Därför gäller det för kommuner och regioner att vara noggranna när man utvecklar samverkan.",
                 "Alltså måste båda sidor av myntet studeras.", "Dock saknas uppföljning.",
                 "Så blir det totala vårdbehovet mindre."):
        assert make(text).points_back, text
    for text in ("Så småningom lägger sig pandemin.", "Menyn av insatser är bred.", "Ochså fel.",
                 "Därför bör regeringen initiera ett stort digitaliseringslyft som går ut på att bygga en enhetlig "
                 "digital infrastruktur.",
                 "Men målen måste vara ändamålsenliga och indikatorerna kan inte vara för många."):
        assert not make(text).points_back, text


def test_a_connective_opener_does_not_lead_without_its_antecedent():
    picked = chosen("Vad säger handboken om att kommuner samverkar med varandra?", DIGITAL)
    connective = "Men här räcker det alltså inte med att olika kommuner samverkar med varandra."
    assert not picked[0].startswith("Men ")
    if connective in picked:
        assert picked[picked.index(connective) - 1].startswith("Samverkan inom digitaliseringen")


def test_a_sentence_that_reads_alone_opens_before_a_slightly_better_pointer():
    def scored(pointer_score: float) -> list[Sentence]:
        return [Sentence(0, 0, "Samverkan ökar.", 0.2), Sentence(0, 1, "Men kommunerna samverkar för lite.", pointer_score),
                Sentence(0, 2, "Staten ska bidra.", 0.1), Sentence(1, 0, "Kommuner samverkar ofta.", 0.9)]
    picked = select(scored(1.0))
    assert picked[0].text == "Kommuner samverkar ofta."  # 0.9 > 0.8 * 1.0: the sentence that reads alone opens
    picked = select(scored(2.0))  # 0.9 < 0.8 * 2.0: the pointer opens, after its antecedent
    assert [s.text for s in picked[:2]] == ["Samverkan ökar.", "Men kommunerna samverkar för lite."]


def test_the_handbooks_sentence_opens_before_a_slightly_better_summary_sentence():
    scored = [Sentence(0, 0, "Rapporten visar att upphandlingar kostar miljarder.", 1.0),
              Sentence(1, 0, "Upphandling ses ofta enbart som en administrativ process.", 0.9),
              Sentence(1, 1, "Strategisk styrning kan effektivisera upphandlingen.", 0.6)]
    assert select(scored)[0].passage == 0
    assert select(scored, secondary=frozenset({0}))[0].passage == 1  # 0.9 > 0.8 * 1.0
    scored[0] = Sentence(0, 0, scored[0].text, 1.5)
    assert select(scored, secondary=frozenset({0}))[0].passage == 0  # 0.9 < 0.8 * 1.5


def test_a_sentence_opening_with_darfor_does_not_give_the_cause():
    from assistant.extract import sentence_scorer

    consequence = "Därför bör staten stå för en gemensam digital grund för kommunerna."
    cause = "Kommunerna bygger egna digitala lösningar eftersom staten saknar en gemensam grund."
    score = sentence_scorer("Varför ska inte varje kommun bygga egna digitala lösningar?",
                            LexicalIndex([consequence, cause]))
    assert score(consequence)[1] is False
    assert score(cause)[1] is True
