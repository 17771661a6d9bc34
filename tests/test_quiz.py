"""The trainer quiz: deterministic, one right option, explained with a citation that proves it."""

from __future__ import annotations

import re

import pytest

from assistant.quiz import KINDS, Question, build_quiz, score
from assistant.retrieval.corpus import corpus_files, load_chunks
from assistant.types import Chunk
from knowledge.registry import load_advice

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def chunks(knowledge_dir) -> list[Chunk]:
    return load_chunks(corpus_files(knowledge_dir))


def test_same_seed_same_quiz_other_seed_other_quiz(chunks):
    first, again, other = build_quiz(chunks, seed=3), build_quiz(chunks, seed=3), build_quiz(chunks, seed=4)
    assert first == again
    assert first != other
    assert len(first) == sum(KINDS.values())
    assert {q.kind for q in first} == set(KINDS)
    assert len({q.id for q in first}) == len(first)


def test_every_question_has_one_distinct_right_option(chunks):
    for seed in range(5):
        for q in build_quiz(chunks, seed=seed):
            assert len(q.options) >= 4 and len(set(q.options)) == len(q.options), q
            assert 0 <= q.correct < len(q.options)
            assert q.is_correct(q.correct) and q.is_correct(q.options[q.correct])
            assert not any(q.is_correct(i) for i in range(len(q.options)) if i != q.correct)


def test_advice_answers_match_the_cited_handbook_section(chunks):
    titles = {a.number: a.title for a in load_advice()}
    for q in build_quiz(chunks, seed=1, kinds={"rad": 5, "citat": 5}):
        number = int(re.match(r"Råd (\d)", q.options[q.correct]).group(1))
        assert titles[number] in q.options[q.correct]
        assert q.citation.source == "handbok" and q.citation.section == f"Råd {number}"
        assert q.citation.advice == number
        if q.kind == "citat":  # the quoted sentence is in the cited passage
            quote = q.prompt.split("”", 1)[1].rsplit("”", 1)[0]
            assert quote in q.citation.text


def test_glossary_answer_is_the_terms_own_definition(chunks):
    glossary = {c.title: c for c in chunks if c.kind == "glossary"}
    questions = build_quiz(chunks, seed=2, kinds={"begrepp": 6})
    assert len(questions) == 6
    for q in questions:
        term = q.prompt.split("”")[1]
        assert q.options[q.correct] in glossary[term].text
        for i, option in enumerate(q.options):
            if i != q.correct:
                assert option not in glossary[term].text
        assert q.citation.source == "ordlista"


def test_fact_question_blanks_the_handbook_number(chunks):
    questions = build_quiz(chunks, seed=0, kinds={"fakta": 10})
    assert questions, "the handbook has sentences with a single figure"
    for q in questions:
        sentence = re.fullmatch(r"Handboken skriver: ”(.*)” \(.*\)", q.explanation).group(1)
        assert sentence in q.citation.text
        blanked = q.prompt.split("”", 1)[1].rsplit("”", 1)[0]
        right = q.options[q.correct]
        value, unit = re.fullmatch(r"([\d ,]+?) (\D+)", right).groups()
        restored = blanked.replace(f"___ {unit}", f"{value} {unit}")
        assert restored.replace(" ", "") == sentence.replace(" ", "")  # "5000" vs "5 000"


def test_score_counts_right_answers():
    q = Question(id="x", kind="rad", prompt="?", options=("a", "b", "c", "d"), correct=2, explanation="",
                 citation=None)
    result = score([q, q, q], ["c", 0, None])
    assert (result.correct, result.total) == (1, 3)
    assert result.text() == "Du fick 1 av 3 rätt (33 %)."


def test_empty_corpus_raises():
    with pytest.raises(ValueError):
        build_quiz([])


def test_context_dependent_sentences_are_rejected():
    from assistant.quiz import stands_alone

    for sentence in ("Detta är ett utmärkt initiativ.", "En del i detta är statsbidragen.",
                     "Den menade att skolor brister i att tidigt uppmärksamma elever.",
                     "Detta skapar i sin tur starkare incitament för ansvariga politiker.",
                     "Egenmonitorering, som nämndes ovan, är en växande metodik.",
                     "Att besparingar inte kan likställas med effektiviseringar illustreras i figur 2."):
        assert not stands_alone(sentence), sentence
    assert stands_alone("Offentlig sektor upphandlar varor och tjänster för över 700 miljarder kr per år.")


def test_quoted_and_blanked_sentences_make_sense_alone(chunks):
    from assistant.quiz import stands_alone

    for seed in range(6):
        for q in build_quiz(chunks, seed=seed, kinds={"citat": 5, "fakta": 5}):
            quote = q.prompt.split("”", 1)[1].rsplit("”", 1)[0].replace("___", "1")
            assert stands_alone(quote), q.prompt


def test_no_glossary_option_names_its_own_term(chunks):
    from assistant.quiz import names_term

    glossary = [c for c in chunks if c.kind == "glossary"]
    own_term = {c.text.split(":", 1)[1].strip()[:40]: c.title for c in glossary}
    for q in build_quiz(chunks, seed=5, kinds={"begrepp": 12}):
        asked = q.prompt.split("”")[1]
        for option in q.options:
            assert not names_term(option, asked), (asked, option)  # the asked term appears in no option
            term = next(t for start, t in own_term.items() if option.startswith(start[:30]))
            assert not names_term(option, term), (term, option)  # no option names the term it defines
