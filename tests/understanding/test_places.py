"""Places: kommun names that are also Swedish words, diacritics, län, regions, kommungrupp."""

from __future__ import annotations

import pytest

from assistant.understanding.places import find_places

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("text, codes", [
    ("Hur ser äldreomsorgen ut i Vara?", ["1470"]),
    ("Det kan vara bra att jämföra sig med andra", []),
    ("Vara kommun och dess skolor", ["1470"]),
    ("Hur mycket mark har kommunen i Mark?", ["1463"]),
    ("Marks kommun har låg skatt", ["1463"]),
    ("Vilka skolor finns i Kil?", ["1715"]),
    ("Vi slog in en kil i debatten", []),
    ("Kan vi skära ned utan att det märks?", []),
    ("Hur effektiv är grundskolan i Skara?", ["1495"]),
    ("Under åren har kostnaden ökat i Åre", ["2321"]),
    ("Under de senaste åren har mycket hänt", []),
    ("Hur står sig Habo?", ["0643"]),
    ("Hur står sig Håbo?", ["0305"]),
    ("Jämför Mora, Sala och Nora", ["2062", "1981", "1884"]),
    ("Vi mora och sala ord", []),
    ("Och Boden?", ["2582"]),
    ("Hur mycket står i boden i Lund?", ["1281"]),
    ("jämför umeå och skellefteå", ["2480", "2482"]),
    ("Hur har det gått i Upplands Väsby och Lilla Edet?", ["0114", "1462"]),
    ("Hur är läget i Malung-Sälen?", ["2023"]),
    ("Vad kostar skolan i Vaxjo?", ["0780"]),
    ("Hur effektiv är Stockhlom inom äldreomsorgen?", ["0180"]),
])
def test_kommuner(text, codes):
    assert list(find_places(text).kommuner) == codes


@pytest.mark.parametrize("text, lan", [
    ("Vilka kommuner i Norrbotten har lägst kostnad?", "25"),
    ("Vilken kommun i Västerbottens län har högst meritvärde?", "24"),
    ("Var i Skåne är skatten lägst?", "12"),
    ("Kommuner i Skåne län", "12"),
    ("Bäst i Dalarna", "20"),
    ("Vilka kommuner i Västra Götaland är billigast?", "14"),
    ("Jönköpings län och äldreomsorgen", "06"),
])
def test_lan_with_or_without_the_word(text, lan):
    places = find_places(text)
    assert places.lan == lan and places.kommuner == ()


def test_a_lan_named_like_its_kommun_is_the_kommun_without_lan():
    assert find_places("Hur ligger Uppsala till?").kommuner == ("0380",)
    places = find_places("Hur ligger Uppsala län till?")
    assert places.lan == "03" and places.kommuner == ()


def test_regions_are_out_of_scope_but_region_gotland_is_the_kommun():
    p = find_places("Hur långa är köerna i Region Skåne?")
    assert p.region == "Region Skåne" and p.region_lan == "12" and p.kommuner == ()
    p = find_places("Vad gör Västra Götalandsregionen?")
    assert p.region is not None
    assert find_places("Hur effektiv är Region Gotland?").kommuner == ("0980",)


def test_kommungrupp():
    assert find_places("Kommuner i kommungrupp c7 med högt index").kommungrupp == "C7"
    assert find_places("Visa B3-kommuner").kommungrupp == "B3"


def test_unknown_place_is_kept_for_an_ask_back():
    p = find_places("Hur effektiv är grundskolan i Gotham?")
    assert p.kommuner == () and p.unknown == ("Gotham",)
