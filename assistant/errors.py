"""One error family whose messages are Swedish and safe to show to a user.

Lower layers raise plain ``ValueError``/``KeyError``; the orchestrator is the only
place that turns an exception into answer text.
"""

from __future__ import annotations


class AssistantError(Exception):
    """An error with a message written for the user, in Swedish."""

    def __init__(self, message: str, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.suggestions = suggestions


class InvalidQuestion(AssistantError):
    """Empty, too long or otherwise unusable input."""


class AmbiguousKommun(AssistantError):
    """The name matched no kommun exactly; the user picks among candidates."""

