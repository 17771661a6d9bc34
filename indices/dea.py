"""Input-oriented DEA, VRS and CRS, with super-efficiency and a smoothed bootstrap.

Methods:
* Envelopment form, input orientation: Charnes, Cooper & Rhodes (1978) for CRS,
  Banker, Charnes & Cooper (1984) for VRS, as written in Cooper, Seiford & Tone,
  *Data Envelopment Analysis*, 2nd ed. (2007), ch. 3-4. Solved per unit with
  ``scipy.optimize.linprog`` (HiGHS).
* Super-efficiency: Andersen & Petersen (1993), the unit left out of its own
  reference set (may be infeasible under VRS; then ``NaN``).
* Bootstrap: Simar & Wilson (1998), smoothed with a reflected normal kernel.

One estimator, small readers: :func:`dea` returns a frozen :class:`DeaResult`;
:func:`scores`, :func:`peers`, :func:`lambdas`, :func:`targets` and
:func:`super_efficiency` read it; :func:`bootstrap` (:mod:`indices.dea_bootstrap`, re-exported
here) returns a copy with the bootstrap filled in. The reference set (the units forming the frontier) is an
explicit argument.

Speed: with one input, every unit's score against a reference set comes from
one convex hull (:mod:`indices.frontier`). One Qhull call per bootstrap
replicate replaces one LP per unit and replicate; the LP path is the fallback
and the tests check that the two agree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import linprog
from scipy.spatial import QhullError

from .frontier import MAX_HULL_OUTPUTS, hull_scores

RTS = ("vrs", "crs")
_TOL = 1e-9
_MAX_HULL_OUTPUTS = MAX_HULL_OUTPUTS


@dataclass(frozen=True, eq=False)
class Bootstrap:
    """Simar-Wilson bootstrap summary per unit (arrays aligned with the units)."""

    reps: int
    seed: int | None
    alpha: float
    bandwidth: float
    bias: np.ndarray
    bias_corrected: np.ndarray
    ci_low: np.ndarray
    ci_high: np.ndarray


@dataclass(frozen=True, eq=False)
class DeaResult:
    """One DEA run. Arrays are read-only; ``reference`` indexes into ``units``."""

    units: tuple[str, ...]
    input_names: tuple[str, ...]
    output_names: tuple[str, ...]
    x: np.ndarray
    y: np.ndarray
    rts: str
    reference: tuple[int, ...]
    scores: np.ndarray
    lambdas: np.ndarray
    super_scores: np.ndarray
    bootstrap: Bootstrap | None = None

    def index(self, unit: str | int) -> int:
        """Position of a unit given its id (or an int position)."""
        if isinstance(unit, (int, np.integer)):
            return int(unit)
        try:
            return self.units.index(unit)
        except ValueError:
            raise KeyError(f"enheten {unit!r} finns inte i DEA-körningen") from None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rts": self.rts,
            "inputs": list(self.input_names),
            "outputs": list(self.output_names),
            "reference": [self.units[i] for i in self.reference],
            "units": {},
        }
        for i, u in enumerate(self.units):
            row: dict[str, Any] = {
                "score": _none_if_nan(self.scores[i]),
                "super_efficiency": _none_if_nan(self.super_scores[i]),
                "peers": [{"unit": p, "lambda": w} for p, w in peers(self, i)],
            }
            if self.bootstrap is not None:
                b = self.bootstrap
                row.update(bias_corrected=_none_if_nan(b.bias_corrected[i]), ci_low=_none_if_nan(b.ci_low[i]),
                           ci_high=_none_if_nan(b.ci_high[i]))
            out["units"][u] = row
        if self.bootstrap is not None:
            b = self.bootstrap
            out["bootstrap"] = {"reps": b.reps, "seed": b.seed, "alpha": b.alpha, "bandwidth": b.bandwidth}
        return out


def _none_if_nan(v: float) -> float | None:
    return None if np.isnan(v) else float(v)


def _as_matrix(a: Any, what: str) -> np.ndarray:
    arr = np.asarray(a, dtype=float)
    if arr.ndim == 1:
        arr = arr[:, None]
    if arr.ndim != 2 or arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(f"{what} måste vara en tabell med minst en rad och en kolumn")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{what} innehåller saknade eller oändliga värden")
    if np.any(arr <= 0):
        raise ValueError(f"{what} måste vara större än 0 för DEA")
    return arr


def _frozen(a: np.ndarray) -> np.ndarray:
    a = np.array(a, dtype=float, copy=True)
    a.setflags(write=False)
    return a


def _lp(x_ref: np.ndarray, y_ref: np.ndarray, x_o: np.ndarray, y_o: np.ndarray, rts: str) -> tuple[float, np.ndarray]:
    """min theta s.t. X'l <= theta x_o, Y'l >= y_o, l >= 0 (+ sum l = 1 for VRS)."""
    n_ref = x_ref.shape[0]
    c = np.zeros(n_ref + 1)
    c[0] = 1.0
    a_ub = np.vstack([
        np.hstack([-x_o[:, None], x_ref.T]),
        np.hstack([np.zeros((y_ref.shape[1], 1)), -y_ref.T]),
    ])
    b_ub = np.concatenate([np.zeros(x_ref.shape[1]), -y_o])
    a_eq = b_eq = None
    if rts == "vrs":
        a_eq = np.concatenate([[0.0], np.ones(n_ref)])[None, :]
        b_eq = np.array([1.0])
    res = linprog(c, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq,
                  bounds=[(None, None)] + [(0, None)] * n_ref, method="highs")
    if res.status != 0:
        return np.nan, np.full(n_ref, np.nan)
    lam = np.where(res.x[1:] > _TOL, res.x[1:], 0.0)
    return float(res.x[0]), lam


def _check_rts(rts: str) -> str:
    key = str(rts).lower()
    if key not in RTS:
        raise ValueError(f"Okänd skalavkastning {rts!r}. Välj vrs eller crs.")
    return key


def dea(
    x: Any,
    y: Any,
    *,
    rts: str = "vrs",
    reference: Sequence[int] | None = None,
    units: Sequence[str] | None = None,
    input_names: Sequence[str] | None = None,
    output_names: Sequence[str] | None = None,
    super_efficiency: bool = True,
) -> DeaResult:
    """Input-oriented DEA scores, peer weights and super-efficiency.

    ``x`` (n x k inputs) and ``y`` (n x m outputs) must be finite and > 0.
    ``reference`` lists the row positions that span the frontier (default: all).
    Scores of units inside the reference set lie in (0, 1]. Raises ``ValueError``.
    """
    xm, ym = _as_matrix(x, "insatserna"), _as_matrix(y, "resultaten")
    n = xm.shape[0]
    if ym.shape[0] != n:
        raise ValueError("insatser och resultat måste ha lika många rader")
    rts = _check_rts(rts)
    ref = tuple(range(n)) if reference is None else tuple(int(i) for i in reference)
    if not ref or min(ref) < 0 or max(ref) >= n:
        raise ValueError("referensmängden måste vara rader i tabellen")
    ids = tuple(str(u) for u in units) if units is not None else tuple(str(i) for i in range(n))
    if len(ids) != n or len(set(ids)) != n:
        raise ValueError("enhetsnamnen måste vara unika, ett per rad")
    scores_, lam, sup = _solve_all(xm, ym, ref, rts, super_efficiency)
    return DeaResult(
        units=ids,
        input_names=tuple(input_names or (f"x{i + 1}" for i in range(xm.shape[1]))),
        output_names=tuple(output_names or (f"y{i + 1}" for i in range(ym.shape[1]))),
        x=_frozen(xm), y=_frozen(ym), rts=rts, reference=ref,
        scores=_frozen(scores_), lambdas=_frozen(lam), super_scores=_frozen(sup),
    )


def _solve_all(
    xm: np.ndarray, ym: np.ndarray, ref: tuple[int, ...], rts: str, with_super: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Scores, lambdas and super-efficiency for every unit.

    Units with positive weight in an optimal solution are themselves efficient
    (Cooper, Seiford & Tone 2007, ch. 3), so each unit's LP is first solved over
    the efficient reference units only; if that LP's optimum differs from the
    full-reference score (one input: the hull, else a full LP) the full LP is used.
    Super-efficiency of an inefficient unit equals its score, so only efficient
    units need the leave-one-out LP.
    """
    n = xm.shape[0]
    ref_list = list(ref)
    x_ref, y_ref = xm[ref_list], ym[ref_list]
    full = None
    if xm.shape[1] == 1 and ym.shape[1] <= _MAX_HULL_OUTPUTS:
        try:
            full = hull_scores(x_ref[:, 0], y_ref, xm[:, 0], ym, rts)
        except (QhullError, ValueError):
            full = None
    scores_ = np.empty(n)
    lam = np.zeros((n, len(ref)))
    in_ref = np.zeros(n, dtype=bool)
    in_ref[ref_list] = True
    if full is not None:
        ref_scores = full[ref_list]
        cand = np.flatnonzero(ref_scores >= 1 - 1e-6)
    for o in range(n):
        if full is not None:
            theta, sub = _lp(x_ref[cand], y_ref[cand], xm[o], ym[o], rts)
            if np.isfinite(theta) and abs(theta - full[o]) <= 1e-7 * max(1.0, abs(full[o])):
                scores_[o] = theta
                lam[o, cand] = sub
                continue
        scores_[o], lam[o] = _lp(x_ref, y_ref, xm[o], ym[o], rts)
    scores_[in_ref] = np.minimum(scores_[in_ref], 1.0)
    sup = np.full(n, np.nan)
    if with_super:
        for o in range(n):
            if in_ref[o] and scores_[o] < 1 - 1e-6:
                sup[o] = scores_[o]
                continue
            keep = [j for j in ref_list if j != o]
            if keep:
                sup[o], _ = _lp(xm[keep], ym[keep], xm[o], ym[o], rts)
    return scores_, lam, sup


# --- readers -----------------------------------------------------------------

def scores(result: DeaResult) -> dict[str, float]:
    """Efficiency score per unit."""
    return {u: float(s) for u, s in zip(result.units, result.scores)}


def efficient_units(result: DeaResult, tol: float = 1e-6) -> list[str]:
    """Units with score 1 (within ``tol``)."""
    return [u for u, s in zip(result.units, result.scores) if s >= 1 - tol]


def peers(result: DeaResult, unit: str | int) -> list[tuple[str, float]]:
    """The unit's peers and their lambda weights, largest weight first."""
    row = result.lambdas[result.index(unit)]
    out = [(result.units[result.reference[j]], float(w)) for j, w in enumerate(row) if w > _TOL]
    return sorted(out, key=lambda t: -t[1])


def lambdas(result: DeaResult) -> dict[str, dict[str, float]]:
    """All nonzero lambda weights: {unit: {peer: weight}}."""
    return {u: dict(peers(result, i)) for i, u in enumerate(result.units)}


def targets(result: DeaResult, unit: str | int) -> dict[str, dict[str, dict[str, float]]]:
    """Actual and target (peer combination) values of each input and output.

    Target = sum over peers of lambda x their values; for inputs this is at most
    score x actual, lower still where there is slack.
    """
    i = result.index(unit)
    lam = result.lambdas[i]
    ref = list(result.reference)
    tx, ty = lam @ result.x[ref], lam @ result.y[ref]
    return {
        "inputs": {n: {"actual": float(result.x[i, k]), "target": float(tx[k])}
                   for k, n in enumerate(result.input_names)},
        "outputs": {n: {"actual": float(result.y[i, r]), "target": float(ty[r])}
                    for r, n in enumerate(result.output_names)},
    }


def super_efficiency(result: DeaResult) -> dict[str, float | None]:
    """Andersen-Petersen super-efficiency per unit (``None`` if infeasible)."""
    return {u: _none_if_nan(s) for u, s in zip(result.units, result.super_scores)}


from .dea_bootstrap import bootstrap, silverman_bandwidth  # noqa: E402  (needs the estimator above)
