"""Plain text out of corpus markup: HTML, Markdown images and links never reach an answer.

Passages are cleaned when a document is chunked (:func:`plain_text`) and answer text
once more where it is rendered (:func:`answer_markdown`), so a document that slipped in
before this check, or a composer that quotes a passage verbatim, cannot put an
``<img>``, a ``javascript:`` link or a tracking pixel in front of a reader.
"""

from __future__ import annotations

import html
import re

_BLOCKS = re.compile(r"<(script|style|noscript|template)\b.*?(</\1\s*>|$)", re.I | re.S)
_COMMENT = re.compile(r"<!--.*?(-->|$)", re.S)
_TAG = re.compile(r"</?[A-Za-z!?][^<>]*>")
_TARGET = r"\((?:[^()\n]|\([^()\n]*\))*\)"  # (url), one level of nested parentheses
_IMAGE = re.compile(r"!\[[^\]\n]*\](" + _TARGET + r"|\[[^\]\n]*\])")
_LINK = re.compile(r"\[([^\]\n]*)\]" + _TARGET)
_REF_DEFINITION = re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*\S+.*$", re.M)
_SCHEME = re.compile(r"\b(javascript|vbscript|data)\s*:(?=\S)", re.I)
_BARE_ANGLE_URL = re.compile(r"<(https?://[^<>\s]+)>")


def strip_markup(text: str) -> str:
    """Remove HTML (tags, comments, script blocks), Markdown images and link targets.

    Link text is kept (``[Rapport](http://x)`` -> ``Rapport``); an image disappears with
    its alt text; ``javascript:``-style schemes lose their colon so nothing can run.
    """
    previous = None
    while previous != text:  # entities can hide a second layer: &lt;img&gt;
        previous = text
        text = _BARE_ANGLE_URL.sub(r"\1", text)
        text = _BLOCKS.sub(" ", text)
        text = _COMMENT.sub(" ", text)
        text = _TAG.sub(" ", text)
        text = _IMAGE.sub(" ", text)
        text = _LINK.sub(r"\1", text)
        text = _REF_DEFINITION.sub("", text)
        text = html.unescape(text)
    text = _SCHEME.sub(lambda m: m.group(1) + " ", text)
    return re.sub(r"[ \t]{2,}", " ", text)


def plain_text(text: str) -> str:
    """Passage text for the index: no markup, single spaces, paragraphs kept."""
    text = strip_markup(text)
    lines = [re.sub(r"\s+", " ", line).strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def answer_markdown(text: str) -> str:
    """Answer Markdown as composed by code (bold, lists, ``[n]`` markers) with any
    markup quoted from the corpus removed."""
    return strip_markup(text)
