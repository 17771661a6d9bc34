"""RKA-style indices on a hand-worked eleven-kommun table, and missing data."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from indices.data import load_data
from indices.rka import index_figures, rka, rka_frame
from kolada_helpers import write_csv

N = 11
CODES = [f"{1400 + k:04d}" for k in range(N)]


@pytest.fixture
def eleven(tmp_path: Path):
    """Eleven kommuner, k = 0..10. With n = 11 both cut points are min and max
    (ranks ceil(0.275) = 1 and ceil(10.725) = 11), so every scaling is min-max.

    U15457 = 10k, U15459 = 10(10 - k), U15461 = 10k, but kommun k = 5 lacks U15461.
    Scaled: 10k, 100 - 10k, 10k; mean (100 + 10k)/3, from 33.3 to 66.7, which
    scales back to exactly 10k. So kvalitetsindex = 10k, none for k = 5.
    U15010 (published resursindex) = 10k for k <= 5, 100 above. Mean of the two:
    0, 10, 20, 30, 40, -, 80, 85, 90, 95, 100, already spanning 0..100, so the
    effektivitetsindex equals these means.
    """
    write_csv(tmp_path / "kommuner.csv", ["kommunkod", "kommun", "lanskod", "lan"],
              [[c, f"Kommun{k}", "14", "Västra Götalands län"] for k, c in enumerate(CODES)])
    rows = []
    for k, c in enumerate(CODES):
        rows += [[c, 2022, "U15457", 10 * k], [c, 2022, "U15459", 10 * (10 - k)],
                 [c, 2022, "U15010", 10 * k if k <= 5 else 100], [c, 2022, "N15001", -k]]
        if k != 5:
            rows.append([c, 2022, "U15461", 10 * k])
    write_csv(tmp_path / "kpi_long_2022_2022.csv", ["kommunkod", "year", "kpi", "value"], rows)
    write_csv(tmp_path / "kpi_dictionary.csv", ["kpi", "title", "description", "operating_area"], [])
    write_csv(tmp_path / "liknande_kommuner.csv",
              ["snapshot_date", "area", "group_year", "ref_kommunkod", "member_kommunkod"], [])
    return load_data(tmp_path, expected_kommuner=N)


@pytest.mark.unit
def test_hand_worked_grundskola_indices(eleven) -> None:
    frame, _ = rka_frame("grundskola", 2022, eleven)
    expected_q = [10.0 * k for k in range(N)]
    expected_e = [0, 10, 20, 30, 40, None, 80, 85, 90, 95, 100]
    for k, c in enumerate(CODES):
        if k == 5:
            assert np.isnan(frame.at[c, "kvalitetsindex"]) and np.isnan(frame.at[c, "effektivitetsindex"])
            continue
        assert frame.at[c, "kvalitetsindex"] == pytest.approx(expected_q[k])
        assert frame.at[c, "effektivitetsindex"] == pytest.approx(expected_e[k])
    # resursindex_approx from N15001 = -k: lowest deviation best, min-max -> 10k
    assert frame["resursindex_egen"].tolist() == pytest.approx([10.0 * k for k in range(N)])


@pytest.mark.unit
def test_only_kommuner_with_all_inputs_are_listed(eleven) -> None:
    t = rka("grundskola", 2022, eleven)
    assert [r.kommunkod for r in t.rows] == [c for k, c in enumerate(CODES) if k != 5]
    every = rka("grundskola", 2022, eleven, include_all=True)
    assert len(every.rows) == N and every.rows[5].effektivitetsindex is None


@pytest.mark.unit
def test_missing_input_gives_null_with_reason(eleven) -> None:
    figs = index_figures(CODES[5], "grundskola", 2022, eleven)
    assert figs["kvalitetsindex"].value is None
    assert figs["kvalitetsindex"].reason == "kan inte beräknas: U15461 saknas i Kolada för 2022"
    assert figs["effektivitetsindex"].value is None and "kvalitetsindex" in figs["effektivitetsindex"].reason
    assert figs["resursindex"].value == 50.0 and figs["resursindex"].source == "Källa: Kolada"


@pytest.mark.unit
def test_bad_area_and_year(eleven) -> None:
    with pytest.raises(ValueError, match="verksamhetsområde"):
        rka("simhall", 2022, eleven)
    with pytest.raises(ValueError, match="2023"):
        rka("grundskola", 2023, eleven)


@pytest.mark.integration
def test_real_kommun_missing_a_quality_measure(kolada) -> None:
    # Stockholm (0180) has no U23401 (waiting days) in the snapshot for 2022.
    assert kolada.value("0180", "U23401", 2022) is None
    figs = index_figures("0180", "aldreomsorg", 2022, kolada)
    assert figs["kvalitetsindex"].value is None
    assert "U23401 saknas i Kolada för 2022" in figs["kvalitetsindex"].reason
    assert figs["resursindex"].value is not None


@pytest.mark.integration
def test_grundskola_labels_say_what_they_are(kolada) -> None:
    figs = index_figures("1480", "grundskola", 2022, kolada)
    assert "utan elevenkät" in figs["kvalitetsindex"].label
    assert figs["resursindex"].kpis == ("U15010",) and figs["resursindex"].source == "Källa: Kolada"
    assert "Ungefärligt" in figs["resursindex_approx"].note
    assert figs["resursindex_approx"].source == "Egna beräkningar baserade på data från Kolada"
    assert figs["effektivitetsindex"].source == "Egna beräkningar baserade på data från Kolada"


@pytest.mark.integration
def test_years_before_rka_published_its_index(kolada) -> None:
    # U15010 starts in 2016; in 2015 our quality index exists but the efficiency index cannot.
    assert kolada.series("U15010", 2015).isna().all()
    figs = index_figures("0643", "grundskola", 2015, kolada)
    assert figs["kvalitetsindex"].value is not None
    assert figs["resursindex"].value is None and figs["resursindex"].reason == "U15010 saknas i Kolada för 2015"
    assert figs["effektivitetsindex"].reason == "kan inte beräknas: U15010 saknas i Kolada för 2015"
