"""RKA's 0-100 normalisation: hand-worked cases and properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indices.normalize import cut_points, nearest_rank, normalize_0_100

pytestmark = pytest.mark.unit


def test_ten_kommuner_by_hand() -> None:
    # Ten costs (kr/elev, in thousands). n = 10: the 2.5th percentile is rank
    # ceil(0.25) = 1 (the minimum, 100) and the 97.5th rank ceil(9.75) = 10 (the
    # maximum, 200). Lower cost is better, so score = (200 - x) / (200 - 100) * 100.
    costs = pd.Series([100, 110, 120, 130, 140, 150, 160, 170, 180, 200],
                      index=[f"{i:04d}" for i in range(1, 11)], dtype=float)
    expected = [100, 90, 80, 70, 60, 50, 40, 30, 20, 0]
    got = normalize_0_100(costs, higher_is_better=False)
    assert list(got.index) == list(costs.index)
    assert got.tolist() == pytest.approx(expected)
    # and the other direction (quality): score = (x - 100) / 100 * 100
    assert normalize_0_100(costs).tolist() == pytest.approx([0, 10, 20, 30, 40, 50, 60, 70, 80, 100])


def test_clipping_at_the_percentiles_by_hand() -> None:
    # 50 values 10, 20, ..., 500. Ranks: ceil(0.025*50) = ceil(1.25) = 2 -> 20;
    # ceil(0.975*50) = ceil(48.75) = 49 -> 490. So 10 and 20 get 0, 490 and 500
    # get 100, and 250 gets (250 - 20) / (490 - 20) * 100 = 23000/470 = 48.936...
    s = pd.Series(np.arange(1, 51) * 10.0)
    got = normalize_0_100(s)
    assert got.iloc[0] == 0 and got.iloc[1] == 0
    assert got.iloc[48] == 100 and got.iloc[49] == 100
    assert got.iloc[24] == pytest.approx(23000 / 470)
    assert cut_points(s) == (20.0, 490.0)


def test_rank_uses_exact_arithmetic() -> None:
    # 0.025 * 40 is 1.0000000000000000555 in binary floating point; the rank must be 1, not 2.
    s = np.arange(1, 41, dtype=float)
    assert nearest_rank(s, 2.5) == 1.0
    assert nearest_rank(s, 97.5) == 39.0
    # 290 kommuner: ceil(7.25) = 8 and ceil(282.75) = 283
    s = np.arange(1, 291, dtype=float)
    assert nearest_rank(s, 2.5) == 8.0 and nearest_rank(s, 97.5) == 283.0


def test_missing_stays_missing_not_zero() -> None:
    s = pd.Series([1.0, np.nan, 3.0, 2.0], index=list("abcd"))
    got = normalize_0_100(s)
    assert np.isnan(got["b"])
    assert got[["a", "c", "d"]].tolist() == pytest.approx([0, 100, 50])


def test_empty_and_constant() -> None:
    assert normalize_0_100(pd.Series([np.nan, np.nan])).isna().all()
    assert normalize_0_100(pd.Series([5.0, 5.0, 5.0])).tolist() == [50.0, 50.0, 50.0]
    with pytest.raises(ValueError):
        nearest_rank(np.array([]), 50)


# Values in steps of 0.01 (like Kolada's published decimals): an affine change then
# keeps distinct values distinct, which subnormal floats such as 1e-309 would not.
values = st.lists(st.integers(min_value=-10**7, max_value=10**7).map(lambda v: v / 100), min_size=2, max_size=80)


@given(values)
@settings(max_examples=60, deadline=None)
def test_properties(xs: list[float]) -> None:
    s = pd.Series(xs)
    up = normalize_0_100(s)
    down = normalize_0_100(s, higher_is_better=False)
    assert ((up >= 0) & (up <= 100)).all()
    assert np.allclose(up + down, 100)
    order = np.argsort(s.to_numpy(), kind="stable")
    assert np.all(np.diff(up.to_numpy()[order]) >= -1e-9)  # monotone in the raw value
    lo, hi = cut_points(s)
    if hi > lo:
        assert up[s <= lo].eq(0).all() and up[s >= hi].eq(100).all()


@given(values, st.floats(min_value=0.01, max_value=1e3), st.floats(min_value=-1e3, max_value=1e3))
@settings(max_examples=40, deadline=None)
def test_invariant_to_positive_affine_change(xs: list[float], a: float, b: float) -> None:
    s = pd.Series(xs)
    assert np.allclose(normalize_0_100(s), normalize_0_100(a * s + b), atol=1e-6)
