"""A figure Kolada has no key figure for: the reading says so (kpi_search, kpi_missing)
instead of picking another figure; everyday words for real key figures still answer.

Questions are worded here (none is an eval question); the model-free embedder is used.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("text, kommuner", [
    ("Hur många hundar finns i Lund?", ("1281",)),
    ("Hur många parkeringsplatser har Göteborg?", ("1480",)),
    ("Vad kostar kommunens kaffe per anställd i Uppsala?", ("0380",)),
    ("Hur många älgar sköts i Kiruna 2021?", ("2584",)),
    ("Hur mycket mark äger kommunen?", ()),
    ("Vilken kommun har flest hundar?", ()),
    ("Hur har antalet hundar utvecklats i Lund?", ("1281",)),
    ("Jämför antalet hundar i Lund och Malmö", ("1281", "1280")),
])
def test_no_key_figure_for_the_asked_thing(read, text, kommuner):
    r = read(text)
    assert (r.intent, r.kpi_missing, r.kommuner, r.kpis) == ("kpi_search", True, kommuner, ())


@pytest.mark.parametrize("text, kpi", [
    ("Hur många bor i Lund?", "N01951"),
    ("Vad är skattesatsen i Solna?", "N00901"),
    ("Hur stor är sjukfrånvaron i Gävle?", "N00090"),
    ("Hur mycket avfall samlas in per invånare i Västerås?", "U07414"),
])
def test_real_key_figures_in_everyday_words_still_answer(read, text, kpi):
    r = read(text)
    assert (r.intent, r.kpi, r.kpi_missing) == ("kpi_value", kpi, False)


def test_not_every_question_without_a_key_figure_is_a_missing_one(read):
    assert read("Hur många råd finns i handboken?").kpi_missing is False
    assert read("Vilken kommun är bäst?").kpi_missing is False  # ranking words name no figure
    r = read("Hur ligger Borås till inom äldreomsorgen?")  # an area: its profile, not a missing figure
    assert (r.intent, r.kpi_missing) == ("profile", False)


def test_a_key_figure_without_a_kommun_asks_which_kommun(read):
    r = read("Hur många fotbollsplaner finns i kommunen?")
    assert (r.intent, r.kpi, r.kpi_missing) == ("kpi_value", "U09700", False)


def test_the_flag_survives_the_conversation_state(read):
    from assistant.understanding import Query

    r = read("Hur många hundar finns i Lund?")
    assert Query.from_dict(r.to_dict()) == r
