"""The page is served in Swedish: lang="sv" and our head script before Gradio's own."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from assistant.ui.layout import HEAD
from assistant.ui.page import SwedishPage, rewrite

pytestmark = pytest.mark.unit
PAGE = '<!doctype html>\n<html\n\tlang="en"\n>\n\t<head>\n\t\t<meta charset="utf-8" />'


def test_rewrite_sets_the_language_and_puts_the_head_first():
    out = rewrite(PAGE, "<script>x</script>")
    assert 'lang="sv"' in out and 'lang="en"' not in out
    assert out.index("<script>x</script>") < out.index("<meta charset")


def test_head_sets_swedish_locale_and_notification_titles():
    assert 'document.documentElement.lang = "sv"' in HEAD and '"sv-SE"' in HEAD
    assert '"warning": "Observera"' in HEAD


def _serve(path: str, content_type: bytes, body: bytes) -> tuple[dict, bytes]:
    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 200,
                    "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body[:10], "more_body": True})
        await send({"type": "http.response.body", "body": body[10:]})

    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request"}

    scope = {"type": "http", "method": "GET", "path": path}
    page = SwedishPage(app, head="<script>h</script>")
    # a thread of its own: an earlier test may leave an event loop running in this one
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, page(scope, receive, send)).result()
    start = next(m for m in sent if m["type"] == "http.response.start")
    return start, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def test_middleware_rewrites_the_page_and_fixes_its_length():
    start, body = _serve("/", b"text/html; charset=utf-8", PAGE.encode())
    assert b'lang="sv"' in body and b"<script>h</script>" in body
    assert dict(start["headers"])[b"content-length"] == str(len(body)).encode()


def test_middleware_leaves_everything_else_alone():
    _, body = _serve("/gradio_api/info", b"application/json", b'{"lang="en"": 1}')
    assert body == b'{"lang="en"": 1}'
    _, body = _serve("/", b"application/json", b'lang="en"')
    assert body == b'lang="en"'
