"""Follow-ups: the previous turn's Query is the state."""

from __future__ import annotations

import pytest

from assistant.understanding import Query

pytestmark = pytest.mark.unit


def test_and_another_kommun_replaces_the_kommun(read):
    first = read("Vad kostar äldreomsorgen per invånare 65+ i Piteå?")
    r = read("Och Boden?", first)
    assert (r.intent, r.kommuner, r.kpi, r.area, r.follows) == ("kpi_value", ("2582",), first.kpi,
                                                                "aldreomsorg", True)


def test_a_value_becomes_a_trend(read):
    first = read("Vad är skattesatsen i Oskarshamn?")
    r = read("Hur har den utvecklats sedan 2012?", first)
    assert (r.intent, r.kommuner, r.kpi, r.years) == ("trend", ("0882",), "N00901", (2012, 2022))


@pytest.mark.parametrize("follow", ["Hur har det utvecklats sedan 2012?", "Hur har andelen förändrats sedan 2012?"])
def test_it_or_the_measure_word_points_at_the_previous_figure(read, follow):
    first = read("Hur stor andel av eleverna i åk 9 i Norrköping är behöriga till yrkesprogram?")
    r = read(follow, first)
    assert (r.intent, r.kommuner, r.kpi, r.years, r.follows) == ("trend", ("0581",), first.kpi, (2012, 2022), True)
    # a question of its own that happens to say "det" is not a follow-up
    assert read("Vad innebär det att agera tidigt?", first).intent == "handbook"


def test_compare_with_adds_kommuner(read):
    first = read("Hur effektiv är äldreomsorgen i Umeå?")
    second = read("Jämför med Luleå och Skellefteå", first)
    assert second.intent == "comparison" and second.kommuner == ("2480", "2580", "2482")
    third = read("Vem av dem är mest effektiv?", second)
    assert third.intent == "comparison" and third.kommuner == second.kommuner
    assert third.area == "aldreomsorg" and third.kpi == "U20900" and third.direction == "max"


def test_which_of_them_has_the_best_quality(read):
    first = read("Jämför äldreomsorgen i Västervik och Oskarshamn")
    r = read("Vilken av dem har bäst kvalitet?", first)
    assert r.intent == "comparison" and r.kommuner == ("0883", "0882") and r.kpi == "U20404"


def test_handbook_after_a_result_keeps_kommun_and_area(read):
    first = read("Hur effektiv är grundskolan i Uddevalla?")
    r = read("Vad säger handboken att de borde göra?", first)
    assert (r.intent, r.kommuner, r.area, r.follows) == ("handbook", ("1485",), "grundskola", True)


def test_a_closing_da_continues_the_turn_before(read):
    first = read("Hur ligger Växjö till inom grundskolan?")
    r = read("Vad rekommenderar handboken då?", first)
    assert (r.intent, r.kommuner, r.area, r.follows) == ("handbook", ("0780",), "grundskola", True)
    assert not read("Vad rekommenderar handboken?", first).follows


def test_a_new_question_is_not_a_follow_up(read):
    first = read("Hur effektiv är grundskolan i Uddevalla?")
    r = read("Vilka är handbokens fem råd?", first)
    assert r.intent == "advice" and not r.follows


def test_the_state_survives_a_round_trip_through_a_dict(read):
    first = read("Vilka tre kommuner i Dalarna har högst skatt?")
    assert Query.from_dict(first.to_dict()) == first
