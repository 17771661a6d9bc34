"""The Figure carries value, unit, KPI ids, year and one of the two source labels."""

from __future__ import annotations

import json
import math

import pytest

from indices.provenance import EGNA_BERAKNINGAR, KALLA_KOLADA, Figure, figure

pytestmark = pytest.mark.unit


def test_source_labels_are_exact() -> None:
    assert KALLA_KOLADA == "Källa: Kolada"
    assert EGNA_BERAKNINGAR == "Egna beräkningar baserade på data från Kolada"


def test_nan_becomes_none_with_reason() -> None:
    f = figure(float("nan"), unit="%", kpis=("U20404",), year=2022, source=KALLA_KOLADA)
    assert f.value is None
    assert f.reason == "U20404 saknas i Kolada för 2022"
    assert json.loads(json.dumps(f.to_dict()))["value"] is None


def test_value_keeps_no_reason() -> None:
    f = figure(12, unit="%", kpis=["N15001"], year=2022, source=KALLA_KOLADA, reason="ignored")
    assert f.value == 12.0 and f.reason is None and f.kpis == ("N15001",)


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(value=1.0, source="Kolada"),
        dict(value=None, source=KALLA_KOLADA),
        dict(value=math.nan, source=KALLA_KOLADA),
        dict(value=math.inf, source=KALLA_KOLADA),
    ],
)
def test_invalid_figures_are_refused(kwargs) -> None:
    with pytest.raises(ValueError):
        Figure(unit="%", kpis=("N15001",), year=2022, **kwargs)
