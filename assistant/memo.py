"""Decision memo (beslutsunderlag): one document model, written as Markdown or PDF.

:func:`build_memo` turns a kommun's :class:`indices.Profile` (and optionally the
handbook's answer on the fitting råd) into a :class:`Document`; :func:`to_markdown`
and :func:`to_pdf` render any document, so the politician brief uses them too.

The PDF needs a Unicode TrueType font for å, ä and ö. :func:`unicode_font` looks for
DejaVu Sans in matplotlib's package data and the usual system folders (Debian's
``fonts-dejavu-core`` comes with Chromium); without one the PDF falls back to the
built-in Helvetica, whose Latin-1 encoding still covers å, ä and ö.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal
from statistics import median

from fpdf import FPDF

import indices
from assistant.formatting import number, with_unit
from assistant.sanitize import answer_markdown
from assistant.types import Answer
from indices.provenance import EGNA_BERAKNINGAR, KALLA_KOLADA

SYSTEM_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/TTF"),
                    Path("/usr/share/fonts/dejavu"), Path("/usr/local/share/fonts"))
_LATIN1_FIXES = {"–": "-", "—": "-", "−": "-", "”": '"', "“": '"', "’": "'", "…": "...", "≈": "~",
                 "\u00a0": " "}


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


# -- rendering --------------------------------------------------------------------
def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(doc: Document) -> str:
    """The document as Markdown (a bar chart becomes a table of its values)."""
    out = [f"# {doc.title}", "", f"*{doc.subtitle}*", ""]
    for sec in doc.sections:
        out += [f"## {sec.heading}", ""]
        out += [p + "\n" for p in sec.paragraphs]
        if sec.bullets:
            out += [f"- {b}" for b in sec.bullets] + [""]
        if sec.table:
            out.append("| " + " | ".join(_cell(c) for c in sec.table[0]) + " |")
            out.append("|" + "---|" * len(sec.table[0]))
            out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in sec.table[1:]] + [""]
        if sec.bars:
            b = sec.bars
            out += [f"**{b.title}**", "", f"| | Värde | {b.mark_label} |", "|---|---|---|"]
            for i, label in enumerate(b.labels):
                mark = b.marks[i] if i < len(b.marks) else None
                out.append(f"| {_cell(label)} | {number(b.values[i], 1)} | {number(mark, 1)} |")
            out.append("")
    out += ["## Källor", ""] + [f"- {s}" for s in doc.sources]
    return "\n".join(out).rstrip() + "\n"


def unicode_font() -> Path | None:
    """DejaVu Sans from matplotlib or the system, if present."""
    spec = importlib.util.find_spec("matplotlib")
    candidates = []
    if spec and spec.origin:
        candidates.append(Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf" / "DejaVuSans.ttf")
    candidates += [d / "DejaVuSans.ttf" for d in SYSTEM_FONT_DIRS]
    return next((c for c in candidates if c.is_file()), None)


def _plain(text: str) -> str:
    """Markdown emphasis and links stripped for the PDF."""
    text = re.sub(r"\[([^\]]+)\]\((?:[^)]+)\)", r"\1", text)
    return re.sub(r"(\*\*|__|\*|`)", "", text)


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
        text = _plain(text)
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
            pdf.set_font(pdf.family, "", 8.5)
            widths = (40, 20, 20, 20) if len(sec.table[0]) == 4 else None
            with pdf.table(first_row_as_headings=True, line_height=4.5, text_align="LEFT",
                           col_widths=widths) as table:
                for row in sec.table:
                    cells = table.row()
                    for c in row:
                        cells.cell(pdf.text_of(c))
            pdf.ln(3)
        if sec.bars:
            pdf.bars(sec.bars)
        pdf.ln(2)
    pdf.para("Källor", 12, "B", 1)
    for s in doc.sources:
        pdf.para(f"- {s}", 9, gap=0.8)
    return bytes(pdf.output())


def write_files(doc: Document, folder: Path, stem: str) -> tuple[Path, Path]:
    """Write ``stem.md`` and ``stem.pdf`` into ``folder``; return both paths."""
    folder.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^\w-]+", "-", stem, flags=re.UNICODE).strip("-") or "beslutsunderlag"
    md, pdf = folder / f"{safe}.md", folder / f"{safe}.pdf"
    md.write_text(to_markdown(doc), encoding="utf-8")
    pdf.write_bytes(to_pdf(doc))
    return md, pdf


# -- the beslutsunderlag for one kommun ---------------------------------------------
def _value(fig: indices.Figure) -> str:
    return with_unit(fig.value, fig.unit) if fig.value is not None else f"saknas ({fig.reason})"


def _median(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None and v == v]
    return median(present) if present else None


def _peer_medians(profile: indices.Profile, data: indices.KoladaData) -> dict[str, float | None]:
    """Median over the peer group of every KPI and index the memo shows."""
    codes = profile.peer_group.codes
    rows = {r["kommunkod"]: r for r in indices.rka(profile.area, profile.year, data=data, include_all=True).rows}
    out = {key: _median([rows.get(c, {}).get(key) for c in codes]) for key in profile.indices}
    for kpi in [*profile.published, *profile.costs]:
        if kpi in data.kpis:
            out[kpi] = _median(data.series(kpi, profile.year).reindex(codes).tolist())
    return out


def _summary(p: indices.Profile) -> tuple[str, ...]:
    eff, rank = p.indices["effektivitetsindex"], p.rank_among_peers
    spec = indices.get_area(p.area)
    out = [f"Effektivitetsindex {_value(eff)}" + (f", plats {rank['rank']} av {rank['of']} bland kommunen och "
                                                  f"jämförelsegruppen" if rank.get("rank") else "") + "."]
    dev, mnkr = p.costs.get(spec.deviation_pct), p.costs.get(spec.deviation_mnkr)
    if dev is not None and dev.value is not None:
        side = "över" if dev.value > 0 else "under"
        out.append(f"Nettokostnaden ligger {number(abs(dev.value), 1)} % {side} referenskostnaden"
                   + (f" ({with_unit(mnkr.value, mnkr.unit)})" if mnkr and mnkr.value is not None else "") + ".")
    if p.dea.score.value is not None:
        interval = (f" (95 % intervall {number(p.dea.ci_low.value, 2)}–{number(p.dea.ci_high.value, 2)})"
                    if p.dea.ci_low.value is not None else "")
        out.append(f"DEA-effektivitet {number(p.dea.score.value, 2)}{interval}. {p.dea.learn_from}".strip())
    positive = [s for s in p.savings.scenarios if s.value.value and s.value.value > 0]
    if positive:
        best = max(positive, key=lambda s: s.value.value)
        out.append(f"{best.label}: {with_unit(best.value.value / 1e6, 'mnkr')} per år.")
    else:
        out.append("Inget av besparingsscenarierna ger en besparing: kostnaden ligger redan på eller under nivåerna.")
    return tuple(out)


def build_memo(profile: indices.Profile, handbook: Answer | None = None,
               data: indices.KoladaData | None = None) -> Document:
    """The beslutsunderlag for one kommun, area and year; ``handbook`` is the
    assistant's answer on the råd that fits (its citations become sources)."""
    data = data or indices.load_data()
    p, med = profile, _peer_medians(profile, data)
    figures = [*p.indices.items(), *p.published.items(), *p.costs.items()]
    table = [("Mått", "Värde", "Median jämförelsegrupp", "Källa")]
    table += [(f.label or key, _value(f), with_unit(med.get(key), f.unit) if med.get(key) is not None else "–",
               f.source) for key, f in figures]
    savings = [("Scenario", "Jämförelsenivå (d*)", "Besparing per år", "Anmärkning")]
    savings += [(s.label, _value(s.target_deviation),
                 with_unit(s.value.value / 1e6, "mnkr") if s.value.value is not None else f"saknas ({s.value.reason})",
                 s.value.note or "") for s in p.savings.scenarios]
    keys = [k for k in ("resursindex", "kvalitetsindex", "effektivitetsindex") if k in p.indices]
    bars = Bars(title="Index 0-100 (egen beräkning, 100 = bäst)", labels=tuple(k.capitalize() for k in keys),
                values=tuple(p.indices[k].value for k in keys), marks=tuple(med.get(k) for k in keys),
                mark_label="median för jämförelsegruppen")
    rank = p.rank_among_peers
    sections = [
        Section("Sammanfattning", bullets=_summary(p)),
        Section("Nyckeltal", table=tuple(table), bars=bars),
        Section("Besparingspotential", paragraphs=(f"Formel: {p.savings.to_dict()['formula']}",),
                table=tuple(savings)),
        Section("Jämförelsegrupp", paragraphs=(
            f"{p.peer_group.label}: {', '.join(n for _, n in p.peer_group.members)}.",
            f"Rang ({rank['measure']}): " + (f"{rank['rank']} av {rank['of']}." if rank.get("rank")
                                             else f"saknas ({rank.get('reason')})."))),
        Section("Effektivitet enligt DEA", paragraphs=(
            f"Insats: {', '.join(p.dea.inputs)}; resultat: {', '.join(p.dea.outputs)} "
            f"({p.dea.n_units} kommuner, {p.dea.reps} bootstrapdragningar).",
            (f"Effektivitet: {number(p.dea.score.value, 2)}. " if p.dea.score.value is not None
             else f"Effektivitet: saknas ({p.dea.score.reason}). ") + p.dea.learn_from)),
    ]
    sources = [KALLA_KOLADA, EGNA_BERAKNINGAR]
    if handbook is not None:
        sections.append(Section("Vad säger handboken?", paragraphs=tuple(
            answer_markdown(block) for block in handbook.text.split("\n\n")
            if block.strip() and not block.startswith("**Källor"))))
        sources += [f"[{c.n}] {c.source_title or c.source}, {c.section}" for c in handbook.citations]
    sections.append(Section("Metod och anmärkningar", bullets=tuple(p.notes)))
    return Document(
        title=f"Beslutsunderlag: {p.area_label[0].lower() + p.area_label[1:]} i {p.kommun.namn} {p.year}",
        subtitle=f"{p.kommun.namn} ({p.kommun.kod}), {p.kommun.lan}. Framtaget {date.today().isoformat()} "
                 "av Effektiviseringsassistenten.",
        sections=tuple(sections), sources=tuple(sources))
