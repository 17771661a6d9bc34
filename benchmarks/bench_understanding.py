"""Question understanding and figure answers: quality on the dev questions, and speed.

* Quality: ``assistant.eval understanding`` on ``../shared/eval/questions_dev.jsonl``,
  once with the real model and once with the model-free n-gram embedder (the baseline,
  measured in the same run).
* Understanding latency: the whole reading minus its one query embedding (timed
  separately), per question, over the dev questions and the golden figure questions.
* Warm figure-answer latency: ``answer()`` end to end for figure questions after a
  warm-up pass on other questions (model, data and caches loaded). Places are masked
  before the embedding, so questions that differ only in the kommun share one cached
  query embedding (8 templates x 15 kommuner: 8 embeddings computed).

Writes the "understanding" section of docs/benchmarks.md.

    python -m benchmarks.bench_understanding
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import numpy as np

from benchmarks.report import machine_line, write_section

REPO = Path(__file__).resolve().parent.parent
DEV = REPO.parent / "shared" / "eval" / "questions_dev.jsonl"
GOLDEN = REPO / "tests" / "golden" / "questions.jsonl"
WARM_UP = ("Vad är skattesatsen i Växjö?", "Hur ligger Umeå till inom grundskolan?",
           "Vilka kommuner i Kalmar län har lägst skatt?", "Hur har meritvärdet i Lund utvecklats?")
FIGURE_TEMPLATES = (
    "Vad är skattesatsen i {k}?", "Hur många invånare har {k}?", "Hur ligger {k} till inom äldreomsorgen?",
    "Hur har sjukfrånvaron i {k} förändrats sedan 2015?", "Vilka kommuner liknar {k} inom grundskolan?",
    "Vad kostar förskolan per barn i {k}?", "Jämför {k} och Uppsala inom grundskolan",
    "Vilken plats har {k} på meritvärde?",
)
KOMMUNER = ("Borås", "Gävle", "Skövde", "Östersund", "Karlstad", "Örebro", "Västerås", "Sundsvall",
            "Falun", "Kiruna", "Ystad", "Norrtälje", "Motala", "Kalix", "Alingsås")


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _pct(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values) * 1000, q))


def understanding_latency(engine, questions: list[str]) -> tuple[list[float], list[float]]:
    """(reading minus embedding, embedding) in seconds per question."""
    from assistant.understanding.parse import understand

    embed_times: list[float] = []
    original = engine.embed

    def timed(text):
        start = time.perf_counter()
        vector = original(text)
        embed_times.append(time.perf_counter() - start)
        return vector

    engine.embed = timed
    rest = []
    try:
        for q in questions:
            before = len(embed_times)
            start = time.perf_counter()
            understand(q, None, engine)
            total = time.perf_counter() - start
            rest.append(total - sum(embed_times[before:]))
    finally:
        engine.embed = original
    return rest, embed_times


def main() -> int:
    from assistant.config import apply_offline_environment, load_settings

    apply_offline_environment()
    from assistant.eval_understanding import evaluate
    from assistant.orchestrator import answer
    from assistant.understanding import HashingEmbedder, build_engine, get_engine, set_engine

    dev = _load(DEV)
    settings = load_settings()
    start = time.perf_counter()
    engine = get_engine(settings)
    load_s = time.perf_counter() - start
    real = evaluate(dev)
    texts = [q["question"] for q in dev] + [q["question"] for q in _load(GOLDEN) if q.get("question")][:80]
    load_start = os.getloadavg()[0]
    rest, embeds = understanding_latency(engine, texts)

    for q in WARM_UP:
        answer(q)
    figure_questions = [t.format(k=k) for k in KOMMUNER for t in FIGURE_TEMPLATES]
    latencies = []
    for q in figure_questions:
        start = time.perf_counter()
        a = answer(q)
        latencies.append(time.perf_counter() - start)
        assert a.route != "error", q
    load_end = os.getloadavg()[0]

    baseline_engine = build_engine(HashingEmbedder(), None, dense=False)
    set_engine(baseline_engine)
    baseline = evaluate(dev, answer_figures=True)
    base_rest, _ = understanding_latency(baseline_engine, texts)
    set_engine(engine)

    fields = ("intent", "kommuner", "area", "kpi", "year", "scope", "direction", "limit", "answered")
    rows = "\n".join(f"| {f} | {real['overall'].get(f, 0) * 100:.0f} % | {baseline['overall'].get(f, 0) * 100:.0f} % "
                     f"| {real['counts'].get(f, 0)} |" for f in fields if f in real["overall"])
    misses = "; ".join(f"{m['id']} ({', '.join(m['wrong'])})" for m in real["misses"]) or "none"
    body = f"""## Question understanding and figure answers (`benchmarks/bench_understanding.py`)

{machine_line()}

Quality on `../shared/eval/questions_dev.jsonl` ({real['n']} questions), `python -m assistant.eval
understanding`. The dev questions are not in the example bank; a separate, differently worded set
judges the result. Baseline (same run): the same reading with the model-free character n-gram
embedder instead of EmbeddingGemma.

| field | EmbeddingGemma | n-gram baseline | questions scored |
|---|---|---|---|
{rows}

Misses with the model: {misses}.

Speed (model loaded; {len(texts)} questions for the reading, {len(latencies)} new figure questions
for the answers, after {len(WARM_UP)} warm-up questions):

| measure | p50 | p95 |
|---|---|---|
| understanding without its one query embedding | {_pct(rest, 50):.1f} ms | {_pct(rest, 95):.1f} ms |
| the query embedding | {_pct(embeds, 50):.1f} ms | {_pct(embeds, 95):.1f} ms |
| understanding without embedding, n-gram baseline | {_pct(base_rest, 50):.1f} ms | {_pct(base_rest, 95):.1f} ms |
| warm figure answer, end to end (`answer()`) | {_pct(latencies, 50):.0f} ms | {_pct(latencies, 95):.0f} ms |

Load average (1 min) at the start and end of the timed part: {load_start:.1f} and {load_end:.1f}
on {os.cpu_count()} cores; above the core count, p95 figures include waiting for the CPU. The figure questions repeat 8
templates over 15 kommuner; since places are masked before embedding, only 8 query embeddings
are computed there (a realistic effect of masking, but it flatters the p50).
Engine start (model, example bank and KPI titles; embeddings from the on-disk cache when present):
{load_s:.1f} s.
"""
    write_section("understanding", body)
    print(body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
