"""Politician mode: a debate brief for one kommun and area.

3-5 arguments, each with a figure from :mod:`indices` and a sentence from the handbook
(retrieved, then restricted to the råd the argument leans on), followed by the likely
counter-arguments with answers. The brief is a :class:`assistant.memo.Document`, so it
exports to Markdown and PDF like the memo.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import indices
from assistant.formatting import number, with_unit
from assistant.memo import Document, Section
from assistant.sanitize import plain_text
from assistant.types import Passage
from indices.kpis import kpi_info
from indices.provenance import EGNA_BERAKNINGAR, KALLA_KOLADA
from knowledge.registry import advice_by_number, load_sources

Search = Callable[[str], Sequence[Passage]]
_WORD = re.compile(r"\w{4,}")


@dataclass(frozen=True)
class Point:
    title: str
    claim: str  # carries the figure with its KPI, year and source
    advice: int
    query: str


# (counter-argument, answer, råd, retrieval query): data, not code.
COUNTERS = (
    ("”Vi har andra förutsättningar än kommunerna vi jämförs med.”",
     "Jämförelserna är strukturjusterade: referenskostnaden i kostnadsutjämningen och Koladas liknande "
     "kommuner tar hänsyn till förutsättningar som elevantal, ålder och geografi.",
     1, "strukturjusterade jämförelser förutsättningar liknande kommuner"),
    ("”Måtten fångar inte kvaliteten i verksamheten.”",
     "Underlaget väger samman flera kvalitetsmått; bättre mått gör att svag effektivitet inte längre "
     "kan bortförklaras.",
     1, "bättre mått och data kvalitet effektivitet bortförklaras"),
    ("”Effektivisering är bara ett annat ord för nedskärningar.”",
     "En effektivisering ska ge samma eller bättre kvalitet för pengarna; generella neddragningar med osthyvel "
     "ger sällan den effekten.",
     4, "osthyvel generella besparingar dialog med verksamheterna"),
)


def _area_text(spec: indices.AreaSpec) -> str:
    return spec.label[0].lower() + spec.label[1:]


def _value(fig: indices.Figure) -> str:
    return with_unit(fig.value, fig.unit)


def _signed(value: float) -> str:
    return ("+" if value >= 0 else "−") + number(abs(value), 1)


def points(p: indices.Profile, trend: indices.Trend) -> list[Point]:
    """The arguments the figures support (only those whose figures exist), at most five."""
    spec = indices.get_area(p.area)
    area, name, year = _area_text(spec), p.kommun.namn, p.year
    out: list[Point] = []
    d, big_d = p.costs.get(spec.deviation_pct), p.costs.get(spec.deviation_mnkr)
    if d is not None and d.value is not None:
        if d.value > 0:
            out.append(Point("Kostnaden ligger över referensnivån",
                             f"{name} lägger {number(d.value, 1)} % mer på {area} än referenskostnaden, "
                             f"{_value(big_d)} ({spec.deviation_pct}, {year}, {KALLA_KOLADA}).",
                             1, "jämförelser kostnad liknande kommuner lära av andra"))
        else:
            out.append(Point("Kostnaden ligger under referensnivån",
                             f"{name} lägger {number(-d.value, 1)} % mindre på {area} än referenskostnaden "
                             f"({spec.deviation_pct}, {year}, {KALLA_KOLADA}); det utrymmet ska försvaras "
                             "långsiktigt.",
                             4, "långsiktighet ekonomistyrning dialog förtroende"))
    q, rank = p.indices.get("kvalitetsindex"), p.rank_among_peers
    if q is not None and q.value is not None:
        low = q.value < 50
        if not low:
            advice, query = 1, "jämförelser lära förbättra"
        elif spec.id == "grundskola":
            advice, query = 3, "tidiga insatser förebyggande skola"
        else:
            advice, query = 2, "välfärdsteknik digitalisering äldreomsorg"
        ranking = (f"; effektivitetsindex ger plats {rank['rank']} av {rank['of']} i jämförelsegruppen."
                   if rank.get("rank") else ".")
        out.append(Point("Kvaliteten " + ("behöver lyftas" if low else "är en styrka"),
                         f"Kvalitetsindex för {area} är {number(q.value, 1)} av 100 ({year}, {q.source}){ranking}",
                         advice, query))
    score = p.dea.score.value
    if score is not None:
        claim = (f"Enligt DEA ({year}, {EGNA_BERAKNINGAR}) når {name} sina resultat med en effektivitet på "
                 f"{number(score, 2)}" + (" och ligger på fronten." if score >= 0.999 else
                                          f": samma resultat borde gå att nå med {number((1 - score) * 100)} % "
                                          f"lägre kostnad. {p.dea.learn_from}"))
        out.append(Point("Andra når mer för pengarna" if score < 0.999 else "Resurserna används effektivt",
                         claim, 1, "jämförelser benchmarking lära av de bästa"))
    positive = [s for s in p.savings.scenarios if s.value.value and s.value.value > 0]
    if positive:
        best = max(positive, key=lambda s: s.value.value)
        out.append(Point("Det finns pengar att frigöra",
                         f"{best.label}: {with_unit(best.value.value / 1e6, 'mnkr')} per år "
                         f"({year}, {EGNA_BERAKNINGAR}).",
                         4, "effektivisering styrning resurser utan osthyvel"))
    first, last = next((t for t in trend.points if t.kommun.value is not None), None), trend.points[-1]
    if first is not None and last.kommun.value is not None and first is not last:
        change = last.kommun.value - first.kommun.value
        riket = (last.riket.value - first.riket.value) if None not in (last.riket.value, first.riket.value) else None
        direction = kpi_info(trend.kpi).direction or 1
        worse = riket is not None and direction * change < direction * riket
        out.append(Point("Utvecklingen över tid",
                         f"{trend.label} i {name}: {_value(first.kommun)} ({first.year}) och {_value(last.kommun)} "
                         f"({last.year}), en förändring på {_signed(change)}"
                         + (f" mot {_signed(riket)} för riket" if riket is not None else "") + f" ({KALLA_KOLADA}).",
                         3 if worse else 4, "agera tidigt förebyggande" if worse else "långsiktighet planering"))
    return out[:5]


def _quote(search: Search, query: str, advice: int) -> str:
    """The handbook sentence that best matches ``query`` within råd ``advice``, with its place."""
    passages = [p for p in search(query) if p.chunk.source == "handbok"]
    chosen = next((p for p in passages if p.chunk.advice == advice), passages[0] if passages else None)
    if chosen is None:
        return ""
    words = {w.lower() for w in _WORD.findall(query)}
    sentences = re.split(r"(?<=[.!?])\s+", plain_text(chosen.chunk.text))
    best = max(sentences, key=lambda s: (len(words & {w.lower() for w in _WORD.findall(s)}), -len(s)))
    return f"Handboken: ”{best.strip()}” (Handboken, {chosen.chunk.section})"


def build_brief(profile: indices.Profile, trend: indices.Trend, search: Search) -> Document:
    """The debate brief as a document; ``search`` is the retriever's ``search``."""
    spec = indices.get_area(profile.area)
    args = points(profile, trend)
    sections = [Section("Utgångsläge", paragraphs=(
        f"{profile.kommun.namn}, {_area_text(spec)} {profile.year}. Jämförelsegrupp: {profile.peer_group.label} "
        f"({', '.join(n for _, n in profile.peer_group.members)}).",))]
    for i, point in enumerate(args, start=1):
        rad = advice_by_number(point.advice)
        quote = _quote(search, point.query, point.advice)
        sections.append(Section(f"Argument {i}: {point.title}", paragraphs=tuple(
            x for x in (point.claim, f"Koppling: råd {rad.number}, ”{rad.full_title}”.", quote) if x)))
    counters = tuple(f"{claim} Svar: {answer} {_quote(search, query, advice)}".strip()
                     for claim, answer, advice, query in COUNTERS)
    sections.append(Section("Troliga motargument och svar", bullets=counters))
    handbook = load_sources()["handbok"]
    return Document(
        title=f"Debattunderlag: {_area_text(spec)} i {profile.kommun.namn}",
        subtitle=f"{len(args)} argument med siffror ur Kolada ({profile.year}) och stöd i handboken.",
        sections=tuple(sections),
        sources=(KALLA_KOLADA, EGNA_BERAKNINGAR, f"{handbook.title} ({handbook.publisher}, {handbook.year})"))
