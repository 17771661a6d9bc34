"""Turn the handbook's raw PDF-extracted text into clean, coherent units in reading order.

The extraction has three kinds of damage, repaired in this order:

1. **Furniture between the text.** Footnote blocks, figure captions ("Figur N:", their
   full-width explanation and the "Källa:" line) and page labels sit between — and even
   inside — paragraphs. The raw text is cut into *pieces* at blank lines and at lines
   that start with a single space (the extractor's mark for a new PDF text block). A
   piece is a footnote block when it starts with the next expected footnote number, a
   caption part when it starts with "Figur N:"/"Källa:" or is set at full page width
   (body columns are narrow), and page furniture when it is one of the few strings in
   ``PAGE_FURNITURE``. Everything else is body text.
2. **Interleaved columns.** The body pieces form *runs*: a run is broken by furniture,
   by a piece that ends mid-sentence and by a piece that starts with a lowercase letter
   (it continues a sentence begun elsewhere). Every run that ends mid-sentence is then
   linked to a run that starts lowercase. Most links are to the very next run, but on
   the first pages the columns are interleaved so that the nearest candidate belongs to
   another paragraph. The links are therefore chosen together, as an assignment problem
   that minimises the total distance jumped in the file (no run may continue itself).
   Reading order is every run that does not continue another, in file order, each
   followed by the chain of runs that continue it.
3. **Line-level noise.** Words broken at line ends are joined (``_join``), footnote
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
from dataclasses import dataclass, field
from functools import cached_property

PAGE_FURNITURE: dict[str, str | None] = {
    # Page labels and running titles of the PDF, after line joining. The value names the
    # section the string is the title of, if any.
    "Inledning:": None,
    "Analys:": None,
    "En fungerande effektiviseringsagenda för kommunsektorn": "Analys",
}
WIDE_LINE = 80  # body columns are under 65 characters; captions and notes span the page
# Before these words a line-end hyphen is a real one: "miljö-" + "och tillsyn".
CONJUNCTIONS = frozenset({"och", "eller", "respektive", "resp", "samt", "till"})

_NOTE_START = re.compile(r"^(\d{1,2})\.\s*(.*)$")
_FIGURE = re.compile(r"^Figur (\d+):")
_NUMBERED = re.compile(r"^([1-5])\.\s+(\S.*)$")
_CLOSED = re.compile(r"(?:[.!?:][”\"’')]*|[”\"’')]+[.!?:])\d{0,2}$")
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
class _Piece:
    lines: list[tuple[int, str]]  # (1-based line number, text)
    after_barrier: bool = False
    role: str = "text"  # "text" | "heading" | "item"

    @cached_property
    def text(self) -> str:
        return _join_lines([t for _, t in self.lines])

    @property
    def first_line(self) -> int:
        return self.lines[0][0]

    @property
    def last_line(self) -> int:
        return self.lines[-1][0]

    @property
    def starts_lower(self) -> bool:
        return self.text[:1].islower()

    @property
    def open(self) -> bool:
        """Ends mid-sentence: the sentence continues in another piece."""
        return self.role == "text" and not _CLOSED.search(self.text)


@dataclass
class _Caption:
    number: int
    title: str
    anchor_line: int  # last body line before the caption in the file
    explanation: list[str] = field(default_factory=list)
    source: str = ""


def _join(left: str, right: str) -> str:
    """Join two lines, undoing end-of-line hyphenation but keeping real hyphens."""
    left, right = left.rstrip(), right.strip()
    if not left or not right:
        return left or right
    if left.endswith("/"):
        return left + right  # "kommunen/" + "regionen"
    if left.endswith("-") and len(left) > 1 and not left[-2].isspace():
        next_word = re.match(r"\w+", right)
        word = next_word.group(0) if next_word else ""
        if word.lower() in CONJUNCTIONS:
            return f"{left} {right}"  # "miljö-" + "och tillsynsområdet"
        if left[-2].isupper() or left[-2].isdigit() or not right[0].islower():
            return left + right  # "HR-" + "arbete", "covid-19-" + "vården"
        return left[:-1] + right  # "effektivise-" + "ringar"
    return f"{left} {right}"


def _join_lines(lines: list[str]) -> str:
    text = ""
    for line in lines:
        text = _join(text, line)
    return text


def _pieces(raw: str) -> list[_Piece]:
    """Cut the raw text at blank lines and at new PDF text blocks (one leading space)."""
    pieces: list[_Piece] = []
    current: list[tuple[int, str]] = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip() or re.match(r" \S", line):
            if current:
                pieces.append(_Piece(current))
            current = []
        if line.strip():
            current.append((number, line.strip()))
    if current:
        pieces.append(_Piece(current))
    return pieces


def _separate(pieces: list[_Piece]) -> tuple[list[_Piece], dict[int, str], list[_Caption]]:
    """Split pieces into body text, footnotes (number -> text) and figure captions."""
    body: list[_Piece] = []
    notes: dict[int, list[str]] = {}
    captions: list[_Caption] = []
    caption: _Caption | None = None
    barrier = True
    for piece in pieces:
        texts = [t for _, t in piece.lines]
        start = _NOTE_START.match(texts[0])
        if start and int(start.group(1)) == len(notes) + 1:
            for text in texts:
                start = _NOTE_START.match(text)
                if start and int(start.group(1)) == len(notes) + 1:
                    notes[len(notes) + 1] = [start.group(2)]
                else:
                    notes[len(notes)].append(text)
            barrier = True
            continue
        joined = piece.text
        figure = _FIGURE.match(joined)
        if joined in PAGE_FURNITURE:
            pass
        elif figure:
            anchor = body[-1].last_line if body else 0
            caption = _Caption(int(figure.group(1)), joined, anchor)
            captions.append(caption)
        elif joined.startswith("Källa:") and captions:
            captions[-1].source = joined
        elif caption is not None and max(len(t) for t in texts) > WIDE_LINE:
            caption.explanation.append(joined)
        else:
            caption = None
            piece.after_barrier = barrier
            barrier = False
            body.append(piece)
            continue
        barrier = True
    return body, {n: _join_lines(lines) for n, lines in notes.items()}, captions


def _assign_roles(body: list[_Piece]) -> None:
    """Mark numbered headings, the numbered list and the unnumbered document title."""
    numbers = [int(m.group(1)) if (m := _NUMBERED.match(p.text)) else None for p in body]
    for i, piece in enumerate(body):
        neighbours = {numbers[j] for j in (i - 1, i + 1) if 0 <= j < len(body)}
        if numbers[i] is not None:
            in_list = {numbers[i] - 1, numbers[i] + 1} & neighbours
            piece.role = "item" if in_list else "heading"
        elif (
            piece.open and len(piece.lines) <= 2 and i + 1 < len(body)
            and not body[i + 1].after_barrier and body[i + 1].text[:1].isupper()
        ):
            piece.role = "heading"  # a short unfinished line followed by a new paragraph


def _runs(body: list[_Piece]) -> list[list[_Piece]]:
    runs: list[list[_Piece]] = []
    for piece in body:
        if not runs or piece.after_barrier or piece.starts_lower or runs[-1][-1].open:
            runs.append([piece])
        else:
            runs[-1].append(piece)
    return runs


def _link_runs(runs: list[list[_Piece]]) -> dict[int, int]:
    """Run index -> index of the run that continues its unfinished last sentence."""
    from scipy.optimize import linear_sum_assignment

    unfinished = [i for i, run in enumerate(runs) if run[-1].open]
    continuing = [j for j, run in enumerate(runs) if run[0].starts_lower]
    if not unfinished or not continuing:
        return {}
    forbidden = 10**9
    cost = [
        [forbidden if i == j else abs(runs[j][0].first_line - runs[i][-1].last_line)
         for j in continuing]
        for i in unfinished
    ]
    rows, cols = linear_sum_assignment(cost)
    return {
        unfinished[r]: continuing[c] for r, c in zip(rows, cols) if cost[r][c] < forbidden
    }


def _reading_order(runs: list[list[_Piece]]) -> list[list[_Piece]]:
    """Chains of runs in reading order; raises ValueError if the links form a cycle."""
    links = _link_runs(runs)
    continued = set(links.values())
    chains: list[list[_Piece]] = []
    for head in (i for i in range(len(runs)) if i not in continued):
        chain, index = [], head
        while index is not None:
            chain.extend(runs[index])
            index = links.get(index)
        chains.append(chain)
    if sum(len(c) for c in chains) != sum(len(r) for r in runs):
        raise ValueError("handbook text blocks link into a cycle; cannot order them")
    return chains


@dataclass
class _Paragraph:
    section: str
    advice: int | None
    pieces: list[_Piece]

    def text(self) -> str:
        parts = []
        for piece in self.pieces:
            text = piece.text
            if piece.role == "item" and not _CLOSED.search(text):
                text += "."
            parts.append(text)
        return _join_lines(parts)


def _paragraphs(chains: list[list[_Piece]]) -> tuple[list[_Paragraph], dict[str, str]]:
    """Group chained pieces into paragraphs and give each its section and råd."""
    paragraphs: list[_Paragraph] = []
    titles = {s: t for t, s in PAGE_FURNITURE.items() if s}
    section, advice, list_seen = "Inledning", None, False
    for chain in chains:
        if list_seen and section == "Inledning":
            section = "Analys"
        current: _Paragraph | None = None
        for piece in chain:
            numbered = _NUMBERED.match(piece.text)
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


def _caption_text(caption: _Caption) -> str:
    parts = [caption.title, *caption.explanation, caption.source]
    return " ".join(p if _CLOSED.search(p) else p + "." for p in parts if p)


def _parse(raw: str) -> tuple[list[HandbookUnit], dict[str, str]]:
    body, notes, captions = _separate(_pieces(raw))
    _assign_roles(body)
    paragraphs, titles = _paragraphs(_reading_order(_runs(body)))
    texts = [p.text() for p in paragraphs]
    cited = {int(m.group(1)) for t in texts for m in _PUNCT_REF.finditer(t)}
    year_notes = set(notes) - cited

    # Each caption goes after the first paragraph naming its figure, else after the
    # paragraph holding the body line just before it in the file.
    placed: dict[int, list[_Caption]] = {}
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
