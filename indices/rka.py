"""Resursindex, kvalitetsindex and effektivitetsindex per area and year.

Method: RKA's KPI descriptions (kpi_dictionary.csv: U15010, U15401, U15900,
U20008, U20404, U20900). Each measure is scaled 0-100 with
:func:`~indices.normalize.normalize_0_100`; a quality index is the unweighted mean
of its scaled measures for kommuner that have all of them, scaled again; the
efficiency index is the mean of the resource and quality index, scaled again.

What differs from RKA, because the snapshot lacks some inputs:

* Grundskola resursindex: the cost measure RKA scales is not in the snapshot;
  net cost deviation N15001 correlates only about 0.79 with U15010. The
  efficiency index therefore uses the published U15010; ours from N15001 is
  offered as ``resursindex_approx`` and labelled as an approximation.
* Grundskola kvalitetsindex: "utan elevenkät" (the three model deviations
  U15457, U15459, U15461; RKA adds a pupil survey index).
* Äldreomsorg resursindex: N20900 scaled, identical to the published U20008.
* Äldreomsorg kvalitetsindex: U21468, U21463, U23471, U23461 and U23401 (waiting
  days, lower is better). As RKA does, a measure missing for a whole year is
  taken from an adjacent year (the later one on a tie); in the snapshot that
  is the 2021 user survey, taken from 2022.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .areas import AreaSpec, get_area
from .data import KoladaData, load_data
from .units import INDEX_UNIT
from .normalize import normalize_0_100
from .provenance import EGNA_BERAKNINGAR, KALLA_KOLADA, Figure, figure

RESOURCE_APPROX_NOTE = (
    "Ungefärligt: RKA:s kostnadsmått för resursindex grundskola finns inte i "
    "dataunderlaget; detta är nettokostnadsavvikelsen N15001 normaliserad "
    "(korrelation ca 0,79 med publicerat U15010)."
)
GRUNDSKOLA_EFF_NOTE = (
    "Effektivitetsindex beräknat av publicerat resursindex U15010 och eget "
    "kvalitetsindex utan elevenkät."
)


def check_year(year: int, data: KoladaData) -> int:
    """Validate a year against the snapshot; raises ``ValueError`` in Swedish."""
    try:
        y = int(year)
    except (TypeError, ValueError):
        raise ValueError(f"Ogiltigt år: {year!r}.") from None
    if y not in data.years:
        raise ValueError(
            f"Året {y} finns inte i dataunderlaget ({data.years[0]}-{data.years[-1]})."
        )
    return y


def _filled_measure(data: KoladaData, kpi: str, year: int) -> tuple[pd.Series, int | None]:
    """The KPI for ``year``; if no kommun has it, the adjacent year's values."""
    s = data.series(kpi, year)
    if s.notna().any():
        return s, year
    for other in (year + 1, year - 1):
        if other in data.years and data.series(kpi, other).notna().any():
            return data.series(kpi, other), other
    return s, None


def quality_index(
    area: str | AreaSpec, year: int, data: KoladaData | None = None
) -> tuple[pd.Series, dict[str, int | None]]:
    """Our kvalitetsindex for every kommun, and the year each measure came from.

    Only kommuner with every measure get a value (NaN otherwise).
    """
    spec = area if isinstance(area, AreaSpec) else get_area(area)
    data = data or load_data()
    scaled, used = [], {}
    for kpi, direction in spec.quality:
        s, used_year = _filled_measure(data, kpi, year)
        used[kpi] = used_year
        scaled.append(normalize_0_100(s, higher_is_better=direction > 0))
    mean = pd.concat(scaled, axis=1).mean(axis=1, skipna=False)
    return normalize_0_100(mean, higher_is_better=True), used


def resource_index(area: str | AreaSpec, year: int, data: KoladaData | None = None) -> pd.Series:
    """Our resursindex: the area's net cost deviation scaled, lowest cost = 100.

    Exact for äldreomsorg (= U20008); an approximation for grundskola.
    """
    spec = area if isinstance(area, AreaSpec) else get_area(area)
    data = data or load_data()
    return normalize_0_100(data.series(spec.resource_basis, year), higher_is_better=False)


def efficiency_index(resource: pd.Series, quality: pd.Series) -> pd.Series:
    """Mean of resource and quality index where both exist, scaled again 0-100."""
    both = pd.concat([resource, quality], axis=1)
    mean = both.mean(axis=1, skipna=False)
    return normalize_0_100(mean, higher_is_better=True)


def efficiency_from_published(area: str | AreaSpec, year: int, data: KoladaData | None = None) -> pd.Series:
    """Effektivitetsindex recomputed from the published resource and quality indices."""
    spec = area if isinstance(area, AreaSpec) else get_area(area)
    data = data or load_data()
    return efficiency_index(
        data.series(spec.published_resource, year), data.series(spec.published_quality, year)
    )


@functools.lru_cache(maxsize=64)
def _frame(data: KoladaData, area_id: str, year: int) -> tuple[pd.DataFrame, tuple]:
    spec = get_area(area_id)
    quality, used = quality_index(spec, year, data)
    own_resource = resource_index(spec, year, data)
    if spec.resource_exact:
        resource = own_resource
    else:
        resource = data.series(spec.published_resource, year)
    frame = pd.DataFrame(
        {
            "kommun": data.kommuner["kommun"],
            "resursindex": resource,
            "resursindex_egen": own_resource,
            "kvalitetsindex": quality,
            "effektivitetsindex": efficiency_index(resource, quality),
        }
    )
    for kpi in (spec.published_resource, spec.published_quality, spec.published_efficiency):
        frame[kpi] = data.series(kpi, year)
    return frame, tuple(sorted(used.items()))


def rka_frame(area: str, year: int, data: KoladaData | None = None) -> tuple[pd.DataFrame, dict[str, int | None]]:
    """Internal table (one row per kommun) and the year each quality measure came from."""
    data = data or load_data()
    spec = get_area(area)
    year = check_year(year, data)
    frame, used = _frame(data, spec.id, year)
    return frame.copy(), dict(used)


def _filled_note(filled: dict[str, int]) -> str:
    return "Värden från intilliggande år: " + ", ".join(f"{k} från {y}" for k, y in filled.items()) + "."


def index_figures(kod: str, area: str, year: int, data: KoladaData | None = None) -> dict[str, Figure]:
    """Our three indices (and the approximate resource index) for one kommun."""
    data = data or load_data()
    spec = get_area(area)
    frame, used = rka_frame(spec.id, year, data)
    row = frame.loc[kod]
    q_kpis = tuple(k for k, _ in spec.quality)
    q_note = "Metod: " + spec.quality_label + "."
    filled = {k: y for k, y in used.items() if y is not None and y != year}
    if filled:
        q_note += " " + _filled_note(filled)
    q_reason = None
    if pd.isna(row["kvalitetsindex"]):
        lacking = [k for k, _ in spec.quality if data.value(kod, k, used.get(k) or year) is None]
        q_reason = (
            f"kan inte beräknas: {', '.join(lacking)} saknas i Kolada för {year}"
            if lacking else f"kan inte beräknas för {year}"
        )
    out: dict[str, Figure] = {}
    if spec.resource_exact:
        out["resursindex"] = figure(
            row["resursindex"], unit=INDEX_UNIT, kpis=(spec.resource_basis,), year=year,
            source=EGNA_BERAKNINGAR, label="Resursindex (egen beräkning, = publicerat "
            f"{spec.published_resource})",
        )
    else:
        out["resursindex"] = figure(
            row["resursindex"], unit=INDEX_UNIT, kpis=(spec.published_resource,), year=year,
            source=KALLA_KOLADA, label="Resursindex (publicerat av RKA)",
        )
        out["resursindex_approx"] = figure(
            row["resursindex_egen"], unit=INDEX_UNIT, kpis=(spec.resource_basis,), year=year,
            source=EGNA_BERAKNINGAR, label="Resursindex, ungefärligt (egen beräkning)",
            note=RESOURCE_APPROX_NOTE,
        )
    out["kvalitetsindex"] = figure(
        row["kvalitetsindex"], unit=INDEX_UNIT, kpis=q_kpis, year=year, source=EGNA_BERAKNINGAR,
        label="Kvalitetsindex (egen beräkning" + (", utan elevenkät)" if spec.id == "grundskola" else ")"),
        reason=q_reason, note=q_note,
    )
    e_reason = None
    if pd.isna(row["effektivitetsindex"]):
        missing = []
        if pd.isna(row["resursindex"]):
            basis = spec.resource_basis if spec.resource_exact else spec.published_resource
            missing.append(f"{basis} saknas i Kolada för {year}")
        if pd.isna(row["kvalitetsindex"]):
            missing.append("kvalitetsindex saknas")
        e_reason = "kan inte beräknas: " + " och ".join(missing)
    out["effektivitetsindex"] = figure(
        row["effektivitetsindex"], unit=INDEX_UNIT,
        kpis=((spec.resource_basis if spec.resource_exact else spec.published_resource),) + q_kpis,
        year=year, source=EGNA_BERAKNINGAR, label="Effektivitetsindex (egen beräkning)",
        reason=e_reason, note=None if spec.resource_exact else GRUNDSKOLA_EFF_NOTE,
    )
    return out


@dataclass(frozen=True)
class RkaTable:
    """Our indices for every kommun in one area and year.

    ``rows`` holds plain dicts (kommunkod, kommun, resursindex, kvalitetsindex,
    effektivitetsindex and, for grundskola, resursindex_approx); ``notes`` the
    method and source notes that apply to every row.
    """

    area: str
    year: int
    rows: tuple[dict[str, Any], ...]
    notes: tuple[str, ...]
    source: str = EGNA_BERAKNINGAR
    quality_years: dict[str, int | None] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "area": self.area,
            "year": self.year,
            "source": self.source,
            "notes": list(self.notes),
            "quality_years": dict(self.quality_years),
            "rows": [dict(r) for r in self.rows],
        }


def _num(v: Any) -> float | None:
    return None if pd.isna(v) else float(v)


def rka(area: str, year: int, data: KoladaData | None = None, include_all: bool = False) -> RkaTable:
    """Our RKA-style indices for every kommun that gets an effektivitetsindex.

    With ``include_all`` every kommun is listed, missing values as ``None``.
    Raises ``ValueError`` for an unknown area or year.
    """
    data = data or load_data()
    spec = get_area(area)
    frame, used = rka_frame(spec.id, year, data)
    if not include_all:
        frame = frame[frame["effektivitetsindex"].notna()]
    rows = []
    for kod, r in frame.iterrows():
        row = {
            "kommunkod": kod,
            "kommun": r["kommun"],
            "resursindex": _num(r["resursindex"]),
            "kvalitetsindex": _num(r["kvalitetsindex"]),
            "effektivitetsindex": _num(r["effektivitetsindex"]),
        }
        if not spec.resource_exact:
            row["resursindex_approx"] = _num(r["resursindex_egen"])
        rows.append(row)
    notes = [f"Kvalitetsindex: {spec.quality_label}."]
    if spec.resource_exact:
        notes.append(f"Resursindex: {spec.resource_basis} normaliserat "
                     f"(samma som publicerat {spec.published_resource}).")
    else:
        notes.append(f"Resursindex: publicerat {spec.published_resource} ({KALLA_KOLADA}).")
        notes.append("resursindex_approx: " + RESOURCE_APPROX_NOTE)
    filled = {k: y for k, y in used.items() if y is not None and y != int(year)}
    if filled:
        notes.append(_filled_note(filled))
    return RkaTable(area=spec.id, year=int(year), rows=tuple(rows), notes=tuple(notes), quality_years=used)


def correlation(a: pd.Series, b: pd.Series) -> tuple[float, int]:
    """Pearson correlation over kommuner with both values, and how many they are."""
    both = pd.concat([a, b], axis=1).dropna()
    if len(both) < 3:
        return float("nan"), len(both)
    return float(np.corrcoef(both.iloc[:, 0], both.iloc[:, 1])[0, 1]), len(both)
