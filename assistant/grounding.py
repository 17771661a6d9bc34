"""Checks that an answer says nothing its evidence does not: every [n] marker points to a
citation, and every number in the text occurs in a cited passage (or its source's
registry entry) or in a tool output.

Used as the guard around an optional LLM and by the test suite over every golden answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from knowledge.registry import load_sources

from assistant.types import Answer

_MARKER = re.compile(r"\[(\d+)\]")
_ADVICE_REF = re.compile(r"\b[Rr]åd(?:et)? [1-5]\b")
# A number: digits with optional space-grouped thousands and a decimal comma or point,
# not glued to letters (so KPI ids such as N15008 are not numbers).
_NUMBER = re.compile(r"(?<![\w.,])[-−]?\d{1,3}(?:[  ]\d{3})+(?:[.,]\d+)?(?![\w])|(?<![\w.,])[-−]?\d+(?:[.,]\d+)?(?![\w])")


def parse_number(text: str) -> tuple[float, int]:
    """'12 345' -> (12345.0, 0); '3,4' -> (3.4, 1)."""
    clean = text.replace(" ", "").replace("\u00a0", "").replace("−", "-").replace(",", ".")
    decimals = len(clean.split(".")[1]) if "." in clean else 0
    return float(clean), decimals


def numbers_in(text: str) -> list[str]:
    text = _MARKER.sub(" ", text)
    text = _ADVICE_REF.sub(" ", text)
    return [m.group(0) for m in _NUMBER.finditer(text)]


def _pool_values(texts: Iterable[str], values: Iterable[float]) -> list[float]:
    pool = list(values)
    for text in texts:
        for raw in _NUMBER.findall(text):
            pool.append(parse_number(raw)[0])
    return pool


def _walk(obj) -> Iterable[float | str]:
    if isinstance(obj, dict):
        for v in obj.values():
            yield from _walk(v)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            yield from _walk(v)
    elif isinstance(obj, bool):
        return
    elif isinstance(obj, (int, float)):
        yield float(obj)
    elif isinstance(obj, str):
        yield obj


def evidence(answer: Answer) -> list[float]:
    """Every number the answer may use: cited passages, their sources, tool outputs."""
    sources = load_sources()
    texts: list[str] = []
    values: list[float] = []
    for c in answer.citations:
        texts += [c.text, c.source_title, *c.cited_reports]
        if c.source in sources:
            texts += [sources[c.source].title or "", sources[c.source].short or "", str(sources[c.source].year or "")]
    for call in answer.tool_calls:
        for item in _walk({"args": call.args, "result": call.result}):
            if isinstance(item, str):
                texts.append(item)
            else:
                values.append(item)
    return _pool_values(texts, values)


def matches(shown: str, pool: list[float]) -> bool:
    value, decimals = parse_number(shown)
    tolerance = 0.5 * 10 ** (-decimals) + 1e-9
    return any(abs(abs(v) - abs(value)) <= tolerance for v in pool)


def ungrounded_numbers(answer: Answer) -> list[str]:
    """Numbers in the answer text that no evidence supports."""
    pool = evidence(answer)
    return [n for n in numbers_in(answer.text) if not matches(n, pool)]


def dangling_markers(answer: Answer) -> list[int]:
    """[n] markers in the text that point to no citation."""
    known = {c.n for c in answer.citations}
    return sorted({int(n) for n in _MARKER.findall(answer.text)} - known)


def unretrieved_citations(answer: Answer) -> list[int]:
    """Citations that quote a chunk retrieval did not return for this answer."""
    retrieved = set(answer.retrieved)
    return [c.n for c in answer.citations if c.chunk_id not in retrieved]


def unused_citations(answer: Answer) -> list[int]:
    """Citations that the text never refers to."""
    used = {int(n) for n in _MARKER.findall(answer.text)}
    return sorted({c.n for c in answer.citations} - used)

