"""Small readers over a kommun's figures that every tab and document shows.

The memo, the debate brief and the explorer never compute a number themselves: peer
medians, a rank with what it counts, the DEA cost reduction and whom to learn from, a
trend's change against Riket, the best savings scenario and the verdict of a profile
(:func:`profile_verdict`, the rule of :mod:`indices.verdict`) all come from here, as
:class:`~indices.provenance.Figure` values with their provenance.

Method sources: the peer median and rank follow :mod:`indices.compare` (plain median
over the peers with a value; rank 1 = best, ties share the lower rank); the DEA cost
reduction is 1 − θ of an input-oriented score θ (Farrell 1957: the share by which all
inputs can shrink for the same outputs); the DEA peers' weights are their λ shares.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from .compare import Trend
from .costs import Savings, SavingsScenario
from .areas import get_area
from .data import KoladaData
from .efficiency import DeaSummary
from .profile import Profile
from .kpis import kpi_info
from .provenance import EGNA_BERAKNINGAR, Figure, figure
from .rka import rka_frame
from .verdict import Verdict, verdict

INDEX_KEYS = ("resursindex", "kvalitetsindex", "effektivitetsindex")
FRONTIER = 0.999  # a DEA score at or above this is on the frontier


def peer_median(values: pd.Series | Mapping[str, float | None], codes: Sequence[str]) -> tuple[float | None, int]:
    """The median over ``codes`` that have a value, and how many had one."""
    series = pd.Series(values, dtype=float).reindex(list(codes)).dropna()
    return (float(series.median()), len(series)) if len(series) else (None, 0)


def peer_medians(area: str, year: int, codes: Sequence[str], keys: Sequence[str],
                 data: KoladaData) -> dict[str, Figure]:
    """Peer-group medians of our indices (``INDEX_KEYS``) and of Kolada KPIs, by key."""
    out: dict[str, Figure] = {}
    for key in keys:
        if key in INDEX_KEYS:
            if not get_area(area).has_rka:
                continue
            values, unit, kpis = rka_frame(area, year, data)[0][key], "index 0-100", (key,)
        elif key in data.kpis:
            values, unit, kpis = data.series(key, year), kpi_info(key).unit, (key,)
        else:
            continue
        value, _ = peer_median(values, codes)
        out[key] = figure(value, unit=unit, kpis=kpis, year=year, source=EGNA_BERAKNINGAR,
                          label="Median för jämförelsegruppen",
                          reason=None if value is not None else "ingen kommun i jämförelsegruppen har värdet")
    return out


@dataclass(frozen=True)
class Placement:
    """A rank that says what it counts: rank among those with a value, of the whole group."""

    rank: int | None
    with_data: int  # the kommun and its peers that have a value
    group_size: int  # the kommun and all its peers
    missing: tuple[str, ...]  # names of the peers (or the kommun) without a value
    kommun_has_value: bool


def placement(values: pd.Series | Mapping[str, float | None], kod: str,
              members: Sequence[tuple[str, str]], kommun_name: str, direction: int = 1) -> Placement:
    """Rank of ``kod`` among itself and ``members`` ((code, name) pairs), 1 = best.

    ``direction`` 1: higher is better; -1: lower is better. Ties share the lower rank.
    """
    names = {kod: kommun_name, **dict(members)}
    codes = list(dict.fromkeys([kod, *(c for c, _ in members)]))
    series = pd.Series(values, dtype=float).reindex(codes)
    present = series.dropna()
    missing = tuple(names[c] for c in codes if c not in present.index)
    rank = None
    if kod in present.index:
        rank = int(present.rank(ascending=direction < 0, method="min")[kod])
    return Placement(rank, len(present), len(codes), missing, kod in present.index)


def index_placement(area: str, year: int, kod: str, members: Sequence[tuple[str, str]], kommun_name: str,
                    kind: str, published_kpi: str | None, data: KoladaData) -> Placement:
    """Placement on one index: RKA's published series when ``published_kpi`` is given,
    our own (:mod:`indices.rka`) otherwise."""
    if published_kpi:
        values = data.series(published_kpi, year)
    elif get_area(area).has_rka:
        values = rka_frame(area, year, data)[0][kind]
    else:  # an area without RKA's indices: nobody has a value
        values = pd.Series(dtype=float)
    return placement(values, kod, members, kommun_name, 1)


@dataclass(frozen=True)
class LearnFrom:
    """Whom DEA says to learn from, and how much lower the cost could be for the same results."""

    on_frontier: bool
    peers: tuple[tuple[str, str, float], ...]  # (code, name, weight in % of the λ sum)
    reduction: Figure  # % lower cost for at least the same results (1 − θ)
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    input_titles: tuple[str, ...] = ()  # the inputs' KPI titles ("Kostnad äldreomsorg, kr/inv 65+")


def cost_reduction(score: Figure) -> Figure:
    """(1 − θ) × 100: how much lower the input could be for the same outputs, in %."""
    value = None if score.value is None else max(0.0, (1.0 - score.value) * 100.0)
    return figure(value, unit="%", kpis=score.kpis, year=score.year, source=EGNA_BERAKNINGAR,
                  label="Lägre kostnad för samma resultat (DEA)", reason=score.reason)


def learn_from(dea: DeaSummary, data: KoladaData | None = None) -> LearnFrom:
    """The DEA peers of one kommun with their weights (``peers`` empty when it is on the
    frontier); with ``data`` the inputs' KPI titles too. Typed only: the sentence is
    written by the assistant."""
    others = [p for p in dea.peers if p.kommunkod != dea.kommunkod]
    on_frontier = dea.score.value is not None and dea.score.value >= FRONTIER
    total = sum(p.weight for p in others) or 1.0
    peers = tuple((p.kommunkod, p.kommun, p.weight / total * 100.0) for p in others)
    titles = tuple(data.kpi_title(k) for k in dea.inputs) if data is not None else ()
    return LearnFrom(on_frontier, () if on_frontier else peers, cost_reduction(dea.score), dea.inputs, dea.outputs,
                     titles)


@dataclass(frozen=True)
class TrendChange:
    """A KPI's change between two years for the kommun and for Riket, in the KPI's unit."""

    kpi: str
    unit: str
    first_year: int
    last_year: int
    first: Figure
    last: Figure
    change: Figure
    riket_change: Figure
    better_than_riket: bool | None  # None when Riket's change is unknown or equal
    change_pct: Figure  # the change in percent of the first value (None when that is 0)


def trend_change(trend: Trend) -> TrendChange | None:
    """From the kommun's first year with a value to the last year of ``trend``; None when the
    last year lacks a value or only one year has one. Riket's change is taken over the same
    two years (None when Riket lacks either); "better" follows the KPI's direction (neutral: higher)."""
    with_value = [p for p in trend.points if p.kommun.value is not None]
    first = with_value[0] if with_value else None
    last = trend.points[-1] if trend.points else None
    if first is None or last is None or last.kommun.value is None or first is last:
        return None
    kpis, unit = (trend.kpi,), trend.unit
    change = last.kommun.value - first.kommun.value
    riket = (None if first.riket.value is None or last.riket.value is None
             else last.riket.value - first.riket.value)
    label = f"Förändring {first.year}–{last.year}"

    def fig(value: float | None, who: str) -> Figure:
        return figure(value, unit=unit, kpis=kpis, year=last.year, source=EGNA_BERAKNINGAR,
                      label=f"{label}, {who}", reason=None if value is not None else
                      f"{trend.kpi} saknas för riket {first.year} eller {last.year}")

    direction = kpi_info(trend.kpi).direction or 1
    better = None if riket is None or change == riket else direction * change > direction * riket
    base = first.kommun.value
    pct = figure(change / base * 100.0 if base else None, unit="%", kpis=kpis, year=last.year,
                 source=EGNA_BERAKNINGAR, label=f"{label} i procent, {trend.kommun}",
                 reason=None if base else f"{trend.kpi} är 0 år {first.year}: ingen procentuell förändring")
    return TrendChange(trend.kpi, unit, first.year, last.year, first.kommun, last.kommun,
                       fig(change, trend.kommun), fig(riket, "riket"), better, pct)


def best_saving(savings: Savings) -> SavingsScenario | None:
    """The scenario with the largest positive saving; None when none saves anything."""
    positive = [s for s in savings.scenarios if s.value.value is not None and s.value.value > 0]
    return max(positive, key=lambda s: s.value.value) if positive else None


def profile_verdict(profile: Profile) -> Verdict:
    """The verdict rule applied to a profile: RKA's published index where it exists, ours otherwise."""
    spec = get_area(profile.area)
    published = {"resursindex": spec.published_resource, "kvalitetsindex": spec.published_quality,
                 "effektivitetsindex": spec.published_efficiency}

    def pub(kind: str) -> float | None:
        fig = profile.published.get(published[kind])
        return fig.value if fig is not None else None

    def own(kind: str) -> float | None:
        fig = profile.indices.get(kind)
        return fig.value if fig is not None else None

    return verdict(resurs_published=pub("resursindex"), resurs_own=own("resursindex"),
                   kvalitet_published=pub("kvalitetsindex"), kvalitet_own=own("kvalitetsindex"),
                   effektivitet_published=pub("effektivitetsindex"), effektivitet_own=own("effektivitetsindex"),
                   kpis=published)
