"""DEA: textbook and hand-worked known answers, properties, and the bootstrap."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from indices import dea as D
from indices.frontier import hull_scores

pytestmark = pytest.mark.unit

# Cooper, Seiford & Tone, Data Envelopment Analysis (2nd ed., Springer 2007), Table 1.1:
# eight stores A-H, one input (employees) and one output (sales).
CST_X = [2, 3, 3, 4, 5, 5, 6, 8]
CST_Y = [1, 3, 2, 3, 4, 2, 3, 5]
CST_UNITS = list("ABCDEFGH")


def test_cst_table_1_1_crs() -> None:
    # CRS with one input and one output: score = (y/x) / max(y/x); B has the best
    # ratio 1, so the scores are the book's sales per employee divided by 1.
    r = D.dea(CST_X, CST_Y, rts="crs", units=CST_UNITS)
    assert D.scores(r) == pytest.approx(dict(zip(CST_UNITS, [0.5, 1, 2 / 3, 0.75, 0.8, 0.4, 0.5, 0.625])))
    assert D.efficient_units(r) == ["B"]
    # C (3, 2): 2/3 of B gives output 2 with input 2 = 2/3 * 3
    assert D.peers(r, "C") == [("B", pytest.approx(2 / 3))]
    # Super-efficiency of B: best other ratio is E's 4/5, so 1 / 0.8 = 1.25
    assert D.super_efficiency(r)["B"] == pytest.approx(1.25)


def test_cst_table_1_1_vrs_by_hand() -> None:
    # VRS frontier (input as a function of output): A(1 -> 2), B(3 -> 3), E(4 -> 5),
    # H(5 -> 8), slopes 0.5, 2, 3 rising, so all four are efficient.
    # C (x 3, y 2): on A-B at y = 2, x = 2 + 0.5 * 1 = 2.5, score 2.5/3, peers A and B half each.
    # D (4, 3) and G (6, 3): B gives y = 3 with x = 3: 3/4 and 3/6.
    # F (5, 2): 2.5/5.
    r = D.dea(CST_X, CST_Y, rts="vrs", units=CST_UNITS)
    assert D.scores(r) == pytest.approx(dict(zip(CST_UNITS, [1, 1, 2.5 / 3, 0.75, 1, 0.5, 0.5, 1])))
    assert dict(D.peers(r, "C")) == pytest.approx({"A": 0.5, "B": 0.5})
    assert D.peers(r, "G") == [("B", pytest.approx(1.0))]
    t = D.targets(r, "C")
    assert t["inputs"]["x1"] == {"actual": 3.0, "target": pytest.approx(2.5)}
    assert t["outputs"]["y1"]["target"] == pytest.approx(2.0)
    sup = D.super_efficiency(r)
    # A without A: cheapest with y >= 1 is B or C at x = 3 -> 3/2.
    # E without E: on B-H at y = 4, x = 3 + 5 * (1/2) = 5.5 -> 5.5/5.
    # H: nobody else reaches y = 5 -> infeasible.
    assert sup["A"] == pytest.approx(1.5) and sup["E"] == pytest.approx(1.1) and sup["H"] is None
    assert sup["C"] == pytest.approx(2.5 / 3)


# A five-kommun table, one input and two outputs, worked by hand.
#        x   y1  y2    y/x
# A      2   4   2     (2, 1)
# B      1   1   2     (1, 2)
# C      4   4   4     (1, 1)
# D      2   1   1     (0.5, 0.5)
# E      2   2   0.5   (1, 0.25)
FIVE_X = [2, 1, 4, 2, 2]
FIVE_Y = [[4, 2], [1, 2], [4, 4], [1, 1], [2, 0.5]]
FIVE = list("ABCDE")


def test_five_units_crs_by_hand() -> None:
    # CRS, one input: compare outputs per unit of input. The frontier in (y1/x, y2/x)
    # is the segment A(2,1)-B(1,2) (z1 + z2 = 3) plus free disposal.
    # C (1,1): scaled by 1.5 it reaches (1.5,1.5) on the segment -> 1/1.5 = 2/3;
    #   weights: 4a + b = 4, 2a + 2b = 4 -> a = 2/3, b = 4/3.
    # D (0.5,0.5): factor 3 -> 1/3; 4a + b = 1, 2a + 2b = 1 -> a = 1/6, b = 1/3.
    # E (1,0.25): hits z1 = 2 (A's column) at factor 2 -> 1/2, peer A with weight 1/2.
    r = D.dea(FIVE_X, FIVE_Y, rts="crs", units=FIVE)
    assert D.scores(r) == pytest.approx({"A": 1, "B": 1, "C": 2 / 3, "D": 1 / 3, "E": 0.5})
    assert dict(D.peers(r, "C")) == pytest.approx({"A": 2 / 3, "B": 4 / 3})
    assert dict(D.peers(r, "D")) == pytest.approx({"A": 1 / 6, "B": 1 / 3})
    assert dict(D.peers(r, "E")) == pytest.approx({"A": 0.5})
    # Super-efficiency: without A the best z1 is 1 -> A needs factor 1/2 -> 2;
    # without B the best z2 is 1 -> 2.
    assert D.super_efficiency(r)["A"] == pytest.approx(2) and D.super_efficiency(r)["B"] == pytest.approx(2)


def test_five_units_vrs_by_hand() -> None:
    # VRS: C is the only unit with y2 >= 4 -> efficient. A is the cheapest with y1 >= 4
    # -> efficient. B has the lowest input -> efficient.
    # D (1,1): B alone covers it with x = 1 -> 1/2.
    # E (2,0.5): t A + (1-t) B has y1 = 1 + 3t >= 2 -> t >= 1/3, x = 1 + t -> 4/3 -> 2/3.
    r = D.dea(FIVE_X, FIVE_Y, rts="vrs", units=FIVE)
    assert D.scores(r) == pytest.approx({"A": 1, "B": 1, "C": 1, "D": 0.5, "E": 2 / 3})
    assert D.peers(r, "D") == [("B", pytest.approx(1.0))]
    assert dict(D.peers(r, "E")) == pytest.approx({"A": 1 / 3, "B": 2 / 3})
    sup = D.super_efficiency(r)
    # Without C nobody reaches y2 = 4 -> infeasible; without A only C reaches y1 = 4
    # -> 4/2; without B, A is the cheapest with y2 >= 2 -> 2/1.
    assert sup["C"] is None and sup["A"] == pytest.approx(2) and sup["B"] == pytest.approx(2)


def test_reference_set_is_an_argument() -> None:
    # Frontier spanned by C, D, E only (CST data): their ratios are 2/3, 3/4 and 4/5,
    # so E (0.8) is the best; C scores (2/3)/0.8 = 5/6, and B (ratio 1), outside
    # the reference set, scores 1/0.8 = 1.25, above 1.
    r = D.dea(CST_X, CST_Y, rts="crs", units=CST_UNITS, reference=[2, 3, 4])
    assert r.scores[4] == pytest.approx(1.0)
    assert r.scores[2] == pytest.approx(5 / 6)
    assert r.scores[1] == pytest.approx(1.25)
    assert [p for p, _ in D.peers(r, "A")] == ["E"]


@pytest.mark.parametrize(
    ("x", "y"),
    [([1, 2], [[1], [2], [3]]), ([0, 1], [1, 1]), ([1, np.nan], [1, 1]), ([[]], [[]]), ([1, 2], [1, -1])],
)
def test_bad_input(x, y) -> None:
    with pytest.raises(ValueError):
        D.dea(x, y)


def test_bad_options() -> None:
    with pytest.raises(ValueError):
        D.dea(CST_X, CST_Y, rts="drs")
    with pytest.raises(ValueError):
        D.dea(CST_X, CST_Y, reference=[99])
    r = D.dea(CST_X, CST_Y)
    with pytest.raises(ValueError):
        D.bootstrap(r, reps=0)
    with pytest.raises(KeyError):
        D.peers(r, "Z")


def test_result_is_frozen() -> None:
    r = D.dea(CST_X, CST_Y)
    with pytest.raises(AttributeError):
        r.rts = "crs"  # type: ignore[misc]
    with pytest.raises(ValueError):
        r.scores[0] = 0.1


# --- properties -------------------------------------------------------------------

def _data(max_inputs: int):
    @st.composite
    def build(draw):
        n = draw(st.integers(min_value=2, max_value=18))
        k = draw(st.integers(min_value=1, max_value=max_inputs))
        m = draw(st.integers(min_value=1, max_value=2))
        vals = st.floats(min_value=1.0, max_value=100.0, allow_nan=False)
        x = draw(arrays(float, (n, k), elements=vals))
        y = draw(arrays(float, (n, m), elements=vals))
        return x, y
    return build()


@given(_data(2), st.sampled_from(["vrs", "crs"]))
@settings(max_examples=40, deadline=None)
def test_scores_in_unit_interval_with_an_efficient_unit(data, rts) -> None:
    x, y = data
    r = D.dea(x, y, rts=rts, super_efficiency=False)
    assert np.all(r.scores > 0) and np.all(r.scores <= 1 + 1e-12)
    assert r.scores.max() >= 1 - 1e-9


@given(_data(2), st.sampled_from(["vrs", "crs"]), st.floats(min_value=0.01, max_value=100))
@settings(max_examples=30, deadline=None)
def test_invariant_to_rescaling_an_input(data, rts, factor) -> None:
    x, y = data
    x2 = x.copy()
    x2[:, 0] *= factor
    a = D.dea(x, y, rts=rts, super_efficiency=False).scores
    b = D.dea(x2, y, rts=rts, super_efficiency=False).scores
    assert np.allclose(a, b, atol=1e-7)


@given(_data(2), st.sampled_from(["vrs", "crs"]), st.randoms(use_true_random=False))
@settings(max_examples=30, deadline=None)
def test_invariant_to_row_order(data, rts, rnd) -> None:
    x, y = data
    order = list(range(len(x)))
    rnd.shuffle(order)
    a = D.dea(x, y, rts=rts, super_efficiency=False).scores
    b = D.dea(x[order], y[order], rts=rts, super_efficiency=False).scores
    assert np.allclose(a[order], b, atol=1e-7)


@given(_data(1), st.sampled_from(["vrs", "crs"]))
@settings(max_examples=40, deadline=None)
def test_fast_hull_scores_equal_the_lps(data, rts) -> None:
    x, y = data
    lp = np.array([D._lp(x, y, x[o], y[o], rts)[0] for o in range(len(x))])
    try:
        fast = hull_scores(x[:, 0], y, x[:, 0], y, rts)
    except Exception:  # degenerate input: the code falls back to the LPs
        return
    assert np.allclose(fast, lp, atol=1e-7)
    # evaluation points outside the reference set too (as in the bootstrap)
    x_out = x * 1.3
    lp_out = np.array([D._lp(x_out, y, x[o], y[o], rts)[0] for o in range(len(x))])
    assert np.allclose(hull_scores(x_out[:, 0], y, x[:, 0], y, rts), lp_out, atol=1e-7)


@given(_data(1), st.sampled_from(["vrs", "crs"]), st.data())
@settings(max_examples=40, deadline=None)
def test_fast_scores_against_a_reference_subset(data, rts, pick) -> None:
    # Units outside the reference set may be unreachable under VRS (LP infeasible):
    # the fast path must say NaN exactly where the LP does.
    x, y = data
    ref = sorted(pick.draw(st.sets(st.integers(0, len(x) - 1), min_size=1, max_size=len(x))))
    lp = np.array([D._lp(x[ref], y[ref], x[o], y[o], rts)[0] for o in range(len(x))])
    try:
        fast = hull_scores(x[ref, 0], y[ref], x[:, 0], y, rts)
    except Exception:
        return
    assert np.array_equal(np.isnan(fast), np.isnan(lp))
    assert np.allclose(fast[~np.isnan(lp)], lp[~np.isnan(lp)], atol=1e-7)


def test_unreachable_unit_outside_the_reference_set() -> None:
    # Reference A-G of the CST data; H (8, 5) produces more than any of them: VRS infeasible.
    r = D.dea(CST_X, CST_Y, rts="vrs", units=CST_UNITS, reference=range(7))
    assert np.isnan(r.scores[7]) and r.to_dict()["units"]["H"]["score"] is None
    b = D.bootstrap(r, reps=20, seed=1)
    assert np.isnan(b.bootstrap.ci_low[7]) and not np.isnan(b.bootstrap.ci_low[:7]).any()


# --- bootstrap ---------------------------------------------------------------------

def test_silverman_bandwidth_by_hand() -> None:
    # theta = (0.5, 1): reflected sample 0.5, 1, 1.5, 1; sd = sqrt(0.5/3) = 0.40825;
    # quartiles (linear) 0.875 and 1.125, IQR/1.34 = 0.18657 < sd;
    # h = 1.06 * 0.18657 * 2**(-1/5) = 0.17216
    assert D.silverman_bandwidth(np.array([0.5, 1.0])) == pytest.approx(1.06 * (0.25 / 1.34) * 2 ** -0.2)
    assert D.silverman_bandwidth(np.array([0.5, 1.0])) == pytest.approx(0.17216, abs=1e-5)


@pytest.fixture(scope="module")
def synthetic():
    rng = np.random.default_rng(7)
    n = 120
    y = rng.uniform(150, 280, (n, 2))
    x = (y.sum(axis=1) / 4) / rng.uniform(0.55, 1.0, n)  # inefficiency up to 45 %
    return x[:, None], y


def test_bootstrap_is_seedable_and_sane(synthetic) -> None:
    x, y = synthetic
    r = D.dea(x, y)
    a = D.bootstrap(r, reps=200, seed=11)
    b = D.bootstrap(r, reps=200, seed=11)
    c = D.bootstrap(r, reps=200, seed=12)
    assert np.array_equal(a.bootstrap.ci_low, b.bootstrap.ci_low)
    assert not np.array_equal(a.bootstrap.ci_low, c.bootstrap.ci_low)
    bs = a.bootstrap
    assert bs.reps == 200 and bs.bandwidth > 0
    assert np.all(bs.ci_low <= bs.ci_high)
    # the pseudo-frontier lies behind the estimated one, so scores are biased upwards
    # on average and the bias-corrected scores are lower on average
    assert bs.bias.mean() > 0 and bs.bias_corrected.mean() < r.scores.mean()
    assert np.all(bs.ci_low <= r.scores + 1e-12)
    assert a.scores is r.scores  # the point estimates are untouched
    d = a.to_dict()
    assert d["bootstrap"]["reps"] == 200 and "ci_low" in d["units"]["0"]


def test_bootstrap_hull_and_lp_paths_agree(synthetic, monkeypatch) -> None:
    x, y = synthetic
    r = D.dea(x[:40], y[:40])
    fast = D.bootstrap(r, reps=5, seed=3)
    monkeypatch.setattr(D, "_MAX_HULL_OUTPUTS", 0)  # force the LP fallback
    slow = D.bootstrap(r, reps=5, seed=3)
    assert np.allclose(fast.bootstrap.bias, slow.bootstrap.bias, atol=1e-7)
    assert np.allclose(fast.bootstrap.ci_low, slow.bootstrap.ci_low, atol=1e-7)
