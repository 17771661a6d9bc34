"""``python -m assistant.eval understanding --questions FILE [--json]``.

For each question of ``questions_dev.jsonl`` (format in ``../shared/eval/README.md``) the
reading is compared with the expected one: intent, kommuner (the exact list), area, KPI
(the top choice within the acceptable set), year, scope, direction and limit. "Answered"
asks, for the questions that ask for a figure, whether the figure's value appears in the
answer's first 300 characters. The value is computed here from the snapshot (the asked
kommun's value of an acceptable KPI for the asked year, or the first place of a ranking),
formatted the Swedish way with 0-2 decimals, never read from the answer.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from pathlib import Path

from assistant.retrieval.lexical import fold

ANSWER_WINDOW = 300
FIELDS = ("intent", "kommuner", "area", "kpi", "year", "scope", "direction", "limit", "answered")


def expected_values(q: dict) -> list[float]:
    """The asked figure's candidate values, from the data (empty: the question asks for none)."""
    import indices

    kpis = q.get("kpis") or []
    if not kpis or q["intent"] not in {"kpi_value", "trend", "comparison", "ranking"}:
        return []
    data = indices.load_data()
    last = indices.latest_year(data)
    year = q.get("year") or (q.get("years") or [None, last])[1] or last
    values = []
    codes = q.get("kommuner") or []
    if q["intent"] == "ranking" and not codes:
        scope = q.get("scope") or {}
        pool = data.kommuner.index
        if scope.get("lan"):
            pool = pool[data.kommuner["lanskod"] == scope["lan"]]
        if scope.get("kommungrupp"):
            pool = pool[data.kommuner["kommungrupp_2023_code"] == scope["kommungrupp"]]
        for kpi in kpis:
            s = data.series(kpi, year).reindex(pool).dropna()
            if not s.empty:
                values.append(float(s.max() if q.get("direction") == "max" else s.min()))
        return values
    for kpi in kpis:
        for kod in codes:
            v = data.value(kod, kpi, year)
            if v is not None:
                values.append(v)
    return values


def shows(text: str, value: float) -> bool:
    from assistant import formatting as fmt

    head = text[:ANSWER_WINDOW]
    for decimals in (0, 1, 2):
        shown = fmt.number(value, decimals)
        if re.search(rf"(?<![\d,]){re.escape(shown)}(?![\d])", head):
            return True
    return False


def reading_checks(q: dict, r) -> dict[str, bool]:
    """field -> correct, for the fields the question specifies."""
    out: dict[str, bool] = {"intent": r.intent == q["intent"]}
    if "kommuner" in q:
        out["kommuner"] = list(r.kommuner) == q["kommuner"]
    if "area" in q:
        out["area"] = r.area == fold(q["area"]).replace(" ", "_")
    if "kpis" in q:
        top = r.kpis[0] if r.kpis else (r.kpi_candidates[0].kpi if r.kpi_candidates else None)
        out["kpi"] = top in q["kpis"]
    if "year" in q:
        out["year"] = r.year == q["year"]
    if "years" in q:
        out["year"] = list(r.years or ()) == q["years"]
    if "scope" in q:
        out["scope"] = r.scope.to_dict() == q["scope"]
    if "direction" in q:
        out["direction"] = r.direction == q["direction"]
    if "limit" in q:
        out["limit"] = r.limit == q["limit"]
    return out


def evaluate(questions: list[dict], answer_figures: bool = True) -> dict:
    from assistant.orchestrator import answer, previous_query
    from assistant.understanding import understand

    per_intent: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    overall: dict[str, list[bool]] = defaultdict(list)
    misses: list[dict] = []
    timings: list[float] = []
    for q in questions:
        history = [{"role": "user", "content": h} for h in q.get("history") or []]
        previous = previous_query(history)
        start = time.perf_counter()
        r = understand(q["question"], previous)
        timings.append(time.perf_counter() - start)
        checks = reading_checks(q, r)
        values = expected_values(q) if answer_figures else []
        if values:
            a = answer(q["question"], history=history)
            checks["answered"] = any(shows(a.text, v) for v in values)
        for field, ok in checks.items():
            per_intent[q["intent"]][field].append(ok)
            overall[field].append(ok)
        wrong = [f for f, ok in checks.items() if not ok]
        if wrong:
            misses.append({"id": q.get("id"), "wrong": wrong, "intent": r.intent, "kommuner": list(r.kommuner),
                           "area": r.area, "kpi": r.kpi, "years": list(r.years or ())})
    share = lambda xs: round(sum(xs) / len(xs), 4) if xs else None  # noqa: E731
    return {
        "n": len(questions),
        "overall": {f: share(overall[f]) for f in FIELDS if overall[f]},
        "counts": {f: len(overall[f]) for f in FIELDS if overall[f]},
        "per_intent": {i: {f: share(v[f]) for f in FIELDS if v[f]} for i, v in sorted(per_intent.items())},
        "understanding_ms_p50": round(sorted(timings)[len(timings) // 2] * 1000, 1) if timings else None,
        "misses": misses,
    }


def report(result: dict) -> str:
    lines = [f"{'avsikt':<16}" + "".join(f"{f:>10}" for f in FIELDS)]
    for intent, fields in result["per_intent"].items():
        lines.append(f"{intent:<16}" + "".join(f"{_pct(fields.get(f)):>10}" for f in FIELDS))
    lines.append(f"{'totalt':<16}" + "".join(f"{_pct(result['overall'].get(f)):>10}" for f in FIELDS))
    lines.append(f"({result['n']} frågor; antal bedömda per fält: "
                 + ", ".join(f"{f} {n}" for f, n in result["counts"].items()) + ")")
    for m in result["misses"]:
        lines.append(f"  fel {m['id']}: {', '.join(m['wrong'])} -> {m['intent']} {m['kommuner']} {m['area']} "
                     f"{m['kpi']} {m['years']}")
    return "\n".join(lines)


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{x * 100:.0f} %"


def run(path: Path, as_json: bool) -> int:
    from assistant.eval import load_questions

    result = evaluate(load_questions(path))
    print(report(result))
    if as_json:
        print(json.dumps(result, ensure_ascii=False))
    return 0
