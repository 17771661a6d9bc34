"""Savings potential and screening for any area with a net cost deviation or RKA indices.

Savings (method: Kolada's nettokostnadsavvikelse, the gap between net cost and the
structure-adjusted reference cost). With D the deviation in mnkr and d in percent, the
reference cost is R = D / (d/100); reaching a target deviation d* saves
``D − R·d*/100 = D·(d − d*)/d`` mnkr a year. Targets: the reference level (d* = 0) and
the median of Kolada's liknande kommuner.

Screening uses the one verdict rule (:mod:`indices.verdict`): "låg kostnad" is a
resursindex at or above the midpoint, "hög kvalitet" a kvalitetsindex at or above it
(RKA's published indices); a threshold ("effektivitetsindex över 70") filters instead.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from statistics import median
from typing import Any

import indices
from indices.costs import deviation_saving
from indices.verdict import HIGH, LOW, level

from assistant.answers.fetch import DEVIATION, LAST_YEAR, RKA_INDICES, latest_year, scope_codes, similar

DEVIATION_MNKR = {"forskola": "N11038", "grundskola": "N15045", "gymnasieskola": "N17030",
                  "aldreomsorg": "N20029", "lss": "N28021", "ifo": "N30026"}
FORMULA = "besparing = D × (d − d*) / d, där D är nettokostnadsavvikelsen i mnkr, d i procent och d* målnivån"


@dataclass(frozen=True)
class Savings:
    kommunkod: str
    kommun: str
    area: str
    year: int
    kpis: tuple[str, str]  # (percent, mnkr)
    d: float | None
    big_d: float | None
    scenarios: tuple[dict[str, Any], ...]  # label, target (d*), saving (mnkr)
    formula: str = FORMULA
    source: str = "Egna beräkningar baserade på data från Kolada"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Screening:
    area: str
    year: int
    scope_label: str
    criteria: str
    kpis: tuple[str, ...]
    hits: tuple[dict[str, Any], ...]  # kommun, resursindex, kvalitetsindex, effektivitetsindex
    n_considered: int
    n_hits: int = 0
    threshold: float | None = None
    source: str = "Källa: Kolada"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def saving(d: float | None, big_d: float | None, target: float) -> float | None:
    """D·(d − d*)/d, in mnkr; ``None`` when an input is missing or d is 0."""
    if d is None or big_d is None or d == 0:
        return None
    return deviation_saving(d, big_d, target)


def savings(kod: str, area: str, year: int | None) -> Savings:
    data = indices.load_data()
    pct, mnkr = DEVIATION.get(area), DEVIATION_MNKR.get(area)
    if not pct or not mnkr:
        raise ValueError(f"nettokostnadsavvikelse saknas för området {area!r}")
    used = latest_year(pct, min(year or LAST_YEAR, LAST_YEAR), kod) or LAST_YEAR
    d, big_d = data.value(kod, pct, used), data.value(kod, mnkr, used)
    label, codes = similar(kod, area)
    peer_values = [v for v in (data.value(c, pct, used) for c in codes) if v is not None]
    scenarios = [{"label": "Om kostnaden låg på referensnivån", "target": 0.0, "saving": saving(d, big_d, 0.0)}]
    if peer_values:
        m = round(median(peer_values), 4)
        scenarios.append({"label": f"Om kostnadsavvikelsen låg på medianen för {label}", "target": m,
                          "saving": saving(d, big_d, m)})
    return Savings(kod, data.name(kod), area, used, (pct, mnkr), d, big_d, tuple(scenarios))


def screen(area: str, year: int | None, lan: str | None, kommungrupp: str | None,
           index_kpi: str | None = None, threshold: float | None = None) -> Screening:
    data = indices.load_data()
    resurs, kvalitet, eff = RKA_INDICES[area]
    used = latest_year(eff, min(year or LAST_YEAR, LAST_YEAR)) or LAST_YEAR
    codes, label = scope_codes(lan, kommungrupp)
    hits, considered = [], 0
    for kod in codes:
        r, q, e = (data.value(kod, k, used) for k in (resurs, kvalitet, eff))
        if threshold is not None:
            target = data.value(kod, index_kpi or eff, used)
            if target is None:
                continue
            considered += 1
            ok = target > threshold
        else:
            if r is None or q is None:
                continue
            considered += 1
            ok = level(r, high_is_good=False) == LOW and level(q) == HIGH
        if ok:
            hits.append({"kommunkod": kod, "kommun": data.name(kod), "resursindex": r, "kvalitetsindex": q,
                         "effektivitetsindex": e})
    hits.sort(key=lambda h: -(h["effektivitetsindex"] or 0))
    if threshold is not None:
        criteria = f"{index_kpi or eff} över {threshold:g}"
    else:
        criteria = (f"låg kostnad (resursindex {resurs} minst 50) och hög kvalitet "
                    f"(kvalitetsindex {kvalitet} minst 50)")
    return Screening(area, used, label, criteria, (resurs, kvalitet, eff), tuple(hits), considered, len(hits),
                     threshold)
