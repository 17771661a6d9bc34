"""Charts: values checked against the Kolada CSVs read independently with pandas."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from tests.conftest import shared_dir

pytestmark = pytest.mark.unit

charts = pytest.importorskip("assistant.charts")
VAXJO = "0780"


@pytest.fixture(scope="module")
def kolada() -> dict[str, pd.DataFrame]:
    folder = shared_dir("kolada")
    if not (folder / "kpi_long_2010_2022.csv").exists():
        pytest.skip(f"Kolada-data saknas: {folder}")
    long = pd.read_csv(folder / "kpi_long_2010_2022.csv", dtype={"kommunkod": str})
    similar = pd.read_csv(folder / "liknande_kommuner.csv", dtype={"ref_kommunkod": str, "member_kommunkod": str})
    return {"long": long, "similar": similar}


def value(kolada, kod: str, kpi: str, year: int) -> float | None:
    rows = kolada["long"].query("kommunkod == @kod and kpi == @kpi and year == @year")["value"]
    return float(rows.iloc[0]) if len(rows) else None


def kolada_peers(kolada, kod: str, area: str = "grundskola") -> set[str]:
    sim = kolada["similar"]
    latest = sim["snapshot_date"].max()
    rows = sim[(sim.snapshot_date == latest) & (sim.area == area) & (sim.ref_kommunkod == kod)]
    return set(rows["member_kommunkod"]) - {kod}


def trace(fig, name: str):
    return next(t for t in fig.data if t.name == name)


def test_scatter_plots_every_kommun_with_both_published_indices(kolada):
    fig = charts.cost_quality_scatter("grundskola", 2022, VAXJO)
    year = kolada["long"].query("year == 2022 and kommunkod != '0000'")
    wide = year.pivot(index="kommunkod", columns="kpi", values="value")
    complete = wide[["U15010", "U15401"]].dropna()
    plotted = [c for t in fig.data for c in t.customdata]
    assert sorted(plotted) == sorted(complete.index)
    me = trace(fig, "Växjö")
    assert list(me.customdata) == [VAXJO]
    assert me.x[0] == pytest.approx(value(kolada, VAXJO, "U15010", 2022))
    assert me.y[0] == pytest.approx(value(kolada, VAXJO, "U15401", 2022))
    peers = trace(fig, "Jämförelsegrupp")
    assert set(peers.customdata) == kolada_peers(kolada, VAXJO) & set(complete.index)
    assert "Växjö" in peers.hovertemplate or "%{hovertext}" in peers.hovertemplate
    assert charts.source_line(fig) == "Källa: Kolada"
    assert charts.title_text(fig) == "Resursindex och kvalitetsindex, grundskola F-9 2022"


def test_scatter_with_own_indices_is_labelled_as_own_calculation():
    fig = charts.cost_quality_scatter("aldreomsorg", 2022, "0880", peer_codes=["Växjö", "Kalmar"], measure="egen")
    assert charts.source_line(fig) == "Egna beräkningar baserade på data från Kolada"
    # Kalmar itself is dropped from its own peer list.
    assert set(trace(fig, "Jämförelsegrupp").customdata) <= {VAXJO}
    with pytest.raises(ValueError):
        charts.cost_quality_scatter("aldreomsorg", 2022, "0880", measure="påhittat")


def test_trend_has_kommun_peer_median_and_riket(kolada):
    fig = charts.trend_chart(VAXJO, "N15505", start_year=2015)
    assert [t.name for t in fig.data][0] == "Växjö" and fig.data[-1].name == "Riket"
    assert list(fig.data[0].x) == list(range(2015, 2023))
    for year, y in zip(fig.data[-1].x, fig.data[-1].y):
        assert y == pytest.approx(value(kolada, "0000", "N15505", year))
    peers = kolada_peers(kolada, VAXJO)
    for year, y in zip(fig.data[1].x, fig.data[1].y):
        vals = [v for p in peers if (v := value(kolada, p, "N15505", year)) is not None]
        assert y == pytest.approx(pd.Series(vals).median())
    assert fig.data[1].name.startswith("Median")
    line = charts.source_line(fig)
    assert "Källa: Kolada" in line and "gna beräkningar baserade på data från Kolada" in line


def test_trend_without_peers_is_pure_kolada():
    fig = charts.trend_chart(VAXJO, "N15505", peer_codes=[], start_year=2020)
    assert [t.name for t in fig.data] == ["Växjö", "Riket"]
    assert charts.source_line(fig) == "Källa: Kolada"
    with pytest.raises(ValueError):
        charts.trend_chart(VAXJO, "N15505", start_year=2030)


def test_peer_bars_sorted_best_first_with_kommun_highlighted(kolada):
    fig = charts.peer_bars(VAXJO, "N15505", year=2022)
    bars = fig.data[0]
    expected = {k: value(kolada, k, "N15505", 2022) for k in kolada_peers(kolada, VAXJO) | {VAXJO}}
    expected = {k: v for k, v in expected.items() if v is not None}
    assert dict(zip(bars.customdata, bars.y)) == pytest.approx(expected)
    assert list(bars.y) == sorted(bars.y, reverse=True)  # meritvärde: higher is better
    colors = dict(zip(bars.customdata, bars.marker.color))
    assert colors[VAXJO] == charts.KOMMUN_COLOR
    assert len(set(colors.values())) == 2
    cost = charts.peer_bars(VAXJO, "N15008", peer_codes=["Kalmar", "Jönköping"])
    assert list(cost.data[0].y) == sorted(cost.data[0].y)  # cost: lower is better first
    assert set(cost.data[0].customdata) == {VAXJO, "0880", "0680"}


def test_dea_chart_whiskers_contain_bias_corrected_and_scores_in_unit_interval():
    fig = charts.dea_chart("grundskola", 2022, VAXJO, reps=200)
    whiskers = trace(fig, "95 % intervall (bootstrap)")
    scores = trace(fig, "DEA-effektivitet")
    assert VAXJO in scores.customdata
    pairs = [(whiskers.y[i], whiskers.y[i + 1]) for i in range(0, len(whiskers.y), 3)]
    assert len(pairs) == len(scores.x)
    for (low, high), s in zip(pairs, scores.y):
        assert 0 < low <= high <= 1 + 1e-9
        assert 0 < s <= 1 + 1e-9
    assert list(scores.y) == sorted(scores.y, reverse=True)
    assert max(scores.y) == pytest.approx(1.0)  # the learn-from peers lie on the frontier
    assert charts.source_line(fig) == "Egna beräkningar baserade på data från Kolada"


def test_figures_serialise_to_plain_json_with_source():
    fig = charts.trend_chart(VAXJO, "N15008", peer_codes=["Kalmar"], start_year=2021)
    data = charts.figure_json(fig)
    assert isinstance(data, dict) and charts.title_text(data).startswith("Kostnad för kommunal grundskola")
    assert charts.title_text(data).endswith(": Växjö 2021–2022")
    assert charts.source_line(data) == charts.source_line(fig)
    assert all(not (isinstance(v, float) and math.isnan(v)) for t in data["data"] for v in t["y"] if v is not None)


def test_unknown_kommun_raises_value_error():
    with pytest.raises(ValueError):
        charts.peer_bars("Gotham", "N15505")


def test_axis_ticks_are_swedish_numbers_with_units():
    from assistant.formatting import axis_ticks

    vals, texts = axis_ticks([81_234, 112_000], "kr/elev", include_zero=True)
    assert vals == [0, 25_000, 50_000, 75_000, 100_000, 125_000]
    assert texts == ["0 tn kr", "25 tn kr", "50 tn kr", "75 tn kr", "100 tn kr", "125 tn kr"]
    assert axis_ticks([5_000, 9_000], "kr/inv")[1] == ["5 000", "6 000", "7 000", "8 000", "9 000"]
    assert axis_ticks([0.3, 2.7], "%")[1] == ["0,0", "0,5", "1,0", "1,5", "2,0", "2,5", "3,0"]
    assert axis_ticks([0.05, 0.12], "")[1] == ["0,04", "0,06", "0,08", "0,10", "0,12"]
    assert axis_ticks([12_000, 13_100], "kr/elev")[1][:2] == ["12 000", "12 250"]  # steps under 1 000 kr
    assert axis_ticks([None], "%") == ([], [])


def test_cost_axes_read_in_tusen_kronor_never_k(kolada):
    from assistant.answers import fetch
    from assistant.answers.charts import ranking_figure, trend_figure

    bars = charts.peer_bars(VAXJO, "N15008", peer_codes=["Kalmar", "Jönköping"], year=2022)
    y = bars.layout.yaxis
    assert y.tickmode == "array" and all(t.endswith(" tn kr") for t in y.ticktext)
    top = max(value(kolada, k, "N15008", 2022) for k in (VAXJO, "0880", "0680"))
    assert max(y.tickvals) >= top and f"{round(max(y.tickvals) / 1000)} tn kr" in y.ticktext
    for fig in (trend_figure(fetch.trend(VAXJO, "N15008", 2015, 2022)), ranking_figure(fetch.ranking("N15008", 2022))):
        axis = fig["layout"]["yaxis" if "tickvals" in fig["layout"].get("yaxis", {}) else "xaxis"]
        assert axis["ticktext"] and all(t.endswith(" tn kr") and "k " not in t for t in axis["ticktext"])
