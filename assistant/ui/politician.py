"""The politician tab: a debate brief for a chosen kommun and area, exportable like the memo."""

from __future__ import annotations

from typing import Any

import gradio as gr

import indices
from assistant import memo
from assistant.ui import texts
from assistant.ui.brief import build_brief
from assistant.ui.context import UiContext
from assistant.ui.explorer import DEFAULT_KOMMUN, kommun_choices

TREND_YEARS = 7


def make_brief(ctx: UiContext, kommun: str, area: str, year: int, session: str) -> tuple[str, list[str]]:
    """The brief as Markdown, and its Markdown and PDF files. Raises ``ValueError`` for bad input."""
    data = indices.load_data()
    profile = indices.profile(kommun, area, int(year), data=data)
    spec = indices.get_area(profile.area)
    years = [y for y in data.years if profile.year - TREND_YEARS <= y <= profile.year]
    trend = indices.trend(profile.kommun.kod, spec.dea_outputs[0], area=spec.id, years=years, data=data)
    from assistant.retrieval.index import get_retriever  # heavy: chromadb, loaded on first use

    retriever, _ = get_retriever(ctx.settings)
    document = build_brief(profile, trend, lambda query: retriever.search(query, k=8))
    paths = memo.write_files(document, ctx.session_folder(session),
                             f"debattunderlag {profile.kommun.namn} {spec.id} {profile.year}")
    return memo.to_markdown(document), [str(p) for p in paths]


def build(ctx: UiContext) -> None:
    """Lay out the politician tab inside the current Blocks context."""
    years = list(indices.load_data().years)
    gr.Markdown(texts.BRIEF_INTRO)
    with gr.Row():
        kommun = gr.Dropdown(kommun_choices(), value=DEFAULT_KOMMUN, label=texts.KOMMUN, elem_id="brief-kommun")
        area = gr.Radio(texts.AREAS, value="grundskola", label=texts.AREA, elem_id="brief-area")
        year = gr.Dropdown(years, value=years[-1], label=texts.YEAR, elem_id="brief-year")
        make = gr.Button(texts.BRIEF_MAKE, variant="primary", elem_id="brief-make")
    files = gr.File(label=texts.BRIEF_FILES, file_count="multiple", interactive=False, elem_id="brief-files")
    brief = gr.Markdown(elem_id="brief-text")

    def on_make(name: str, area_id: str, chosen_year: Any, request: gr.Request):
        try:
            return make_brief(ctx, name, area_id, int(chosen_year), request.session_hash or "")
        except ValueError as exc:
            raise gr.Error(texts.ERROR.format(reason=exc)) from None

    make.click(on_make, [kommun, area, year], [brief, files], api_visibility="private")
