"""Typed values that cross module borders: chunks, passages, citations, tool calls, answers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Chunk:
    """One indexed piece of the knowledge corpus with its provenance."""

    id: str
    source: str  # source registry id, e.g. "handbok", "socialstyrelsen-2021"
    section: str  # "Inledning", "Råd 2", "Källsammanfattning", "Ordlista", ...
    advice: int | None
    kind: str  # body | caption | footnote | summary | glossary | document
    text: str
    title: str = ""  # heading shown with the passage and given to the embedder
    footnotes: tuple[int, ...] = ()
    cites: tuple[str, ...] = ()  # source ids that the chunk's footnotes point to
    order: int = 0

    @property
    def searchable_text(self) -> str:
        """What both the embedder and BM25 read: the heading (section or term) and the text."""
        return f"{self.title}\n{self.text}" if self.title else self.text

    def metadata(self) -> dict[str, Any]:
        """Flat metadata for the vector store (Chroma accepts str/int/float/bool)."""
        return {
            "source": self.source,
            "section": self.section,
            "advice": self.advice if self.advice is not None else 0,
            "kind": self.kind,
            "title": self.title,
            "footnotes": ",".join(map(str, self.footnotes)),
            "cites": ",".join(self.cites),
            "order": self.order,
        }

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Chunk":
        data = dict(data)
        data["footnotes"] = tuple(data.get("footnotes", ()))
        data["cites"] = tuple(data.get("cites", ()))
        return cls(**data)


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with its rank (1 = best) and fused score."""

    chunk: Chunk
    rank: int
    score: float


@dataclass(frozen=True)
class Citation:
    """A numbered source reference in an answer; ``n`` matches the ``[n]`` marker."""

    n: int
    source: str
    section: str
    text: str
    advice: int | None = None
    source_title: str = ""
    cited_reports: tuple[str, ...] = ()
    chunk_id: str = ""  # the indexed chunk this citation quotes


@dataclass(frozen=True)
class ToolCall:
    name: str
    args: dict[str, Any]
    result: dict[str, Any]


@dataclass(frozen=True)
class Answer:
    """Everything the UI needs to render one reply; the UI never parses the text."""

    text: str  # Markdown, Swedish
    route: str
    citations: tuple[Citation, ...] = ()
    tool_calls: tuple[ToolCall, ...] = ()
    figures: tuple[dict[str, Any], ...] = ()  # plotly figure JSON
    notices: tuple[str, ...] = ()
    context: dict[str, Any] = field(default_factory=dict)  # entities kept for follow-ups
    retrieved: tuple[str, ...] = ()  # ids of the chunks retrieval returned for this answer
    choices: tuple[str, ...] = ()  # ask-back: questions the user can send with one click

    def to_dict(self) -> dict[str, Any]:
        return {
            "answer": self.text,
            "route": self.route,
            "citations": [
                {"n": c.n, "source": c.source, "section": c.section, "text": c.text}
                for c in self.citations
            ],
            "tool_calls": [
                {"name": t.name, "args": t.args, "result": t.result} for t in self.tool_calls
            ],
            "figures": list(self.figures),
            "choices": list(self.choices),
        }
