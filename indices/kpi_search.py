"""Lexical search over the KPI catalogue with scores a caller can compare.

The score of a KPI for a phrase lies in 0-1 and is built from three parts:

* coverage (weight 0.6): the idf-weighted share of the phrase's word stems that
  the KPI explains. A stem in the title or a curated synonym counts 1; a word
  whose character 4-grams mostly occur in the title (compounds such as
  "gymnasiet" / "gymnasieskola") counts up to 0.8; a stem only in the
  description or operating area counts 0.5 (0.3 by 4-grams);
* synonym (0.25): the share of the phrase covered by a curated synonym whose
  stems all occur in the phrase ("väntetid särskilt boende");
* precision (0.15): the idf-weighted share of the title's stems that the phrase
  names, so a short exact title beats a long one that merely contains the word.

Within a family the default member gets the family's best score and comes
first. Rough guide: from :data:`CLEAR_HIT` up is a clear hit, below
:data:`GUESS` a guess.

Before matching, curated filler words ("många", "hög", "kommunen") are dropped
and everyday forms replaced ("kostar" -> "kostnad"); a word that occurs in no KPI
text at all (typically a kommun's name) weighs :data:`UNSEEN_WEIGHT` of a rare word.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .text import fold, is_stopword, stem, stem_tokens, tokens, word_ngrams, words

if TYPE_CHECKING:
    from .catalogue import KpiRecord

CLEAR_HIT = 0.75
GUESS = 0.45
UNSEEN_WEIGHT = 0.1
W_COVERAGE, W_SYNONYM, W_PRECISION = 0.6, 0.25, 0.15
_KPI_ID = re.compile(r"^[NU]\d{5}$", re.IGNORECASE)


@dataclass(frozen=True)
class KpiHit:
    """One search result. ``to_dict`` gives the CLI's shape: kpi, title, area, unit, score."""

    kpi: str
    title: str
    area: str
    unit: str
    score: float
    family: str = ""
    is_default: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {"kpi": self.kpi, "title": self.title, "area": self.area, "unit": self.unit,
                "score": round(self.score, 4)}


def _grams(text: str) -> set[str]:
    return {g for w in words(text) for g in word_ngrams(w)}


class SearchIndex:
    """Precomputed stems and 4-grams of every record."""

    def __init__(self, records: Sequence[KpiRecord], ignore: Sequence[str] = (),
                 replace: dict[str, str] | None = None) -> None:
        self.records = list(records)
        self._ignore = {fold(w) for w in ignore}
        self._replace = {fold(k): v for k, v in (replace or {}).items()}
        self._title_stems = [stem_tokens(r.title) for r in self.records]
        self._primary = [set(ts) | {s for syn in r.synonyms for s in stem_tokens(syn)}
                         for ts, r in zip(self._title_stems, self.records)]
        self._primary_grams = [_grams(r.title + " " + " ".join(r.synonyms)) for r in self.records]
        secondary_text = [r.description + " " + r.operating_area for r in self.records]
        self._secondary = [set(stem_tokens(t)) for t in secondary_text]
        self._secondary_grams = [_grams(t) for t in secondary_text]
        self._synonyms = [[tuple(dict.fromkeys(stem_tokens(s))) for s in r.synonyms] for r in self.records]
        n = len(self.records)
        df: dict[str, int] = {}
        for p, s in zip(self._primary, self._secondary):
            for t in p | s:
                df[t] = df.get(t, 0) + 1
        self._idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        self._unseen_idf = math.log(1 + (n + 0.5) / 0.5)
        self._all_grams = set().union(*self._primary_grams, *self._secondary_grams) if self.records else set()
        self._by_id = {r.kpi: i for i, r in enumerate(self.records)}

    def idf(self, token: str) -> float:
        return self._idf.get(token, self._unseen_idf)

    def _weight(self, token: str, grams: list[str]) -> float:
        if token in self._idf:
            return self._idf[token]
        known = sum(g in self._all_grams for g in grams) / len(grams) if grams else 0.0
        return self._unseen_idf * (1.0 if known >= 0.75 else UNSEEN_WEIGHT)

    def _query(self, text: str) -> list[tuple[str, list[str]]]:
        seen: dict[str, list[str]] = {}
        for w in tokens(text):
            key = fold(w)
            if key in self._replace:
                parts = words(self._replace[key])
            elif key in self._ignore or is_stopword(w):
                continue
            else:
                parts = [w]
            for part in parts:
                seen.setdefault(stem(part), word_ngrams(part))
        return list(seen.items())

    def _match(self, i: int, token: str, grams: list[str]) -> float:
        if token in self._primary[i]:
            return 1.0
        share = sum(g in self._primary_grams[i] for g in grams) / len(grams) if grams else 0.0
        if share >= 0.6:
            return 0.8 * share
        if token in self._secondary[i]:
            return 0.5
        share2 = sum(g in self._secondary_grams[i] for g in grams) / len(grams) if grams else 0.0
        return 0.3 if share2 >= 0.75 else 0.0

    def _score(self, i: int, query: list[tuple[str, list[str]]], weight: float, qset: set[str],
               weights: dict[str, float]) -> float:
        coverage = sum(weights[t] * self._match(i, t, g) for t, g in query) / weight
        if coverage <= 0:
            return 0.0
        synonym = 0.0
        for syn in self._synonyms[i]:
            if syn and set(syn) <= qset:
                synonym = max(synonym, sum(weights[t] for t in syn) / weight)
        title = self._title_stems[i]
        t_weight = sum(self.idf(t) for t in title)
        precision = sum(self.idf(t) for t in title if t in qset) / t_weight if t_weight else 0.0
        return W_COVERAGE * coverage + W_SYNONYM * min(synonym, 1.0) + W_PRECISION * precision

    def search(self, text: str, limit: int = 10) -> list[KpiHit]:
        raw = str(text or "").strip()
        if _KPI_ID.match(raw) and raw.upper() in self._by_id:
            r = self.records[self._by_id[raw.upper()]]
            return [KpiHit(r.kpi, r.title, r.area, r.unit, 1.0, r.family, r.is_default)]
        query = self._query(raw)
        if not query:
            return []
        weights = {t: self._weight(t, g) for t, g in query}
        weight = sum(weights.values())
        qset = set(weights)
        scores = [self._score(i, query, weight, qset, weights) for i in range(len(self.records))]
        best_of_family: dict[str, float] = {}
        for r, s in zip(self.records, scores):
            best_of_family[r.family] = max(best_of_family.get(r.family, 0.0), s)
        hits = []
        for r, s in zip(self.records, scores):
            fam = best_of_family[r.family]
            if r.is_default:
                s = fam
            elif s >= fam:
                s = fam - 1e-4
            if s > 0:
                hits.append(KpiHit(r.kpi, r.title, r.area, r.unit, min(max(s, 0.0), 1.0), r.family, r.is_default))
        hits.sort(key=lambda h: (-h.score, not h.is_default, h.kpi))
        return hits[: max(0, int(limit))]
