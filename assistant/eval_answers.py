"""Answer evaluation: ``python -m assistant.eval answers --questions FILE [--json]``.

For each question the whole offline assistant answers (``orchestrator.answer``). Reported:

* ``marker``: share of answers whose text (without the *Källor* list) contains a marker
  fact, by the relevance rule of shared/eval/README.md;
* ``first_sentence``: share whose first cited sentence contains a marker;
* ``first_citation_advice``: among questions labelled with exactly one råd, the share
  whose first citation [1] comes from that råd;

alongside the retrieval table (hybrid, BM25 alone, dense alone) for the same questions.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.compose_handbook import without_sources
from assistant.types import Answer

_FIRST_MARKED = re.compile(r"^(.*?\[\d+\])(:?)", re.S)


def answer_body(answer: Answer) -> str:
    """The answer's sentences: no lead line ("Handboken, råd 3 ...:") and no source list."""
    text = without_sources(answer.text).strip()
    paragraphs = text.split("\n\n")
    if len(paragraphs) > 1 and paragraphs[0].rstrip().endswith(":") and "[" not in paragraphs[0]:
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)


def first_sentence(answer: Answer) -> str:
    """The first cited sentence; when it introduces a list ("... [1]:"), the list too."""
    body = answer_body(answer)
    match = _FIRST_MARKED.match(body)
    if not match:
        return body.split("\n\n")[0]
    if match.group(2):  # "Handboken ger fem råd [1]:" + the list that follows
        return body.split("\n\n", 2)[0] + "\n\n" + (body.split("\n\n", 2)[1] if body.count("\n\n") else "")
    return match.group(1)


@dataclass(frozen=True)
class AnswerCheck:
    id: str
    marker: bool
    first_sentence: bool
    advice_expected: int | None
    first_citation_advice: int | None
    seconds: float


def check(question: dict, answer: Answer, seconds: float = 0.0) -> AnswerCheck:
    from assistant.eval import is_relevant

    markers = question["markers"]
    advice = question.get("advice") or []
    first = answer.citations[0].advice if answer.citations else None
    return AnswerCheck(
        id=question.get("id", question["question"]), marker=is_relevant(answer_body(answer), markers),
        first_sentence=is_relevant(first_sentence(answer), markers),
        advice_expected=advice[0] if len(advice) == 1 else None, first_citation_advice=first, seconds=seconds)


def summarise(checks: Sequence[AnswerCheck]) -> dict[str, float]:
    n = max(len(checks), 1)
    labelled = [c for c in checks if c.advice_expected is not None]
    return {
        "marker": round(sum(c.marker for c in checks) / n, 4),
        "first_sentence": round(sum(c.first_sentence for c in checks) / n, 4),
        "first_citation_advice": round(sum(c.first_citation_advice == c.advice_expected for c in labelled)
                                       / max(len(labelled), 1), 4),
        "labelled": len(labelled),
    }


def evaluate_answers(questions: Sequence[dict], ask=None) -> tuple[dict[str, float], list[AnswerCheck]]:
    if ask is None:
        from assistant.orchestrator import answer as ask
    checks = []
    for q in questions:
        start = time.perf_counter()
        result = ask(q["question"])
        checks.append(check(q, result, time.perf_counter() - start))
    return summarise(checks), checks


def main(args) -> int:
    """Run by ``python -m assistant.eval answers`` (arguments parsed there)."""
    from assistant.eval import retrieval_table

    measured = retrieval_table(args.questions)
    if measured is None:
        return 2
    questions, retrieval = measured
    answers, checks = evaluate_answers(questions)
    print(f"\nsvar med markörfakta:            {answers['marker']:.2f}")
    print(f"första meningen har markörfakta: {answers['first_sentence']:.2f}")
    print(f"första källan från rätt råd:     {answers['first_citation_advice']:.2f}"
          f"   ({answers['labelled']} frågor med ett råd)")
    missed = [c.id for c in checks if not c.marker]
    late = [c.id for c in checks if c.marker and not c.first_sentence]
    if missed:
        print("saknar markör: " + ", ".join(missed))
    if late:
        print("markör först senare: " + ", ".join(late))
    if args.json:
        print(json.dumps({"retrieval": retrieval, "answers": answers,
                          "questions": [c.__dict__ for c in checks]}, ensure_ascii=False))
    return 0
