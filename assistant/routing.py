"""Routing is a table: each row is one way a question can go, with a Swedish description,
the cue phrases that point to it, and the entities it needs.

:func:`route` scores every row against the question and its entities and picks the
best; no chain of ``elif``s. A row whose required entities are missing is not a
candidate. Ties go to the row listed first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.entities import Entities
from assistant.retrieval.lexical import fold


@dataclass(frozen=True)
class Route:
    name: str
    description: str  # Swedish, shown in help and in the UI's tool steps
    cues: tuple[str, ...] = ()  # regexes over the folded question
    needs_kommun: bool = False
    needs_kpi: bool = False
    min_kommuner: int = 0
    base: float = 0.0  # prior: the fallback rows carry a small one
    entity_bonus: float = 0.0  # added when the question names a kommun

    def score(self, folded: str, entities: Entities) -> float | None:
        n_kommuner = len(entities.kommuner)
        if self.needs_kommun and n_kommuner < max(self.min_kommuner, 1):
            return None
        if self.needs_kpi and not entities.kpi_term:
            return None
        hits = sum(1 for cue in self.cues if re.search(cue, folded))
        if self.cues and hits == 0 and self.base == 0:
            return None
        return self.base + hits + (self.entity_bonus if n_kommuner else 0.0)


ROUTES: tuple[Route, ...] = (
    Route("help", "Hjälp: vad du kan fråga om",
          cues=(r"^\s*hjalp\b", r"vad kan du", r"hur anvander jag", r"vad kan jag fraga")),
    Route("advice", "Handbokens fem råd",
          cues=(r"\bfem (goda )?rad", r"vilka (ar )?(de )?rad(en)?\b", r"^\W*(raden|handbokens rad)\W*$",
                r"sammanfatta handboken", r"vad (ar|sager) (handbokens|de fem) rad")),
    Route("screening", "Sökning bland kommuner: låg kostnad och hög kvalitet",
          cues=(r"vilka kommuner.*(kostnad|kvalitet|effektiv|bast)", r"lag(re)? kostnad.*hog(re)? kvalitet", r"hog(re)? kvalitet.*lag(re)? kostnad",
                r"\blan\b.*\b(bast|effektiv)", r"kommungrupp(en)? [abc][1-9]\b", r"screena")),
    Route("savings", "Besparingspotential: vad kostnadsavvikelsen är värd i kronor",
          cues=(r"\bspara", r"besparing", r"sparpotential", r"referensniva", r"kostnadsavvikelse.*(kronor|kr)\b",
                r"skulle .* kosta", r"vad skulle .* (vinna|tjana)"),
          needs_kommun=True),
    Route("trend", "Utveckling över tid för ett nyckeltal",
          cues=(r"utvecklats", r"utveckling", r"\bsedan (19|20)\d\d", r"over tid", r"\btrend", r"forandrats",
                r"\bokat\b|\bminskat\b"),
          needs_kommun=True),
    Route("comparison", "Jämförelse mellan kommuner",
          cues=(r"\bjamfor", r"jamfort med", r"\bmot\b", r"skillnad(en)? mellan", r"\bvs\.?\b"),
          needs_kommun=True, min_kommuner=2, entity_bonus=1.5),
    Route("kpi_definition", "Vad ett nyckeltal i Kolada mäter och hur det beräknas",
          cues=(r"^(vad (ar|menas med|betyder|innebar|mater)|hur (beraknas|raknas|mats)|forklara)",),
          needs_kpi=True, base=0.0),
    Route("kommun_figures", "Nyckeltal och effektivitet för en kommun",
          cues=(r"\beffektiv", r"\bkostnad", r"kvalitet", r"\bindex", r"ligger", r"star sig", r"profil",
                r"meritvarde", r"dea\b", r"\bbast\b", r"\bsamst\b", r"hur (bra|gar det)", r"nyckeltal"),
          needs_kommun=True, base=0.5, entity_bonus=0.5),
    Route("handbook", "Fråga om handboken och dess källor", base=0.4),
)
ROUTES_BY_NAME = {r.name: r for r in ROUTES}


def route(question: str, entities: Entities) -> Route:
    """The best-scoring row for this question (``handbook`` when nothing else fits)."""
    folded = fold(question)
    best, best_score = ROUTES_BY_NAME["handbook"], float("-inf")
    for candidate in ROUTES:
        score = candidate.score(folded, entities)
        if score is not None and score > best_score:
            best, best_score = candidate, score
    return best
