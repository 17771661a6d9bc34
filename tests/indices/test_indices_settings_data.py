"""Settings resolution and validation of the data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from indices.data import DataValidationError, load_data
from indices.settings import ENV_KOLADA_DIR, REPO_ROOT, load_settings

from kolada_helpers import write_csv


@pytest.mark.unit
def test_absolute_env_value_is_used_as_is(tmp_path: Path) -> None:
    s = load_settings({ENV_KOLADA_DIR: str(tmp_path)})
    assert s.kolada_dir == tmp_path


@pytest.mark.unit
def test_relative_env_value_prefers_repo_then_cwd(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    # only under cwd
    assert load_settings({ENV_KOLADA_DIR: "mine"}, cwd=tmp_path).kolada_dir == (tmp_path / "mine").resolve()
    # under both: the repository wins, the working directory does not matter
    (tmp_path / "indices").mkdir()
    assert load_settings({ENV_KOLADA_DIR: "indices"}, cwd=tmp_path).kolada_dir == REPO_ROOT / "indices"


@pytest.mark.unit
def test_default_is_next_to_the_repo_not_the_cwd(tmp_path: Path) -> None:
    expected = (REPO_ROOT.parent / "shared" / "data" / "kolada-full").resolve()
    if not expected.is_dir():
        pytest.skip("den delade datamappen saknas")
    assert load_settings({}, cwd=tmp_path).kolada_dir == expected


@pytest.mark.unit
def test_default_falls_back_to_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import indices.settings as settings

    monkeypatch.setattr(settings, "REPO_ROOT", tmp_path / "elsewhere" / "repo")
    work = tmp_path / "w" / "repo"
    (tmp_path / "w" / "shared" / "data" / "kolada-full").mkdir(parents=True)
    work.mkdir()
    assert settings.load_settings({}, cwd=work).kolada_dir == (tmp_path / "w" / "shared" / "data" / "kolada-full")


@pytest.mark.unit
def test_tiny_folder_loads(tiny_dir: Path) -> None:
    d = load_data(tiny_dir, expected_kommuner=3)
    assert d.codes == ("0114", "0305", "0643")
    assert d.years == (2021, 2022)
    assert d.value("0114", "N15008", 2022) == 100.0
    assert d.riket("N15008", 2022) == 105.0
    assert d.value("0643", "N15008", 2022) is None
    assert d.series("N15008", 2022).isna().sum() == 1


@pytest.mark.unit
def test_missing_file_is_named(tiny_dir: Path) -> None:
    (tiny_dir / "kpi_dictionary.csv").unlink()
    with pytest.raises(DataValidationError, match="kpi_dictionary.csv"):
        load_data(tiny_dir, expected_kommuner=3)


@pytest.mark.unit
def test_missing_long_file_is_named(tiny_dir: Path) -> None:
    (tiny_dir / "kpi_long_2021_2022.csv").unlink()
    with pytest.raises(DataValidationError, match="kpi_long_"):
        load_data(tiny_dir, expected_kommuner=3)


@pytest.mark.unit
def test_missing_column_names_file_and_column(tiny_dir: Path) -> None:
    write_csv(tiny_dir / "kommuner.csv", ["kommunkod", "namn", "lanskod", "lan"], [["0114", "X", "01", "Y"]])
    with pytest.raises(DataValidationError) as err:
        load_data(tiny_dir, expected_kommuner=1)
    assert "kommuner.csv" in str(err.value) and "'kommun'" in str(err.value)


@pytest.mark.unit
def test_codes_that_lost_their_leading_zero_are_refused(tiny_dir: Path) -> None:
    write_csv(tiny_dir / "kommuner.csv", ["kommunkod", "kommun", "lanskod", "lan"],
              [["114", "Upplands Väsby", "01", "Stockholms län"]])
    with pytest.raises(DataValidationError, match="kommunkod.*'114'"):
        load_data(tiny_dir, expected_kommuner=1)


@pytest.mark.unit
def test_wrong_number_of_kommuner(tiny_dir: Path) -> None:
    with pytest.raises(DataValidationError, match="290"):
        load_data(tiny_dir)


@pytest.mark.unit
def test_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(DataValidationError, match="finns inte"):
        load_data(tmp_path / "nope")


@pytest.mark.integration
def test_real_snapshot(kolada) -> None:
    assert len(kolada.codes) == 290
    assert all(isinstance(c, str) and len(c) == 4 and c.isdigit() for c in kolada.codes)
    assert kolada.years[0] == 2010 and kolada.years[-1] == 2022
    assert len(kolada.kpis) == 50
    assert int(kolada.kommuner["population"].sum()) == 10_521_556  # SCB 2022, per the data README
    assert load_data(kolada.path) is load_data(str(kolada.path) + "/")  # cached per resolved folder


@pytest.mark.unit
def test_loading_does_not_write_into_the_data_folder(tiny_dir: Path) -> None:
    before = sorted(os.listdir(tiny_dir))
    load_data(tiny_dir, expected_kommuner=3)
    assert sorted(os.listdir(tiny_dir)) == before
