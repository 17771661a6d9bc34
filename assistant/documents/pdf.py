"""A :class:`~assistant.documents.model.Document` as PDF (fpdf2).

The PDF needs a Unicode TrueType font for å, ä, ö, × and −. :func:`unicode_font` looks
for DejaVu Sans in matplotlib's package data and the usual system folders (Debian's
``fonts-dejavu-core`` comes with Chromium); without one the PDF falls back to the
built-in Helvetica, whose Latin-1 encoding still covers å, ä and ö.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Literal

from fpdf import FPDF

from assistant.documents.model import Bars, Document
from assistant.formatting import number

SYSTEM_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/TTF"),
                    Path("/usr/share/fonts/dejavu"), Path("/usr/local/share/fonts"))
_LATIN1_FIXES = {"–": "-", "—": "-", "−": "-", "”": '"', "“": '"', "’": "'", "…": "...", "≈": "~",
                 "\u00a0": " "}
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^)]+)\)")
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w\\])\*(?=\S)(.+?)(?<=\S)\*(?!\w)|`([^`]*)`")


def unicode_font() -> Path | None:
    """DejaVu Sans from matplotlib or the system, if present."""
    spec = importlib.util.find_spec("matplotlib")
    candidates = []
    if spec and spec.origin:
        candidates.append(Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf")
    candidates += [d / "DejaVuSans.ttf" for d in SYSTEM_FONT_DIRS]
    return next((c for c in candidates if c.is_file()), None)


def plain(text: str) -> str:
    """Markdown emphasis, code marks and links stripped; an escaped ``\\*`` stays an asterisk."""
    text = _LINK.sub(r"\1", text)
    text = _EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or m.group(4) or "", text)
    return text.replace("\\*", "*").replace("\\|", "|")


class _Pdf(FPDF):
    def __init__(self, font: Path | None) -> None:
        super().__init__(format="A4")
        self.unicode = font is not None
        if font is not None:
            self.add_font("DejaVu", "", str(font))
            bold = font.with_name("DejaVuSans-Bold.ttf")
            self.add_font("DejaVu", "B", str(bold if bold.is_file() else font))
        self.family = "DejaVu" if self.unicode else "Helvetica"
        self.set_margins(18, 18)
        self.set_auto_page_break(True, 18)

    def text_of(self, text: str) -> str:
        text = plain(text)
        if self.unicode:
            return text
        for bad, good in _LATIN1_FIXES.items():
            text = text.replace(bad, good)
        return text.encode("latin-1", "replace").decode("latin-1")

    def para(self, text: str, size: float = 10, style: str = "", gap: float = 1.5) -> None:
        self.set_font(self.family, style, size)
        self.multi_cell(0, size * 0.5, self.text_of(text), align="L", new_x="LMARGIN", new_y="NEXT")
        self.ln(gap)

    def bars(self, b: Bars) -> None:
        if self.get_y() + 7 * len(b.labels) + 16 > self.page_break_trigger:
            self.add_page()
        self.para(b.title, 10, "B", 1)
        width, left = self.epw - 64, self.l_margin + 48
        for i, label in enumerate(b.labels):
            y = self.get_y()
            self.set_font(self.family, "", 9)
            self.cell(46, 6, self.text_of(label)[:30])
            value = b.values[i]
            if value is not None:
                self.set_fill_color(192, 57, 43)
                self.rect(left, y + 1, width * max(0.0, min(value, 100.0)) / 100, 4, style="F")
                self.set_xy(left + width + 3, y)
                self.cell(12, 6, number(value, 1))
            mark = b.marks[i] if i < len(b.marks) else None
            if mark is not None:
                x = left + width * max(0.0, min(mark, 100.0)) / 100
                self.set_draw_color(40, 40, 40)
                self.line(x, y, x, y + 6)
            self.set_xy(self.l_margin, y + 7)
        self.set_fill_color(255, 255, 255)
        if b.mark_label:
            self.para(f"Streck: {b.mark_label}", 8, gap=2)

    def table_of(self, rows: tuple[tuple[str, ...], ...]) -> None:
        self.set_font(self.family, "", 8.5)
        widths = (40, 20, 20, 20) if len(rows[0]) == 4 else None
        with self.table(first_row_as_headings=True, line_height=4.5, text_align="LEFT",
                        col_widths=widths) as table:
            for row in rows:
                cells = table.row()
                for c in row:
                    cells.cell(self.text_of(c))
        self.ln(3)


def to_pdf(doc: Document, font: Path | Literal["auto"] | None = "auto") -> bytes:
    """The document as PDF bytes. ``font``: a TTF file, "auto" (:func:`unicode_font`)
    or None for the built-in Helvetica."""
    pdf = _Pdf(unicode_font() if font == "auto" else font)
    pdf.add_page()
    pdf.para(doc.title, 16, "B", 1)
    pdf.para(doc.subtitle, 9, gap=4)
    for sec in doc.sections:
        pdf.para(sec.heading, 12, "B", 1)
        for p in sec.paragraphs:
            pdf.para(p)
        for b in sec.bullets:
            pdf.para(f"• {b}" if pdf.unicode else f"- {b}", gap=0.8)
        if sec.table:
            pdf.table_of(sec.table)
        if sec.bars:
            pdf.bars(sec.bars)
        pdf.ln(2)
    pdf.para("Källor", 12, "B", 1)
    for s in doc.sources:
        pdf.para(f"- {s}", 9, gap=0.8)
    return bytes(pdf.output())
