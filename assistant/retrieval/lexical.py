"""Swedish lexical retrieval: BM25 over stemmed words and over character n-grams.

Snowball's Swedish stemmer handles inflection (``kommunerna`` -> ``kommun``) but not
compounds: ``digitaliseringslyftet`` and ``osthyvelsbesparingar`` share no stem with
``digitaliseringslyft`` or ``osthyvlar``. A second BM25 over character 4-grams inside
words gives those compounds partial credit. Both analysers fold diacritics after
stemming so a query typed without å/ä/ö (``aldreomsorg``) still matches.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import snowballstemmer
from rank_bm25 import BM25Okapi

_WORD = re.compile(r"[0-9a-zåäöéüæø]+", re.IGNORECASE)
_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "æ": "a", "ø": "o"})
NGRAM = 4

# Function words that carry no topic; kept short on purpose (question words included).
STOPWORDS = frozenset(
    """
    alla allt att av blev bli blir blivit de dem den denna deras dess dessa det detta dig din
    dina ditt du där då efter ej eller en er era ert ett från för ha hade han hans har henne
    hennes hon honom hur här i icke ingen inom inte jag ju kan kunde man med mellan men mig min
    mina mitt mot mycket ni nu när någon något några och om oss på samma sedan sig sin sina
    sitta själv skulle som så sådan sådana till under upp ut utan vad var vara varför varit
    varje vars vem vi vid vilka vilkas vilken vilket vår våra vårt än är åt över ska bör
    finns fanns säger sa enligt vilket vilka hos också även bara sätt
    """.split()
)


def fold(text: str) -> str:
    """Lowercase and drop Swedish diacritics: ``Äldreomsorg`` -> ``aldreomsorg``."""
    return text.lower().translate(_FOLD)


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("swedish")


def words(text: str) -> list[str]:
    """Lowercased word tokens, stopwords removed (stopwords compared folded)."""
    stop = _folded_stopwords()
    return [w for w in (m.group(0).lower() for m in _WORD.finditer(text)) if fold(w) not in stop]


@lru_cache(maxsize=1)
def _folded_stopwords() -> frozenset[str]:
    return frozenset(fold(w) for w in STOPWORDS)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball-stem a lowercase word, then fold diacritics."""
    return fold(_stemmer().stemWord(word))


def stem_tokens(text: str) -> list[str]:
    return [stem(w) for w in words(text)]


def ngram_tokens(text: str, n: int = NGRAM) -> list[str]:
    """Character n-grams of each folded word, with ``#`` marking word boundaries."""
    grams: list[str] = []
    for word in words(text):
        padded = f"#{fold(word)}#"
        if len(padded) <= n:
            grams.append(padded)
        else:
            grams.extend(padded[i : i + n] for i in range(len(padded) - n + 1))
    return grams


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
        self._stem_bm25 = BM25Okapi(stems)
        self._gram_bm25 = BM25Okapi(grams)
        self._vocabulary = frozenset(tok for doc in stems for tok in doc)
        self.size = len(texts)

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
