"""Every KPI in the snapshot as a typed record, with families and Swedish search.

A record joins Kolada's dictionary (title, description, operating area,
perspective) with what the data show (years and number of kommuner with a
value) and the curated file ``kpi_curated.json`` (direction, everyday synonyms,
unit exceptions, family defaults, peer-group area). Nothing about individual
KPIs is written in code.

Families: Kolada repeats a KPI with small differences (kommunala skolor /
hemkommun / exkl. nyinvandrade; kommun / kommunkoncern; lägeskommun / kommunal
/ enskild regi). Removing those qualifiers from the folded title gives the
family key; the member with the most general qualifier is the default.
Search (:mod:`indices.kpi_search`) returns the default first; the names of
kommuner and län in the snapshot are ignored in a query ("sjukfrånvaro i Gävle").
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .data import RIKET, KoladaData, load_data
from .kpi_search import KpiHit, SearchIndex
from .text import fold, tokens
from .units import parse_unit

CURATED_FILE = Path(__file__).resolve().parent / "kpi_curated.json"
_AREA_SPLIT = re.compile(r",(?=\S)")
_OVERGRIPANDE = "Kommunen, övergripande"


@dataclass(frozen=True)
class KpiRecord:
    """One KPI. ``direction``: +1 higher is better, -1 lower is better, 0 neither
    (costs and structure: only higher or lower). ``family`` is the id of the
    family's default member (the record's own id when it has no siblings)."""

    kpi: str
    title: str
    description: str
    operating_area: str
    perspective: str
    unit: str
    direction: int
    years: tuple[int, ...]
    n_kommuner: int
    family: str
    is_default: bool
    synonyms: tuple[str, ...]
    peer_area: str = "övergripande"

    @property
    def area(self) -> str:
        """The most specific operating area (Kolada lists "Kommunen, övergripande" first for many)."""
        parts = [p.strip() for p in _AREA_SPLIT.split(self.operating_area) if p.strip()]
        specific = [p for p in parts if p != _OVERGRIPANDE]
        return (specific or parts or [""])[0]

    @property
    def latest_year(self) -> int | None:
        return self.years[-1] if self.years else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kpi": self.kpi, "title": self.title, "description": self.description,
            "operating_area": self.operating_area, "area": self.area, "perspective": self.perspective,
            "unit": self.unit, "direction": self.direction, "years": list(self.years),
            "n_kommuner": self.n_kommuner, "family": self.family, "is_default": self.is_default,
            "synonyms": list(self.synonyms), "peer_area": self.peer_area,
        }


@functools.lru_cache(maxsize=1)
def curated() -> dict[str, Any]:
    """The curated data file, parsed."""
    return json.loads(CURATED_FILE.read_text(encoding="utf-8"))


def _direction(kpi: str, title: str, cur: dict[str, Any]) -> int:
    explicit = cur["directions"]
    if kpi in explicit:
        return int(explicit[kpi])
    t = fold(title)
    for pattern, direction in cur["direction_rules"]["rules"]:
        if re.search(pattern, t):
            return int(direction)
    return 0


def _family_key(title: str, unit: str, phrases: list[tuple[re.Pattern, int]]) -> tuple[str, int]:
    """(family key, qualifier preference) from the folded title."""
    t = " " + fold(" ".join(title.split())) + " "
    t = re.sub(r"\bak\.", "ak", t)
    pref = 0
    for pattern, rank in phrases:
        if pattern.search(t):
            pref = max(pref, rank)
            t = pattern.sub(" ", t)
    key = " ".join(re.sub(r"[^\w%+/-]+", " ", t).split())
    return f"{key}|{unit}", pref


def _coverage(data: KoladaData) -> tuple[dict[str, tuple[int, ...]], dict[str, int]]:
    """Years with a value for any kommun, and the number of kommuner in the latest of them."""
    panel = data.panel
    mask = panel.index.get_level_values("kommunkod") != RIKET
    values = panel.to_numpy()[mask]
    row_years = np.asarray(panel.index.get_level_values("year"))[mask]
    all_years = np.unique(row_years)
    counts = np.stack([(~np.isnan(values[row_years == y])).sum(axis=0) for y in all_years])
    years: dict[str, tuple[int, ...]] = {}
    latest_n: dict[str, int] = {}
    for j, kpi in enumerate(panel.columns):
        present = counts[:, j] > 0
        years[kpi] = tuple(int(y) for y in all_years[present])
        latest_n[kpi] = int(counts[present, j][-1]) if present.any() else 0
    return years, latest_n


class KpiCatalogue:
    """All KPIs of one snapshot. ``get`` raises ``KeyError`` with a Swedish message."""

    def __init__(self, records: list[KpiRecord], query_words: dict[str, Any] | None = None,
                 place_names: tuple[str, ...] = ()) -> None:
        self.records: tuple[KpiRecord, ...] = tuple(sorted(records, key=lambda r: r.kpi))
        self._by_id = {r.kpi: r for r in self.records}
        fam: dict[str, list[KpiRecord]] = {}
        for r in self.records:
            fam.setdefault(r.family, []).append(r)
        self._families = {k: tuple(sorted(v, key=lambda r: (not r.is_default, r.kpi))) for k, v in fam.items()}
        self._search: SearchIndex | None = None
        self._query_words = query_words or {}
        self._place_words = tuple(w for name in place_names for w in tokens(name))

    def __contains__(self, kpi: object) -> bool:
        return isinstance(kpi, str) and kpi.strip().upper() in self._by_id

    def __len__(self) -> int:
        return len(self.records)

    def get(self, kpi: str) -> KpiRecord:
        key = str(kpi).strip().upper()
        try:
            return self._by_id[key]
        except KeyError:
            raise KeyError(f"Nyckeltalet {kpi!r} finns inte i dataunderlaget.") from None

    def family(self, kpi: str) -> tuple[KpiRecord, ...]:
        """The family of ``kpi``, default member first."""
        return self._families[self.get(kpi).family]

    def search(self, text: str, limit: int = 10) -> list[KpiHit]:
        """KPIs for a Swedish phrase, best first; scores 0-1 (see :mod:`indices.kpi_search`)."""
        if self._search is None:  # built on first use: most callers only look records up
            ignore = (*self._query_words.get("ignore", ()), *self._place_words)
            self._search = SearchIndex(self.records, ignore, self._query_words.get("replace", {}))
        return self._search.search(text, limit)


def _build(data: KoladaData) -> KpiCatalogue:
    cur = curated()
    raw = sorted(((fold(p), int(r)) for p, r in cur["family_qualifiers"]["phrases"]), key=lambda t: -len(t[0]))
    phrases = [(re.compile(r"(?<![\w])" + re.escape(p) + r"(?![\w])"), r) for p, r in raw]
    units = {k: v for k, v in cur["units"].items() if k != "about"}
    synonyms = {k: tuple(v) for k, v in cur["synonyms"].items() if k != "about"}
    peer_areas = {k: v for k, v in cur["peer_areas"].items() if k != "about"}
    explicit_defaults = set(cur["family_qualifiers"]["defaults"])
    years, latest_n = _coverage(data)
    rows = []
    dictionary = data.dictionary.to_dict("index")
    for kpi in data.kpis:
        if kpi in dictionary:
            row = dictionary[kpi]
            title = " ".join(str(row["title"]).split())
            description = "" if pd.isna(row.get("description")) else str(row["description"]).strip()
            area = "" if pd.isna(row.get("operating_area")) else str(row["operating_area"])
            perspective = "" if pd.isna(row.get("perspective")) else str(row.get("perspective", ""))
        else:
            title, description, area, perspective = kpi, "", "", ""
        unit = units.get(kpi) or parse_unit(title)
        key, pref = _family_key(title, parse_unit(title), phrases)
        rows.append((kpi, title, description, area, perspective, unit, key, pref))
    families: dict[str, list[tuple]] = {}
    for r in rows:
        families.setdefault(r[6], []).append(r)
    default_of: dict[str, str] = {}
    for members in families.values():
        named = [m for m in members if m[0] in explicit_defaults]
        best = named[0] if named else min(members, key=lambda m: (m[7], -latest_n.get(m[0], 0), m[0]))
        for m in members:
            default_of[m[0]] = best[0]
    records = [
        KpiRecord(
            kpi=kpi, title=title, description=description, operating_area=area, perspective=perspective,
            unit=unit, direction=_direction(kpi, title, cur), years=years.get(kpi, ()),
            n_kommuner=latest_n.get(kpi, 0), family=default_of[kpi], is_default=default_of[kpi] == kpi,
            synonyms=synonyms.get(kpi, ()), peer_area=peer_areas.get(kpi[1:3], "övergripande"),
        )
        for kpi, title, description, area, perspective, unit, _, _ in rows
    ]
    names = tuple(str(n) for n in data.kommuner["kommun"]) + tuple(str(n) for n in data.kommuner["lan"].unique())
    return KpiCatalogue(records, cur.get("query_words"), names)


@functools.lru_cache(maxsize=4)
def _cached(data: KoladaData) -> KpiCatalogue:
    return _build(data)


def kpi_catalogue(data: KoladaData | None = None) -> KpiCatalogue:
    """The catalogue of every KPI in ``data`` (default: the configured snapshot); cached."""
    return _cached(data or load_data())
