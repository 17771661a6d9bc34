"""Indexing in the background: one job per data folder, queries keep the live index.

An admin upload is checked and stored at once (:func:`assistant.retrieval.uploads.stage`);
the job then builds the new index — embedding only new or changed chunks — and, when
it is complete, :func:`assistant.retrieval.index.publish` switches to it in one step.
A failed or cancelled job removes the staged file and leaves everything as it was.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass, field

from assistant.config import Settings
from assistant.retrieval import index
from assistant.retrieval.uploads import Staged, UploadRejected, read_manifest

log = logging.getLogger(__name__)
BUSY = "En indexering pågår redan. Vänta tills den är klar och försök sedan igen."
INDEX_NICENESS = 10  # Linux nice value of the indexing thread (0 = normal, 19 = lowest)
PUBLISH_GRACE = 2.0  # seconds queries that started on the old index get before it is dropped


class Cancelled(Exception):
    """Raised inside a job when it is asked to stop."""


@dataclass
class Job:
    """Progress of one indexing job; read by the admin tab while the job runs."""

    staged: Staged
    started: float = field(default_factory=time.time)
    done: int = 0
    total: int = 0
    state: str = "running"  # running | done | failed | cancelled
    message: str = ""
    finished: float | None = None
    status: "index.IndexStatus | None" = None
    cancel_event: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None

    def step(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        if self.cancel_event.is_set():
            raise Cancelled()

    def cancel(self) -> None:
        self.cancel_event.set()

    def wait(self, timeout: float | None = None) -> "Job":
        if self.thread is not None:
            self.thread.join(timeout)
        return self

    @property
    def running(self) -> bool:
        return self.state == "running"


_jobs: dict[str, Job] = {}
_jobs_lock = threading.Lock()


def current(settings: Settings) -> Job | None:
    """The latest job for this data folder (running or finished), if any."""
    return _jobs.get(str(settings.data_dir))


def start(settings: Settings, staged: Staged, embeddings=None, grace: float = PUBLISH_GRACE) -> Job:
    """Index ``staged`` in a background thread; UploadRejected if a job is already running."""
    key = str(settings.data_dir)
    with _jobs_lock:
        running = _jobs.get(key)
        if running is not None and running.running:
            if staged.upload.file != running.staged.upload.file:
                (settings.uploads_dir / staged.upload.file).unlink(missing_ok=True)
            raise UploadRejected(BUSY)
        job = Job(staged=staged)
        _jobs[key] = job
    job.thread = threading.Thread(target=_run, args=(job, settings, embeddings, grace), name="indexering",
                                  daemon=True)
    job.thread.start()
    return job


def run_now(settings: Settings, staged: Staged, embeddings=None) -> Job:
    """Index ``staged`` in this thread (the command line); same outcome as :func:`start`."""
    job = Job(staged=staged)
    _run(job, settings, embeddings, 0.0)
    return job


def _lower_priority() -> None:
    """Run this thread (and the torch worker threads it starts, which inherit it) at a
    lower CPU priority, so answering comes first; not the lowest, so that indexing still
    progresses on a machine busy with other work."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), INDEX_NICENESS)
    except (AttributeError, OSError):  # not Linux, or not permitted: run at normal priority
        pass


def _run(job: Job, settings: Settings, embeddings, grace: float) -> None:
    if threading.current_thread() is not threading.main_thread():
        _lower_priority()
    try:
        index.get_retriever(settings)  # the live index exists before the writer lock is taken
        retriever, status = index.build(settings, progress=job.step, embeddings=embeddings,
                                        uploads=job.staged.manifest)
        job.done = job.total = status.chunks  # BM25-only builds report no embedding progress
        index.publish(settings, retriever, status, job.staged.manifest, grace=grace)
        job.status, job.state = status, "done"
        log.info("Indexeringen klar: %d bitar (%s)", status.chunks, job.staged.upload.original)
    except Cancelled:
        job.state = "cancelled"
        _discard(settings, job.staged)
    except Exception as exc:  # the live index is untouched; the admin sees the reason
        log.exception("Indexeringen misslyckades")
        job.state, job.message = "failed", str(exc) if isinstance(exc, ValueError) else type(exc).__name__
        _discard(settings, job.staged)
    finally:
        job.finished = time.time()


def _discard(settings: Settings, staged: Staged) -> None:
    """Remove the staged file of a job that never became live."""
    live = {u.file for u in read_manifest(settings.uploads_dir)} if settings.uploads_dir.is_dir() else set()
    if staged.upload.file not in live:
        (settings.uploads_dir / staged.upload.file).unlink(missing_ok=True)
