"""Direction and limit of a ranking: högst/lägst/bäst/sämst/dyrast/billigast, "topp fem",
"de tio", "vilken kommun" (one), "vilken plats" (the kommun's own rank); and the cost/quality
quadrant of a screening ("hög kostnad och låg kvalitet", "billiga och bra")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.retrieval.lexical import fold
from assistant.understanding.years import NUMBER_WORDS

# "max"/"min" are explicit; "best"/"worst" are resolved with the KPI's direction.
_DIRECTION = (
    (re.compile(r"\b(hogst|hogsta|storst|storsta|mest|flest|dyrast|dyraste|dyrare|hogre|storre|okat mest)\b"), "max"),
    (re.compile(r"\b(lagst|lagsta|minst|minsta|farst|billigast|billigaste|billigare|lagre|mindre)\b"), "min"),
    (re.compile(r"\b(bast|basta|effektivast|effektivaste|topp|framgangsrikast|ledande|battre)\b"), "best"),
    (re.compile(r"\b(samst|samsta|svagast|svagaste|botten|samre|minst effektiv\w*)\b"), "worst"),
)
_NUM = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_LIMIT = re.compile(rf"\b(?:topp|de|vilka|ge mig|lista|visa)\s+(\d{{1,3}}|{_NUM})\b|"
                    rf"\b(\d{{1,3}}|{_NUM})\s+(?:mest|minst|basta|samsta|hogsta|lagsta|billigaste|dyraste|"
                    rf"effektivaste|kommuner(?:na)?)\b")
_SINGULAR = re.compile(r"\b(vilken kommun|vilket lan|vem har|vem ar|var (?:i|ar|har)|vilken har)\b")
_PLACE = re.compile(r"\b(vilken plats|vilken placering|vilken rang|placerar sig|rankas|rankad|plats i landet)\b")


_COST = ((re.compile(r"\b(hog(a|re)? (netto)?kostnad(er)?|dyr(a|are)?|kostar mycket)\b"), "high"),
         (re.compile(r"\b(lag(a|re)? (netto)?kostnad(er)?|billig(a|are)?|kostar lite)\b"), "low"))
_QUALITY = ((re.compile(r"\b(hog(re)?|god|bra|battre) (kvalitet|resultat)\b|\bbra\b"), "high"),
            (re.compile(r"\b(lag(re)?|dalig|svag|samre) (kvalitet|resultat)\b|\bdalig(a)?\b"), "low"))


@dataclass(frozen=True)
class RankWords:
    direction: str | None  # max | min | best | worst
    limit: int | None
    own_place: bool  # "vilken plats har X": the kommun's rank


def read_rank_words(question: str) -> RankWords:
    text = fold(question)
    found = {value for pattern, value in _DIRECTION if pattern.search(text)}
    if re.search(r"\bmest effektiv", text):
        direction = "best"
    elif re.search(r"\bminst effektiv", text):
        direction = "worst"
    else:  # an explicit high/low wins over good/bad ("bäst, alltså lägst kostnad")
        direction = next((d for d in ("max", "min", "best", "worst") if d in found), None)
    limit = None
    if m := _LIMIT.search(text):
        word = m.group(1) or m.group(2)
        n = int(word) if word.isdigit() else NUMBER_WORDS.get(word)
        if n and 1 <= n <= 290 and not (word in {"en", "ett"}):
            limit = n
    if limit is None and _SINGULAR.search(text):
        limit = 1
    return RankWords(direction, limit, bool(_PLACE.search(text)))


def read_quadrant(question: str) -> tuple[str, str] | None:
    """The (cost, quality) levels a screening asks for, ``("high", "low")`` for "hög kostnad
    och låg kvalitet"; ``None`` unless both are named, each one way only."""
    text = fold(question)
    levels = []
    for table in (_COST, _QUALITY):
        found = {level for pattern, level in table if pattern.search(text)}
        if len(found) != 1:
            return None
        levels.append(found.pop())
    return levels[0], levels[1]


def resolve_direction(direction: str | None, kpi_direction: int) -> str | None:
    """'best'/'worst' become max/min by the KPI's direction (+1 higher is better)."""
    if direction in {"best", "worst"}:
        best = "min" if kpi_direction < 0 else "max"
        return best if direction == "best" else ("max" if best == "min" else "min")
    return direction
