"""value() and rank(): known answers on a hand-made folder (ties, missing values,
direction, latest-year fallback), and the CLI contract on the real snapshot."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from indices.data import load_data
from indices.values import rank, value

from kolada_helpers import write_csv

REPO = Path(__file__).resolve().parents[2]

KOMMUNER = [["0114", "Aby", "01", "Stockholms län", "B4"], ["0115", "Bro", "01", "Stockholms län", "B4"],
            ["0116", "Cala", "01", "Stockholms län", "A1"], ["1280", "Dal", "12", "Skåne län", "B4"],
            ["1281", "Eda", "12", "Skåne län", "A1"]]
# 2022: meritvärde A 200, B 220, C 220, D missing, E 180; D has 2021 = 190.
# väntetid (lower is better): A 50, B 30, C 30, D 80, E missing.
# kostnad (neither): A 100, B 300, C 200, D 200, E 50.
LONG = [
    ["0114", 2022, "N15505", 200], ["0115", 2022, "N15505", 220], ["0116", 2022, "N15505", 220],
    ["1281", 2022, "N15505", 180], ["1280", 2021, "N15505", 190], ["0000", 2022, "N15505", 210],
    ["0114", 2022, "U23401", 50], ["0115", 2022, "U23401", 30], ["0116", 2022, "U23401", 30],
    ["1280", 2022, "U23401", 80],
    ["0114", 2022, "N15008", 100], ["0115", 2022, "N15008", 300], ["0116", 2022, "N15008", 200],
    ["1280", 2022, "N15008", 200], ["1281", 2022, "N15008", 50],
    ["0114", 2021, "N15008", 90],
]
DICT = [["N15505", "Elever i åk 9, meritvärde kommunala skolor, genomsnitt (17 ämnen)", "", "Grundskola"],
        ["U23401", "Väntetid i antal dagar till särskilt boende, medelvärde", "", "Särskilt boende"],
        ["N15008", "Kostnad för kommunal grundskola åk 1-9, kr/elev", "", "Grundskola"]]


@pytest.fixture
def five(tmp_path: Path):
    write_csv(tmp_path / "kommuner.csv", ["kommunkod", "kommun", "lanskod", "lan", "kommungrupp_2023_code"],
              KOMMUNER)
    write_csv(tmp_path / "kpi_long_2021_2022.csv", ["kommunkod", "year", "kpi", "value"], LONG)
    write_csv(tmp_path / "kpi_dictionary.csv", ["kpi", "title", "description", "operating_area"], DICT)
    write_csv(tmp_path / "liknande_kommuner.csv",
              ["snapshot_date", "area", "group_year", "ref_kommunkod", "member_kommunkod"],
              [["2026-03-23", "grundskola", "2024", "0114", "0115"],
               ["2026-03-23", "grundskola", "2024", "0114", "1281"]])
    return load_data(tmp_path, expected_kommuner=5)


def _places(r) -> list[tuple[int, str]]:
    return [(row.position, row.kommunkod) for row in r.rows]


@pytest.mark.unit
def test_ties_share_a_place_and_missing_are_named(five) -> None:
    r = rank("N15505", 2022, data=five)
    assert _places(r) == [(1, "0115"), (1, "0116"), (3, "0114"), (4, "1281")]
    assert r.missing == (("1280", "Dal"),) and r.n_ranked == 4 and r.n_missing == 1
    assert r.direction == 1 and "högre är bättre" in r.order and r.riket == 210


@pytest.mark.unit
def test_lower_is_better_ranks_lowest_first(five) -> None:
    r = rank("U23401", 2022, data=five)
    assert _places(r) == [(1, "0115"), (1, "0116"), (3, "0114"), (4, "1280")]
    assert r.missing == (("1281", "Eda"),) and "lägre är bättre" in r.order


@pytest.mark.unit
def test_neither_direction_is_highest_first_and_can_be_turned(five) -> None:
    r = rank("N15008", 2022, data=five)
    assert _places(r) == [(1, "0115"), (2, "0116"), (2, "1280"), (4, "0114"), (5, "1281")]
    assert "varken" in r.order and "högst" in r.order
    low = rank("N15008", 2022, direction=-1, limit=2, data=five)
    assert _places(low) == [(1, "1281"), (2, "0114")] and low.n_ranked == 5 and "lägst" in low.order


@pytest.mark.unit
def test_scopes(five) -> None:
    assert [k for _, k in _places(rank("N15505", 2022, scope="Skåne", data=five))] == ["1281"]
    assert rank("N15505", 2022, scope="12", data=five).missing == (("1280", "Dal"),)
    grp = rank("N15505", 2022, scope="B4", data=five)
    assert _places(grp) == [(1, "0115"), (2, "0114")] and grp.missing == (("1280", "Dal"),)
    lst = rank("N15505", 2022, scope=["Eda", "0114"], data=five)
    assert _places(lst) == [(1, "0114"), (2, "1281")] and lst.scope.startswith("egen lista")
    with pytest.raises(ValueError):
        rank("N15505", 2022, scope="Atlantis", data=five)


@pytest.mark.unit
def test_rank_latest_year_and_missing_year(five) -> None:
    r = rank("N15505", data=five)
    assert r.year == 2022 and "senaste år" in r.note
    empty = rank("U23401", 2021, data=five)
    assert empty.rows == () and empty.n_missing == 5
    assert "saknas i Kolada för 2021" in empty.reason and "2022" in empty.reason


@pytest.mark.unit
def test_value_with_rank_riket_and_peers(five) -> None:
    v = value("Aby", "N15505", 2022, data=five)
    assert v.value == 200 and v.unit == "meritvärde" and v.riket == 210 and v.year == 2022
    assert (v.rank.position, v.rank.of, v.rank.direction) == (3, 4, 1)
    # peers of Aby in grundskola: Bro (220) and Eda (180); Aby 200 is second of three
    assert (v.peer_rank.position, v.peer_rank.of) == (2, 3)
    d = v.to_dict()
    assert {"kommunkod", "kommun", "kpi", "title", "year", "value", "unit", "source", "riket", "rank",
            "note"} <= set(d) and set(d["rank"]) >= {"position", "of", "direction"}
    json.dumps(d)


@pytest.mark.unit
def test_value_falls_back_to_the_latest_year_and_says_so(five) -> None:
    v = value("Dal", "N15505", data=five)
    assert v.year == 2021 and v.value == 190 and "2021" in v.note and "2022" in v.note
    missing = value("Dal", "N15505", 2022, data=five)
    assert missing.value is None and missing.year == 2022
    assert missing.reason == "N15505 saknas i Kolada för 2022; senaste värde 2021: 190 meritvärde"
    assert missing.rank.position is None and missing.rank.of == 4
    none = value("Eda", "U23401", data=five)
    assert none.value is None and "inget år" in none.reason
    outside = value("Aby", "N15505", 2030, data=five)
    assert outside.value is None and "2030 finns inte" in outside.reason and "200" in outside.reason


@pytest.mark.unit
def test_unknown_kpi_and_kommun_raise(five) -> None:
    with pytest.raises(KeyError):
        value("Aby", "N99999", data=five)
    with pytest.raises(ValueError):
        value("Atlantis", "N15505", data=five)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "indices", *args], capture_output=True, text=True, cwd=REPO,
                          timeout=120)


@pytest.mark.integration
def test_cli_value_and_rank_contract(kolada_full) -> None:
    p = _cli("value", "Solna", "N00901", "--json")
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert d["kommunkod"] == "0184" and d["year"] == 2022 and d["value"] == kolada_full.value("0184", "N00901", 2022)
    assert d["riket"] == kolada_full.riket("N00901", 2022) and d["source"] == "Källa: Kolada"
    assert "Inget år angavs" in d["note"]
    rates = kolada_full.series("N00901", 2022).dropna()
    assert d["rank"]["of"] == len(rates) and d["rank"]["position"] == 1 + int((rates > d["value"]).sum())

    p = _cli("rank", "N00901", "--lan", "01", "--year", "2022", "--lowest", "--limit", "3", "--json")
    assert p.returncode == 0, p.stderr
    rows = json.loads(p.stdout)
    stockholm = kolada_full.kommuner.index[kolada_full.kommuner["lanskod"] == "01"]
    expected = sorted(rates.reindex(stockholm).dropna().items(), key=lambda t: (t[1], t[0]))[:3]
    assert [(r["kommunkod"], r["value"]) for r in rows] == [(k, v) for k, v in expected]
    assert set(rows[0]) == {"position", "kommunkod", "kommun", "value"} and rows[0]["position"] == 1

    p = _cli("rank", "N15505", "--kommungrupp", "ZZ", "--json")
    assert p.returncode == 2 and "error" in json.loads(p.stdout)


def test_best_and_worst_follow_the_direction_and_skip_missing_values():
    import pandas as pd
    from indices.values import best_and_worst

    vals = pd.Series({"A": 3.0, "B": None, "C": 7.0, "D": 5.0}, dtype=float)
    assert best_and_worst(vals, 1) == ("C", "A")  # higher is better
    assert best_and_worst(vals, -1) == ("A", "C")  # lower is better
    assert best_and_worst(vals, 0) == ("C", "A")  # neutral: the highest first
    assert best_and_worst(pd.Series({"A": 1.0, "B": None}, dtype=float), 1) == (None, None)  # one value: no pair
    assert best_and_worst(pd.Series({"A": 2.0, "B": 2.0, "C": 1.0}), 1) == ("A", "C")  # ties: the first name
