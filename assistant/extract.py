"""Query-focused extraction: pick the sentences of the top passages that answer the question.

Each sentence is scored by the idf-weighted share of the question's stems it contains,
the share of the question's character n-grams (for compounds), and a prior for the
passage's rank. The best sentence always goes in; others join if they score at least
half as well, and the sentence right after the best one joins when it continues the
thought (it starts with a connective such as "Det", "Detta", "För det ...").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from assistant.retrieval.lexical import LexicalIndex, fold, ngram_tokens, stem_tokens
from assistant.types import Passage

_SPLIT = re.compile(r"(?<=[.!?”])(?<!\s\d\.)\s+(?=[A-ZÅÄÖ”\"(0-9])")
_CONTINUES = re.compile(r"^(Det|Detta|Dessa|Där|Då|Därför|Men|Ändå|Samtidigt|För det|Den|Man|Ett|En)\b")
# A sentence that opens by pointing back needs the sentence before it to make sense.
_POINTS_BACK = re.compile(r"^(Den|Det|Detta|Dessa|Denna|Där|Då|Därför|Samtidigt|Ändå|Dock|Också|Här)\b"
                          r"(?! (finns|är|gäller|handlar|krävs|kan|behövs)\b)")
MAX_SENTENCES = 6  # an answer is 3-6 sentences
MIN_SENTENCES = 3
MAX_FOLLOWERS = 2
SHORT_SENTENCE = 12  # words; a topic sentence this short is followed by its elaboration
PREFIX = 7  # long stems sharing this prefix count as the same word (effektivisera/-ing)
CUE_BONUS = 0.3

# Question types and the sentence cues that tend to answer them (folded text).
ANSWER_CUES: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"\bvarfor\b"), re.compile(r"orsak|darfor|eftersom|beror|skal|pa grund av|leder till")),
    (re.compile(r"\b(vad (ar|innebar|menas|betyder)|skillnad)"),
     re.compile(r"handlar om|innebar|menas|betyder|definier|ar att")),
    (re.compile(r"\bhur (manga|mycket|stor|lang)|\bnar\b|\bvilket ar\b"), re.compile(r"\d")),
)


@dataclass(frozen=True)
class Sentence:
    passage: int  # index into the passages list
    position: int
    text: str
    score: float
    answers_form: bool = False  # matches the cue of the question's type ("orsak" for "varför")


def sentences(text: str) -> list[str]:
    """Split a passage into sentences, keeping a numbered list together with its intro."""
    parts = [p.strip() for line in text.splitlines() for p in _SPLIT.split(line) if p.strip()]
    merged: list[str] = []
    for part in parts:
        if merged and (re.match(r"^\d\.\s", part) or merged[-1].endswith(":")):
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return merged


# Words that give a question its form, not its topic ("Vad innebär X?" is about X).
QUESTION_FORM_WORDS = ("innebär", "innebära", "menas", "betyder", "betyda", "avses", "definieras")


def score_sentences(question: str, passages: list[Passage], lexical: LexicalIndex,
                    max_passages: int = 3) -> list[Sentence]:
    q_stems = set(stem_tokens(question)) - {stem_tokens(w)[0] for w in QUESTION_FORM_WORDS}
    q_grams = set(ngram_tokens(question))
    idf = lexical.stem_idf
    default_idf = math.log(lexical.size + 1)
    weights = {t: idf.get(t, default_idf) for t in q_stems}
    total = sum(weights.values()) or 1.0
    folded_q = fold(question)
    cues = [cue for qtype, cue in ANSWER_CUES if qtype.search(folded_q)]
    scored: list[Sentence] = []
    for p_index, passage in enumerate(passages[:max_passages]):
        prior = 0.3 / (p_index + 1)
        for position, sentence in enumerate(sentences(passage.chunk.text)):
            s_stems = set(stem_tokens(sentence))
            prefixes = {t[:PREFIX] for t in s_stems if len(t) >= PREFIX}
            lex = sum(w for t, w in weights.items()
                      if t in s_stems or (len(t) >= PREFIX and t[:PREFIX] in prefixes)) / total
            grams = len(q_grams & set(ngram_tokens(sentence))) / (len(q_grams) or 1)
            form = any(c.search(fold(sentence)) for c in cues)
            cue = CUE_BONUS if lex > 0 and form else 0.0
            scored.append(Sentence(p_index, position, sentence, lex + 0.5 * grams + prior + cue, form))
    return scored


def select(scored: list[Sentence], max_sentences: int = MAX_SENTENCES - 1) -> list[Sentence]:
    """The best sentence, close runners-up and the best one's continuation, in reading order."""
    if not scored:
        return []
    ranked = sorted(scored, key=lambda s: -s.score)
    best = ranked[0]
    chosen = [best]
    current = best
    for _ in range(MAX_FOLLOWERS):  # the best sentence's own continuation, in order
        follower = next((s for s in scored if s.passage == current.passage and s.position == current.position + 1),
                        None)
        if not follower or not (_CONTINUES.match(follower.text) or len(current.text.split()) <= SHORT_SENTENCE):
            break
        chosen.append(follower)
        current = follower
    for s in ranked[1:]:
        if len(chosen) >= max_sentences:
            break
        if s not in chosen and s.score >= 0.5 * best.score:
            chosen.append(s)
    for s in sorted(chosen, key=lambda s: -s.score):  # "Varför ...?": the cause often comes next
        after = next((a for a in scored if a.passage == s.passage and a.position == s.position + 1), None)
        if after and after.answers_form and after not in chosen and len(chosen) < max_sentences:
            chosen.append(after)
    # Too short an answer: add the best sentence's neighbours, then the next best overall.
    neighbours = [n for d in (1, -1, -2, 2) for n in scored
                  if n.passage == best.passage and n.position == best.position + d]
    for s in neighbours + ranked:
        if len(chosen) >= MIN_SENTENCES:
            break
        if s not in chosen:
            chosen.append(s)
    for s in list(chosen):
        if s.position > 0 and _POINTS_BACK.match(s.text):
            before = next((b for b in scored if b.passage == s.passage and b.position == s.position - 1), None)
            if before and before not in chosen and len(chosen) < MAX_SENTENCES:
                chosen.append(before)
    return sorted(chosen, key=lambda s: (s.passage, s.position))
