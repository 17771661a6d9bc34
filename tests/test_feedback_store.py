"""Feedback limits, the paginated admin view, and the same store on SQLite and PostgreSQL.

The PostgreSQL case runs against a real server when ``EFFEKT_TEST_POSTGRES_URL`` is set
(``.ci/run`` installs and starts one); with ``EFFEKT_REQUIRE_POSTGRES=1`` it fails
instead of skipping when the server is missing.
"""

from __future__ import annotations

import os
import uuid

import pytest

from assistant.config import load_settings
from assistant.ui import admin
from assistant.ui.context import UiContext
from assistant.ui.feedback import FeedbackRejected, FeedbackStore

pytestmark = pytest.mark.unit


def _postgres_url() -> str:
    url = os.environ.get("EFFEKT_TEST_POSTGRES_URL", "")
    if not url:
        if os.environ.get("EFFEKT_REQUIRE_POSTGRES") == "1":
            pytest.fail("EFFEKT_TEST_POSTGRES_URL saknas men PostgreSQL-testet krävs")
        pytest.skip("ingen PostgreSQL-server (EFFEKT_TEST_POSTGRES_URL)")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        yield FeedbackStore(tmp_path / "f.sqlite3", comment_max=50, question_max=20, rate=5)
        return
    url = _postgres_url()
    from sqlalchemy import create_engine, text

    schema = f"t{uuid.uuid4().hex[:10]}"  # a schema of its own: tests never see each other's rows
    engine = create_engine(FeedbackStore(url).url)
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    joiner = "&" if "?" in url else "?"
    yield FeedbackStore(f"{url}{joiner}options=-csearch_path%3D{schema}", comment_max=50, question_max=20, rate=5)
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


def test_rows_round_trip_with_limits(store):
    first = store.add(session="s1", turn=0, question="Vad är egenmonitorering?", route="handbook",
                      sources=["handbok: Råd 2"], rating=1)
    second = store.add(session="s1", turn=1, question="kort", route="help", sources=[], comment="  Bra!  ")
    assert second > first
    newest, oldest = store.recent()
    assert (newest.comment, newest.rating, oldest.rating) == ("Bra!", None, 1)
    assert oldest.question == "Vad är egenmonitorer …"  # the first 20 characters
    assert oldest.sources == ("handbok: Råd 2",) and oldest.created.endswith("+00:00")
    assert store.counts() == {"up": 1, "down": 0, "comments": 1} and store.total() == 2
    with pytest.raises(FeedbackRejected, match="högst 50 tecken"):
        store.add(session="s2", turn=0, question="q", route="help", sources=[], comment="x" * 51)
    for turn in range(3):
        store.add(session="s1", turn=turn, question="q", route="help", sources=[], rating=-1)
    with pytest.raises(FeedbackRejected, match="Vänta en stund"):  # 5 rows a minute per session
        store.add(session="s1", turn=9, question="q", route="help", sources=[], rating=-1)
    store.add(session="s3", turn=0, question="q", route="help", sources=[], rating=-1)  # others are not limited
    assert [f.turn for f in store.recent(limit=2, offset=1)] == [2, 1]
    for n in range(5 * 25 - 6):  # made-up session ids: the total cap (25 x the rate) still holds
        store.add(session=f"x{n}", turn=0, question="q", route="help", sources=[], rating=1)
    with pytest.raises(FeedbackRejected):
        store.add(session="ny", turn=0, question="q", route="help", sources=[], rating=1)


def test_two_replicas_write_to_one_table(store):
    """Two app processes on the same database URL (as replicas behind a load balancer)."""
    other = FeedbackStore(store.url, comment_max=50, question_max=20, rate=5)
    store.add(session="a", turn=0, question="Vad kostar hemtjänsten?", route="kpi_value", sources=[], rating=1)
    other.add(session="b", turn=0, question="Vad är DEA?", route="handbook", sources=[], rating=-1)
    assert other.total() == store.total() == 2
    assert {f.session for f in store.recent()} == {"a", "b"}
    assert store.counts() == other.counts() == {"up": 1, "down": 1, "comments": 0}


def test_admin_view_is_paginated_in_swedish_local_time(tmp_path):
    settings = load_settings({"EFFEKT_DATA_DIR": str(tmp_path), "EFFEKT_FEEDBACK_RATE": "1000"})
    ctx = UiContext(settings=settings)
    for turn in range(admin.PAGE_SIZE + 3):
        ctx.feedback.add(session="s", turn=turn, question=f"Fråga {turn}", route="handbook", sources=[], rating=1)
    summary, rows, page = admin.feedback_page(ctx, 2)
    assert page == 2 and len(rows) == 3 and "sida 2 av 2" in summary
    assert [r[2] for r in rows] == ["Fråga 2", "Fråga 1", "Fråga 0"]
    assert admin.feedback_page(ctx, 99)[2] == 2 and len(admin.feedback_page(ctx, 1)[1]) == admin.PAGE_SIZE
    assert admin.local_time("2026-07-01T10:00:00+00:00") == "2026-07-01 12:00"  # CEST = UTC+2
    assert admin.local_time("2026-12-01T10:00:00+00:00") == "2026-12-01 11:00"  # CET = UTC+1


def test_settings_point_the_store_at_a_database_url(tmp_path):
    settings = load_settings({"EFFEKT_DATA_DIR": str(tmp_path)})
    assert settings.feedback_database == f"sqlite:///{tmp_path / 'feedback.sqlite3'}"
    url = "postgresql://app:hemligt@db.example/effekt"
    configured = load_settings({"EFFEKT_FEEDBACK_DATABASE_URL": url})
    assert FeedbackStore(configured.feedback_database).url == "postgresql+psycopg://app:hemligt@db.example/effekt"
    assert "hemligt" not in repr(configured)
