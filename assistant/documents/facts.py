"""Everything the tabs and documents say about one kommun, area and year, computed once.

:func:`facts_for` reads :mod:`indices` and returns one frozen :class:`Facts`: the
profile, the verdict (:mod:`indices.verdict`: which index is shown, high or low cost
and quality, which råd fits), the peer medians of what is shown, the placement on
the shown effektivitetsindex, whom DEA says to learn from, the best savings scenario
and the trend against Riket. The explorer card, the memo and the debate brief all read
the same object, so they cannot disagree; none of them does arithmetic.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import indices
from indices import summaries
from indices.efficiency import DEFAULT_REPS
from indices.verdict import IndexReading, Verdict

TREND_YEARS = 10  # the trend covers at most this many years back from the chosen year


@dataclass(frozen=True)
class Facts:
    profile: indices.Profile
    verdict: Verdict
    medians: dict[str, indices.Figure]  # by index kind (of the shown index) and by KPI id
    placement: summaries.Placement  # on the shown effektivitetsindex
    learn: summaries.LearnFrom
    best_saving: indices.SavingsScenario | None
    trend: indices.Trend | None  # None for an area without a result KPI
    change: summaries.TrendChange | None

    @property
    def spec(self) -> indices.AreaSpec:
        return indices.get_area(self.profile.area)

    def readings(self) -> tuple[IndexReading, IndexReading, IndexReading]:
        """The one shown value per index: resurs, kvalitet, effektivitet."""
        return self.verdict.resurs, self.verdict.kvalitet, self.verdict.effektivitet


def trend_kpi(spec: indices.AreaSpec) -> str | None:
    """The result KPI a trend follows: the DEA's first output, else the area's first quality
    or cost KPI (areas without DEA)."""
    for kpi in (*spec.dea_outputs, *spec.quality_kpis, *spec.cost_kpis):
        if "/" not in kpi:
            return kpi
    return None


def cost_kpi(spec: indices.AreaSpec) -> str | None:
    """The cost KPI the peer bars compare: the DEA's input when it is one KPI, else the first cost KPI."""
    return next((k for k in (*spec.dea_inputs, *spec.cost_kpis) if "/" not in k), None)


def trend_years(data: indices.KoladaData, year: int) -> list[int]:
    return [y for y in data.years if year - TREND_YEARS <= y <= year]


@functools.lru_cache(maxsize=64)
def _facts(kod: str, area: str, year: int, reps: int, data: indices.KoladaData) -> Facts:
    p = indices.profile(kod, area, year, reps=reps, data=data)
    spec = indices.get_area(p.area)
    v = summaries.profile_verdict(p)
    keys = [r.kpi if r.source == "published" else r.kind for r in (v.resurs, v.kvalitet, v.effektivitet)]
    keys += [k for k in p.costs if k in data.kpis]
    medians = summaries.peer_medians(spec.id, p.year, p.peer_group.codes, keys, data)
    eff = v.effektivitet
    placement = summaries.index_placement(spec.id, p.year, p.kommun.kod, p.peer_group.members, p.kommun.namn,
                                          "effektivitetsindex", eff.kpi if eff.source == "published" else None,
                                          data)
    kpi = trend_kpi(spec)
    trend = None if kpi is None else indices.trend(p.kommun.kod, kpi, area=spec.id,
                                                   years=trend_years(data, p.year), data=data)
    return Facts(profile=p, verdict=v, medians=medians, placement=placement,
                 learn=summaries.learn_from(p.dea, data), best_saving=summaries.best_saving(p.savings),
                 trend=trend, change=None if trend is None else summaries.trend_change(trend))


def facts_for(kommun: str, area: str, year: int, reps: int = DEFAULT_REPS,
              data: indices.KoladaData | None = None) -> Facts:
    """The facts for one kommun (name or code), area and year (cached).

    Raises ``ValueError`` from :mod:`indices` for an unknown kommun, area or year.
    """
    data = data or indices.load_data()
    k = indices.resolve_kommun(kommun, data)
    return _facts(k.kod, indices.get_area(area).id, int(year), int(reps), data)


def reset_caches() -> None:
    """Forget every cached result (tests, or after the data changed)."""
    _facts.cache_clear()
