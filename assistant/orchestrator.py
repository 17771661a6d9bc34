"""Question in, one :class:`Answer` out.

Flow: clean the input -> extract entities (merged with the conversation so far) ->
pick a route from the table -> run the route's handler (retrieval and/or index tools)
-> compose the Swedish answer. This is the only place where an exception becomes
answer text: Swedish and safe for :class:`AssistantError`, a generic apology (and a
log entry) for anything else.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Any

from assistant import guards, handlers, messages
from assistant.config import Settings, load_settings
from assistant.entities import Entities, closest_kommuner, extract
from assistant.errors import AmbiguousKommun, AssistantError
from assistant.retrieval.lexical import fold
from assistant.routing import ROUTES, route
from assistant.types import Answer
from indices.data import DataValidationError

log = logging.getLogger(__name__)
FIGURE_ROUTES = {"kommun_figures", "comparison", "savings", "trend", "screening"}
LLM_ROUTES = FIGURE_ROUTES | {"handbook", "handbook_followup"}
_FOLLOW_UP = re.compile(r"^\s*(och|än|men|hur är det med|samma för|vad gäller)\b", re.I)
_REFERS_BACK = re.compile(r"\b(om det|om detta|det här|om den|om dem|om resultatet)\b", re.I)


def _history_context(history: list[dict[str, Any]] | None) -> dict[str, Any]:
    """Entities, route and råd of the conversation so far (latest turns win)."""
    context: dict[str, Any] = {"entities": Entities(), "route": None, "advice": None}
    for turn in history or []:
        content = str(turn.get("content") or "")
        if turn.get("role") == "user" and content.strip():
            try:
                cleaned = guards.clean(content)
            except AssistantError:
                continue
            entities = extract(cleaned.text)
            context["entities"] = entities.merged_with(context["entities"])
            chosen = route(cleaned.text, context["entities"]).name
            if chosen != "handbook" or context["route"] is None:
                context["route"] = chosen
        elif turn.get("role") == "assistant":
            saved = turn.get("context") or {}
            if saved.get("advice"):
                context["advice"] = saved["advice"]
            if saved.get("route"):
                context["route"] = saved["route"]
            found = re.search(r"\b[Rr]åd (\d)\b", content)
            if found and not saved:
                context["advice"] = int(found.group(1))
    return context


def _is_follow_up(text: str, own: Entities, chosen: str, previous: dict[str, Any]) -> bool:
    """Does this turn continue the previous figure answer?

    Yes when it opens like a follow-up ("Och Kalmar?"), points back ("Vad säger handboken
    om det?"), or is a short turn that only names a kommun, area, year or KPI ("Kalmar
    då?", "Hur var det 2019?"). A short question of its own ("Vad menas med
    effekthemtagning?") is not.
    """
    if previous["route"] not in FIGURE_ROUTES or chosen in {"help", "advice", "kpi_definition"}:
        return False
    if _FOLLOW_UP.search(text) or _REFERS_BACK.search(text):
        return True
    names_something = bool(own.kommuner or own.area or own.year or own.kpi)
    return len(text.split()) <= 5 and names_something and chosen in FIGURE_ROUTES | {"handbook"}


def _plan(text: str, history: list[dict[str, Any]] | None) -> tuple[str, Entities, dict[str, Any]]:
    """Route name and entities for this turn, using the history for follow-ups."""
    previous = _history_context(history)
    own = extract(text)
    chosen = route(text, own).name
    entities = own
    if _is_follow_up(text, own, chosen, previous):
        entities = own.merged_with(previous["entities"])
        if _REFERS_BACK.search(text):
            return "handbook_followup", entities, previous
        known = list(previous["entities"].kommuner)
        together = replace(entities, kommuner=tuple(
            known + [k for k in own.kommuner if k.kod not in {p.kod for p in known}]))
        if own.kommuner and (previous["route"] == "comparison" or route(text, together).name == "comparison"):
            entities, chosen = together, "comparison"  # "Och Jönköping?", "Jämför med Kalmar"
        elif chosen in {"handbook", "kommun_figures"}:
            chosen = previous["route"]
    if entities.unknown_places and (chosen in FIGURE_ROUTES or not entities.kommuner):
        _ask_back_if_kommun_expected(text, entities)
    return chosen, entities, previous


def _ask_back_if_kommun_expected(text: str, entities: Entities) -> None:
    """A figure question naming an unknown place: ask back with the closest kommuner."""
    name = entities.unknown_places[0]
    folded = fold(text)
    figure_cues = sum(1 for r in ROUTES if r.name in FIGURE_ROUTES for cue in r.cues if re.search(cue, folded))
    if figure_cues == 0:
        return
    candidates = closest_kommuner(name)
    message = messages.UNKNOWN_KOMMUN.format(name=name)
    if candidates:
        names = ", ".join(n for _, n in candidates[:5])
        message += " " + messages.DID_YOU_MEAN.format(names=names)
    raise AmbiguousKommun(message)


def answer(question: str, history: list[dict[str, Any]] | None = None,
           settings: Settings | None = None) -> Answer:
    """Answer a Swedish question. Never raises: problems become a Swedish answer."""
    settings = settings or load_settings()
    try:
        cleaned = guards.clean(question)
        history = guards.clean_history(history) if history is not None else None
        chosen, entities, previous = _plan(cleaned.text, history)
        if cleaned.too_short:  # "a", "ok": what can be asked
            chosen = "help"
        if cleaned.english and chosen in {"handbook", "advice"}:
            chosen = "language"
        handler = handlers.HANDLERS[chosen]
        result = handler(cleaned.text, entities, settings, previous)
    except AssistantError as exc:
        text = exc.message
        if exc.suggestions:
            text += "\n\n" + "\n".join(f"- {s}" for s in exc.suggestions)
        return Answer(text=text, route="clarify")
    except DataValidationError as exc:  # no (usable) Kolada snapshot: the handbook side still answers
        log.warning("Kolada-data saknas: %s", exc)
        return Answer(text=messages.KOLADA_MISSING, route="kolada_missing")
    except Exception:  # the user sees an apology, the log gets the traceback
        log.exception("Fel vid svar på frågan %r", question[:200] if isinstance(question, str) else question)
        return Answer(text=messages.INTERNAL_ERROR, route="error")
    if settings.llm_backend.lower() != "off" and result.route in LLM_ROUTES:
        result = _with_llm(cleaned.text, result, settings)
    notes = list(cleaned.notices)
    used_years = [c.args["year"] for c in result.tool_calls if "year" in c.args]
    if entities.bad_years and used_years:
        notes.append(messages.BAD_YEAR.format(used=used_years[0]))
    notices = tuple(notes) + result.notices
    text = "\n\n".join([*notes, result.text]) if notes else result.text
    context = {**result.context, "route": result.route, "entities": entities.to_dict()}
    return replace(result, text=text, notices=notices, context=context)


def _with_llm(question: str, offline: Answer, settings: Settings) -> Answer:
    from assistant import llm

    model = _chat_model(settings)
    return llm.rewrite(question, offline, model, settings=settings) if model is not None else offline


_models: dict[str, Any] = {}


def _chat_model(settings: Settings):
    from assistant import llm

    key = f"{settings.llm_backend}|{settings.llm_model}|{settings.llm_base_url}|{settings.llm_gguf_path}"
    if key not in _models:
        _models[key] = llm.build_chat_model(settings)
    return _models[key]

