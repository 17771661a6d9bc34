"""Thumbs up/down and comments on answers, kept in SQLite at ``settings.feedback_db``.

Append-only: every click or comment is one row with the question, the route and the
sources the answer cited. One short-lived connection per call, so any thread may use it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created TEXT NOT NULL,
    session TEXT NOT NULL,
    turn INTEGER NOT NULL,
    question TEXT NOT NULL,
    route TEXT NOT NULL,
    sources TEXT NOT NULL,
    rating INTEGER,
    comment TEXT NOT NULL DEFAULT ''
)
"""


@dataclass(frozen=True)
class Feedback:
    id: int
    created: str
    session: str
    turn: int
    question: str
    route: str
    sources: tuple[str, ...]
    rating: int | None  # +1, -1 or None (comment only)
    comment: str


class FeedbackStore:
    """SQLite-backed feedback; the file and its folder are created on first use."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=10)
        conn.execute(SCHEMA)
        return conn

    def add(self, *, session: str, turn: int, question: str, route: str, sources: Sequence[str],
            rating: int | None = None, comment: str = "") -> int:
        """Store one piece of feedback and return its id. ``rating`` must be 1, -1 or None."""
        if rating not in (1, -1, None):
            raise ValueError(f"rating must be 1, -1 or None, not {rating!r}")
        if rating is None and not comment.strip():
            raise ValueError("feedback needs a rating or a comment")
        created = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with closing(self._connect()) as conn, conn:
            cur = conn.execute(
                "INSERT INTO feedback (created, session, turn, question, route, sources, rating, comment) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (created, session, turn, question, route, json.dumps(list(sources), ensure_ascii=False),
                 rating, comment.strip()),
            )
            return int(cur.lastrowid)

    def recent(self, limit: int = 50) -> list[Feedback]:
        """The latest feedback first."""
        with closing(self._connect()) as conn:
            rows = conn.execute(
                "SELECT id, created, session, turn, question, route, sources, rating, comment "
                "FROM feedback ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [Feedback(r[0], r[1], r[2], r[3], r[4], r[5], tuple(json.loads(r[6])), r[7], r[8]) for r in rows]

    def counts(self) -> dict[str, int]:
        """Number of thumbs up, thumbs down and comments."""
        with closing(self._connect()) as conn:
            up, down, comments = conn.execute(
                "SELECT COALESCE(SUM(rating = 1), 0), COALESCE(SUM(rating = -1), 0), "
                "COALESCE(SUM(comment != ''), 0) FROM feedback").fetchone()
        return {"up": int(up), "down": int(down), "comments": int(comments)}
