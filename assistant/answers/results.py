"""Typed results the answer handlers return and the composers read.

Each result is frozen and has ``to_dict()``: that dict is the tool output recorded on
the answer, so every number the composer prints can be traced to it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from indices.provenance import KALLA_KOLADA
from indices.summaries import LearnFrom
from indices.verdict import Verdict


@dataclass(frozen=True)
class KpiMeta:
    kpi: str
    title: str
    unit: str  # "%", "kr/elev", "index", "invånare", "dagar", ...
    direction: int  # +1 higher is better, -1 lower is better, 0 neither
    area: str | None = None


@dataclass(frozen=True)
class Value:
    """One kommun's value of one KPI in one year, with its context."""

    kommunkod: str
    kommun: str
    kpi: KpiMeta
    year: int
    value: float | None
    riket: float | None = None
    rank: int | None = None  # among all kommuner with a value, 1 = best (or highest when neutral)
    of: int | None = None
    peer_rank: int | None = None  # among the kommun and Kolada's liknande kommuner
    peer_of: int | None = None
    peer_label: str = ""
    asked_year: int | None = None  # when the asked year had no value and an earlier one is shown
    source: str = KALLA_KOLADA

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class RankRow:
    place: int
    kommunkod: str
    kommun: str
    value: float


@dataclass(frozen=True)
class Ranking:
    kpi: KpiMeta
    year: int
    scope_label: str  # "alla kommuner", "Hallands län", "kommungrupp C7"
    direction: str  # max | min
    rows: tuple[RankRow, ...]
    n: int  # kommuner with a value in the scope
    focus: RankRow | None = None  # "Vilken plats har X": that kommun's row
    source: str = KALLA_KOLADA
    missing: tuple[str, ...] = ()  # kommuner in the scope without a value, by name
    n_scope: int = 0  # kommuner in the scope, with a value or not
    n_missing: int = 0  # len(missing), carried so the count an answer gives is in the result

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class TrendPoint:
    year: int
    value: float | None
    riket: float | None


@dataclass(frozen=True)
class Trend:
    kommunkod: str
    kommun: str
    kpi: KpiMeta
    points: tuple[TrendPoint, ...]
    first: TrendPoint | None
    last: TrendPoint | None
    change: float | None  # last - first
    change_pct: float | None
    riket_change: float | None
    direction_word: str  # "ökat", "minskat", "oförändrat"
    source: str = KALLA_KOLADA

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ComparisonRow:
    kpi: KpiMeta
    values: tuple[tuple[str, str, float | None], ...]  # (kod, namn, value)
    year: int
    best: str | None  # name of the best (or highest when neutral)
    worst: str | None
    riket: float | None


@dataclass(frozen=True)
class Comparison:
    kommuner: tuple[tuple[str, str], ...]
    rows: tuple[ComparisonRow, ...]
    year: int
    missing_note: str = ""
    source: str = KALLA_KOLADA

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Peers:
    kommunkod: str
    kommun: str
    area: str
    label: str
    members: tuple[tuple[str, str], ...]
    source: str = KALLA_KOLADA

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class CostAndIndex:
    """A kommun's effektivitetsindex and cost in a learn-from answer (``None`` where missing)."""

    kommunkod: str
    kommun: str
    effektivitetsindex: float | None
    kostnad: float | None


@dataclass(frozen=True)
class Exemplars:
    """Whom a kommun can learn from: liknande kommuner that do better for less, and DEA's peers."""

    kommunkod: str
    kommun: str
    area: str
    year: int
    own: CostAndIndex
    cost_kpi: KpiMeta
    efficiency_kpi: str
    better: tuple[CostAndIndex, ...]  # peers with higher effektivitetsindex and lower cost
    dea: LearnFrom | None = None  # indices.summaries.learn_from over the area's DEA; None without one
    peer_label: str = ""
    source: str = KALLA_KOLADA

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class AreaProfile:
    kommunkod: str
    kommun: str
    area: str
    year: int
    verdict: Verdict | None  # the one rule (indices.verdict); None for an area without the indices
    deviation: Value | None  # nettokostnadsavvikelse %
    figures: tuple[Value, ...]  # the area's indices and key figures
    peer_label: str = ""
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        if self.verdict is not None:  # the tool output: the verdict with its Swedish words
            v = self.verdict
            out["verdict"] = {**v.to_dict(), "cost_word": v.cost_word, "quality_word": v.quality_word,
                              "basis_text": v.basis_text()}
        return out


@dataclass(frozen=True)
class KpiHitRow:
    """One key figure from the catalogue that fits a question (no values)."""

    kpi: str
    title: str
    area: str  # area id, "" when the figure belongs to no area
    n_kommuner: int  # kommuner with a value in the last year
    description: str = ""


@dataclass(frozen=True)
class KpiList:
    query: str
    hits: tuple[KpiHitRow, ...]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
