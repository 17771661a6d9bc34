"""The one language check: is a text Swedish or English, by counting common function words.

:func:`looks_english` reads a question (English only when English words clearly outnumber
Swedish ones, so a Swedish question with a stray English word stays Swedish);
:func:`is_swedish` reads a model's reply (Swedish words must outnumber English ones).
"""

from __future__ import annotations

import re

ENGLISH = frozenset("the what is are how which why does do of in and to for with that municipality".split())
SWEDISH = frozenset("och är vad hur vilka varför att det som för med en ett i på inte av kommun".split())
_WORD = re.compile(r"[a-zåäö]+")


def word_counts(text: str) -> tuple[int, int]:
    """(Swedish, English) function words in ``text``; words starting with "kommun" count as Swedish."""
    words = _WORD.findall(text.lower())
    swedish = sum(w in SWEDISH or w.startswith("kommun") for w in words)
    return swedish, sum(w in ENGLISH for w in words)


def looks_english(text: str) -> bool:
    """True when a question is written in English (more than one English word, and more than Swedish)."""
    swedish, english = word_counts(text)
    return english > max(1, swedish)


def is_swedish(text: str) -> bool:
    """True when a reply has more Swedish than English function words."""
    swedish, english = word_counts(text)
    return swedish > english
