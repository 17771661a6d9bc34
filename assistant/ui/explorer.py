"""The kommun explorer: pick kommun, area and year; see the profile card, the charts and
what the handbook says about the råd that fits; export the beslutsunderlag.

"Vad säger handboken?" asks the assistant the same follow-up a user would ask in
the chat after a figure question, so the explorer and the chat agree on the råd.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import gradio as gr
import plotly.graph_objects as go

import indices
from assistant import charts, memo
from assistant.types import Answer
from assistant.ui import render, texts
from assistant.ui.context import UiContext

log = logging.getLogger(__name__)
DEFAULT_KOMMUN = "Växjö"


@dataclass(frozen=True)
class Explored:
    """Everything the explorer shows for one choice; also what the memo is built from."""

    profile: indices.Profile
    handbook: Answer
    figures: tuple[go.Figure, ...]
    document: memo.Document


def handbook_answer(ctx: UiContext, kommun: str, area: str, year: int) -> Answer:
    """The assistant's follow-up answer "Vad säger handboken om det?" after the figure question."""
    question = texts.FIGURES_QUESTION.format(area=texts.AREA_IN_QUESTION.get(area, area), kommun=kommun, year=year)
    first = ctx.ask(question, None)
    history = [{"role": "user", "content": question},
               {"role": "assistant", "content": first.text, "context": first.context}]
    return ctx.ask(texts.HANDBOOK_QUESTION, history)


def explore(ctx: UiContext, kommun: str, area: str, year: int) -> Explored:
    """Profile, charts, handbook answer and memo for one kommun, area and year.

    Raises ``ValueError`` (from :mod:`indices`) for an unknown kommun, area or year.
    """
    data = indices.load_data()
    profile = indices.profile(kommun, area, int(year), data=data)
    spec = indices.get_area(profile.area)
    kod, peers = profile.kommun.kod, None  # None: Kolada's liknande kommuner, as in the profile
    figures = (
        charts.cost_quality_scatter(spec.id, profile.year, kod, peers, data=data),
        charts.trend_chart(kod, spec.dea_outputs[0], peers, start_year=max(data.years[0], profile.year - 10),
                           area=spec.id, data=data),
        charts.peer_bars(kod, spec.dea_inputs[0], peers, year=profile.year, area=spec.id, data=data),
        charts.dea_chart(spec.id, profile.year, kod, peers, data=data),
    )
    handbook = handbook_answer(ctx, profile.kommun.namn, spec.id, profile.year)
    return Explored(profile, handbook, figures, memo.build_memo(profile, handbook, data=data))


def card_markdown(document: memo.Document) -> str:
    """The profile card: the memo without its handbook section (shown beside it)."""
    shown = tuple(s for s in document.sections if s.heading != "Vad säger handboken?")
    return memo.to_markdown(memo.Document(document.title, document.subtitle, shown, document.sources))


def handbook_markdown(answer: Answer) -> str:
    parts = [texts.HANDBOOK_HEADING, render.safe_markdown(answer.text)]
    if answer.citations:
        parts += [render.citation_markdown(c) for c in answer.citations]
    return "\n\n".join(parts)


def export(ctx: UiContext, document: memo.Document | None, session: str) -> list[str]:
    """Write the memo as Markdown and PDF into a per-session folder; return both paths."""
    if document is None:
        raise gr.Error(texts.EXPORT_FIRST)
    folder = ctx.session_folder(session)
    stem = document.title.replace("Beslutsunderlag: ", "beslutsunderlag ")
    return [str(p) for p in memo.write_files(document, folder, stem)]


def kommun_choices() -> list[str]:
    return sorted((k.namn for k in indices.list_kommuner()), key=str.casefold)


def build(ctx: UiContext) -> None:
    """Lay out the explorer tab inside the current Blocks context."""
    years = list(indices.load_data().years)
    document = gr.State(None)
    with gr.Row():
        kommun = gr.Dropdown(kommun_choices(), value=DEFAULT_KOMMUN, label=texts.KOMMUN, elem_id="explorer-kommun")
        area = gr.Radio(texts.AREAS, value="grundskola", label=texts.AREA, elem_id="explorer-area")
        year = gr.Dropdown(years, value=years[-1], label=texts.YEAR, elem_id="explorer-year")
        show = gr.Button(texts.SHOW_PROFILE, variant="primary", elem_id="explorer-show")
    with gr.Row():
        with gr.Column(scale=3):
            card = gr.Markdown(texts.PROFILE_EMPTY, elem_id="explorer-card")
        with gr.Column(scale=2):
            advice = gr.Markdown(elem_id="explorer-handbook")
    with gr.Row():
        scatter, trend = gr.Plot(elem_id="explorer-scatter"), gr.Plot(elem_id="explorer-trend")
    with gr.Row():
        bars, dea = gr.Plot(elem_id="explorer-bars"), gr.Plot(elem_id="explorer-dea")
    with gr.Row():
        export_btn = gr.Button(texts.EXPORT_MEMO, elem_id="explorer-export")
        files = gr.File(label=texts.EXPORT_FILES, file_count="multiple", interactive=False,
                        elem_id="explorer-files")

    def on_show(name: str, area_id: str, chosen_year: Any):
        try:
            result = explore(ctx, name, area_id, int(chosen_year))
        except ValueError as exc:
            raise gr.Error(texts.ERROR.format(reason=exc)) from None
        return (card_markdown(result.document), handbook_markdown(result.handbook), *result.figures,
                result.document, None)

    def on_export(doc: memo.Document | None, request: gr.Request):
        return export(ctx, doc, request.session_hash or "")

    show.click(on_show, [kommun, area, year], [card, advice, scatter, trend, bars, dea, document, files],
               api_visibility="private")
    export_btn.click(on_export, [document], [files], api_visibility="private")
