"""Swedish text normalisation shared by the KPI catalogue and the assistant's retrieval.

One definition of folding (lower case, å/ä/ö -> a/a/o), the stopword list,
word tokens, Snowball stemming and character n-grams. ``snowballstemmer`` is a
small pure-Python package; it is the only dependency beyond the core stack.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

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
    """Lowercase and drop diacritics: ``Äldreomsorg`` -> ``aldreomsorg``, ``Hábo`` -> ``habo``.

    The one folding of the project: kommun names, KPI search and retrieval all use it."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("swedish")


@lru_cache(maxsize=1)
def _folded_stopwords() -> frozenset[str]:
    return frozenset(fold(w) for w in STOPWORDS)


def tokens(text: str) -> list[str]:
    """All lowercased word tokens, stopwords kept."""
    return [m.group(0).lower() for m in _WORD.finditer(text)]


@lru_cache(maxsize=65536)
def is_stopword(word: str) -> bool:
    """Whether a lowercase word is a stopword (compared folded)."""
    return _is_stopword(word)


@lru_cache(maxsize=65536)
def _is_stopword(word: str) -> bool:
    return fold(word) in _folded_stopwords()


def words(text: str) -> list[str]:
    """Lowercased word tokens, stopwords removed (stopwords compared folded)."""
    return [w for w in (m.group(0).lower() for m in _WORD.finditer(text)) if not _is_stopword(w)]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball-stem a lowercase word, then fold diacritics."""
    return fold(_stemmer().stemWord(word))


def stem_tokens(text: str) -> list[str]:
    return [stem(w) for w in words(text)]


@lru_cache(maxsize=65536)
def _word_ngrams(word: str, n: int) -> tuple[str, ...]:
    padded = f"#{fold(word)}#"
    if len(padded) <= n:
        return (padded,)
    return tuple(padded[i : i + n] for i in range(len(padded) - n + 1))


def word_ngrams(word: str, n: int = NGRAM) -> list[str]:
    """Character n-grams of one folded word, ``#`` marking its boundaries."""
    return list(_word_ngrams(word, n))


def ngram_tokens(text: str, n: int = NGRAM) -> list[str]:
    """Character n-grams of each folded word, with ``#`` marking word boundaries."""
    grams: list[str] = []
    for word in words(text):
        grams.extend(word_ngrams(word, n))
    return grams
