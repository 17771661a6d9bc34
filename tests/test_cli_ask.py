"""The command-line contract of ``python -m assistant ask ... --json`` (issue 4).

stdout is exactly one JSON object: answer (str), route (str), citations [{n, source,
section, text}], tool_calls [{name, args, result}], figures (list of plotly JSON), choices
(ask-back questions, usually empty).
``--history FILE`` takes a JSON list of {role, content} turns. The runs start in
parallel, since each one loads the assistant from scratch.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parent.parent
KEYS = {"answer", "route", "citations", "tool_calls", "figures", "choices"}
HANDBOOK_QUESTION = "Vilka exempel på förebyggande arbete i skolan tar handboken upp?"
HISTORY = [
    {"role": "user", "content": "Hur effektiv är äldreomsorgen i Växjö 2021?"},
    {"role": "assistant", "content": "**Växjö – äldreomsorgen 2021** ..."},
]


def _start(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "assistant", "ask", *args], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")


def _finish(proc: subprocess.Popen) -> dict:
    stdout, stderr = proc.communicate(timeout=300)
    assert proc.returncode == 0, stderr[-2000:]
    payload = json.loads(stdout)  # the whole of stdout: one JSON object, nothing else
    assert isinstance(payload, dict)
    return payload


@pytest.fixture(scope="module")
def runs(tmp_path_factory, knowledge_dir) -> dict[str, dict]:
    history = tmp_path_factory.mktemp("cli") / "historik.json"
    history.write_text(json.dumps(HISTORY, ensure_ascii=False), encoding="utf-8")
    procs = {
        "handbook": _start(HANDBOOK_QUESTION, "--json"),
        "followup": _start("Och Kalmar?", "--history", str(history), "--json"),
    }
    return {name: _finish(proc) for name, proc in procs.items()}


def _check_shape(payload: dict) -> None:
    assert set(payload) == KEYS
    assert isinstance(payload["answer"], str) and payload["answer"].strip()
    assert isinstance(payload["route"], str)
    assert isinstance(payload["citations"], list)
    for c in payload["citations"]:
        assert set(c) == {"n", "source", "section", "text"}
        assert isinstance(c["n"], int) and all(isinstance(c[k], str) for k in ("source", "section", "text"))
    assert isinstance(payload["tool_calls"], list)
    for t in payload["tool_calls"]:
        assert set(t) == {"name", "args", "result"}
        assert isinstance(t["name"], str) and isinstance(t["args"], dict) and isinstance(t["result"], dict)
    assert isinstance(payload["figures"], list)
    assert all(isinstance(f, dict) for f in payload["figures"])


def test_handbook_answer_json(runs):
    payload = runs["handbook"]
    _check_shape(payload)
    assert payload["route"] == "handbook"
    assert payload["citations"] and payload["tool_calls"] == []
    assert [c["n"] for c in payload["citations"]] == list(range(1, len(payload["citations"]) + 1))
    for c in payload["citations"]:
        assert f"[{c['n']}]" in payload["answer"]
    assert any(c["source"] == "handbok" and c["section"] == "Råd 3" for c in payload["citations"])
    assert "läxhjälp" in payload["answer"]


def test_history_file_carries_area_and_year(runs):
    payload = runs["followup"]
    _check_shape(payload)
    assert payload["route"] == "profile"
    call = payload["tool_calls"][0]
    assert call["name"] == "profile"
    assert call["args"] == {"kommun": "0880", "area": "aldreomsorg", "year": 2021}
    assert call["result"]["kommunkod"] == "0880"
    assert "Kalmar" in payload["answer"] and "2021" in payload["answer"]
    assert payload["figures"] and "data" in payload["figures"][0]
