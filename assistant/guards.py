"""Input checks before routing: empty, too long, markup, instructions, English."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from assistant.errors import InvalidQuestion
from assistant import messages

MAX_CHARS = 2000
_TAG = re.compile(r"<[^>]{0,200}>")
_INJECTION = re.compile(
    r"ignorera (alla )?(tidigare )?(instruktioner|regler)|glöm (alla )?instruktioner|"
    r"ignore (all )?(previous )?instructions|system ?prompt|du är nu|you are now",
    re.I,
)
_ENGLISH = frozenset("the what is are how which why does do of in and to for with municipality".split())
_SWEDISH = frozenset("och är vad hur vilka varför att det som för med en ett i på kommun".split())


@dataclass(frozen=True)
class CleanQuestion:
    text: str
    notices: tuple[str, ...]
    english: bool


def clean(question: str | None) -> CleanQuestion:
    """Normalise the question; raise InvalidQuestion with a Swedish message if unusable."""
    text = (question or "").strip()
    if not text:
        raise InvalidQuestion(messages.EMPTY_QUESTION)
    if len(text) > MAX_CHARS:
        raise InvalidQuestion(messages.TOO_LONG)
    notices = []
    text = html.unescape(text)
    if _TAG.search(text):
        text = _TAG.sub(" ", text)  # markup is dropped; what is left is read as plain words
    if _INJECTION.search(text):
        notices.append(messages.INJECTION_NOTE)
        text = _INJECTION.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    words = re.findall(r"[a-zåäö]+", text.lower())
    english = sum(w in _ENGLISH for w in words) > max(1, sum(w in _SWEDISH for w in words))
    if english:
        notices.append(messages.ENGLISH_NOTE)
    if not re.search(r"[A-Za-zÅÄÖåäö0-9]", text):
        raise InvalidQuestion(messages.EMPTY_QUESTION)
    return CleanQuestion(text=text, notices=tuple(notices), english=english)
