"""Query-focused extraction: split passages into sentences and score each for the question.

A sentence's score is the idf-weighted share of the question's stems it contains, the
share of the question's character n-grams (for compounds), the cosine of its own vector
to the question's (when the index has sentence vectors), a prior for the passage's rank
and a bonus when it has the form the question asks for ("orsak" for "varför").
Choosing among the scored sentences (MMR, antecedents, the lead) is
:mod:`assistant.selection`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from assistant import answer_form
from assistant.retrieval.lexical import LexicalIndex, fold, ngram_tokens, stem_tokens
from assistant.types import Passage

_SPLIT = re.compile(r"(?<=[.!?”])(?<!\s\d\.)\s+(?=[A-ZÅÄÖ”\"(0-9])")
# Abbreviations whose full stop never ends a sentence ("bl.a.", "t.ex.", "m.m.", "s.k.").
_ABBREVIATION = re.compile(r"\b(?:bl|t|m|s|p|o|m\.fl|d\.v|o\.s)\.(?:a|ex|m|k|g\.a|fl|s|v|s\.v)?\.(?=\s)",
                           re.IGNORECASE)
# "m.m.", "m.fl.", "o.s.v." close a list, so before a capital letter they also close the sentence.
_ENDS_LIST = frozenset({"m.m.", "m.fl.", "o.s.v."})
_HIDDEN_STOP = "\u2024"  # one dot leader stands in for a protected full stop while splitting
# A sentence that opens by pointing back needs the sentence before it to make sense:
# "Detta är ett utmärkt initiativ.", "En del i detta är statsbidragen.", "Den menade att ...".
POINTS_BACK = re.compile(
    r"^(?:(?:Detta|Dessa|Denna|Här)\b"
    r"|Det (?!(?:finns|är|gäller|handlar|krävs|behövs)\b|\w+ (?:\w+ )?(?:finnas|krävas|behövas)\b)"
    r"(?:\w+r|kan|ska|skulle|måste|bör|kommer|vore|var|blev)\b"  # not "Det kan ofta finnas skäl ..."
    r"|Den (?:menade|pekade|konstaterade|visar|visade|har|är|kan|ska|blir|\w+en)\b"  # "Den hållningen"
    r"|Det \w+et\b"  # "Det exemplet"
    r"|Men\s+(?=(?:\S+\s+){0,7}\S+[.!?]$)"  # a short "Men ..." sentence only continues one before it
    r"|(?:Därför|Dessutom|Då)\s+(?=(?:\S+\s+){0,10}\S+[.!?]$)"  # so do short "Därför ..." ones
    r"|\S+ \S+ därför\s+(?=(?:\S+\s+){0,8}\S+[.!?]$)"  # and "Författarna föreslår därför att den ..."
    r"|(?:En del i|Mycket av|Utöver|Trots|I) (?:detta|denna|det här|dessa)\b"
    r"|I (?:det|detta) (?:läget|perspektivet|avseende)\b)")
# A sentence that opens with a connective continues the one before it and needs it when
# chosen (scoring still reads it alone): always after "Och", "Alltså", "Så", "Dock"; after
# "Men", "Därför", "Dessutom", "Då" when a pointer follows within four words ("Men här
# räcker det alltså inte ...", "Men om detta görs ..."). "Därför bör regeringen initiera
# ett digitaliseringslyft som ..." says what it says on its own.
CONNECTIVE = re.compile(r"^(?:(?:Och|Alltså|Så|Dock)\b(?!\s+småningom\b)"
                        r"|(?:Men|Därför|Dessutom|Då)\s+(?:\S+\s+){0,3}?"
                        r"(?:här|detta|det|dessa|denna|där|alltså|sådana?|sådant)\b)")
# "Där är slutsatsen att ..." says what the source just named concluded: the claim reads
# on its own, but what it is about (its topic words) is in the sentence before.
CONTINUES = re.compile(r"^Där\b")
MAX_SENTENCES = 6  # an answer is 3-6 sentences
MIN_SENTENCES = 3
PREFIX = 7  # long stems sharing this prefix count as the same word (effektivisera/-ing)
CUE_BONUS = 0.3
QUESTION_PENALTY = 0.5
ECHO_PENALTY = 0.6  # a sentence that only restates the question keeps this share of its score
DENSE_WEIGHT = 0.8  # weight of the sentence's own (min-max scaled) cosine

CONSEQUENCE = re.compile(r"^(?:Därför|Och därför|Så)\b")
# A sentence that states a finding (folded text): "Där är slutsatsen att ...".
CONCLUSION = re.compile(r"slutsats|konstater|kom fram till|visar att|pekar pa")

# Question types and the sentence cues that tend to answer them (folded text).
ANSWER_CUES: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"\bvarfor\b"), re.compile(r"orsak|darfor|eftersom|beror|skal|pa grund av|leder till")),
    (re.compile(r"\bskillnad"), re.compile(r"skillnad|medan|daremot|jamfort med|i stallet for")),
    (re.compile(r"\bvad (ar|innebar|menas|betyder)\b"),
     re.compile(r"handlar om|innebar|menas|betyder|definier|ar att")),
    (re.compile(r"\bhur (manga|mycket|stor|lang)|\bnar\b|\bvilket ar\b|\bvad kostar|\bkostnaden for\b"),
     re.compile(r"\d")),
    (re.compile(r"\bbaser|\bbygger pa\b|\butgar fran\b|\bgrundar sig\b"),
     re.compile(r"baser|bygger pa|utifran|utgar fran|grundar")),
    (re.compile(r"\bkom\b.*\bfram till\b|\bslutsats|\bkonstater"), CONCLUSION),
)


@dataclass(frozen=True)
class Sentence:
    passage: int  # index into the passages list
    position: int
    text: str
    score: float
    answers_form: bool = False  # matches the cue of the question's type ("orsak" for "varför")

    @property
    def points_back(self) -> bool:
        """Needs the sentence before it: it opens with a pointer or a connective."""
        return bool(POINTS_BACK.match(self.text) or CONNECTIVE.match(self.text))


def _protect(line: str) -> str:
    def hide(m: re.Match[str]) -> str:
        if m.group(0).lower() in _ENDS_LIST and re.match(r"\s+[A-ZÅÄÖ]", line[m.end():]):
            return m.group(0)
        return m.group(0).replace(".", _HIDDEN_STOP)

    return _ABBREVIATION.sub(hide, line)


def sentences(text: str) -> list[str]:
    """Split a passage into sentences, keeping a numbered list together with its intro.

    Never splits after an abbreviation such as "bl.a.", "t.ex." or "m.m.".
    """
    parts = [p.strip().replace(_HIDDEN_STOP, ".") for line in text.splitlines()
             for p in _SPLIT.split(_protect(line)) if p.strip()]
    merged: list[str] = []
    for part in parts:
        if merged and (re.match(r"^\d\.\s", part) or merged[-1].endswith(":")):
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return merged


# Words that give a question its form, not its topic ("Vad innebär X?" is about X).
QUESTION_FORM_WORDS = ("innebär", "innebära", "menas", "betyder", "betyda", "avses", "definieras",
                       "förklara", "handboken", "menar")


def _matches(stem: str, stems: set[str], prefixes: set[str]) -> bool:
    return stem in stems or (len(stem) >= PREFIX and stem[:PREFIX] in prefixes)


def mentions(sentence: str, stems) -> bool:
    """Whether a sentence uses any of the stems (a long stem also by its 7-letter prefix)."""
    own = set(stem_tokens(sentence))
    prefixes = {t[:PREFIX] for t in own if len(t) >= PREFIX}
    return any(_matches(t, own, prefixes) for t in stems)


def lexical_coverage(question: str, lexical: LexicalIndex):
    """A function giving the idf-weighted share of the question's topic stems that a
    sentence contains (long stems sharing a 7-letter prefix count: effektivisera/-ing)."""
    q_stems = set(stem_tokens(question)) - {stem_tokens(w)[0] for w in QUESTION_FORM_WORDS}
    idf = lexical.stem_idf
    default_idf = math.log(lexical.size + 1)
    weights = {t: idf.get(t, default_idf) for t in q_stems}
    total = sum(weights.values()) or 1.0

    def coverage(sentence: str) -> float:
        s_stems = set(stem_tokens(sentence))
        prefixes = {t[:PREFIX] for t in s_stems if len(t) >= PREFIX}
        return sum(w for t, w in weights.items() if _matches(t, s_stems, prefixes)) / total

    return coverage


def sentence_scorer(question: str, lexical: LexicalIndex, gram_weight: float = 0.5, cue_bonus: float = CUE_BONUS):
    """A function scoring a sentence for the question without context: word coverage,
    n-gram share, and the cue bonus; returns (score, has the answer's form)."""
    coverage = lexical_coverage(question, lexical)
    q_grams = set(ngram_tokens(question))
    folded_q = fold(question)
    cues = [cue for qtype, cue in ANSWER_CUES if qtype.search(folded_q)]
    head = answer_form.head_noun(question)

    def score(sentence: str) -> tuple[float, bool]:
        lex = coverage(sentence)
        grams = len(q_grams & set(ngram_tokens(sentence))) / (len(q_grams) or 1)
        # "X. Därför Y." states the consequence; the cause a "varför" question asks for is X.
        cued = fold(CONSEQUENCE.sub("", sentence))
        form = any(c.search(cued) for c in cues) or bool(head and answer_form.has_head(sentence, head))
        return lex + gram_weight * grams + (cue_bonus if lex > 0 and form else 0.0), form

    return score


def in_context(sentence: str, before: str | None) -> str:
    """What a sentence says: with the sentence before it when it points back to it
    ("Där är slutsatsen att ..." is about the commission named just before)."""
    if before and (POINTS_BACK.match(sentence) or CONTINUES.match(sentence)):
        return f"{before} {sentence}"
    return sentence


def score_sentences(question: str, passages: list[Passage], lexical: LexicalIndex,
                    max_passages: int = 3,
                    dense: Mapping[tuple[str, int], float] | None = None) -> list[Sentence]:
    """Every sentence of the first ``max_passages`` passages with its score.

    ``dense`` maps (chunk id, sentence position) to the sentence's cosine to the question.
    """
    scorer = sentence_scorer(question, lexical)
    coverage = lexical_coverage(question, lexical)
    rows = [(p_index, position, sentence, passage.chunk.id)
            for p_index, passage in enumerate(passages[:max_passages])
            for position, sentence in enumerate(sentences(passage.chunk.text))]
    cosines = [dense.get((cid, pos)) for _, pos, _, cid in rows] if dense else []
    known = [c for c in cosines if c is not None]
    low, high = (min(known), max(known)) if known else (0.0, 0.0)
    texts = [in_context(sentence, rows[k - 1][2] if position > 0 else None)
             for k, (_, position, sentence, _) in enumerate(rows)]
    echo = [answer_form.echoes(text, question, coverage) for text in texts]
    asks = [answer_form.asks_the_same(sentence, coverage) for _, _, sentence, _ in rows]
    totals, forms = [], []
    for k, (p_index, position, sentence, _) in enumerate(rows):
        own, form = scorer(texts[k])
        semantic = 0.0
        if known and cosines[k] is not None and high > low:
            semantic = DENSE_WEIGHT * (cosines[k] - low) / (high - low)
        totals.append(own + 0.3 / (p_index + 1) + semantic)  # the last term: the passage's rank
        forms.append(form)
    raw = list(totals)
    for k, (_, _, sentence, _) in enumerate(rows):
        if sentence.endswith("?"):  # the handbook's own rhetorical questions do not answer
            totals[k] *= QUESTION_PENALTY
        if echo[k]:
            totals[k] *= ECHO_PENALTY
    for k in range(1, len(rows)):
        # A sentence that restates the user's question, or asks it, hands its place to the
        # sentence after it: that one answers.
        same_passage = rows[k][0] == rows[k - 1][0]
        if same_passage and (echo[k - 1] or asks[k - 1]) and not (echo[k] or asks[k]):
            totals[k], forms[k] = max(totals[k], raw[k - 1]), True
    return [Sentence(p_index, position, sentence, totals[k], forms[k])
            for k, (p_index, position, sentence, _) in enumerate(rows)]


def select(scored: list[Sentence], max_sentences: int = MAX_SENTENCES, lead=()) -> list[Sentence]:
    """Kept for callers of the old name: see :func:`assistant.selection.select`."""
    from assistant.selection import select as choose

    return choose(scored, max_sentences=max_sentences, lead=lead)
