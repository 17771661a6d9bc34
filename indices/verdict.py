"""The one verdict rule: which index is shown, whether cost and quality are high or
low, and which of the handbook's five råd fits the result.

Chat, explorer, memo and brief all read a kommun's position through :func:`verdict`,
so they never disagree. The rule, in order:

1. **Which index.** For each of resurs-, kvalitets- and effektivitetsindex, RKA's
   published value (Kolada, e.g. U15010/U15401/U15900) is used where it exists for that
   kommun and year; otherwise our own recomputation (:mod:`indices.rka`), labelled as
   our own calculation; otherwise the index is missing. The reading says which.
2. **High or low.** RKA's indices are on a 0-100 scale where 100 is best: a high
   resursindex means a *low* cost. Below the scale's midpoint (50) the cost is
   "high" (resursindex) or the quality "low" (kvalitetsindex); at or above it, the
   cost is "low" or the quality "high". Method source: RKA's KPI descriptions of
   U15010/U15401/U15900 (the index is the normalised position among all kommuner).
3. **Which råd.** Cost and quality together pick the råd (handbook *Fem goda råd*):
   high cost and low quality → råd 1 (learn from those who do better with less);
   high cost, good quality → råd 4 (governance of resources); low cost, weak quality
   → råd 3 (early efforts pay off); both good → råd 5 (share and cooperate); one of
   them unknown → råd 1 (compare with similar kommuner first).

Pure: numbers in, a frozen :class:`Verdict` out; no data access.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from .provenance import EGNA_BERAKNINGAR, KALLA_KOLADA

MIDPOINT = 50.0
HIGH, LOW, UNKNOWN = "high", "low", "unknown"
PUBLISHED, OWN, MISSING = "published", "own", "missing"
KINDS = ("resursindex", "kvalitetsindex", "effektivitetsindex")

SOURCE_LABEL = {
    PUBLISHED: f"RKA:s publicerade index ({KALLA_KOLADA})",
    OWN: f"egen beräkning ({EGNA_BERAKNINGAR})",
    MISSING: "saknas",
}
LEVEL_WORD = {  # Swedish words for the levels, per dimension
    "cost": {HIGH: "hög kostnad", LOW: "låg kostnad", UNKNOWN: "okänd kostnadsnivå"},
    "quality": {HIGH: "hög kvalitet", LOW: "låg kvalitet", UNKNOWN: "okänd kvalitet"},
}

# (cost, quality) -> (råd, why). Swedish; shown after "råd n: ".
ADVICE_RULES: dict[tuple[str, str], tuple[int, str]] = {
    (HIGH, LOW): (1, "hög kostnad och låg kvalitet: lär av de kommuner som når bättre resultat med mindre"),
    (HIGH, HIGH): (4, "god kvalitet men hög kostnad: se över styrningen av resurserna utan att tappa kvaliteten"),
    (LOW, LOW): (3, "låg kostnad men svag kvalitet: tidiga insatser kan löna sig på sikt"),
    (LOW, HIGH): (5, "både kostnad och kvalitet ser bra ut: dela med er av arbetssätten och samverka där det lönar sig"),
}
UNKNOWN_ADVICE = (1, "jämför med liknande kommuner för att se var skillnaderna finns")


@dataclass(frozen=True)
class IndexReading:
    """One index as shown: its value, the KPI it comes from and whose it is."""

    kind: str  # resursindex | kvalitetsindex | effektivitetsindex
    value: float | None
    source: str  # published | own | missing
    kpi: str | None = None

    @property
    def label(self) -> str:
        """Swedish provenance label: published by RKA or our own calculation."""
        return SOURCE_LABEL[self.source]

    @property
    def provenance(self) -> str:
        return {PUBLISHED: KALLA_KOLADA, OWN: EGNA_BERAKNINGAR}.get(self.source, "")

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "label": self.label}


@dataclass(frozen=True)
class Verdict:
    """A kommun's position in one area and year, decided by the one rule above."""

    resurs: IndexReading
    kvalitet: IndexReading
    effektivitet: IndexReading
    cost: str  # high | low | unknown
    quality: str  # high | low | unknown
    advice: int  # råd 1-5
    reason: str  # Swedish, why that råd

    @property
    def basis(self) -> str:
        """published | own | mixed | missing: whose indices the verdict rests on."""
        sources = {r.source for r in (self.resurs, self.kvalitet) if r.source != MISSING}
        if not sources:
            return MISSING
        return sources.pop() if len(sources) == 1 else "mixed"

    def reading(self, kind: str) -> IndexReading:
        """The shown resurs-, kvalitets- or effektivitetsindex."""
        readings = {"resursindex": self.resurs, "kvalitetsindex": self.kvalitet,
                    "effektivitetsindex": self.effektivitet}
        if kind not in readings:
            raise KeyError(f"okänt index: {kind!r}")
        return readings[kind]

    @property
    def cost_word(self) -> str:
        return LEVEL_WORD["cost"][self.cost]

    @property
    def quality_word(self) -> str:
        return LEVEL_WORD["quality"][self.quality]

    def basis_text(self) -> str:
        """Swedish: which index the verdict is read from."""
        return {
            PUBLISHED: "bedömt från RKA:s publicerade index",
            OWN: "bedömt från våra egna beräknade index (RKA har inte publicerat något för kommunen)",
            "mixed": "bedömt från RKA:s publicerade index där de finns, annars våra egna",
            MISSING: "index saknas, så nivån kan inte bedömas",
        }[self.basis]

    def to_dict(self) -> dict[str, Any]:
        return {
            "resursindex": self.resurs.to_dict(), "kvalitetsindex": self.kvalitet.to_dict(),
            "effektivitetsindex": self.effektivitet.to_dict(), "cost": self.cost,
            "quality": self.quality, "advice": self.advice, "reason": self.reason,
            "basis": self.basis,
        }


def pick_index(kind: str, published: float | None, own: float | None,
               published_kpi: str | None = None, own_kpi: str | None = None) -> IndexReading:
    """RKA's published value where it exists, ours otherwise, else missing."""
    if kind not in KINDS:
        raise ValueError(f"okänt index: {kind!r}")
    if _number(published) is not None:
        return IndexReading(kind, float(published), PUBLISHED, published_kpi)
    if _number(own) is not None:
        return IndexReading(kind, float(own), OWN, own_kpi)
    return IndexReading(kind, None, MISSING, None)


def level(value: float | None, high_is_good: bool = True) -> str:
    """high/low/unknown on RKA's 0-100 scale, split at the midpoint."""
    if _number(value) is None:
        return UNKNOWN
    good = value >= MIDPOINT
    return HIGH if good == high_is_good else LOW


def advice_for(cost: str, quality: str) -> tuple[int, str]:
    """The råd that fits a (cost, quality) pair of levels, and why (Swedish)."""
    return ADVICE_RULES.get((cost, quality), UNKNOWN_ADVICE)


def verdict(resurs_published: float | None = None, resurs_own: float | None = None,
            kvalitet_published: float | None = None, kvalitet_own: float | None = None,
            effektivitet_published: float | None = None, effektivitet_own: float | None = None,
            kpis: dict[str, str] | None = None) -> Verdict:
    """Apply the rule. ``kpis`` may name the KPI ids per index kind (published ids)."""
    kpis = kpis or {}
    resurs = pick_index("resursindex", resurs_published, resurs_own, kpis.get("resursindex"))
    kvalitet = pick_index("kvalitetsindex", kvalitet_published, kvalitet_own, kpis.get("kvalitetsindex"))
    effektivitet = pick_index("effektivitetsindex", effektivitet_published, effektivitet_own,
                              kpis.get("effektivitetsindex"))
    # A high resursindex is a low cost: the cost level is the inverse of the index level.
    cost = level(resurs.value, high_is_good=False)
    quality = level(kvalitet.value)
    number, why = advice_for(cost, quality)
    return Verdict(resurs, kvalitet, effektivitet, cost, quality, number, why)


def _number(v: Any) -> float | None:
    if v is None or isinstance(v, bool):
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if f != f else f
