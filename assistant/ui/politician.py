"""The politician tab: a debate brief for a chosen kommun and area, exportable like the memo.

Layout and events only: :mod:`assistant.documents.brief` writes the brief.
"""

from __future__ import annotations

import logging
from typing import Any

import gradio as gr

import indices
from assistant.documents.brief import build_brief
from assistant.documents.facts import facts_for
from assistant.documents.files import write_files
from assistant.documents.markdown import to_markdown
from assistant.labels import area_choices
from assistant.ui import texts
from assistant.ui.context import UiContext
from assistant.ui.explorer import DEFAULT_AREA, DEFAULT_KOMMUN, kommun_choices

log = logging.getLogger(__name__)


def make_brief(ctx: UiContext, kommun: str, area: str, year: int, session: str) -> tuple[str, list[str]]:
    """The brief as Markdown, and its Markdown and PDF files. Raises ``ValueError`` for bad input."""
    facts = facts_for(kommun, area, int(year))
    document = build_brief(facts, ctx.search)
    paths = write_files(document, ctx.session_folder(session))
    return to_markdown(document), [str(p) for p in paths]


def build(ctx: UiContext) -> None:
    """Lay out the politician tab inside the current Blocks context."""
    years = list(indices.load_data().years)
    gr.Markdown(texts.BRIEF_INTRO)
    with gr.Row(elem_classes="controls"):
        kommun = gr.Dropdown(kommun_choices(), value=DEFAULT_KOMMUN, label=texts.KOMMUN, elem_id="brief-kommun")
        area = gr.Radio(area_choices(), value=DEFAULT_AREA, label=texts.AREA, elem_id="brief-area")
        year = gr.Dropdown(years, value=years[-1], label=texts.YEAR, elem_id="brief-year")
        make = gr.Button(texts.BRIEF_MAKE, variant="primary", elem_id="brief-make")
    files = gr.File(label=texts.BRIEF_FILES, file_count="multiple", interactive=False, elem_id="brief-files")
    brief = gr.Markdown(elem_id="brief-text", elem_classes="document")

    def on_make(name: str, area_id: str, chosen_year: Any, request: gr.Request):
        yield texts.BRIEF_WORKING.format(kommun=name or ""), None
        try:
            yield make_brief(ctx, name, area_id, int(chosen_year), request.session_hash or "")
        except ValueError as exc:
            raise gr.Error(texts.ERROR.format(reason=exc), title=texts.TITLE_ERROR) from None
        except Exception as exc:
            log.exception("Debattunderlaget kunde inte tas fram")
            raise gr.Error(texts.UNEXPECTED, title=texts.TITLE_ERROR) from exc

    make.click(on_make, [kommun, area, year], [brief, files], api_visibility="private", show_progress="hidden")
