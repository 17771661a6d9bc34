"""The one typed reading of a question: a frozen :class:`Query`.

The understanding step turns a Swedish question (and the previous turn's ``Query``)
into one ``Query``; the handler for ``intent`` executes it; the composer writes the
answer from the typed result. The previous turn's ``Query`` is the conversation state.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any

INTENTS = (
    "kpi_value", "profile", "ranking", "trend", "comparison", "peers", "learn_from", "savings",
    "screening", "kpi_definition", "kpi_search", "handbook", "advice", "brief", "help",
    "off_topic", "out_of_scope",
)
FIGURE_INTENTS = frozenset({"kpi_value", "profile", "ranking", "trend", "comparison", "peers",
                            "learn_from", "savings", "screening"})


@dataclass(frozen=True)
class Scope:
    """Which kommuner a ranking or screening covers: all, one län or one kommungrupp."""

    lan: str | None = None  # län code, "13"
    kommungrupp: str | None = None  # SKR kommungrupp 2023, "C7"

    def to_dict(self) -> dict[str, str]:
        out = {}
        if self.lan:
            out["lan"] = self.lan
        if self.kommungrupp:
            out["kommungrupp"] = self.kommungrupp
        return out


@dataclass(frozen=True)
class KpiChoice:
    """A KPI candidate with its combined score (lexical + dense), best first."""

    kpi: str
    title: str
    score: float
    evidence: float = 0.0  # phrases + lexical only: does the question name this figure?


@dataclass(frozen=True)
class Query:
    """What the question asks. Every field is typed; nothing is re-read from text later."""

    text: str
    intent: str
    kommuner: tuple[str, ...] = ()  # 4-character codes, in the order named
    scope: Scope = field(default_factory=Scope)
    area: str | None = None  # forskola, grundskola, gymnasieskola, aldreomsorg, lss, ekonomiskt_bistand, ifo
    kpis: tuple[str, ...] = ()  # chosen KPI first; more only for comparisons of several figures
    kpi_candidates: tuple[KpiChoice, ...] = ()  # ranked, for ask-back and "closest key figures"
    kpi_ambiguous: bool = False  # two close candidates: ask back
    kpi_asked: bool = False  # the question names a key figure (not only an area)
    kpi_missing: bool = False  # it asks for a figure the catalogue has no key figure for
    years: tuple[int, int] | None = None  # (first, last), both inclusive
    notes: tuple[str, ...] = ()  # Swedish notes shown with the answer: "the data ends in its last year", a corrected name
    direction: str | None = None  # "max" | "min"
    limit: int | None = None
    threshold: float | None = None  # "över 70"
    quadrant: tuple[str, str] | None = None  # screening (cost, quality) levels: ("high", "low")
    unknown_places: tuple[str, ...] = ()
    region: str | None = None  # "Region Skåne": out of scope, with the län it points to
    region_lan: str | None = None
    follows: bool = False  # read as a follow-up of the previous turn
    intent_scores: tuple[tuple[str, float], ...] = ()  # for diagnostics and the eval

    @property
    def year(self) -> int | None:
        """The asked (last) year, or ``None`` when the question names none."""
        return self.years[1] if self.years else None

    @property
    def kpi(self) -> str | None:
        return self.kpis[0] if self.kpis else None

    def with_(self, **changes: Any) -> "Query":
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["scope"] = self.scope.to_dict()
        out["kpi_candidates"] = [asdict(c) for c in self.kpi_candidates]
        out["years"] = list(self.years) if self.years else None
        out["quadrant"] = list(self.quadrant) if self.quadrant else None
        out["intent_scores"] = dict(self.intent_scores)
        for key in ("kommuner", "kpis", "notes", "unknown_places"):
            out[key] = list(out[key])
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Query":
        data = dict(data)
        data["scope"] = Scope(**(data.get("scope") or {}))
        data["kpi_candidates"] = tuple(KpiChoice(**c) for c in data.get("kpi_candidates") or ())
        data["years"] = tuple(data["years"]) if data.get("years") else None
        data["quadrant"] = tuple(data["quadrant"]) if data.get("quadrant") else None
        data["intent_scores"] = tuple((data.get("intent_scores") or {}).items())
        for key in ("kommuner", "kpis", "notes", "unknown_places"):
            data[key] = tuple(data.get(key) or ())
        return cls(**data)
