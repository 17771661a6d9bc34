"""Who may administer: a password (or its PBKDF2 hash) from the settings, checked on the
server for every admin call. Without either setting there is no admin surface at all.

A hash is made with ``python -m assistant lösenordshash`` and set as
``EFFEKT_ADMIN_PASSWORD_HASH`` (format ``pbkdf2_sha256$<iterations>$<salt>$<digest>``).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time

from assistant.config import Settings

log = logging.getLogger(__name__)
ITERATIONS = 300_000
FAILURE_DELAY = 1.0  # seconds; admin calls run one at a time, so guessing is slow


def hash_password(password: str, iterations: int = ITERATIONS, salt: str | None = None) -> str:
    salt = salt or secrets.token_hex(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt.encode(), iterations).hex()
    return f"pbkdf2_sha256${iterations}${salt}${digest}"


def _matches_hash(password: str, stored: str) -> bool:
    try:
        scheme, iterations, salt, digest = stored.split("$")
        if scheme != "pbkdf2_sha256":
            return False
        candidate = hash_password(password, int(iterations), salt).rsplit("$", 1)[1]
    except ValueError:
        log.error("EFFEKT_ADMIN_PASSWORD_HASH har fel format; inloggning är inte möjlig.")
        return False
    return hmac.compare_digest(candidate, digest)


def verify(settings: Settings, password: object) -> bool:
    """Is ``password`` the admin password? False (after a short delay) for anything else,
    including a non-string value a client may send."""
    ok = False
    if isinstance(password, str) and password and settings.admin_enabled:
        if settings.admin_password_hash:
            ok = _matches_hash(password, settings.admin_password_hash)
        else:
            ok = hmac.compare_digest(password.encode("utf-8", "surrogatepass"),
                                     settings.admin_password.encode("utf-8", "surrogatepass"))
    if not ok:
        log.warning("Nekad administratörsåtgärd (fel eller saknat lösenord)")
        time.sleep(FAILURE_DELAY)
    return ok
