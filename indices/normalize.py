"""RKA's 0-100 normalisation of a key figure across kommuner.

Method (RKA, KPI descriptions of U15010, U15401, U20008 in kpi_dictionary.csv):
values at or below the 2.5th percentile get 0, at or above the 97.5th get 100,
linear in between, oriented so that 100 is best. Percentiles are nearest-rank
(the value at ordinal rank ceil(p/100 * n) among the n kommuner that have a
value); with this definition U20008 is reproduced from N20900 to 1e-8.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pandas as pd

LOW_PERCENTILE = 2.5
HIGH_PERCENTILE = 97.5


def nearest_rank(values: np.ndarray | pd.Series, p: float) -> float:
    """Nearest-rank percentile: the value at rank ceil(p/100 * n), 1-based.

    NaN is ignored. Exact arithmetic is used for the rank so that, e.g., the
    2.5th percentile of 40 values is rank 1, not 2. Raises ``ValueError`` for an
    empty input or ``p`` outside (0, 100].
    """
    arr = np.asarray(values, dtype=float)
    arr = np.sort(arr[~np.isnan(arr)])
    if arr.size == 0:
        raise ValueError("percentil av en tom mängd")
    if not 0 < p <= 100:
        raise ValueError(f"percentilen måste ligga i (0, 100], fick {p}")
    rank = math.ceil(Fraction(str(p)) * arr.size / 100)
    return float(arr[max(rank, 1) - 1])


def normalize_0_100(
    values: pd.Series,
    higher_is_better: bool = True,
    low: float = LOW_PERCENTILE,
    high: float = HIGH_PERCENTILE,
) -> pd.Series:
    """Scale ``values`` to 0-100, 100 = best; NaN stays NaN.

    The cut points are nearest-rank percentiles of the non-missing values. With
    ``higher_is_better=False`` (costs) the scale is turned so the lowest values
    get 100. If the two cut points coincide, values below get 0, above get 100
    and values equal to them get 50.
    """
    s = pd.Series(values, dtype=float)
    out = pd.Series(np.nan, index=s.index, dtype=float)
    present = s.dropna()
    if present.empty:
        return out
    lo = nearest_rank(present.to_numpy(), low)
    hi = nearest_rank(present.to_numpy(), high)
    if hi > lo:
        scaled = ((present - lo) / (hi - lo) * 100.0).clip(0.0, 100.0)
    else:
        scaled = pd.Series(
            np.where(present < lo, 0.0, np.where(present > hi, 100.0, 50.0)), index=present.index
        )
    if not higher_is_better:
        scaled = 100.0 - scaled
    out.loc[scaled.index] = scaled
    return out


def cut_points(values: pd.Series, low: float = LOW_PERCENTILE, high: float = HIGH_PERCENTILE) -> tuple[float, float]:
    """The (low, high) nearest-rank cut points used by :func:`normalize_0_100`."""
    arr = pd.Series(values, dtype=float).dropna().to_numpy()
    return nearest_rank(arr, low), nearest_rank(arr, high)
