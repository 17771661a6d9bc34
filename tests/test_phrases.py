"""The shared Swedish phrases (lists of names, whom to learn from) and signed changes: hand-worked cases."""

from __future__ import annotations

import pytest

from indices.provenance import EGNA_BERAKNINGAR, figure
from indices.summaries import LearnFrom

from assistant.phrases import learn_text, names

pytestmark = pytest.mark.unit


def _lf(peers, reduction, on_frontier=False, titles=("Kostnad äldreomsorg, kr/inv 65+",)):
    fig = figure(reduction, unit="%", kpis=("N20007",), year=2022, source=EGNA_BERAKNINGAR)
    return LearnFrom(on_frontier, tuple(peers), fig, ("N20007",), ("U21468", "U23471"), titles)


def test_names_joins_with_och():
    assert names([]) == ""
    assert names(["Umeå"]) == "Umeå"
    assert names(["Umeå", "Luleå"]) == "Umeå och Luleå"
    assert names(("Umeå", "Luleå", "Piteå")) == "Umeå, Luleå och Piteå"


def test_one_peer_says_what_it_reaches_and_for_how_much_less():
    text = learn_text(_lf([("0188", "Norrtälje", 100.0)], 34.2), "Umeå")
    assert text == ("Lär av: Norrtälje når minst samma resultat med 34 % lägre kostnad "
                    "(Kostnad äldreomsorg, kr/inv 65+; DEA, N20007 → U21468, U23471).")


def test_several_peers_carry_their_weights():
    text = learn_text(_lf([("0001", "A", 75.0), ("0002", "B", 25.0)], 20.0, titles=()), "K")
    assert text == ("Lär av: A och B når tillsammans (viktade 75 % och 25 %) minst samma resultat med 20 % "
                    "lägre kostnad (DEA, N20007 → U21468, U23471).")


def test_a_kommun_on_the_frontier_and_one_without_peers():
    assert learn_text(_lf([], 0.0, on_frontier=True), "Täby").startswith("Täby ligger på fronten")
    assert learn_text(_lf([], None), "K") == ""


def test_a_signed_change_has_its_unit_and_a_percentage_changes_in_procentenheter():
    from assistant.formatting import signed

    assert signed(7.5 - 6.0, "%") == "+1,5 procentenheter"
    assert signed(-1.0, "andel (%)") == "−1,0 procentenheter"
    assert signed(0.35, "%", "N00901") == "+0,35 procentenheter"  # tax rates keep two decimals
    assert signed(-2300.4, "kr/elev") == "−2 300 kr/elev"
    assert signed(0.0, "index") == "±0,0"
    assert signed(None, "%") == "uppgift saknas"
