"""Optional chat model that rewrites the offline answer from the same evidence.

Off by default (``EFFEKT_LLM_BACKEND=off``). Backends: ``ollama``, ``openai`` (any
OpenAI-compatible endpoint: ``EFFEKT_LLM_BASE_URL`` + ``EFFEKT_LLM_MODEL``) and
``llamacpp`` (a local GGUF file, ``EFFEKT_LLM_GGUF``). The model sees the numbered
passages and tool results the offline answer used and nothing else. Code then drops
``[n]`` markers that point nowhere, checks every number against the evidence and that
the text is Swedish; if any check fails, or the endpoint is down or slow, the offline
answer stands and the reason is logged.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from dataclasses import replace

from assistant.config import Settings
from assistant.grounding import dangling_markers, ungrounded_numbers
from assistant.language import is_swedish
from assistant.types import Answer

log = logging.getLogger(__name__)

SYSTEM_PROMPT = (
    "Du är en svensk beslutsstödsassistent för kommunal effektivisering. Svara alltid på svenska, "
    "kort (3–6 meningar), och bara utifrån de numrerade källorna och verktygsresultaten nedan. "
    "Hänvisa till källor med [n]. Hitta inte på siffror: använd bara siffror som står i underlaget. "
    "Om underlaget inte räcker, säg det."
)


def build_chat_model(settings: Settings):
    """The configured LangChain chat model, or None when off or unavailable."""
    backend = settings.llm_backend.lower()
    try:
        if backend == "ollama":
            from langchain_ollama import ChatOllama

            return ChatOllama(model=settings.llm_model, base_url=settings.llm_base_url or None,
                              client_kwargs={"timeout": settings.llm_timeout})
        if backend == "openai":
            from langchain_openai import ChatOpenAI

            return ChatOpenAI(model=settings.llm_model, base_url=settings.llm_base_url or None,
                              api_key=settings.llm_api_key or "ingen-nyckel", timeout=settings.llm_timeout,
                              max_retries=0)
        if backend == "llamacpp":
            from langchain_community.chat_models import ChatLlamaCpp

            return ChatLlamaCpp(model_path=settings.llm_gguf_path, temperature=0.1, n_ctx=4096, verbose=False)
    except Exception as exc:  # missing package or bad settings: stay offline
        log.warning("Språkmodellen (%s) kunde inte startas: %s", backend, exc)
    return None


class CircuitBreaker:
    """After a timeout or connection error the model is skipped for ``seconds``: every
    question in that window is answered offline at once instead of waiting again."""

    def __init__(self) -> None:
        self.open_until = 0.0
        self._lock = threading.Lock()

    def is_open(self) -> bool:
        return time.monotonic() < self.open_until

    def trip(self, seconds: float, exc: BaseException) -> None:
        with self._lock:
            self.open_until = time.monotonic() + seconds
        log.warning("Språkmodellen svarar inte (%s); den hoppas över i %.0f s och svaren tas fram offline.",
                    type(exc).__name__, seconds)

    def reset(self) -> None:
        self.open_until = 0.0


breaker = CircuitBreaker()


def is_unreachable(exc: BaseException) -> bool:
    """A timeout or connection error (httpx, openai, requests, the standard library)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, (TimeoutError, ConnectionError)) or any(
                word in cls.__name__ for cls in type(exc).__mro__ for word in ("Timeout", "Connect")):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _invoke(model, messages, settings: Settings | None):
    """One model call; a timeout or connection error opens the breaker and is re-raised."""
    try:
        return model.invoke(messages)
    except Exception as exc:
        if is_unreachable(exc):
            breaker.trip(settings.llm_backoff if settings else 120.0, exc)
        raise


def evidence_prompt(question: str, offline: Answer) -> str:
    passages = "\n\n".join(f"[{c.n}] ({c.section}) {c.text}" for c in offline.citations)
    results = "\n".join(f"{t.name}({json.dumps(t.args, ensure_ascii=False)}) = "
                        f"{json.dumps(t.result, ensure_ascii=False)[:6000]}" for t in offline.tool_calls)
    return (f"Fråga: {question}\n\nKällor:\n{passages or '(inga)'}\n\n"
            f"Verktygsresultat:\n{results or '(inga)'}\n\nSkriv svaret på svenska.")


def _strip_dangling(text: str, known: set[int]) -> str:
    return re.sub(r"\s?\[(\d+)\]", lambda m: m.group(0) if int(m.group(1)) in known else "", text)


def call_tools(question: str, offline: Answer, model, settings: Settings | None = None) -> Answer:
    """Let a tool-calling model choose index tools for a figure question.

    The model gets the tools through LangChain's ``bind_tools``; each requested call is
    run by :func:`assistant.tools.call` (so it is recorded with inputs and outputs) and
    the records replace the offline answer's. A model without tool support, a bad
    argument or no request leaves the offline tool calls in place.
    """
    from assistant import tools

    try:
        bound = model.bind_tools(tools.as_langchain_tools())
    except (NotImplementedError, AttributeError):
        return offline
    from langchain_core.messages import HumanMessage, SystemMessage

    try:
        reply = _invoke(bound, [SystemMessage(SYSTEM_PROMPT + " Använd verktygen för att hämta siffror."),
                                HumanMessage(question)], settings)
        requested = getattr(reply, "tool_calls", None) or []
        calls = tuple(tools.call(c["name"], **c["args"]) for c in requested if c["name"] in tools.TOOLS)
    except Exception as exc:  # bad arguments, unknown kommun, endpoint failure
        log.warning("Verktygsanropet från språkmodellen misslyckades (%s); offline-verktygen används.", exc)
        return offline
    return replace(offline, tool_calls=calls) if calls else offline


def rewrite(question: str, offline: Answer, model, attempts: int = 2, settings: Settings | None = None) -> Answer:
    """The model's answer if it passes every check, else ``offline`` unchanged.

    While the breaker is open (the model timed out or was unreachable recently) the
    offline answer is returned at once; a timeout during this question stops any
    further call, so a slow model costs a question at most one timeout.
    """
    from langchain_core.messages import HumanMessage, SystemMessage

    if breaker.is_open():
        return offline
    if offline.tool_calls:
        offline = call_tools(question, offline, model, settings)
        if breaker.is_open():
            return offline
    messages = [SystemMessage(SYSTEM_PROMPT), HumanMessage(evidence_prompt(question, offline))]
    known = {c.n for c in offline.citations}
    for attempt in range(1, attempts + 1):
        if breaker.is_open():
            return offline
        try:
            reply = _invoke(model, messages, settings)
        except Exception as exc:  # endpoint down, timeout, bad response
            log.warning("Språkmodellen svarade inte (%s); det offline-genererade svaret används.", exc)
            return offline
        text = _strip_dangling(str(reply.content).strip(), known)
        candidate = replace(offline, text=text)
        if not is_swedish(text):
            log.info("Språkmodellens svar var inte på svenska (försök %d).", attempt)
            continue
        bad = ungrounded_numbers(candidate)
        if bad or dangling_markers(candidate):
            log.warning("Språkmodellens svar innehöll siffror utan stöd %s; offline-svaret används.", bad)
            return offline
        if known and not re.search(r"\[\d+\]", text):
            log.info("Språkmodellens svar hänvisade inte till någon källa (försök %d).", attempt)
            continue
        return replace(candidate, context={**offline.context, "llm": True})
    return offline
