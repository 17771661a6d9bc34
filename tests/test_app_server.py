"""The app served on 127.0.0.1: the /chat endpoint, concurrency, and the real assistant."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from assistant.formatting import genitive
from gradio_client import Client

from assistant.types import Answer
from assistant.ui import build_app, launch

REPO = Path(__file__).resolve().parent.parent
KOMMUNER = ["Växjö", "Kalmar", "Jönköping", "Umeå", "Gävle", "Luleå", "Malmö", "Lund", "Borås", "Skövde",
            "Östersund", "Karlstad", "Örebro", "Västerås", "Uppsala", "Sundsvall", "Falun", "Gotland", "Kiruna",
            "Ystad"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SlowEcho:
    """A fake assistant that takes a while and counts how many calls run at once."""

    def __init__(self, delay: float = 0.3) -> None:
        self.delay, self.running, self.peak = delay, 0, 0
        self.lock = threading.Lock()

    def __call__(self, question, history=None, settings=None) -> Answer:
        with self.lock:
            self.running += 1
            self.peak = max(self.peak, self.running)
        time.sleep(self.delay)
        with self.lock:
            self.running -= 1
        return Answer(text=f"**Svar om {question}**", route="kommun_figures")


@pytest.fixture
def served(tmp_settings):
    fake = SlowEcho()
    demo = build_app(fake, tmp_settings.with_(concurrency_limit=3))
    port = free_port()
    launch(demo, "127.0.0.1", port, prevent_thread_lock=True)
    yield f"http://127.0.0.1:{port}/", fake
    demo.close()


@pytest.mark.integration
def test_chat_endpoint_and_only_chat_is_public(served):
    url, _ = served
    client = Client(url, verbose=False)
    assert client.predict("Växjö <b>", api_name="/chat") == "**Svar om Växjö **"  # no HTML tag is passed on
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert list(endpoints) == ["/chat"]


@pytest.mark.integration
@pytest.mark.slow
def test_twenty_sessions_get_their_own_answers_within_the_concurrency_limit(served):
    url, fake = served

    def ask(kommun: str) -> str:
        return Client(url, verbose=False).predict(f"Hur effektiv är grundskolan i {kommun}?", api_name="/chat")

    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(ask, KOMMUNER))
    assert answers == [f"**Svar om Hur effektiv är grundskolan i {k}?**" for k in KOMMUNER]
    assert fake.peak == 3  # the limit is reached and never passed


@pytest.mark.integration
@pytest.mark.slow
def test_app_py_serves_the_real_assistant():
    """``python app.py --host --port`` with the real model and the index in var/."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "app.py", "--host", "127.0.0.1", "--port", str(port), "--no-warm-up"],
                            cwd=REPO, env=dict(os.environ), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = f"http://127.0.0.1:{port}/"
        deadline = time.time() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.time() > deadline or proc.poll() is not None:
                    pytest.fail("appen startade inte: " + (proc.stdout.read() if proc.poll() is not None else ""))
                time.sleep(0.5)
        text = Client(url, verbose=False).predict("Vad menas med effekthemtagning?", api_name="/chat")
        assert "effekthemtagning" in text.lower()
        assert "Källor" in text and "Handboken" in text

        def ask(kommun: str) -> str:
            return Client(url, verbose=False).predict(f"Hur effektiv är grundskolan i {kommun}?", api_name="/chat")

        with ThreadPoolExecutor(max_workers=20) as pool:
            answers = list(pool.map(ask, KOMMUNER))
        for kommun, answer in zip(KOMMUNER, answers):  # each session gets its own kommun, none mixed up
            assert answer.startswith(f"{genitive(kommun)} grundskola"), answer[:80]  # the verdict first
    finally:
        proc.terminate()
        proc.wait(timeout=20)
