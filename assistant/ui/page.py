"""Make Gradio's page itself Swedish: ``<html lang="sv">`` and our ``<head>`` script first.

Gradio serves its page with ``lang="en"`` and adds a custom ``head`` only after its own
scripts have started, too late to choose the locale its built-in labels use. This ASGI
middleware rewrites the page (only the HTML at the app's root) as it is sent.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


def rewrite(html: str, head: str) -> str:
    """The page with ``lang="sv"`` and ``head`` as the first thing in ``<head>``."""
    html = html.replace('lang="en"', 'lang="sv"', 1)
    return html.replace("<head>", "<head>\n" + head, 1)


class SwedishPage:
    """ASGI middleware: GET / (and /?...) responses of type text/html are rewritten."""

    def __init__(self, app: Callable[..., Awaitable[None]], head: str) -> None:
        self.app, self.head = app, head

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http" or scope.get("method") != "GET" or scope.get("path") not in ("/", ""):
            await self.app(scope, receive, send)
            return
        start: Message = {}
        body: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            content = b"".join(body)
            if any(k.lower() == b"content-type" and v.startswith(b"text/html") for k, v in headers):
                content = rewrite(content.decode("utf-8"), self.head).encode("utf-8")
            await send({**start, "headers": [*headers, (b"content-length", str(len(content)).encode())]})
            await send({"type": "http.response.body", "body": content})

        await self.app(scope, receive, capture)
