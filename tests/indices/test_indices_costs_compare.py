"""Cost, savings, peers, comparisons, trends and screening on the real snapshot.

Expected values are computed here from the raw Kolada values with the standard
library (statistics.median, sorted ranks), independently of the package code.
"""

from __future__ import annotations

import json
import math
import statistics

import pytest

from indices.areas import get_area
from indices.compare import compare, trend
from indices.rka import rka
from indices.screening import screen
from indices.costs import savings
from indices.peers import peer_group

pytestmark = pytest.mark.integration


def _sim(kolada, kod: str, area: str, snapshot: str) -> list[str]:
    s = kolada.similar
    rows = s[(s.snapshot_date == snapshot) & (s.area == area) & (s.ref_kommunkod == kod)]
    return [c for c in rows.member_kommunkod if c != kod]


def test_peer_groups(kolada) -> None:
    g = peer_group("Habo", "äldreomsorg", data=kolada)
    assert g.snapshot == "2026-03-23" and g.codes == _sim(kolada, "0643", "äldreomsorg", "2026-03-23")
    assert len(g.codes) == 7 and "0643" not in g.codes
    old = peer_group("Habo", "grundskola", snapshot="äldre", data=kolada)
    assert old.snapshot == "2024-03-21" and old.codes == _sim(kolada, "0643", "grundskola", "2024-03-21")
    grp = peer_group("Habo", kind="kommungrupp", data=kolada)
    assert set(grp.codes) == set(kolada.kommuner.index[kolada.kommuner.kommungrupp_2023_code == "B4"]) - {"0643"}
    lan = peer_group("Habo", kind="län", data=kolada)
    assert len(lan.codes) == 12 and all(c.startswith("06") for c in lan.codes)
    own = peer_group("Habo", members=["Håbo", "Vaxjo", "Habo"], data=kolada)
    assert own.codes == ["0305", "0780"]
    with pytest.raises(ValueError):
        peer_group("Habo", snapshot="1999", data=kolada)
    with pytest.raises(ValueError):
        peer_group("Habo", kind="grannar", data=kolada)


def test_savings_by_hand(kolada) -> None:
    s = savings("Göteborg", "grundskola", 2022, data=kolada)
    d = kolada.value("1480", "N15001", 2022)
    big_d = kolada.value("1480", "N15045", 2022)
    ref = big_d / (d / 100)
    by_id = {x.id: x for x in s.scenarios}
    assert by_id["referens"].value.value == pytest.approx(big_d * 1e6)
    peers = _sim(kolada, "1480", "grundskola", "2026-03-23")
    med = statistics.median(kolada.value(c, "N15001", 2022) for c in peers)
    b = by_id["liknande_median"]
    assert b.target_deviation.value == pytest.approx(med)
    assert b.value.value == pytest.approx(ref * (d - med) / 100 * 1e6)
    assert b.inputs["R"]["value"] == pytest.approx(ref)
    assert "R × (d − d*)" in b.formula
    # c: kommuner whose published U15401 >= Göteborg's; 25th percentile, nearest rank
    own_q = kolada.value("1480", "U15401", 2022)
    devs = sorted(
        kolada.value(c, "N15001", 2022) for c in kolada.codes
        if kolada.value(c, "U15401", 2022) is not None and kolada.value(c, "U15401", 2022) >= own_q
        and kolada.value(c, "N15001", 2022) is not None
    )
    target = devs[math.ceil(0.25 * len(devs)) - 1]
    c = by_id["basta_kvartil"]
    assert c.target_deviation.value == pytest.approx(target)
    assert c.value.value == pytest.approx(ref * (d - target) / 100 * 1e6)
    assert c.inputs["antal_kommuner_med_lika_bra_eller_battre_kvalitet"] == len(devs)
    json.dumps(s.to_dict())


def test_savings_below_reference_is_flagged_not_hidden(kolada) -> None:
    # Upplands Väsby's äldreomsorg cost deviation is negative in 2022.
    d = kolada.value("0114", "N20900", 2022)
    assert d < 0
    s = savings("0114", "aldreomsorg", 2022, data=kolada)
    ref = s.scenarios[0]
    assert ref.value.value == pytest.approx(kolada.value("0114", "N20029", 2022) * 1e6)
    assert ref.value.value < 0 and "redan" in ref.value.note


def test_compare_by_hand(kolada) -> None:
    c = compare("Göteborg", kpis=["N15008", "N15505"], year=2022, data=kolada)
    peers = _sim(kolada, "1480", "grundskola", "2026-03-23")
    for row in c.rows:
        own = kolada.value("1480", row.kpi, 2022)
        vals = [kolada.value(p, row.kpi, 2022) for p in peers]
        assert row.kommun.value == own
        assert row.peer_median.value == pytest.approx(statistics.median(vals))
        assert row.riket.value == kolada.value("0000", row.kpi, 2022)
        # best first; a cost has no better direction, so the highest comes first
        pool = sorted(vals + [own], reverse=row.direction >= 0)
        assert row.rank == pool.index(own) + 1 and row.of == 8
    assert c.rows[0].direction == 0 and c.rows[1].direction == 1
    json.dumps(c.to_dict())


def test_compare_missing_values_are_explicit(kolada) -> None:
    # Riket has no published RKA index
    c = compare("Habo", kpis=["U15900"], data=kolada)
    assert c.rows[0].riket.value is None and c.rows[0].riket.reason == "U15900 saknas i Kolada för 2022"


def test_compare_bad_input(kolada) -> None:
    with pytest.raises(ValueError, match="X99999"):
        compare("Habo", kpis=["X99999"], data=kolada)
    with pytest.raises(ValueError):
        compare("Habo", year=1999, data=kolada)


def test_trend(kolada) -> None:
    t = trend("Habo", "N20900", area="aldreomsorg", data=kolada)
    assert [p.year for p in t.points] == list(range(2010, 2023))
    peers = _sim(kolada, "0643", "äldreomsorg", "2026-03-23")
    for p in t.points:
        assert p.kommun.value == kolada.value("0643", "N20900", p.year)
        assert p.peer_median.value == pytest.approx(statistics.median(
            v for v in (kolada.value(c, "N20900", p.year) for c in peers) if v is not None))
        assert p.riket.value == kolada.value("0000", "N20900", p.year)
    t = trend("Habo", "U15900", years=[2014, 2016], data=kolada)
    assert t.points[0].kommun.value is None and t.points[0].kommun.reason == "U15900 saknas i Kolada för 2014"
    json.dumps(t.to_dict())


def _shown(kolada, area: str, year: int) -> dict[str, tuple[float | None, float | None, float | None]]:
    """(resurs, kvalitet, effektivitet) as shown: RKA's published value, else ours."""
    spec = get_area(area)
    own = rka(area, year, data=kolada, include_all=True)
    out = {}
    for c in kolada.codes:
        row = own.row(c)
        vals = []
        for kpi, kind in ((spec.published_resource, "resursindex"), (spec.published_quality, "kvalitetsindex"),
                          (spec.published_efficiency, "effektivitetsindex")):
            v = kolada.value(c, kpi, year)
            vals.append(v if v is not None else row.index(kind))
        out[c] = tuple(vals)
    return out


def test_screen_is_the_verdict_rule_low_cost_and_high_quality(kolada) -> None:
    got = screen("grundskola", 2022, data=kolada)
    shown = _shown(kolada, "grundskola", 2022)
    expected = {c for c, (r, q, _) in shown.items() if r is not None and q is not None and r >= 50 and q >= 50}
    assert {h.kommunkod for h in got.hits} == expected and expected
    assert got.n_considered == sum(1 for r, q, _ in shown.values() if r is not None and q is not None)
    assert got.n_considered + got.n_missing == 290
    effs = [h.reading("effektivitetsindex").value for h in got.hits]
    assert effs == sorted(effs, reverse=True)
    assert all(h.verdict.cost == "low" and h.verdict.quality == "high" for h in got.hits)
    json.dumps(got.to_dict())


def test_screen_quadrant_high_cost_low_quality_is_worst_first(kolada) -> None:
    got = screen("aldreomsorg", 2022, cost="high", quality="low", data=kolada)
    shown = _shown(kolada, "aldreomsorg", 2022)
    expected = {c for c, (r, q, _) in shown.items() if r is not None and q is not None and r < 50 and q < 50}
    assert {h.kommunkod for h in got.hits} == expected and expected
    effs = [h.reading("effektivitetsindex").value for h in got.hits]
    assert effs == sorted(effs)  # the weakest first: that is what the question asks about
    assert got.criteria == "hög kostnad (resursindex under 50) och låg kvalitet (kvalitetsindex under 50)"
    # the four quadrants split the kommuner with both indices, none twice
    sizes = [len(screen("aldreomsorg", 2022, cost=c, quality=q, data=kolada).hits)
             for c in ("low", "high") for q in ("low", "high")]
    assert sum(sizes) == got.n_considered
    with pytest.raises(ValueError):
        screen("aldreomsorg", 2022, cost="medel", data=kolada)


def test_screen_by_threshold_and_pool(kolada) -> None:
    shown = _shown(kolada, "aldreomsorg", 2022)
    over = screen("aldreomsorg", 2022, index="U20900", threshold=70, data=kolada)
    assert over.index == "effektivitetsindex" and over.criteria == "effektivitetsindex över 70"
    assert {h.kommunkod for h in over.hits} == {c for c, (_, _, e) in shown.items() if e is not None and e > 70}
    skane = screen("aldreomsorg", 2022, lan="Skåne", index="kvalitetsindex", threshold=50, data=kolada)
    skane_codes = {c for c in kolada.codes if kolada.kommuner.at[c, "lan"] == "Skåne län"}
    assert {h.kommunkod for h in skane.hits} == {c for c in skane_codes if (q := shown[c][1]) is not None and q > 50}
    assert skane.hits and all(h.lan == "Skåne län" for h in skane.hits)
    grp = screen("aldreomsorg", 2022, kommungrupp="b4", data=kolada)
    assert all(h.kommungrupp == "B4" for h in grp.hits)
    assert grp.n_considered + grp.n_missing == 62 + 1
    with pytest.raises(ValueError):
        screen("grundskola", 2022, lan="Atlantis", data=kolada)
    with pytest.raises(ValueError):
        screen("grundskola", 2022, kommungrupp="Z9", data=kolada)
    with pytest.raises(ValueError):
        screen("grundskola", 2022, index="kostnad", threshold=1, data=kolada)
    with pytest.raises(ValueError):
        screen("ifo", 2022, data=kolada)


def test_the_indexed_peer_lookup_matches_filtering_the_table(kolada) -> None:
    from indices.peers import kolada_members, peer_group, similar_snapshots

    sim = kolada.similar
    newest = sorted(sim["snapshot_date"].dropna().unique())[-1]
    assert similar_snapshots(kolada)[0] == newest
    for kod in ("1880", "0180", "2584"):
        for area in ("grundskola", "äldreomsorg"):
            rows = sim[(sim["snapshot_date"] == newest) & (sim["area"] == area) & (sim["ref_kommunkod"] == kod)]
            want = tuple(c for c in dict.fromkeys(rows["member_kommunkod"]) if c != kod)
            assert kolada_members(kod, area, kolada) == want and want
    group = peer_group("1880", "aldreomsorg", data=kolada)
    assert tuple(c for c, _ in group.members) == kolada_members("1880", "äldreomsorg", kolada)
