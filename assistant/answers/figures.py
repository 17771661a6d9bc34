"""Handlers for the figure intents: each executes a :class:`Query` and returns an Answer.

A handler picks the figures (the asked KPI, or the area's defaults), calls
:mod:`.fetch`/:mod:`.fetch_area`/:mod:`.money`, records each call as a ``ToolCall``
(the evidence every printed number is checked against) and lets a composer write it.
"""

from __future__ import annotations

import logging
from typing import Any

from assistant.answers import compose_area, compose_kpi, fetch, fetch_area, money
from assistant.answers.ask import ask_for_area, ask_for_kommun, ask_for_kpi
from assistant.errors import AssistantError
from assistant.types import Answer, ToolCall
from assistant.understanding import Query
from assistant.understanding.measures import question_measure, unit_measure
from indices.text import fold

log = logging.getLogger(__name__)
SCATTER_AREAS = {"grundskola", "aldreomsorg"}  # where assistant.charts draws cost against quality


def _call(name: str, result, **args: Any) -> ToolCall:
    return ToolCall(name=name, args=args, result=result.to_dict())


def _answer(q: Query, text: str, calls: list[ToolCall], figures: tuple = (), advice: int | None = None) -> Answer:
    context = {"query": q.to_dict()}
    if advice:
        context["advice"] = advice
    return Answer(text=text, route=q.intent, tool_calls=tuple(calls), figures=figures, context=context)


def _charts(kind: str, **kwargs: Any) -> tuple[dict[str, Any], ...]:
    from assistant import charts
    from assistant.answers import charts as result_charts

    try:
        if hasattr(result_charts, kind):
            return (getattr(result_charts, kind)(**kwargs),)
        return (charts.figure_json(getattr(charts, kind)(**kwargs)),)
    except Exception:  # a chart illustrates; its failure must not lose the answer
        log.warning("Diagrammet %s kunde inte ritas", kind, exc_info=True)
        return ()


def default_kpi(q: Query) -> str | None:
    """The KPI a question means when it names only an area; None when it names a measure
    ("andelen elever som …") that the area's default figure is not: that is another figure."""
    if q.kpis:
        return q.kpis[0]
    kpi = None
    if q.area in fetch.RKA_INDICES:
        kpi = fetch.RKA_INDICES[q.area][2]
    elif q.area:
        kpi = fetch.DEVIATION.get(q.area) or fetch.KEY_FIGURES.get(q.area, (None,))[0]
    asked = question_measure(fold(q.text))
    if kpi and asked and unit_measure((m := fetch.meta(kpi)).unit, m.title) != asked:
        return None
    return kpi


def kpi_value(q: Query, settings) -> Answer:
    if not q.kommuner:
        raise ask_for_kommun(q)
    if q.kpi_ambiguous:
        raise ask_for_kpi(q)
    v = fetch.value(q.kommuner[0], q.kpis[0], q.year, q.area)
    return _answer(q, compose_kpi.value_text(v), [_call("kpi_value", v, kommun=v.kommunkod, kpi=v.kpi.kpi,
                                                          year=q.year)])


def ranking(q: Query, settings) -> Answer:
    kpi = default_kpi(q)
    if kpi is None:
        raise ask_for_kpi(q)
    focus = q.kommuner[0] if q.kommuner else None
    direction = q.direction or "max"
    r = fetch.ranking(kpi, q.year, q.scope.lan, q.scope.kommungrupp, direction, q.limit or 10, focus)
    figures = _charts("ranking_figure", r=r) if len(r.rows) > 1 else ()
    return _answer(q, compose_kpi.ranking_text(r), [_call("ranking", r, kpi=kpi, year=q.year, limit=q.limit,
                                                          direction=direction, **q.scope.to_dict())], figures)


def trend(q: Query, settings) -> Answer:
    if not q.kommuner:
        raise ask_for_kommun(q)
    kpi = default_kpi(q)
    if kpi is None:
        raise ask_for_kpi(q)
    first, last = q.years or (None, None)
    if first == last:
        first = None
    t = fetch.trend(q.kommuner[0], kpi, first, last)
    figures = _charts("trend_figure", t=t) if t.first else ()
    return _answer(q, compose_kpi.trend_text(t), [_call("trend", t, kommun=t.kommunkod, kpi=kpi)], figures)


def comparison_kpis(q: Query) -> tuple[str, ...]:
    if q.kpis:
        # the asked figure, then the alternatives the reading found equally named (e.g. the
        # quality measures), used where the first lacks values for one of the kommuner
        extra = tuple(c.kpi for c in q.kpi_candidates[1:4] if c.evidence >= q.kpi_candidates[0].evidence * 0.8)
        return tuple(dict.fromkeys(q.kpis + extra))
    if q.area in fetch.RKA_INDICES:
        eff = fetch.RKA_INDICES[q.area]
        extra = (fetch.DEVIATION.get(q.area), *fetch.KEY_FIGURES.get(q.area, ())[:1])
        return (eff[2], eff[0], eff[1]) + tuple(k for k in extra if k)
    if q.area:
        return tuple(k for k in (fetch.DEVIATION.get(q.area), *fetch.KEY_FIGURES.get(q.area, ())) if k)
    return ()


def comparison(q: Query, settings) -> Answer:
    if len(q.kommuner) < 2:
        raise ask_for_kommun(q, several=True)
    kpis = comparison_kpis(q)
    if not kpis:
        raise ask_for_area(q)
    c = fetch.compare(q.kommuner, kpis, q.year)
    complete = [r for r in c.rows if all(v is not None for _, _, v in r.values)]
    if q.kpis and complete and c.rows[0] not in complete:
        # the asked figure is missing for someone: lead with the first figure all of them have
        c = type(c)(c.kommuner, (complete[0], *[r for r in c.rows if r is not complete[0]]), c.year,
                    c.missing_note, c.source)
    elif q.kpis and len(c.rows) > 1 and c.rows[0] in complete:
        c = type(c)(c.kommuner, c.rows[:1], c.year, c.missing_note, c.source)
    figures = _charts("peer_bars", kommunkod=q.kommuner[0], kpi=c.rows[0].kpi.kpi, area=q.area or "grundskola",
                      year=c.rows[0].year, peer_codes=list(q.kommuner[1:])) if q.area in {"grundskola", "aldreomsorg"} else ()
    return _answer(q, compose_kpi.comparison_text(c, q.direction),
                   [_call("compare", c, kommuner=list(q.kommuner), kpis=list(kpis), year=q.year)], figures)


def profile(q: Query, settings) -> Answer:
    if not q.kommuner:
        raise ask_for_kommun(q)
    if not q.area:
        raise ask_for_area(q)
    p = fetch_area.profile(q.kommuner[0], q.area, q.year)
    advice = p.verdict.advice if p.verdict else None
    figures = _charts("cost_quality_scatter", area=q.area, year=p.year, kommunkod=p.kommunkod) \
        if q.area in SCATTER_AREAS else ()
    return _answer(q, compose_area.profile_text(p), [_call("profile", p, kommun=p.kommunkod, area=q.area,
                                                           year=q.year)], figures, advice=advice)


def peers(q: Query, settings) -> Answer:
    if not q.kommuner:
        raise ask_for_kommun(q)
    p = fetch_area.peers(q.kommuner[0], q.area)
    return _answer(q, compose_area.peers_text(p), [_call("peers", p, kommun=p.kommunkod, area=q.area)])


def learn_from(q: Query, settings) -> Answer:
    if not q.kommuner:
        raise ask_for_kommun(q)
    if not q.area:
        raise ask_for_area(q)
    lf = fetch_area.learn_from(q.kommuner[0], q.area, q.year)
    return _answer(q, compose_area.learn_from_text(lf), [_call("learn_from", lf, kommun=lf.kommunkod,
                                                               area=q.area)], advice=1)


def savings(q: Query, settings) -> Answer:
    if not q.kommuner:
        raise ask_for_kommun(q)
    if q.area not in money.savings_areas():
        raise ask_for_area(q, money.savings_areas())
    s = money.savings(q.kommuner[0], q.area, q.year)
    return _answer(q, money.savings_text(s, q.text), [_call("savings", s, kommun=s.kommunkod, area=q.area)], advice=4)


def screening(q: Query, settings) -> Answer:
    areas = money.screening_areas()
    if q.area not in areas:
        raise ask_for_area(q, areas)
    index_kpi = q.kpis[0] if q.kpis and q.kpis[0] in areas[q.area] else None
    s = money.screen(q.area, q.year, q.scope.lan, q.scope.kommungrupp, index_kpi, q.threshold, q.quadrant)
    return _answer(q, money.screening_text(s), [_call("screen", s, area=q.area, **q.scope.to_dict())], advice=1)


def require(condition: bool, message: str) -> None:
    if not condition:
        raise AssistantError(message)
