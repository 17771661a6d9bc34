"""The explorer's first profile with and without the start-up warm-up, against later ones.

Each variant runs in a fresh Python process (cold caches, as after ``python app.py``):

* cold: the first profile (Umeå, äldreomsorg, latest year), then a second kommun;
* warmed: :func:`assistant.ui.app.warm_documents` first (what the app runs in the
  background at start-up, timed too), then the same two profiles.

A profile here is everything the explorer tab computes (facts, four charts, memo); the
handbook answer is a fixed fake, since the chat's own warm-up covers the assistant.
Writes the "explorer" section of docs/benchmarks.md.

    python -m benchmarks.bench_explorer
"""

from __future__ import annotations

import json
import subprocess
import sys

from benchmarks.report import machine_line, write_section

CHILD = r"""
import json, sys, time
from assistant.config import apply_offline_environment
apply_offline_environment()
import indices
from assistant.types import Answer
from assistant.documents.explorer import explore
from assistant.ui.app import warm_documents
ask = lambda question, history: Answer(text="Handboken.", route="handbook")
year = indices.load_data().years[-1]
out = {}
if sys.argv[1] == "warmed":
    t = time.perf_counter(); warm_documents(); out["warm_up"] = time.perf_counter() - t
for label, kommun in (("first", "Umeå"), ("later", "Kalmar")):
    t = time.perf_counter(); explore(ask, kommun, "aldreomsorg", year); out[label] = time.perf_counter() - t
print(json.dumps(out))
"""


def measure(variant: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", CHILD, variant], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    cold, warmed = measure("cold"), measure("warmed")
    sv = lambda v: f"{v:.2f}".replace(".", ",")  # noqa: E731
    body = "\n".join([
        "## Explorer: first profile (`benchmarks/bench_explorer.py`)", "", machine_line(), "",
        "Seconds for everything the explorer computes for one choice (facts, four charts, memo), each variant "
        "in a fresh process. *Warmed* runs the start-up warm-up first, as the app does in the background.", "",
        "| variant | warm-up | first profile (Umeå) | later profile (Kalmar) |", "|---|---|---|---|",
        f"| cold | – | {sv(cold['first'])} | {sv(cold['later'])} |",
        f"| warmed | {sv(warmed['warm_up'])} | {sv(warmed['first'])} | {sv(warmed['later'])} |", ""])
    write_section("explorer", body)
    print(body)


if __name__ == "__main__":
    main()
