"""Known answers for the golden checks themselves, so a passing golden run means something."""

from __future__ import annotations

import pytest

from golden_checks import (echoed_markup, english_sentences, expected_value, figure_problem,
                           number_pattern, swedish_number, swedish_problems)

pytestmark = pytest.mark.unit


def test_swedish_number_format():
    assert swedish_number(124100.510703, 0) == "124 101"
    assert swedish_number(1.660169 * 1_000_000, 0) == "1 660 169"
    assert swedish_number(-3.8605, 1) == "-3,9"
    assert swedish_number(52.94, 1) == "52,9"
    assert swedish_number(1132.4, 1) == "1 132,4"


def test_number_pattern_matches_whole_numbers_only():
    assert number_pattern("52,9").search("Resursindex: 52,9 (U15010, 2022)")
    assert not number_pattern("52,9").search("152,9 kr")
    assert not number_pattern("52,9").search("52,95")
    assert not number_pattern("3,9").search("-3,9 %")
    assert not number_pattern("660 169").search("1 660 169 kr/år")
    assert not number_pattern("1 660").search("1 660 169 kr/år")
    assert number_pattern("-3,9").search("Kalmar: -3,9 % (N15001, 2022)")


def test_english_is_caught_and_swedish_passes():
    assert english_sentences("This is the answer to your question about the municipality.")
    assert swedish_problems("What is the cost per pupil in the school? It is high.")
    assert swedish_problems("Kostnaden per elev är hög i Växjö och det syns i Kolada.") == []
    assert swedish_problems("Jag svarar på svenska. (I answer in Swedish.)") == []
    assert swedish_problems("") != []


def test_echoed_markup():
    assert echoed_markup("<script>alert(1)</script>", "Du skrev <script>alert(1)</script>") != []
    assert echoed_markup("<b>Hur?</b>", "Hur? ") == []
    assert echoed_markup("<script>x</script>", "&lt;script&gt;") == []


def test_figure_problem_needs_value_kpi_and_year_on_one_line():
    check = {"kommunkod": "0780", "kpi": "N15008", "year": 2022, "decimals": 0}
    shown = swedish_number(expected_value(check), 0)
    assert figure_problem(check, f"- Kostnad: {shown} kr/elev (N15008, 2022, Källa: Kolada)") is None
    assert figure_problem(check, f"- Kostnad: {shown} kr/elev\n(N15008, 2022)") is not None
    assert figure_problem(check, "- Kostnad: 1 kr/elev (N15008, 2022)") is not None
