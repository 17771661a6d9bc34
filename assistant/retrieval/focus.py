"""What a handbook question is about, read from its words: one råd, or one term.

* A question is about one råd when it names the råd's number ("råd 3", "det tredje
  rådet"), uses its title words ("agera tidigt", "jämförelser på allvar"), says
  "rådet" together with a key term of exactly one råd ("rådet om styrning"), or asks
  what the handbook says about the head concept of exactly one råd ("Vad säger
  handboken om att använda jämförelser?").
* A question leans to one råd when it names the head concept of exactly one
  ("Vilka risker finns med att samverka?"): retrieval lifts that råd's passages.
* A question asks what a term means when it has the form "Vad innebär/betyder/menas
  med X", "Vad är (en) X" or "Förklara (begreppet) X".
* A question asks what a named source found when it says "kom fram till", "slutsats",
  "visar" or "konstaterar" and names the source with a capital ("Välfärdskommissionen").

Retrieval uses the first to open from the råd's own section and the second to put the
glossary entry (or the passage that uses the exact word) first; extraction uses both to
choose the opening sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from knowledge.registry import load_advice

from assistant.retrieval.lexical import fold, stem_tokens
from assistant.types import Chunk

_ORDINALS = {"forsta": 1, "andra": 2, "tredje": 3, "fjarde": 4, "femte": 5,
             "ett": 1, "tva": 2, "tre": 3, "fyra": 4, "fem": 5}
_NUMBERED = re.compile(r"\brad(?:et)?\s+(?:nummer\s+|nr\.?\s*)?([1-5]|ett|tva|tre|fyra|fem)\b")
_ORDINAL = re.compile(r"\b(forsta|andra|tredje|fjarde|femte)\s+radet\b")
_MENTIONS_ADVICE = re.compile(r"\bradet\b|\bradets\b")
_DEFINITION = re.compile(
    r"^(?:vad\s+(?:innebar|betyder|menas\s+med|avses\s+med|star)\s+|vad\s+ar\s+(?:en\s+|ett\s+)?|"
    r"forklara\s+(?:begreppet\s+|vad\s+(?:som\s+)?menas\s+med\s+|vad\s+(?:handboken|man)\s+menar\s+med\s+)?|"
    r"vad\s+menar\s+(?:handboken|man)\s+med\s+)"
    r"(.+?)[?.!]*$")
_LEADING = re.compile(r"^(?:det\s+att|att|begreppet|ordet|termen|uttrycket)\s+")
_RELATION = re.compile(r"\b(?:med|mellan|om|for|av|i|pa|till)\b")
# Stems too common to identify a råd on their own, even when they are in its title.
_WEAK = frozenset({"ta", "led", "effektiv", "ny", "anvand"})


@lru_cache(maxsize=1)
def _advice_terms() -> dict[int, tuple[frozenset[str], frozenset[str]]]:
    """Råd number -> (title stems, key-term stems)."""
    out = {}
    for a in load_advice():
        title = frozenset(stem_tokens(a.title)) - _WEAK
        keys = frozenset(s for k in a.keywords for s in stem_tokens(k)) - _WEAK
        out[a.number] = (title, keys)
    return out


def advice_stems(number: int) -> frozenset[str]:
    """The stems that name a råd's subject: its title words and key terms that no other
    råd shares ("allvar" is in two titles), of three letters or more."""
    own = {n: title | keys for n, (title, keys) in _advice_terms().items()}
    others = set().union(*(stems for n, stems in own.items() if n != number))
    return frozenset(t for t in own.get(number, ()) if len(t) >= 3 and t not in others)


def advice_focus(question: str) -> int | None:
    """The one råd a question is about, or None."""
    folded = fold(question)
    if m := _NUMBERED.search(folded):
        value = m.group(1)
        return int(value) if value.isdigit() else _ORDINALS[value]
    if m := _ORDINAL.search(folded):
        return _ORDINALS[m.group(1)]
    stems = set(stem_tokens(question))
    by_title = [n for n, (title, _) in _advice_terms().items() if len(stems & title) >= min(2, len(title))]
    if len(by_title) == 1:
        return by_title[0]
    if _MENTIONS_ADVICE.search(folded):
        by_key = [n for n, (title, keys) in _advice_terms().items() if stems & (title | keys)]
        if len(by_key) == 1:
            return by_key[0]
    spaced = " ".join(folded.split())
    general = _GENERAL.search(spaced)
    if general and (n := advice_leaning(question)) is not None:
        subject = set(stem_tokens(spaced[general.end():])) - _FILLER
        if subject <= advice_stems(n) | _LEANING[n]:  # the råd's subject and nothing narrower
            return n
    return None


# A question about the handbook's view of a subject as a whole: "Vad säger handboken om
# styrning?", "Hur ser handboken på samverkan?", "Berätta om förebyggande arbete".
_GENERAL = re.compile(r"^(?:vad\s+(?:sager|skriver|tycker|anser|menar|rader)\s+(?:handboken|boken|forfattarna)\s+"
                      r"(?:om|kring|angaende)|hur\s+ser\s+(?:handboken|boken|forfattarna)\s+pa|"
                      r"beratta\s+(?:om|kort\s+om)|vad\s+handlar\s+handboken\s+om)\b")
# The head concepts that tie a question to one råd by themselves; the other key-term stems
# are shared with everyday questions ("kommun", "tid", "skol", "insats", "gemensam").
_LEANING = {1: frozenset({"jamfor", "benchmarking"}),
            2: frozenset({"teknik", "digitalisering", "automatisering", "valfardsteknik", "digital"}),
            3: frozenset({"forebygg", "prevention", "proaktiv"}),
            4: frozenset({"styr", "styrning", "malstyrning", "ekonomistyrning", "detaljstyrning", "osthyvel"}),
            5: frozenset({"samverk", "samverkan", "samarbet", "kommunalforbund", "avtalssamverkan",
                          "samverkansform"})}


# Words around a subject that do not narrow it: "att använda jämförelser", "arbetet med styrning".
_FILLER = frozenset(stem_tokens("att använda användning arbeta arbetet med och kring i sin sina sitt den det "
                                "kommuner kommunerna kommunen kommunens"))


def advice_leaning(question: str) -> int | None:
    """The one råd whose head concept the question names ("samverka", "digitalisering",
    "förebyggande"), or None when it names none or those of several råd."""
    stems = set(stem_tokens(question))
    hits = [n for n, heads in _LEANING.items() if stems & heads]
    return hits[0] if len(hits) == 1 else None


def defined_term(question: str) -> str | None:
    """X in "Vad innebär X?" (folded, without a leading "att"/"det att"), or None."""
    folded = " ".join(fold(question).split())
    m = _DEFINITION.match(folded)
    if not m:
        return None
    term = _LEADING.sub("", m.group(1).strip())
    term = re.sub(r"\s+(?:enligt|i)\s+handboken$", "", term)
    if folded.startswith("vad ar") and (len(term.split()) > 3 or _RELATION.search(term)):
        return None  # "Vad är problemet med X?" asks about X, not for a definition
    return term or None


_REPORT = re.compile(r"\brapport")
_GENERIC = frozenset(stem_tokens("rapport rapporten kommunal kommuner kommunerna kommunsektorn effektivitet "
                                 "handboken svensk svenskt sverige"))


def report_chunk(question: str, chunks: Sequence[Chunk]) -> int | None:
    """The first summary of the report a question names ("Vad föreslår rapporten Morot
    utan piska?"): the question says "rapport" and shares at least two distinctive
    words with the report's title. None otherwise."""
    if not _REPORT.search(fold(question)):
        return None
    wanted = set(stem_tokens(question)) - _GENERIC
    best, best_overlap = None, 1
    for i, c in enumerate(chunks):
        if c.kind != "summary":
            continue
        overlap = len(wanted & (set(stem_tokens(c.title)) - _GENERIC))
        if overlap > best_overlap or (overlap == best_overlap and best is not None
                                      and chunks[best].source == c.source and c.order < chunks[best].order):
            best, best_overlap = i, overlap
    return best


# A question asking what a named source found: "Vad kom Välfärdskommissionen fram till?",
# "Vilken slutsats drar RKA ...?", "Vad visar Socialstyrelsens uppföljning?".
_FINDING = re.compile(r"\bkom\b.*\bfram till\b|\bslutsats|\bvisa(?:r|de)?\b|\bkonstater")
_NAME = re.compile(r"\b[A-ZÅÄÖ][\wÅÄÖåäö]*(?::s)?")
_QUESTION_WORDS = frozenset(stem_tokens("vad vilken vilket vilka hur varför när vem förklara beskriv"))


def named_source(question: str) -> frozenset[str]:
    """The stems of the source a question asks the findings of (its capitalised names,
    "Välfärdskommissionen", "RKA:s"), when it asks what a source found; else empty."""
    if not _FINDING.search(fold(question)):
        return frozenset()
    names = {s for m in _NAME.finditer(question) for s in stem_tokens(m.group(0))}
    return frozenset(s for s in names - _QUESTION_WORDS - _GENERIC if len(s) >= 3)


def opening_chunk(chunks: Sequence[Chunk], advice: int) -> int | None:
    """Index of the first body passage of a råd's own section (its opening claim)."""
    body = [(c.order, i) for i, c in enumerate(chunks)
            if c.source == "handbok" and c.kind == "body" and c.advice == advice]
    return min(body)[1] if body else None


def glossary_chunk(chunks: Sequence[Chunk], term: str) -> int | None:
    """Index of the glossary entry whose heading names the term (stems compared)."""
    wanted = set(stem_tokens(term))
    if not wanted:
        return None
    best = None
    for i, c in enumerate(chunks):
        if c.kind != "glossary":
            continue
        parts = re.split(r"[()/,]| och | kontra ", c.title)
        names = [set(stem_tokens(c.title))] + [set(stem_tokens(p)) for p in parts if p.strip()]
        if any(n and n == wanted for n in names):
            return i
        if best is None and any(n and wanted <= n for n in names):
            best = i
    return best
