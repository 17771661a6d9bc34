"""Build and launch the Gradio app: five tabs over one shared, read-only context.

Per-session state only (``gr.State`` in each tab); the assistant events share one
concurrency group limited by ``settings.concurrency_limit``. Nothing heavy runs when
this module is imported: the retriever and model load on the first question, or in
:func:`warm_up` started in a background thread after launch.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import gradio as gr
from starlette.middleware import Middleware

from assistant.config import Settings, load_settings
from assistant.ui import admin, chat, explorer, politician, texts, trainer
from assistant.ui.context import AnswerFn, UiContext, default_answer
from assistant.ui.upload_guard import UploadGuard

log = logging.getLogger(__name__)
WARM_UP_QUESTIONS = ("Vad menas med effekthemtagning?", "Hur effektiv är grundskolan i Växjö?")
THEME = gr.themes.Default(font=["system-ui", "Segoe UI", "Helvetica", "Arial", "sans-serif"],
                          font_mono=["ui-monospace", "Consolas", "monospace"])
CSS = "#chat .message-wrap .message { font-size: 15px; } footer { display: none !important; }"


def build_app(answer_fn: AnswerFn | None = None, settings: Settings | None = None) -> gr.Blocks:
    """The Blocks app. ``answer_fn(question, history, settings) -> Answer`` defaults to the
    real assistant (imported lazily); tests pass a fake one."""
    settings = settings or load_settings()
    ctx = UiContext(settings=settings, answer=answer_fn or default_answer)
    # delete_cache: Gradio's copies of exported files are removed hourly once a day old.
    with gr.Blocks(title=texts.APP_TITLE, analytics_enabled=False, delete_cache=(3600, 86400)) as demo:
        gr.Markdown(texts.INTRO)
        with gr.Tabs():
            with gr.Tab(texts.TAB_CHAT, id="chat", elem_id="tab-chat"):
                chat.build(ctx)
            kolada = kolada_available()
            with gr.Tab(texts.TAB_EXPLORER, id="explorer", elem_id="tab-explorer"):
                explorer.build(ctx) if kolada else gr.Markdown(texts.KOLADA_MISSING_TAB)
            with gr.Tab(texts.TAB_TRAINER, id="trainer", elem_id="tab-trainer"):
                trainer.build(ctx)
            with gr.Tab(texts.TAB_BRIEF, id="brief", elem_id="tab-brief"):
                politician.build(ctx) if kolada else gr.Markdown(texts.KOLADA_MISSING_TAB)
            if settings.admin_enabled:  # no password configured: no admin surface at all
                with gr.Tab(texts.TAB_ADMIN, id="admin", elem_id="tab-admin"):
                    admin.build_tab(ctx)
        gr.api(chat.api_chat(ctx), api_name="chat", concurrency_id=chat.CONCURRENCY_ID,
               concurrency_limit=settings.concurrency_limit)
    demo.queue(default_concurrency_limit=settings.concurrency_limit)
    demo.ctx = ctx  # type: ignore[attr-defined]  # for warm_up and tests
    return demo


def kolada_available() -> bool:
    """Can the Kolada snapshot be read? Without it the app starts with the handbook side only."""
    import indices
    from indices.data import DataValidationError

    try:
        indices.load_data()
        return True
    except DataValidationError as exc:
        log.warning("Kolada-data saknas (%s); kommunutforskaren och debattunderlaget är avstängda.", exc)
        return False


def launch(demo: gr.Blocks, host: str, port: int, **kwargs: Any):
    """Start the server (localhost only unless ``host`` says otherwise); returns Gradio's tuple.

    Uploads are capped at the configured size, refused outright without an admin
    surface, and never served back (:class:`~assistant.ui.upload_guard.UploadGuard`).
    """
    settings: Settings = demo.ctx.settings  # type: ignore[attr-defined]
    guard = Middleware(UploadGuard, blocks=demo, allow_upload=settings.admin_enabled)
    return demo.launch(server_name=host, server_port=port, theme=THEME, css=CSS, ssr_mode=False,
                       footer_links=[], show_error=False, quiet=kwargs.pop("quiet", True),
                       max_file_size=settings.upload_max_bytes, app_kwargs={"middleware": [guard]}, **kwargs)


def warm_up(demo: gr.Blocks) -> threading.Thread:
    """Load the retriever, model and Kolada caches in the background by asking once."""
    ctx: UiContext = demo.ctx  # type: ignore[attr-defined]

    def run() -> None:
        for question in WARM_UP_QUESTIONS:
            try:
                ctx.ask(question, None)
            except Exception:  # warming is best effort; the first real question retries
                log.exception("Uppvärmningen misslyckades")
                return
        log.info("Uppvärmningen klar")

    thread = threading.Thread(target=run, name="uppvarmning", daemon=True)
    thread.start()
    return thread
