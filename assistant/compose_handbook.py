"""Handbook answers: extracted sentences with [n] markers and a list of the sources used."""

from __future__ import annotations

from collections import Counter

from knowledge.registry import advice_by_number, load_sources

from assistant import messages
from assistant.extract import CONCLUSION, Sentence, lexical_coverage, mentions, score_sentences
from assistant.retrieval import focus
from assistant.retrieval.lexical import LexicalIndex, fold, stem_tokens
from assistant.selection import select
from assistant.types import Answer, Citation, Passage

OPENING_WINDOW = 5  # a råd's opening claim is among the first sentences of its section
SENTENCE_PASSAGES = 3  # sentences are drawn from this many top passages
SOURCE_PASSAGES = 5  # ... and from this many when the question asks what a named source found


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


def without_sources(text: str) -> str:
    """The answer text without its trailing *Källor* list (for a UI that lists the
    citations itself, so that an answer shows one list of sources)."""
    head, sep, _ = text.rpartition(f"\n\n{messages.SOURCES_HEADING}\n")
    return head if sep else text


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


def _focused(question: str, passages: list[Passage]) -> tuple[list[Passage], int | None]:
    """For a question about one råd: only that råd's own passages (if retrieval found any)."""
    advice = focus.advice_focus(question)
    if advice is None:
        return passages, None
    own = [p for p in passages if p.chunk.source == "handbok" and p.chunk.advice == advice]
    return (own, advice) if own else (passages, None)


def _lead(question: str, passages: list[Passage], scored: list[Sentence], advice: int | None,
          index: LexicalIndex) -> list[Sentence]:
    """The sentences that must open the answer: the råd's opening claim, or the
    sentence defining the asked term (its glossary entry, else the best one using it)."""
    if advice is not None:
        first = passages[0].chunk
        if first.kind != "body" or first.advice != advice:
            return []
        early = [s for s in scored if s.passage == 0 and s.position < OPENING_WINDOW]
        # The opening claim: the first early sentence that speaks of the råd's subject and
        # reads on its own; else the one that best restates the råd's title (and the question).
        subject = focus.advice_stems(advice)
        on_topic = [s for s in early if not s.points_back and not s.text.endswith("?")
                    and mentions(s.text, subject)]
        if on_topic:
            return [min(on_topic, key=lambda s: s.position)]
        claim = lexical_coverage(f"{advice_by_number(advice).full_title} {question}", index)
        return [max(early, key=lambda s: (claim(s.text), -s.position))] if early else []
    term = focus.defined_term(question)
    if not term:
        return []
    for s in scored:
        chunk = passages[s.passage].chunk
        if chunk.kind == "glossary" and s.position == 0 and fold(term) in fold(chunk.title):
            return [s]
    stems = [t for t in stem_tokens(term) if len(t) >= 4]
    using = [s for s in scored if stems and all(t in fold(s.text) for t in stems)]
    return [max(using, key=lambda s: s.score)] if using else []


def _finding(passages: list[Passage], scored: list[Sentence], source: frozenset[str]) -> list[Sentence]:
    """For "Vad kom Välfärdskommissionen fram till?": the sentence that states a finding
    ("slutsats", "konstaterar", "visar att") in a passage about that source, at or after
    the passage's first mention of it ("... Välfärdskommissionen. Där är slutsatsen att
    ..."); the handbook's own before a summary's, then one that reads alone, then the best."""
    if not source:
        return []
    named = {}  # passage -> position of its first sentence naming the source
    for s in scored:
        if s.passage not in named and mentions(s.text, source):
            named[s.passage] = s.position
    found = [s for s in scored if s.passage in named and s.position >= named[s.passage]
             and CONCLUSION.search(fold(s.text))]
    return [max(found, key=lambda s: (passages[s.passage].chunk.source == "handbok", not s.points_back,
                                      s.score))] if found else []


def compose(question: str, passages: list[Passage], lexical, route: str = "handbook",
            lead: str | None = None) -> Answer:
    """A 3-6 sentence extractive answer; citations list only the passages actually used.

    ``lexical`` is the retriever (its sentence vectors then help choose sentences) or
    just its :class:`LexicalIndex`.
    """
    retriever = None if isinstance(lexical, LexicalIndex) else lexical
    index = retriever.lexical if retriever is not None else lexical
    retrieved = tuple(p.chunk.id for p in passages)
    passages, advice = _focused(question, passages)
    dense = retriever.sentence_scores(question) if retriever is not None else None
    source = focus.named_source(question) if advice is None else frozenset()
    scored = score_sentences(question, passages, index, dense=dense,
                             max_passages=SOURCE_PASSAGES if source else SENTENCE_PASSAGES)
    opening = _lead(question, passages, scored, advice, index) or _finding(passages, scored, source)
    summaries = frozenset(i for i, p in enumerate(passages) if p.chunk.kind == "summary")
    chosen = select(scored, lead=opening, secondary=summaries)
    if not chosen:
        return Answer(text=messages.NOTHING_FOUND, route=route, retrieved=retrieved)
    numbers: dict[int, int] = {}  # passage index -> citation number, in order of first use
    parts = []
    for sentence in chosen:
        n = numbers.setdefault(sentence.passage, len(numbers) + 1)
        parts.append(f"{sentence.text} [{n}]")
    used = {n: passages[i] for i, n in numbers.items()}
    advice = advice or dominant_advice(list(used.values()))
    citations = [citation(n, p) for n, p in sorted(used.items())]
    header = lead or messages.HANDBOOK_LEAD.format(where=where_label(advice))
    kinds = {"handbok" if p.chunk.source == "handbok" else p.chunk.kind for p in used.values()}
    if lead is None and "document" in kinds:  # an uploaded text is never passed off as the handbook
        header = messages.DOCUMENT_LEAD if "handbok" not in kinds else messages.MIXED_LEAD.format(
            where=where_label(advice))
    text = f"{header}\n\n{' '.join(parts)}\n\n{sources_block(citations, used)}"
    return Answer(text=text, route=route, citations=tuple(citations),
                  context={"advice": advice}, retrieved=retrieved)
