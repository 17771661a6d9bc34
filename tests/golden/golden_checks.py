"""Checks shared by the golden and dev-set tests: Swedish text, Kolada figures, leaks.

Kept free of the assistant's own helpers where the point is to check them: the Swedish
number format and the expected Kolada values are computed here from the CSV snapshot,
not with ``assistant.formatting`` or ``indices``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pandas as pd

from indices.settings import load_settings as load_indices_settings

# Common function words. "i", "in" and "be" are left out of the English list on purpose:
# they are Swedish words too.
SWEDISH_WORDS = frozenset("""
    och är att det som för med en ett på av till inte kan har om jag du vad hur eller
    från den de finns saknas kommun kommuner enligt handboken källa svarar fråga
""".split())
ENGLISH_WORDS = frozenset("""
    the is are was were what how which why does do of and to for with this that these
    you your please sorry cannot error not it on an answer question
""".split())
_WORD = re.compile(r"[a-zåäöéü]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
RAW_ERROR_TEXT = ("Traceback", "Error:", "Exception")
# Lines of the source registry's bookkeeping (kallor.md) that are not facts for a reader.
SOURCE_METADATA = ("Fullständig titel:", "URL:", "Stödjer råd:", "Identifiering:",
                   "Fotnot i handboken:", "Fotnoter i handboken:", "Författare/utgivare:")


def english_sentences(text: str) -> list[str]:
    """Sentences of at least four words where English function words dominate."""
    found = []
    for sentence in _SENTENCE_END.split(text):
        words = _WORD.findall(sentence.lower())
        if len(words) < 4:
            continue
        en = sum(w in ENGLISH_WORDS for w in words)
        sv = sum(w in SWEDISH_WORDS for w in words)
        if en >= 3 and en > sv:
            found.append(sentence.strip())
    return found


def swedish_problems(text: str) -> list[str]:
    """Why ``text`` does not read as Swedish (empty list: it does)."""
    problems = []
    words = _WORD.findall(text.lower())
    if not (any(w in SWEDISH_WORDS for w in words) or re.search(r"[åäöÅÄÖ]", text)):
        problems.append("inga svenska funktionsord och inga å/ä/ö")
    problems += [f"engelsk mening: {s[:80]!r}" for s in english_sentences(text)]
    return problems


def raw_error_text(text: str) -> list[str]:
    return [marker for marker in RAW_ERROR_TEXT if marker in text]


def metadata_lines(text: str) -> list[str]:
    return [marker for marker in SOURCE_METADATA if marker in text]


def echoed_markup(question: str, text: str) -> list[str]:
    """HTML tags from the question that come back unescaped in the answer."""
    tags = set(re.findall(r"<[^<>]{1,200}>", question))
    if "<script" in question.lower():
        tags.add("<script")
    return sorted(t for t in tags if t.lower() in text.lower())


# ---------------------------------------------------------------- Kolada figures

def kolada_dir() -> Path:
    return load_indices_settings().kolada_dir


@lru_cache(maxsize=1)
def kolada_values() -> pd.Series:
    """(kommunkod, kpi, year) -> value, straight from the long CSV."""
    frame = pd.read_csv(kolada_dir() / "kpi_long_2010_2022.csv", dtype={"kommunkod": str})
    return frame.set_index(["kommunkod", "kpi", "year"])["value"].sort_index()


def expected_value(check: dict) -> float:
    value = kolada_values().loc[(check["kommunkod"], check["kpi"], int(check["year"]))]
    return float(value) * float(check.get("scale", 1))


def swedish_number(value: float, decimals: int) -> str:
    """12345.6 -> '12 346' (0 decimals), 3.45 -> '3,5' (1 decimal): Python's rounding."""
    return f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",")


def number_pattern(shown: str) -> re.Pattern[str]:
    """The number as a whole token: not part of a longer number or a grouped thousand."""
    return re.compile(rf"(?<![\d,.\-−])(?<!\d ){re.escape(shown)}(?!\d|,\d| \d{{3}})")


def figure_problem(check: dict, text: str) -> str | None:
    """None if the value shows up on a line that also names its KPI id and year."""
    shown = swedish_number(expected_value(check), int(check.get("decimals", 0)))
    pattern = number_pattern(shown)
    lines = [line for line in text.splitlines() if pattern.search(line)]
    if not lines:
        return f"{check['kpi']} {check['year']} för {check['kommunkod']}: {shown!r} saknas i svaret"
    if not any(check["kpi"] in line and str(check["year"]) in line for line in lines):
        return (f"{check['kpi']} {check['year']} för {check['kommunkod']}: {shown!r} finns, men inte "
                f"på samma rad som KPI-id och år: {lines[0][:120]!r}")
    return None
