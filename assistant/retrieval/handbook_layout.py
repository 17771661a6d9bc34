"""The handbook's PDF text as blocks in reading order (steps 1 and 2 of
:mod:`assistant.retrieval.handbook`).

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

Words broken at line ends are joined by :func:`join_lines`.
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
NUMBERED = re.compile(r"^([1-5])\.\s+(\S.*)$")
CLOSED = re.compile(r"(?:[.!?:][”\"’')]*|[”\"’')]+[.!?:])\d{0,2}$")


@dataclass
class Piece:
    lines: list[tuple[int, str]]  # (1-based line number, text)
    after_barrier: bool = False
    role: str = "text"  # "text" | "heading" | "item"

    @cached_property
    def text(self) -> str:
        return join_lines([t for _, t in self.lines])

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
        return self.role == "text" and not CLOSED.search(self.text)


@dataclass
class Caption:
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


def join_lines(lines: list[str]) -> str:
    text = ""
    for line in lines:
        text = _join(text, line)
    return text


def _pieces(raw: str) -> list[Piece]:
    """Cut the raw text at blank lines and at new PDF text blocks (one leading space)."""
    pieces: list[Piece] = []
    current: list[tuple[int, str]] = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip() or re.match(r" \S", line):
            if current:
                pieces.append(Piece(current))
            current = []
        if line.strip():
            current.append((number, line.strip()))
    if current:
        pieces.append(Piece(current))
    return pieces


def _separate(pieces: list[Piece]) -> tuple[list[Piece], dict[int, str], list[Caption]]:
    """Split pieces into body text, footnotes (number -> text) and figure captions."""
    body: list[Piece] = []
    notes: dict[int, list[str]] = {}
    captions: list[Caption] = []
    caption: Caption | None = None
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
            caption = Caption(int(figure.group(1)), joined, anchor)
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
    return body, {n: join_lines(lines) for n, lines in notes.items()}, captions


def _assign_roles(body: list[Piece]) -> None:
    """Mark numbered headings, the numbered list and the unnumbered document title."""
    numbers = [int(m.group(1)) if (m := NUMBERED.match(p.text)) else None for p in body]
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


def _runs(body: list[Piece]) -> list[list[Piece]]:
    runs: list[list[Piece]] = []
    for piece in body:
        if not runs or piece.after_barrier or piece.starts_lower or runs[-1][-1].open:
            runs.append([piece])
        else:
            runs[-1].append(piece)
    return runs


def _link_runs(runs: list[list[Piece]]) -> dict[int, int]:
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


def _reading_order(runs: list[list[Piece]]) -> list[list[Piece]]:
    """Chains of runs in reading order; raises ValueError if the links form a cycle."""
    links = _link_runs(runs)
    continued = set(links.values())
    chains: list[list[Piece]] = []
    for head in (i for i in range(len(runs)) if i not in continued):
        chain, index = [], head
        while index is not None:
            chain.extend(runs[index])
            index = links.get(index)
        chains.append(chain)
    if sum(len(c) for c in chains) != sum(len(r) for r in runs):
        raise ValueError("handbook text blocks link into a cycle; cannot order them")
    return chains


def blocks(raw: str) -> tuple[list[list[Piece]], dict[int, str], list[Caption]]:
    """Body pieces as chains in reading order (roles marked), footnotes (number -> text)
    and figure captions. Raises ValueError if the links form a cycle."""
    body, notes, captions = _separate(_pieces(raw))
    _assign_roles(body)
    return _reading_order(_runs(body)), notes, captions
