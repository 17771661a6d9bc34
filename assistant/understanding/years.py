"""Years and ranges: "2019", "sedan 2015", "2015-2020", "de senaste fem åren", "förra året".

Relative years count from the data's last year (not from today's date), and the reading
says so; a year outside the data is moved to its nearest end with a Swedish note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import indices

from assistant.retrieval.lexical import fold

DEFAULT_SPAN = 8  # a trend without years shows the last eight years

NUMBER_WORDS = {"en": 1, "ett": 1, "tva": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7,
                "atta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "femton": 15, "tjugo": 20}
_YEAR = r"((?:19|20)\d\d)"
_RANGE = re.compile(rf"\b(?:mellan\s+|fran\s+)?{_YEAR}\s*(?:-|–|till|och)\s*{_YEAR}\b")
_SINCE = re.compile(rf"\b(?:sedan|sen|fran|fr\.?o\.?m\.?|efter)\s+(?:ar\s+)?{_YEAR}\b")
_LAST_N = re.compile(r"\b(?:de\s+)?(?:senaste|sista)\s+(\d+|\w+)\s+aren\b")
_RECENT = re.compile(r"\b(?:de\s+)?senaste\s+aren\b|\bpa\s+senare\s+ar\b|\bover\s+tid\b")
_LAST_YEAR = re.compile(r"\b(?:forra|forr)\s+aret\b|\bi\s+fjol\b")
_THIS_YEAR = re.compile(r"\b(?:i\s+ar|detta\s+ar|aktuellt\s+ar)\b")
_ANY_YEAR = re.compile(rf"\b{_YEAR}\b")


@dataclass(frozen=True)
class YearReading:
    years: tuple[int, int] | None  # (first, last)
    is_range: bool  # a span was asked ("sedan 2015", "de senaste åren")
    notes: tuple[str, ...]


def _clamp(year: int, notes: list[str]) -> int:
    first, last = indices.year_span()  # the data's span (cached in indices)
    if year > last:
        notes.append(f"Dataunderlaget slutar {last}, så svaret gäller {last}.")
        return last
    if year < first:
        notes.append(f"Dataunderlaget börjar {first}, så svaret börjar där.")
        return first
    return year


def _number(word: str) -> int | None:
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def read_years(question: str) -> YearReading:
    """The asked year or range; ``years`` is ``None`` when the question names no time."""
    text = fold(question)
    notes: list[str] = []
    first, last = indices.year_span()
    if m := _RANGE.search(text):
        a, b = sorted((int(m.group(1)), int(m.group(2))))
        return YearReading((_clamp(a, notes), _clamp(b, notes)), True, tuple(dict.fromkeys(notes)))
    if m := _SINCE.search(text):
        return YearReading((_clamp(int(m.group(1)), notes), last), True, tuple(notes))
    if (m := _LAST_N.search(text)) and (n := _number(m.group(1))):
        notes.append(f"De senaste åren räknas från dataunderlagets sista år, {last}.")
        return YearReading((max(first, last - n + 1), last), True, tuple(notes))
    if _RECENT.search(text):
        return YearReading((last - DEFAULT_SPAN + 1, last), True, ())
    if _LAST_YEAR.search(text):
        notes.append(f"”Förra året” läses som dataunderlagets senaste år, {last}.")
        return YearReading((last, last), False, tuple(notes))
    if _THIS_YEAR.search(text):
        notes.append(f"Dataunderlaget slutar {last}, så svaret gäller {last}.")
        return YearReading((last, last), False, tuple(notes))
    found = [int(y) for y in _ANY_YEAR.findall(text)]
    if found:
        year = _clamp(found[-1], notes)
        return YearReading((year, year), False, tuple(notes))
    return YearReading(None, False, ())
