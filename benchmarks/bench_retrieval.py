"""Retrieval and answer benchmarks: quality on the dev questions, latency, load and ingest time.

Run: ``python -m benchmarks.bench_retrieval [--questions FILE]``. Writes the "retrieval"
section of docs/benchmarks.md. Ingest is timed on a fresh temporary data folder so the
real index in var/ is left alone.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from assistant.config import apply_offline_environment, load_settings
from benchmarks.report import machine_line, write_section

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "handbook_dev.jsonl"
GOLDEN = Path(__file__).resolve().parents[1] / "tests" / "golden" / "questions.jsonl"
HELD_OUT = Path(__file__).resolve().parents[1] / "tests" / "golden" / "handbook_heldout.jsonl"
OFF_TOPIC = ("Vem vann Melodifestivalen 2021?", "Hur lagar man köttbullar?", "Vad blir det för väder i morgon?",
             "Vilket lag vann SM-guld i hockey?", "Vad är huvudstaden i Frankrike?", "Vad kostar en Tesla?")


def held_out(path: Path) -> list[dict]:
    """Handbook questions of the golden set that carry markers (worded apart from the dev set)."""
    if not path.exists():
        return []
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if (r.get("intent") or r.get("route")) == "handbook" and r.get("markers") and not r.get("history")]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def timed(fn, repeats: int) -> list[float]:
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def dtype_timings(settings, model, texts: list[str]) -> tuple[dict[str, list[float]], dict[str, str]]:
    """Query-embedding times of float32, bfloat16 and int8 copies of the model, interleaved
    question by question so machine load hits all alike, and each variant's cosine to the
    float32 query vectors (min / median)."""
    import copy

    import numpy as np

    from assistant.retrieval.embeddings import convert, model_path

    if settings.embedding_dtype != "float32":  # the live model is converted: time a fresh float32 copy
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(model_path(settings), device="cpu")
    variants = {"float32": model, "bfloat16": convert(copy.deepcopy(model), "bfloat16"),
                "int8": convert(copy.deepcopy(model), "int8")}
    times: dict[str, list[float]] = {name: [] for name in variants}
    for q in texts:
        for name, m in variants.items():
            times[name] += timed(lambda m=m, q=q: m.encode_query(q), 1)
    reference = model.encode_query(texts, normalize_embeddings=True)
    fidelity = {}
    for name, m in variants.items():
        if name != "float32":
            vectors = np.asarray(m.encode_query(texts, normalize_embeddings=True), dtype=np.float32)
            cos = (vectors * reference).sum(axis=1)
            fidelity[name] = f" (cosine to float32 min {cos.min():.3f}, median {np.median(cos):.3f})"
    return times, fidelity


def blas_timings(retriever, texts: list[str]) -> dict[str, list[float]]:
    """A new query's embedding right after a retrieval whose query vector is cached (its numpy
    work only), with numpy's BLAS at two threads (the default before) and at one (now),
    interleaved question by question."""
    from threadpoolctl import threadpool_limits

    warm = texts[0]
    retriever.search(warm, k=5)  # its query vector is cached from here on
    times: dict[str, list[float]] = {"2 BLAS threads (before)": [], "1 BLAS thread (now)": []}
    for i, q in enumerate(texts):
        for name, n in (("2 BLAS threads (before)", 2), ("1 BLAS thread (now)", 1)):
            with threadpool_limits(limits=n, user_api="blas"):
                retriever.search(warm, k=5)
                times[name] += timed(lambda q=q, n=n: retriever.embeddings.model.encode_query(f"{q} ({n})"), 1)
    return times


def main() -> int:
    apply_offline_environment()
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=Path, default=DEV)
    args = parser.parse_args()

    from assistant.eval import evaluate_retrieval, load_questions, score
    from assistant.eval_answers import evaluate_answers
    from assistant.orchestrator import answer
    from assistant.retrieval.sentences import build_sentence_index
    from assistant.retrieval import embeddings as emb
    from assistant.retrieval.index import build

    settings = load_settings()
    questions = load_questions(args.questions)

    start = time.perf_counter()
    retriever, status = build(settings)
    warm_open = time.perf_counter() - start
    load_s = emb.LOAD_SECONDS.get(settings.embedding_model, float("nan"))

    with tempfile.TemporaryDirectory() as tmp:
        fresh = settings.with_(data_dir=Path(tmp))
        start = time.perf_counter()
        build(fresh, progress=lambda done, total: None, embeddings=retriever.embeddings)
        ingest_s = time.perf_counter() - start
        start = time.perf_counter()  # the sentence step alone, into an empty cache
        build_sentence_index(retriever.chunks, retriever.embeddings, retriever.embeddings.name, Path(tmp) / "s")
        sentences_s = time.perf_counter() - start

    load_before = os.getloadavg()[0]
    quality = evaluate_retrieval(questions, retriever)
    golden = held_out(GOLDEN)
    golden_quality = evaluate_retrieval(golden, retriever) if golden else {}
    own = load_questions(HELD_OUT)
    own_quality = evaluate_retrieval(own, retriever)
    # Plain three-list RRF (the method before the precision steps), same run, same questions.
    for name, qs, table in (("dev", questions, quality), ("golden", golden, golden_quality), ("own", own, own_quality)):
        table["fusion (before)"] = score([[p.chunk.text for p in retriever.search(q["question"], k=10, method="fusion")]
                                          for q in qs], qs)
    answer_quality = {name: evaluate_answers(qs)[0] for name, qs in
                      (("dev", questions), ("golden", golden), ("own", own))}
    handbook_first = sum(1 for q in questions + golden
                         if (top := retriever.search(q["question"], k=1)) and top[0].chunk.source == "handbok")
    off_topic = [(q, len(retriever.search(q, k=5)), retriever.dense_ranking(q, 1)[0][1],
                  retriever.lexical.coverage(q)) for q in OFF_TOPIC]
    on_topic_cos = [retriever.dense_ranking(q["question"], 1)[0][1] for q in questions]
    texts = [q["question"] for q in questions]

    # Warm latency: the first pass fills the query-embedding cache, the second is cached.
    for q in texts:
        retriever.search(q, k=5)
    retriever.embeddings._cache.clear()
    uncached = [t for q in texts for t in timed(lambda q=q: retriever.search(q, k=5), 1)]
    cached = [t for q in texts for t in timed(lambda q=q: retriever.search(q, k=5), 1)]
    embed, fidelity = dtype_timings(settings, retriever.embeddings.model, texts + [q["question"] for q in own])
    blas = blas_timings(retriever, texts + [q["question"] for q in own])

    figure_qs = ["Hur effektiv är grundskolan i Växjö?", "Jämför Växjö med Kalmar och Jönköping inom äldreomsorgen",
                 "Hur mycket skulle Gävle spara om kostnaden låg på referensnivån?",
                 "Hur har meritvärdet i Umeå utvecklats sedan 2015?",
                 "Vilka kommuner i Kalmar län har låg kostnad och hög kvalitet?"]
    for q in texts + figure_qs:
        answer(q)  # warm: models, data and DEA caches
    retriever.embeddings._cache.clear()
    answers = [t for q in texts + figure_qs for t in timed(lambda q=q: answer(q), 1)]
    handbook_texts = [q["question"] for q in questions + golden + own]
    for q in handbook_texts:
        answer(q)  # warm: query embeddings cached as in a running app
    handbook_answers = [t for q in handbook_texts for t in timed(lambda q=q: answer(q), 1)]
    retriever.embeddings._cache.clear()
    handbook_cold = [t for q in handbook_texts for t in timed(lambda q=q: answer(q), 1)]
    templates = ("Hur effektiv är grundskolan i {}?", "Hur mycket skulle {} spara om kostnaden för "
                 "äldreomsorgen låg på referensnivån?", "Jämför {} med Växjö inom äldreomsorgen",
                 "Hur har meritvärdet i {} utvecklats sedan 2015?")
    fresh_kommuner = ("Kalmar", "Umeå", "Gävle", "Luleå", "Malmö", "Lund", "Borås", "Skövde", "Östersund",
                      "Karlstad", "Örebro", "Västerås", "Uppsala", "Sundsvall", "Falun", "Kiruna", "Ystad",
                      "Habo", "Håbo", "Nacka")
    new_kommun = [t for i, k in enumerate(fresh_kommuner)
                  for t in timed(lambda i=i, k=k: answer(templates[i % 4].format(k)), 1)]

    def table(results):
        return "\n".join(f"| {name} | {m['recall@1']:.2f} | {m['recall@5']:.2f} | {m['mrr@10']:.2f} |"
                         for name, m in results.items())

    golden_rows = table(golden_quality)
    own_rows = table(own_quality)
    answer_rows = "\n".join(
        f"| {name} | {a['marker']:.2f} | {a['first_sentence']:.2f} | {a['first_citation_advice']:.2f} "
        f"({a['labelled']}) |" for name, a in answer_quality.items())
    off_rows = "\n".join(f"| {q} | {n} | {cos:.2f} | {cov:.2f} |" for q, n, cos, cov in off_topic)
    rows = "\n".join(
        f"| {name} | {m['recall@1']:.2f} | {m['recall@5']:.2f} | {m['mrr@10']:.2f} |"
        for name, m in quality.items()
    )
    ms = lambda xs: f"{statistics.median(xs):.0f} / {percentile(xs, 0.95):.0f}"  # noqa: E731
    dtype_rows = "\n".join(f"| query embedding alone, {d}{fidelity.get(d, '')} | {ms(xs)} |" for d, xs in embed.items())
    dtype_rows += "\n" + "\n".join(f"| query embedding right after a retrieval's numpy work, {name} | {ms(xs)} |"
                                    for name, xs in blas.items())
    body = f"""## Retrieval and answers

{machine_line()} Load average at the start: {load_before:.1f}.
Model: `{settings.embedding_model}`, `{settings.embedding_dtype}` ({status.mode}), {status.chunks} chunks from {len(status.files)} documents.
Questions: `{args.questions.name}` ({len(questions)}). Relevance rule: shared/eval/README.md.
Baseline: dense-only is a plain LangChain retriever over the same Chroma collection and model.

| retriever | recall@1 | recall@5 | MRR@10 |
|---|---|---|---|
{rows}

Held-out check: the {len(golden)} handbook questions of the golden test set
(`tests/golden/questions.jsonl`), worded independently of the dev set:

| retriever | recall@1 | recall@5 | MRR@10 |
|---|---|---|---|
{golden_rows}

Our own held-out set (`tests/golden/handbook_heldout.jsonl`, {len(own)} questions written
before tuning: every råd, glossary terms, the reports in kallor.md, varied wording):

| retriever | recall@1 | recall@5 | MRR@10 |
|---|---|---|---|
{own_rows}

`hybrid` = BM25 (stems, n-grams) + dense + best-sentence vectors + rare-word list, fused
by RRF, top 8 reranked by their best sentence, råd/term focus; `fusion (before)` = the
plain stem + n-gram + dense RRF of the previous version; `bm25` and `dense` alone.

Answers (`python -m assistant.eval answers`): share of answers with a marker fact, with
one in the first sentence, and whose first citation is from the expected råd (questions
labelled with exactly one råd; their number in brackets):

| set | marker | first sentence | first citation råd |
|---|---|---|---|
{answer_rows}

The handbook's own passage ranks first for {handbook_first} of the {len(questions) + len(golden)}
questions above (the rest put a glossary entry or report summary first).

Relevance cut-off (`FusionParams` in `assistant/retrieval/hybrid.py`): off-topic questions
and what they get. On-topic dev questions have a best cosine of {min(on_topic_cos):.2f} at least.

| off-topic question | passages | best cosine | word coverage |
|---|---|---|---|
{off_rows}

| timing | p50 / p95 (ms) |
|---|---|
| `retrieve`, warm, query embedding not cached | {ms(uncached)} |
| `retrieve`, warm, query embedding cached | {ms(cached)} |
{dtype_rows}
| offline `answer()`, warm, {len(answers)} questions (handbook + figures) | {ms(answers)} |
| offline handbook `answer()`, warm, {len(handbook_answers)} questions (dev + golden + own) | {ms(handbook_answers)} |
| the same, query embeddings not cached | {ms(handbook_cold)} |
| offline `answer()`, figure questions about {len(new_kommun)} kommuner not asked before | {ms(new_kommun)} |

The two rows "right after a retrieval's numpy work" are the same embeddings with numpy's
OpenBLAS at two threads and at one: its workers keep spinning for a while after a product
and take the two cores from the model's threads, so the app keeps BLAS at one thread
(`assistant/config.py`).

Model load: {load_s:.1f} s. Ingest of the whole corpus into an empty store (chunking +
embedding + Chroma writes + sentence vectors, model already loaded): {ingest_s:.1f} s, of which
embedding the {len(retriever.sentences or ())} sentences into an empty cache takes {sentences_s:.1f} s
(cached by content hash: an unchanged sentence is never embedded again). Reopening the
existing index: {warm_open:.1f} s (includes the model load).
"""
    write_section("retrieval", body)
    print(body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
