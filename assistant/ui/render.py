"""Turn an :class:`~assistant.types.Answer` into chat messages; escape what users typed.

The UI never parses answer text: tool steps, sources and figures come from the
Answer's fields. Tool steps and sources are collapsed "thought" messages
(``metadata.status = "done"``); figures are plotly charts inline.
"""

from __future__ import annotations

import html
import json
import logging
import re
from typing import Any

import gradio as gr
import plotly.graph_objects as go

from assistant.compose_handbook import without_sources
from assistant.formatting import number
from assistant.labels import area_text
from assistant.sanitize import answer_markdown
from assistant.types import Answer, Citation, ToolCall
from assistant.ui import texts
from assistant.understanding.places import kommun_name

log = logging.getLogger(__name__)
_URL = re.compile(r"((?:https?|ftp)://[^\s<>`]*[^\s<>`.,;:!?)]|www\.[^\s<>`]*[^\s<>`.,;:!?)])", re.I)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~$>])")
MAX_TOOL_JSON = 1500
MAX_PASSAGE = 900
MAX_QUESTION_SHOWN = 2000


def _literal(part: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(part, quote=False))


def as_text(user_text: str) -> str:
    """Markdown that shows ``user_text`` literally: HTML is escaped, Markdown,
    links and LaTeX delimiters are neutralised. A URL is shown as code, not as a link
    (escaping it would put backslashes into an auto-link)."""
    pieces = []
    for i, part in enumerate(_URL.split(user_text)):
        pieces.append(f"`{part.replace('`', '')}`" if i % 2 else _literal(part))
    return "".join(pieces).replace("\n", "  \n")


def safe_markdown(text: str) -> str:
    """Answer Markdown with corpus markup removed (no images, links or HTML from a
    passage) and any remaining HTML shown as text (it may echo the user's words)."""
    return html.escape(answer_markdown(text), quote=False)


def _json_block(value: Any, limit: int = MAX_TOOL_JSON) -> str:
    text = json.dumps(value, ensure_ascii=False, indent=1, default=str)
    if len(text) > limit:
        text = text[:limit] + "\n…"
    return "```json\n" + text.replace("`", "ˋ") + "\n```"


def tool_summary(call: ToolCall) -> str:
    """What the tool looked up, in one Swedish line built from its inputs."""
    args = call.args
    area = args.get("area")
    try:
        area_name = area_text(area) if area else ""
    except ValueError:
        area_name = str(area)
    kommuner = args.get("kommuner") or []
    kommun = args.get("kommun") or (kommuner[0] if kommuner else "")
    if re.fullmatch(r"\d{4}", str(kommun)):  # the step names the kommun, not its code
        try:
            kommun = kommun_name(str(kommun))
        except KeyError:
            pass
    values = {"kommun": kommun, "area": area_name,
              "year": args.get("year", ""), "kpi": args.get("kpi", ""),
              "others": ", ".join(kommuner[1:]) or "liknande kommuner",
              # a screening's own criteria without the index bounds: "hög kostnad och låg kvalitet"
              "criteria": re.sub(r" \([^)]*\)", "", str((call.result or {}).get("criteria", "")))
              if isinstance(call.result, dict) else ""}
    if call.name not in texts.TOOL_SUMMARIES:
        return texts.TOOL_UNKNOWN
    what, detail = texts.TOOL_SUMMARIES[call.name]
    where = " ".join(str(x) for x in (area_name, values["year"]) if x)
    text = what.format(**values).strip() + (f", {where}" if where else "") + (f": {detail}" if detail else "")
    return " ".join(text.split())


def tool_message(call: ToolCall) -> gr.ChatMessage:
    """A collapsed step: a Swedish summary as its title; inputs and raw result behind "Visa data"."""
    summary = html.escape(tool_summary(call), quote=False)
    body = (f"<details><summary>{texts.TOOL_SHOW_DATA}</summary>\n\n"
            f"**{texts.TOOL_ARGS}**\n\n{_json_block(call.args)}\n\n**{texts.TOOL_RESULT}**\n\n"
            f"{_json_block(call.result)}\n\n</details>")
    return gr.ChatMessage(role="assistant", content=body,
                          metadata={"title": texts.TOOL_TITLE.format(summary=summary), "status": "done"})


def citation_markdown(c: Citation) -> str:
    where = [c.section] if c.section else []
    if c.advice and texts.SOURCE_ADVICE.format(n=c.advice).lower() not in c.section.lower():
        where.append(texts.SOURCE_ADVICE.format(n=c.advice))  # "Råd 3" is said once
    if c.cited_reports:
        where.append(texts.SOURCE_CITES.format(reports=", ".join(c.cited_reports)))
    passage = c.text if len(c.text) <= MAX_PASSAGE else c.text[:MAX_PASSAGE].rsplit(" ", 1)[0] + " …"
    head = f"**[{c.n}] {safe_markdown(c.source_title or c.source)}**"
    if where:
        head += " – " + safe_markdown(", ".join(where))
    return f"{head}\n\n> {as_text(passage)}"


def sources_message(citations: tuple[Citation, ...]) -> gr.ChatMessage:
    body = "\n\n".join(citation_markdown(c) for c in citations)
    return gr.ChatMessage(role="assistant", content=body,
                          metadata={"title": texts.SOURCES_TITLE.format(n=len(citations)), "status": "done"})


def figure_message(figure: dict[str, Any]) -> gr.ChatMessage | None:
    """A chart as a message; None (and a log line) if plotly rejects the figure."""
    try:
        return gr.ChatMessage(role="assistant", content=gr.Plot(value=go.Figure(figure)))
    except (ValueError, TypeError):  # a chart illustrates; the answer stands without it
        log.warning("Kunde inte visa ett diagram i svaret", exc_info=True)
        return None


def render_answer(answer: Answer, hide: frozenset[str] | set[str] = frozenset()) -> list[gr.ChatMessage]:
    """Tool steps and the retrieved sources (both collapsed), the answer text, then its charts.

    The text comes after the collapsed steps so that it (or a chart) ends the turn: Gradio
    offers thumbs up/down on the last message only when that is not a collapsed step.
    Notices in ``hide`` (already shown earlier in the session) are not repeated.
    """
    messages = [tool_message(call) for call in answer.tool_calls]
    if answer.citations:
        messages.append(sources_message(answer.citations))
    # One list of sources: the collapsed panel lists the citations, so the text's own list goes.
    text = safe_markdown(without_sources(answer.text) if answer.citations else answer.text)
    extra = [n for n in answer.notices if n and n not in answer.text and n not in hide]
    if extra:
        text += "\n\n" + "\n".join(f"*{safe_markdown(n)}*" for n in extra)
    options = [{"label": c, "value": c} for c in answer.choices]  # ask-back: one click sends it
    messages.append(gr.ChatMessage(role="assistant", content=text, options=options))
    messages += [m for m in map(figure_message, answer.figures) if m is not None]
    return messages


def user_message(question: str) -> gr.ChatMessage:
    """The user's question as literal text; a very long one is shown only in part."""
    if len(question) <= MAX_QUESTION_SHOWN:
        return gr.ChatMessage(role="user", content=as_text(question))
    note = texts.LONG_QUESTION.format(n=number(len(question)))
    return gr.ChatMessage(role="user", content=as_text(question[:MAX_QUESTION_SHOWN]) + note)


def working_message() -> gr.ChatMessage:
    return gr.ChatMessage(role="assistant", content=texts.WORKING_TEXT,
                          metadata={"title": texts.WORKING_TITLE, "status": "pending"})


def cited_sources(answer: Answer) -> list[str]:
    """Short labels of the sources an answer cites, for the feedback log."""
    labels = [f"{c.source}: {c.section}" if c.section else c.source for c in answer.citations]
    labels += [f"uppslag: {tool_summary(t).split(':')[0]}" for t in answer.tool_calls]
    return list(dict.fromkeys(labels))
