"""Raw HTTP against a running Gradio app, as an outsider would drive it: read /config,
upload a file, and call any event by ``fn_index`` through the queue."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import httpx

API = "gradio_api"


def config(url: str) -> dict[str, Any]:
    return httpx.get(f"{url}config", timeout=30).json()


def elem_ids(cfg: dict[str, Any]) -> set[str]:
    return {c.get("props", {}).get("elem_id") for c in cfg["components"]} - {None}


def fn_index(cfg: dict[str, Any], elem_id: str) -> int:
    """The fn_index of the event triggered by the component with ``elem_id``."""
    ids = {c["id"] for c in cfg["components"] if c.get("props", {}).get("elem_id") == elem_id}
    for number, dep in enumerate(cfg["dependencies"]):
        if any(target[0] in ids for target in dep["targets"]):
            return dep.get("id", number)
    raise KeyError(elem_id)


def upload(url: str, path: Path) -> httpx.Response:
    with path.open("rb") as handle:
        return httpx.post(f"{url}{API}/upload", files={"files": (path.name, handle)}, timeout=60)


def file_data(server_path: str, name: str) -> dict[str, Any]:
    return {"path": server_path, "orig_name": name, "meta": {"_type": "gradio.FileData"}}


def call(url: str, index: int, data: list[Any], timeout: float = 120, session: str | None = None) -> dict[str, Any]:
    """Join the queue with ``fn_index`` and return the final message (``output`` or error).
    Calls with the same ``session`` share Gradio's per-session state."""
    session = session or uuid.uuid4().hex[:11]
    joined = httpx.post(f"{url}{API}/queue/join", json={"data": data, "fn_index": index, "session_hash": session,
                                                        "event_data": None, "trigger_id": None}, timeout=30)
    joined.raise_for_status()
    with httpx.stream("GET", f"{url}{API}/queue/data", params={"session_hash": session}, timeout=timeout) as stream:
        for line in stream.iter_lines():
            if not line.startswith("data:"):
                continue
            message = json.loads(line[5:])
            if message.get("msg") == "process_completed":
                return message
    raise AssertionError("no process_completed message")


def chat(url: str, question: Any) -> str:
    """POST /gradio_api/call/chat with any JSON value; the answer's text."""
    body = json.dumps({"data": [question]})  # ASCII escapes: a lone surrogate travels as \\ud800
    posted = httpx.post(f"{url}{API}/call/chat", content=body, headers={"content-type": "application/json"},
                        timeout=30)
    posted.raise_for_status()
    event = posted.json()["event_id"]
    with httpx.stream("GET", f"{url}{API}/call/chat/{event}", timeout=120) as stream:
        lines = list(stream.iter_lines())
    for kind, payload in zip(lines, lines[1:]):
        if kind == "event: complete":
            return json.loads(payload[5:])[0]
        if kind == "event: error":
            raise AssertionError(f"/chat gave an error: {payload}")
    raise AssertionError(f"no answer: {lines}")
