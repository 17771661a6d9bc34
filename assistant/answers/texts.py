"""Handlers for the text intents: handbook, advice, brief, key-figure definitions and
lists, help, off-topic and out-of-scope questions."""

from __future__ import annotations

import re
from dataclasses import replace

from indices.provenance import KALLA_KOLADA
from knowledge.registry import advice_by_number, load_advice

from assistant import compose_handbook, messages
from assistant.answers import compose_area, compose_brief, fetch_area
from assistant.answers.ask import ask_for_area
from assistant.answers.fetch import asked_year
from assistant.answers.figures import _answer, _call
from assistant.answers.text import area_name
from assistant.extract import sentences as extract_sentences
from assistant.retrieval.index import get_retriever
from assistant.types import Answer, ToolCall
from assistant.understanding import Query
from assistant.understanding.catalogue import entries_by_id
from assistant.retrieval.lexical import fold
from assistant.understanding.kpis import MIN_EVIDENCE, phrase_kpis_any_area
from assistant.understanding.places import kommun_name, lan_name


def _retrieve(settings, query: str, k: int = 5):
    retriever, status = get_retriever(settings)
    notices = (status.notice,) if status.notice else ()
    return retriever, retriever.search(query, k=k), notices


def _with_query(answer: Answer, q: Query) -> Answer:
    return replace(answer, route=q.intent, context={**answer.context, "query": q.to_dict()})


def nothing_found(q: Query) -> Answer:
    examples = "\n".join(f"- {s}" for s in messages.SUGGESTIONS)
    return Answer(text=f"{messages.NOTHING_FOUND}\n\nDu kan till exempel fråga:\n{examples}", route="off_topic",
                  context={"query": q.to_dict()})


def handbook(q: Query, settings) -> Answer:
    if q.kommuner and q.area and q.follows:
        return handbook_for_result(q, settings)
    retriever, passages, notices = _retrieve(settings, q.text)
    if not passages:
        return nothing_found(q)
    result = compose_handbook.compose(q.text, passages, retriever)
    return _with_query(replace(result, notices=notices), q)


def handbook_for_result(q: Query, settings) -> Answer:
    """'Vad säger handboken att de borde göra?' after a figure answer: the råd that fits the result."""
    p = fetch_area.profile(q.kommuner[0], q.area, q.year)
    call = _call("profile", p, kommun=p.kommunkod, area=q.area)
    number = p.verdict.advice if p.verdict else 1
    advice = advice_by_number(number)
    query = f"{advice.full_title}. {' '.join(advice.keywords[:6])}"
    retriever, passages, notices = _retrieve(settings, query)
    passages = [x for x in passages if x.chunk.advice == number] or passages
    why = f" ({p.verdict.reason})" if p.verdict and p.verdict.reason else ""
    lead = (f"{compose_area.profile_lead(p)} Därför pekar handboken på råd {number}, "
            f"”{advice.full_title}”{why}:")
    result = compose_handbook.compose(query, passages, retriever, route="handbook", lead=lead)
    return replace(result, notices=notices, tool_calls=(call,),
                   context={"advice": number, "query": q.to_dict()})


def advice(q: Query, settings) -> Answer:
    items = load_advice()
    retriever, passages, notices = _retrieve(settings, " ".join(a.full_title for a in items), k=10)
    listing = max(passages, key=lambda p: sum(a.title.lower() in p.chunk.text.lower() for a in items), default=None)
    citations = (compose_handbook.citation(1, listing),) if listing else ()
    lines = [f"Handboken ger fem råd för en effektivare kommunsektor{' [1]' if listing else ''}:", ""]
    lines += [f"{a.number}. **{a.full_title}**. {a.description}" for a in items]
    text = "\n".join(lines)
    if listing:
        text += "\n\n" + compose_handbook.sources_block(list(citations), {1: listing})
    return Answer(text=text, route="advice", citations=citations, notices=notices,
                  retrieved=tuple(p.chunk.id for p in passages), context={"query": q.to_dict()})


def brief(q: Query, settings) -> Answer:
    """The same typed brief the Debattunderlag tab builds (:func:`make_brief`), rendered for
    the chat: figures first, then the handbook's arguments with [n], then counter-arguments."""
    from assistant.documents.brief import SEARCH_K, make_brief
    from assistant.documents.facts import facts_for

    if q.kommuner and not q.area:
        # the kommun's own figures come first, so the area must be known: ask which one
        raise ask_for_area(q)
    if not q.kommuner:
        return handbook(q, settings)  # no kommun: the handbook's arguments, no figures invented
    facts = facts_for(q.kommuner[0], q.area, asked_year(q.year))
    retriever, status = get_retriever(settings)
    retrieved: dict[str, None] = {}

    def search(query: str):
        found = retriever.search(query, k=SEARCH_K)
        retrieved.update(dict.fromkeys(x.chunk.id for x in found))
        return found

    b = make_brief(facts, search)
    text, citations = compose_brief.brief_text(b)
    p = facts.profile
    call = ToolCall("brief", {"kommun": p.kommun.kod, "area": p.area, "year": p.year}, compose_brief.tool_result(b))
    return Answer(text=text, route="brief", tool_calls=(call,), citations=citations,
                  notices=(status.notice,) if status.notice else (), retrieved=tuple(retrieved),
                  context={"advice": facts.verdict.advice, "query": q.to_dict()})


def kpi_definition(q: Query, settings) -> Answer:
    if not q.kpi_asked:
        return handbook(q, settings)
    by_id = entries_by_id()
    strong = [c.kpi for c in q.kpi_candidates if c.evidence >= max(MIN_EVIDENCE, q.kpi_candidates[0].evidence * 0.8)]
    if not q.area:  # no area named: the figure as each area defines it
        strong = list(dict.fromkeys(strong[:1] + phrase_kpis_any_area(fold(q.text)) + strong[1:]))
    calls, lines = [], []
    for kpi in [k for k in strong if k in by_id][:4] or [q.kpi_candidates[0].kpi]:
        e = by_id[kpi]
        text = " ".join(extract_sentences(" ".join(e.description.split()))[:3])
        calls.append(ToolCall("kpi", {"kpi": e.kpi}, {"kpi": e.kpi, "title": e.title, "description": e.description,
                                                     "source": KALLA_KOLADA}))
        lines.append(f"**{e.title}** ({e.kpi}, {KALLA_KOLADA}): {text}")
    text = "\n\n".join(lines)
    retriever, passages, notices = _retrieve(settings, q.text)
    citations: tuple = ()
    if passages:
        part = compose_handbook.compose(q.text, passages[:3], retriever, lead="Vad handboken och källorna säger:")
        if part.citations:
            text += "\n\n" + part.text
            citations = part.citations
    return Answer(text=text, route="kpi_definition", tool_calls=tuple(calls), citations=citations,
                  notices=notices, retrieved=tuple(p.chunk.id for p in passages), context={"query": q.to_dict()})


CLOSE_SCORE = 0.25  # a candidate without word evidence must reach this to be offered as close
CLOSE_SHOWN = 4


def kpi_missing(q: Query, settings) -> Answer:
    """A figure the catalogue has no key figure for: say so, offer the closest as buttons."""
    close = tuple(c for c in q.kpi_candidates if c.evidence > 0 or c.score >= CLOSE_SCORE)[:CLOSE_SHOWN]
    k = fetch_area.kpi_search(q.text, close)
    kommun = kommun_name(q.kommuner[0]) if q.kommuner else None
    answer = _answer(q, compose_area.kpi_missing_text(k, kommun), [_call("kpi_search", k, text=q.text)])
    return replace(answer, choices=tuple(compose_area.kpi_choice_question(h.title, kommun) for h in k.hits))


# Words any question or passage may share: they say nothing about what is asked.
_GENERIC = re.compile(r"kommun(en|er|erna|ens|ernas)?|vilk\w*|finns|nagon|nagot|nagra|mycket|manga|"
                      r"jamfor\w*|sedan|handbok\w*|egentligen|ungefar|totalt")


def tells_about(question: str, passage: str) -> bool:
    """The passage names one of the question's own words of five letters or more
    ("nattillsyn", "kommunalförbund"), not only words like "kommunerna" that every text
    shares: only then can the handbook stand in for a key figure Kolada does not have
    ("Hur mycket mark äger kommunerna?")."""
    text = fold(passage)
    words = [w for w in re.findall(r"[a-z]+", fold(question)) if len(w) >= 5 and not _GENERIC.fullmatch(w)]
    return any(w[:max(5, len(w) - 2)] in text for w in words)  # "brukare" finds "brukarna"


def kpi_search(q: Query, settings) -> Answer:
    if q.kpi_missing:
        if not q.kommuner:  # "Hur många brukare har kamera för nattillsyn?": the handbook may tell
            _, passages, _ = _retrieve(settings, q.text)
            if passages and tells_about(q.text, passages[0].chunk.text):
                return handbook(replace(q, intent="handbook", kpi_missing=False), settings)
        return kpi_missing(q, settings)
    found = bool(q.kpi_candidates) and q.kpi_candidates[0].evidence >= MIN_EVIDENCE
    k = fetch_area.kpi_search(q.text, q.kpi_candidates)
    if not found and k.hits:  # "cykelvägar" and the title "Cykelväg i kommunen …": the word is there
        words = {w[:5] for w in fold(q.text).split() if len(w) >= 6}
        found = any(w in fold(k.hits[0].title) for w in words)
    return _answer(q, compose_area.kpi_list_text(k, found), [_call("kpi_search", k, text=q.text)])


def out_of_scope(q: Query, settings) -> Answer:
    import indices

    lan = q.region_lan
    kommuner = [k.namn for k in indices.list_kommuner() if lan and k.lanskod == lan]
    text = compose_area.region_text(q.region or "regionen", lan, lan_name(lan) if lan else "", kommuner)
    retriever, passages, notices = _retrieve(settings, q.text)
    if passages and q.region and fold(q.region) in fold(passages[0].chunk.text):
        # the handbook tells this region's own case: that is the answer, the data note follows
        part = compose_handbook.compose(q.text, passages, retriever)
        if part.citations:
            body, sep, sources = part.text.partition("\n\n**Källor**")
            text = f"{body}\n\n{compose_area.region_note(q.region)}{sep}{sources}"
            return Answer(text=text, route="handbook", citations=part.citations,
                          retrieved=part.retrieved, notices=notices, context={"query": q.to_dict()})
    asked = re.sub(r"\bregion\w*\b|" + re.escape(fold(q.region or "")), " ", fold(q.text)) if q.region else q.text
    passages = [p for p in passages if "region" in fold(p.chunk.text) and tells_about(asked, p.chunk.text)]
    if passages:  # the handbook may still discuss regions' work on the asked thing (e.g. digital care)
        part = compose_handbook.compose(q.text, passages, retriever, lead="Det handboken säger om saken:")
        if part.citations:
            return Answer(text=f"{text}\n\n{part.text}", route="out_of_scope", citations=part.citations,
                          retrieved=part.retrieved, notices=notices, context={"query": q.to_dict()})
    return Answer(text=text, route="out_of_scope", context={"query": q.to_dict()})


def help_text(q: Query, settings) -> Answer:
    topics = "\n".join(f"- {t}" for t in messages.TOPICS)
    examples = "\n".join(f"- {s}" for s in messages.SUGGESTIONS)
    text = messages.HELP_TEXT.format(routes=topics, examples=examples, own=messages.OWN, kolada=messages.KOLADA)
    return Answer(text=text, route="help", context={"query": q.to_dict()})


def off_topic(q: Query, settings) -> Answer:
    return nothing_found(q)
