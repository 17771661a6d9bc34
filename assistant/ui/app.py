"""Build and launch the Gradio app: five tabs over one shared, read-only context.

Per-session state only (``gr.State`` in each tab); the assistant events share one
concurrency group limited by ``settings.concurrency_limit``. Nothing heavy runs when
this module is imported: the retriever, model and Kolada caches load in :func:`warm_up`,
started in a background thread after launch, or on first use.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import gradio as gr
from starlette.middleware import Middleware

import indices
from assistant.config import Settings, load_settings
from assistant.labels import span_text
from assistant.ui import admin, chat, explorer, politician, texts, trainer
from assistant.ui.context import AnswerFn, UiContext, default_answer
from assistant.ui.layout import CSS, HEAD
from assistant.ui.page import SwedishPage
from assistant.ui.upload_guard import UploadGuard

log = logging.getLogger(__name__)
WARM_UP_QUESTIONS = ("Vad menas med effekthemtagning?", "Hur effektiv är grundskolan i Växjö?")
THEME = gr.themes.Default(font=["system-ui", "Segoe UI", "Helvetica", "Arial", "sans-serif"],
                          font_mono=["ui-monospace", "Consolas", "monospace"])


def build_app(answer_fn: AnswerFn | None = None, settings: Settings | None = None) -> gr.Blocks:
    """The Blocks app. ``answer_fn(question, history, settings) -> Answer`` defaults to the
    real assistant (imported lazily); tests pass a fake one."""
    settings = settings or load_settings()
    ctx = UiContext(settings=settings, answer=answer_fn or default_answer)
    # delete_cache: Gradio's copies of exported files are removed hourly once a day old.
    with gr.Blocks(title=texts.APP_TITLE, analytics_enabled=False, delete_cache=(3600, 86400)) as demo:
        kolada = kolada_available()
        years = span_text(indices.year_span()) if kolada else texts.YEARS_UNKNOWN
        gr.Markdown(texts.INTRO.format(years=years), elem_id="intro")
        with gr.Tabs(overflow_behavior="wrap", elem_id="tabs"):
            with gr.Tab(texts.TAB_CHAT, id="chat", elem_id="tab-chat"):
                chat.build(ctx)
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

    The page is served as ``lang="sv"`` with :data:`HEAD` first (:mod:`assistant.ui.page`).
    Uploads are capped at the configured size, refused outright without an admin
    surface, and never served back (:class:`~assistant.ui.upload_guard.UploadGuard`).
    """
    settings: Settings = demo.ctx.settings  # type: ignore[attr-defined]
    middleware = [Middleware(SwedishPage, head=HEAD),
                  Middleware(UploadGuard, blocks=demo, allow_upload=settings.admin_enabled)]
    return demo.launch(server_name=host, server_port=port, theme=THEME, css=CSS, ssr_mode=False,
                       footer_links=[], show_error=False, quiet=kwargs.pop("quiet", True),
                       max_file_size=settings.upload_max_bytes, app_kwargs={"middleware": middleware},
                       **kwargs)


def warm_documents(areas: tuple[str, ...] | None = None) -> None:
    """Compute the default kommun's facts for every area in the latest year, so that the
    DEA runs, index tables and peer groups every first profile needs are cached."""
    from assistant.documents.explorer import figures
    from assistant.documents.facts import facts_for

    data = indices.load_data()
    for area in areas or tuple(indices.AREAS):
        figures(facts_for(explorer.DEFAULT_KOMMUN, area, data.years[-1], data=data), data)


def warm_up(demo: gr.Blocks) -> threading.Thread:
    """Load the retriever, model and Kolada caches in the background: ask once, and build
    the explorer's first profile for every area."""
    ctx: UiContext = demo.ctx  # type: ignore[attr-defined]

    def run() -> None:
        try:
            for question in WARM_UP_QUESTIONS:
                ctx.ask(question, None)
            if not kolada_available():
                return
            warm_documents((explorer.DEFAULT_AREA,))
        except Exception:  # warming is best effort; the first real question retries
            log.exception("Uppvärmningen misslyckades")
            return
        log.info("Uppvärmningen klar")
        try:  # the other areas, while the app already serves
            warm_documents(tuple(a for a in indices.AREAS if a != explorer.DEFAULT_AREA))
            log.info("Profilerna för alla verksamhetsområden är förberäknade")
        except Exception:
            log.exception("Förberäkningen av profiler misslyckades")

    thread = threading.Thread(target=run, name="uppvarmning", daemon=True)
    thread.start()
    return thread
