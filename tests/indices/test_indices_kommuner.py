"""Kommun name resolution against the real list of 290 kommuner."""

from __future__ import annotations

import pytest

from indices.kommuner import UnknownKommunError, list_kommuner, name_key, resolve_kommun

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    ("query", "kod"),
    [
        ("Göteborg", "1480"),
        ("Göteborgs stad", "1480"),
        ("göteborgs", "1480"),
        ("GÖTEBORG", "1480"),
        ("Malmö kommun", "1280"),
        ("Malmö stad", "1280"),
        ("0180", "0180"),
        ("180", "0180"),
        ("Stockholms stad", "0180"),
        ("Upplands Väsby", "0114"),
        ("Upplands-Väsby", "0114"),
        ("upplands vasby", "0114"),
        ("Upplands-Bro", "0139"),
        ("Upplands Bro", "0139"),
        ("Vaxjo", "0780"),
        ("Växjö kommun", "0780"),
        ("Falu kommun", "2080"),
        ("Region Gotland", "0980"),
        ("Dals Ed", "1438"),
        ("Borås Stad", "1490"),
        ("Västerås stad", "1980"),
        ("Götebrog", "1480"),
        ("Norrkoping", "0581"),
    ],
)
def test_resolves(kolada, query: str, kod: str) -> None:
    k = resolve_kommun(query, kolada)
    assert k.kod == kod
    assert isinstance(k.kod, str) and len(k.kod) == 4


@pytest.mark.parametrize(
    ("query", "kod", "other"),
    [
        ("Habo", "0643", "0305"),
        ("habo", "0643", "0305"),
        ("Habo kommun", "0643", "0305"),
        ("Habos kommun", "0643", "0305"),
        ("Håbo", "0305", "0643"),
        ("håbo", "0305", "0643"),
        ("HÅBO", "0305", "0643"),
        ("Håbo kommun", "0305", "0643"),
        ("Bollebygd", "1443", "2183"),
        ("Bollebygds kommun", "1443", "2183"),
        ("Bollnäs", "2183", "1443"),
        ("Bollnas", "2183", "1443"),
        ("Bollnäs kommun", "2183", "1443"),
    ],
)
def test_near_pairs_never_swap(kolada, query: str, kod: str, other: str) -> None:
    k = resolve_kommun(query, kolada)
    assert k.kod == kod and k.kod != other


def test_exact_match_wins_over_everything(kolada) -> None:
    """Every kommun's own name resolves to itself (no fuzzy step can steal it)."""
    for k in list_kommuner(kolada):
        assert resolve_kommun(k.namn, kolada).kod == k.kod
        assert resolve_kommun(k.namn.upper(), kolada).kod == k.kod
        assert resolve_kommun(k.namn + " kommun", kolada).kod == k.kod


def test_a_spelling_that_fits_both_habo_and_habo_is_refused(kolada) -> None:
    # "Hábo" folds to "habo", which is both Habo and Håbo once diacritics are dropped
    with pytest.raises(UnknownKommunError) as err:
        resolve_kommun("Hábo", kolada)
    assert {k for k, _ in err.value.candidates} == {"0643", "0305"}


@pytest.mark.parametrize("query", ["Gotham", "Atlantis", "Xyzzy kommun", "Hbo"])
def test_unknown_name_carries_candidates(kolada, query: str) -> None:
    with pytest.raises(UnknownKommunError) as err:
        resolve_kommun(query, kolada)
    assert isinstance(err.value, ValueError)
    assert 1 <= len(err.value.candidates) <= 5
    assert all(len(k) == 4 and isinstance(n, str) for k, n in err.value.candidates)
    assert "Hittar ingen kommun" in str(err.value)


def test_candidates_are_close_names(kolada) -> None:
    with pytest.raises(UnknownKommunError) as err:
        resolve_kommun("Hbo", kolada)
    assert {"0305", "0643"} <= {k for k, _ in err.value.candidates}


@pytest.mark.parametrize("query", ["", "   ", "9999", "0000", "12345"])
def test_bad_codes_and_empty_input(kolada, query: str) -> None:
    with pytest.raises(UnknownKommunError):
        resolve_kommun(query, kolada)


@pytest.mark.unit
def test_fold() -> None:
    assert name_key("Håbo") == name_key("Habo") == "habo"
    assert name_key("Upplands-Väsby") == "upplands vasby"
