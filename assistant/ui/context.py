"""What every tab shares: settings, the answer function, the feedback store, the export folder.

Nothing here is per user; per-session values live in ``gr.State`` in each tab.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.types import Answer
from assistant.ui.feedback import FeedbackStore

AnswerFn = Callable[[str, "list[dict[str, Any]] | None", "Settings | None"], Answer]


def default_answer(question: str, history: list[dict[str, Any]] | None = None,
                   settings: Settings | None = None) -> Answer:
    """The real assistant, imported on first use so that starting the app stays light."""
    from assistant.orchestrator import answer

    return answer(question, history, settings)


@dataclass
class UiContext:
    settings: Settings
    answer: AnswerFn = default_answer
    feedback: FeedbackStore = field(init=False)
    export_dir: Path = field(default_factory=lambda: Path(tempfile.gettempdir()) / "effektiviseringsassistenten")

    def __post_init__(self) -> None:
        self.feedback = FeedbackStore(self.settings.feedback_db)

    def ask(self, question: str, history: list[dict[str, Any]] | None = None) -> Answer:
        return self.answer(question, history, self.settings)
