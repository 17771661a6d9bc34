"""Cost against the reference cost, and what-if savings.

Net cost deviation (SKR's kostnadsutjämning via Kolada: N15001/N15045 for
grundskola, N20900/N20029 for äldreomsorg) is the percentage d and amount D by
which a kommun's net cost differs from its reference cost R. Hence
R = D / (d/100), and if the deviation were d* instead, the yearly cost would
change by  R x (d - d*) / 100.  Three what-ifs for d*:

a) 0, the reference level;
b) the median deviation of the kommun's Kolada peers ("liknande kommuner");
c) the best-quartile deviation (nearest-rank 25th percentile) among kommuner
   whose kvalitetsindex is equal to or better than the kommun's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from .areas import AreaSpec, get_area
from .data import KoladaData, load_data
from .kommuner import Kommun, resolve_kommun
from .kpis import kpi_info
from .normalize import nearest_rank
from .peers import PeerGroup, resolve_peers
from .provenance import EGNA_BERAKNINGAR, KALLA_KOLADA, Figure, figure
from .rka import check_year, rka_frame

FORMULA = "besparing (kr/år) = R × (d − d*) / 100 × 1 000 000, där R = D / (d / 100)"
# The same formula as read in mnkr, and what each symbol means: what the chat and the memo print.
FORMULA_TEXT = "besparing per år = R × (d − d*) / 100, där R = D / (d / 100)"
SYMBOL_TEXT = {
    "R": "referenskostnaden, det nettokostnaden skulle vara på strukturell nivå (mnkr per år)",
    "D": "nettokostnadsavvikelsen i miljoner kronor",
    "d": "nettokostnadsavvikelsen i procent",
    "d*": ("den jämförelsenivå för avvikelsen i procent som scenariot prövar (0, jämförelsegruppens median "
           "eller bästa kvartilen bland kommuner med minst lika hög kvalitet)"),
}
MIN_ABS_DEVIATION = 0.05  # % ; below this R = D/(d/100) is too imprecise


def cost_figures(kommun: Kommun, spec: AreaSpec, year: int, data: KoladaData) -> dict[str, Figure]:
    """The area's cost KPIs for one kommun, plus cost per pupil against reference."""
    out: dict[str, Figure] = {}
    for kpi in spec.cost_kpis:
        if kpi not in data.panel.columns:
            continue
        out[kpi] = figure(
            data.value(kommun.kod, kpi, year), unit=kpi_info(kpi, data).unit, kpis=(kpi,), year=year,
            source=KALLA_KOLADA, label=data.kpi_title(kpi),
        )
    if spec.id == "grundskola":
        ref = data.value(kommun.kod, "N15058", year)
        for kpi, what in (("N15008", "kommunala skolor åk 1-9"), ("N15027", "hemkommun F-9")):
            cost = data.value(kommun.kod, kpi, year)
            value = None if cost is None or ref is None or ref == 0 else (cost / ref - 1) * 100
            missing = [k for k, v in ((kpi, cost), ("N15058", ref)) if v is None]
            out[f"{kpi}_mot_referens"] = figure(
                value, unit="%", kpis=(kpi, "N15058"), year=year, source=EGNA_BERAKNINGAR,
                label=f"Kostnad per elev ({what}) jämfört med referenskostnad per elev",
                reason=(f"{' och '.join(missing)} saknas i Kolada för {year}" if missing else None),
                note=(f"({kpi} / N15058 − 1) × 100; N15058 avser F-9 och nettokostnad, "
                      "så jämförelsen är ungefärlig."),
            )
    return out


@dataclass(frozen=True)
class SavingsScenario:
    """One what-if: the target deviation d*, the yearly saving and its inputs."""

    id: str
    label: str
    target_deviation: Figure
    value: Figure
    formula: str
    inputs: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "target_deviation": self.target_deviation.to_dict(),
            "value": self.value.to_dict(),
            "value_mnkr": saving_mnkr(self).to_dict(),
            "formula": self.formula,
            "inputs": self.inputs,
        }


@dataclass(frozen=True)
class Savings:
    """The three what-ifs for one kommun, area and year."""

    kommunkod: str
    kommun: str
    area: str
    year: int
    scenarios: tuple[SavingsScenario, ...]
    notes: tuple[str, ...]
    d: Figure | None = None  # the net cost deviation in percent (Källa: Kolada)
    big_d: Figure | None = None  # the same in mnkr

    def to_dict(self) -> dict[str, Any]:
        return {
            "kommunkod": self.kommunkod,
            "kommun": self.kommun,
            "area": self.area,
            "year": self.year,
            "formula": FORMULA,
            "scenarios": [s.to_dict() for s in self.scenarios],
            "notes": list(self.notes),
            "d": self.d.to_dict() if self.d else None,
            "D": self.big_d.to_dict() if self.big_d else None,
        }


def saving_mnkr(scenario: SavingsScenario) -> Figure:
    """A scenario's yearly saving in mnkr (the scenario holds kronor): what the chat and memo print."""
    v = scenario.value
    return figure(None if v.value is None else v.value / 1e6, unit="mnkr", kpis=v.kpis, year=v.year,
                  source=v.source, label=v.label, reason=v.reason, note=v.note)


def deviation_saving(d: float, big_d: float, target: float) -> float:
    """Yearly saving in mnkr if the net cost deviation went from ``d`` % to ``target`` %:
    D × (d − d*) / d, where D is the deviation in mnkr (method: RKA's net cost deviation,
    N15001/N15045 and their siblings; the reference cost is D / (d / 100))."""
    return big_d * (d - target) / d


def _scenario(
    sid: str, label: str, target: float | None, target_reason: str | None, target_kpis: tuple[str, ...],
    d: float | None, big_d: float | None, spec: AreaSpec, year: int, extra: dict[str, Any],
) -> SavingsScenario:
    inputs: dict[str, Any] = {
        "d": {"value": d, "kpi": spec.deviation_pct, "unit": "%"},
        "D": {"value": big_d, "kpi": spec.deviation_mnkr, "unit": "mnkr"},
        "d*": {"value": target, "unit": "%"},
        **extra,
    }
    reason = None
    value = None
    if spec.deviation_pct is None:
        reason = f"Kolada har ingen nettokostnadsavvikelse för {spec.label.lower()}"
    elif spec.deviation_mnkr is None:
        reason = (f"nettokostnadsavvikelsen i kronor finns inte i Kolada för {spec.label.lower()} "
                  f"(bara i procent, {spec.deviation_pct})")
    elif d is None or big_d is None:
        missing = [k for k, v in ((spec.deviation_pct, d), (spec.deviation_mnkr, big_d)) if v is None]
        reason = f"{' och '.join(missing)} saknas i Kolada för {year}"
    elif target is None:
        reason = target_reason or "jämförelsenivån kan inte beräknas"
    elif sid == "referens":
        value = big_d * 1e6
    elif abs(d) < MIN_ABS_DEVIATION:
        reason = "referenskostnaden kan inte härledas när avvikelsen är nästan 0 %"
    else:
        r = big_d / (d / 100.0)
        inputs["R"] = {"value": r, "unit": "mnkr", "formula": f"{spec.deviation_mnkr} / ({spec.deviation_pct} / 100)"}
        value = deviation_saving(d, big_d, target) * 1e6
    note = None
    if value is not None and value <= 0:
        note = "Kommunen ligger redan på eller under denna nivå; scenariot ger ingen besparing."
    return SavingsScenario(
        id=sid,
        label=label,
        target_deviation=figure(
            target, unit="%", kpis=tuple(k for k in target_kpis if k), year=year,
            source=KALLA_KOLADA if sid == "referens" else EGNA_BERAKNINGAR,
            label="Jämförelsenivå för nettokostnadsavvikelsen (d*)", reason=target_reason,
        ),
        value=figure(
            value, unit="kr/år", kpis=tuple(k for k in (spec.deviation_pct, spec.deviation_mnkr) if k), year=year,
            source=EGNA_BERAKNINGAR, label=label, reason=reason, note=note,
        ),
        formula=FORMULA if sid != "referens" else "besparing (kr/år) = D × 1 000 000 (d* = 0)",
        inputs=inputs,
    )


def savings(
    kommun: str | Kommun,
    area: str,
    year: int | None = None,
    peers: str | list[str] | PeerGroup | None = None,
    data: KoladaData | None = None,
) -> Savings:
    """What-if yearly savings in kronor for one kommun (see module docstring).

    ``peers`` chooses the group for scenario b (default Kolada's liknande
    kommuner). Missing inputs give ``None`` values with a Swedish reason.
    Raises ``ValueError`` for an unknown kommun, area or year.
    """
    data = data or load_data()
    spec = get_area(area)
    year = check_year(year, data)
    k = kommun if isinstance(kommun, Kommun) else resolve_kommun(kommun, data)
    d = data.value(k.kod, spec.deviation_pct, year) if spec.deviation_pct else None
    big_d = data.value(k.kod, spec.deviation_mnkr, year) if spec.deviation_mnkr else None
    dev = data.series(spec.deviation_pct, year) if spec.deviation_pct else pd.Series(dtype=float)

    scenarios = [_scenario("referens", "Om nettokostnadsavvikelsen vore 0 (referensnivån)", 0.0, None,
                           (spec.deviation_pct,), d, big_d, spec, year, {})]

    group = resolve_peers(k, peers, spec.id, data=data)
    peer_vals = dev.reindex(group.codes).dropna()
    target_b = float(peer_vals.median()) if len(peer_vals) else None
    scenarios.append(_scenario(
        "liknande_median", f"Om avvikelsen vore medianen för jämförelsegruppen ({group.label})",
        target_b, None if target_b is not None else (
            f"{spec.deviation_pct} saknas för jämförelsegruppen {year}" if spec.deviation_pct
            else f"Kolada har ingen nettokostnadsavvikelse för {spec.label.lower()}"),
        (spec.deviation_pct,), d, big_d, spec, year,
        {"jamforelsegrupp": [{"kommunkod": c, "kommun": data.name(c), "d": float(v)} for c, v in peer_vals.items()]},
    ))

    target_c, reason_c, extra = None, None, {}
    if spec.has_rka:
        frame, _ = rka_frame(spec.id, year, data)
        published = frame[spec.published_quality]
        if pd.notna(published.get(k.kod)):
            quality, q_name = published, f"publicerat kvalitetsindex {spec.published_quality}"
        else:
            quality, q_name = frame["kvalitetsindex"], "eget kvalitetsindex (publicerat saknas för kommunen)"
        own_q = quality.get(k.kod)
    if not spec.has_rka:
        reason_c = f"inget kvalitetsindex för {spec.label.lower()} att jämföra kvalitet med"
    elif pd.isna(own_q):
        reason_c = f"kvalitetsindex saknas för {k.namn} {year}"
    else:
        better = pd.concat([quality, dev], axis=1, keys=["q", "d"]).dropna()
        better = better[better["q"] >= own_q]
        if better.empty:
            reason_c = "inga kommuner med lika bra eller bättre kvalitet har kostnadsdata"
        else:
            target_c = nearest_rank(better["d"].to_numpy(), 25)
            extra = {"kvalitetsmatt": q_name, "kvalitetsindex_kommun": float(own_q),
                     "antal_kommuner_med_lika_bra_eller_battre_kvalitet": int(len(better)),
                     "percentil": "25:e percentilen (närmaste rang) av deras avvikelse"}
    scenarios.append(_scenario(
        "basta_kvartil", "Om avvikelsen vore den bästa kvartilens bland kommuner med lika bra eller bättre kvalitet",
        target_c, reason_c, (spec.deviation_pct, spec.published_quality), d, big_d, spec, year, extra,
    ))
    notes = (
        "Negativ besparing betyder att kommunen redan ligger under jämförelsenivån.",
        "Nettokostnadsavvikelsen mäter kostnad mot statistiskt förväntad nivå, inte effektivitet i sig.",
    )
    def deviation(kpi: str | None, value: float | None, unit: str) -> Figure | None:
        return None if kpi is None else figure(value, unit=unit, kpis=(kpi,), year=year, source=KALLA_KOLADA,
                                               label=data.kpi_title(kpi))

    return Savings(kommunkod=k.kod, kommun=k.namn, area=spec.id, year=year, scenarios=tuple(scenarios), notes=notes,
                   d=deviation(spec.deviation_pct, d, "%"), big_d=deviation(spec.deviation_mnkr, big_d, "mnkr"))
