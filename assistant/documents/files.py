"""Write a document as Markdown and PDF, named after its title."""

from __future__ import annotations

from pathlib import Path

from assistant.documents.markdown import to_markdown
from assistant.documents.model import Document
from assistant.documents.pdf import to_pdf


def write_files(doc: Document, folder: Path) -> tuple[Path, Path]:
    """Write ``<title>.md`` and ``<title>.pdf`` (:attr:`Document.file_stem`) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    md, pdf = folder / f"{doc.file_stem}.md", folder / f"{doc.file_stem}.pdf"
    md.write_text(to_markdown(doc), encoding="utf-8")
    pdf.write_bytes(to_pdf(doc))
    return md, pdf
