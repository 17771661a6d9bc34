"""Per-area parts of the indices benchmark: reproduction tables, DEA for all six areas, load time.

Used by :mod:`benchmarks.bench_indices`; not a test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from indices.areas import AREAS, RKA_AREAS
from indices.efficiency import dea_area
from indices.rka import correlation, quality_index, resource_index, rka_frame

YEARS = range(2016, 2023)
NEW_AREAS = ("forskola", "gymnasieskola", "lss", "ekonomiskt_bistand")
REPO = Path(__file__).resolve().parent.parent

_LOAD_SNIPPET = """
import json, resource, time
t0 = time.perf_counter()
from indices.data import load_data
t1 = time.perf_counter()
c1 = time.process_time()
d = load_data()
t2 = time.perf_counter()
c2 = time.process_time()
frames = {"panel": d.panel, "kommuner": d.kommuner, "dictionary": d.dictionary, "similar": d.similar}
mb = {k: float(f.memory_usage(deep=True).sum()) / 1e6 for k, f in frames.items()}
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "load_cpu_s": c2 - c1, "frames_mb": mb,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3}))
"""


def _load_once(cache: str) -> dict:
    env = dict(os.environ, EFFEKT_KOLADA_CACHE=cache)
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", _LOAD_SNIPPET], capture_output=True, text=True, cwd=REPO,
                       env=env, check=True)
    out = json.loads(p.stdout.strip().splitlines()[-1])
    out["process_s"] = time.perf_counter() - t
    return out


def load_rows() -> list[str]:
    """Cold loads in fresh processes: CSV parse (no cache, the baseline), first load writing the
    binary copy, then a load from it."""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cases = [("CSV parse, cache off (baseline)", "none"), ("first load, writes the binary copy", tmp),
                 ("load from the binary copy", tmp), ("load from the binary copy (again)", tmp)]
        for label, cache in cases:
            r = _load_once(cache)
            total_mb = sum(r["frames_mb"].values())
            rows.append(f"| {label} | {r['load_s']:.2f} | {r['load_cpu_s']:.2f} | {r['import_s']:.2f} | "
                        f"{r['process_s']:.2f} | "
                        f"{r['frames_mb']['panel']:.1f} | {total_mb:.1f} | {r['rss_mb']:.0f} |")
    return rows


def _stats(ours: pd.Series, published: pd.Series) -> str:
    r, n = correlation(ours, published)
    d = (ours - published).dropna().abs()
    if n < 3:
        return "- | - | - | 0"
    return f"{r:.4f} | {d.median():.2f} | {d.max():.1f} | {n}"


def reproduction_rows(data, area: str) -> list[str]:
    spec = AREAS[area]
    rows = []
    for year in YEARS:
        res = resource_index(area, year, data)
        qual, _ = quality_index(area, year, data)
        frame, _ = rka_frame(area, year, data)
        cells = [str(year), _stats(res, data.series(spec.published_resource, year))]
        cells.append(_stats(qual, data.series(spec.published_quality, year)) if spec.quality else "- | - | - | -")
        cells.append(_stats(frame["effektivitetsindex"], data.series(spec.published_efficiency, year)))
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def dea_rows(data, reps: int = 1000) -> tuple[list[str], float, float]:
    rows, total, cpu = [], 0.0, 0.0
    for area in RKA_AREAS:
        t, c = time.perf_counter(), time.process_time()
        run = dea_area(area, 2022, reps=reps, seed=7, data=data)
        dt, dc = time.perf_counter() - t, time.process_time() - c
        total += dt
        cpu += dc
        res = run.result
        n = len(res.units) if res is not None else 0
        eff = int((res.scores > 1 - 1e-9).sum()) if res is not None else 0
        rows.append(f"| {area} | {' + '.join(run.inputs)} -> {' + '.join(run.outputs)} | {n} | "
                    f"{len(run.excluded)} | {eff} | {dt:.2f} | {dc:.2f} |")
    return rows, total, cpu
