"""Administration: add a document to the corpus and re-index with a progress bar;
read the feedback users left."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr

from assistant.ui import texts
from assistant.ui.context import UiContext

if TYPE_CHECKING:
    from assistant.retrieval.index import IndexStatus


def add_and_reindex(ctx: UiContext, file_path: str | None, progress: Any = None) -> "IndexStatus":
    """Copy the file into the uploads folder, rebuild the index and refresh the shared
    retriever. ``progress(fraction, desc=...)`` is called along the way (a gr.Progress).
    Raises ``ValueError`` or ``FileNotFoundError`` with a Swedish message for a bad file."""
    from assistant.retrieval.index import add_document, get_retriever  # heavy: chromadb

    report = progress or (lambda *args, **kwargs: None)
    if not file_path:
        raise ValueError(texts.UPLOAD_NONE)
    report(0.0, desc=texts.INDEXING)
    add_document(ctx.settings, Path(file_path))

    def step(done: int, total: int) -> None:
        report(done / total if total else 1.0, desc=texts.INDEXING)

    _, status = get_retriever(ctx.settings, refresh=True, progress=step)  # embeds the new chunks
    report(1.0, desc=texts.INDEXING)
    return status


def feedback_table(ctx: UiContext) -> tuple[str, list[list[Any]]]:
    counts = ctx.feedback.counts()
    rows = [[f.created, texts.RATING_LABELS.get(f.rating, ""), f.question, f.route, ", ".join(f.sources), f.comment]
            for f in ctx.feedback.recent()]
    return texts.FEEDBACK_SUMMARY.format(**counts), rows


def build_tab(ctx: UiContext) -> None:
    """Lay out the admin tab inside the current Blocks context."""
    upload = gr.File(label=texts.UPLOAD_LABEL, file_types=[".md", ".txt", ".pdf"], type="filepath",
                     elem_id="admin-upload")
    add = gr.Button(texts.UPLOAD_BUTTON, variant="primary", elem_id="admin-add")
    status = gr.Markdown(elem_id="admin-status")
    gr.Markdown(texts.FEEDBACK_HEADING)
    show = gr.Button(texts.FEEDBACK_SHOW, elem_id="admin-feedback-show")
    summary = gr.Markdown(elem_id="admin-feedback-summary")
    table = gr.Dataframe(headers=texts.FEEDBACK_COLUMNS, interactive=False, wrap=True, elem_id="admin-feedback")

    def on_add(file_path: str | None, progress=gr.Progress()):
        start = time.perf_counter()
        try:
            result = add_and_reindex(ctx, file_path, progress)
        except (ValueError, FileNotFoundError) as exc:
            return texts.UPLOAD_FAILED.format(reason=exc)
        mode = "hybridsökning" if result.mode == "hybrid" else "endast BM25"
        return texts.UPLOAD_DONE.format(name=Path(file_path).name, chunks=result.chunks, files=len(result.files),
                                        mode=mode, seconds=f"{time.perf_counter() - start:.1f}".replace(".", ","))

    add.click(on_add, [upload], [status], api_visibility="private", concurrency_limit=1,
              concurrency_id="reindex")
    show.click(lambda: feedback_table(ctx), None, [summary, table], api_visibility="private")
