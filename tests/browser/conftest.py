"""Start the real app (real model, a copy of the index in var/) and a headless Chromium.

Chromium is Debian's (/usr/bin/chromium, installed by .ci/run); Playwright only drives
it, so ``playwright install`` is never needed. Screenshots go to test-artifacts/browser/.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "browser"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
START_TIMEOUT = 180  # seconds until the app has answered its warm-up questions
WARM = "Uppvärmningen klar"
WARM_FAILED = "Uppvärmningen misslyckades"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def app_server(tmp_path_factory):
    """The app as ``python app.py --host 127.0.0.1 --port N`` serves it, once its warm-up
    (model, index, Kolada caches) is done; yields (url, data_dir)."""
    index = REPO / "var" / "chroma"
    if not index.is_dir():
        pytest.skip("indexet i var/ saknas; kör make setup först")
    data_dir = tmp_path_factory.mktemp("appdata")
    shutil.copytree(index, data_dir / "chroma")  # feedback and uploads stay out of var/
    if (REPO / "var" / "sentences").is_dir():  # the sentence vectors built with the index
        shutil.copytree(REPO / "var" / "sentences", data_dir / "sentences")
    port = _free_port()
    log_path = data_dir / "app.log"
    env = {**os.environ, "EFFEKT_DATA_DIR": str(data_dir),
           "EFFEKT_ADMIN_PASSWORD": "webblasartest"}  # so the admin tab (login first) is walked too
    with log_path.open("w") as log:
        proc = subprocess.Popen([sys.executable, "app.py", "--host", "127.0.0.1", "--port", str(port)],
                                cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + START_TIMEOUT
    while WARM not in (text := log_path.read_text(errors="replace")):  # model loaded, caches filled
        if proc.poll() is not None or WARM_FAILED in text or time.time() > deadline:
            proc.kill()
            pytest.fail("appen startade inte:\n" + text[-3000:])
        time.sleep(0.5)
    yield f"http://127.0.0.1:{port}/", data_dir
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("EFFEKT_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} saknas (installeras av .ci/run)")
        pytest.skip(f"{CHROMIUM} saknas: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _open(browser, app_server, request, **context_args):
    context = browser.new_context(accept_downloads=True, **context_args)
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(app_server[0])
    return context, page


def _screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def phone(browser, app_server, request):
    """A 390x844 phone whose browser asks for English: the page must still be Swedish."""
    context, page = _open(browser, app_server, request, viewport={"width": 390, "height": 844},
                          device_scale_factor=2, is_mobile=True, has_touch=True, locale="en-US")
    page.shot = lambda name: _screenshot(page, name)  # type: ignore[attr-defined]
    yield page
    _screenshot(page, request.node.name)
    context.close()


@pytest.fixture
def page(browser, app_server, request):
    """A fresh browser session (its own Gradio session) on the app; a screenshot at the end."""
    context = browser.new_context(viewport={"width": 1300, "height": 1000}, locale="sv-SE", accept_downloads=True)
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(app_server[0])
    yield page
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
