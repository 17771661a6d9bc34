"""Known answers for the readers every document shows: medians, placements, DEA reduction,
trend change against Riket and the best savings scenario."""

from __future__ import annotations

from statistics import median

import pandas as pd
import pytest

from indices import summaries
from indices.compare import Trend, TrendPoint
from indices.costs import Savings, SavingsScenario, saving_mnkr
from indices.kommuner import Kommun
from indices.peers import PeerGroup
from indices.provenance import EGNA_BERAKNINGAR, KALLA_KOLADA, figure

pytestmark = pytest.mark.unit


def fig(value, unit="%", kpis=("X",), year=2022, source=KALLA_KOLADA):
    return figure(value, unit=unit, kpis=kpis, year=year, source=source)


def test_peer_median_skips_missing_and_counts_those_with_a_value():
    values = pd.Series({"a": 1.0, "b": None, "c": 4.0, "d": 10.0, "e": 2.0})
    assert summaries.peer_median(values, ["a", "b", "c", "e"]) == (2.0, 3)  # median of 1, 2, 4
    assert summaries.peer_median(values, ["b", "zz"]) == (None, 0)


def test_placement_names_those_without_a_value():
    values = {"k": 60.0, "p1": 80.0, "p2": None, "p3": 60.0, "p4": 40.0, "p5": None}
    members = [("p1", "Ett"), ("p2", "Två"), ("p3", "Tre"), ("p4", "Fyra"), ("p5", "Fem")]
    p = summaries.placement(values, "k", members, "Kommunen")
    # 80 first; 60 and 60 share rank 2; 40 fourth: four with data of six.
    assert (p.rank, p.with_data, p.group_size, p.missing) == (2, 4, 6, ("Två", "Fem"))
    low_is_good = summaries.placement(values, "k", members, "Kommunen", direction=-1)
    assert low_is_good.rank == 2  # 40 first, then the two 60s
    none = summaries.placement({"p1": 1.0}, "k", [("p1", "Ett")], "Kommunen")
    assert none.rank is None and not none.kommun_has_value and none.missing == ("Kommunen",)


def test_cost_reduction_is_one_minus_the_score():
    assert summaries.cost_reduction(fig(0.66, unit="effektivitet 0-1")).value == pytest.approx(34.0)
    missing = summaries.cost_reduction(figure(None, unit="x", kpis=("N",), year=2022, source=EGNA_BERAKNINGAR,
                                              reason="N saknas"))
    assert missing.value is None and missing.reason == "N saknas"


def _dea(score, peers, kod="0001"):
    from indices.efficiency import DeaSummary

    f = fig(score, unit="effektivitet 0-1", source=EGNA_BERAKNINGAR)
    return DeaSummary(kommunkod=kod, kommun="K", area="aldreomsorg", year=2022, rts="vrs", inputs=("N20007",),
                      outputs=("U21468", "U23471"), score=f, bias_corrected=f, ci_low=f, ci_high=f,
                      super_efficiency=f, peers=tuple(peers), targets={}, n_units=3, reps=0,
                      seed=None)


def test_learn_from_weights_the_peers_by_lambda():
    from indices.efficiency import DeaPeer

    lf = summaries.learn_from(_dea(0.8, [DeaPeer("0002", "A", 0.75), DeaPeer("0003", "B", 0.25)]))
    assert not lf.on_frontier and lf.reduction.value == pytest.approx(20.0)
    assert [(n, round(w)) for _, n, w in lf.peers] == [("A", 75), ("B", 25)]
    assert lf.inputs == ("N20007",) and lf.outputs == ("U21468", "U23471")
    front = summaries.learn_from(_dea(1.0, [DeaPeer("0001", "K", 1.0)]))
    assert front.on_frontier and front.peers == () and front.reduction.value == 0.0


def _trend(values, riket, kpi="N15419"):
    k = Kommun(kod="0001", namn="K", lanskod="01", lan="L", kommungrupp=None, matched_by="kod")
    group = PeerGroup(kommun=k, kind="lista", label="x", members=())
    pts = tuple(TrendPoint(2018 + i, fig(v, kpis=(kpi,), year=2018 + i), fig(None, kpis=(kpi,), year=2018 + i),
                           fig(r, kpis=(kpi,), year=2018 + i)) for i, (v, r) in enumerate(zip(values, riket)))
    return Trend(kommunkod="0001", kommun="K", kpi=kpi, label="Andel", unit="%", peer_group=group, points=pts)


def test_trend_change_against_riket_from_the_first_year_with_a_value():
    ch = summaries.trend_change(_trend([None, 70.0, 72.0, 67.0], [75.0, 76.0, 74.0, 73.0]))
    assert (ch.first_year, ch.last_year) == (2019, 2021)
    assert ch.change.value == pytest.approx(-3.0)  # 67 − 70
    assert ch.riket_change.value == pytest.approx(-3.0)  # 73 − 76: same years as the kommun
    assert ch.better_than_riket is None and ch.unit == "%"
    better = summaries.trend_change(_trend([70.0, 75.0], [70.0, 71.0]))
    assert better.change.value == pytest.approx(5.0) and better.better_than_riket is True
    assert summaries.trend_change(_trend([70.0, None], [1.0, 2.0])) is None
    late_riket = summaries.trend_change(_trend([60.0, 70.0, 75.0], [None, 80.0, 82.0]))
    assert late_riket.first_year == 2018 and late_riket.change.value == pytest.approx(15.0)  # 75 − 60
    assert late_riket.riket_change.value is None and late_riket.better_than_riket is None  # Riket lacks 2018
    assert late_riket.change_pct.value == pytest.approx(25.0)  # 15 / 60
    zero = summaries.trend_change(_trend([0.0, 3.0], [1.0, 2.0]))
    assert zero.change.value == pytest.approx(3.0) and zero.change_pct.value is None and zero.change_pct.reason


def _scenario(sid, kronor):
    value = figure(kronor, unit="kr/år", kpis=("N15001", "N15045"), year=2022, source=EGNA_BERAKNINGAR,
                   reason="saknas")
    return SavingsScenario(sid, sid, fig(0.0), value, "", {})


def test_best_saving_is_the_largest_positive_one_in_mnkr():
    s = Savings("0001", "K", "grundskola", 2022, (_scenario("a", 5e6), _scenario("b", 12.5e6),
                                                   _scenario("c", None)), ())
    best = summaries.best_saving(s)
    assert best.id == "b" and saving_mnkr(best).value == pytest.approx(12.5)
    assert saving_mnkr(best).unit == "mnkr"
    none = Savings("0001", "K", "grundskola", 2022, (_scenario("a", -1e6),), ())
    assert summaries.best_saving(none) is None


def test_peer_medians_of_kpis_match_the_csv(kolada):
    import indices

    group = indices.peer_group("Växjö", "grundskola", data=kolada)
    got = summaries.peer_medians("grundskola", 2022, group.codes, ["N15008", "kvalitetsindex"], kolada)
    expected = median(v for c in group.codes if (v := kolada.value(c, "N15008", 2022)) is not None)
    assert got["N15008"].value == pytest.approx(expected) and got["N15008"].source == EGNA_BERAKNINGAR
    own = indices.rka("grundskola", 2022, data=kolada, include_all=True).values("kvalitetsindex")
    q = median(v for c in group.codes if (v := own.get(c)) is not None)
    assert got["kvalitetsindex"].value == pytest.approx(q)
