"""Hybrid retrieval: Swedish BM25 (stems and character n-grams) plus dense vectors,
fused by weighted reciprocal rank fusion, with a source prior and a relevance cut-off.

Method: RRF as in Cormack, Clarke & Büttcher (SIGIR 2009), score = sum_r w_r / (k + rank_r).
Two more ranked lists sharpen the first place, since a handbook answer opens from the
top passage: passages by their best sentence vector (see :mod:`sentences`) and passages
containing the question's rare words ("kommunhatten"). The top candidates are then
reranked by their best sentence (dense cosine plus the idf-weighted share of the
question's words that sentence contains), as in passage-level evidence aggregation
(Callan, SIGIR 1994: a passage's best part predicts its relevance).
The handbook is the primary source: its passages get a small prior over the summaries
and glossary that paraphrase it, and the summary of a report that the top handbook
passage cites is placed right after it.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from assistant.retrieval import focus
from assistant.retrieval.lexical import LexicalIndex, ranked
from assistant.retrieval.sentences import SentenceIndex
from assistant.types import Chunk, Passage

CANDIDATES = 30


@dataclass(frozen=True)
class FusionParams:
    rrf_k: float = 10.0
    weights: dict[str, float] = field(
        default_factory=lambda: {"stem": 1.0, "gram": 0.5, "dense": 1.0, "sentence": 1.0, "rare": 1.0}
    )
    rare_max_df: int = 2  # a stem in at most this many chunks counts as rare
    rerank_depth: int = 8  # candidates reranked by their best sentence
    rerank_weight: float = 0.7  # weight of the best-sentence score against the fused score
    rerank_grams: float = 0.0  # weight of the n-gram share in the best-sentence score
    rerank_cue: float = 0.0  # bonus for a sentence with the answer's form ("orsak" for "varför")
    focus: bool = True  # open from a råd's own section / a term's glossary entry (see focus.py)
    leaning: float = 0.3  # lift for the passages of the råd a question leans to, × the top score (0.15-0.6 equal)
    source_prior: dict[str, float] = field(
        default_factory=lambda: {"handbok": 1.0, "summary": 0.7, "glossary": 0.7, "document": 1.0}
    )
    # Relevance cut-off, calibrated on on- and off-topic questions (docs/benchmarks.md):
    # off-topic questions reached cosine <= 0.28 and word coverage <= 0.41, on-topic
    # ones cosine >= 0.42 and coverage 1.0 with EmbeddingGemma.
    min_dense: float = 0.35  # cosine similarity of the best chunk
    min_coverage: float = 0.5  # idf-weighted share of query words known to the corpus
    min_coverage_dense: float = 0.2
    # A query whose words all occur in the corpus (e.g. "aldreomsorg", typed without
    # diacritics, which the embedder reads poorly) only needs a weak dense signal.
    strong_coverage: float = 0.8
    min_dense_lexical: float = 0.2


class HybridRetriever:
    """Search the chunks; ``dense`` is a LangChain vector store or None (BM25 only)."""

    def __init__(self, chunks: Sequence[Chunk], dense=None, embeddings=None,
                 params: FusionParams | None = None, sentences: SentenceIndex | None = None) -> None:
        self.chunks = list(chunks)
        self.by_id = {c.id: i for i, c in enumerate(self.chunks)}
        self.lexical = LexicalIndex([c.searchable_text for c in self.chunks])
        self.dense = dense
        self.embeddings = embeddings
        self.params = params or FusionParams()
        self.sentences = sentences if dense is not None else None
        self._rows: dict[int, list[int]] = {}  # chunk index -> its sentence rows, in order
        if self.sentences is not None:
            for row, owner in enumerate(self.sentences.owners):
                self._rows.setdefault(int(owner), []).append(row)
        self._lock = threading.Lock()

    @property
    def mode(self) -> str:
        return "hybrid" if self.dense is not None else "bm25"

    # -- single retrievers -------------------------------------------------------
    def dense_ranking(self, query: str, limit: int = CANDIDATES) -> list[tuple[int, float]]:
        """(chunk index, cosine similarity), best first; empty without a dense store."""
        if self.dense is None:
            return []
        vector = self.embeddings.embed_query(query)
        with self._lock:  # the embedded client is not re-entrant under load
            hits = self.dense.similarity_search_by_vector_with_relevance_scores(vector, k=limit)
        out = []
        for doc, distance in hits:
            index = self.by_id.get(doc.id)
            if index is not None:
                out.append((index, 1.0 - float(distance)))
        return out

    def bm25_ranking(self, query: str, limit: int = CANDIDATES) -> dict[str, list[tuple[int, float]]]:
        stem = ranked(self.lexical.stem_scores(query), limit)
        gram = ranked(self.lexical.gram_scores(query), limit)
        return {"stem": [(h.index, h.score) for h in stem], "gram": [(h.index, h.score) for h in gram]}

    def sentence_cosines(self, query: str) -> np.ndarray | None:
        """Cosine of every corpus sentence to the query (None without sentence vectors)."""
        if self.sentences is None or not len(self.sentences):
            return None
        return self.sentences.cosines(self.embeddings.embed_query(query))

    def sentence_scores(self, query: str) -> dict[tuple[str, int], float]:
        """``(chunk id, sentence position) -> cosine`` for extraction; empty without vectors."""
        cosines = self.sentence_cosines(query)
        if cosines is None:
            return {}
        return {(self.chunks[o].id, p): c for (o, p), c in self.sentences.lookup(cosines).items()}

    def precision_lists(self, query: str, cosines: np.ndarray | None) -> dict[str, list[tuple[int, float]]]:
        """Passages by best sentence vector, and passages holding the question's rare words."""
        lists: dict[str, list[tuple[int, float]]] = {}
        if cosines is not None:
            best = self.sentences.best_per_chunk(cosines, len(self.chunks))
            order = np.argsort(-best, kind="stable")[:CANDIDATES]
            lists["sentence"] = [(int(i), float(best[i])) for i in order if best[i] > -1]
        rare = ranked(self.lexical.rare_term_scores(query, self.params.rare_max_df), CANDIDATES)
        if rare:
            lists["rare"] = [(h.index, h.score) for h in rare]
        return lists

    # -- fused search ------------------------------------------------------------
    def search(self, query: str, k: int = 5, method: str = "hybrid") -> list[Passage]:
        """Top-k passages; [] when the question is off-topic for the corpus.

        ``method`` is ``hybrid`` (everything), ``bm25`` or ``dense`` (one retriever alone,
        for comparison); ``fusion`` is the plain three-list RRF without the precision steps.
        """
        query = query.strip()
        if not query:
            return []
        lists = {} if method == "dense" else self.bm25_ranking(query)
        dense = [] if method == "bm25" else self.dense_ranking(query)
        if dense:
            lists["dense"] = dense
        if not self._relevant(query, dense) and not (method == "hybrid" and focus.advice_focus(query)):
            return []  # ("Vad säger det fjärde rådet?" is on topic whatever its word coverage)
        cosines = None
        if method == "hybrid":
            cosines = self.sentence_cosines(query)
            lists.update(self.precision_lists(query, cosines))
        fused = self._fuse(lists)
        if method == "hybrid":
            fused = self._focus(query, self._rerank(query, fused, cosines))
        order = self._attach_cited_summaries(fused)
        return [Passage(self.chunks[i], rank=r + 1, score=round(fused[i], 6))
                for r, i in enumerate(order[:k])]

    def _rerank(self, query: str, fused: dict[int, float], cosines: np.ndarray | None) -> dict[int, float]:
        """Rescore the top candidates: fused score (scaled to the best) plus the score of
        their best sentence; candidates below the depth keep their order behind them."""
        depth = self.params.rerank_depth
        order = sorted(fused, key=lambda i: (-fused[i], i))
        top = order[:depth]
        if not top:
            return fused
        best_fused = fused[top[0]] or 1.0
        sentence_best = self._best_sentence_scores(query, top, cosines)
        scores = {i: fused[i] / best_fused + self.params.rerank_weight * sentence_best[i] for i in top}
        floor = min(scores.values())
        out = dict(fused)
        for i in top:
            out[i] = 10.0 + scores[i] - floor  # above every candidate past the depth
        return out

    def _focus(self, query: str, fused: dict[int, float]) -> dict[int, float]:
        """A question about one råd opens with that råd's first passage, its own passages
        next; "Vad innebär X?" opens with the glossary entry for X when there is one, and
        a question about a named report with that report's summary."""
        if not self.params.focus:
            return fused
        advice = focus.advice_focus(query)
        top = max(fused.values(), default=0.0)
        out = dict(fused)
        if advice is not None:
            for i, chunk in enumerate(self.chunks):
                if chunk.source == "handbok" and chunk.advice == advice:
                    out[i] = out.get(i, 0.0) + top + 1.0
            opening = focus.opening_chunk(self.chunks, advice)
            if opening is not None:
                out[opening] = 3.0 * top + 3.0
            return out
        term = focus.defined_term(query)
        entry = focus.glossary_chunk(self.chunks, term) if term else None
        entry = entry if entry is not None else focus.report_chunk(query, self.chunks)
        if entry is not None:
            out[entry] = top + 1.0
            return out
        leaning = focus.advice_leaning(query)
        if leaning is not None and self.params.leaning:
            for i in out:
                if self.chunks[i].advice == leaning:
                    out[i] += self.params.leaning * top
        return out

    def _best_sentence_scores(self, query: str, candidates: list[int],
                              cosines: np.ndarray | None) -> dict[int, float]:
        """Best sentence of each candidate: dense cosine (if any) + the extraction's own
        sentence score (word coverage, n-gram share, answer-form cue)."""
        from assistant.extract import in_context, sentence_scorer, sentences  # shared with extraction

        scorer = sentence_scorer(query, self.lexical, self.params.rerank_grams, self.params.rerank_cue)
        out = {}
        for i in candidates:
            rows = self._rows.get(i, [])
            texts = sentences(self.chunks[i].text)
            dense = [float(cosines[r]) for r in rows] if cosines is not None and len(rows) == len(texts) \
                else [0.0] * len(texts)
            lexical = [scorer(in_context(t, texts[k - 1] if k else None))[0] for k, t in enumerate(texts)]
            out[i] = max((x + d for x, d in zip(lexical, dense)), default=0.0)
        return out

    def _relevant(self, query: str, dense: list[tuple[int, float]]) -> bool:
        """Off-topic guard. With a dense model the best cosine decides (word coverage
        only has to be non-trivial, since compounds like ``skolinsatser`` are unseen
        words); BM25 alone needs most of the query's content words in the corpus."""
        coverage = self.lexical.coverage(query)
        if dense:
            best = dense[0][1]
            semantic = best >= self.params.min_dense and coverage >= self.params.min_coverage_dense
            lexical = coverage >= self.params.strong_coverage and best >= self.params.min_dense_lexical
            return semantic or lexical
        return coverage >= self.params.min_coverage

    def _fuse(self, lists: dict[str, list[tuple[int, float]]]) -> dict[int, float]:
        scores: dict[int, float] = {}
        for name, hits in lists.items():
            weight = self.params.weights.get(name, 1.0)
            for rank, (index, _) in enumerate(hits, start=1):
                scores[index] = scores.get(index, 0.0) + weight / (self.params.rrf_k + rank)
        for index in scores:
            chunk = self.chunks[index]
            key = chunk.source if chunk.source == "handbok" else chunk.kind
            scores[index] *= self.params.source_prior.get(key, 1.0)
        return scores

    def _attach_cited_summaries(self, scores: dict[int, float]) -> list[int]:
        order = sorted(scores, key=lambda i: (-scores[i], i))
        if not order or self.chunks[order[0]].source != "handbok":
            return order
        cited = set(self.chunks[order[0]].cites)
        summaries = [i for i in order[1:] if self.chunks[i].kind == "summary"
                     and self.chunks[i].source in cited]
        if not summaries:
            return order
        best = summaries[0]
        rest = [i for i in order[1:] if i != best]
        return [order[0], best, *rest]

