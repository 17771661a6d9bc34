"""Evaluation commands: ``python -m assistant.eval retrieval|understanding|answers --questions FILE [--json]``.

``understanding`` is implemented in :mod:`assistant.eval_understanding` and ``answers`` in
:mod:`assistant.eval_answers`; this module dispatches and holds the retrieval evaluation.

Relevance rule (shared/eval/README.md): a passage is relevant if, after normalisation
(soft hyphens removed, line-break hyphenation undone, whitespace collapsed,
lowercased), it contains any of the question's markers. Reports recall@1, recall@5 and
MRR@10 for the hybrid retriever, BM25 alone, and dense alone; the dense baseline is a
plain LangChain retriever over the same Chroma collection and model.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from assistant.config import apply_offline_environment, load_settings

_LINEBREAK_HYPHEN = re.compile(r"-[ \t]*\n[ \t]*")


def normalize(text: str) -> str:
    text = text.replace("\u00ad", "")
    text = _LINEBREAK_HYPHEN.sub("", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def is_relevant(text: str, markers: Sequence[str]) -> bool:
    norm = normalize(text)
    return any(normalize(m) in norm for m in markers)


def load_questions(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path.name} rad {n} är inte giltig JSON: {exc}") from exc
    return rows


def score(rankings: Sequence[Sequence[str]], questions: Sequence[dict]) -> dict[str, float]:
    """recall@1, recall@5 and MRR@10 from each question's ranked passage texts."""
    r1 = r5 = mrr = 0.0
    for texts, q in zip(rankings, questions):
        first = next((i for i, t in enumerate(texts[:10], 1) if is_relevant(t, q["markers"])), None)
        r1 += first == 1
        r5 += first is not None and first <= 5
        mrr += 1.0 / first if first else 0.0
    n = max(len(questions), 1)
    return {"recall@1": round(r1 / n, 4), "recall@5": round(r5 / n, 4), "mrr@10": round(mrr / n, 4)}


def retrievers(retriever) -> dict[str, Callable[[str], list[str]]]:
    """The three systems compared: hybrid, BM25-only, dense-only (LangChain baseline)."""
    systems = {
        "hybrid": lambda q: [p.chunk.text for p in retriever.search(q, k=10)],
        "bm25": lambda q: [p.chunk.text for p in retriever.search(q, k=10, method="bm25")],
    }
    if retriever.dense is not None:
        baseline = retriever.dense.as_retriever(search_kwargs={"k": 10})
        systems["dense"] = lambda q: [d.page_content for d in baseline.invoke(q)]
    return systems


def evaluate_retrieval(questions: list[dict], retriever) -> dict[str, dict[str, float]]:
    results = {}
    for name, run in retrievers(retriever).items():
        results[name] = score([run(q["question"]) for q in questions], questions)
    return results


def retrieval_table(path: Path) -> "tuple[list[dict], dict[str, dict[str, float]]] | None":
    """Load the questions, measure retrieval and print its table; ``None`` (and a Swedish
    message on stderr) when the file cannot be read."""
    from assistant.retrieval.index import get_retriever

    try:
        questions = load_questions(path)
    except (OSError, ValueError) as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return None
    retriever, _ = get_retriever(load_settings())
    results = evaluate_retrieval(questions, retriever)
    print(f"{'metod':<8} {'recall@1':>9} {'recall@5':>9} {'MRR@10':>8}   ({len(questions)} frågor)")
    for name, m in results.items():
        print(f"{name:<8} {m['recall@1']:>9.2f} {m['recall@5']:>9.2f} {m['mrr@10']:>8.2f}")
    return questions, results


def main(argv: list[str] | None = None) -> int:
    apply_offline_environment()
    parser = argparse.ArgumentParser(prog="python -m assistant.eval")
    sub = parser.add_subparsers(dest="command", required=True)
    ret = sub.add_parser("retrieval", help="recall@1, recall@5, MRR@10 för tre sökmetoder")
    ret.add_argument("--questions", required=True, type=Path)
    ret.add_argument("--json", action="store_true")
    und = sub.add_parser("understanding", help="avsikt, kommuner, område, nyckeltal, år och besvarat")
    und.add_argument("--questions", required=True, type=Path)
    und.add_argument("--json", action="store_true")
    ans = sub.add_parser("answers", help="markörfakta i svaren, i första meningen och rätt råd först")
    ans.add_argument("--questions", required=True, type=Path)
    ans.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "understanding":
        from assistant.eval_understanding import run

        return run(args.questions, args.json)
    if args.command == "answers":
        from assistant import eval_answers

        return eval_answers.main(args)

    measured = retrieval_table(args.questions)
    if measured is None:
        return 2
    _, results = measured
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
