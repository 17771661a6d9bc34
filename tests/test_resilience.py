"""Partial data and slow dependencies: no Kolada, a chat model that never answers, a
broken --history file. Each keeps the rest of the assistant answering in Swedish."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from assistant import llm, orchestrator
from assistant.cli import read_history
from assistant.config import load_settings
from tests import gradio_http as web
from tests.test_app_server import free_port

REPO = Path(__file__).resolve().parent.parent


class SilentServer:
    """Accepts TCP connections and never answers: the chat endpoint of the finding."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.connections, self.open = 0, []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            self.open.append(conn)

    def close(self) -> None:
        for conn in self.open:
            conn.close()
        self.sock.close()


class HttpChatModel:
    """The smallest tool-calling chat model that talks HTTP with a timeout, like the real clients."""

    def __init__(self, url: str, timeout: float) -> None:
        self.url, self.timeout = url, timeout

    def bind_tools(self, tools):
        return self

    def invoke(self, messages):
        return httpx.post(self.url, json={"messages": [str(m) for m in messages]}, timeout=self.timeout)


@pytest.mark.integration
def test_a_silent_chat_model_costs_one_timeout_then_is_skipped(tmp_path, knowledge_dir):
    server = SilentServer()
    settings = load_settings({"EFFEKT_KNOWLEDGE_DIR": str(knowledge_dir), "EFFEKT_DATA_DIR": str(tmp_path),
                              "EFFEKT_EMBEDDING_MODEL": "none", "EFFEKT_LLM_BACKEND": "openai",
                              "EFFEKT_LLM_BACKOFF": "60", "EFFEKT_LLM_TIMEOUT": "1"})
    key = f"{settings.llm_backend}|{settings.llm_model}|{settings.llm_base_url}|{settings.llm_gguf_path}"
    orchestrator._models[key] = HttpChatModel(f"http://127.0.0.1:{server.port}/v1/chat", settings.llm_timeout)
    try:
        orchestrator.answer("Hur effektiv är grundskolan i Växjö?", settings=settings)  # warm the Kolada caches
        llm.breaker.reset()
        server.connections = 0
        start = time.perf_counter()
        first = orchestrator.answer("Hur effektiv är grundskolan i Kalmar?", settings=settings)
        first_seconds = time.perf_counter() - start
        assert server.connections == 1 and first_seconds < 1 + 3  # one call: the tool request timed out
        assert first.text.startswith("Kalmars grundskola") and not first.context.get("llm")
        start = time.perf_counter()
        for question in ("Hur effektiv är grundskolan i Umeå?", "Vad menas med effekthemtagning?"):
            assert "Något gick fel" not in orchestrator.answer(question, settings=settings).text
        assert server.connections == 1  # the breaker is open: no new connection
        assert time.perf_counter() - start < first_seconds + 2
    finally:
        orchestrator._models.pop(key, None)
        server.close()


@pytest.mark.unit
def test_breaker_opens_only_for_timeouts_and_connection_errors():
    assert llm.is_unreachable(httpx.ReadTimeout("slow")) and llm.is_unreachable(ConnectionRefusedError())
    wrapped = RuntimeError("wrapped")
    wrapped.__cause__ = httpx.ConnectError("refused")
    assert llm.is_unreachable(wrapped) and not llm.is_unreachable(ValueError("bad json"))


@pytest.mark.unit
def test_history_files_are_checked_with_swedish_messages(tmp_path):
    cases = {"trasig.json": ("{bad", r"inte giltig JSON \(rad 1"), "lista.json": ("[1, 2]", "JSON-lista med turer"),
             "objekt.json": ('{"role": "user"}', "JSON-lista med turer"),
             "latin1.json": ("[]".encode() + "å".encode("latin-1"), "UTF-8")}
    for name, (content, message) in cases.items():
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        with pytest.raises(ValueError, match=message):
            read_history(str(path))
    with pytest.raises(ValueError, match="finns inte"):
        read_history(str(tmp_path / "saknas.json"))
    good = tmp_path / "ok.json"
    good.write_text('[{"role": "user", "content": "Hur effektiv är grundskolan i Växjö?"}]', encoding="utf-8")
    assert read_history(str(good))[0]["role"] == "user"


@pytest.mark.integration
@pytest.mark.slow
def test_without_kolada_the_app_starts_and_answers_handbook_questions(tmp_path, knowledge_dir):
    empty = tmp_path / "kolada"
    empty.mkdir()
    env = {**os.environ, "EFFEKT_KOLADA_DIR": str(empty), "EFFEKT_KNOWLEDGE_DIR": str(knowledge_dir),
           "EFFEKT_DATA_DIR": str(tmp_path / "data"), "EFFEKT_EMBEDDING_MODEL": "none"}
    bad = tmp_path / "trasig.json"
    bad.write_text("{bad", encoding="utf-8")
    cli = subprocess.run([sys.executable, "-m", "assistant", "ask", "Vad menas med effekthemtagning?",
                          "--history", str(bad)], capture_output=True, text=True, env=env, cwd=REPO, timeout=120)
    assert cli.returncode == 2 and cli.stderr.startswith("Fel: Historikfilen") and "Traceback" not in cli.stderr
    port = free_port()
    proc = subprocess.Popen([sys.executable, "app.py", "--host", "127.0.0.1", "--port", str(port), "--no-warm-up"],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.time() + 90
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    pytest.fail("appen startade inte utan Kolada: " + (proc.stdout.read() if proc.poll() else ""))
                time.sleep(0.5)
        url = f"http://127.0.0.1:{port}/"
        handbook = web.chat(url, "Vad menas med effekthemtagning?")
        assert "effekthemtagning" in handbook.lower() and "Handboken" in handbook
        figures = web.chat(url, "Hur effektiv är grundskolan i Växjö?")
        assert figures.startswith("Kommundata från Kolada saknas")
        assert "tab-admin" not in str(web.config(url))  # no password configured: no admin tab
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_script_and_style_content_is_dropped_with_the_markup():
    from assistant import guards

    cleaned = guards.clean("<script>alert('x')</script> Vad innebär <b>digital</b> nattillsyn?<style>p{}</style>")
    assert cleaned.text == "Vad innebär digital nattillsyn?"
