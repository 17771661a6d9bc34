"""Handbook answers: extracted sentences with [n] markers and a list of the sources used."""

from __future__ import annotations

from collections import Counter

from knowledge.registry import advice_by_number, load_sources

from assistant import messages
from assistant.extract import score_sentences, select
from assistant.retrieval.lexical import LexicalIndex
from assistant.types import Answer, Citation, Passage


def passage_label(passage: Passage) -> str:
    """'Handboken, Råd 2: Ta den nya tekniken på allvar' or 'Källsammanfattning: SCB 2021-03-02'."""
    chunk = passage.chunk
    sources = load_sources()
    if chunk.source == "handbok":
        where = chunk.section
        if chunk.advice:
            where = f"Råd {chunk.advice}: {advice_by_number(chunk.advice).title}"
        return f"Handboken, {where}"
    source = sources.get(chunk.source)
    if chunk.kind in {"glossary", "document"}:
        return f"{chunk.section}: {chunk.title}"
    name = source.short if source and source.short else chunk.title or chunk.source
    return f"{chunk.section}: {name}"


def cited_reports(passage: Passage) -> tuple[str, ...]:
    """Short references of the reports a handbook passage's footnotes point to."""
    sources = load_sources()
    return tuple(sources[c].short or sources[c].title for c in passage.chunk.cites if c in sources)


def citation(n: int, passage: Passage) -> Citation:
    chunk = passage.chunk
    source = load_sources().get(chunk.source)
    return Citation(
        n=n, source=chunk.source, section=chunk.section, text=chunk.text, advice=chunk.advice,
        source_title=source.title if source else chunk.title, cited_reports=cited_reports(passage),
        chunk_id=chunk.id,
    )


def sources_block(citations: list[Citation], passages: dict[int, Passage]) -> str:
    lines = [messages.SOURCES_HEADING]
    for c in citations:
        line = f"[{c.n}] {passage_label(passages[c.n])}"
        if c.cited_reports:
            line += f" (hänvisar till {', '.join(c.cited_reports)})"
        lines.append(f"- {line}")
    return "\n".join(lines)


def dominant_advice(passages: list[Passage]) -> int | None:
    votes = Counter()
    for p in passages:
        if p.chunk.advice:
            votes[p.chunk.advice] += 1.0 / p.rank
    return votes.most_common(1)[0][0] if votes else None


def where_label(advice: int | None) -> str:
    if advice is None:
        return messages.INTRO_SECTION
    return f"råd {advice}, ”{advice_by_number(advice).full_title}”"


def compose(question: str, passages: list[Passage], lexical: LexicalIndex, route: str = "handbook",
            lead: str | None = None) -> Answer:
    """A 3-6 sentence extractive answer; citations list only the passages actually used."""
    chosen = select(score_sentences(question, passages, lexical))
    retrieved = tuple(p.chunk.id for p in passages)
    if not chosen:
        return Answer(text=messages.NOTHING_FOUND, route=route, retrieved=retrieved)
    numbers: dict[int, int] = {}  # passage index -> citation number, in order of first use
    parts = []
    for sentence in chosen:
        n = numbers.setdefault(sentence.passage, len(numbers) + 1)
        parts.append(f"{sentence.text} [{n}]")
    used = {n: passages[i] for i, n in numbers.items()}
    advice = dominant_advice(list(used.values()))
    citations = [citation(n, p) for n, p in sorted(used.items())]
    header = lead or messages.HANDBOOK_LEAD.format(where=where_label(advice))
    kinds = {"handbok" if p.chunk.source == "handbok" else p.chunk.kind for p in used.values()}
    if lead is None and "document" in kinds:  # an uploaded text is never passed off as the handbook
        header = messages.DOCUMENT_LEAD if "handbok" not in kinds else messages.MIXED_LEAD.format(
            where=where_label(advice))
    text = f"{header}\n\n{' '.join(parts)}\n\n{sources_block(citations, used)}"
    return Answer(text=text, route=route, citations=tuple(citations),
                  context={"advice": advice}, retrieved=retrieved)
