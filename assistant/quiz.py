"""A quiz on the five råd and the handbook's key facts, generated deterministically.

Questions come from the knowledge corpus chunks and ``knowledge/advice.json``; the
same chunks and seed always give the same quiz. Four kinds:

* ``rad``: which råd a description (advice.json) belongs to; explained with the
  råd's first handbook passage;
* ``citat``: which råd a sentence from the handbook comes from;
* ``begrepp``: what a glossary term means (distractors are other terms' definitions);
* ``fakta``: a number from the handbook blanked out (distractors are scaled values).

Every question carries a :class:`~assistant.types.Citation` to the chunk that proves
the answer. Only questions that make sense alone are asked: a quoted or blanked sentence
that points back ("Detta ...", "Den menade ...") or refers to its surroundings ("ovan",
"figur 2") is never used, and a definition that names its own term is never an option
(it would give itself away). ``exclude`` leaves out questions already asked, so a new
round has other questions.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.extract import POINTS_BACK
from assistant.extract import sentences as split_sentences
from assistant.formatting import number
from assistant.retrieval.lexical import fold, stem_tokens
from assistant.types import Chunk, Citation
from knowledge.registry import load_advice, load_sources

KINDS = {"rad": 3, "citat": 2, "begrepp": 3, "fakta": 2}  # questions per kind in a quiz
_REFERS_AROUND = re.compile(r"\b(ovan|nedan|ovanstående|följande|figur(en)?|tabell(en)?|som nämndes|i detta|"
                            r"denna|detta|dessa|de här|det här|här)\b", re.IGNORECASE)
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
    return split_sentences(text)


def stands_alone(sentence: str) -> bool:
    """True if a sentence makes sense without the text around it."""
    return not POINTS_BACK.match(sentence) and not _REFERS_AROUND.search(sentence)


def names_term(definition: str, term: str) -> bool:
    """True if a definition repeats (a word of) the term it defines."""
    words = [fold(w) for part in re.split(r"[()/]", term) for w in part.split() if len(w) >= 4]
    text = fold(definition)
    stems = {s[:6] for s in stem_tokens(term) if len(s) >= 5}
    return any(w in text for w in words) or any(s in text for s in stems)


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
    scored = [(sum(w in s.lower() for w in words) + stands_alone(s), -i, c, s)
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
        candidates = [(c, s) for c in chunks for s in _sentences(c.text) if 80 <= len(s) <= 240
                      and stands_alone(s)]
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
    terms = {c.id: c.title for c in glossary}
    # A definition that names its own term gives itself away, as an answer or a distractor.
    fair = {cid: d for cid, d in definitions.items() if not names_term(d, terms[cid]) and stands_alone(d)}
    out = []
    for chunk in glossary:
        if chunk.id not in fair:
            continue
        others = [d for cid, d in fair.items() if cid != chunk.id and not names_term(d, chunk.title)]
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
            if len(found) != 1 or len(sentence) > 260 or not stands_alone(sentence):
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


def build_quiz(chunks: Sequence[Chunk], seed: int = 0, kinds: dict[str, int] | None = None,
               exclude: frozenset[str] | set[str] = frozenset()) -> tuple[Question, ...]:
    """A quiz from the corpus ``chunks``: ``kinds`` maps kind -> number of questions.

    Deterministic for the same chunks, ``seed`` and ``exclude`` (ids of questions
    already asked, left out while others remain). Raises ``ValueError`` when the chunks
    hold no handbook or glossary text to ask about.
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
        fresh = [q for q in pool if q.id not in exclude]
        asked = [q for q in pool if q.id in exclude]
        if len(fresh) >= count:
            quiz.extend(rng.sample(fresh, count))
        else:  # too few new ones: all of them, then the fewest repeats needed
            quiz.extend(fresh + rng.sample(asked, min(count - len(fresh), len(asked))))
    if not quiz:
        raise ValueError("Kunskapsbasen saknar handbokstext och ordlista att göra en quiz av.")
    rng.shuffle(quiz)
    return tuple(quiz)
