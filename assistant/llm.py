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
from dataclasses import replace

from assistant.config import Settings
from assistant.grounding import dangling_markers, ungrounded_numbers
from assistant.types import Answer

log = logging.getLogger(__name__)

SYSTEM_PROMPT = (
    "Du är en svensk beslutsstödsassistent för kommunal effektivisering. Svara alltid på svenska, "
    "kort (3–6 meningar), och bara utifrån de numrerade källorna och verktygsresultaten nedan. "
    "Hänvisa till källor med [n]. Hitta inte på siffror: använd bara siffror som står i underlaget. "
    "Om underlaget inte räcker, säg det."
)
_SWEDISH_WORDS = re.compile(r"\b(och|att|det|som|för|är|inte|med|av|på|kommun\w*)\b", re.I)
_ENGLISH_WORDS = re.compile(r"\b(the|and|that|with|which|is|are|of)\b", re.I)


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


def is_swedish(text: str) -> bool:
    return len(_SWEDISH_WORDS.findall(text)) > len(_ENGLISH_WORDS.findall(text))


def evidence_prompt(question: str, offline: Answer) -> str:
    passages = "\n\n".join(f"[{c.n}] ({c.section}) {c.text}" for c in offline.citations)
    results = "\n".join(f"{t.name}({json.dumps(t.args, ensure_ascii=False)}) = "
                        f"{json.dumps(t.result, ensure_ascii=False)[:6000]}" for t in offline.tool_calls)
    return (f"Fråga: {question}\n\nKällor:\n{passages or '(inga)'}\n\n"
            f"Verktygsresultat:\n{results or '(inga)'}\n\nSkriv svaret på svenska.")


def _strip_dangling(text: str, known: set[int]) -> str:
    return re.sub(r"\s?\[(\d+)\]", lambda m: m.group(0) if int(m.group(1)) in known else "", text)


def call_tools(question: str, offline: Answer, model) -> Answer:
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
        reply = bound.invoke([SystemMessage(SYSTEM_PROMPT + " Använd verktygen för att hämta siffror."),
                              HumanMessage(question)])
        requested = getattr(reply, "tool_calls", None) or []
        calls = tuple(tools.call(c["name"], **c["args"]) for c in requested if c["name"] in tools.TOOLS)
    except Exception as exc:  # bad arguments, unknown kommun, endpoint failure
        log.warning("Verktygsanropet från språkmodellen misslyckades (%s); offline-verktygen används.", exc)
        return offline
    return replace(offline, tool_calls=calls) if calls else offline


def rewrite(question: str, offline: Answer, model, attempts: int = 2) -> Answer:
    """The model's answer if it passes every check, else ``offline`` unchanged."""
    from langchain_core.messages import HumanMessage, SystemMessage

    if offline.tool_calls:
        offline = call_tools(question, offline, model)
    messages = [SystemMessage(SYSTEM_PROMPT), HumanMessage(evidence_prompt(question, offline))]
    known = {c.n for c in offline.citations}
    for attempt in range(1, attempts + 1):
        try:
            reply = model.invoke(messages)
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
