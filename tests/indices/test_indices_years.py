"""The data's year span is read from the data, once; ``year=None`` means its last year."""

from __future__ import annotations

import pandas as pd
import pytest

import indices
from indices.data import FALLBACK_YEARS, clear_cache, load_data, year_span
from indices.rka import check_year
from indices.settings import ENV_KOLADA_DIR


@pytest.mark.unit
def test_the_span_follows_the_file_not_a_constant(tiny_dir) -> None:
    data = load_data(tiny_dir, expected_kommuner=3)
    years = pd.read_csv(tiny_dir / "kpi_long_2021_2022.csv")["year"]
    assert year_span(data) == (int(years.min()), int(years.max())) == (2021, 2022)
    assert indices.latest_year(data) == 2022 and check_year(None, data) == 2022
    with pytest.raises(ValueError, match="2021-2022"):
        check_year(2015, data)


@pytest.mark.unit
def test_without_data_the_span_falls_back_to_the_one_constant(tmp_path, monkeypatch) -> None:
    import indices.data

    monkeypatch.setenv(ENV_KOLADA_DIR, str(tmp_path))
    monkeypatch.setattr(indices.data, "FALLBACK_YEARS", (1999, 2001))  # tell it apart from the real span
    clear_cache()
    try:
        assert year_span() == (1999, 2001)
        assert indices.latest_year() == 2001
        assert FALLBACK_YEARS == (2010, 2022)  # the shipped snapshot's span, documented in one place
    finally:
        monkeypatch.undo()
        clear_cache()


@pytest.mark.integration
def test_none_is_the_last_year_of_the_snapshot(kolada) -> None:
    first, last = year_span(kolada)
    assert (first, last) == (min(kolada.years), max(kolada.years))
    assert indices.savings("Habo", "grundskola", data=kolada).year == last
    assert indices.screen("grundskola", data=kolada).year == last
    assert indices.rka("grundskola", data=kolada).year == last
    assert indices.compare("Habo", kpis=["N15008"], data=kolada).year == last
