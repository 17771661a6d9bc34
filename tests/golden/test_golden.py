"""Golden Swedish answers: every question in questions.jsonl through ``answer()``.

Per question: the intent (the answer's route), the expected reading (kommuner, area, KPI,
scope, direction, limit, years of the ``Query`` kept in the answer's context), the sources
that must be cited, marker phrases that must appear
(all of them, normalised as in ../shared/eval/README.md), the tool called and its inputs,
the kommun codes it resolved, and Kolada figures. A figure check names a value, not a
number: the expected value is read from the Kolada CSV here, formatted the Swedish way
and must appear on a line of the answer that also names its KPI id and year.

Then checks over all golden answers: no dangling [n] markers, no ungrounded numbers,
Swedish text, no raw exception text, no echoed user markup.

Known product bugs are listed in ``KNOWN_BUGS`` as strict xfails: when one is fixed the
test starts passing, fails as XPASS, and the entry should be deleted.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from assistant import grounding
from assistant.eval import load_questions, normalize
from assistant.orchestrator import answer
from assistant.types import Answer
from golden_checks import (echoed_markup, figure_problem, metadata_lines, raw_error_text,
                           swedish_problems)

pytestmark = pytest.mark.integration

GOLDEN = Path(__file__).with_name("questions.jsonl")
QUESTIONS: list[dict] = load_questions(GOLDEN)
BY_ID = {q["id"]: q for q in QUESTIONS}
from assistant.understanding import INTENTS

ROUTES = set(INTENTS) | {"clarify", "language"}
# Answers that must stand on their own: no sources, no tool calls.
NO_EVIDENCE_ROUTES = {"help", "off_topic", "clarify", "language"}
FIELDS = {"id", "question", "history", "intent", "reading", "must_cite", "markers", "figures", "tool",
          "tool_args", "kommunkoder", "chart", "pad_to"}

# (question id, check) -> reason
KNOWN_BUGS: dict[tuple[str, str], str] = {}


def question_text(q: dict) -> str:
    text = q["question"]
    if q.get("pad_to"):
        text = (text * math.ceil(q["pad_to"] / len(text)))[: q["pad_to"]]
    return text


@pytest.fixture(scope="module")
def golden():
    """Answer for a question id; each question is answered once per module."""
    cache: dict[str, Answer] = {}

    def get(qid: str) -> Answer:
        if qid not in cache:
            q = BY_ID[qid]
            cache[qid] = answer(question_text(q), history=q.get("history"))
        return cache[qid]

    return get


def cases(check: str, applies=lambda q: True) -> list:
    params = []
    for q in QUESTIONS:
        if not applies(q):
            continue
        reason = KNOWN_BUGS.get((q["id"], check))
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        params.append(pytest.param(q["id"], id=q["id"], marks=marks))
    return params


def describe(a: Answer) -> str:
    return f"route={a.route!r}\n{a.text[:1500]}"


def reading_problems(q: dict, a: Answer) -> list[str]:
    """Fields of the expected reading that the answer's Query does not have."""
    got = (a.context or {}).get("query") or {}
    problems = []
    for key, want in (q.get("reading") or {}).items():
        if key == "kpi":
            top = (got.get("kpis") or [None])[0] or next((c["kpi"] for c in got.get("kpi_candidates") or []), None)
            ok = top in want
        else:
            ok = got.get(key) == want
        if not ok:
            problems.append(f"{key}: väntat {want!r}, fick {got.get(key if key != 'kpi' else 'kpis')!r}")
    return problems


# ------------------------------------------------------------------ the file itself

def test_golden_file_covers_every_route():
    assert len(QUESTIONS) >= 45
    assert len(BY_ID) == len(QUESTIONS), "dubbletter bland id"
    for q in QUESTIONS:
        assert set(q) <= FIELDS, (q["id"], set(q) - FIELDS)
        assert q.get("intent", "clarify") in ROUTES, q["id"]
        for turn in q.get("history") or []:
            assert turn["role"] in {"user", "assistant"} and isinstance(turn["content"], str)
        for check in q.get("figures") or []:
            assert re.fullmatch(r"\d{4}", check["kommunkod"]) and isinstance(check["year"], int)
    assert {q["intent"] for q in QUESTIONS if "intent" in q} == ROUTES
    assert {bug_id for bug_id, _ in KNOWN_BUGS} <= set(BY_ID)


# Question words and glue: what is left is what a question is about.
_GLUE = frozenset("""
    vad är hur vilka vilken vilket varför när det den de en ett och i på av till om för med som
    att har kan ska sig man mot inom menas innebär finns sa säger handboken enligt
""".split())


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-zåäö0-9]+", text.lower()) if w not in _GLUE}


def test_golden_questions_are_not_the_dev_questions(eval_dir):
    """The dev set is for tuning; golden questions must be worded (and aimed) differently."""
    dev = load_questions(eval_dir / "handbook_dev.jsonl")
    for q in QUESTIONS:
        mine = _content_words(q["question"])
        for d in dev:
            theirs = _content_words(d["question"])
            shared = mine & theirs
            if mine and theirs and len(shared) >= 2:
                assert len(shared) / min(len(mine), len(theirs)) < 0.6, (q["id"], d["id"], shared)


# ------------------------------------------------------------------ per question

@pytest.mark.parametrize("qid", cases("intent", lambda q: "intent" in q))
def test_intent(golden, qid):
    a = golden(qid)
    assert a.route == BY_ID[qid]["intent"], describe(a)


@pytest.mark.parametrize("qid", cases("reading", lambda q: bool(q.get("reading"))))
def test_reading(golden, qid):
    a = golden(qid)
    problems = reading_problems(BY_ID[qid], a)
    assert not problems, "; ".join(problems) + "\n" + describe(a)


@pytest.mark.parametrize("qid", cases("citations"))
def test_citations(golden, qid):
    q, a = BY_ID[qid], golden(qid)
    cited = {c.source for c in a.citations} | {c.section for c in a.citations}
    missing = [s for s in q.get("must_cite") or [] if s not in cited]
    assert not missing, f"saknar källor {missing}; citerat {sorted(cited)}\n{describe(a)}"
    if q.get("intent") in NO_EVIDENCE_ROUTES:
        assert a.citations == () and a.tool_calls == (), describe(a)


def _ungrouped(text: str) -> str:
    """'3 000' and '3000' are the same number: Swedish digit groups are ignored in markers."""
    return re.sub(r"(?<=\d)[ \u00a0](?=\d{3}\b)", "", text)


@pytest.mark.parametrize("qid", cases("markers", lambda q: bool(q.get("markers"))))
def test_markers(golden, qid):
    a = golden(qid)
    text = _ungrouped(normalize(a.text))
    missing = [m for m in BY_ID[qid]["markers"] if _ungrouped(normalize(m)) not in text]
    assert not missing, f"saknar {missing}\n{describe(a)}"


@pytest.mark.parametrize("qid", cases("tool_calls", lambda q: bool(q.get("tool") or q.get("kommunkoder"))))
def test_tool_calls(golden, qid):
    q, a = BY_ID[qid], golden(qid)
    assert a.tool_calls, describe(a)
    first = a.tool_calls[0]
    if q.get("tool"):
        assert first.name == q["tool"], describe(a)
    for key, value in (q.get("tool_args") or {}).items():
        assert first.args.get(key) == value, (key, first.args)
    codes = {call.result.get("kommunkod") for call in a.tool_calls}
    codes |= {c for call in a.tool_calls for c, _ in call.result.get("kommuner") or [] if isinstance(c, str)}
    assert set(q.get("kommunkoder") or []) <= codes, codes


@pytest.mark.parametrize("qid", cases("figures", lambda q: bool(q.get("figures"))))
def test_figures(golden, qid):
    a = golden(qid)
    problems = [p for check in BY_ID[qid]["figures"] if (p := figure_problem(check, a.text))]
    assert not problems, "\n".join(problems) + "\n" + describe(a)


@pytest.mark.parametrize("qid", cases("chart", lambda q: bool(q.get("chart"))))
def test_chart(golden, qid):
    a = golden(qid)
    assert a.figures, "inget diagram"
    for fig in a.figures:
        assert fig.get("data") and fig.get("layout", {}).get("title"), fig.keys()
        json.dumps(fig)


def test_habo_and_habo_are_two_kommuner(golden):
    """Habo (0643, Jönköpings län) and Håbo (0305, Uppsala län) must not be mixed up."""
    habo, haabo = golden("fig-habo"), golden("fig-habo-hakad")
    assert habo.tool_calls[0].result["kommunkod"] == "0643"
    assert haabo.tool_calls[0].result["kommunkod"] == "0305"
    assert "Habo" in habo.text and "Håbo" in haabo.text


# ------------------------------------------------------------------ over all answers

def _offenders(golden, check) -> dict[str, object]:
    found = {}
    for q in QUESTIONS:
        problem = check(q, golden(q["id"]))
        if problem:
            found[q["id"]] = problem
    return found


def test_no_dangling_markers(golden):
    assert _offenders(golden, lambda q, a: grounding.dangling_markers(a)) == {}


def test_every_citation_is_used(golden):
    assert _offenders(golden, lambda q, a: grounding.unused_citations(a)) == {}


def test_every_citation_quotes_a_retrieved_passage(golden):
    assert _offenders(golden, lambda q, a: grounding.unretrieved_citations(a)) == {}


def test_citation_text_is_the_indexed_chunk(golden):
    from assistant.config import load_settings
    from assistant.retrieval.index import get_retriever

    retriever, _ = get_retriever(load_settings())
    chunks = {c.id: c.text for c in retriever.chunks}
    assert _offenders(golden, lambda q, a: [c.n for c in a.citations if chunks.get(c.chunk_id) != c.text]) == {}


def test_no_ungrounded_numbers(golden):
    assert _offenders(golden, lambda q, a: grounding.ungrounded_numbers(a)) == {}


def test_every_answer_is_swedish(golden):
    assert _offenders(golden, lambda q, a: swedish_problems(a.text)) == {}


def test_no_raw_exception_text(golden):
    assert _offenders(golden, lambda q, a: raw_error_text(a.text) or (a.route == "error")) == {}


def test_user_markup_is_never_echoed(golden):
    assert _offenders(golden, lambda q, a: echoed_markup(question_text(q), a.text)) == {}


def test_no_source_metadata_in_answers(golden):
    assert _offenders(golden, lambda q, a: metadata_lines(a.text)) == {}
