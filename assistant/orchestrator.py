"""Question in, one :class:`Answer` out.

Flow: clean the input -> read it into one typed ``Query`` (with the previous turn's
``Query`` as the conversation state) -> run the intent's handler (index figures and/or
retrieval) -> the handler's composer writes the Swedish answer. This is the only place
where an exception becomes answer text: Swedish and safe for :class:`AssistantError`
(with its ask-back choices), a generic apology (and a log entry) for anything else.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from assistant import guards, handlers, messages
from assistant.config import Settings, load_settings
from assistant.errors import AssistantError
from assistant.types import Answer
from assistant.understanding import FIGURE_INTENTS, Query, understand
from indices.data import DataValidationError

log = logging.getLogger(__name__)
LLM_ROUTES = FIGURE_INTENTS | {"handbook"}


def previous_query(history: list[dict[str, Any]] | None) -> Query | None:
    """The conversation state: the last assistant turn's ``Query``.

    Callers that keep only the user's turns (the command line, the eval) get them read
    again in order, each with the reading before it.
    """
    turns = history or []
    for turn in reversed(turns):
        saved = (turn.get("context") or {}).get("query") if turn.get("role") == "assistant" else None
        if saved:
            try:
                return Query.from_dict(saved)
            except (TypeError, ValueError, KeyError):
                log.warning("Sparad tolkning kunde inte läsas; läser om frågorna")
                break
    previous = None
    for turn in turns:
        content = str(turn.get("content") or "") if isinstance(turn, dict) else str(turn)
        role = turn.get("role", "user") if isinstance(turn, dict) else "user"
        if role != "user" or not content.strip():
            continue
        try:
            previous = understand(guards.clean(content).text, previous)
        except AssistantError:
            continue
    return previous


def answer(question: str, history: list[dict[str, Any]] | None = None,
           settings: Settings | None = None) -> Answer:
    """Answer a Swedish question. Never raises: problems become a Swedish answer."""
    settings = settings or load_settings()
    query: Query | None = None
    cleaned = None
    try:
        cleaned = guards.clean(question)
        history = guards.clean_history(history) if history is not None else None
        query = understand(cleaned.text, previous_query(history))
        if cleaned.too_short:  # "a", "ok": what can be asked
            query = replace(query, intent="help")
        if cleaned.english and query.intent in {"handbook", "advice", "off_topic"}:
            return Answer(text=messages.ASK_IN_SWEDISH, route="language", context={"query": query.to_dict()})
        result = handlers.HANDLERS[query.intent](query, settings)
    except AssistantError as exc:
        context = {"query": query.to_dict()} if query is not None else {}
        english = bool(cleaned and cleaned.english)
        choices = () if english else tuple(exc.suggestions)  # choices echo the question's language
        text = exc.message + ("\n\n" + "\n".join(f"- {s}" for s in choices) if choices else "")
        notes = list(cleaned.notices) if cleaned else []
        return Answer(text=_with_notes(text, notes), route="clarify", choices=choices, context=context)
    except DataValidationError as exc:  # no (usable) Kolada snapshot: the handbook side still answers
        log.warning("Kolada-data saknas: %s", exc)
        return Answer(text=messages.KOLADA_MISSING, route="kolada_missing")
    except Exception:  # the user sees an apology, the log gets the traceback
        log.exception("Fel vid svar på frågan %r", question[:200] if isinstance(question, str) else question)
        return Answer(text=messages.INTERNAL_ERROR, route="error")
    if settings.llm_backend.lower() != "off" and result.route in LLM_ROUTES:
        result = _with_llm(cleaned.text, result, settings)
    # the reading's year notes ("data ends in its last year") concern figures, not handbook passages
    year_notes = query.notes if query.intent in FIGURE_INTENTS | {"brief"} else ()
    notes = list(dict.fromkeys([*cleaned.notices, *year_notes]))
    text = _with_notes(result.text, notes)
    context = {**result.context, "route": result.route, "query": query.to_dict()}
    return replace(result, text=text, notices=tuple(notes) + result.notices, context=context)


def _with_notes(text: str, notes: list[str]) -> str:
    """Notes (where the data ends, relative years) right after the answer's first paragraph."""
    if not notes:
        return text
    lead, _, rest = text.partition("\n\n")
    return "\n\n".join(p for p in (lead, " ".join(f"*{n}*" for n in notes), rest) if p)


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

