"""The binary copy of the KPI table: same content, keyed on the CSV, never stale."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

import indices.cache as cache
from indices.data import _load_long, clear_cache, load_data
from indices.settings import ENV_KOLADA_CACHE, load_settings

pytestmark = pytest.mark.unit


@pytest.fixture
def no_min_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "CACHE_MIN_BYTES", 0)


def test_round_trip_is_identical(tiny_dir: Path, tmp_path: Path, no_min_size) -> None:
    csv = tiny_dir / "kpi_long_2021_2022.csv"
    panel = _load_long(csv)
    store = tmp_path / "cache"
    assert cache.read_panel(store, csv) is None
    written = cache.write_panel(store, csv, panel)
    assert written is not None and written.is_file()
    back = cache.read_panel(store, csv)
    pd.testing.assert_frame_equal(back, panel, check_names=False)
    assert back.index.names == ["year", "kommunkod"]
    assert back.index.get_level_values("kommunkod").tolist() == panel.index.get_level_values("kommunkod").tolist()


def test_a_changed_csv_gets_a_new_key(tiny_dir: Path, no_min_size) -> None:
    csv = tiny_dir / "kpi_long_2021_2022.csv"
    before = cache.cache_key(csv)
    with csv.open("a", encoding="utf-8") as fh:
        fh.write("0114,2021,N15008,99.0\n")
    assert cache.cache_key(csv) != before


def test_load_data_uses_and_refreshes_the_copy(tiny_dir: Path, tmp_path: Path, no_min_size,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "store"
    monkeypatch.setenv(ENV_KOLADA_CACHE, str(store))
    clear_cache()
    d = load_data(tiny_dir, expected_kommuner=3)
    files = list(store.glob("panel-*.npz"))
    assert len(files) == 1 and d.value("0114", "N15008", 2022) == 100.0
    csv = tiny_dir / "kpi_long_2021_2022.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("100.0", "101.0"), encoding="utf-8")
    os.utime(csv, ns=(csv.stat().st_atime_ns, csv.stat().st_mtime_ns + 10**9))
    clear_cache()
    assert load_data(tiny_dir, expected_kommuner=3).value("0114", "N15008", 2022) == 101.0
    clear_cache()


def test_unwritable_cache_falls_back_to_the_csv(tiny_dir: Path, tmp_path: Path, no_min_size) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    csv = tiny_dir / "kpi_long_2021_2022.csv"
    assert cache.write_panel(blocker / "sub", csv, _load_long(csv)) is None
    assert cache.read_panel(blocker / "sub", csv) is None


def test_cache_setting(tmp_path: Path) -> None:
    assert load_settings({ENV_KOLADA_CACHE: "none"}).cache_dir is None
    assert load_settings({ENV_KOLADA_CACHE: str(tmp_path)}).cache_dir == tmp_path
    assert load_settings({}).cache_dir.parts[-2:] == ("effektiviseringsassistenten", "kolada")
