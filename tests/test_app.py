"""Chat rendering, escaping, per-session history and feedback, without a server."""

from __future__ import annotations

import dataclasses
import html
import re
from types import SimpleNamespace

import gradio as gr
import pytest

from assistant.types import Answer, Citation, ToolCall
from assistant.ui import chat, render, texts
from assistant.ui.context import UiContext
from assistant.ui.feedback import FeedbackStore

pytestmark = pytest.mark.unit

FIGURE = {"data": [{"type": "bar", "x": ["Växjö"], "y": [1.0]}], "layout": {"title": {"text": "Test"}}}
CITATION = Citation(n=1, source="handbok", section="Råd 1", text="Jämförelser <b>ska</b> tas på allvar.",
                    advice=1, source_title="Fem goda råd", cited_reports=("RKA 2021",))


def fake_answer(question, history=None, settings=None):
    """Echo the question and how many history turns arrived; one tool call, citation, figure."""
    return Answer(text=f"Svar: {question} ({len(history or [])} tidigare)", route="kommun_figures",
                  citations=(CITATION,), tool_calls=(ToolCall("profile", {"kommun": question}, {"ok": 1}),),
                  figures=(FIGURE,), context={"route": "kommun_figures", "asked": question})


@pytest.fixture
def ctx(tmp_settings) -> UiContext:
    return UiContext(settings=tmp_settings, answer=fake_answer)


def drain(generator):
    steps = list(generator)
    return steps[0], steps[-1]


def test_as_text_shows_html_and_markdown_literally():
    raw = "<script>alert('x')</script> **fet** [länk](javascript:alert(1)) $$x$$"
    shown = render.as_text(raw)
    assert "<" not in shown and ">" not in shown
    assert "&lt;script&gt;" in shown
    # Removing the backslash escapes and decoding entities gives back exactly what was typed.
    assert html.unescape(re.sub(r"\\(.)", r"\1", shown)) == raw
    assert "\\*\\*fet\\*\\*" in shown and "\\[länk\\]" in shown and "\\$\\$" in shown


def test_answer_markup_from_the_corpus_is_removed_but_markdown_kept():
    shown = render.safe_markdown("**Växjö** <img src=x onerror=alert(1)> ![x](http://h/p.png) [t](javascript:x()) a < b")
    assert shown == "**Växjö** t a &lt; b"


def test_an_answer_shows_one_list_of_sources():
    cited = Citation(n=1, source="handbok", section="Råd 2", text="Tekniken skalas sällan upp.", advice=2,
                     source_title="Fem goda råd")
    answer = Answer(text="Handboken om råd 2:\n\nTekniken skalas sällan upp. [1]\n\n**Källor**\n- [1] Handboken, Råd 2",
                    route="handbook", citations=(cited,))
    sources, text = render.render_answer(answer)
    assert "Källor" not in text.content and "Tekniken skalas sällan upp. [1]" in text.content
    assert sources.content.count("Råd 2") == 1 and "råd 2" not in sources.content


def test_a_screening_step_names_the_asked_quadrant():
    call = ToolCall(name="screen", args={"area": "aldreomsorg"},
                    result={"criteria": "hög kostnad (resursindex under 50) och låg kvalitet (kvalitetsindex under 50)"})
    assert render.tool_summary(call) == "kommuner med hög kostnad och låg kvalitet, äldreomsorg"


@pytest.mark.parametrize("name", ["kpi_value", "ranking", "peers", "learn_from", "kpi_search", "trend", "profile"])
def test_every_chat_tool_step_is_summarised_in_swedish_with_kommun_names(name):
    summary = render.tool_summary(ToolCall(name=name, args={"kommun": "0581", "kpi": "N15436"}, result={}))
    assert name not in summary and "0581" not in summary and "uppslag i Kolada-data" not in summary
    if "{kommun}" in texts.TOOL_SUMMARIES[name][0]:
        assert "Norrköping" in summary


def test_render_answer_collapses_tool_steps_and_sources_and_shows_charts():
    messages = render.render_answer(fake_answer("Växjö"))
    tool, sources, text, figure = messages
    assert tool.metadata["status"] == "done" and tool.metadata["title"].startswith("Uppslag: profil för Växjö")
    assert "profile" not in tool.metadata["title"]  # the Swedish summary, never the tool's English name
    assert tool.content.startswith("<details><summary>Visa data</summary>")  # the raw data behind a toggle
    assert '"kommun": "Växjö"' in tool.content
    assert text.content.startswith("Svar: Växjö") and not text.metadata
    assert sources.metadata["status"] == "done" and sources.metadata["title"] == "Källor och utdrag (1)"
    assert "**[1] Fem goda råd** – Råd 1, hänvisar till RKA 2021" in sources.content  # råd named once
    assert "&lt;b&gt;ska&lt;/b&gt;" in sources.content  # passage text shown as text
    assert isinstance(figure.content, gr.Plot)


def test_respond_keeps_history_per_session_and_feeds_follow_ups(ctx):
    first, done = drain(chat.respond(ctx, "Hur effektiv är Växjö?", [], [], []))
    assert first[0] == "" and first[1][-1].metadata["status"] == "pending"
    _, shown, messages, history, turns = done
    assert shown is messages and shown[-1].content.value is not None  # the chart is last
    assert history == [{"role": "user", "content": "Hur effektiv är Växjö?"},
                       {"role": "assistant", "content": "Svar: Hur effektiv är Växjö? (0 tidigare)",
                        "context": {"route": "kommun_figures", "asked": "Hur effektiv är Växjö?"}}]
    assert turns[0].messages == (1, 2, 3, 4) and turns[0].route == "kommun_figures"
    _, (_, shown2, _, history2, turns2) = drain(chat.respond(ctx, "Och Kalmar?", messages, history, turns))
    assert shown2[8].content == "Svar: Och Kalmar? (2 tidigare)"
    assert len(history2) == 4 and turns2[1].messages == (6, 7, 8, 9)
    # Another session starts from empty state and sees none of this.
    _, (_, other, _, other_history, _) = drain(chat.respond(ctx, "Och Kalmar?", [], [], []))
    assert other[3].content == "Svar: Och Kalmar? (0 tidigare)" and len(other_history) == 2


def test_likes_and_comments_are_stored_with_question_route_and_sources(ctx):
    _, (_, _, messages, history, turns) = drain(chat.respond(ctx, "Vad är råd 1?", [], [], []))
    _, (_, _, _, _, turns) = drain(chat.respond(ctx, "Och råd 2?", messages, history, turns))
    chat.record_like(ctx, turns, SimpleNamespace(index=7, liked=False), "s1")
    chat.record_like(ctx, turns, SimpleNamespace(index=2, liked=True), "s1")
    chat.record_like(ctx, turns, SimpleNamespace(index=0, liked=True), "s1")  # the user's message: ignored
    assert chat.record_comment(ctx, turns, "  Bra källor ", "s1") == ""
    stored = ctx.feedback.recent()
    assert [(f.turn, f.rating, f.comment) for f in stored] == [(1, None, "Bra källor"), (0, 1, ""), (1, -1, "")]
    assert stored[1].question == "Vad är råd 1?" and stored[1].route == "kommun_figures"
    assert stored[1].sources == ("handbok: Råd 1", "uppslag: profil för Vad är råd 1?")
    assert ctx.feedback.counts() == {"up": 1, "down": 1, "comments": 1}
    assert ctx.settings.feedback_db.exists()


def test_feedback_store_rejects_empty_feedback(tmp_path):
    store = FeedbackStore(tmp_path / "sub" / "f.sqlite3")
    with pytest.raises(ValueError):
        store.add(session="s", turn=0, question="q", route="r", sources=[], rating=None, comment=" ")
    with pytest.raises(ValueError):
        store.add(session="s", turn=0, question="q", route="r", sources=[], rating=2)
    assert store.counts() == {"up": 0, "down": 0, "comments": 0}


def test_api_chat_returns_markdown_without_history(ctx):
    assert chat.api_chat(ctx)("Hej <b>") == "Svar: Hej (0 tidigare)"  # no HTML tag reaches a reader


def test_failing_assistant_leaves_no_spinner_and_keeps_the_question(ctx):
    def broken(question, history=None, settings=None):
        raise RuntimeError("bug")

    ctx = dataclasses.replace(ctx, answer=broken)
    steps = chat.respond(ctx, "Hur effektiv är Växjö?", [], [], [])
    next(steps)
    box, shown, _, history, turns = next(steps)
    assert box == "Hur effektiv är Växjö?" and len(shown) == 1 and history == [] and turns == []
    with pytest.raises(gr.Error):
        next(steps)


def test_unplottable_figure_is_dropped_not_fatal():
    answer = Answer(text="Svar", route="trend", figures=({"data": [{"type": "inget-sådant"}]},))
    assert [m.content for m in render.render_answer(answer)] == ["Svar"]


def test_host_and_port_come_from_settings_unless_given(tmp_settings):
    import app

    args = app.parse_args([], tmp_settings.with_(app_host="0.0.0.0", app_port=9123))
    assert (args.host, args.port, args.no_warm_up) == ("0.0.0.0", 9123, False)
    args = app.parse_args(["--host", "127.0.0.1", "--port", "7860"], tmp_settings)
    assert (args.host, args.port) == ("127.0.0.1", 7860)
    assert tmp_settings.app_host == "127.0.0.1"  # the default is localhost only


def test_a_huge_question_is_shown_in_part_but_sent_whole(ctx):
    question = "Växjö " * 20_000
    shown = render.user_message(question).content
    assert len(shown) < 3000 and shown.endswith("(frågan är 120 000 tecken lång; bara början visas)")
    _, (_, _, _, history, _) = drain(chat.respond(ctx, question, [], [], []))
    assert history[0]["content"] == question


def test_a_notice_is_shown_once_per_session(tmp_settings):
    notice = "Ingen inbäddningsmodell kunde läsas in, så sökningen använder enbart BM25 (ordmatchning)."

    def bm25_only(question, history=None, settings=None):
        return Answer(text=f"Svar på {question}", route="handbook", notices=(notice,))

    ctx = UiContext(settings=tmp_settings, answer=bm25_only)
    _, (_, first, messages, history, turns) = drain(chat.respond(ctx, "Första frågan", [], [], []))
    _, (_, second, _, _, _) = drain(chat.respond(ctx, "Andra frågan", messages, history, turns))
    texts_first = " ".join(str(m.content) for m in first)
    texts_second = " ".join(str(m.content) for m in second[len(first):])
    assert notice in texts_first.replace("\\", "")
    assert "Svar på Andra frågan" in texts_second and notice not in texts_second.replace("\\", "")
    _, (_, other, _, _, _) = drain(chat.respond(ctx, "Ny session", [], [], []))
    assert notice in " ".join(str(m.content) for m in other).replace("\\", "")


def test_every_notification_has_a_swedish_title():
    """Gradio titles a toast "Warning"/"Info"/"Error" unless given one: every call names its title."""
    import ast
    from pathlib import Path

    untitled = []
    for path in Path("assistant").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    node.func.attr in ("Warning", "Info", "Error") and \
                    getattr(node.func.value, "id", "") == "gr" and not any(k.arg == "title" for k in node.keywords):
                untitled.append(f"{path}:{node.lineno}")
    assert untitled == []
