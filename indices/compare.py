"""Compare a kommun with its peers and follow a KPI over time.

The peer median is the plain median over the peers that have a value; the rank
counts the kommun together with those peers, 1 = best by the KPI's direction
(:mod:`indices.catalogue`; for KPIs where neither is better, such as costs,
1 = highest value). Riket is Kolada's
code 0000.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd

from .areas import get_area
from .data import RIKET, KoladaData, load_data
from .kommuner import Kommun, resolve_kommun
from .kpis import check_kpis, kpi_info
from .peers import PeerGroup, resolve_peers
from .provenance import EGNA_BERAKNINGAR, KALLA_KOLADA, Figure, figure
from .rka import check_year


def rank_among(values: pd.Series, kod: str, direction: int) -> tuple[int | None, int]:
    """Rank of ``kod`` among the non-missing ``values`` (1 = best) and the count."""
    present = values.dropna()
    if kod not in present.index:
        return None, len(present)
    ascending = direction < 0
    ranks = present.rank(ascending=ascending, method="min")
    return int(ranks[kod]), len(present)


@dataclass(frozen=True)
class KommunValue:
    """One peer's value of a KPI (``None`` where Kolada has none)."""

    kommunkod: str
    kommun: str
    value: float | None


@dataclass(frozen=True)
class ComparisonRow:
    kpi: str
    label: str
    unit: str
    direction: int
    kommun: Figure
    peer_median: Figure
    riket: Figure
    rank: int | None
    of: int
    peers: tuple[KommunValue, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kpi": self.kpi, "label": self.label, "unit": self.unit, "direction": self.direction,
            "kommun": self.kommun.to_dict(), "peer_median": self.peer_median.to_dict(),
            "riket": self.riket.to_dict(), "rank": self.rank, "of": self.of,
            "peers": [asdict(p) for p in self.peers],
        }


@dataclass(frozen=True)
class Comparison:
    kommunkod: str
    kommun: str
    year: int
    peer_group: PeerGroup
    rows: tuple[ComparisonRow, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kommunkod": self.kommunkod, "kommun": self.kommun, "year": self.year,
            "peer_group": self.peer_group.to_dict(), "rows": [r.to_dict() for r in self.rows],
            "rank_note": ("Rang 1 = bäst enligt nyckeltalets riktning, bland kommunen och jämförelsegruppen; "
                          "för nyckeltal utan bättre eller sämre riktning (t.ex. kostnader) = högst värde."),
        }


def _default_kpis(area: str) -> list[str]:
    spec = get_area(area)
    if not spec.has_rka:
        return list(dict.fromkeys(spec.cost_kpis + spec.quality_kpis))
    kpis = [spec.published_efficiency, spec.published_resource, spec.published_quality,
            spec.deviation_pct, *spec.dea_inputs, *spec.dea_outputs]
    return list(dict.fromkeys(k for k in kpis if k and "/" not in k))


def compare(
    kommun: str | Kommun,
    peers: str | Sequence[str] | PeerGroup | None = None,
    kpis: Sequence[str] | None = None,
    area: str = "grundskola",
    year: int | None = None,
    snapshot: str | None = None,
    data: KoladaData | None = None,
) -> Comparison:
    """The kommun, its peer median, its rank among the peers and Riket, per KPI.

    ``peers``: "kolada" (default), "kommungrupp", "lan", a list of kommuner or a
    :class:`PeerGroup`. ``kpis`` default to the area's published indices and main
    cost and result KPIs. Raises ``ValueError`` for bad input.
    """
    data = data or load_data()
    year = check_year(year, data)
    k = kommun if isinstance(kommun, Kommun) else resolve_kommun(kommun, data)
    group = resolve_peers(k, peers, area, snapshot, data)
    kpi_list = check_kpis(list(kpis) if kpis else _default_kpis(area), data)
    rows = []
    for kpi in kpi_list:
        info = kpi_info(kpi, data)
        s = data.series(kpi, year)
        peer_vals = s.reindex(group.codes)
        present = peer_vals.dropna()
        rank, of = rank_among(pd.concat([s.reindex([k.kod]), present]), k.kod, info.direction)
        rows.append(ComparisonRow(
            kpi=kpi, label=data.kpi_title(kpi), unit=info.unit, direction=info.direction,
            kommun=figure(s.get(k.kod), unit=info.unit, kpis=(kpi,), year=year, source=KALLA_KOLADA, label=k.namn),
            peer_median=figure(
                present.median() if len(present) else None, unit=info.unit, kpis=(kpi,), year=year,
                source=EGNA_BERAKNINGAR, label=f"Median, {group.label}",
                reason=None if len(present) else f"{kpi} saknas för jämförelsegruppen i Kolada för {year}",
            ),
            riket=figure(data.riket(kpi, year), unit=info.unit, kpis=(kpi,), year=year, source=KALLA_KOLADA,
                         label="Riket"),
            rank=rank, of=of,
            peers=tuple(KommunValue(c, data.name(c), None if pd.isna(v) else float(v))
                        for c, v in peer_vals.items()),
        ))
    return Comparison(kommunkod=k.kod, kommun=k.namn, year=year, peer_group=group, rows=tuple(rows))


@dataclass(frozen=True)
class TrendPoint:
    year: int
    kommun: Figure
    peer_median: Figure
    riket: Figure

    def to_dict(self) -> dict[str, Any]:
        return {"year": self.year, "kommun": self.kommun.to_dict(),
                "peer_median": self.peer_median.to_dict(), "riket": self.riket.to_dict()}


@dataclass(frozen=True)
class Trend:
    kommunkod: str
    kommun: str
    kpi: str
    label: str
    unit: str
    peer_group: PeerGroup
    points: tuple[TrendPoint, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"kommunkod": self.kommunkod, "kommun": self.kommun, "kpi": self.kpi, "label": self.label,
                "unit": self.unit, "peer_group": self.peer_group.to_dict(),
                "points": [p.to_dict() for p in self.points]}


def trend(
    kommun: str | Kommun,
    kpi: str,
    peers: str | Sequence[str] | PeerGroup | None = None,
    area: str = "grundskola",
    years: Sequence[int] | None = None,
    snapshot: str | None = None,
    data: KoladaData | None = None,
) -> Trend:
    """One KPI per year for the kommun, its peers' median and Riket (0000).

    ``years`` default to every year in the snapshot. Missing years
    are explicit ``None`` values with a reason.
    """
    data = data or load_data()
    (kpi,) = check_kpis([kpi], data)
    k = kommun if isinstance(kommun, Kommun) else resolve_kommun(kommun, data)
    group = resolve_peers(k, peers, area, snapshot, data)
    info = kpi_info(kpi, data)
    points = []
    for year in (years or data.years):
        year = check_year(year, data)
        s = data.series(kpi, year)
        present = s.reindex(group.codes).dropna()
        points.append(TrendPoint(
            year=year,
            kommun=figure(data.value(k.kod, kpi, year), unit=info.unit, kpis=(kpi,), year=year,
                          source=KALLA_KOLADA, label=k.namn),
            peer_median=figure(present.median() if len(present) else None, unit=info.unit, kpis=(kpi,),
                               year=year, source=EGNA_BERAKNINGAR, label=f"Median, {group.label}",
                               reason=None if len(present) else
                               f"{kpi} saknas för jämförelsegruppen i Kolada för {year}"),
            riket=figure(data.value(RIKET, kpi, year), unit=info.unit, kpis=(kpi,), year=year,
                         source=KALLA_KOLADA, label="Riket"),
        ))
    return Trend(kommunkod=k.kod, kommun=k.namn, kpi=kpi, label=data.kpi_title(kpi), unit=info.unit,
                 peer_group=group, points=tuple(points))
