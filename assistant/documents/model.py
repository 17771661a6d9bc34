"""The document model every export shares: sections of paragraphs, bullets, a table, bars.

Text is Markdown: a literal asterisk is written ``\\*`` (as in ``d\\*``) so that it
survives both the Markdown view and the PDF (:mod:`assistant.documents.pdf`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indices.provenance import EGNA_BERAKNINGAR, KALLA_KOLADA


@dataclass(frozen=True)
class Bars:
    """A small horizontal bar chart (0-100 scale) with an optional reference mark per bar."""

    title: str
    labels: tuple[str, ...]
    values: tuple[float | None, ...]
    marks: tuple[float | None, ...] = ()
    mark_label: str = ""


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()
    table: tuple[tuple[str, ...], ...] = ()  # first row is the header
    bars: Bars | None = None


@dataclass(frozen=True)
class Document:
    title: str
    subtitle: str
    sections: tuple[Section, ...]
    sources: tuple[str, ...] = field(default=(KALLA_KOLADA, EGNA_BERAKNINGAR))

    @property
    def file_stem(self) -> str:
        """The file name without suffix: the title's words, å, ä and ö kept, joined by hyphens."""
        return re.sub(r"[^\w]+", "-", self.title, flags=re.UNICODE).strip("-") or "underlag"

    def without(self, heading: str) -> "Document":
        """The same document without the section of that heading."""
        kept = tuple(s for s in self.sections if s.heading != heading)
        return Document(self.title, self.subtitle, kept, self.sources)
