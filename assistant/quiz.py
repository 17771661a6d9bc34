"""A quiz on the five råd and the handbook's key facts, generated deterministically.

Questions come from the knowledge corpus chunks and ``knowledge/advice.json``; the
same chunks and seed always give the same quiz. Four kinds:

* ``rad``: which råd a description (advice.json) belongs to; explained with the
  råd's first handbook passage;
* ``citat``: which råd a sentence from the handbook comes from;
* ``begrepp``: what a glossary term means (distractors are other terms' definitions);
* ``fakta``: a number from the handbook blanked out (distractors are scaled values).

Every question carries a :class:`~assistant.types.Citation` to the chunk that proves
the answer.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.formatting import number
from assistant.types import Chunk, Citation
from knowledge.registry import load_advice, load_sources

KINDS = {"rad": 3, "citat": 2, "begrepp": 3, "fakta": 2}  # questions per kind in a quiz
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9”\"(])")
_FACT = re.compile(r"\b(\d+(?:,\d+)?)\s(miljarder kr|miljarder|procent|kr|år)\b")
_FACTORS = (0.5, 1.5, 2.0, 0.25, 3.0)
_PERCENT_SHIFTS = (-20, 10, -40, 15, -10, 20)


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    prompt: str
    options: tuple[str, ...]
    correct: int  # index into options
    explanation: str
    citation: Citation

    def is_correct(self, choice: str | int | None) -> bool:
        """True for the right option, given as its index or its text."""
        if isinstance(choice, int):
            return choice == self.correct
        return choice == self.options[self.correct]


@dataclass(frozen=True)
class Score:
    correct: int
    total: int

    def text(self) -> str:
        share = self.correct / self.total * 100 if self.total else 0.0
        return f"Du fick {self.correct} av {self.total} rätt ({number(share)} %)."


def score(questions: Sequence[Question], answers: Sequence[str | int | None]) -> Score:
    """Count the right answers (a missing answer counts as wrong)."""
    right = sum(q.is_correct(a) for q, a in zip(questions, answers))
    return Score(correct=right, total=len(questions))


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def _citation(chunk: Chunk) -> Citation:
    source = load_sources().get(chunk.source)
    return Citation(n=1, source=chunk.source, section=chunk.section, text=chunk.text, advice=chunk.advice,
                    source_title=source.title if source else chunk.source)


def _where(chunk: Chunk) -> str:
    source = load_sources().get(chunk.source)
    short = source.short if source else chunk.source
    return short if chunk.section == short else f"{short}, {chunk.section}"


def _best_sentence(chunks: Sequence[Chunk], keywords: Sequence[str]) -> tuple[Chunk, str]:
    """The sentence that mentions most of the råd's keywords (first one on a tie)."""
    words = [k.lower() for k in keywords]
    scored = [(sum(w in s.lower() for w in words), -i, c, s)
              for i, (c, s) in enumerate((c, s) for c in chunks for s in _sentences(c.text))]
    _, _, chunk, sentence = max(scored, key=lambda t: (t[0], t[1]))
    return chunk, sentence


def _shuffled(rng: random.Random, right: str, wrong: Sequence[str]) -> tuple[tuple[str, ...], int]:
    options = [right, *wrong]
    rng.shuffle(options)
    return tuple(options), options.index(right)


def _advice_titles() -> list[str]:
    return [f"Råd {a.number}: {a.title}" for a in load_advice()]


def _advice_questions(body: dict[int, list[Chunk]], rng: random.Random) -> list[Question]:
    titles = _advice_titles()
    out = []
    for a in load_advice():
        if not body.get(a.number):
            continue
        chunk, sentence = _best_sentence(body[a.number], a.keywords)
        options, right = _shuffled(rng, titles[a.number - 1], [t for t in titles if t != titles[a.number - 1]])
        out.append(Question(
            id=f"rad-{a.number}", kind="rad",
            prompt=f"Vilket av handbokens fem råd handlar om detta? ”{_sentences(a.description)[0]}”",
            options=options, correct=right,
            explanation=(f"Rätt svar är råd {a.number}, ”{a.full_title}”. Handboken skriver: "
                         f"”{sentence}” ({_where(chunk)})"),
            citation=_citation(chunk)))
    return out


def _quote_questions(body: dict[int, list[Chunk]], rng: random.Random) -> list[Question]:
    titles = _advice_titles()
    out = []
    for n, chunks in sorted(body.items()):
        candidates = [(c, s) for c in chunks for s in _sentences(c.text) if 80 <= len(s) <= 240]
        if not candidates:
            continue
        chunk, sentence = candidates[rng.randrange(len(candidates))]
        options, right = _shuffled(rng, titles[n - 1], [t for t in titles if t != titles[n - 1]])
        out.append(Question(
            id=f"citat-{chunk.id}", kind="citat", prompt=f"Under vilket råd står detta i handboken? ”{sentence}”",
            options=options, correct=right,
            explanation=f"Meningen står under råd {n}, ”{load_advice()[n - 1].full_title}” ({_where(chunk)}).",
            citation=_citation(chunk)))
    return out


def _glossary_questions(glossary: list[Chunk], rng: random.Random) -> list[Question]:
    definitions = {c.id: _sentences(c.text.split(":", 1)[-1])[0] for c in glossary if ":" in c.text}
    out = []
    for chunk in glossary:
        if chunk.id not in definitions:
            continue
        others = [d for cid, d in definitions.items() if cid != chunk.id]
        wrong = rng.sample(others, 3) if len(others) >= 3 else others
        options, right = _shuffled(rng, definitions[chunk.id], wrong)
        out.append(Question(
            id=f"begrepp-{chunk.id}", kind="begrepp", prompt=f"Vad menas med ”{chunk.title}”?",
            options=options, correct=right,
            explanation=f"{chunk.title}: {definitions[chunk.id]} ({_where(chunk)})", citation=_citation(chunk)))
    return out


def _alternatives(value: str, unit: str) -> list[str]:
    """Three wrong but plausible values: shifted percentages, small counts +1..+4,
    other numbers scaled."""
    decimals = len(value.split(",")[1]) if "," in value else 0
    base = float(value.replace(",", "."))
    if unit == "procent":
        candidates = [base + d for d in _PERCENT_SHIFTS if 1 <= base + d <= 99]
    elif base < 10 and not decimals:
        candidates = [base + d for d in (1, 2, 3, 4)]
    else:
        candidates = [base * f for f in _FACTORS]
    seen, out = {number(base, decimals)}, []
    for alt in candidates:
        text = number(alt, decimals)
        if text not in seen:
            seen.add(text)
            out.append(text)
    return out[:3]


def _fact_questions(handbook: list[Chunk], rng: random.Random) -> list[Question]:
    out = []
    for chunk in handbook:
        for sentence in _sentences(chunk.text):
            found = _FACT.findall(sentence)
            if len(found) != 1 or len(sentence) > 260:
                continue
            value, unit = found[0]
            blank = _FACT.sub(f"___ {unit}", sentence, count=1)
            decimals = len(value.split(",")[1]) if "," in value else 0
            right_text = number(float(value.replace(",", ".")), decimals)
            options, right = _shuffled(rng, f"{right_text} {unit}", [f"{a} {unit}" for a in _alternatives(value, unit)])
            out.append(Question(
                id=f"fakta-{chunk.id}-{value}", kind="fakta", prompt=f"Fyll i siffran från handboken: ”{blank}”",
                options=options, correct=right,
                explanation=f"Handboken skriver: ”{sentence}” ({_where(chunk)})", citation=_citation(chunk)))
    return out


def build_quiz(chunks: Sequence[Chunk], seed: int = 0, kinds: dict[str, int] | None = None) -> tuple[Question, ...]:
    """A quiz from the corpus ``chunks``: ``kinds`` maps kind -> number of questions.

    Deterministic for the same chunks and ``seed``. Raises ``ValueError`` when the
    chunks hold no handbook or glossary text to ask about.
    """
    rng = random.Random(seed)
    handbook = [c for c in chunks if c.source == "handbok" and c.kind == "body"]
    body: dict[int, list[Chunk]] = {}
    for chunk in handbook:
        if chunk.advice:
            body.setdefault(chunk.advice, []).append(chunk)
    glossary = [c for c in chunks if c.kind == "glossary"]
    pools = {"rad": _advice_questions(body, rng), "citat": _quote_questions(body, rng),
             "begrepp": _glossary_questions(glossary, rng), "fakta": _fact_questions(handbook, rng)}
    quiz: list[Question] = []
    for kind, count in (kinds or KINDS).items():
        pool = pools.get(kind, [])
        quiz.extend(rng.sample(pool, min(count, len(pool))))
    if not quiz:
        raise ValueError("Kunskapsbasen saknar handbokstext och ordlista att göra en quiz av.")
    rng.shuffle(quiz)
    return tuple(quiz)
