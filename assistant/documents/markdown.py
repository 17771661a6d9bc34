"""A :class:`~assistant.documents.model.Document` as Markdown."""

from __future__ import annotations

from assistant.documents.model import Document
from assistant.formatting import number


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
