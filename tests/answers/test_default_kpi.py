"""The figure a question means when it names only an area, and not when it names a measure
that figure is not."""

from __future__ import annotations

import pytest

from assistant.answers.figures import default_kpi
from assistant.understanding import Query

pytestmark = pytest.mark.unit


def _q(text: str, area: str) -> Query:
    return Query(text=text, intent="trend", kommuner=("2081",), area=area)


def test_an_area_alone_means_its_efficiency_index():
    assert default_kpi(_q("Hur har grundskolan i Borlänge utvecklats sedan 2016?", "grundskola")) == "U15900"


def test_a_named_share_is_not_answered_with_the_index():
    """"andelen elever med …" that no key figure matched: the efficiency index is another figure."""
    assert default_kpi(_q("Hur har andelen elever med bra betyg förändrats i Borlänge?", "grundskola")) is None
    assert default_kpi(_q("Hur har antalet elever förändrats i Borlänge?", "grundskola")) is None
