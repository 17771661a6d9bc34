"""Which key figure a question asks for: the catalogue's titles, read three ways.

1. **Phrases** (``data/kpi_phrases.json``): everyday wording for common key figures
   ("hur många bor", "skatten", "vänta på plats i särskilt boende"), area-aware.
2. **Lexical**: BM25 over the stemmed words and character 4-grams of every KPI title
   (plus its synonyms where the catalogue has them).
3. **Dense**: cosine between the question's embedding (the one already computed for the
   intent) and the titles embedded once, cached on disk by content hash.

The three are combined with an area prior (a KPI of the asked area gains, another
area's loses) and a coverage prior (KPIs with data for few kommuner lose). A clear
winner is chosen; two candidates within :data:`AMBIGUOUS_MARGIN` make an ask-back.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.retrieval.lexical import BM25, fold, ngram_tokens, stem_tokens
from assistant.understanding.catalogue import CatalogueEntry, catalogue_entries
from assistant.understanding.query import KpiChoice

PHRASES_FILE = Path(__file__).with_name("data") / "kpi_phrases.json"
W_PHRASE, W_PHRASE_WEAK, W_LEX, W_DENSE = 3.0, 0.6, 1.0, 2.0
AREA_BONUS, AREA_PENALTY = 0.35, 0.5
AMBIGUOUS_MARGIN = 0.08
MIN_SCORE = 0.9  # below this, the question names no key figure we have
# Words that carry no key-figure meaning for the lexical signal (question and place words).
_NOISE = re.compile(r"\b(hur|vad|vilk\w*|finns|det|nagot|nyckeltal\w*|kommun\w*|mycket|stor|hog|lag|"
                    r"andel\w*|jamfor\w*|ar|har|i|for|och|med|om|per|pa|av|till|den|de|som|en|ett)\b")


@dataclass(frozen=True)
class Phrase:
    pattern: re.Pattern
    kpis: dict[str, tuple[str, ...]]  # area id or "default" -> KPIs; "*" = any area
    weak: bool


@lru_cache(maxsize=1)
def phrases() -> tuple[Phrase, ...]:
    raw = json.loads(PHRASES_FILE.read_text(encoding="utf-8"))["phrases"]
    out = []
    for p in raw:
        kpis = p["kpis"]
        mapping = {"*": tuple(kpis)} if isinstance(kpis, list) else {k: tuple(v) for k, v in kpis.items()}
        out.append(Phrase(re.compile(p["pattern"]), mapping, bool(p.get("weak"))))
    return tuple(out)


def phrase_hits(folded: str, area: str | None) -> dict[str, float]:
    """KPI -> phrase signal. The first KPI of a list scores highest."""
    scores: dict[str, float] = {}
    for phrase in phrases():
        if not phrase.pattern.search(folded):
            continue
        kpis = phrase.kpis.get("*") or phrase.kpis.get(area or "default") or phrase.kpis.get("default")
        if not kpis:
            continue
        weight = W_PHRASE_WEAK if phrase.weak else W_PHRASE
        for rank, kpi in enumerate(kpis):
            scores[kpi] = max(scores.get(kpi, 0.0), weight * (1.0 - 0.05 * rank))
    return scores


class KpiResolver:
    """The catalogue indexed once; :meth:`resolve` ranks its KPIs for one question."""

    def __init__(self, entries: list[CatalogueEntry], title_vectors: np.ndarray | None = None) -> None:
        self.entries = entries
        self.by_id = {e.kpi: i for i, e in enumerate(entries)}
        docs = [f"{e.title} {' '.join(e.synonyms)}" for e in entries]
        self._stems = BM25([stem_tokens(d) for d in docs])
        self._grams = BM25([ngram_tokens(d) for d in docs])
        self.vectors = title_vectors
        self._areas = np.array([e.area or "" for e in entries])
        self._coverage = np.array([min(1.0, e.n_kommuner / 150.0) for e in entries])
        self._default = np.array([1.0 if e.is_default else 0.0 for e in entries])

    def lexical(self, text: str) -> np.ndarray:
        cleaned = _NOISE.sub(" ", fold(text))
        stems = self._stems.get_scores(stem_tokens(cleaned))
        grams = self._grams.get_scores(ngram_tokens(cleaned))
        combined = stems / (stems.max() or 1.0) + 0.5 * grams / (grams.max() or 1.0)
        return combined / 1.5

    def resolve(self, text: str, area: str | None, query_vector: np.ndarray | None = None,
                limit: int = 5) -> list[KpiChoice]:
        """Ranked KPI candidates with combined scores (higher = better)."""
        folded = fold(text)
        score = W_LEX * self.lexical(text)
        if self.vectors is not None and query_vector is not None:
            dense = self.vectors @ np.asarray(query_vector, dtype=np.float32)
            score = score + W_DENSE * np.clip((dense - 0.3) / 0.4, 0.0, 1.0)
        for kpi, value in phrase_hits(folded, area).items():
            if kpi in self.by_id:
                score[self.by_id[kpi]] += value
        if area:
            score = score + np.where(self._areas == area, AREA_BONUS, 0.0)
            score = score - np.where((self._areas != "") & (self._areas != area), AREA_PENALTY, 0.0)
        score = score - 0.6 * (1.0 - self._coverage) + 0.1 * self._default
        order = np.argsort(-score)[:limit]
        return [KpiChoice(self.entries[i].kpi, self.entries[i].title, round(float(score[i]), 4))
                for i in order]

    def has_phrase(self, text: str, area: str | None) -> bool:
        return any(not p.weak and p.pattern.search(fold(text)) for p in phrases())


def is_ambiguous(choices: list[KpiChoice]) -> bool:
    return (len(choices) >= 2 and choices[0].score >= MIN_SCORE
            and choices[0].score - choices[1].score < AMBIGUOUS_MARGIN)


@lru_cache(maxsize=1)
def lexical_resolver() -> KpiResolver:
    """A resolver without the dense signal (no model needed)."""
    return KpiResolver(catalogue_entries())
