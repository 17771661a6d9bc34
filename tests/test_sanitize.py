"""Corpus markup never reaches a reader: passages, answers, memo and the rendered chat."""

from __future__ import annotations

import pytest

from assistant.documents.facts import facts_for
from assistant.documents.markdown import to_markdown
from assistant.documents.memo import build_memo
from assistant.sanitize import answer_markdown, plain_text
from assistant.ui import render

pytestmark = pytest.mark.unit
HOSTILE = ("Text <img src=x onerror=alert(1)> ![x](http://127.0.0.1:9/pixel.png?leak=1) "
           "[läs mer](javascript:alert(1)) <script>alert(1)</script> &lt;iframe src=x&gt; <!-- dolt --> slut.")


def test_plain_text_removes_html_images_and_link_targets():
    assert plain_text(HOSTILE) == "Text läs mer slut."
    assert plain_text("[SCB](https://scb.se) (2021) och [1] [2]\n\n[ref]: http://x") == "SCB (2021) och [1] [2]"
    assert plain_text("5 < 6 och a<b, data: 2021") == "5 < 6 och a<b, data: 2021"  # ordinary text is kept


def test_answer_text_keeps_our_markdown_but_not_corpus_markup():
    text = "**Växjö** – grundskolan [1]\n\n- punkt\n\n" + HOSTILE
    cleaned = answer_markdown(text)
    assert cleaned.startswith("**Växjö** – grundskolan [1]\n\n- punkt")
    for bad in ("<img", "onerror", "![", "javascript:", "<script", "iframe", "pixel.png"):
        assert bad not in cleaned


def test_memo_and_chat_show_no_corpus_markup():
    from assistant.types import Answer, Citation

    answer = Answer(text="Enligt handboken: " + HOSTILE + " [1]", route="handbook",
                    citations=(Citation(1, "handbok", "Råd 2", HOSTILE),))
    rendered = " ".join(str(m.content) for m in render.render_answer(answer))
    for bad in ("<img", "<script", "](http", "](javascript"):
        assert bad not in rendered
    md = to_markdown(build_memo(facts_for("Umeå", "aldreomsorg", 2022, reps=20), handbook=answer))
    assert "Enligt handboken" in md  # the handbook part is in the memo, without its markup
    assert "<img" not in md and "pixel.png" not in md and "javascript:" not in md


def test_a_typed_url_is_shown_as_code_without_backslashes():
    shown = render.as_text("Läs https://www.kolada.se/a_b-c?x=1. Tack")
    assert "`https://www.kolada.se/a_b-c?x=1`" in shown and "\\." in shown.split("`")[-1]
