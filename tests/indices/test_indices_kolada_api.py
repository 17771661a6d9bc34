"""The Kolada API v3 client, against hand-made response files (no network).

The live API is not exercised by the test suite.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from indices.data import load_data
from indices.kolada_api import (
    KoladaApiError, data_url, fetch, iter_pages, parse_data_page, parse_kpi_page, parse_municipality_page,
    parse_years,
)
from kolada_helpers import write_csv

pytestmark = pytest.mark.unit
FIX = Path(__file__).resolve().parent / "fixtures"
BASE = "https://api.kolada.se/v3"


def _load(name: str) -> dict:
    return json.loads((FIX / name).read_text(encoding="utf-8"))


def _fake_api(calls: list[str]):
    pages = {
        f"{BASE}/municipality?per_page=5000": _load("kolada_municipality.json"),
        data_url(["N15008", "N01951"], [2021, 2022]): _load("kolada_data_page1.json"),
        _load("kolada_data_page1.json")["next_url"]: _load("kolada_data_page2.json"),
        f"{BASE}/kpi/N15008%2CN01951": _load("kolada_kpi.json"),
    }

    def get(url: str) -> dict:
        calls.append(url)
        if url not in pages:
            raise AssertionError(f"oväntad URL {url}")
        return pages[url]
    return get


def test_parse_data_page_keeps_total_and_drops_nulls() -> None:
    rows = parse_data_page(_load("kolada_data_page1.json"))
    assert {"kommunkod": "0114", "year": 2022, "kpi": "N01951", "value": 49262.0} in rows
    assert not any(r["kommunkod"] == "0305" for r in rows)  # null value dropped
    assert len(rows) == 4  # 3 of N15008 (incl. region 0001) + 1 total of N01951


def test_parse_metadata() -> None:
    kommuner = parse_municipality_page(_load("kolada_municipality.json"))
    assert [k["kommunkod"] for k in kommuner] == ["0114", "0305", "0643"]
    kpis = parse_kpi_page(_load("kolada_kpi.json"))
    assert kpis[0]["kpi"] == "N15008" and kpis[0]["operating_area"] == "Grundskola"


def test_malformed_pages_are_refused() -> None:
    with pytest.raises(KoladaApiError):
        parse_data_page({"count": 1})
    with pytest.raises(KoladaApiError):
        parse_data_page({"values": [{"kpi": "N15008"}]})


def test_paging_follows_next_url_and_stops() -> None:
    calls: list[str] = []
    pages = list(iter_pages(data_url(["N15008", "N01951"], [2021, 2022]), _fake_api(calls)))
    assert len(pages) == 2 and len(calls) == 2
    loop = {"values": [], "next_url": "u1"}
    assert len(list(iter_pages("u1", lambda u: loop))) == 1  # a page pointing to itself ends


@pytest.mark.parametrize(("text", "years"), [("2015-2017", [2015, 2016, 2017]), ("2020,2018", [2018, 2020]),
                                             ("2016-2017,2020", [2016, 2017, 2020])])
def test_parse_years(text: str, years: list[int]) -> None:
    assert parse_years(text) == years


@pytest.mark.parametrize("text", ["", "2020-2018", "abc"])
def test_parse_years_bad(text: str) -> None:
    with pytest.raises(ValueError):
        parse_years(text)


def test_fetch_writes_a_loadable_folder(tmp_path: Path) -> None:
    base = tmp_path / "base"
    base.mkdir()
    write_csv(base / "kommuner.csv", ["kommunkod", "kommun", "lanskod", "lan", "kommungrupp_2023_code"],
              [["0643", "Habo", "06", "Jönköpings län", "B4"]])
    write_csv(base / "liknande_kommuner.csv",
              ["snapshot_date", "area", "group_year", "group_id", "ref_kommunkod", "ref_kommun",
               "member_kommunkod", "member_kommun"],
              [["2026-03-23", "grundskola", "2024", "G1", "0643", "Habo", "0305", "Håbo"]])
    out = tmp_path / "out"
    calls: list[str] = []
    report = fetch(["N15008", "N01951"], [2021, 2022], out, get_json=_fake_api(calls), base_dir=base)
    # 3 values on page 1 (region 0001 and a null dropped) + 3 on page 2 (Riket kept)
    assert report.n_values == 6 and report.n_kommuner == 3
    assert set(report.files) == {"kpi_long_2021_2022.csv", "kpi_2022_wide.csv", "kpi_dictionary.csv",
                                 "kommuner.csv", "liknande_kommuner.csv"}
    d = load_data(out, expected_kommuner=3)
    assert d.value("0114", "N15008", 2021) == 120000.5
    assert d.riket("N15008", 2022) == 126720.9
    assert d.value("0001", "N15008", 2022) is None
    assert d.kommuner.at["0643", "kommungrupp_2023_code"] == "B4"
    assert d.kommuner.at["0114", "lan"] == "Stockholms län"
    assert d.kommuner.at["0114", "population"] == 49262
    assert len(d.similar) == 1
    wide = (out / "kpi_2022_wide.csv").read_text(encoding="utf-8").splitlines()
    assert wide[0] == "kommunkod,N15008,N01951" and len(wide) == 3


def test_requests_is_imported_lazily() -> None:
    code = "import sys, indices, indices.kolada_api, indices.cli; print('requests' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
