"""One KPI value for one kommun, and rankings of kommuner, for any KPI in the snapshot.

Ranks count only kommuner that have a value; ties share the best place
(1, 2, 2, 4). The order follows the KPI's direction from the catalogue: higher
is better -> highest first, lower is better -> lowest first; for KPIs where
neither is better (costs, structure) the highest value comes first and the text
says "högst värde först", not "bäst". Kommuner without a value are counted and
named, never ranked. Missing data give ``None`` with a Swedish reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .catalogue import KpiRecord, kpi_catalogue
from .data import RIKET, KoladaData, load_data
from .kommuner import Kommun, resolve_kommun
from .provenance import KALLA_KOLADA
from .scope import scope_codes
from .units import swedish_number

ORDER_LABELS = {
    (1, 1): "högre är bättre: plats 1 = högst värde",
    (-1, -1): "lägre är bättre: plats 1 = lägst värde",
    (0, 1): "varken högre eller lägre är bättre: plats 1 = högst värde",
    (0, -1): "varken högre eller lägre är bättre: plats 1 = lägst värde",
    (1, -1): "plats 1 = lägst värde (omvänd ordning: högre är bättre)",
    (-1, 1): "plats 1 = högst värde (omvänd ordning: lägre är bättre)",
}


def fmt_value(value: float, unit: str) -> str:
    """A value in Swedish notation with its unit: '1 234,5 kr/elev'."""
    text = swedish_number(value) if abs(value) >= 1000 else swedish_number(value, 2).rstrip("0").rstrip(",")
    return f"{text} {unit}".strip()


def order_for(record: KpiRecord, direction: int | str | None) -> int:
    """+1: place 1 = highest value, -1: place 1 = lowest. ``None`` follows the KPI."""
    if direction is None:
        return -1 if record.direction < 0 else 1
    if isinstance(direction, str):
        key = direction.strip().casefold()
        if key in ("lowest", "lägst", "lagst", "low", "asc", "-1"):
            return -1
        if key in ("highest", "högst", "hogst", "high", "desc", "1", "+1"):
            return 1
        raise ValueError(f"Okänd ordning {direction!r}. Välj högst eller lägst.")
    return -1 if int(direction) < 0 else 1


def places(values: pd.Series, order: int) -> pd.Series:
    """Competition ranks of the non-missing values (ties share the best place)."""
    present = values.dropna()
    return present.rank(ascending=order < 0, method="min").astype(int)


def best_and_worst(values: pd.Series, direction: int) -> tuple[str | None, str | None]:
    """The index labels of the best and the worst of at least two values (by the KPI's
    direction; neutral KPIs: the highest and the lowest). Ties go to the first label."""
    ranks = places(values, -1 if direction < 0 else 1)
    if len(ranks) < 2:
        return None, None
    return ranks.idxmin(), ranks.idxmax()


@dataclass(frozen=True)
class RankInfo:
    position: int | None
    of: int
    direction: int
    order: str
    group: str = "alla kommuner med värde"

    def to_dict(self) -> dict[str, Any]:
        return {"position": self.position, "of": self.of, "direction": self.direction, "order": self.order,
                "group": self.group}


@dataclass(frozen=True)
class KpiValue:
    """A kommun's value of one KPI. ``value`` is ``None`` with ``reason`` when Kolada has none."""

    kommunkod: str
    kommun: str
    kpi: str
    title: str
    year: int | None
    value: float | None
    unit: str
    riket: float | None
    rank: RankInfo
    peer_rank: RankInfo | None
    note: str | None
    reason: str | None = None
    requested_year: int | None = None
    latest: tuple[int, float] | None = None
    source: str = KALLA_KOLADA

    def to_dict(self) -> dict[str, Any]:
        return {
            "kommunkod": self.kommunkod, "kommun": self.kommun, "kpi": self.kpi, "title": self.title,
            "year": self.year, "value": self.value, "unit": self.unit, "source": self.source,
            "riket": self.riket, "rank": self.rank.to_dict(),
            "peer_rank": self.peer_rank.to_dict() if self.peer_rank else None,
            "note": self.note, "reason": self.reason, "requested_year": self.requested_year,
            "latest": {"year": self.latest[0], "value": self.latest[1]} if self.latest else None,
        }


def _kommun_series(data: KoladaData, kod: str, kpi: str) -> pd.Series:
    """The kommun's values of ``kpi`` by year (only years with a value)."""
    if kpi not in data.panel.columns:
        return pd.Series(dtype=float)
    col = data.panel[kpi]
    try:
        s = col.xs(kod, level="kommunkod")
    except KeyError:
        return pd.Series(dtype=float)
    return s.dropna().sort_index()


def _rank_in(values: pd.Series, kod: str, order: int, record: KpiRecord, group: str) -> RankInfo:
    ranks = places(values, order)
    position = int(ranks[kod]) if kod in ranks.index else None
    return RankInfo(position, int(len(ranks)), order, ORDER_LABELS[(record.direction, order)], group)


def _peer_rank(k: Kommun, record: KpiRecord, year: int, order: int, data: KoladaData) -> RankInfo | None:
    from .peers import peer_group

    try:
        group = peer_group(k, record.peer_area, "kolada", data=data)
    except ValueError:
        return None
    values = data.series(record.kpi, year).reindex([k.kod, *group.codes])
    return _rank_in(values, k.kod, order, record, group.label)


def value(
    kommun: str | Kommun,
    kpi: str,
    year: int | None = None,
    data: KoladaData | None = None,
) -> KpiValue:
    """The kommun's value of ``kpi`` in ``year`` (default: its latest year with a value).

    Raises ``ValueError`` for an unknown kommun and ``KeyError`` for an unknown
    KPI; missing data never raise: the value is ``None`` with a reason such as
    "N15008 saknas i Kolada för 2022; senaste värde 2021: 101 234 kr/elev".
    """
    data = data or load_data()
    record = kpi_catalogue(data).get(kpi)
    k = kommun if isinstance(kommun, Kommun) else resolve_kommun(kommun, data)
    history = _kommun_series(data, k.kod, record.kpi)
    latest = (int(history.index[-1]), float(history.iloc[-1])) if len(history) else None
    order = order_for(record, None)
    note = reason = None
    if year is None:
        if latest is None:
            used = record.latest_year
            reason = f"{record.kpi} saknas i Kolada för {k.namn} (inget år har ett värde)"
        else:
            used = latest[0]
            note = f"Inget år angavs: senaste år med värde för {k.namn} är {used}."
            if record.latest_year and used < record.latest_year:
                note += f" Kolada har {record.latest_year} för andra kommuner."
    else:
        used = int(year)
    v = None
    if used is not None and reason is None:
        v = data.value(k.kod, record.kpi, used)
        if v is None:
            reason = f"{record.kpi} saknas i Kolada för {used}"
            if used not in data.years:
                reason = f"Året {used} finns inte i dataunderlaget ({data.years[0]}-{data.years[-1]})"
            if latest is not None:
                reason += f"; senaste värde {latest[0]}: {fmt_value(latest[1], record.unit)}"
            else:
                reason += f"; {k.namn} har inget värde något år"
    if used is not None and used in data.years:
        rank = _rank_in(data.series(record.kpi, used), k.kod, order, record, "alla kommuner med värde")
        peer = _peer_rank(k, record, used, order, data)
        riket = data.riket(record.kpi, used)
    else:
        rank = RankInfo(None, 0, order, ORDER_LABELS[(record.direction, order)])
        peer, riket = None, None
    return KpiValue(
        kommunkod=k.kod, kommun=k.namn, kpi=record.kpi, title=record.title, year=used, value=v,
        unit=record.unit, riket=riket, rank=rank, peer_rank=peer, note=note, reason=reason,
        requested_year=None if year is None else int(year), latest=latest,
    )


@dataclass(frozen=True)
class RankRow:
    position: int
    kommunkod: str
    kommun: str
    value: float

    def to_dict(self) -> dict[str, Any]:
        return {"position": self.position, "kommunkod": self.kommunkod, "kommun": self.kommun, "value": self.value}


@dataclass(frozen=True)
class Ranking:
    """Kommuner in ``scope`` ordered by one KPI. ``missing`` are the kommuner without a value."""

    kpi: str
    title: str
    unit: str
    year: int | None
    direction: int
    order: str
    scope: str
    rows: tuple[RankRow, ...]
    n_ranked: int
    missing: tuple[tuple[str, str], ...]
    riket: float | None
    note: str | None = None
    reason: str | None = None
    requested_year: int | None = None
    source: str = KALLA_KOLADA
    limit: int | None = field(default=None)

    @property
    def n_missing(self) -> int:
        return len(self.missing)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kpi": self.kpi, "title": self.title, "unit": self.unit, "year": self.year,
            "requested_year": self.requested_year, "direction": self.direction, "order": self.order,
            "scope": self.scope, "n_ranked": self.n_ranked, "n_missing": self.n_missing,
            "missing": [{"kommunkod": k, "kommun": n} for k, n in self.missing],
            "riket": self.riket, "note": self.note, "reason": self.reason, "source": self.source,
            "rows": [r.to_dict() for r in self.rows],
        }


def rank(
    kpi: str,
    year: int | None = None,
    scope: str | Sequence[str] | None = None,
    direction: int | str | None = None,
    limit: int | None = None,
    data: KoladaData | None = None,
) -> Ranking:
    """Rank the kommuner in ``scope`` by ``kpi``.

    ``scope``: ``None``/"alla", a län (name or code), an SKR kommungrupp code
    ("B4") or a list of kommuner. ``direction``: ``None`` follows the KPI
    (neither-better KPIs: highest first), +1/"högst" or -1/"lägst" forces it.
    ``year`` defaults to the latest year with a value in the scope (the note
    says so). ``limit`` keeps the first rows; ``missing`` always lists everyone
    without a value. Raises ``KeyError``/``ValueError`` for unknown input only.
    """
    data = data or load_data()
    record = kpi_catalogue(data).get(kpi)
    codes, scope_label = scope_codes(scope, data)
    order = order_for(record, direction)
    note = reason = None
    if year is None:
        present = [y for y in data.years if data.series(record.kpi, y).reindex(codes).notna().any()]
        used = present[-1] if present else None
        if used is not None:
            note = f"Inget år angavs: senaste år med värden är {used}."
        else:
            reason = f"{record.kpi} saknas i Kolada för {scope_label} (inget år har värden)"
    else:
        used = int(year)
    if used is not None and used in data.years:
        values = data.series(record.kpi, used).reindex(codes)
    else:
        values = pd.Series(float("nan"), index=codes)
    if used is not None and reason is None and values.notna().sum() == 0:
        have = [y for y in data.years if data.series(record.kpi, y).reindex(codes).notna().any()]
        reason = f"{record.kpi} saknas i Kolada för {used}" + (f"; senaste år med värden: {have[-1]}" if have else "")
    ranks = places(values, order)
    ordered = sorted(ranks.index, key=lambda c: (ranks[c], c))
    rows = tuple(RankRow(int(ranks[c]), c, data.name(c), float(values[c])) for c in ordered)
    if limit is not None:
        rows = rows[: max(0, int(limit))]
    missing = tuple((c, data.name(c)) for c in codes if pd.isna(values[c]))
    riket = data.riket(record.kpi, used) if used is not None and used in data.years else None
    return Ranking(
        kpi=record.kpi, title=record.title, unit=record.unit, year=used, direction=order,
        order=ORDER_LABELS[(record.direction, order)], scope=scope_label, rows=rows, n_ranked=len(ranks),
        missing=missing, riket=riket, note=note, reason=reason,
        requested_year=None if year is None else int(year), limit=limit,
    )
