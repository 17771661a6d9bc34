"""The app under load: 20 concurrent gradio_client sessions, each asking about its own kommun.

Starts ``python app.py`` on a free port (real model, the index in var/), waits for its
warm-up, then runs rounds of 20 simultaneous ``/chat`` calls from 20 separate clients.
Checks that every answer is about the kommun its session asked for (no mixing) and
reports client-side latency (queueing included) as p50/p95. Writes the "app" section
of docs/benchmarks.md.

    python -m benchmarks.bench_app [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from gradio_client import Client

from assistant.config import load_settings
from benchmarks.report import machine_line, write_section

REPO = Path(__file__).resolve().parent.parent
KOMMUNER = ["Växjö", "Kalmar", "Jönköping", "Umeå", "Gävle", "Luleå", "Malmö", "Lund", "Borås", "Skövde",
            "Östersund", "Karlstad", "Örebro", "Västerås", "Uppsala", "Sundsvall", "Falun", "Kiruna", "Ystad",
            "Norrtälje"]
QUESTIONS = ("Hur effektiv är grundskolan i {k}?", "Hur mycket skulle {k} spara om kostnaden för "
             "äldreomsorgen låg på referensnivån?")
WARM = "Uppvärmningen klar"


def start_app(timeout: float = 300) -> tuple[subprocess.Popen, str, Path]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log_path = Path(tempfile.mkdtemp(prefix="bench-app-")) / "app.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen([sys.executable, "app.py", "--host", "127.0.0.1", "--port", str(port)],
                                cwd=REPO, env=dict(os.environ), stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + timeout
    while WARM not in log_path.read_text(errors="replace"):
        if proc.poll() is not None or time.time() > deadline:
            proc.kill()
            raise RuntimeError("appen startade inte:\n" + log_path.read_text()[-3000:])
        time.sleep(0.5)
    return proc, f"http://127.0.0.1:{port}/", log_path


def one_session(url: str, kommun: str, question: str) -> tuple[str, float, str]:
    client = Client(url, verbose=False)  # its own session, as a separate user would have
    start = time.perf_counter()
    text = client.predict(question.format(k=kommun), api_name="/chat")
    return kommun, time.perf_counter() - start, text


def mixed_up(kommun: str, text: str) -> bool:
    """True if the answer does not name its kommun or names another session's kommun first."""
    head = text.split("\n", 1)[0]
    others = [k for k in KOMMUNER if k != kommun and k in head]
    return kommun not in text or bool(others)


def run(rounds: int) -> str:
    settings = load_settings()
    proc, url, _ = start_app()
    latencies: list[float] = []
    walls: list[float] = []
    problems: list[str] = []
    try:
        for r in range(rounds):
            question = QUESTIONS[r % len(QUESTIONS)]
            start = time.perf_counter()
            with ThreadPoolExecutor(max_workers=len(KOMMUNER)) as pool:
                results = list(pool.map(lambda k: one_session(url, k, question), KOMMUNER))
            walls.append(time.perf_counter() - start)
            for kommun, seconds, text in results:
                latencies.append(seconds)
                if mixed_up(kommun, text):
                    problems.append(f"{kommun}: {text[:80]!r}")
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    lat = np.array(latencies)
    n = len(lat)
    lines = [
        "## App: 20 concurrent sessions (`benchmarks/bench_app.py`)",
        "",
        machine_line(),
        "",
        f"`python app.py` with the real model and index, warmed up; {len(KOMMUNER)} gradio_client sessions "
        f"call `/chat` at the same time, each about its own kommun; {rounds} round(s), {n} answers. "
        f"Concurrency limit {settings.concurrency_limit} (EFFEKT_CONCURRENCY). Latency is measured by the "
        "client and includes waiting in Gradio's queue.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| p50 latency | {np.percentile(lat, 50):.2f} s |",
        f"| p95 latency | {np.percentile(lat, 95):.2f} s |",
        f"| max latency | {lat.max():.2f} s |",
        f"| wall time per round of 20 | {np.mean(walls):.2f} s |",
        f"| throughput | {n / sum(walls):.1f} answers/s |",
        f"| answers about the wrong kommun | {len(problems)} of {n} |",
        "",
        "Questions: " + "; ".join(f"“{q.format(k='<kommun>')}”" for q in QUESTIONS[:rounds]) + ".",
    ]
    if problems:
        lines += ["", "Mixed-up answers:", *[f"- {p}" for p in problems]]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    md = run(args.rounds)
    write_section("app", md)
    print(md)
    return 1 if "Mixed-up answers" in md else 0


if __name__ == "__main__":
    raise SystemExit(main())
