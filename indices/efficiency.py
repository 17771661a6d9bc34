"""DEA over kommuner for one area and year (wraps :mod:`indices.dea`).

Default variables per area are data (``areas.json``, "dea": one cost input and
one or two outputs where more is better, each with a one-line reason), e.g.
grundskola: cost per pupil N15008 -> meritvärde N15505 and share passing all
subjects N15419; äldreomsorg: cost per inhabitant 65+ N20007 -> user
satisfaction in hemtjänst U21468 and särskilt boende U23471. Individ- och
familjeomsorg and the kommun as a whole have no DEA model (the reason says why).
Inputs and outputs are arguments; "A/B" is the ratio of two KPIs (ekonomiskt
bistånd: net cost over model-based cost, so that the input is structure-adjusted).
Kommuner lacking a value are left out with a reason.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import dea as dea_mod
from .areas import get_area
from .data import KoladaData, load_data
from .kommuner import Kommun, resolve_kommun
from .kpis import check_kpis
from .provenance import EGNA_BERAKNINGAR, Figure, figure
from .rka import check_year

DEFAULT_REPS = 1000
DEFAULT_SEED = 2022  # a fixed bootstrap seed (not a data year), so figures repeat
SCORE_UNIT = "effektivitet 0-1"


@dataclass(frozen=True, eq=False)
class DeaRun:
    """A DEA run over kommuner: the numeric result plus which kommuner were left out."""

    area: str
    year: int
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    rts: str
    result: dea_mod.DeaResult | None
    excluded: dict[str, str] = field(default_factory=dict)
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rts": self.rts, "inputs": list(self.inputs), "outputs": list(self.outputs),
                               "units": {}}
        if self.result is not None:
            out.update(self.result.to_dict())
        out.update(area=self.area, year=self.year, excluded=dict(self.excluded), reason=self.reason,
                   source=EGNA_BERAKNINGAR)
        return out


def _with_ratios(frame, cols: list[str]):
    """The year's KPIs plus any "A/B" column as the plain ratio A / B (B > 0)."""
    ratios = [c for c in cols if "/" in c]
    if not ratios:
        return frame
    frame = frame.copy()
    for c in ratios:
        a, b = c.split("/", 1)
        frame[c] = frame[a] / frame[b].where(frame[b] > 0)
    return frame


def _check(names: Sequence[str], data: KoladaData) -> tuple[str, ...]:
    out = []
    for name in names:
        parts = check_kpis(str(name).split("/"), data)
        out.append("/".join(parts))
    return tuple(out)


@functools.lru_cache(maxsize=16)
def _run(data: KoladaData, area_id: str, year: int, inputs: tuple[str, ...], outputs: tuple[str, ...],
         rts: str, reference: tuple[str, ...] | None, reps: int, seed: int | None) -> DeaRun:
    frame = _with_ratios(data.year_frame(year), list(inputs) + list(outputs))
    cols = list(inputs) + list(outputs)
    excluded: dict[str, str] = {}
    keep = []
    for kod in data.kommuner.index:
        vals = frame.loc[kod, cols]
        missing = [c for c in cols if np.isnan(vals[c])]
        if missing:
            excluded[kod] = f"{', '.join(missing)} saknas i Kolada för {year}"
        elif (vals <= 0).any():
            excluded[kod] = "värden måste vara större än 0 för DEA"
        else:
            keep.append(kod)
    if len(keep) < 2:
        absent = [c for c in cols if frame[c].isna().all()]
        reason = (f"{', '.join(absent)} saknas i Kolada för {year}" if absent
                  else f"för få kommuner med fullständiga data för {year}")
        return DeaRun(area_id, year, inputs, outputs, rts, None, excluded, reason)
    ref_idx = None
    if reference is not None:
        ref_idx = [keep.index(k) for k in reference if k in keep]
        if not ref_idx:
            raise ValueError("Ingen kommun i referensmängden har fullständiga data.")
    result = dea_mod.dea(
        frame.loc[keep, list(inputs)].to_numpy(), frame.loc[keep, list(outputs)].to_numpy(),
        rts=rts, reference=ref_idx, units=keep, input_names=inputs, output_names=outputs,
    )
    if reps > 0:
        result = dea_mod.bootstrap(result, reps=reps, seed=seed)
    return DeaRun(area_id, year, inputs, outputs, rts, result, excluded)


def dea_area(
    area: str,
    year: int | None = None,
    inputs: Sequence[str] | None = None,
    outputs: Sequence[str] | None = None,
    rts: str = "vrs",
    reference: Sequence[str] | None = None,
    reps: int = DEFAULT_REPS,
    seed: int | None = DEFAULT_SEED,
    data: KoladaData | None = None,
) -> DeaRun:
    """Input-oriented DEA for every kommun with complete data (cached).

    ``reference`` (names or codes) spans the frontier; default all kommuner.
    ``reps`` bootstrap replications (0 for none). Raises ``ValueError``.
    """
    data = data or load_data()
    spec = get_area(area)
    year = check_year(year, data)
    ins = _check(inputs or spec.dea_inputs, data)
    outs = _check(outputs or spec.dea_outputs, data)
    if not ins or not outs:
        return DeaRun(spec.id, year, ins, outs, str(rts).lower(), None, {}, spec.dea_reason)
    ref = None if reference is None else tuple(resolve_kommun(r, data).kod for r in reference)
    rts = str(rts).lower()
    if rts not in dea_mod.RTS:
        raise ValueError(f"Okänd skalavkastning {rts!r}. Välj vrs eller crs.")
    return _run(data, spec.id, year, ins, outs, rts, ref, int(reps), seed)


@dataclass(frozen=True)
class DeaPeer:
    """A kommun on the frontier that a unit is compared with, and its weight (lambda)."""

    kommunkod: str
    kommun: str
    weight: float

    def to_dict(self) -> dict[str, Any]:
        return {"kommunkod": self.kommunkod, "kommun": self.kommun, "lambda": self.weight}


@dataclass(frozen=True)
class DeaSummary:
    """One kommun's DEA result with provenance."""

    kommunkod: str
    kommun: str
    area: str
    year: int
    rts: str
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    score: Figure
    bias_corrected: Figure
    ci_low: Figure
    ci_high: Figure
    super_efficiency: Figure
    peers: tuple[DeaPeer, ...]
    targets: dict[str, Any]
    n_units: int
    reps: int
    seed: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kommunkod": self.kommunkod, "kommun": self.kommun, "area": self.area, "year": self.year,
            "rts": self.rts, "orientation": "input", "inputs": list(self.inputs), "outputs": list(self.outputs),
            "score": self.score.value, "ci_low": self.ci_low.value, "ci_high": self.ci_high.value,
            "bias_corrected": self.bias_corrected.value, "super_efficiency": self.super_efficiency.value,
            "reason": self.score.reason,
            "figures": {k: getattr(self, k).to_dict() for k in
                        ("score", "bias_corrected", "ci_low", "ci_high", "super_efficiency")},
            "peers": [p.to_dict() for p in self.peers], "targets": self.targets,
            "n_units": self.n_units, "bootstrap_reps": self.reps, "seed": self.seed, "source": EGNA_BERAKNINGAR,
        }


def efficiency(
    kommun: str | Kommun,
    area: str,
    year: int | None = None,
    inputs: Sequence[str] | None = None,
    outputs: Sequence[str] | None = None,
    rts: str = "vrs",
    reference: Sequence[str] | None = None,
    reps: int = DEFAULT_REPS,
    seed: int | None = DEFAULT_SEED,
    data: KoladaData | None = None,
) -> DeaSummary:
    """DEA score, 95 % interval, peers with their λ, targets and super-efficiency.

    A kommun without complete data gets ``None`` values with the reason.
    """
    data = data or load_data()
    k = kommun if isinstance(kommun, Kommun) else resolve_kommun(kommun, data)
    run = dea_area(area, year, inputs, outputs, rts, reference, reps, seed, data)
    res, year = run.result, run.year
    kpis = run.inputs + run.outputs

    def fig(value: float | None, label: str, reason: str | None = None) -> Figure:
        return figure(value, unit=SCORE_UNIT, kpis=kpis, year=year, source=EGNA_BERAKNINGAR, label=label,
                      reason=reason)

    boot = res.bootstrap if res is not None else None
    base = dict(kommunkod=k.kod, kommun=k.namn, area=run.area, year=year, rts=run.rts, inputs=run.inputs,
                outputs=run.outputs, n_units=len(res.units) if res is not None else 0,
                reps=boot.reps if boot else 0, seed=boot.seed if boot else None)
    unreachable = res is not None and k.kod in res.units and np.isnan(res.scores[res.index(k.kod)])
    if res is None or k.kod not in res.units or unreachable:
        reason = run.reason or run.excluded.get(k.kod, "kommunen ingår inte i körningen")
        if unreachable:
            reason = "ej lösbar: ingen kombination av referenskommunerna når kommunens resultat (VRS)"
        return DeaSummary(
            score=fig(None, "DEA-effektivitet", reason), bias_corrected=fig(None, "Biaskorrigerad", reason),
            ci_low=fig(None, "95 % intervall, nedre", reason), ci_high=fig(None, "95 % intervall, övre", reason),
            super_efficiency=fig(None, "Supereffektivitet", reason), peers=(), targets={}, **base,
        )
    i = res.index(k.kod)
    b = boot
    no_boot = "ingen bootstrap körd"
    sup = res.super_scores[i]
    peer_rows = [DeaPeer(p, data.name(p), w) for p, w in dea_mod.peers(res, i)]
    return DeaSummary(
        score=fig(float(res.scores[i]), "DEA-effektivitet (inputorienterad)"),
        bias_corrected=fig(float(b.bias_corrected[i]) if b else None, "Biaskorrigerad effektivitet", no_boot),
        ci_low=fig(float(b.ci_low[i]) if b else None, "95 % intervall, nedre", no_boot),
        ci_high=fig(float(b.ci_high[i]) if b else None, "95 % intervall, övre", no_boot),
        super_efficiency=fig(None if np.isnan(sup) else float(sup), "Supereffektivitet",
                             "ej lösbar: ingen annan kommun når kommunens resultat (VRS)"),
        peers=tuple(peer_rows), targets=dea_mod.targets(res, i), **base,
    )
