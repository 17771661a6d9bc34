"""Follow-ups: the previous turn's ``Query`` is the conversation state.

* "Och Boden?" keeps the previous intent and replaces the kommun;
* "Jämför med Umeå och Skellefteå" adds kommuner and turns it into a comparison;
* "Hur har den (det, andelen) utvecklats sedan 2012?" keeps kommun and KPI, the intent becomes a trend;
* "Vilken av dem har bäst kvalitet?" compares the previous kommuner;
* "Vad säger handboken att de borde göra?" ties the handbook to that kommun and area.
"""

from __future__ import annotations

import re

from assistant.retrieval.lexical import fold
from assistant.understanding.query import FIGURE_INTENTS, Query

_OPENER = re.compile(r"^\W*(och|an|men|samt|hur ar det (med|for)|samma (for|sak)|vad (galler|sager)|"
                     r"jamfor (med|aven)|da|om vi tar|hur blir det (for|med))\b")
_BACKREF = re.compile(r"\b(den|dem|dess|deras|denna|dessa|av de (tva|tre|fyra)|vilken av de|vem av de|"
                      r"de (borde|bor|ska|kan|gor|har gjort)|kommunen|kommunerna|samma kommun|hur var det)\b")
# "Vad rekommenderar handboken då?", "Vad bör vi göra i så fall?": a closing "då" continues the turn before.
_CLOSING = re.compile(r"\b(da|i sa fall)\W*$")
# "Hur har det utvecklats?", "Hur ser andelen ut 2019?": "det" or a definite measure word
# pointing at the figure of the previous turn (only read so after a figure answer).
_FIGURE_REF = re.compile(r"^\W*hur (har|ser|sag|var|gick|blir|utvecklades|forandrades) (det|den|andelen|kostnaden|"
                         r"vardet|siffran|nyckeltalet|antalet|talet|indexet)\b|\b(andelen|kostnaden|vardet|siffran|"
                         r"nyckeltalet|antalet|indexet) (har|var|ar) (okat|minskat|sjunkit|stigit|forandrats|utvecklats)\b")
# Intents a turn can switch to on its own cue words while keeping the earlier reading.
SWITCHABLE = ("trend", "comparison", "handbook", "savings", "peers", "learn_from", "ranking", "profile",
              "brief", "kpi_definition")
STATE_FREE = frozenset({"help", "off_topic", "out_of_scope", "advice"})


def is_follow_up(text: str, own: Query, previous: Query, cues: dict[str, float]) -> bool:
    """Does this turn continue the previous one?"""
    if previous.intent in STATE_FREE or own.intent in {"help", "advice"} or own.region:
        return False
    folded = fold(text)
    if _OPENER.search(folded) or _BACKREF.search(folded) or _CLOSING.search(folded):
        return True
    if previous.intent in FIGURE_INTENTS and previous.kpis and not own.kommuner and _FIGURE_REF.search(folded):
        return True
    short = len(folded.split()) <= 5
    names_something = bool(own.kommuner or own.area or own.years or own.kpi_asked)
    return short and names_something and not previous.kommuner == own.kommuner == ()


def merge(own: Query, previous: Query, cues: dict[str, float]) -> Query:
    """Fill what this turn lacks from the previous reading and pick the intent."""
    folded = fold(own.text)
    kommuner = own.kommuner
    intent = previous.intent
    adds = bool(re.search(r"\bjamfor|\bmot\b|\boch\b.*\boch\b|\baven\b", folded)) or previous.intent == "comparison"
    if kommuner and adds and previous.kommuner:
        kommuner = tuple(dict.fromkeys(previous.kommuner + own.kommuner))
        intent = "comparison"
    elif not kommuner:
        kommuner = previous.kommuner
    switched = max(SWITCHABLE, key=lambda i: cues.get(i, 0.0))
    if cues.get(switched, 0.0) > 0:
        intent = switched
    if intent == "comparison" and len(kommuner) < 2:
        intent = previous.intent if previous.intent != "comparison" else "kpi_value"
    if intent == "ranking" and kommuner and len(kommuner) >= 2:
        intent = "comparison"  # "Vem av dem är bäst?" ranks the kommuner already named
    area = own.area or previous.area
    same_area = own.area in (None, previous.area)
    if own.kpi_asked:
        kpis, asked, candidates = own.kpis, True, own.kpi_candidates
    elif same_area and intent != "profile":
        kpis, asked, candidates = previous.kpis, previous.kpi_asked, previous.kpi_candidates
    else:
        kpis, asked, candidates = (), False, own.kpi_candidates
    if intent == "kpi_value" and not kpis:
        intent = "profile" if area else previous.intent
    return own.with_(
        intent=intent, kommuner=kommuner, area=area, kpis=kpis, kpi_asked=asked,
        kpi_candidates=candidates, kpi_ambiguous=own.kpi_ambiguous if own.kpi_asked else False,
        years=own.years or (previous.years if intent not in {"trend"} else previous.years),
        scope=own.scope if (own.scope.lan or own.scope.kommungrupp) else previous.scope,
        follows=True,
    )
