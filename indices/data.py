"""Load and validate the Kolada snapshot (see the data folder's README).

The folder holds ``kommuner.csv``, ``kpi_dictionary.csv``, ``liknande_kommuner.csv``
and one ``kpi_long_<first>_<last>.csv``. Everything is checked on load: files,
columns, 4-character kommun codes and the number of kommuner. A problem raises
:class:`DataValidationError` naming the file and the column.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .cache import read_panel, write_panel
from .settings import load_settings

RIKET = "0000"
N_KOMMUNER = 290

KOMMUNER_FILE = "kommuner.csv"
DICTIONARY_FILE = "kpi_dictionary.csv"
SIMILAR_FILE = "liknande_kommuner.csv"
LONG_PATTERN = "kpi_long_*.csv"

KOMMUNER_COLUMNS = ("kommunkod", "kommun", "lanskod", "lan")
DICTIONARY_COLUMNS = ("kpi", "title", "description", "operating_area")
SIMILAR_COLUMNS = (
    "snapshot_date",
    "area",
    "group_year",
    "ref_kommunkod",
    "member_kommunkod",
)
LONG_COLUMNS = ("kommunkod", "year", "kpi", "value")

_CODE = re.compile(r"^\d{4}$")
# The year span of the snapshot the project ships with: used only when no snapshot loads.
FALLBACK_YEARS = (2010, 2022)


class DataValidationError(ValueError):
    """The data folder does not look like the Kolada snapshot. Message in Swedish."""


@dataclass(frozen=True, eq=False)
class KoladaData:
    """The validated snapshot.

    ``kommuner`` is indexed by kommunkod; ``panel`` has a (year, kommunkod) index
    and one column per KPI id, including Riket (``0000``).
    """

    path: Path
    kommuner: pd.DataFrame = field(repr=False)
    panel: pd.DataFrame = field(repr=False)
    dictionary: pd.DataFrame = field(repr=False)
    similar: pd.DataFrame = field(repr=False)
    long_file: str = ""
    _year_cache: dict = field(default_factory=dict, repr=False)

    @functools.cached_property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted(int(y) for y in self.panel.index.get_level_values(0).unique()))

    @functools.cached_property
    def similar_groups(self) -> dict[tuple[str, str, str], tuple[tuple[str, ...], str]]:
        """Kolada's liknande kommuner by (snapshot, area, reference kommun): the member codes
        in file order without the kommun itself, and the group year. Built once, so a lookup
        does not scan the whole table."""
        out: dict[tuple[str, str, str], tuple[list[str], str]] = {}
        sim = self.similar
        for snap, area, ref, member, year in zip(sim["snapshot_date"], sim["area"], sim["ref_kommunkod"],
                                                 sim["member_kommunkod"], sim["group_year"]):
            codes, _ = out.setdefault((snap, area, ref), ([], str(year)))
            if member != ref and member not in codes:
                codes.append(member)
        return {key: (tuple(codes), year) for key, (codes, year) in out.items()}

    @functools.cached_property
    def similar_snapshot_dates(self) -> tuple[str, ...]:
        """Snapshot dates of Kolada's peer groups, newest first."""
        return tuple(sorted({snap for snap, _, _ in self.similar_groups if isinstance(snap, str)}, reverse=True))

    @property
    def kpis(self) -> tuple[str, ...]:
        return tuple(self.panel.columns)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.kommuner.index)

    def name(self, kod: str) -> str:
        """Kommun name for a code; ``Riket`` for 0000."""
        if kod == RIKET:
            return "Riket"
        return str(self.kommuner.at[kod, "kommun"])

    def year_frame(self, year: int) -> pd.DataFrame:
        """All KPIs for one year, one row per kommun (290 rows, NaN where missing)."""
        year = int(year)
        if year not in self._year_cache:
            if year in self.years:
                frame = self.panel.xs(year, level="year")
            else:
                frame = pd.DataFrame(columns=self.panel.columns, dtype=float)
            self._year_cache[year] = frame.reindex(self.kommuner.index)
        return self._year_cache[year]

    def series(self, kpi: str, year: int) -> pd.Series:
        """One KPI for one year across the 290 kommuner (NaN where missing)."""
        frame = self.year_frame(year)
        if kpi not in frame.columns:
            return pd.Series(np.nan, index=self.kommuner.index, name=kpi)
        return frame[kpi]

    def value(self, kod: str, kpi: str, year: int) -> float | None:
        """One value, or ``None`` when Kolada has none (also for Riket)."""
        key = (int(year), kod)
        if kpi not in self.panel.columns or key not in self.panel.index:
            return None
        v = self.panel.at[key, kpi]
        return None if pd.isna(v) else float(v)

    def riket(self, kpi: str, year: int) -> float | None:
        return self.value(RIKET, kpi, year)

    def kpi_title(self, kpi: str) -> str:
        if kpi in self.dictionary.index:
            return str(self.dictionary.at[kpi, "title"]).strip()
        return kpi


def _read_csv(path: Path, required: tuple[str, ...], dtype: dict | None = None) -> pd.DataFrame:
    if not path.is_file():
        raise DataValidationError(f"Filen {path.name} saknas i datamappen {path.parent}.")
    try:
        frame = pd.read_csv(path, dtype=dtype, keep_default_na=True)
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DataValidationError(f"Filen {path.name} kunde inte läsas: {exc}") from exc
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise DataValidationError(
            f"Filen {path.name} saknar kolumnen {missing[0]!r}"
            + (f" (och {', '.join(missing[1:])})" if len(missing) > 1 else "")
            + "."
        )
    return frame


def _check_codes(frame: pd.DataFrame, column: str, filename: str, allow_riket: bool) -> None:
    codes = frame[column]
    bad = codes[codes.isna() | ~codes.astype(str).str.match(_CODE)]
    if len(bad):
        example = ", ".join(repr(v) for v in bad.astype(str).unique()[:3])
        raise DataValidationError(
            f"Filen {filename}, kolumnen {column!r}: kommunkoder måste vara fyra "
            f"siffror som text (t.ex. '0180'), fick {example}."
        )
    if not allow_riket and (codes == RIKET).any():
        raise DataValidationError(f"Filen {filename}, kolumnen {column!r}: 0000 är inte en kommun.")


def _find_long_file(folder: Path) -> Path:
    found = sorted(folder.glob(LONG_PATTERN))
    if not found:
        raise DataValidationError(
            f"Datamappen {folder} saknar nyckeltalsfilen ({LONG_PATTERN}, "
            f"t.ex. kpi_long_{FALLBACK_YEARS[0]}_{FALLBACK_YEARS[1]}.csv)."
        )
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        raise DataValidationError(f"Datamappen {folder} har flera nyckeltalsfiler: {names}.")
    return found[0]


def _load_kommuner(folder: Path, expected: int) -> pd.DataFrame:
    frame = _read_csv(folder / KOMMUNER_FILE, KOMMUNER_COLUMNS, dtype=str)
    _check_codes(frame, "kommunkod", KOMMUNER_FILE, allow_riket=False)
    if frame["kommunkod"].duplicated().any():
        dup = frame.loc[frame["kommunkod"].duplicated(), "kommunkod"].iloc[0]
        raise DataValidationError(f"Filen {KOMMUNER_FILE}, kolumnen 'kommunkod': {dup} finns två gånger.")
    if expected and len(frame) != expected:
        raise DataValidationError(
            f"Filen {KOMMUNER_FILE}, kolumnen 'kommunkod': väntade {expected} kommuner, fick {len(frame)}."
        )
    pop_cols = [c for c in frame.columns if c.startswith("folkmangd")]
    frame["population"] = pd.to_numeric(frame[pop_cols[-1]], errors="coerce") if pop_cols else np.nan
    for col in ("kommungrupp_2023_code", "kommungrupp_2017_code"):
        if col not in frame.columns:
            frame[col] = pd.NA
    return frame.set_index("kommunkod", drop=False).rename_axis(None)


def _load_long(path: Path) -> pd.DataFrame:
    frame = _read_csv(path, LONG_COLUMNS, dtype={"kommunkod": str, "kpi": str})
    _check_codes(frame, "kommunkod", path.name, allow_riket=True)
    frame["year"] = pd.to_numeric(frame["year"], errors="coerce")
    if frame["year"].isna().any():
        raise DataValidationError(f"Filen {path.name}, kolumnen 'year': år måste vara heltal.")
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce")
    frame = frame.dropna(subset=["value"])
    frame["year"] = frame["year"].astype(int)
    if frame.duplicated(["kommunkod", "year", "kpi"]).any():
        raise DataValidationError(
            f"Filen {path.name}, kolumnerna 'kommunkod', 'year', 'kpi': samma värde förekommer två gånger."
        )
    panel = frame.pivot(index=["year", "kommunkod"], columns="kpi", values="value")
    panel.columns.name = None
    return panel.sort_index()


def _load_panel(path: Path, cache_dir: Path | None) -> pd.DataFrame:
    """The KPI table from the binary cache when it matches the CSV, else parsed and cached."""
    panel = read_panel(cache_dir, path)
    if panel is None:
        panel = _load_long(path)
        write_panel(cache_dir, path, panel)
    return panel


def _load_uncached(folder: Path, expected: int, cache_dir: Path | None = None) -> KoladaData:
    if not folder.is_dir():
        raise DataValidationError(
            f"Datamappen {folder} finns inte. Ange mappen med miljövariabeln EFFEKT_KOLADA_DIR."
        )
    kommuner = _load_kommuner(folder, expected)
    long_path = _find_long_file(folder)
    panel = _load_panel(long_path, cache_dir)
    dictionary = _read_csv(folder / DICTIONARY_FILE, DICTIONARY_COLUMNS, dtype=str)
    dictionary = dictionary.drop_duplicates("kpi").set_index("kpi", drop=False).rename_axis(None)
    similar = _read_csv(folder / SIMILAR_FILE, SIMILAR_COLUMNS, dtype=str)
    _check_codes(similar, "ref_kommunkod", SIMILAR_FILE, allow_riket=False)
    _check_codes(similar, "member_kommunkod", SIMILAR_FILE, allow_riket=False)
    return KoladaData(
        path=folder,
        kommuner=kommuner,
        panel=panel,
        dictionary=dictionary,
        similar=similar,
        long_file=long_path.name,
    )


@functools.lru_cache(maxsize=4)
def _load_cached(folder: str, expected: int, cache_dir: str | None) -> KoladaData:
    return _load_uncached(Path(folder), expected, Path(cache_dir) if cache_dir else None)


def load_data(path: str | Path | None = None, *, expected_kommuner: int = N_KOMMUNER) -> KoladaData:
    """Load and validate the snapshot in ``path`` (default: the configured folder).

    Results are cached per resolved folder in memory, and the parsed KPI table
    on disk (:mod:`indices.cache`). Raises :class:`DataValidationError`.
    """
    settings = load_settings()
    folder = settings.kolada_dir if path is None else Path(path).expanduser()
    cache = str(settings.cache_dir) if settings.cache_dir is not None else None
    return _load_cached(str(folder.resolve()), expected_kommuner, cache)


def clear_cache() -> None:
    """Forget loaded snapshots (tests that point the setting elsewhere use this)."""
    _load_cached.cache_clear()
    _default_span.cache_clear()


def year_span(data: KoladaData | None = None) -> tuple[int, int]:
    """The first and last year the data holds, ``(2010, 2022)`` for the shipped snapshot.

    Read from ``data`` or, without it, from the configured snapshot (once, cached). When no
    snapshot can be loaded the span is :data:`FALLBACK_YEARS`, so the parts that only need
    the span (reading years in a question) still work without Kolada data.
    """
    if data is not None:
        return (data.years[0], data.years[-1]) if data.years else FALLBACK_YEARS
    return _default_span()


@functools.lru_cache(maxsize=1)
def _default_span() -> tuple[int, int]:
    try:
        return year_span(load_data())
    except DataValidationError:
        return FALLBACK_YEARS


def latest_year(data: KoladaData | None = None) -> int:
    """The last year with data: what ``year=None`` means throughout :mod:`indices`."""
    return year_span(data)[1]
