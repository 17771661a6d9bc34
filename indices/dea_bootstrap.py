"""The Simar-Wilson (1998) smoothed bootstrap for :func:`indices.dea.dea` results.

:func:`bootstrap` returns a copy of a :class:`~indices.dea.DeaResult` with its
:class:`~indices.dea.Bootstrap` filled in (bias-corrected scores and a confidence
interval per unit); :func:`silverman_bandwidth` is the kernel bandwidth it uses. With one
input every replicate is scored from one convex hull (:mod:`indices.frontier`), else by
the envelopment LP of :mod:`indices.dea`.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from scipy.spatial import QhullError

from .dea import _MAX_HULL_OUTPUTS, Bootstrap, DeaResult, _frozen, _lp
from .frontier import covered, hull_scores

__all__ = ["bootstrap", "silverman_bandwidth"]


def _replicate_scores(
    x_ref: np.ndarray, y_ref: np.ndarray, x_eval: np.ndarray, y_eval: np.ndarray, rts: str,
    reachable: np.ndarray | None = None,
) -> np.ndarray:
    if x_ref.shape[1] == 1 and y_ref.shape[1] <= _MAX_HULL_OUTPUTS:
        try:
            return hull_scores(x_ref[:, 0], y_ref, x_eval[:, 0], y_eval, rts, reachable)
        except (QhullError, ValueError):
            pass
    return np.array([_lp(x_ref, y_ref, x_eval[o], y_eval[o], rts)[0] for o in range(x_eval.shape[0])])


def silverman_bandwidth(theta: np.ndarray) -> float:
    """Normal-reference bandwidth from the reflected sample {theta, 2 - theta}.

    1.06 * min(sd, IQR/1.34) * n**(-1/5), with sd and IQR of the reflected
    sample and n the number of units (Simar & Wilson 1998, sect. 4).
    """
    refl = np.concatenate([theta, 2.0 - theta])
    sd = refl.std(ddof=1)
    q75, q25 = np.percentile(refl, [75, 25])
    spread = min(sd, (q75 - q25) / 1.34) if q75 > q25 else sd
    return float(1.06 * spread * len(theta) ** (-0.2))


def bootstrap(
    result: DeaResult,
    reps: int = 1000,
    seed: int | None = None,
    alpha: float = 0.05,
    bandwidth: float | None = None,
) -> DeaResult:
    """Simar-Wilson (1998) smoothed bootstrap; returns a copy with ``bootstrap`` set.

    For each replicate: draw the reference units' scores with replacement, add
    h x N(0,1) noise with variance correction, reflect values above 1, build
    pseudo inputs theta_hat/theta* x x on the estimated frontier, and score every
    unit against them. As Simar and Wilson, bias and interval are computed on the
    Shephard distance delta = 1/theta: delta_bc = 2 delta_hat - mean(delta*), the
    (1 - alpha) interval for delta is delta_hat minus the upper and lower
    quantiles of delta* - delta_hat, and both are turned back into theta
    (``bias`` = theta_hat - theta_bc). The bounds stay in (0, theta_hat].
    Seedable; raises ``ValueError``.
    """
    if reps < 1:
        raise ValueError("antalet replikat måste vara minst 1")
    if not 0 < alpha < 1:
        raise ValueError("alpha måste ligga mellan 0 och 1")
    rng = np.random.default_rng(seed)
    ref = list(result.reference)
    theta = result.scores[ref]
    h = silverman_bandwidth(theta) if bandwidth is None else float(bandwidth)
    var = theta.var(ddof=1) if len(theta) > 1 else 0.0
    scale = 1.0 / np.sqrt(1.0 + h * h / var) if var > 0 else 1.0
    n_ref = len(ref)
    draws = theta[rng.integers(0, n_ref, size=(reps, n_ref))]
    noise = rng.standard_normal((reps, n_ref))
    mean = draws.mean(axis=1, keepdims=True)
    star = mean + scale * (draws + h * noise - mean)
    star = np.where(star > 1.0, 2.0 - star, star)
    star = np.clip(star, 1e-6, 1.0)
    frontier_x = result.x[ref] * theta[:, None]
    y_ref = result.y[ref]
    reachable = None
    if result.rts == "vrs":  # outputs are the same in every replicate: check reachability once
        try:
            reachable = covered(y_ref, result.y)
        except (QhullError, ValueError):
            reachable = None
    boot = np.empty((reps, len(result.units)))
    for b in range(reps):
        x_star = frontier_x / star[b][:, None]
        boot[b] = _replicate_scores(x_star, y_ref, result.x, result.y, result.rts, reachable)
    # Bias and interval on the Shephard distance delta = 1/theta (Simar & Wilson 1998, 2000), which
    # keeps the bounds inside (0, theta_hat] also for units far from the frontier.
    with np.errstate(divide="ignore", invalid="ignore"):
        d_hat = 1.0 / result.scores
        diff = 1.0 / boot - d_hat[None, :]
        d_bc = d_hat - diff.mean(axis=0)
        lo_q, hi_q = np.quantile(diff, [alpha / 2, 1 - alpha / 2], axis=0)
        theta_bc = 1.0 / d_bc
        summary = Bootstrap(
            reps=int(reps), seed=seed, alpha=float(alpha), bandwidth=h,
            bias=_frozen(result.scores - theta_bc), bias_corrected=_frozen(theta_bc),
            ci_low=_frozen(1.0 / (d_hat - lo_q)), ci_high=_frozen(1.0 / (d_hat - hi_q)),
        )
    return dataclasses.replace(result, bootstrap=summary)
