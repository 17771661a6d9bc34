"""Which key figure a question asks for: the catalogue's titles, read three ways.

1. **Phrases** (``data/kpi_phrases.json``): everyday wording for common key figures
   ("hur många bor", "skatten", "vänta på plats i särskilt boende"), area-aware.
2. **Lexical**: BM25 over the stemmed words and character 4-grams of every KPI title
   (plus its synonyms where the catalogue has them).
3. **Dense**: cosine between the question's embedding (the one already computed for the
   intent) and the titles embedded once, cached on disk by content hash.

The three are combined with an area prior (a KPI of the asked area gains, another
area's loses) and a coverage prior (KPIs with data for few kommuner lose). A clear
winner is chosen; two candidates within :data:`AMBIGUOUS_MARGIN` make an ask-back.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from assistant.retrieval.lexical import fold, stem, stem_tokens
from assistant.understanding.catalogue import CatalogueEntry, catalogue_entries
from assistant.understanding.measures import COST, COUNT, SHARE, age_groups, conflicts, question_measure, unit_measure
from assistant.understanding.query import KpiChoice
from assistant.understanding.vector_cache import similarities

PHRASES_FILE = Path(__file__).with_name("data") / "kpi_phrases.json"
W_PHRASE, W_PHRASE_WEAK, W_LEX, W_DENSE = 3.0, 0.6, 2.0, 1.0
DENSE_FLOOR, DENSE_SPAN = 0.35, 0.35
W_SYNONYM = 0.5
W_PRECISION = 0.5  # share of the title's words the question names: "Invånare 65+, andel" over longer titles
MEASURE_PENALTY = 0.6  # the question asks for a share and the key figure is a cost (or the like)
EXACT_TITLE = 0.99  # coverage and precision from which the title itself is named
PRECISION_TOP = 40  # candidates (by evidence) whose title precision is computed
AREA_BONUS, AREA_PENALTY, GENERAL_PENALTY = 0.35, 0.5, 0.6
AMBIGUOUS_MARGIN = 0.08
MIN_EVIDENCE = 1.2  # below this, the question names no key figure we have
WEAK_EVIDENCE = 0.5  # enough with an area named: "Vad kostar skolan?" is the area's cost figure
# Words that carry no key-figure meaning for the lexical signal (question and place words).
_NOISE = re.compile(r"\b(hur|vad|vilk\w*|finns|det|nagot|nyckeltal\w*|kommun\w*|mycket|manga|stor|hog|lag|"
                    r"andel\w*|jamfor\w*|ar|har|i|for|och|med|om|per|pa|av|till|den|de|som|en|ett|"
                    r"ager|agde|mater|visar|vardet|utveckl\w*|forandr\w*|sedan|antal\w*)\b")  # question verbs, units


@lru_cache(maxsize=1)
def _replacements() -> dict[str, str]:
    """Everyday words -> the words Kolada's titles use (``query_words.replace`` in the curated file)."""
    from indices.catalogue import curated

    return {fold(k): fold(v) for k, v in curated().get("query_words", {}).get("replace", {}).items()}


def rewrite(text: str) -> str:
    """The folded text with everyday words in the titles' words and age groups as "65+"."""
    folded = age_groups(fold(text))
    table = _replacements()
    return re.sub(r"[a-z0-9]+", lambda m: table.get(m.group(0), m.group(0)), folded)


@dataclass(frozen=True)
class Phrase:
    pattern: re.Pattern
    kpis: dict[str, tuple[str, ...]]  # area id or "default" -> KPIs; "*" = any area
    weak: bool


@lru_cache(maxsize=1)
def phrases() -> tuple[Phrase, ...]:
    raw = json.loads(PHRASES_FILE.read_text(encoding="utf-8"))["phrases"]
    out = []
    for p in raw:
        kpis = p["kpis"]
        mapping = {"*": tuple(kpis)} if isinstance(kpis, list) else {k: tuple(v) for k, v in kpis.items()}
        out.append(Phrase(re.compile(p["pattern"]), mapping, bool(p.get("weak"))))
    return tuple(out)


def phrase_hits(folded: str, area: str | None) -> dict[str, float]:
    """KPI -> phrase signal. The first KPI of a list scores highest."""
    scores: dict[str, float] = {}
    for phrase in phrases():
        if not phrase.pattern.search(folded):
            continue
        kpis = phrase.kpis.get("*") or phrase.kpis.get(area or "default") or phrase.kpis.get("default")
        if not kpis:
            continue
        weight = W_PHRASE_WEAK if phrase.weak else W_PHRASE
        for rank, kpi in enumerate(kpis):
            scores[kpi] = max(scores.get(kpi, 0.0), weight * (1.0 - 0.05 * rank))
    return scores


# Top-level area words: the area enters as a prior, not as evidence that a figure is named.
_AREA_TOKENS = re.compile(r"^(forskol|grundskol|skola$|skolan$|skolor|gymnasieskol|gymnasi|aldreomsorg|"
                          r"lss$|ifo$|bistand|ekonomisk|individ|familjeomsorg|verksamhet|omrad)")
_CONTENT_MIN = 3


def content_stems(text: str) -> list[str]:
    """Stems that could name a key figure: no question, place, area or year words."""
    cleaned = _NOISE.sub(" ", fold(text))
    out = []
    for w in re.findall(r"[a-z0-9+]+", cleaned):
        if w.endswith("+") and w[:-1].isdigit():  # an age group ("65+") is a title word, not a number
            out.append(w[:-1])
            continue
        if len(w) < _CONTENT_MIN or w.isdigit() or w == "x" or _AREA_TOKENS.match(w):
            continue
        out.append(stem(w))
    return list(dict.fromkeys(out))


AREA_ORDER = ("grundskola", "aldreomsorg", "forskola", "gymnasieskola", "lss", "ifo", "ekonomiskt_bistand")


def phrase_kpis_any_area(folded: str) -> list[str]:
    """KPIs a matching phrase names in any area, the no-area default first ("vad menas med
    nettokostnadsavvikelse?" is N00097 and also N15001, N20900, ...)."""
    out: list[str] = []
    for phrase in phrases():
        if phrase.weak or not phrase.pattern.search(folded):
            continue
        ordered = [phrase.kpis.get("*", ()), phrase.kpis.get("default", ())]
        ordered += [phrase.kpis[a] for a in AREA_ORDER if a in phrase.kpis]
        out += [k for kpis in ordered for k in kpis[:1] if k not in out]
    return out


_AGE = re.compile(r"\b(\d{2})\+")
SYNONYM_GAP = 2  # words allowed between two words of a synonym ("andel av befolkningen i X 65+")


def _in_order(phrase: tuple[str, ...], stems: list[str], start: int) -> bool:
    """``phrase`` occurs in ``stems`` from ``start``, in order, at most :data:`SYNONYM_GAP`
    words between two of its words ("kommunens bilar" is not "bilar i kommunen")."""
    pos = start
    for word in phrase[1:]:
        window = stems[pos + 1:pos + 2 + SYNONYM_GAP]
        if word not in window:
            return False
        pos += 1 + window.index(word)
    return True


class KpiResolver:
    """The catalogue indexed once; :meth:`resolve` ranks its KPIs for one question."""

    def __init__(self, entries: list[CatalogueEntry], title_vectors: np.ndarray | None = None) -> None:
        self.entries = entries
        self.by_id = {e.kpi: i for i, e in enumerate(entries)}
        docs = [set(stem_tokens(e.title)) for e in entries]
        self._titles = [tuple(d) for d in docs]
        # the catalogue's synonyms count as whole phrases ("dyr kommun"), not as loose words, matched
        # on stems so that inflected forms count too ("andelen invånare 65+" for "andel invånare 65+")
        self._synonyms: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for i, e in enumerate(entries):
            for syn in e.synonyms:
                stems = tuple(stem_tokens(rewrite(syn)))
                if len(syn) >= 4 and stems:
                    self._synonyms.setdefault(stems[0], []).append((stems, i))
        measures = [unit_measure(e.unit, e.title) for e in entries]
        self._conflicting = {asked: np.array([conflicts(asked, m) for m in measures], dtype=bool)
                             for asked in (SHARE, COUNT, COST)}
        self._postings: dict[str, list[int]] = {}
        for i, doc in enumerate(docs):
            for term in doc:
                self._postings.setdefault(term, []).append(i)
        n = len(entries)
        self._idf = {t: math.log(1 + n / len(p)) for t, p in self._postings.items()}
        self._vocabulary = tuple(t for t in self._postings if len(t) >= 4)
        self.vectors = title_vectors
        self._areas = np.array([e.area or "" for e in entries])
        self._coverage = np.array([min(1.0, e.n_kommuner / 150.0) for e in entries])
        self._default = np.array([1.0 if e.is_default else 0.0 for e in entries])

    @lru_cache(maxsize=16)
    def _prior(self, area: str | None) -> np.ndarray:
        """The area and coverage priors, per KPI (one vector per area, computed once)."""
        prior = -0.6 * (1.0 - self._coverage) + 0.1 * self._default
        if area:
            prior = prior + np.where(self._areas == area, AREA_BONUS, 0.0)
            prior = prior - np.where((self._areas != "") & (self._areas != area), AREA_PENALTY, 0.0)
            prior = prior - np.where(self._areas == "", GENERAL_PENALTY, 0.0)  # kommun-wide figures
        return prior

    @lru_cache(maxsize=4096)
    def _matches(self, word: str) -> tuple[tuple[int, float], ...]:
        """Titles a stem matches: exactly, or inside a compound (either way round)."""
        exact = self._postings.get(word)
        if exact:
            return tuple((i, 1.0) for i in exact)
        hits: dict[int, float] = {}
        if len(word) >= 5:
            for term in self._vocabulary:
                if word in term or (len(term) >= 5 and term in word):
                    for i in self._postings[term]:
                        hits[i] = max(hits.get(i, 0.0), 0.7)
        return tuple(hits.items())

    def _synonym_hits(self, stems: list[str], content: list[str]) -> dict[int, float]:
        """Entries one of whose synonyms occurs in the question as a run of stems, with the
        share of the question it explains: a phrase of two or more words names the figure
        ("kommunens bilar"); one word ("invånare") only its own share of the question's words."""
        hits: dict[int, float] = {}
        weights = {w: self._idf.get(w, math.log(1 + len(self.entries))) for w in content}
        total = sum(weights.values())
        for start, first in enumerate(stems):
            for syn, i in self._synonyms.get(first, ()):
                if not _in_order(syn, stems, start):
                    continue
                share = 1.0 if len(syn) > 1 or not total else min(1.0, weights.get(syn[0], 0.0) / total)
                hits[i] = max(hits.get(i, 0.0), share)
        return hits

    def _precision(self, i: int, named: set[str]) -> float:
        """The idf-weighted share of the title's words that the question names."""
        title = self._titles[i]
        total = sum(self._idf[t] for t in title)
        return sum(self._idf[t] for t in title if t in named) / total if total else 0.0

    def lexical(self, text: str) -> np.ndarray:
        """Share of the question's key-figure words (idf-weighted) found in each title."""
        score = np.zeros(len(self.entries))
        words = content_stems(text)
        weights = [self._idf.get(w, math.log(1 + len(self.entries))) for w in words]
        total = sum(weights) or 1.0
        for word, weight in zip(words, weights):
            for i, credit in self._matches(word):
                score[i] += credit * weight / total
        return score

    def resolve(self, text: str, area: str | None, query_vector: np.ndarray | None = None,
                limit: int = 5) -> list[KpiChoice]:
        """Ranked KPI candidates with combined scores (higher = better)."""
        folded = fold(text)
        rewritten = rewrite(text)
        asked = question_measure(folded)
        coverage = self.lexical(rewritten)
        evidence = W_LEX * coverage
        stems = stem_tokens(rewritten)
        for i, share in self._synonym_hits(stems, content_stems(rewritten)).items():
            evidence[i] = max(evidence[i], W_LEX * share) + W_SYNONYM * share
        for kpi, value in phrase_hits(folded, area).items():
            if kpi in self.by_id:
                evidence[self.by_id[kpi]] += value
        ages = set(_AGE.findall(rewritten))
        if ages:  # "invånare 65+": a phrase or synonym for all invånare names another population
            for i in np.flatnonzero(evidence > W_LEX * coverage):
                if not ages & set(self._titles[i]):
                    evidence[i] = W_LEX * coverage[i]
        prior = self._prior(area).copy()
        named = set(stems)
        if asked:  # neither a phrase nor a title word makes a cost a share
            conflicting = self._conflicting[asked]
            evidence[conflicting] = 0.0
            prior[conflicting] -= MEASURE_PENALTY
        order = np.argsort(-evidence)[:PRECISION_TOP]
        for i in order[evidence[order] > 0]:  # the title's precision only decides among the best
            precision = self._precision(i, named)
            prior[i] += W_PRECISION * precision * coverage[i]
            if coverage[i] >= EXACT_TITLE and precision >= EXACT_TITLE:
                # the question names the title itself: no area prior overrides that
                prior[i] = max(prior[i], self._prior(None)[i] + AREA_BONUS + W_PRECISION)
        score = evidence.copy()
        if self.vectors is not None and query_vector is not None:
            dense = similarities(self.vectors, query_vector)
            score = score + W_DENSE * np.clip((dense - DENSE_FLOOR) / DENSE_SPAN, 0.0, 1.0)
        score = score + prior
        order = np.argsort(-score)[:limit]
        return [KpiChoice(self.entries[i].kpi, self.entries[i].title, round(float(score[i]), 4),
                          round(float(evidence[i]), 4)) for i in order]


def is_ambiguous(choices: list[KpiChoice]) -> bool:
    return len(choices) >= 2 and choices[0].score - choices[1].score < AMBIGUOUS_MARGIN


@lru_cache(maxsize=1)
def lexical_resolver() -> KpiResolver:
    """A resolver without the dense signal (no model needed)."""
    return KpiResolver(catalogue_entries())
