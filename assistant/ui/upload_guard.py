"""ASGI middleware in front of Gradio: uploaded files are never served back, and without
an admin surface nobody may upload at all.

Gradio serves anything in its upload folder from ``/gradio_api/file=…`` (and
``/gradio_api/file/…``); the files a
visitor uploaded are refused here (404), as is ``POST /gradio_api/upload`` when no
admin password is configured (403). Size is capped by Gradio's ``max_file_size``.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote


class UploadGuard:
    def __init__(self, app, blocks=None, allow_upload: bool = False) -> None:
        self.app, self.blocks, self.allow_upload = app, blocks, allow_upload

    def _uploaded(self, requested: str) -> bool:
        files = getattr(self.blocks, "upload_file_set", None) or ()
        try:
            target = Path(requested).resolve()
        except (OSError, ValueError):
            return True
        return any(target == Path(f).resolve() for f in list(files))

    def _serves_upload(self, path: str) -> bool:
        """``/gradio_api/file=<path>`` and the older ``/gradio_api/file/<path>`` for an uploaded file."""
        for marker in ("/file=", "/file/"):
            if marker in path:
                rest = path.split(marker, 1)[1]
                if self._uploaded(rest) or self._uploaded("/" + rest.lstrip("/")):
                    return True
        return False

    async def __call__(self, scope, receive, send):
        if scope.get("type") == "http":
            path = unquote(scope.get("path", ""))
            refuse = None
            if scope.get("method") == "POST" and path.rstrip("/").endswith("/upload") and not self.allow_upload:
                refuse = 403
            elif self._serves_upload(path):
                refuse = 404
            if refuse:
                await send({"type": "http.response.start", "status": refuse,
                            "headers": [(b"content-type", b"text/plain; charset=utf-8")]})
                await send({"type": "http.response.body", "body": "Inte tillåtet.".encode()})
                return
        await self.app(scope, receive, send)
