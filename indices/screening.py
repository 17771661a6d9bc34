"""Screen kommuner: a cost/quality quadrant by the one verdict rule, or an index over a threshold.

Method: for every kommun in the pool (all, a län, a kommungrupp) the verdict of
:mod:`indices.verdict` is read from the same indices a profile shows (RKA's published
resurs-, kvalitets- and effektivitetsindex where they exist, ours otherwise). Without a
threshold a kommun is a hit when its cost and quality levels are the asked quadrant (default
low cost, resursindex at or above the midpoint 50, and high quality, kvalitetsindex at or
above 50; "hög kostnad och låg kvalitet" is resursindex and kvalitetsindex under 50). With
``threshold`` a kommun is a hit when the chosen index (default effektivitetsindex) is above
it. Kommuner whose deciding indices are missing are counted in ``n_missing``, never silently
dropped. Hits are sorted by effektivitetsindex, best first; for high cost with low quality,
worst first. Method source: RKA's KPI descriptions of
U15010/U15401/U15900 (0-100, 100 best) and the handbook's *Fem goda råd*.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from .areas import AreaSpec, get_area
from .data import KoladaData, load_data
from .provenance import EGNA_BERAKNINGAR, KALLA_KOLADA, Figure, figure
from .rka import check_year, require_rka, rka_frame
from .scope import KOMMUNGRUPP, pool
from .verdict import HIGH, KINDS, LOW, MIDPOINT, IndexReading, Verdict, verdict


@dataclass(frozen=True)
class ScreeningHit:
    """One kommun that passed: its verdict (the shown indices) and its net cost deviation."""

    kommunkod: str
    kommun: str
    lan: str
    kommungrupp: str | None
    verdict: Verdict
    kostnadsavvikelse: Figure | None

    def reading(self, kind: str) -> IndexReading:
        """The shown resurs-, kvalitets- or effektivitetsindex."""
        return self.verdict.reading(kind)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kommunkod": self.kommunkod, "kommun": self.kommun, "lan": self.lan,
                               "kommungrupp": self.kommungrupp}
        out.update({kind: self.reading(kind).to_dict() for kind in KINDS})
        out["kostnadsavvikelse"] = self.kostnadsavvikelse.to_dict() if self.kostnadsavvikelse else None
        return out


@dataclass(frozen=True)
class Screening:
    area: str
    year: int
    criteria: str  # Swedish, e.g. "låg kostnad (resursindex minst 50) och hög kvalitet (...)"
    scope: str
    hits: tuple[ScreeningHit, ...]
    n_considered: int  # kommuner in the pool with the deciding indices
    n_missing: int  # kommuner in the pool without them
    index: str | None = None  # the thresholded index kind, None for the verdict rule
    threshold: float | None = None
    cost: str = LOW  # the quadrant asked for (verdict levels), without a threshold
    quality: str = HIGH

    @property
    def source(self) -> str:
        """Källa: Kolada when every shown index is RKA's published one, else our own calculation."""
        own = any(r.source != "published" for h in self.hits for r in (h.verdict.resurs, h.verdict.kvalitet))
        return EGNA_BERAKNINGAR if own else KALLA_KOLADA

    def to_dict(self) -> dict[str, Any]:
        return {"area": self.area, "year": self.year, "criteria": self.criteria, "scope": self.scope,
                "index": self.index, "threshold": self.threshold, "cost": self.cost, "quality": self.quality,
                "n_hits": len(self.hits), "n_considered": self.n_considered, "n_missing": self.n_missing,
                "missing_note": "Kommuner som saknar index för året räknas som saknade, inte som träffar.",
                "source": self.source, "hits": [h.to_dict() for h in self.hits]}


def area_verdicts(spec: AreaSpec, year: int, codes: list[str], data: KoladaData) -> dict[str, Verdict]:
    """The verdict per kommun, from the indices a profile shows (published, else ours)."""
    frame, _ = rka_frame(spec.id, year, data)
    kpis = {"resursindex": spec.published_resource, "kvalitetsindex": spec.published_quality,
            "effektivitetsindex": spec.published_efficiency}

    def num(kod: str, column: str) -> float | None:
        v = frame.at[kod, column]
        return None if pd.isna(v) else float(v)

    return {kod: verdict(resurs_published=num(kod, spec.published_resource), resurs_own=num(kod, "resursindex"),
                         kvalitet_published=num(kod, spec.published_quality),
                         kvalitet_own=num(kod, "kvalitetsindex"),
                         effektivitet_published=num(kod, spec.published_efficiency),
                         effektivitet_own=num(kod, "effektivitetsindex"), kpis=kpis)
            for kod in codes}


def index_kind(index: str, spec: AreaSpec) -> str:
    """An index kind from its name or its published KPI id (U15900 -> effektivitetsindex)."""
    by_kpi = {spec.published_resource: "resursindex", spec.published_quality: "kvalitetsindex",
              spec.published_efficiency: "effektivitetsindex"}
    kind = by_kpi.get(str(index).strip().upper(), str(index).strip().lower())
    if kind not in KINDS:
        raise ValueError(f"Okänt index {index!r}: välj resursindex, kvalitetsindex eller effektivitetsindex "
                         f"({', '.join(by_kpi)}).")
    return kind


def screen(
    area: str,
    year: int | None = None,
    lan: str | None = None,
    kommungrupp: str | None = None,
    index: str | None = None,
    threshold: float | None = None,
    data: KoladaData | None = None,
    cost: str = LOW,
    quality: str = HIGH,
) -> Screening:
    """Kommuner in a cost/quality quadrant (the verdict rule), or with ``index`` above ``threshold``.

    ``lan`` (code or name) and ``kommungrupp`` (e.g. "B4") narrow the pool; ``year=None`` is
    the latest year with data; ``index`` is an index kind or its published KPI id (used only
    with ``threshold``; default effektivitetsindex); ``cost`` and ``quality`` are the quadrant's
    levels (``"low"``/``"high"``, default low cost and high quality). Raises ``ValueError`` in Swedish for an
    unknown area, year, län, kommungrupp or index, or an area without RKA indices.
    """
    if cost not in (LOW, HIGH) or quality not in (LOW, HIGH):
        raise ValueError(f"Okänd nivå: kostnad och kvalitet är {LOW!r} eller {HIGH!r}.")
    data = data or load_data()
    spec = require_rka(get_area(area))
    year = check_year(year, data)
    codes, scope = pool(lan, kommungrupp, data)
    verdicts = area_verdicts(spec, year, codes, data)
    kind = index_kind(index or "effektivitetsindex", spec) if threshold is not None else None
    hits, considered = [], 0
    for kod, v in verdicts.items():
        if kind is not None:
            value = v.reading(kind).value
            if value is None:
                continue
            considered += 1
            passed = value > threshold
        else:
            if v.resurs.value is None or v.kvalitet.value is None:
                continue
            considered += 1
            passed = v.cost == cost and v.quality == quality
        if passed:
            dev = data.value(kod, spec.deviation_pct, year) if spec.deviation_pct else None
            hits.append(ScreeningHit(
                kod, data.name(kod), str(data.kommuner.at[kod, "lan"]), _text(data.kommuner.at[kod, KOMMUNGRUPP]), v,
                None if spec.deviation_pct is None else figure(
                    dev, unit="%", kpis=(spec.deviation_pct,), year=year, source=KALLA_KOLADA,
                    label="Nettokostnadsavvikelse")))
    worst_first = kind is None and (cost, quality) == (HIGH, LOW)
    hits.sort(key=lambda h: ((1 if worst_first else -1) * _efficiency(h), h.kommunkod))
    criteria = f"{kind} över {threshold:g}" if kind is not None else quadrant_text(cost, quality)
    return Screening(area=spec.id, year=year, criteria=criteria, scope=scope, hits=tuple(hits),
                     n_considered=considered, n_missing=len(codes) - considered, index=kind, threshold=threshold,
                     cost=cost, quality=quality)


def quadrant_text(cost: str, quality: str) -> str:
    """"låg kostnad (resursindex minst 50) och hög kvalitet (kvalitetsindex minst 50)"."""
    at_least, under = f"minst {MIDPOINT:g}", f"under {MIDPOINT:g}"
    # a low cost is a high resursindex; a high quality is a high kvalitetsindex
    cost_part = f"låg kostnad (resursindex {at_least})" if cost == LOW else f"hög kostnad (resursindex {under})"
    quality_part = (f"hög kvalitet (kvalitetsindex {at_least})" if quality == HIGH
                    else f"låg kvalitet (kvalitetsindex {under})")
    return f"{cost_part} och {quality_part}"


def _efficiency(h: ScreeningHit) -> float:
    value = h.verdict.effektivitet.value
    return value if value is not None else -1.0


def _text(v: Any) -> str | None:
    return None if pd.isna(v) else str(v)
