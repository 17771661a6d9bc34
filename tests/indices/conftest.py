"""Fixtures for the indices tests: the real Kolada snapshot and small hand-made folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from indices.data import KoladaData, load_data
from indices.settings import REPO_ROOT, SMALL_RELATIVE, load_settings

from kolada_helpers import write_csv

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def kolada() -> KoladaData:
    """The 50-KPI subset: fast, and enough for grundskola and äldreomsorg."""
    folder = (REPO_ROOT / SMALL_RELATIVE).resolve()
    if not (folder / "kommuner.csv").exists():
        pytest.skip(f"Kolada-mappen saknas: {folder}")
    return load_data(folder)


@pytest.fixture(scope="session")
def kolada_full() -> KoladaData:
    """The configured snapshot (default: all 1,047 KPIs)."""
    folder = load_settings().kolada_dir
    if not (folder / "kommuner.csv").exists():
        pytest.skip(f"Kolada-mappen saknas: {folder}")
    data = load_data(folder)
    if len(data.kpis) < 1000:
        pytest.skip(f"{folder} är inte hela Kolada-utdraget")
    return data


@pytest.fixture
def tiny_dir(tmp_path: Path) -> Path:
    """A three-kommun folder with the snapshot's layout."""
    write_csv(tmp_path / "kommuner.csv",
              ["kommunkod", "kommun", "lanskod", "lan", "folkmangd_2022_12_31", "kommungrupp_2023_code",
               "kommungrupp_2023_namn_kolada"],
              [["0114", "Upplands Väsby", "01", "Stockholms län", 100, "A2", "Pendling"],
               ["0305", "Håbo", "03", "Uppsala län", 50, "A2", "Pendling"],
               ["0643", "Habo", "06", "Jönköpings län", 40, "B4", "Pendling större stad"]])
    write_csv(tmp_path / "kpi_long_2021_2022.csv", ["kommunkod", "year", "kpi", "value"],
              [["0114", 2022, "N15008", 100.0], ["0305", 2022, "N15008", 110.0],
               ["0643", 2021, "N15008", 90.0], ["0000", 2022, "N15008", 105.0]])
    write_csv(tmp_path / "kpi_dictionary.csv", ["kpi", "title", "description", "operating_area"],
              [["N15008", "Kostnad per elev", "", "Grundskola"]])
    write_csv(tmp_path / "liknande_kommuner.csv",
              ["snapshot_date", "area", "group_year", "group_id", "ref_kommunkod", "ref_kommun",
               "member_kommunkod", "member_kommun"],
              [["2026-03-23", "grundskola", "2024", "G1", "0114", "Upplands Väsby", "0305", "Håbo"]])
    return tmp_path
