"""The kommun explorer tab: pick kommun, area and year; see the profile card, the charts and
what the handbook says about the råd that fits; export the beslutsunderlag.

Layout and events only: :mod:`assistant.documents.explorer` assembles what is shown.
"""

from __future__ import annotations

import logging
from typing import Any

import gradio as gr

import indices
from assistant.documents.explorer import Exploration, explore
from assistant.documents.files import write_files
from assistant.documents.markdown import to_markdown
from assistant.documents.model import Document
from assistant.labels import area_choices
from assistant.types import Answer
from assistant.ui import render, texts
from assistant.ui.context import UiContext

log = logging.getLogger(__name__)
DEFAULT_KOMMUN = "Växjö"
DEFAULT_AREA = "grundskola"
CHARTS = ("scatter", "trend", "bars", "dea")


def handbook_markdown(answer: Answer) -> str:
    parts = [texts.HANDBOOK_HEADING, render.safe_markdown(answer.text)]
    if answer.citations:
        parts += [render.citation_markdown(c) for c in answer.citations]
    return "\n\n".join(parts)


def export(ctx: UiContext, document: Document | None, session: str) -> list[str]:
    """Write the memo as Markdown and PDF into a per-session folder; return both paths."""
    if document is None:
        raise gr.Error(texts.EXPORT_FIRST, title=texts.TITLE_WARNING)
    return [str(p) for p in write_files(document, ctx.session_folder(session))]


def kommun_choices() -> list[str]:
    return sorted((k.namn for k in indices.list_kommuner()), key=str.casefold)


def run(ctx: UiContext, name: str, area_id: str, year: int) -> Exploration:
    """The exploration; a lower layer's Swedish ValueError is shown as it is, anything else
    as a short Swedish message (logged, never the raw exception text)."""
    try:
        return explore(ctx.ask, name, area_id, int(year))
    except ValueError as exc:
        raise gr.Error(texts.ERROR.format(reason=exc), title=texts.TITLE_ERROR) from None
    except Exception as exc:
        log.exception("Profilen kunde inte tas fram")
        raise gr.Error(texts.UNEXPECTED, title=texts.TITLE_ERROR) from exc


def build(ctx: UiContext) -> None:
    """Lay out the explorer tab inside the current Blocks context."""
    years = list(indices.load_data().years)
    document = gr.State(None)
    with gr.Row(elem_classes="controls"):
        kommun = gr.Dropdown(kommun_choices(), value=DEFAULT_KOMMUN, label=texts.KOMMUN, elem_id="explorer-kommun")
        area = gr.Radio(area_choices(), value=DEFAULT_AREA, label=texts.AREA, elem_id="explorer-area")
        year = gr.Dropdown(years, value=years[-1], label=texts.YEAR, elem_id="explorer-year")
        show = gr.Button(texts.SHOW_PROFILE, variant="primary", elem_id="explorer-show")
    with gr.Row():
        with gr.Column(scale=3):
            card = gr.Markdown(texts.PROFILE_EMPTY, elem_id="explorer-card", elem_classes="document")
        with gr.Column(scale=2):
            advice = gr.Markdown(elem_id="explorer-handbook")
    plots = []
    for pair in (CHARTS[:2], CHARTS[2:]):
        with gr.Row():
            plots += [gr.Plot(elem_id=f"explorer-{c}", show_label=False, visible=False) for c in pair]
    with gr.Row():
        export_btn = gr.Button(texts.EXPORT_MEMO, elem_id="explorer-export")
        files = gr.File(label=texts.EXPORT_FILES, file_count="multiple", interactive=False,
                        elem_id="explorer-files")

    def on_show(name: str, area_id: str, chosen_year: Any):
        hidden = [gr.update(visible=False)] * len(plots)
        yield (texts.PROFILE_WORKING.format(kommun=name or ""), "", *hidden, None, None)
        result = run(ctx, name, area_id, chosen_year)
        shown = [gr.update(value=f, visible=True) for f in result.figures]
        shown += [gr.update(value=None, visible=False)] * (len(plots) - len(shown))
        yield (to_markdown(result.card), handbook_markdown(result.handbook), *shown, result.document, None)

    def on_export(doc: Document | None, request: gr.Request):
        return export(ctx, doc, request.session_hash or "")

    show.click(on_show, [kommun, area, year], [card, advice, *plots, document, files],
               api_visibility="private", show_progress="hidden")
    export_btn.click(on_export, [document], [files], api_visibility="private", show_progress="hidden")
