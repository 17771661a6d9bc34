"""The debate brief (debattunderlag) for one kommun, area and year, from :class:`Facts`.

3-5 arguments, each with a figure and, where the handbook has a fitting sentence, a
quote from the råd the argument leans on; then the likely counter-arguments for the
area, with answers. Every figure is one the memo and the explorer show too, and each
appears once.

:func:`make_brief` builds the typed :class:`Brief` once; :func:`brief_document` renders
it for the Debattunderlag tab and its files, and the chat's brief answer
(:mod:`assistant.answers.compose_brief`) renders the same object, so both carry the same
figures, verdict, arguments and counter-arguments.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from indices.provenance import EGNA_BERAKNINGAR, KALLA_KOLADA
from indices.costs import saving_mnkr
from knowledge.registry import advice_by_number, load_sources

from assistant.documents import words
from assistant.documents.facts import Facts
from assistant.documents.model import Document, Section
from assistant.extract import sentences
from assistant.formatting import number
from assistant.labels import area_definite, area_text
from assistant.phrases import learn_text
from assistant.sanitize import plain_text
from assistant.types import Passage

Search = Callable[[str], Sequence[Passage]]
_WORD = re.compile(r"\w{4,}")
MIN_SHARED_WORDS = 2  # a quote shares at least this many words with the argument's query
MIN_QUOTE_CHARS = 50  # shorter sentences are headings or fragments, not support
SEARCH_K = 8  # passages per quote search, in the tab and in the chat


@dataclass(frozen=True)
class Point:
    title: str
    claim: str  # carries the figure with its KPI, year and source
    advice: int
    query: str


# What differs between kommuner that the comparisons already adjust for, per area.
CONDITIONS = {
    "forskola": "barnantal, vistelsetider och geografi", "grundskola": "elevantal, elevernas bakgrund och geografi",
    "gymnasieskola": "elevantal, programval och geografi", "aldreomsorg": "andelen äldre, vårdbehov och glesbygd",
    "lss": "antalet personer med insatser och deras behov", "ekonomiskt_bistand": "arbetsmarknad och befolkning",
    "ifo": "befolkningens sammansättning och socioekonomi", "kommunen": "befolkning, ålder och geografi",
}
# (counter-argument, answer, råd, retrieval query); {conditions} is filled per area.
COUNTERS = (
    ("”Vi har andra förutsättningar än kommunerna vi jämförs med.”",
     "Jämförelserna är strukturjusterade: referenskostnaden i kostnadsutjämningen och Koladas liknande "
     "kommuner tar hänsyn till förutsättningar som {conditions}.",
     1, "strukturjusterade jämförelser förutsättningar liknande kommuner"),
    ("”Måtten fångar inte kvaliteten i {area}.”",
     "Underlaget väger samman flera kvalitetsmått för {area}; bättre mått gör att svag effektivitet inte längre "
     "kan bortförklaras.",
     1, "bättre mått och data kvalitet effektivitet bortförklaras"),
    ("”Effektivisering är bara ett annat ord för nedskärningar.”",
     "En effektivisering ska ge samma eller bättre kvalitet för pengarna; generella neddragningar med osthyvel "
     "ger sällan den effekten.",
     4, "osthyvel generella besparingar dialog med verksamheterna"),
)


def _cost_point(f: Facts, area: str) -> Point:
    v, p, spec = f.verdict, f.profile, f.spec
    claim = f"{words.reading_line(v.resurs, p.kommun.namn, p.year)}: {v.cost_word} för {area}."
    dev = p.costs.get(spec.deviation_pct)
    if dev is not None and dev.value is not None:
        side = "mer" if dev.value > 0 else "mindre"
        claim += (f" Nettokostnaden är {number(abs(dev.value), 1)} % {side} än referenskostnaden "
                  f"({spec.deviation_pct}, {p.year}, {KALLA_KOLADA}).")
    high = v.cost == "high"
    return Point("Kostnaden är hög" if high else "Kostnaden är låg", claim, 1 if high else 4,
                 "jämförelser kostnad liknande kommuner lära av andra" if high
                 else "långsiktighet ekonomistyrning dialog förtroende")


def _quality_point(f: Facts, area: str) -> Point:
    v, p = f.verdict, f.profile
    low = v.quality == "low"
    claim = (f"{words.reading_line(v.kvalitet, p.kommun.namn, p.year)}: {v.quality_word} för {area}. "
             f"Effektivitetsindex: {words.placement_text(f.placement, p.kommun.namn)}.")
    return Point("Kvaliteten behöver lyftas" if low else "Kvaliteten är en styrka", claim, v.advice,
                 "tidiga insatser förebyggande" if low else "jämförelser lära förbättra")


def points(f: Facts) -> list[Point]:
    """The arguments the figures support (only those whose figures exist), at most five."""
    p, area = f.profile, area_text(f.spec)
    out: list[Point] = []
    if f.verdict.resurs.value is not None:
        out.append(_cost_point(f, area))
    if f.verdict.kvalitet.value is not None:
        out.append(_quality_point(f, area))
    if p.dea.score.value is not None:
        claim = (f"Enligt DEA ({p.year}, {EGNA_BERAKNINGAR}) är effektiviteten {number(p.dea.score.value, 2)}. "
                 + learn_text(f.learn, p.kommun.namn))
        out.append(Point("Resurserna används effektivt" if f.learn.on_frontier else "Andra når mer för pengarna",
                         claim, 1, "jämförelser benchmarking lära av de bästa"))
    if f.best_saving is not None:
        out.append(Point("Det finns pengar att frigöra",
                         f"{f.best_saving.label}: {words.value(saving_mnkr(f.best_saving))} per år "
                         f"({p.year}, {EGNA_BERAKNINGAR}).", 4, "effektivisering styrning resurser utan osthyvel"))
    if f.change is not None:
        worse = f.change.better_than_riket is False
        out.append(Point("Utvecklingen över tid", words.change_text(f.change, f.trend.label, p.kommun.namn),
                         3 if worse else 4, "agera tidigt förebyggande" if worse else "långsiktighet planering"))
    return out[:5]


@dataclass(frozen=True)
class Quote:
    """A handbook sentence that supports a point, and the passage it was found in."""

    sentence: str
    section: str
    passage: Passage

    @property
    def text(self) -> str:
        return f"Handboken ({self.section}): ”{self.sentence}”"


@dataclass(frozen=True)
class Argument:
    point: Point
    quote: Quote | None


@dataclass(frozen=True)
class Counter:
    claim: str  # the counter-argument as a politician would say it, in quotation marks
    answer: str
    quote: Quote | None


@dataclass(frozen=True)
class Brief:
    """The debate brief, typed: the downloadable document and the chat's answer both render it."""

    facts: Facts
    title: str
    situation: str  # the kommun, area, year and comparison group
    verdict: str  # "Bedömning: …", the one verdict rule in words
    arguments: tuple[Argument, ...]
    counters: tuple[Counter, ...]


def quote(search: Search, query: str, advice: int, used: set[str]) -> Quote | None:
    """The handbook sentence within råd ``advice`` that shares most words with ``query``;
    None when none shares enough (no filler). ``used`` keeps quotes from repeating."""
    want = {w.lower() for w in _WORD.findall(query)}
    best, where, shared = None, None, 0
    for passage in search(query):
        chunk = passage.chunk
        if chunk.source != "handbok" or chunk.advice != advice:
            continue
        for s in sentences(plain_text(chunk.text)):
            n = len(want & {w.lower() for w in _WORD.findall(s)})
            if n > shared and len(s) >= MIN_QUOTE_CHARS and s not in used:
                best, where, shared = s.strip(), passage, n
    if shared < MIN_SHARED_WORDS or best is None or where is None:
        return None
    used.add(best)
    return Quote(best, where.chunk.section, where)


def make_brief(facts: Facts, search: Search) -> Brief:
    """The typed brief for ``facts``; ``search`` is the retriever's ``search`` (quotes come from it)."""
    p, spec = facts.profile, facts.spec
    used: set[str] = set()
    args = tuple(Argument(point, quote(search, point.query, point.advice, used)) for point in points(facts))
    conditions = CONDITIONS.get(spec.id, CONDITIONS["kommunen"])
    the = area_definite(spec)
    counters = tuple(Counter(claim.format(area=the), answer.format(conditions=conditions, area=the),
                             quote(search, query, advice, used)) for claim, answer, advice, query in COUNTERS)
    return Brief(
        facts=facts, title=f"Debattunderlag: {area_text(spec)} i {p.kommun.namn} {p.year}",
        situation=(f"{p.kommun.namn}, {area_text(spec)} {p.year}. Jämförelsegrupp: {p.peer_group.label} "
                   f"({', '.join(n for _, n in p.peer_group.members)})."),
        verdict=f"Bedömning: {words.verdict_line(facts.verdict)}", arguments=args, counters=counters)


def brief_document(b: Brief) -> Document:
    """The brief as a document (Markdown and PDF): arguments with their quotes, then the counters."""
    p = b.facts.profile
    sections = [Section("Utgångsläge", paragraphs=(b.situation, b.verdict))]
    for i, arg in enumerate(b.arguments, start=1):
        rad = advice_by_number(arg.point.advice)
        sections.append(Section(f"Argument {i}: {arg.point.title}", paragraphs=tuple(
            x for x in (arg.point.claim, f"Koppling: råd {rad.number}, ”{rad.full_title}”.",
                        arg.quote.text if arg.quote else "") if x)))
    counters = tuple(" ".join(x for x in (f"{c.claim} Svar: {c.answer}", c.quote.text if c.quote else "") if x)
                     for c in b.counters)
    sections.append(Section("Troliga motargument och svar", bullets=counters))
    handbook = load_sources()["handbok"]
    return Document(
        title=b.title,
        subtitle=f"{len(b.arguments)} argument med siffror ur Kolada ({p.year}) och stöd i handboken.",
        sections=tuple(sections),
        sources=(KALLA_KOLADA, EGNA_BERAKNINGAR, f"{handbook.title} ({handbook.publisher}, {handbook.year})"))


def build_brief(facts: Facts, search: Search) -> Document:
    """The debate brief as a document; ``search`` is the retriever's ``search``."""
    return brief_document(make_brief(facts, search))
