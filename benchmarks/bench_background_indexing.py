"""Handbook questions while a 4 MB document is indexed in the background.

Uses the real embedding model and corpus in a private data folder (a copy of an existing
index when one is given, so the corpus is not re-embedded). Measures handbook answer
latency first with nothing indexing (the baseline, same run), then while a generated
4 MB Markdown document is being embedded by the background job; reports the job's
throughput, then cancels it. Writes the "background-indexing" section of docs/benchmarks.md.

    python -m benchmarks.bench_background_indexing [--seconds 120] [--from-index var/chroma]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from assistant.config import load_settings
from assistant.orchestrator import answer
from assistant.retrieval import background
from assistant.retrieval.index import add_document, get_retriever
from assistant.retrieval.store import BATCH
from benchmarks.report import machine_line, write_section

REPO = Path(__file__).resolve().parent.parent
WORDS = ("kommunen nämnden budgeten verksamheten äldreomsorgen grundskolan hemtjänsten lokalerna personalen "
         "planeringen uppföljningen kostnaden kvaliteten samverkan digitaliseringen upphandlingen invånarna "
         "förvaltningen resultatet effekten analysen jämförelsen målet beslutet insatsen").split()
LINK = ("ökar", "minskar", "påverkar", "styr", "följer", "beskriver", "förbättrar", "prövar")


def generated_document(size: int, seed: int = 7) -> str:
    """Swedish-looking Markdown of about ``size`` bytes: headings and unique paragraphs."""
    rng = random.Random(seed)
    parts, total, n = [], 0, 0
    while total < size:
        if n % 20 == 0:
            parts.append(f"## Avsnitt {n // 20 + 1}")
        sentences = [f"{rng.choice(WORDS).capitalize()} {rng.choice(LINK)} {rng.choice(WORDS)} "
                     f"under år {2010 + rng.randrange(13)} med {rng.randrange(1, 999)} enheter." for _ in range(12)]
        parts.append(f"Stycke {n}. " + " ".join(sentences))
        total += len(parts[-1].encode()) + 2
        n += 1
    return "\n\n".join(parts) + "\n"


def timed(questions: list[str], settings) -> list[float]:
    """Seconds per full answer; the query-embedding cache is emptied first, so every
    question is embedded again as a new one would be."""
    retriever, _ = get_retriever(settings)
    cache = getattr(retriever.embeddings, "_cache", None)
    out = []
    for question in questions:
        if cache is not None:
            cache.clear()
        start = time.perf_counter()
        result = answer(question, settings=settings)
        out.append(time.perf_counter() - start)
        assert result.route in {"handbook", "advice", "kpi_definition", "off_topic"}, result.route
    return out


def thousands(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return (f"{len(values)} questions: median {statistics.median(values):.2f} s, p95 {p95:.2f} s, "
            f"max {max(values):.2f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120, help="how long to measure during indexing")
    parser.add_argument("--size-mb", type=float, default=4.0)
    parser.add_argument("--from-index", type=Path, default=None, help="an existing Chroma folder to copy")
    parser.add_argument("--pause", type=float, default=1.0, help="seconds between questions while indexing")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)

    base = load_settings()
    work = Path(tempfile.mkdtemp(prefix="bench-indexing-"))
    settings = base.with_(data_dir=work)
    source = args.from_index or base.chroma_dir
    if source.exists():
        shutil.copytree(source, settings.chroma_dir)
    questions = [json.loads(line)["question"] for line in
                 (REPO.parent / "shared" / "eval" / "handbook_dev.jsonl").read_text(encoding="utf-8").splitlines()
                 if line.strip()]
    start = time.perf_counter()
    _, status = get_retriever(settings)
    cold = time.perf_counter() - start
    timed(questions[:2], settings)  # warm the model and caches
    baseline = timed(questions, settings)

    doc = work / "stor-rapport.md"
    doc.write_text(generated_document(int(args.size_mb * 1024 * 1024)), encoding="utf-8")
    start = time.perf_counter()
    staged = add_document(settings, doc)
    staging = time.perf_counter() - start
    job = background.start(settings, staged)
    while job.running and job.total == 0:
        time.sleep(0.2)
    t0, done0 = time.perf_counter(), job.done
    during: list[float] = []
    while job.running and time.perf_counter() - t0 < args.seconds:
        for question in questions:  # one question every --pause seconds, as users would ask
            during += timed([question], settings)
            time.sleep(args.pause)
            if time.perf_counter() - t0 >= args.seconds:
                break
    elapsed, embedded = time.perf_counter() - t0, job.done - done0
    total = job.total
    job.cancel()
    job.wait(600)
    after = timed(questions, settings)  # baseline again: the machine's load may have drifted
    shutil.rmtree(work, ignore_errors=True)

    rate = embedded / elapsed if elapsed else 0.0
    note = ""
    if statistics.median(during) < min(statistics.median(baseline), statistics.median(after)):
        note = """
Why answering is faster *while* indexing here: on an oversubscribed machine a lone query
embedding is slow, because torch's worker threads sleep between operations and each
wake-up waits for a time slice; while the indexing thread keeps the pool busy they wake
at once. (Measured separately on the same machine: 8 query embeddings alone had a median
of 2.8 s, with a background thread embedding documents 0.4-0.5 s.) What the benchmark
shows either way is that answering never waits for the indexing.
"""
    body = f"""## Answering while a document is indexed (`benchmarks/bench_background_indexing.py`)

{machine_line()} Shared with other work (load average {os.getloadavg()[0]:.1f}
at the end), so absolute figures are noisy; the baseline is measured in the same run,
before the indexing starts and again after it is stopped.

- Corpus: {status.chunks} chunks ({status.mode}); opening the index took {cold:.1f} s.
- Document: {args.size_mb:.0f} MB of generated Markdown, {thousands(total)} chunks; checking and chunking it
  (before anything is embedded) took {staging:.1f} s.
- Handbook questions (the {len(questions)} of `handbook_dev.jsonl`, full answers through the orchestrator,
  each question embedded afresh):
  - baseline before, nothing indexing: {summary(baseline)}
  - while the document was embedded in the background (one question every {args.pause:.0f} s):
    {summary(during)}
  - baseline after the job was cancelled: {summary(after)}
- Indexing throughput meanwhile: {thousands(embedded)} chunks in {elapsed:.0f} s = {rate:.2f} chunks/s
  (all {thousands(total)} chunks would take about {total / rate / 60 if rate else float('nan'):.0f} min; progress is counted per batch of
  {BATCH} chunks, so this is a lower bound, and the machine's other work takes most of the CPU). The job runs at
  a lower CPU priority (nice {background.INDEX_NICENESS}) and embeds only new or changed chunks (the corpus vectors are
  copied). It was then cancelled: the live index was never touched and the staged file
  was removed.
{note}"""
    print(body)
    if not args.no_write:
        write_section("background-indexing", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
