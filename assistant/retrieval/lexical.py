"""Swedish lexical retrieval: BM25 over stemmed words and over character n-grams.

Snowball's Swedish stemmer handles inflection (``kommunerna`` -> ``kommun``) but not
compounds: ``digitaliseringslyftet`` and ``osthyvelsbesparingar`` share no stem with
``digitaliseringslyft`` or ``osthyvlar``. A second BM25 over character 4-grams inside
words gives those compounds partial credit. Both analysers fold diacritics after
stemming so a query typed without å/ä/ö (``aldreomsorg``) still matches.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

# One definition of the Swedish normalisation, shared with the KPI catalogue in indices/.
from indices.text import NGRAM, STOPWORDS, fold, ngram_tokens, stem, stem_tokens, words

__all__ = ["BM25", "LexicalHit", "LexicalIndex", "NGRAM", "STOPWORDS", "fold", "ngram_tokens", "ranked",
           "stem", "stem_tokens", "words"]


class BM25:
    """Okapi BM25 with Lucene's always-positive idf, log(1 + (N - n + 0.5) / (n + 0.5)).

    Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond" (2009).
    The positive idf matters for small corpora, where the classic form goes to zero.
    """

    def __init__(self, docs: Sequence[Sequence[str]], k1: float = 1.2, b: float = 0.75) -> None:
        self.size = len(docs)
        lengths = np.array([len(d) for d in docs], dtype=float)
        avg = lengths.mean() if self.size else 1.0
        self._norm = k1 * (1 - b + b * lengths / avg)
        self._k1 = k1
        self._postings: dict[str, list[tuple[int, int]]] = {}
        for i, doc in enumerate(docs):
            for term, tf in Counter(doc).items():
                self._postings.setdefault(term, []).append((i, tf))
        self.idf = {
            term: math.log(1 + (self.size - len(p) + 0.5) / (len(p) + 0.5))
            for term, p in self._postings.items()
        }

    def get_scores(self, query: Sequence[str]) -> np.ndarray:
        scores = np.zeros(self.size)
        for term, qtf in Counter(query).items():
            postings = self._postings.get(term)
            if not postings:
                continue
            idx = np.fromiter((i for i, _ in postings), dtype=int, count=len(postings))
            tf = np.fromiter((t for _, t in postings), dtype=float, count=len(postings))
            scores[idx] += qtf * self.idf[term] * tf * (self._k1 + 1) / (tf + self._norm[idx])
        return scores


@dataclass(frozen=True)
class LexicalHit:
    index: int
    score: float


class LexicalIndex:
    """Two BM25 indexes (word stems, character n-grams) over the same documents."""

    def __init__(self, texts: Sequence[str]) -> None:
        if not texts:
            raise ValueError("LexicalIndex needs at least one document")
        stems = [stem_tokens(t) or ["_"] for t in texts]
        grams = [ngram_tokens(t) or ["_"] for t in texts]
        self._stem_bm25 = BM25(stems)
        self._gram_bm25 = BM25(grams)
        self._vocabulary = frozenset(tok for doc in stems for tok in doc)
        self.size = len(texts)

    @property
    def stem_idf(self) -> dict[str, float]:
        """idf of every stem in the corpus (used to weigh words when extracting sentences)."""
        return self._stem_bm25.idf

    def stem_scores(self, query: str) -> np.ndarray:
        return np.asarray(self._stem_bm25.get_scores(stem_tokens(query)))

    def gram_scores(self, query: str) -> np.ndarray:
        return np.asarray(self._gram_bm25.get_scores(ngram_tokens(query)))

    def coverage(self, query: str) -> float:
        """Share of the query's content words (idf-weighted) that occur in the corpus.

        Used by the relevance cut-off: a question whose content words the corpus has
        never seen ("Vem vann Melodifestivalen 2021?") is off-topic.
        """
        tokens = stem_tokens(query)
        if not tokens:
            return 0.0
        idf = self._stem_bm25.idf
        weights = [idf.get(t, math.log(self.size + 1)) for t in tokens]
        seen = sum(w for t, w in zip(tokens, weights) if t in self._vocabulary)
        return seen / sum(weights) if sum(weights) > 0 else 0.0


def ranked(scores: np.ndarray, limit: int) -> list[LexicalHit]:
    """Top ``limit`` documents with a positive score, best first."""
    order = np.argsort(-scores, kind="stable")[:limit]
    return [LexicalHit(int(i), float(scores[i])) for i in order if scores[i] > 0]
