"""Thumbs up/down and comments on answers, kept in a database given by URL.

SQLite in the data folder by default; ``EFFEKT_FEEDBACK_DATABASE_URL=postgresql://…``
lets several app replicas share one store. Append-only: every click or comment is one
row with the question (truncated), the route and the sources the answer cited. Limits:
comment length, question length, and a per-session rate (in this process).
"""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import Column, Integer, MetaData, String, Table, Text, create_engine, func, select
from sqlalchemy.engine import Engine, make_url

metadata = MetaData()
feedback_table = Table(
    "feedback", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created", String(40), nullable=False),
    Column("session", String(64), nullable=False),
    Column("turn", Integer, nullable=False),
    Column("question", Text, nullable=False),
    Column("route", String(40), nullable=False),
    Column("sources", Text, nullable=False),
    Column("rating", Integer),
    Column("comment", Text, nullable=False, server_default=""),
)
MAX_SOURCES = 20
RATE_WINDOW = 60.0  # seconds
GLOBAL_FACTOR = 25  # all sessions together: 25 times one session's rate
_ALL = "\0alla"  # the key of the total count (no session id contains a NUL)


class FeedbackRejected(ValueError):
    """Feedback that is not stored; the message is Swedish and safe to show."""


@dataclass(frozen=True)
class Feedback:
    id: int
    created: str  # ISO 8601, UTC
    session: str
    turn: int
    question: str
    route: str
    sources: tuple[str, ...]
    rating: int | None  # +1, -1 or None (comment only)
    comment: str


def database_url(target: str | Path) -> str:
    """A SQLAlchemy URL: a path becomes SQLite; postgresql:// uses the psycopg driver."""
    if isinstance(target, Path) or "://" not in str(target):
        return f"sqlite:///{Path(target)}"
    url = str(target)
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain):]
    return url


class FeedbackStore:
    """Feedback in SQLite or PostgreSQL; the table (and a SQLite file's folder) is created on first use."""

    def __init__(self, target: str | Path, comment_max: int = 2000, question_max: int = 500,
                 rate: int = 20) -> None:
        self.url = database_url(target)
        self.comment_max, self.question_max, self.rate = comment_max, question_max, rate
        self._engine: Engine | None = None
        self._lock = threading.Lock()
        self._recent: dict[str, deque[float]] = defaultdict(deque)

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a database server."""
        url = make_url(self.url)
        return Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None

    def _db(self) -> Engine:
        with self._lock:
            if self._engine is None:
                kwargs: dict = {"pool_pre_ping": True}
                if self.path is not None:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                    kwargs["connect_args"] = {"check_same_thread": False, "timeout": 10}
                engine = create_engine(self.url, **kwargs)
                metadata.create_all(engine)
                self._engine = engine
            return self._engine

    def _allow(self, session: str) -> None:
        """At most ``rate`` rows a minute per session, and ``rate * GLOBAL_FACTOR`` in all
        (a client can make up session ids; the total cap bounds how fast the table grows)."""
        now = time.monotonic()
        with self._lock:
            for key, limit in ((session, self.rate), (_ALL, self.rate * GLOBAL_FACTOR)):
                stamps = self._recent[key]
                while stamps and now - stamps[0] > RATE_WINDOW:
                    stamps.popleft()
                if len(stamps) >= limit:
                    raise FeedbackRejected("Du har skickat mycket återkoppling på kort tid. "
                                           "Vänta en stund och försök igen.")
            self._recent[session].append(now)
            self._recent[_ALL].append(now)

    def add(self, *, session: str, turn: int, question: str, route: str, sources: Sequence[str],
            rating: int | None = None, comment: str = "") -> int:
        """Store one piece of feedback and return its id. ``rating`` must be 1, -1 or None.

        Raises FeedbackRejected for a too long comment or too many rows from one session.
        """
        if rating not in (1, -1, None):
            raise ValueError(f"rating must be 1, -1 or None, not {rating!r}")
        comment = (comment or "").strip()
        if rating is None and not comment:
            raise ValueError("feedback needs a rating or a comment")
        if len(comment) > self.comment_max:
            raise FeedbackRejected(f"Kommentaren är för lång: högst {self.comment_max:,} tecken.".replace(",", " "))
        self._allow(session)
        question = question if len(question) <= self.question_max else question[: self.question_max] + " …"
        row = {
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "session": session[:64], "turn": int(turn), "question": question, "route": route[:40],
            "sources": json.dumps([s[:200] for s in sources][:MAX_SOURCES], ensure_ascii=False),
            "rating": rating, "comment": comment,
        }
        with self._db().begin() as conn:
            return int(conn.execute(feedback_table.insert().values(**row)).inserted_primary_key[0])

    def recent(self, limit: int = 50, offset: int = 0) -> list[Feedback]:
        """The latest feedback first; ``offset`` skips that many rows (for pages)."""
        query = select(feedback_table).order_by(feedback_table.c.id.desc()).limit(limit).offset(offset)
        with self._db().connect() as conn:
            rows = conn.execute(query).all()
        return [Feedback(r.id, r.created, r.session, r.turn, r.question, r.route, tuple(json.loads(r.sources)),
                         r.rating, r.comment) for r in rows]

    def total(self) -> int:
        with self._db().connect() as conn:
            return int(conn.execute(select(func.count()).select_from(feedback_table)).scalar_one())

    def counts(self) -> dict[str, int]:
        """Number of thumbs up, thumbs down and comments."""
        c = feedback_table.c
        query = select(func.count().filter(c.rating == 1), func.count().filter(c.rating == -1),
                       func.count().filter(c.comment != ""))
        with self._db().connect() as conn:
            up, down, comments = conn.execute(query).one()
        return {"up": int(up), "down": int(down), "comments": int(comments)}
