"""Service areas in a question (the seven areas with RKA indices or cost deviations).

Area ids follow :mod:`indices`: forskola, grundskola, gymnasieskola, aldreomsorg, lss,
ekonomiskt_bistand, ifo. Words are folded prefixes; the area with most hits wins, ties
go to the first named. An age group alone ("65+", "över 80 år") names no area: "andelen
invånare 65+" is demography, not äldreomsorg.
"""

from __future__ import annotations

import re

from assistant.retrieval.lexical import fold
from assistant.understanding.measures import age_groups

AREA_WORDS: dict[str, tuple[str, ...]] = {
    "forskola": ("forskol", "dagis", "barnomsorg", "pedagogisk omsorg", "barngrupp", "inskrivna barn",
                 "inskrivet barn", "forskollarare"),
    "grundskola": ("grundskol", "skolan", "skolor", "skola ", "elev", "meritvarde", "behorig", "larare",
                   "betyg", "ak 9", "arskurs 9", "hogstadi", "mellanstadi", "lagstadi", "nationella prov",
                   "klarar alla amnen", "alla amnen", "skolresultat"),
    "gymnasieskola": ("gymnasi", "yrkesprogram ", "hogskoleforberedande", "examen inom", "studentexamen"),
    "aldreomsorg": ("aldreomsorg", "aldrevard", "aldre", "hemtjanst", "sarskilt boende", "sarskilda boende",
                    "aldreboende", "personalkontinuitet", "omsorg om aldre"),
    "lss": ("lss", "funktionsnedsattning", "funktionshind", "daglig verksamhet", "gruppbostad",
            "personlig assistans", "assistans"),
    "ekonomiskt_bistand": ("ekonomiskt bistand", "ekonomiska bistand", "forsorjningsstod", "socialbidrag",
                           "bistandsmottagare", "bistand"),
    "ifo": ("individ- och familjeomsorg", "individ och familjeomsorg", "ifo", "familjeomsorg", "socialtjanst",
            "barn och unga", "barn- och ungdomsvard", "missbruk", "placering", "familjehem", "hvb"),
}
# Phrases that name one area's result in another's words: "behöriga till gymnasiet" is
# a grundskola result; "barn i förskoleklass" is grundskola.
_REWRITES = (
    (re.compile(r"behorig\w*\s+(?:till|for)\s+(?:gymnasi\w*|yrkesprogram\w*|nationella program\w*)"), "behorig grundskola"),
    (re.compile(r"behorighet\w*\s+(?:till|for)\s+(?:gymnasi\w*|yrkesprogram\w*)"), "behorig grundskola"),
    (re.compile(r"gymnasiebehorig\w*"), "behorig grundskola"),
    (re.compile(r"gymnasieelev\w*"), "gymnasium"),
)
def normalise_area_words(folded: str) -> str:
    for pattern, replacement in _REWRITES:
        folded = pattern.sub(replacement, folded)
    return folded


# per area: any of its words (a quick test), then each word alone; all at a word start
_PATTERNS = {area: (re.compile("|".join(r"(?<![a-z])" + re.escape(w) for w in words)),
                    tuple(re.compile(r"(?<![a-z])" + re.escape(w)) for w in words))
             for area, words in AREA_WORDS.items()}


def read_area(question: str) -> str | None:
    """The area the question is about, or ``None``."""
    text = normalise_area_words(age_groups(fold(question)) + " ")
    best, best_hits, best_pos = None, 0, len(text)
    for area, (any_word, each) in _PATTERNS.items():
        if not any_word.search(text):
            continue
        positions = [m.start() for pattern in each for m in pattern.finditer(text)]
        # the area's own name (the first word listed) outweighs words that several areas share:
        # "kostnad per elev i gymnasiet" is gymnasieskola, though "elev" is a grundskola cue too
        own = len(each[0].findall(text))
        hits, pos = len(positions) + own, min(positions)
        if hits > best_hits or hits == best_hits and pos < best_pos:
            best, best_hits, best_pos = area, hits, pos
    return best
