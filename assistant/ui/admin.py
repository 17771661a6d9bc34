"""Administration, behind a password: add or replace a document (indexed in the background
while the chat keeps answering) and read the feedback users left.

The tab is only built when an admin password or hash is configured (see ``app.py``).
Every handler checks the password itself, on the server, so calling an admin function
directly (``/gradio_api/queue/join`` with its ``fn_index``) without it changes nothing.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import gradio as gr

from assistant.formatting import number
from assistant.ui import texts
from assistant.ui.admin_access import verify
from assistant.ui.context import UiContext

if TYPE_CHECKING:
    from assistant.retrieval.background import Job

log = logging.getLogger(__name__)
PAGE_SIZE = 25
LOCAL_TIME = ZoneInfo("Europe/Stockholm")
CONCURRENCY_ID = "admin"  # admin calls run one at a time: a wrong password costs a second each


class Denied(Exception):
    """The caller did not give the admin password."""


def require_admin(ctx: UiContext, password: object) -> None:
    if not verify(ctx.settings, password):
        raise Denied()


def start_upload(ctx: UiContext, file_path: str | None, name: str | None = None,
                 replace: str | None = None, embeddings=None) -> "Job":
    """Check and store the file, then index it in the background; returns the job.

    Raises ``ValueError`` (``UploadRejected``) with a Swedish reason for a bad file or
    while another indexing runs. Gradio's temporary copy is deleted either way.
    """
    from assistant.retrieval import background
    from assistant.retrieval.index import add_document  # heavy: chromadb

    if not file_path:
        raise ValueError(texts.UPLOAD_NONE)
    path = Path(file_path)
    try:
        job = background.current(ctx.settings)
        if job is not None and job.running:
            raise ValueError(background.BUSY)
        staged = add_document(ctx.settings, path, name=name or path.name, replace=replace or None)
        return background.start(ctx.settings, staged, embeddings=embeddings)
    finally:
        if ctx.settings.uploads_dir.resolve() not in path.resolve().parents:
            path.unlink(missing_ok=True)  # uploaded files are never served back


def job_status(job: "Job | None") -> str:
    if job is None:
        return texts.INDEX_IDLE
    upload = job.staged.upload
    name = f"{upload.original} (sparad som {upload.id})" if job.staged.renamed else upload.original
    if job.state == "running":
        return texts.INDEX_RUNNING.format(name=name, done=job.done, total=job.total or "?")
    if job.state == "done" and job.status is not None:
        mode = "hybridsökning" if job.status.mode == "hybrid" else "endast BM25"
        seconds = number((job.finished or 0) - job.started, 1)
        return texts.UPLOAD_DONE.format(name=name, title=upload.title, chunks=job.status.chunks,
                                        files=len(job.status.files), mode=mode, seconds=seconds)
    return texts.UPLOAD_FAILED.format(reason=job.message or texts.INDEX_CANCELLED)


def local_time(created: str) -> str:
    """'2026-12-01 19:49' in Swedish local time from a stored UTC timestamp."""
    try:
        return datetime.fromisoformat(created).astimezone(LOCAL_TIME).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return created


def feedback_page(ctx: UiContext, page: int = 1) -> tuple[str, list[list[Any]], int]:
    """Summary line, the rows of one page (newest first) and the page number shown."""
    total = ctx.feedback.total()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, int(page or 1)), pages)
    rows = [[local_time(f.created), texts.RATING_LABELS.get(f.rating, ""), f.question, f.route,
             ", ".join(f.sources), f.comment]
            for f in ctx.feedback.recent(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)]
    summary = texts.FEEDBACK_SUMMARY.format(**ctx.feedback.counts()) + " · " + \
        texts.FEEDBACK_PAGE.format(page=page, pages=pages, total=total)
    return summary, rows, page


def replace_choices(ctx: UiContext) -> list[tuple[str, str]]:
    from assistant.retrieval.uploads import read_manifest

    uploads = read_manifest(ctx.settings.uploads_dir) if ctx.settings.uploads_dir.is_dir() else []
    return [(texts.REPLACE_NONE, "")] + [(f"{u.title} ({u.original}, {u.date})", u.id) for u in uploads]


def build_tab(ctx: UiContext) -> None:
    """Lay out the admin tab inside the current Blocks context."""
    password = gr.Textbox(label=texts.ADMIN_PASSWORD, type="password", elem_id="admin-password")
    login = gr.Button(texts.ADMIN_LOGIN, elem_id="admin-login")
    login_status = gr.Markdown(elem_id="admin-login-status")
    with gr.Column(visible=False, elem_id="admin-panel") as panel:
        upload = gr.File(label=texts.UPLOAD_LABEL, file_types=[".md", ".txt", ".pdf"], type="filepath",
                         elem_id="admin-upload")
        replace = gr.Dropdown(label=texts.REPLACE_LABEL, choices=[(texts.REPLACE_NONE, "")], value="",
                              elem_id="admin-replace")
        with gr.Row():
            add = gr.Button(texts.UPLOAD_BUTTON, variant="primary", elem_id="admin-add")
            refresh = gr.Button(texts.INDEX_REFRESH, elem_id="admin-refresh")
        status = gr.Markdown(elem_id="admin-status")
        gr.Markdown(texts.FEEDBACK_HEADING)
        with gr.Row():
            page = gr.Number(label=texts.FEEDBACK_PAGE_LABEL, value=1, precision=0, minimum=1, scale=1)
            show = gr.Button(texts.FEEDBACK_SHOW, elem_id="admin-feedback-show", scale=2)
        summary = gr.Markdown(elem_id="admin-feedback-summary")
        table = gr.Dataframe(headers=texts.FEEDBACK_COLUMNS, interactive=False, wrap=True, elem_id="admin-feedback",
                             column_widths=["11%", "7%", "24%", "9%", "17%", "32%"])

    def guarded(fn, denied_outputs):
        def handler(secret, *args):
            try:
                require_admin(ctx, secret)
            except Denied:
                gr.Warning(texts.ADMIN_DENIED, title=texts.TITLE_WARNING)
                return denied_outputs
            return fn(*args)
        return handler

    def on_login():
        return texts.ADMIN_WELCOME, gr.update(visible=True), gr.update(choices=replace_choices(ctx), value="")

    def on_add(file_path, replace_id):
        try:
            job = start_upload(ctx, file_path, replace=replace_id)
        except ValueError as exc:
            return texts.UPLOAD_FAILED.format(reason=exc)
        return job_status(job)

    def on_refresh():
        from assistant.retrieval import background

        return job_status(background.current(ctx.settings)), gr.update(choices=replace_choices(ctx))

    def on_show(number):
        text, rows, shown = feedback_page(ctx, number)
        return text, rows, shown

    admin = {"concurrency_id": CONCURRENCY_ID, "concurrency_limit": 1, "api_visibility": "private"}
    hidden = gr.update(visible=False)
    login.click(guarded(on_login, (texts.ADMIN_DENIED, hidden, gr.update())), [password],
                [login_status, panel, replace], **admin)
    add.click(guarded(on_add, texts.ADMIN_DENIED), [password, upload, replace], [status], **admin)
    refresh.click(guarded(on_refresh, (texts.ADMIN_DENIED, gr.update())), [password], [status, replace], **admin)
    show.click(guarded(on_show, ("", [], 1)), [password, page], [summary, table, page], **admin)
