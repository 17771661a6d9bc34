"""Resursindex, kvalitetsindex and effektivitetsindex per area and year.

Method: RKA's KPI descriptions (kpi_dictionary.csv). Each measure is scaled
0-100 with :func:`~indices.normalize.normalize_0_100`; an index with several
measures is their unweighted mean for kommuner that have all of them, scaled
again (one measure: the scaled measure itself); the effektivitetsindex is the
mean of the resource and quality index, scaled again. The components per area
are data (``areas.json``); where a component RKA uses is not in the snapshot,
our index is an approximation, says so, and RKA's published index feeds the
effektivitetsindex instead (``use_own`` false). A component "A/B" is the
relative difference (A / B - 1) x 100 (ekonomiskt bistånd: net cost against
model-based cost). A quality measure missing for a whole year is taken from an
adjacent year (the later one on a tie), as RKA does for the äldreomsorg survey.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from .areas import AreaSpec, get_area
from .data import KoladaData, latest_year, load_data
from .normalize import normalize_0_100
from .provenance import EGNA_BERAKNINGAR, KALLA_KOLADA

__all__ = ["RkaRow", "RkaTable", "check_year", "correlation", "efficiency_from_published", "efficiency_index",
           "index_figures", "quality_index", "resource_index", "rka", "rka_frame", "own_kpis"]


def check_year(year: int | None, data: KoladaData) -> int:
    """Validate a year against the snapshot (``None``: the latest year with data);
    raises ``ValueError`` in Swedish."""
    if year is None:
        return latest_year(data)
    try:
        y = int(year)
    except (TypeError, ValueError):
        raise ValueError(f"Ogiltigt år: {year!r}.") from None
    if y not in data.years:
        raise ValueError(f"Året {y} finns inte i dataunderlaget ({data.years[0]}-{data.years[-1]}).")
    return y


def require_rka(spec: AreaSpec) -> AreaSpec:
    if not spec.has_rka:
        raise ValueError(f"RKA publicerar inga resurs-, kvalitets- eller effektivitetsindex för {spec.label.lower()}.")
    return spec


def measure(data: KoladaData, component: str, year: int) -> pd.Series:
    """One component for every kommun: a KPI, or "A/B" as (A / B - 1) x 100."""
    if "/" in component:
        a, b = component.split("/", 1)
        den = data.series(b, year).where(lambda s: s != 0)
        return (data.series(a, year) / den - 1.0) * 100.0
    return data.series(component, year)


def _filled(data: KoladaData, component: str, year: int) -> tuple[pd.Series, int | None]:
    s = measure(data, component, year)
    if s.notna().any():
        return s, year
    for other in (year + 1, year - 1):
        if other in data.years and measure(data, component, other).notna().any():
            return measure(data, component, other), other
    return s, None


def composite(parts: list[tuple[pd.Series, int]], index: pd.Index) -> pd.Series:
    """Scale each measure, average where all exist and scale again (one measure: scaled once)."""
    if not parts:
        return pd.Series(np.nan, index=index, dtype=float)
    scaled = [normalize_0_100(s, higher_is_better=d > 0) for s, d in parts]
    if len(scaled) == 1:
        return scaled[0]
    return normalize_0_100(pd.concat(scaled, axis=1).mean(axis=1, skipna=False), higher_is_better=True)


def quality_index(area: str | AreaSpec, year: int, data: KoladaData | None = None
                  ) -> tuple[pd.Series, dict[str, int | None]]:
    """Our kvalitetsindex for every kommun, and the year each measure came from."""
    spec = get_area(area)
    data = data or load_data()
    parts, used = [], {}
    for kpi, direction in spec.quality:
        s, used_year = _filled(data, kpi, year)
        used[kpi] = used_year
        parts.append((s, direction))
    return composite(parts, data.kommuner.index), used


def resource_components(spec: AreaSpec, year: int, data: KoladaData) -> tuple[tuple[str, int], ...]:
    """The primary components, or the fallback when a primary one is missing for the whole year."""
    if spec.resource_fallback and any(measure(data, k, year).isna().all() for k, _ in spec.resource):
        return spec.resource_fallback
    return spec.resource


def resource_index(area: str | AreaSpec, year: int, data: KoladaData | None = None) -> pd.Series:
    """Our resursindex (lowest cost = 100) from the area's cost components."""
    spec = get_area(area)
    data = data or load_data()
    parts = [(measure(data, k, year), d) for k, d in resource_components(spec, year, data)]
    return composite(parts, data.kommuner.index)


def efficiency_index(resource: pd.Series, quality: pd.Series) -> pd.Series:
    """Mean of resource and quality index where both exist, scaled again 0-100."""
    mean = pd.concat([resource, quality], axis=1).mean(axis=1, skipna=False)
    return normalize_0_100(mean, higher_is_better=True)


def efficiency_from_published(area: str | AreaSpec, year: int, data: KoladaData | None = None) -> pd.Series:
    """Effektivitetsindex recomputed from the published resource and quality indices."""
    spec = require_rka(get_area(area))
    data = data or load_data()
    return efficiency_index(data.series(spec.published_resource, year), data.series(spec.published_quality, year))


@functools.lru_cache(maxsize=64)
def _frame(data: KoladaData, area_id: str, year: int) -> tuple[pd.DataFrame, tuple]:
    spec = get_area(area_id)
    own_q, used = quality_index(spec, year, data)
    own_r = resource_index(spec, year, data)
    resource = own_r if spec.resource_use_own else data.series(spec.published_resource, year)
    quality = own_q if spec.quality_use_own else data.series(spec.published_quality, year)
    frame = pd.DataFrame({
        "kommun": data.kommuner["kommun"], "resursindex": resource, "resursindex_egen": own_r,
        "kvalitetsindex": quality, "kvalitetsindex_egen": own_q,
        "effektivitetsindex": efficiency_index(resource, quality),
    })
    for kpi in (spec.published_resource, spec.published_quality, spec.published_efficiency):
        frame[kpi] = data.series(kpi, year)
    return frame, tuple(sorted(used.items()))


def rka_frame(area: str, year: int, data: KoladaData | None = None) -> tuple[pd.DataFrame, dict[str, int | None]]:
    """Internal table (one row per kommun) and the year each quality measure came from."""
    data = data or load_data()
    spec = require_rka(get_area(area))
    year = check_year(year, data)
    needed = (spec.published_resource, spec.published_quality, spec.published_efficiency)
    if not any(k in data.panel.columns for k in needed):
        raise ValueError(f"Dataunderlaget {data.path} saknar RKA:s index för {spec.label.lower()} ({', '.join(needed)}).")
    frame, used = _frame(data, spec.id, year)
    return frame.copy(), dict(used)


@dataclass(frozen=True)
class RkaRow:
    """One kommun's indices in an :class:`RkaTable` (``None`` where missing).

    ``resursindex_approx``/``kvalitetsindex_approx`` hold our approximation where the
    shown index is RKA's published one and ours is only a method detail.
    """

    kommunkod: str
    kommun: str
    resursindex: float | None
    kvalitetsindex: float | None
    effektivitetsindex: float | None
    resursindex_approx: float | None = None
    kvalitetsindex_approx: float | None = None

    def index(self, kind: str) -> float | None:
        """The value of ``kind`` (resursindex, kvalitetsindex, effektivitetsindex or an _approx)."""
        if kind not in _ROW_KINDS:
            raise KeyError(f"okänt index: {kind!r}")
        return getattr(self, kind)


_ROW_KINDS = ("resursindex", "kvalitetsindex", "effektivitetsindex", "resursindex_approx", "kvalitetsindex_approx")


@dataclass(frozen=True)
class RkaTable:
    """Our indices for every kommun in one area and year: typed ``rows`` and the method ``notes``."""

    area: str
    year: int
    rows: tuple[RkaRow, ...]
    notes: tuple[str, ...]
    source: str = EGNA_BERAKNINGAR
    quality_years: dict[str, int | None] = field(default_factory=dict)

    def row(self, kod: str) -> RkaRow | None:
        """The row of one kommun, ``None`` when the table does not list it."""
        return next((r for r in self.rows if r.kommunkod == kod), None)

    def values(self, kind: str) -> dict[str, float | None]:
        """kommunkod -> the value of one index kind, for every listed kommun."""
        return {r.kommunkod: r.index(kind) for r in self.rows}

    def to_dict(self) -> dict[str, Any]:
        spec = get_area(self.area)
        shown = ["kommunkod", "kommun", "resursindex", "kvalitetsindex", "effektivitetsindex"]
        if not spec.resource_use_own and spec.resource:
            shown.append("resursindex_approx")
        if not spec.quality_use_own and spec.quality:
            shown.append("kvalitetsindex_approx")
        return {"area": self.area, "year": self.year, "source": self.source, "notes": list(self.notes),
                "quality_years": dict(self.quality_years),
                "rows": [{k: getattr(r, k) for k in shown} for r in self.rows]}


def _num(v: Any) -> float | None:
    return None if pd.isna(v) else float(v)


def rka(area: str, year: int | None = None, data: KoladaData | None = None, include_all: bool = False) -> RkaTable:
    """Our RKA-style indices for every kommun that gets an effektivitetsindex.

    With ``include_all`` every kommun is listed, missing values as ``None``; ``year=None``
    is the latest year with data. Raises ``ValueError`` for an unknown area or year, or an
    area without RKA indices.
    """
    data = data or load_data()
    spec = require_rka(get_area(area))
    year = check_year(year, data)
    frame, used = rka_frame(spec.id, year, data)
    if not include_all:
        frame = frame[frame["effektivitetsindex"].notna()]
    approx_r = not spec.resource_use_own and bool(spec.resource)
    approx_q = not spec.quality_use_own and bool(spec.quality)
    rows = tuple(
        RkaRow(kod, r["kommun"], _num(r["resursindex"]), _num(r["kvalitetsindex"]), _num(r["effektivitetsindex"]),
               _num(r["resursindex_egen"]) if approx_r else None, _num(r["kvalitetsindex_egen"]) if approx_q else None)
        for kod, r in frame.iterrows()
    )
    notes = []
    for what, own, published, label in (("Resursindex", spec.resource_use_own, spec.published_resource,
                                         spec.resource_label),
                                        ("Kvalitetsindex", spec.quality_use_own, spec.published_quality,
                                         spec.quality_label)):
        if own:
            notes.append(f"{what}: egen beräkning, {label}.")
        else:
            notes.append(f"{what}: publicerat {published} ({KALLA_KOLADA}). Egen beräkning: {label}.")
    comps = resource_components(spec, int(year), data)
    if comps != spec.resource:
        notes.append(f"Resursindex {year}: ersättningsmått {', '.join(k for k, _ in comps)} (ungefärligt).")
    filled = {k: y for k, y in used.items() if y is not None and y != int(year)}
    if filled:
        notes.append("Värden från intilliggande år: " + ", ".join(f"{k} från {y}" for k, y in filled.items()) + ".")
    return RkaTable(area=spec.id, year=int(year), rows=rows, notes=tuple(notes), quality_years=used)


def correlation(a: pd.Series, b: pd.Series) -> tuple[float, int]:
    """Pearson correlation over kommuner with both values, and how many they are."""
    both = pd.concat([a, b], axis=1).dropna()
    if len(both) < 3:
        return float("nan"), len(both)
    return float(np.corrcoef(both.iloc[:, 0], both.iloc[:, 1])[0, 1]), len(both)


from .rka_figures import index_figures, own_kpis  # noqa: E402  (needs the functions above)
