"""Turn the handbook's raw PDF-extracted text into clean, coherent units in reading order.

The extraction has three kinds of damage, repaired in this order:

1. **Furniture between the text** and 2. **interleaved columns**: footnotes, captions
   and page labels are set apart and the body blocks are put in reading order by
   :mod:`assistant.retrieval.handbook_layout`.
3. **Line-level noise.** Words broken at line ends are joined (``handbook_layout.join_lines``), footnote
   reference digits glued to punctuation are moved into ``footnotes`` and whitespace is
   collapsed.

Sections: "Inledning" up to and including the run holding the numbered list of the five
råd (with the paragraph after the list); "Analys" is the body after that run and before
the heading "1. ..." (the paragraph that announces the walk-through of the råd); the
numbered headings "1."–"5." open "Råd 1".."Råd 5". Headings themselves are not units:
their text is available from :func:`section_titles`. A caption is placed after the first
paragraph that mentions its figure; a footnote after the first unit that cites it. A
footnote that is cited but has no text (the handbook's note 35) gets no unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.retrieval.handbook_layout import (
    CLOSED, NUMBERED, PAGE_FURNITURE, Caption, Piece, blocks, join_lines,
)

# A reference is 1-2 digits glued to punctuation that follows a word: "kr.1", "år.15".
_PUNCT_REF = re.compile(r"(?<=[^\d\s][.,;:!?”\"’')])(\d{1,2})(?=\s|$)")
# A reference glued to a year: "för 20196" is the year 2019 and note 6.
_YEAR_REF = re.compile(r"\b((?:19|20)\d{2})(\d{1,2})\b")


@dataclass(frozen=True)
class HandbookUnit:
    """One clean piece of the handbook with its place in the document."""

    kind: str  # "body" | "caption" | "footnote"
    section: str  # "Inledning", "Analys", "Råd 1".."Råd 5"
    advice: int | None  # 1..5 inside a råd, else None
    text: str  # clean Swedish text, single spaces, no footnote digits
    footnotes: tuple[int, ...]  # notes cited (body/caption) or (own number,) (footnote)
    order: int  # reading order, 0-based


@dataclass
class _Paragraph:
    section: str
    advice: int | None
    pieces: list[Piece]

    def text(self) -> str:
        parts = []
        for piece in self.pieces:
            text = piece.text
            if piece.role == "item" and not CLOSED.search(text):
                text += "."
            parts.append(text)
        return join_lines(parts)


def _paragraphs(chains: list[list[Piece]]) -> tuple[list[_Paragraph], dict[str, str]]:
    """Group chained pieces into paragraphs and give each its section and råd."""
    paragraphs: list[_Paragraph] = []
    titles = {s: t for t, s in PAGE_FURNITURE.items() if s}
    section, advice, list_seen = "Inledning", None, False
    for chain in chains:
        if list_seen and section == "Inledning":
            section = "Analys"
        current: _Paragraph | None = None
        for piece in chain:
            numbered = NUMBERED.match(piece.text)
            list_seen = list_seen or piece.role == "item"
            if piece.role == "heading":
                if numbered:
                    advice = int(numbered.group(1))
                    section = f"Råd {advice}"
                titles.setdefault(section, numbered.group(2) if numbered else piece.text)
                current = None
            elif current is not None and (
                piece.role == "item" or (current.pieces[-1].open and piece.starts_lower)
            ):
                current.pieces.append(piece)  # a list item, or the rest of a sentence
            else:
                current = _Paragraph(section, advice, [piece])
                paragraphs.append(current)
    return paragraphs, titles


def _strip_refs(text: str, year_notes: set[int]) -> tuple[str, tuple[int, ...]]:
    """Remove glued footnote references; ``year_notes`` may be glued to a year."""
    refs: list[int] = []

    def punct(match: re.Match[str]) -> str:
        refs.append(int(match.group(1)))
        return ""

    def year(match: re.Match[str]) -> str:
        if int(match.group(2)) not in year_notes:
            return match.group(0)
        refs.append(int(match.group(2)))
        return match.group(1)

    text = _YEAR_REF.sub(year, _PUNCT_REF.sub(punct, text))
    return re.sub(r"\s+", " ", text).strip(), tuple(refs)


def _caption_text(caption: Caption) -> str:
    parts = [caption.title, *caption.explanation, caption.source]
    return " ".join(p if CLOSED.search(p) else p + "." for p in parts if p)


def _parse(raw: str) -> tuple[list[HandbookUnit], dict[str, str]]:
    chains, notes, captions = blocks(raw)
    paragraphs, titles = _paragraphs(chains)
    texts = [p.text() for p in paragraphs]
    cited = {int(m.group(1)) for t in texts for m in _PUNCT_REF.finditer(t)}
    year_notes = set(notes) - cited

    # Each caption goes after the first paragraph naming its figure, else after the
    # paragraph holding the body line just before it in the file.
    placed: dict[int, list[Caption]] = {}
    for caption in captions:
        pattern = re.compile(rf"\bfigur(?:en)?\s+{caption.number}\b", re.I)
        at = next((i for i, t in enumerate(texts) if pattern.search(t)), None)
        if at is None:
            at = next((i for i, p in enumerate(paragraphs)
                       if any(q.last_line == caption.anchor_line for q in p.pieces)), 0)
        placed.setdefault(at, []).append(caption)

    units: list[HandbookUnit] = []
    emitted_notes: set[int] = set()

    def emit(kind: str, para: _Paragraph, text: str, refs: tuple[int, ...]) -> None:
        units.append(HandbookUnit(kind, para.section, para.advice, text, refs, len(units)))
        for n in refs:
            if n in notes and n not in emitted_notes and kind != "footnote":
                emitted_notes.add(n)
                note_text = re.sub(r"\s+", " ", notes[n]).strip()
                emit("footnote", para, note_text, (n,))

    for i, (para, text) in enumerate(zip(paragraphs, texts)):
        emit("body", para, *_strip_refs(text, year_notes))
        for caption in placed.get(i, []):
            emit("caption", para, *_strip_refs(_caption_text(caption), year_notes))
    last = paragraphs[-1] if paragraphs else _Paragraph("Inledning", None, [])
    for n in sorted(set(notes) - emitted_notes):  # notes never cited: keep them, at the end
        emit("footnote", last, re.sub(r"\s+", " ", notes[n]).strip(), (n,))
    return units, titles


def parse_handbook(raw: str) -> list[HandbookUnit]:
    """Clean units (body paragraphs, captions, footnotes) from the raw handbook text.

    Raises ValueError if the text blocks cannot be put in a consistent reading order.
    """
    return _parse(raw)[0]


def section_titles(raw: str) -> dict[str, str]:
    """Section name -> the handbook's heading for it, e.g. "Råd 3" -> "Agera tidigt – ..."."""
    return _parse(raw)[1]
