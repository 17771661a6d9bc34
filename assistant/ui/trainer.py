"""Trainer mode: the deterministic quiz, one question at a time. After each answer the
right option and the passage that proves it; at the end the score, a review of the
missed questions and "Ny omgång" with questions not asked yet. Progress is per session."""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.quiz import Question, build_quiz, score
from assistant.retrieval.corpus import corpus_files, load_chunks
from assistant.ui import texts
from assistant.ui.context import UiContext
from assistant.ui.render import as_text

MAX_PASSAGE = 700


@dataclass(frozen=True)
class QuizState:
    """One session's round: its seed, where it is, the answers given, and the questions of
    earlier rounds (left out of this one)."""

    seed: int
    index: int = 0
    answers: tuple[str, ...] = ()
    answered: bool = False
    asked_before: tuple[str, ...] = ()


@functools.lru_cache(maxsize=32)
def quiz_for(knowledge_dir: str, seed: int, exclude: frozenset[str] = frozenset()) -> tuple[Question, ...]:
    return build_quiz(load_chunks(corpus_files(Path(knowledge_dir))), seed=seed, exclude=exclude)


def _questions(ctx: UiContext, state: QuizState) -> tuple[Question, ...]:
    return quiz_for(str(ctx.settings.knowledge_dir), state.seed, frozenset(state.asked_before))


def _question_view(questions: tuple[Question, ...], index: int) -> tuple[str, Any]:
    q = questions[index]
    header = texts.QUIZ_HEADER.format(i=index + 1, n=len(questions), prompt=q.prompt)
    return header, gr.Radio(choices=list(q.options), value=None, interactive=True)


def start(ctx: UiContext, seed: Any) -> tuple:
    state = QuizState(int(seed or 0))
    header, radio = _question_view(_questions(ctx, state), 0)
    return state, header, radio, ""


def new_round(ctx: UiContext, state: QuizState | None) -> tuple:
    """A new round with other questions: those of earlier rounds are left out while others remain."""
    if not state:
        return start(ctx, 0)
    asked = (*state.asked_before, *(q.id for q in _questions(ctx, state)))
    fresh = QuizState(state.seed + 1, asked_before=tuple(dict.fromkeys(asked)))
    header, radio = _question_view(_questions(ctx, fresh), 0)
    return fresh, header, radio, ""


def _source(q: Question) -> str:
    return texts.QUIZ_SOURCE.format(title=q.citation.source_title, section=q.citation.section)


def feedback(q: Question, choice: str | int | None) -> str:
    """Verdict, the right option, the explanation and the cited passage (Markdown)."""
    template = texts.QUIZ_RIGHT if q.is_correct(choice) else texts.QUIZ_WRONG
    passage = q.citation.text if len(q.citation.text) <= MAX_PASSAGE \
        else q.citation.text[:MAX_PASSAGE].rsplit(" ", 1)[0] + " …"
    return "\n\n".join([
        template.format(explanation=q.explanation),
        texts.QUIZ_CORRECT_OPTION.format(option=q.options[q.correct]),
        f"{texts.QUIZ_PASSAGE}\n\n> {as_text(passage)}",
        f"*{_source(q)}*",
    ])


def review(questions: tuple[Question, ...], answers: tuple[str, ...] | list) -> str:
    """The missed questions with the given and the right answer and the source."""
    missed = [(i, q, a) for i, (q, a) in enumerate(zip(questions, answers), start=1) if not q.is_correct(a)]
    missed += [(i, q, None) for i, q in enumerate(questions, start=1) if i > len(answers)]
    if not missed:
        return texts.QUIZ_ALL_RIGHT
    items = [texts.QUIZ_REVIEW_ITEM.format(i=i, prompt=q.prompt, given=a if a is not None else texts.QUIZ_NO_ANSWER,
                                           right=q.options[q.correct], source=_source(q)) for i, q, a in missed]
    return texts.QUIZ_REVIEW + "\n\n" + "\n".join(items)


def answer(ctx: UiContext, state: QuizState | None, choice: str | None) -> tuple:
    if not state or state.answered or state.index >= len(_questions(ctx, state)):
        return state, gr.skip()
    if choice is None:
        gr.Warning(texts.QUIZ_PICK, title=texts.TITLE_WARNING)
        return state, gr.skip()
    q = _questions(ctx, state)[state.index]
    return replace(state, answers=(*state.answers, choice), answered=True), feedback(q, choice)


def next_question(ctx: UiContext, state: QuizState | None) -> tuple:
    if not state or not state.answered:
        return state, gr.skip(), gr.skip(), gr.skip()
    questions = _questions(ctx, state)
    index = state.index + 1
    if index >= len(questions):
        done = texts.QUIZ_DONE.format(score=score(questions, state.answers).text())
        done += "\n\n" + review(questions, state.answers)
        return replace(state, index=index), done, gr.Radio(choices=[], value=None, interactive=False), ""
    header, radio = _question_view(questions, index)
    return replace(state, index=index, answered=False), header, radio, ""


def build(ctx: UiContext) -> None:
    """Lay out the trainer tab inside the current Blocks context."""
    state = gr.State(None)
    gr.Markdown(texts.TRAINER_INTRO)
    with gr.Row():
        seed = gr.Number(value=1, precision=0, minimum=0, label=texts.QUIZ_SEED, elem_id="quiz-seed")
        start_btn = gr.Button(texts.QUIZ_START, variant="primary", elem_id="quiz-start")
    prompt = gr.Markdown(elem_id="quiz-question")
    options = gr.Radio(choices=[], label=texts.QUIZ_OPTIONS, elem_id="quiz-options")
    with gr.Row():
        answer_btn = gr.Button(texts.QUIZ_ANSWER, elem_id="quiz-answer")
        next_btn = gr.Button(texts.QUIZ_NEXT, elem_id="quiz-next")
        round_btn = gr.Button(texts.QUIZ_NEW_ROUND, elem_id="quiz-new-round")
    verdict = gr.Markdown(elem_id="quiz-verdict")
    start_btn.click(lambda s: start(ctx, s), [seed], [state, prompt, options, verdict], api_visibility="private")
    answer_btn.click(lambda st, c: answer(ctx, st, c), [state, options], [state, verdict], api_visibility="private")
    next_btn.click(lambda st: next_question(ctx, st), [state], [state, prompt, options, verdict],
                   api_visibility="private")
    round_btn.click(lambda st: new_round(ctx, st), [state], [state, prompt, options, verdict],
                    api_visibility="private")
