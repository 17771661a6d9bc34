"""The asked measure (share, count, cost) against a key figure's unit, and readings that
depend on it. Questions are worded here; the model-free embedder is used."""

from __future__ import annotations

import pytest

from assistant.understanding.measures import COST, COUNT, SHARE, age_groups, conflicts, question_measure, unit_measure

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("text, measure", [
    ("hur stor andel av invanarna ar 65+", SHARE),
    ("hur har andelen invanare forandrats", SHARE),
    ("hur manga procent klarar alla amnen", SHARE),
    ("vad ar kostnaden per elev", COST),
    ("vad kostar hemtjansten", COST),
    ("antalet invanare", COUNT),
    ("hur manga klarar alla amnen", None),  # "hur många" is said of shares too
    ("hur stor kostnadsavvikelse har x", None),
])
def test_question_measure(text, measure):
    assert question_measure(text) == measure


@pytest.mark.parametrize("unit, title, measure", [
    ("andel (%)", "Invånare 65+, andel (%)", SHARE),
    ("kr/inv", "Kostnad äldreomsorg, kr/inv 65+", COST),
    ("invånare", "Invånare totalt, antal", COUNT),  # a curated unit that names no measure: the title's
    ("dagar", "Väntetid i antal dagar", None),
])
def test_unit_measure(unit, title, measure):
    assert unit_measure(unit, title) == measure


def test_conflicts():
    assert conflicts(SHARE, COST) and conflicts(SHARE, COUNT) and conflicts(COUNT, SHARE)
    assert not conflicts(COST, SHARE)  # a cost deviation is a percentage
    assert not conflicts(None, COST) and not conflicts(SHARE, None) and not conflicts(SHARE, SHARE)


@pytest.mark.parametrize("text, folded", [
    ("hur manga ar over 65 ar", "hur manga ar 65+"),
    ("invanare 80 ar och aldre", "invanare 80+"),
    ("aldre an 65 ar", "65+"),
    ("omsorg om aldre", "omsorg om aldre"),
])
def test_age_groups(text, folded):
    assert age_groups(text) == folded


@pytest.mark.parametrize("text, kommuner, kpi", [
    # a share of the population, not the cost of äldreomsorg per inhabitant 65+
    ("Hur har andelen invånare 65+ i Pajala förändrats sedan 2012?", ("2521",), "N01960"),
    ("Hur stor andel av invånarna i Kiruna är över 65 år?", ("2584",), "N01960"),
    ("Hur stor andel av Lunds invånare är äldre än 65 år?", ("1281",), "N01960"),
    ("Hur stor andel av befolkningen i Arjeplog är 65 år eller äldre?", ("2506",), "N01960"),
    ("Hur stor är andelen invånare 80+ i Bjuv?", ("1260",), "N01813"),
    ("Hur stor andel av invånarna i Vara är 80 år eller äldre?", ("1470",), "N01813"),
    # the cost per inhabitant 65+ is still the cost when a cost is asked
    ("Vad kostar äldreomsorgen per invånare 65+ i Piteå?", ("2581",), "N20007"),
    # the kommun's own fleet, not all cars registered in the kommun
    ("Hur stor andel av kommunens bilar i Umeå är elbilar?", ("2480",), "U00502"),
    ("Hur stor andel av kommunens fordon i Luleå är fossilfria?", ("2580",), "U00502"),
    ("Hur stor andel av kommunens tjänstebilar i Skara är miljöbilar?", ("1495",), "U00502"),
    ("Hur stor andel av bilarna i Mark är elbilar?", ("1463",), "U00501"),
    ("Hur stor andel av personbilarna i Umeå är fossiloberoende?", ("2480",), "U00501"),
])
def test_the_measure_and_the_population_pick_the_key_figure(read, text, kommuner, kpi):
    r = read(text)
    assert (r.kommuner, r.kpi, r.kpi_missing) == (kommuner, kpi, False), r.kpi_candidates[:3]


def test_an_age_group_alone_names_no_area(read):
    assert read("Hur stor andel av invånarna i Kiruna är över 65 år?").area is None
    assert read("Vad kostar äldreomsorgen per invånare 65+ i Piteå?").area == "aldreomsorg"


@pytest.mark.parametrize("text", [
    "Hur mycket mark äger kommunen?",
    "Hur mycket mark äger kommunerna?",
    "Hur många skolbussar har kommunerna?",
])
def test_a_missing_key_figure_for_one_or_all_kommuner(read, text):
    r = read(text)
    assert (r.intent, r.kpi_missing, r.kpis) == ("kpi_search", True, ())


def test_a_ranking_with_a_count_word_before_kommuner(read):
    r = read("Vilka tre kommuner i Västra Götalands län har lägst kostnad för äldreomsorgen per invånare 65+?")
    assert (r.intent, r.scope.lan, r.limit, r.direction, r.kpi) == ("ranking", "14", 3, "min", "N20007")


def _resolver():
    from assistant.understanding.catalogue import CatalogueEntry
    from assistant.understanding.kpis import KpiResolver

    entries = [CatalogueEntry("N00001", "Alfa beta, antal", "", "", None, 0, 290, synonyms=("gröna tak",)),
               CatalogueEntry("N00002", "Gamma delta, antal", "", "", None, 0, 290)]
    return KpiResolver(entries)


def test_a_curated_synonym_counts_in_an_inflected_form():
    """Synonyms are matched on stems: "gröna taken" is the synonym "gröna tak"."""
    top = _resolver().resolve("Hur många gröna taken finns i X?", None)[0]
    assert top.kpi == "N00001" and top.evidence >= 2.0


def test_a_synonym_in_another_order_is_another_phrase():
    top = _resolver().resolve("Hur många tak är gröna i X?", None)[0]
    assert top.evidence < 2.0


@pytest.mark.parametrize("text, kommun", [
    ("Vilken plats har Nora i länet när det gäller kostnad per elev?", "1884"),
    ("Vilken plats har Kil bland kommunerna i Värmlands län när det gäller meritvärde?", "1715"),
])
def test_the_place_of_one_kommun_is_a_ranking(read, text, kommun):
    r = read(text)
    assert (r.intent, r.kommuner) == ("ranking", (kommun,))
