"""The project's own knowledge data: the source registry, the handbook's footnote map and
the five råd.

The JSON files (``sources.json``, ``advice.json``) ship as package data next to this
module. Loaders are cached and return frozen values; a malformed file raises
``ValueError`` naming the problem.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

SOURCES_FILE = "sources.json"
ADVICE_FILE = "advice.json"


@dataclass(frozen=True)
class Source:
    """A document that a citation resolves to (the handbook, a cited report, a project file)."""

    id: str
    title: str
    publisher: str
    year: int | None
    url: str | None
    type: str
    short: str  # the handbook's short reference, e.g. "Socialstyrelsen 2021"


@dataclass(frozen=True)
class Advice:
    """One of the handbook's five råd."""

    number: int
    title: str  # short Swedish form, e.g. "Agera tidigt"
    full_title: str  # the heading as the handbook words it
    description: str
    keywords: tuple[str, ...]


def _read_json(name: str) -> dict[str, Any]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError(f"{name}: expected a JSON object at the top level")
    return data


@cache
def load_sources() -> dict[str, Source]:
    """All registered sources by id, in file order. Raises ValueError on a malformed entry."""
    sources: dict[str, Source] = {}
    for entry in _read_json(SOURCES_FILE)["sources"]:
        try:
            source = Source(**entry)
        except TypeError as exc:
            raise ValueError(f"{SOURCES_FILE}: bad source entry {entry!r}: {exc}") from exc
        if source.id in sources:
            raise ValueError(f"{SOURCES_FILE}: duplicate source id {source.id!r}")
        sources[source.id] = source
    return sources


@cache
def footnote_map() -> dict[int, tuple[str, ...]]:
    """Handbook footnote number -> ids of the sources it cites (empty for explanatory notes).

    Raises ValueError if a footnote names an id missing from the registry.
    """
    known = load_sources()
    mapping: dict[int, tuple[str, ...]] = {}
    for key, ids in _read_json(SOURCES_FILE)["footnotes"].items():
        missing = [i for i in ids if i not in known]
        if missing:
            raise ValueError(f"{SOURCES_FILE}: footnote {key} cites unknown ids {missing}")
        mapping[int(key)] = tuple(ids)
    return dict(sorted(mapping.items()))


def sources_for_footnote(number: int) -> tuple[Source, ...]:
    """The sources behind handbook footnote ``number``; KeyError if there is no such note."""
    mapping = footnote_map()
    if number not in mapping:
        raise KeyError(f"handbook footnote {number} does not exist (known: 1-{max(mapping)})")
    sources = load_sources()
    return tuple(sources[i] for i in mapping[number])


@cache
def load_advice() -> tuple[Advice, ...]:
    """The five råd in number order. Raises ValueError on a malformed entry."""
    advice: list[Advice] = []
    for entry in _read_json(ADVICE_FILE)["advice"]:
        try:
            advice.append(Advice(**{**entry, "keywords": tuple(entry.get("keywords", ()))}))
        except TypeError as exc:
            raise ValueError(f"{ADVICE_FILE}: bad advice entry {entry!r}: {exc}") from exc
    advice.sort(key=lambda a: a.number)
    if [a.number for a in advice] != list(range(1, len(advice) + 1)):
        raise ValueError(f"{ADVICE_FILE}: råd must be numbered 1..n without gaps")
    return tuple(advice)


def advice_by_number(number: int) -> Advice:
    """Råd ``number`` (1-5); KeyError for any other number."""
    for item in load_advice():
        if item.number == number:
            return item
    raise KeyError(f"no råd number {number}")


# -- documents added by an administrator ------------------------------------------------
# They never come from sources.json: each gets its own entry at run time, typed as an
# uploaded document, so nothing an upload says about itself can make it the handbook,
# a report summary or the glossary.

UPLOADED_TYPE = "uppladdat dokument"
UPLOADED_PREFIX = "uppladdat-"
UPLOADED_LABEL = "Uppladdat dokument"
_RESERVED = re.compile(
    r"\bhandbok(en)?\b|fem\s+goda\s+r[åa]d|\bk[äa]llsammanfattning(ar|en)?\b|\bordlista(n)?\b|"
    r"^\s*k[äa]llor\s*$|\bkallor\b",
    re.I,
)
_uploaded: dict[str, Source] = {}


def claims_reserved_identity(text: str) -> bool:
    """Does a title or file name present itself as the handbook, a summary or the glossary?"""
    return bool(_RESERVED.search(text.replace("-", " ").replace("_", " ")))


def uploaded_source(source_id: str, title: str, date: str) -> Source:
    """The registry entry of an uploaded document; ``date`` is ISO (YYYY-MM-DD)."""
    if not source_id.startswith(UPLOADED_PREFIX):
        raise ValueError(f"uploaded source ids start with {UPLOADED_PREFIX!r}: {source_id!r}")
    return Source(id=source_id, title=title, publisher="", year=int(date[:4]), url=None,
                  type=UPLOADED_TYPE, short=f"{UPLOADED_LABEL}: {title}, {date}")


def set_uploaded_sources(sources: "list[Source] | tuple[Source, ...]") -> None:
    """Replace the uploaded entries (called when an index generation goes live)."""
    global _uploaded
    _uploaded = {s.id: s for s in sources}


def source_by_id(source_id: str) -> Source | None:
    """A registered source, uploaded or not; None for an unknown id."""
    return load_sources().get(source_id) or _uploaded.get(source_id)
