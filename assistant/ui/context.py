"""What every tab shares: settings, the answer and search functions, the feedback store, the export folder.

Nothing here is per user; per-session values live in ``gr.State`` in each tab.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.documents.brief import SEARCH_K
from assistant.types import Answer, Passage
from assistant.ui.feedback import FeedbackStore

EXPORT_MAX_AGE = 24 * 3600  # seconds
AnswerFn = Callable[[str, "list[dict[str, Any]] | None", "Settings | None"], Answer]
SearchFn = Callable[[str, "Settings"], Sequence[Passage]]


def default_search(query: str, settings: Settings) -> Sequence[Passage]:
    """The shared retriever, loaded on first use (chromadb and the model are heavy)."""
    from assistant.retrieval.index import get_retriever

    retriever, _ = get_retriever(settings)
    return retriever.search(query, k=SEARCH_K)


def default_answer(question: str, history: list[dict[str, Any]] | None = None,
                   settings: Settings | None = None) -> Answer:
    """The real assistant, imported on first use so that starting the app stays light."""
    from assistant.orchestrator import answer

    return answer(question, history, settings)


@dataclass(frozen=True)
class UiContext:
    """Shared by every session and never changed after the app is built."""

    settings: Settings
    answer: AnswerFn = default_answer
    searcher: SearchFn = default_search
    feedback: FeedbackStore = field(init=False)
    export_dir: Path = field(default_factory=lambda: Path(tempfile.gettempdir()) / "effektiviseringsassistenten")

    def __post_init__(self) -> None:
        s = self.settings
        object.__setattr__(self, "feedback", FeedbackStore(s.feedback_database, comment_max=s.feedback_comment_max,
                                                           question_max=s.feedback_question_max, rate=s.feedback_rate))

    def ask(self, question: str, history: list[dict[str, Any]] | None = None) -> Answer:
        return self.answer(question, history, self.settings)

    def search(self, query: str) -> Sequence[Passage]:
        return self.searcher(query, self.settings)

    def session_folder(self, session: str) -> Path:
        """A folder for one session's exports; other sessions' folders older than a day are removed."""
        now = time.time()
        if self.export_dir.is_dir():
            for old in self.export_dir.iterdir():
                if old.is_dir() and now - old.stat().st_mtime > EXPORT_MAX_AGE:
                    shutil.rmtree(old, ignore_errors=True)
        folder = self.export_dir / (session or "okand-session")
        folder.mkdir(parents=True, exist_ok=True)
        return folder
