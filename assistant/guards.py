"""Input checks before routing: type, empty, too long, markup, instructions, English,
years out of range, one- or two-letter questions, and a readable history."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import indices

from assistant.errors import InvalidQuestion
from assistant.language import looks_english
from assistant import messages

MAX_CHARS = 2000
_TAG = re.compile(r"<[^>]{0,200}>")
_CODE_ELEMENT = re.compile(r"<(script|style)\b[^>]{0,200}>.*?</\1\s*>", re.I | re.S)  # content is code, not words
_INJECTION = re.compile(
    r"ignorera (alla )?(tidigare )?(instruktioner|regler)|glöm (alla )?instruktioner|"
    r"ignore (all )?(previous )?instructions|system ?prompt|du är nu|you are now",
    re.I,
)


_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_UNIT = r"\s*(?:kr\b|kronor|mnkr|%|procent|st\b|invånare|elever|personer)"
_YEAR_CONTEXT = re.compile(r"\b(?:år|året|sedan|t\.?o\.?m\.?)\s+(-?\d{1,7})(?!\d|[,.]\d|" + _UNIT + ")", re.I)
_YEARISH = re.compile(r"(?<![\d,.\-])(1[0-8]\d{2}|19[0-4]\d|2[1-9]\d{2})\s*[?.!]*\s*$")  # "… i Växjö 1800?"
FIRST_YEAR, LAST_YEAR = 1950, 2100  # a year outside this is noticed, never silently dropped
MIN_LETTERS = 3  # "a" or "ok" gets the help text


@dataclass(frozen=True)
class CleanQuestion:
    text: str
    notices: tuple[str, ...]
    english: bool
    too_short: bool = False  # one or two letters: answer with the help text


def as_question(question: object) -> str:
    """The question as a string: numbers are read as text, lone surrogates and control
    characters are dropped; anything else (a list, a dict) raises InvalidQuestion."""
    if question is None:
        return ""
    if isinstance(question, bool) or not isinstance(question, (str, int, float)):
        raise InvalidQuestion(messages.NOT_TEXT)
    return _CONTROL.sub(" ", _SURROGATE.sub("", str(question)))


def odd_years(text: str) -> list[str]:
    """Year-like numbers outside 1950-2100: after "år" ("år 1800", "år -1", "år 99999") or a
    four-digit number ending the question ("… i Växjö 1800?"); "1177 Vårdguiden" is not a year."""
    found = [m.group(1) for m in _YEAR_CONTEXT.finditer(text)
             if not (m.group(1).lstrip("-").isdigit() and len(m.group(1)) <= 2 and not m.group(1).startswith("-"))]
    found += [m.group(1) for m in _YEARISH.finditer(text)]
    return list(dict.fromkeys(y for y in found if not FIRST_YEAR <= int(y) <= LAST_YEAR))


def clean_history(history: object) -> list[dict]:
    """The turns of a history that can be read: dicts with a string role and content."""
    if not isinstance(history, list):
        return []
    turns = []
    for turn in history:
        if isinstance(turn, dict) and isinstance(turn.get("role"), str):
            content = turn.get("content")
            content = as_question(content) if isinstance(content, (str, int, float)) else ""
            context = turn.get("context") if isinstance(turn.get("context"), dict) else None
            turns.append({"role": turn["role"], "content": content, **({"context": context} if context else {})})
    return turns


def clean(question: object) -> CleanQuestion:
    """Normalise the question; raise InvalidQuestion with a Swedish message if unusable."""
    text = as_question(question).strip()
    if not text:
        raise InvalidQuestion(messages.EMPTY_QUESTION)
    if len(text) > MAX_CHARS:
        raise InvalidQuestion(messages.TOO_LONG)
    notices = []
    text = html.unescape(text)
    if _TAG.search(text):
        text = _TAG.sub(" ", _CODE_ELEMENT.sub(" ", text))  # markup is dropped; what is left is read as plain words
    if _INJECTION.search(text):
        notices.append(messages.INJECTION_NOTE)
        text = _INJECTION.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    english = looks_english(text)
    if english:
        notices.append(messages.ENGLISH_NOTE)
    if not re.search(r"[A-Za-zÅÄÖåäö0-9]", text):
        raise InvalidQuestion(messages.EMPTY_QUESTION)
    odd = odd_years(text)
    if odd:
        first, last = indices.year_span()
        notices += [messages.YEAR_OUT_OF_RANGE.format(year=y, low=FIRST_YEAR, high=LAST_YEAR, first=first, last=last)
                    for y in odd]
    too_short = len(re.findall(r"\w", text)) < MIN_LETTERS
    return CleanQuestion(text=text, notices=tuple(notices), english=english, too_short=too_short)
