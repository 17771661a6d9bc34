"""Fast input-oriented DEA scores for one input, from a convex hull.

With a single input x and outputs y, a unit's VRS score against a reference set
is C(y)/x, where C is the lower boundary of the convex hull of the reference
points (y, x) with free disposal; under CRS it is 1/phi, where phi is how far
the unit's outputs per unit of input, y/x, can be scaled before leaving the hull
of the reference units' y/x. Free disposal is added as extra corner points (see
:func:`_corners`). This is the same linear programme as in :mod:`indices.dea`
(Banker, Charnes & Cooper 1984; Cooper, Seiford & Tone 2007, ch. 4), solved
geometrically: one Qhull call scores every unit at once.
"""

from __future__ import annotations

import itertools

import numpy as np
from scipy.spatial import ConvexHull, QhullError

MAX_HULL_OUTPUTS = 3


def _corners(points: np.ndarray, floor: np.ndarray) -> np.ndarray:
    """Every point with each subset of its first ``len(floor)`` coordinates lowered to ``floor``.

    Adding these makes the convex hull equal to the free-disposal technology
    inside the box [floor, max]: a lowered corner of a convex combination is the
    same combination of the lowered corners. Further columns (the input) are kept.
    """
    m = len(floor)
    out = []
    for mask in itertools.product((False, True), repeat=m):
        p = points.copy()
        for r in range(m):
            if mask[r]:
                p[:, r] = floor[r]
        out.append(p)
    return np.vstack(out)


def hull_scores(
    x_ref: np.ndarray, y_ref: np.ndarray, x_eval: np.ndarray, y_eval: np.ndarray, rts: str,
    reachable: np.ndarray | None = None,
) -> np.ndarray:
    """Scores of (x_eval, y_eval) against the reference points, one input only.

    VRS: theta = C(y)/x with C the lower boundary of the hull of (y, x), i.e.
    the largest of the lower facets' affine functions. CRS: with z = y/x,
    theta = 1/phi where phi is the largest expansion of z that stays in the
    hull of the reference z's. Units whose outputs no combination of reference
    units reaches get NaN under VRS (``reachable`` may pass that mask in when
    the outputs do not change between calls). Raises ``QhullError`` on
    degenerate data (the caller then falls back to LPs).
    """
    x_ref = np.asarray(x_ref, dtype=float).ravel()
    x_eval = np.asarray(x_eval, dtype=float).ravel()
    m = y_ref.shape[1]
    if rts == "crs":
        z_ref = y_ref / x_ref[:, None]
        z_eval = y_eval / x_eval[:, None]
        if m == 1:
            return z_eval[:, 0] / z_ref[:, 0].max()
        hull = ConvexHull(_corners(z_ref, np.zeros(m)))
        a, b = hull.equations[:, :m], -hull.equations[:, m]
        proj = z_eval @ a.T
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(proj > 1e-12, b / proj, np.inf)
        return 1.0 / ratio.min(axis=1)
    # Outputs below every reference unit's bind no constraint: lift them to the minimum.
    y_eval = np.maximum(y_eval, y_ref.min(axis=0))
    floor = y_ref.min(axis=0) - 1.0
    hull = ConvexHull(_corners(np.hstack([y_ref, x_ref[:, None]]), floor))
    eq = hull.equations
    lower = eq[eq[:, m] < -1e-12]
    if lower.size == 0:
        raise QhullError("ingen nedre rand")
    a, ax, off = lower[:, :m], lower[:, m], lower[:, m + 1]
    c = (-(y_eval @ a.T + off) / ax).max(axis=1)
    mask = covered(y_ref, y_eval) if reachable is None else reachable
    return np.where(mask, c / x_eval, np.nan)


def covered(y_ref: np.ndarray, y_eval: np.ndarray) -> np.ndarray:
    """Whether some convex combination of the reference outputs reaches each row
    of ``y_eval`` (otherwise the VRS problem is infeasible). Raises ``QhullError``
    on a flat output set."""
    top = y_ref.max(axis=0)
    scale = np.maximum(np.abs(top), 1.0)
    inside = np.all(y_eval <= top + 1e-9 * scale, axis=1)
    m = y_ref.shape[1]
    if m == 1 or not inside.any():
        return inside
    floor = y_ref.min(axis=0) - 1.0
    eq = ConvexHull(_corners(y_ref, floor)).equations
    lifted = np.maximum(y_eval, floor)
    slack = lifted @ eq[:, :m].T + eq[:, m]
    return inside & np.all(slack <= 1e-9 * float(scale.max()), axis=1)
