"""Question (+ previous ``Query``) in, one ``Query`` out: :func:`understand`.

Steps: places (masked as ``X`` for the classifiers) → years → direction/limit → area →
one embedding of the masked question → intent scores (cues + nearest examples) → KPI
candidates (phrases + lexical + dense) → the structure decides between close intents
(:data:`NEEDS`) → follow-up merge with the previous turn (:mod:`.followup`).
"""

from __future__ import annotations

import re

from assistant.retrieval.lexical import fold
from assistant.understanding import followup
from assistant.understanding.areas import read_area
from assistant.understanding.catalogue import entries_by_id
from assistant.understanding.engine import Engine
from assistant.understanding.intent import combine, cue_scores
from assistant.understanding.kpis import MIN_EVIDENCE, WEAK_EVIDENCE, content_stems, is_ambiguous, phrase_hits
from assistant.understanding.places import Places, find_places
from assistant.understanding.query import Query, Scope
from assistant.understanding.ranking_words import read_quadrant, read_rank_words, resolve_direction
from assistant.understanding.years import read_years

NEEDS_KOMMUN = frozenset({"kpi_value", "profile", "trend", "peers", "learn_from", "savings", "brief"})
NO_KOMMUN = frozenset({"screening", "advice", "help", "off_topic"})
# readings that ask for a figure: with no key figure behind the words, the answer is that
# Kolada has none and which ones are closest ("Hur många hundar finns i Lund?")
ASKS_FIGURE = frozenset({"kpi_value", "ranking", "trend", "comparison"})
NOT_A_FIGURE = frozenset({"handbook", "advice", "brief", "help", "off_topic", "out_of_scope", "kpi_definition",
                          "savings", "learn_from", "peers", "screening", "profile"})
CONVERSATIONAL = frozenset({"help", "advice", "off_topic", "brief", "out_of_scope", "kpi_search", "kpi_definition"})
_WH_QUESTION = re.compile(r"^\W*(vem|vems|varfor|hur|nar|var)\b")
_ONE_RAD = re.compile(r"\brad(et)? [1-5]\b|\b(forsta|andra|tredje|fjarde|femte) radet\b")
_KOMMUNER_WORD = re.compile(r"\bkommun(er|erna)?\b|\bvar i\b|\bi landet\b|\bi sverige\b")
_RANK_WORDS = re.compile(r"\b(bast|samst|hogst|lagst|flest|storst|minst|dyrast|billigast|mest|topp)\b")
_HOW_MANY_KOMMUNER = re.compile(r"\bhur manga (av )?(landets |sveriges )?kommuner\b")
_THRESHOLD = re.compile(r"\b(?:over|minst|mer an|hogre an)\s+(\d{1,3}(?:[.,]\d)?)\b")


def mask(text: str, places: Places) -> str:
    """The question with every place replaced by ``X`` (as in the example bank)."""
    out, last = [], 0
    for start, end in sorted(places.spans):
        if start < last:
            continue
        out.append(text[last:start])
        out.append("X")
        last = end
    out.append(text[last:])
    return "".join(out)


def _allowed(intent: str, n_kommuner: int, places: Places, own_place: bool, kpi_asked: bool,
             folded: str = "", rankish: bool = True, area: str | None = None,
             cues: dict[str, float] | None = None) -> bool:
    scoped = bool(places.lan or places.kommungrupp) or bool(_KOMMUNER_WORD.search(folded))
    cues = cues or {}
    if intent == "out_of_scope":
        return places.region is not None
    if intent == "screening":
        return n_kommuner == 0 and scoped and (area is not None or cues.get("screening", 0.0) >= 1.2)
    if intent == "kpi_search" and n_kommuner == 0:
        return "kpi_search" in cues
    if intent == "help":
        return "help" in cues
    if intent == "advice" and (_ONE_RAD.search(folded) or _WH_QUESTION.search(folded)):
        return False  # "Vad handlar råd 3 om?", "Vem riktar sig råden till?": about the råd, not the list
    if intent == "ranking" and n_kommuner == 0:
        return rankish and (scoped or kpi_asked)
    if intent in NEEDS_KOMMUN:
        return n_kommuner >= 1 and not (intent != "brief" and n_kommuner >= 2)
    if intent == "comparison":
        return n_kommuner >= 2
    if intent == "ranking":
        return n_kommuner == 0 or (n_kommuner == 1 and own_place)
    if intent in NO_KOMMUN:
        return n_kommuner == 0 or intent in {"help", "off_topic"} and n_kommuner == 0
    if intent == "kpi_definition":
        return n_kommuner == 0
    return True


def choose_intent(ranked: list[tuple[str, float]], n_kommuner: int, places: Places, own_place: bool,
                  kpi_asked: bool, folded: str = "", rankish: bool = True, area: str | None = None,
                  cues: dict[str, float] | None = None) -> str:
    if places.region is not None and n_kommuner == 0:
        return "out_of_scope"
    # an unknown place ("i Gotham") stands where a kommun would: the handler asks back
    n_kommuner += 1 if places.unknown and n_kommuner == 0 else 0
    for rank, (intent, _) in enumerate(ranked):
        # a conversational intent is taken only when it is the best reading, never as a fallback
        if (rank == 0 or intent not in CONVERSATIONAL) and _allowed(intent, n_kommuner, places, own_place, kpi_asked, folded, rankish,
                                                                 area, cues):
            return intent
    return "handbook"


def understand(text: str, previous: Query | None, engine: Engine) -> Query:
    """The typed reading of one question; ``previous`` is the last turn's reading."""
    places = find_places(text)
    masked = mask(text, places)
    folded = fold(masked)
    years = read_years(text)
    rank = read_rank_words(text)
    area = read_area(masked)
    vector = engine.embed(masked)
    cues = cue_scores(folded)
    ranked = combine(engine.classifier.knn(vector), cues)
    own = _reading(text, masked, places, years, rank, area, vector, cues, ranked, engine)
    if previous is not None and followup.is_follow_up(text, own, previous, cues):
        if area is None and previous.area:  # "Vilken av dem har bäst kvalitet?" in the earlier area
            own = _reading(text, masked, places, years, rank, previous.area, vector, cues, ranked, engine)
            own = own.with_(area=None)
        merged = followup.merge(own, previous, cues)
        return _finish(merged, engine, cues, rank.direction)
    return own


def _reading(text, masked, places, years, rank, area, vector, cues, ranked, engine) -> Query:
    choices = engine.kpis.resolve(masked, area, vector)
    phrased = phrase_hits(fold(masked), area)
    weak = area is not None and choices and choices[0].kpi in phrased
    kpi_asked = bool(choices) and (choices[0].evidence >= MIN_EVIDENCE
                                   or bool(weak) and choices[0].evidence >= WEAK_EVIDENCE)
    n = len(places.kommuner)
    rankish = bool(rank.direction or rank.limit or rank.own_place or "ranking" in cues)
    intent = choose_intent(ranked, n, places, rank.own_place, kpi_asked, fold(masked), rankish, area, cues)
    if rank.own_place and n == 1 and intent in {"kpi_value", "profile"}:
        intent = "ranking"  # "Vilken plats har Nora i länet när det gäller kostnad per elev?": its rank
    threshold = _THRESHOLD.search(fold(text))
    query = Query(
        text=text, intent=intent, kommuner=places.kommuner,
        scope=Scope(lan=places.lan, kommungrupp=places.kommungrupp),
        area=area, kpis=(choices[0].kpi,) if kpi_asked else (), kpi_candidates=tuple(choices),
        kpi_ambiguous=kpi_asked and choices[0].kpi not in phrased and is_ambiguous(choices), kpi_asked=kpi_asked,
        years=years.years,
        notes=tuple(f"Jag läser ”{typed}” som {name}." for typed, name in places.corrected) + years.notes, direction=rank.direction, limit=rank.limit,
        threshold=float(threshold.group(1).replace(",", ".")) if threshold else None,
        quadrant=read_quadrant(text) if intent == "screening" else None,
        unknown_places=places.unknown, region=places.region, region_lan=places.region_lan,
        intent_scores=tuple((i, round(s, 3)) for i, s in ranked[:5]),
    )
    named = bool(content_stems(_RANK_WORDS.sub(" ", fold(masked))))
    return _finish(query, engine, cues, rank.direction, named)


def _finish(query: Query, engine: Engine, cues: dict[str, float], direction: str | None,
            named: bool = False) -> Query:
    """Intent repairs that depend on the KPI reading, and the ranking direction; ``named``:
    the masked question has words that could name a key figure."""
    intent = query.intent
    if _no_such_kpi(query, cues, named):
        return query.with_(intent="kpi_search", kpi_missing=True, direction=None)
    if intent == "handbook" and query.kpi_asked and not query.kommuner and _figure_reading(query, cues):
        intent = "kpi_value"  # "Hur många fotbollsplaner finns i kommunen?": the handler asks which kommun
    if intent in {"kpi_value", "profile"} and (query.years and query.years[0] < query.years[1]
                                               or cues.get("trend", 0.0) > 0):
        intent = "trend"  # "utvecklats", "de senaste åren", "sedan 2015": a value over time
    if intent == "kpi_value" and not query.kpi_asked:
        # a figure nobody has ("Hur mycket mark äger kommunen?"): say so and offer the closest
        if not query.kommuner:
            intent = "handbook"  # no kommun and no key figure: not a figure question at all
        else:
            intent = "profile" if query.area and "kpi_search" not in cues else "kpi_search"
    elif intent == "profile" and query.kpi_asked and _specific(query) and (
            _phrased(query) or not query.area and "profile" not in cues):
        intent = "kpi_value"  # "Vad är arbetslösheten i Borås?": a figure, not an area's profile
    elif intent == "kpi_definition" and query.kommuner:
        intent = "kpi_value"
    elif intent == "kpi_definition" and not query.kpi_asked:
        intent = "handbook"  # "Vad menas med effekthemtagning?": a handbook term, not a key figure
    if intent in {"ranking", "comparison"} and query.kpis:
        entry = entries_by_id().get(query.kpis[0])
        kpi_direction = entry.direction if entry else 1
        direction = resolve_direction(direction, kpi_direction)
        if intent == "ranking" and direction is None:
            direction = "max" if kpi_direction >= 0 else "min"
    elif direction in {"best", "worst"}:
        direction = "max" if direction == "best" else "min"
    return query.with_(intent=intent, direction=direction)


def _figure_reading(query: Query, cues: dict[str, float]) -> bool:
    """The best reading asks for a figure and no cue points to another kind of answer."""
    return (not query.region and bool(query.intent_scores) and query.intent_scores[0][0] in ASKS_FIGURE
            and not NOT_A_FIGURE & cues.keys())


def _no_such_kpi(query: Query, cues: dict[str, float], named: bool) -> bool:
    """The question asks for a figure, names no area, and its words name no key figure.

    The best reading (cue table + nearest examples) must be a figure question and no cue
    may point elsewhere (a handbook question, a råd, a saving, a peer list); the words left
    once question, place and area words are gone must be there and find no KPI with
    :data:`MIN_EVIDENCE` ("Hur mycket mark äger kommunen?").
    """
    if query.kpi_asked or query.area or query.follows or not _figure_reading(query, cues):
        return False
    if _HOW_MANY_KOMMUNER.search(fold(query.text)):
        return False  # "Hur många kommuner använder digital nattillsyn?": practice, a handbook question
    if query.intent not in ASKS_FIGURE | {"kpi_search", "handbook"}:
        return False
    return named


def _phrased(query: Query) -> bool:
    """The key figure is named by an everyday phrase (not only by a word in some title)."""
    hits = phrase_hits(fold(query.text), query.area)
    return hits.get(query.kpis[0], 0.0) >= 1.0


def _specific(query: Query) -> bool:
    """The named key figure is a specific measure, not the area's indices."""
    title = entries_by_id().get(query.kpis[0])
    return title is not None and not re.match(r"(Effektivitets|Kvalitets|Resurs)index", title.title)
