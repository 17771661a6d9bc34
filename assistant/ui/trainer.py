"""Trainer mode: the deterministic quiz, one question at a time, with an explanation and
citation after each answer and the score at the end. Progress is per session."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.quiz import Question, build_quiz, score
from assistant.retrieval.corpus import corpus_files, load_chunks
from assistant.ui import texts
from assistant.ui.context import UiContext


@functools.lru_cache(maxsize=8)
def quiz_for(knowledge_dir: str, seed: int) -> tuple[Question, ...]:
    return build_quiz(load_chunks(corpus_files(Path(knowledge_dir))), seed=seed)


def _question_view(questions: tuple[Question, ...], index: int) -> tuple[str, Any]:
    q = questions[index]
    header = texts.QUIZ_HEADER.format(i=index + 1, n=len(questions), prompt=q.prompt)
    return header, gr.Radio(choices=list(q.options), value=None, interactive=True)


def start(ctx: UiContext, seed: Any) -> tuple:
    questions = quiz_for(str(ctx.settings.knowledge_dir), int(seed or 0))
    header, radio = _question_view(questions, 0)
    state = {"seed": int(seed or 0), "index": 0, "answers": [], "answered": False}
    return state, header, radio, ""


def answer(ctx: UiContext, state: dict[str, Any], choice: str | None) -> tuple:
    if not state or state.get("answered"):
        return state, gr.skip()
    if choice is None:
        gr.Warning(texts.QUIZ_PICK)
        return state, gr.skip()
    q = quiz_for(str(ctx.settings.knowledge_dir), state["seed"])[state["index"]]
    source = texts.QUIZ_SOURCE.format(title=q.citation.source_title, section=q.citation.section)
    if q.is_correct(choice):
        verdict = texts.QUIZ_RIGHT.format(explanation=q.explanation)
    else:
        verdict = texts.QUIZ_WRONG.format(explanation=q.explanation)
    state = {**state, "answers": [*state["answers"], choice], "answered": True}
    return state, f"{verdict}\n\n*{source}*"


def next_question(ctx: UiContext, state: dict[str, Any]) -> tuple:
    if not state or not state.get("answered"):
        return state, gr.skip(), gr.skip(), gr.skip()
    questions = quiz_for(str(ctx.settings.knowledge_dir), state["seed"])
    index = state["index"] + 1
    if index >= len(questions):
        done = texts.QUIZ_DONE.format(score=score(questions, state["answers"]).text())
        return {**state, "index": index}, done, gr.Radio(choices=[], value=None, interactive=False), ""
    header, radio = _question_view(questions, index)
    return {**state, "index": index, "answered": False}, header, radio, ""


def build(ctx: UiContext) -> None:
    """Lay out the trainer tab inside the current Blocks context."""
    state = gr.State({})
    gr.Markdown(texts.TRAINER_INTRO)
    with gr.Row():
        seed = gr.Number(value=1, precision=0, minimum=0, label=texts.QUIZ_SEED, elem_id="quiz-seed")
        start_btn = gr.Button(texts.QUIZ_START, variant="primary", elem_id="quiz-start")
    prompt = gr.Markdown(elem_id="quiz-question")
    options = gr.Radio(choices=[], label=texts.QUIZ_OPTIONS, elem_id="quiz-options")
    with gr.Row():
        answer_btn = gr.Button(texts.QUIZ_ANSWER, elem_id="quiz-answer")
        next_btn = gr.Button(texts.QUIZ_NEXT, elem_id="quiz-next")
    verdict = gr.Markdown(elem_id="quiz-verdict")
    start_btn.click(lambda s: start(ctx, s), [seed], [state, prompt, options, verdict], api_visibility="private")
    answer_btn.click(lambda st, c: answer(ctx, st, c), [state, options], [state, verdict], api_visibility="private")
    next_btn.click(lambda st: next_question(ctx, st), [state], [state, prompt, options, verdict],
                   api_visibility="private")
