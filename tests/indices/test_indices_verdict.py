"""The one verdict rule: which index, high or low, which råd."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indices.verdict import (HIGH, LOW, MISSING, OWN, PUBLISHED, UNKNOWN, advice_for, level,
                             pick_index, verdict)

pytestmark = pytest.mark.unit
KPIS = {"resursindex": "U15010", "kvalitetsindex": "U15401", "effektivitetsindex": "U15900"}


def test_published_index_wins_over_ours() -> None:
    r = pick_index("resursindex", 62.0, 40.0, "U15010")
    assert (r.value, r.source, r.kpi) == (62.0, PUBLISHED, "U15010")
    assert "Källa: Kolada" in r.label


def test_ours_when_nothing_is_published_and_labelled_as_ours() -> None:
    for missing in (None, float("nan")):
        r = pick_index("kvalitetsindex", missing, 33.5)
        assert (r.value, r.source) == (33.5, OWN)
        assert "Egna beräkningar baserade på data från Kolada" in r.label


def test_missing_when_neither() -> None:
    r = pick_index("effektivitetsindex", None, None)
    assert r.value is None and r.source == MISSING


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError):
        pick_index("kostnadsindex", 1.0, 2.0)


def test_levels_split_at_the_midpoint() -> None:
    assert level(50.0) == HIGH and level(49.9) == LOW and level(None) == UNKNOWN
    # resursindex: a high index is a low cost
    assert level(80.0, high_is_good=False) == LOW and level(20.0, high_is_good=False) == HIGH


@pytest.mark.parametrize("resurs, kvalitet, expected", [
    (20, 30, 1),   # high cost, low quality
    (20, 70, 4),   # high cost, good quality
    (70, 30, 3),   # low cost, weak quality
    (70, 70, 5),   # both good
    (None, 70, 1),  # unknown cost
])
def test_advice_table(resurs, kvalitet, expected) -> None:
    v = verdict(resurs_published=resurs, kvalitet_published=kvalitet)
    assert v.advice == expected


def test_verdict_reads_published_quality_and_our_resource() -> None:
    v = verdict(resurs_published=None, resurs_own=30.0, kvalitet_published=80.0, kvalitet_own=10.0,
                kpis=KPIS)
    assert v.resurs.source == OWN and v.kvalitet.source == PUBLISHED
    assert (v.cost, v.quality, v.advice) == (HIGH, HIGH, 4)
    assert v.basis == "mixed"
    assert v.cost_word == "hög kostnad" and v.quality_word == "hög kvalitet"


@pytest.mark.integration
def test_profile_verdict_reads_published_first_then_own(kolada) -> None:
    import indices
    from indices.summaries import profile_verdict

    p = indices.profile("Habo", "grundskola", 2022, reps=0, data=kolada)
    v = profile_verdict(p)
    published = kolada.value("0643", "U15010", 2022)
    assert v.resurs.value == published and v.resurs.source == PUBLISHED and v.resurs.kpi == "U15010"
    q = kolada.value("0643", "U15401", 2022)
    if q is None:
        assert v.kvalitet.source == OWN and v.kvalitet.value == p.indices["kvalitetsindex"].value
    else:
        assert v.kvalitet.value == q and v.kvalitet.source == PUBLISHED
    assert v.cost == (HIGH if published < 50 else LOW)


@given(st.one_of(st.none(), st.floats(0, 100)), st.one_of(st.none(), st.floats(0, 100)))
def test_every_pair_gets_one_of_the_five_rad(resurs, kvalitet) -> None:
    v = verdict(resurs_own=resurs, kvalitet_own=kvalitet)
    assert v.advice in {1, 3, 4, 5}
    assert (v.advice, v.reason) == advice_for(v.cost, v.quality)
    assert (v.cost == UNKNOWN) == (resurs is None or math.isnan(resurs))
