"""Turn the knowledge folder into chunks: the handbook, the source summaries, the glossary
and any document a user adds (.md, .txt, .pdf).

The handbook goes through :mod:`assistant.retrieval.handbook`, which repairs the PDF
extraction; the two Markdown files of the project are split on their headings; other
documents are split on headings or paragraphs. Every chunk carries its source id,
section and råd so citations can be resolved by code.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.sanitize import plain_text
from assistant.types import Chunk
from knowledge.registry import load_advice, load_sources, sources_for_footnote

if TYPE_CHECKING:
    from assistant.retrieval.handbook import HandbookUnit

HANDBOOK_FILE = "handbok-fem-goda-rad.txt"
SUMMARIES_FILE = "kallor.md"
GLOSSARY_FILE = "ordlista.md"
SUPPORTED_SUFFIXES = (".md", ".txt", ".pdf")

MIN_WORDS = 60  # a shorter handbook paragraph is merged with the next one
MAX_WORDS = 180
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9”\"(])")
_ADVICE_REF = re.compile(r"\bR([1-5])\b")
_MARKUP = re.compile(r"<[A-Za-z!/?]|\]\(|&[#a-z0-9]+;|^\s{0,3}\[[^\]]+\]:", re.I | re.M)


def corpus_files(*folders: Path) -> list[Path]:
    """Every supported document in the folders, in a stable order."""
    files: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            files.extend(
                p for p in sorted(folder.iterdir())
                if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
            )
    return files


def corpus_hash(chunks: Iterable[Chunk]) -> str:
    """Content hash of exactly what gets indexed: unchanged hash, no re-embedding.

    Hashing the chunks (not the files) also catches a change in the parser or chunker.
    """
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(json.dumps(chunk.to_dict(), ensure_ascii=False, sort_keys=True).encode())
    return digest.hexdigest()


def load_chunks(files: Iterable[Path]) -> list[Chunk]:
    """Chunk every file; raises ValueError naming a file that cannot be read.

    Passage text is plain text: HTML, Markdown images and link targets are removed here
    (a chunk without markup is left exactly as it was, so its hash does not change).
    """
    chunks: list[Chunk] = []
    for path in files:
        chunks.extend(chunk_file(path))
    return [replace(c, text=plain_text(c.text), title=plain_text(c.title)) if _MARKUP.search(c.text + c.title) else c
            for c in chunks]


def chunk_file(path: Path) -> list[Chunk]:
    name = path.name
    if name == HANDBOOK_FILE:
        from assistant.retrieval.handbook import parse_handbook

        return handbook_chunks(parse_handbook(path.read_text(encoding="utf-8")))
    if name == SUMMARIES_FILE:
        return summary_chunks(path.read_text(encoding="utf-8"))
    if name == GLOSSARY_FILE:
        return glossary_chunks(path.read_text(encoding="utf-8"))
    return document_chunks(path)


def _advice_title(advice: int | None, section: str) -> str:
    if advice is None:
        return section
    titles = {a.number: a.title for a in load_advice()}
    return f"Råd {advice}: {titles.get(advice, '')}".rstrip(": ")


def handbook_chunks(units: "list[HandbookUnit]") -> list[Chunk]:
    """Body paragraphs (short ones merged with the next in the same section), captions,
    and footnotes that explain something (pure references are left out: they are
    reachable through the citing paragraph's footnote links)."""
    chunks: list[Chunk] = []
    pending: list["HandbookUnit"] = []

    def flush() -> None:
        if not pending:
            return
        first = pending[0]
        notes = tuple(sorted({n for u in pending for n in u.footnotes}))
        text = " ".join(u.text for u in pending)
        chunks.append(_handbook_chunk(first, text, notes, kind="body"))
        pending.clear()

    for unit in units:
        if unit.kind == "body":
            if pending and pending[0].section != unit.section:
                flush()
            pending.append(unit)
            if sum(len(u.text.split()) for u in pending) >= MIN_WORDS:
                flush()
        elif unit.kind == "caption":
            chunks.append(_handbook_chunk(unit, unit.text, unit.footnotes, kind="caption"))
        elif unit.kind == "footnote" and _is_explanatory(unit):
            chunks.append(_handbook_chunk(unit, unit.text, unit.footnotes, kind="footnote"))
    flush()
    return chunks


def _is_explanatory(unit: "HandbookUnit") -> bool:
    """A footnote worth indexing says something beyond a short reference."""
    return len(unit.text.split()) >= 10


def _handbook_chunk(unit: "HandbookUnit", text: str, notes: tuple[int, ...], kind: str) -> Chunk:
    cites: list[str] = []
    for n in notes:
        for source in sources_for_footnote(n):
            if source.id not in cites:
                cites.append(source.id)
    return Chunk(
        id=f"handbok-{kind}-{unit.order:04d}",
        source="handbok",
        section=unit.section,
        advice=unit.advice,
        kind=kind,
        text=text,
        title=_advice_title(unit.advice, unit.section),
        footnotes=notes,
        cites=tuple(cites),
        order=unit.order,
    )


def _markdown_sections(text: str, level: str) -> Iterator[tuple[str, str]]:
    """(heading, body) for each heading of exactly ``level`` (e.g. '##')."""
    pattern = re.compile(rf"^{level}\s+(.+)$", re.M)
    matches = list(pattern.finditer(text))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        body = text[match.end() : end].strip()
        yield match.group(1).strip(), re.sub(r"\n?-{3,}$", "", body).strip()  # drop a "---" rule


def _split_words(text: str, max_words: int = MAX_WORDS) -> list[str]:
    """Split text into pieces of at most ``max_words``, at sentence or line boundaries."""
    units = [u for line in text.splitlines() for u in _SENTENCE_END.split(line) if u.strip()]
    pieces: list[str] = []
    current: list[str] = []
    for unit in units:
        if current and sum(len(u.split()) for u in current) + len(unit.split()) > max_words:
            pieces.append("\n".join(current))
            current = []
        current.append(unit.strip())
    if current:
        pieces.append("\n".join(current))
    return pieces


def _source_for_heading(heading: str) -> str | None:
    """Registry id of the report a kallor.md heading ('## 9. Socialstyrelsen 2021') names."""
    label = re.sub(r"^\d+\.\s*", "", heading)
    by_short = {s.short.lower(): s.id for s in load_sources().values() if s.short}
    for short, source_id in sorted(by_short.items(), key=lambda kv: -len(kv[0])):
        if label.lower().startswith(short):
            return source_id
    return None


_FIELD = re.compile(r"^- \*\*([^*:]+):\*\*\s*(.*)$")
_SOURCE_NOTE = re.compile(r"\s*\[(?:källa|från handboken)[^\]]*\]")


# Editorial labels in front of a fact ("Kontext: Region Uppsala började ..."): bookkeeping for
# the reader of kallor.md, not part of the fact a sentence of an answer should quote.
_EDITORIAL_LABEL = re.compile(r"^(Relaterad sida|Kontext|Samma artikel|Tidslinje):\s*")


def _fact(text: str) -> str:
    text = _EDITORIAL_LABEL.sub("", text)
    return text[:1].upper() + text[1:]


def _summary_fields(body: str) -> tuple[dict[str, str], list[str]]:
    """The bookkeeping fields of one kallor.md section and its list of facts."""
    fields: dict[str, str] = {}
    facts: list[str] = []
    in_facts = False
    for line in body.splitlines():
        field = _FIELD.match(line.strip())
        if field:
            fields[field.group(1).strip()] = field.group(2).strip()
            in_facts = field.group(1).strip() == "Fakta"
        elif in_facts and line.strip().startswith("- "):
            facts.append(_fact(_SOURCE_NOTE.sub("", line.strip()[2:]).replace("**", "").strip()))
        elif in_facts and facts and line.strip():
            facts[-1] += " " + _SOURCE_NOTE.sub("", line.strip())
    return fields, facts


def summary_chunks(text: str) -> list[Chunk]:
    """The facts of each cited report in kallor.md, tagged with the report's id.

    Bookkeeping fields (URL, identification, footnote numbers) stay out of the text;
    title, publisher and date go into the chunk's heading, which retrieval also reads.
    """
    chunks: list[Chunk] = []
    for order, (heading, body) in enumerate(_markdown_sections(text, "##")):
        source_id = _source_for_heading(heading)
        if source_id is None:
            continue  # conventions and overview tables, not a report
        fields, facts = _summary_fields(body)
        advice_refs = [int(n) for n in _ADVICE_REF.findall(fields.get("Stödjer råd", ""))]
        title = re.sub(r"^\d+\.\s*", "", heading)
        details = "; ".join(v.replace("*", "") for k, v in fields.items()
                            if k in {"Fullständig titel", "Författare/utgivare", "År/datum"} and v)
        for part_no, part in enumerate(_split_words("\n".join(facts))):
            chunks.append(Chunk(
                id=f"kallor-{source_id}-{part_no}",
                source=source_id,
                section="Källsammanfattning",
                advice=advice_refs[0] if advice_refs else None,
                kind="summary",
                text=part,
                title=f"{title}: {details}" if details else title,
                order=order * 100 + part_no,
            ))
    return chunks


def glossary_chunks(text: str) -> list[Chunk]:
    chunks: list[Chunk] = []
    for order, (heading, body) in enumerate(_markdown_sections(text, "###")):
        term = re.sub(r"^\d+\.\s*", "", heading)
        body = re.sub(r"\*\*|\[från handboken\]", "", body)
        body = re.sub(r"\n?Källa:.*$", "", body, flags=re.S).strip()
        chunks.append(Chunk(
            id=f"ordlista-{order:03d}", source="ordlista", section="Ordlista", advice=None,
            kind="glossary", text=f"{term}: {body}", title=term, order=order,
        ))
    return chunks


def document_text(path: Path) -> str:
    """Plain text of a user document; PDF through pypdf."""
    if path.suffix.lower() == ".pdf":
        from pypdf import PdfReader

        try:
            reader = PdfReader(str(path))
            return "\n\n".join(page.extract_text() or "" for page in reader.pages)
        except Exception as exc:  # pypdf raises many types for broken files
            raise ValueError(f"Kan inte läsa PDF-filen {path.name}: {exc}") from exc
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path.name} är inte UTF-8-kodad text") from exc


def document_chunks(path: Path) -> list[Chunk]:
    """Chunks of an added document: split on Markdown headings, then paragraphs."""
    text = re.sub(r"-[ \t]*\n[ \t]*(?=[a-zåäö])", "", document_text(path))  # PDF hyphenation
    source_id = f"dokument-{re.sub(r'[^a-z0-9]+', '-', path.stem.lower()).strip('-')}"
    sections = list(_markdown_sections(text, "#{1,3}")) or [(path.stem, text)]
    chunks: list[Chunk] = []
    seen: set[str] = set()
    for heading, body in sections:
        paragraphs = [re.sub(r"\s+", " ", p).strip() for p in re.split(r"\n\s*\n", body)]
        for paragraph in (p for p in paragraphs if p):
            for piece in _split_words(paragraph):
                digest = hashlib.sha256(f"{path.name}\n{heading}\n{piece}".encode()).hexdigest()[:12]
                chunk_id = f"{source_id}-{digest}"  # source id + content hash: stable, unique
                while chunk_id in seen:
                    chunk_id += "-b"
                seen.add(chunk_id)
                chunks.append(Chunk(
                    id=chunk_id, source=source_id, section=heading,
                    advice=None, kind="document", text=piece, title=heading, order=len(chunks),
                ))
    if not chunks:
        raise ValueError(f"{path.name} innehåller ingen text att indexera")
    return chunks
