"""Years, ranges, direction, limit and area: hand-picked cases."""

from __future__ import annotations

import pytest

from assistant.understanding.areas import read_area
from assistant.understanding.ranking_words import read_quadrant, read_rank_words, resolve_direction
from assistant.understanding.years import read_years

pytestmark = pytest.mark.unit
FIRST, LAST = 2012, 2020  # a made-up span: the reading must follow the data, not a constant


@pytest.fixture(autouse=True)
def _span(monkeypatch):
    import indices

    monkeypatch.setattr(indices, "year_span", lambda data=None: (FIRST, LAST))


@pytest.mark.parametrize("text, years, is_range", [
    ("Meritvärde 2019", (2019, 2019), False),
    ("sedan 2015", (2015, 2020), True),
    ("mellan 2014 och 2018", (2014, 2018), True),
    ("2012-2016", (2012, 2016), True),
    ("de senaste fem åren", (2016, 2020), True),
    ("de senaste 3 åren", (2018, 2020), True),
    ("de senaste tjugo åren", (2012, 2020), True),
    ("förra året", (2020, 2020), False),
    ("utan år", None, False),
])
def test_years(text, years, is_range):
    r = read_years(text)
    assert r.years == years and r.is_range == is_range


def test_a_year_after_the_data_is_the_last_year_with_a_note():
    r = read_years("Hur ser det ut 2026?")
    assert r.years == (2020, 2020)
    assert any("slutar 2020" in n for n in r.notes)
    early = read_years("Hur var det 2011?")
    assert early.years == (2012, 2012) and any("börjar 2012" in n for n in early.notes)


def test_relative_years_say_what_they_count_from():
    assert any("2020" in n for n in read_years("förra året").notes)


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


@pytest.mark.parametrize("text, quadrant", [
    ("Vilka kommuner har hög kostnad och låg kvalitet?", ("high", "low")),
    ("Vilka har låg kvalitet trots höga kostnader?", ("high", "low")),
    ("Vilka kommuner är billiga och bra?", ("low", "high")),
    ("Vilka har låga kostnader men dålig kvalitet?", ("low", "low")),
    ("Vilka har hög kvalitet och hög kostnad?", ("high", "high")),
    ("Vilka kommuner har låg kostnad?", None),  # one level only: no quadrant
    ("Vilka har hög kostnad eller låg kostnad och bra kvalitet?", None),  # both cost levels: unclear
])
def test_quadrant(text, quadrant):
    assert read_quadrant(text) == quadrant
