"""What kind of figure a question asks for, and what kind a key figure is: a share, a count
or a cost.

"Hur stor andel av invånarna är 65+?" asks for a share; "Kostnad äldreomsorg, kr/inv 65+"
is a cost. When both are explicit and disagree, the key figure is not the one asked for,
whatever else its title shares with the question. Only words that name the measure count
("andel", "procent", "antal", "kostnad", "kronor"); "hur många" is left out, since Swedish
uses it for shares too ("Hur många klarar alla ämnen?").
"""

from __future__ import annotations

import re

from indices.text import fold
from indices.units import parse_unit

SHARE, COUNT, COST = "share", "count", "cost"

_QUESTION = (
    (SHARE, re.compile(r"\bandel(en|ar|arna)?\b|\bprocent(andel\w*)?\b|%")),
    (COST, re.compile(r"\bkost(ar|ade|nad|naden|nader|naderna)\b|\bkronor\b|\bkr\b")),
    (COUNT, re.compile(r"\bantal(et)?\b")),
)
# (asked, offered) pairs that are not a conflict: a cost is often given as a share
# ("Nettokostnadsavvikelse ..., (%)").
_COMPATIBLE = frozenset({(COST, SHARE)})


# "över 65 år", "65 år och äldre" are the age group "65+" of the titles (folded text)
_AGE_GROUP = (re.compile(r"\b(?:over|aldre an) (\d{2}) ?ars?\b"),
              re.compile(r"\b(\d{2}) ?ar (?:och|eller) (?:aldre|uppat)\b"))


def age_groups(folded: str) -> str:
    """Folded text with each age group written as in Kolada's titles ("65+")."""
    for pattern in _AGE_GROUP:
        folded = pattern.sub(r"\1+", folded)
    return folded


def question_measure(folded: str) -> str | None:
    """The measure a folded question names explicitly, or ``None``."""
    for measure, pattern in _QUESTION:
        if pattern.search(folded):
            return measure
    return None


def unit_measure(unit: str, title: str = "") -> str | None:
    """The measure of a key figure from its unit ("andel (%)", "kr/inv", "antal"); a unit
    that names none ("invånare") falls back to the unit the title ends with."""
    measure = _measure_of(unit)
    return measure if measure or not title else _measure_of(parse_unit(title))


def _measure_of(unit: str) -> str | None:
    u = fold(unit).strip()
    if u.startswith("andel") or u == "%" or "(%)" in u:
        return SHARE
    if re.match(r"(kr|tkr|mnkr|kronor)\b", u):
        return COST
    if u.startswith("antal"):
        return COUNT
    return None


def conflicts(asked: str | None, offered: str | None) -> bool:
    """The question names one measure and the key figure is another."""
    return bool(asked and offered and asked != offered and (asked, offered) not in _COMPATIBLE)
