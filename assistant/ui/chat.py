"""The chat tab: per-session conversation, collapsible tool steps and sources, charts,
thumbs up/down and comments stored with the question, route and cited sources.

Per-session state (``gr.State``): the rendered messages, the history passed to the
assistant for follow-ups, and one record per answered turn for feedback.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import gradio as gr

from assistant.messages import SUGGESTIONS
from assistant.sanitize import answer_markdown
from assistant.ui import render, texts
from assistant.ui.context import UiContext
from assistant.ui.feedback import FeedbackRejected

log = logging.getLogger(__name__)
CONCURRENCY_ID = "assistant"
# After an answer: bring the start of the new turn (the question just asked) into view,
# so a long answer is read from its first sentence, not from its end.
SCROLL_TO_ANSWER_JS = """() => {
  const asked = document.querySelectorAll('#chat [data-testid="user"]');
  if (asked.length) asked[asked.length - 1].scrollIntoView({block: 'start'});
}"""


@dataclass(frozen=True)
class Turn:
    """One answered question: what feedback on it is stored with, and which messages show it."""

    question: str
    route: str
    sources: tuple[str, ...]
    messages: tuple[int, ...]  # indices of the rendered messages in the chat
    notices: tuple[str, ...] = ()


def respond(ctx: UiContext, question: str, messages: list, history: list[dict[str, Any]],
            turns: list[Turn]) -> Iterator[tuple]:
    """Show the question at once, then the rendered answer; update history and turns."""
    question = question or ""
    shown = [*messages, render.user_message(question), render.working_message()]
    yield "", shown, shown, history, turns
    try:
        answer = ctx.ask(question, history)
    except Exception as exc:  # the assistant itself never raises; this guards the UI against bugs
        log.exception("Svaret kunde inte tas fram")
        shown = shown[:-1]
        yield question, shown, shown, history, turns
        raise gr.Error(texts.ANSWER_FAILED, title=texts.TITLE_ERROR) from exc
    seen = {n for turn in turns for n in turn.notices}  # e.g. BM25-only: say it once
    rendered = render.render_answer(answer, hide=seen)
    first = len(shown) - 1
    shown = shown[:-1] + rendered
    turns = [*turns, Turn(question, answer.route, tuple(render.cited_sources(answer)),
                          tuple(range(first, len(shown))), tuple(answer.notices))]
    history = [*history, {"role": "user", "content": question},
               {"role": "assistant", "content": answer.text, "context": answer.context}]
    yield "", shown, shown, history, turns


def _turn_for(turns: list[Turn], index: Any) -> tuple[int, Turn] | None:
    index = index[0] if isinstance(index, (list, tuple)) else index
    for number, turn in enumerate(turns):
        if index in turn.messages:
            return number, turn
    return None


def record_like(ctx: UiContext, turns: list[Turn], data: gr.LikeData, session: str) -> None:
    found = _turn_for(turns, data.index)
    if found is None:  # a like on the user's own message: nothing to rate
        return
    number, turn = found
    liked = data.liked if isinstance(data.liked, bool) else str(data.liked).lower() in ("like", "true")
    try:
        ctx.feedback.add(session=session, turn=number, question=turn.question, route=turn.route,
                         sources=list(turn.sources), rating=1 if liked else -1)
    except FeedbackRejected as exc:  # rate limit
        gr.Warning(str(exc), title=texts.TITLE_WARNING)


def record_comment(ctx: UiContext, turns: list[Turn], comment: str, session: str) -> str:
    if not turns:
        gr.Warning(texts.FEEDBACK_NOTHING, title=texts.TITLE_WARNING)
        return comment
    if not (comment or "").strip():
        return ""
    turn = turns[-1]
    try:
        ctx.feedback.add(session=session, turn=len(turns) - 1, question=turn.question, route=turn.route,
                         sources=list(turn.sources), comment=comment)
    except FeedbackRejected as exc:  # too long, or too many from this session
        gr.Warning(str(exc), title=texts.TITLE_WARNING)
        return comment
    gr.Info(texts.FEEDBACK_THANKS, title=texts.TITLE_INFO)
    return ""


def build(ctx: UiContext) -> None:
    """Lay out the chat tab inside the current Blocks context."""
    messages = gr.State([])
    history = gr.State([])
    turns = gr.State([])
    chatbot = gr.Chatbot(label=texts.CHAT_LABEL, show_label=False, height=600,
                         placeholder=texts.CHAT_PLACEHOLDER,
                         elem_id="chat", buttons=["copy"], feedback_options=("Like", "Dislike"),
                         latex_delimiters=[], autoscroll=False)
    with gr.Row():
        box = gr.Textbox(label=texts.QUESTION_LABEL, placeholder=texts.QUESTION_PLACEHOLDER, scale=5,
                         elem_id="question", max_lines=6, submit_btn=False)
        send = gr.Button(texts.SEND, variant="primary", scale=1, elem_id="send")
    gr.Examples(examples=[[s] for s in SUGGESTIONS], inputs=[box], label=texts.EXAMPLES_LABEL)
    with gr.Row():
        comment = gr.Textbox(label=texts.COMMENT_LABEL, scale=5, elem_id="comment")
        comment_send = gr.Button(texts.COMMENT_SEND, scale=1, elem_id="comment-send")
        clear = gr.Button(texts.CLEAR, scale=1)

    def on_submit(question, shown, hist, trn):
        yield from respond(ctx, question, shown, hist, trn)

    for trigger in (box.submit, send.click):
        trigger(on_submit, [box, messages, history, turns], [box, chatbot, messages, history, turns],
                api_visibility="private", concurrency_id=CONCURRENCY_ID,
                concurrency_limit=ctx.settings.concurrency_limit, show_progress="hidden"
                ).then(None, js=SCROLL_TO_ANSWER_JS)

    def on_option(shown, hist, trn, data: gr.SelectData):  # an ask-back choice was clicked
        yield from respond(ctx, str(data.value), shown, hist, trn)

    chatbot.option_select(on_option, [messages, history, turns], [box, chatbot, messages, history, turns],
                          api_visibility="private", concurrency_id=CONCURRENCY_ID,
                          concurrency_limit=ctx.settings.concurrency_limit, show_progress="hidden"
                          ).then(None, js=SCROLL_TO_ANSWER_JS)

    def on_like(trn, data: gr.LikeData, request: gr.Request):
        record_like(ctx, trn, data, request.session_hash or "")

    def on_comment(trn, text, request: gr.Request):
        return record_comment(ctx, trn, text, request.session_hash or "")

    chatbot.like(on_like, [turns], None, api_visibility="private")
    comment_send.click(on_comment, [turns, comment], [comment], api_visibility="private", show_progress="hidden")
    clear.click(lambda: ([], [], [], [], ""), None, [chatbot, messages, history, turns, comment],
                api_visibility="private")
    chatbot.clear(lambda: ([], [], []), None, [messages, history, turns], api_visibility="private")


def api_chat(ctx: UiContext):
    """The ``/chat`` endpoint: a question in, the answer's Markdown text out (no history)."""

    def chat(question: str) -> str:
        """Ställ en fråga till Effektiviseringsassistenten; svaret är Markdown på svenska."""
        return answer_markdown(ctx.ask(question, None).text)

    return chat
