"""Years, ranges, direction, limit and area: hand-picked cases."""

from __future__ import annotations

import pytest

from assistant.understanding.areas import read_area
from assistant.understanding.ranking_words import read_rank_words, resolve_direction
from assistant.understanding.years import LAST_YEAR, read_years

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("text, years, is_range", [
    ("Meritvärde 2019", (2019, 2019), False),
    ("sedan 2015", (2015, LAST_YEAR), True),
    ("mellan 2014 och 2018", (2014, 2018), True),
    ("2012-2016", (2012, 2016), True),
    ("de senaste fem åren", (LAST_YEAR - 4, LAST_YEAR), True),
    ("de senaste 3 åren", (LAST_YEAR - 2, LAST_YEAR), True),
    ("förra året", (LAST_YEAR, LAST_YEAR), False),
    ("utan år", None, False),
])
def test_years(text, years, is_range):
    r = read_years(text)
    assert r.years == years and r.is_range == is_range


def test_a_year_after_the_data_is_the_last_year_with_a_note():
    r = read_years("Hur ser det ut 2026?")
    assert r.years == (LAST_YEAR, LAST_YEAR)
    assert any("slutar 2022" in n for n in r.notes)


def test_relative_years_say_what_they_count_from():
    assert any("2022" in n for n in read_years("förra året").notes)


@pytest.mark.parametrize("text, direction, limit", [
    ("Topp fem kommuner på effektivitetsindex", "best", 5),
    ("Vilka tre kommuner har högst andel", "max", 3),
    ("Vilken kommun har lägst skatt?", "min", 1),
    ("Var i Skåne är skatten lägst?", "min", 1),
    ("Ge mig de tio mest effektiva kommunerna", "best", 10),
    ("Vilka kommuner är dyrast?", "max", None),
    ("Vilka är billigast?", "min", None),
    ("Vilka är sämst?", "worst", None),
])
def test_direction_and_limit(text, direction, limit):
    r = read_rank_words(text)
    assert (r.direction, r.limit) == (direction, limit)


def test_own_place_and_best_by_kpi_direction():
    assert read_rank_words("Vilken plats har Mölndal?").own_place
    assert resolve_direction("best", -1) == "min" and resolve_direction("best", 1) == "max"
    assert resolve_direction("worst", -1) == "max" and resolve_direction("max", -1) == "max"


@pytest.mark.parametrize("text, area", [
    ("Hur stor andel är behöriga till gymnasiet?", "grundskola"),
    ("Gymnasieelever med examen", "gymnasieskola"),
    ("Vad kostar hemtjänsten?", "aldreomsorg"),
    ("Kostnad per barn i förskolan", "forskola"),
    ("Försörjningsstöd per invånare", "ekonomiskt_bistand"),
    ("Individ- och familjeomsorgen", "ifo"),
    ("Daglig verksamhet enligt LSS", "lss"),
    ("Skattesats", None),
])
def test_area(text, area):
    assert read_area(text) == area
