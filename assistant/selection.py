"""Choose the 3-6 sentences of an answer from scored sentences.

1. The lead: sentences that must open the answer (a råd's opening claim, the sentence
   that defines the asked term); otherwise the best-scoring sentence.
2. Maximal marginal relevance (Carbonell & Goldstein, SIGIR 1998): the next sentence
   maximises ``LAMBDA * relevance - (1 - LAMBDA) * similarity to those chosen``, with
   word-stem overlap (Jaccard) as similarity, while it scores at least ``KEEP_SHARE`` of
   the best.
   Filling up to three sentences after a lead (a definition, a råd's claim), the lead's
   own passage comes first: its nearest sentences say more on the term than a weak match
   elsewhere, and they follow the lead.
3. Antecedents: a sentence that opens by pointing back ("Detta", "En del i detta",
   "Den menade") or with a connective ("Men", "Och", "Därför") brings the sentence before
   it; one whose antecedent is not in the passage (it opens the passage) says nothing
   alone and is left out. Without a lead, a sentence that reads on its own opens the
   answer unless one that needs its antecedent scores clearly higher (``POINTER_LEAD``);
   likewise the handbook's own sentence before a summary's (``SECONDARY_LEAD``).
4. Order: passages in the order of their best chosen sentence, the handbook's own order
   within a passage; in the opening passage nothing precedes the lead except its
   antecedents.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.extract import MAX_SENTENCES, MIN_SENTENCES, Sentence
from assistant.retrieval.lexical import stem_tokens

LAMBDA = 0.7
KEEP_SHARE = 0.5
CLOSE = 0.85  # an earlier sentence of the opening passage this close to the opener may precede it
SHORT = 14  # words: an opener this short announces what follows, so its elaboration comes along
MAX_FOLLOWERS = 2
FORM_SHARE = 0.6  # a sentence of the asked form may open if it scores this share of the best
DUPLICATE = 0.7  # stem overlap above which a sentence only repeats one already chosen
MAX_CHAIN = 2  # antecedents followed back at most this far
POINTER_LEAD = 0.8  # as an opener, a sentence that needs its antecedent counts this share of its score
SECONDARY_LEAD = 0.8  # ... and one from a summary that paraphrases the handbook this share


def _similarity(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


class _Picker:
    def __init__(self, scored: Sequence[Sentence]) -> None:
        self.scored = list(scored)
        self.at = {(s.passage, s.position): s for s in self.scored}
        self.stems = {id(s): set(stem_tokens(s.text)) for s in self.scored}

    def chain(self, sentence: Sentence) -> list[Sentence] | None:
        """The sentence with the antecedents it needs, earliest first; None if one is missing."""
        out = [sentence]
        current = sentence
        for _ in range(MAX_CHAIN + 1):
            if not current.points_back:
                return out
            before = self.at.get((current.passage, current.position - 1))
            if before is None:
                return None
            out.insert(0, before)
            current = before
        return None if current.points_back else out

    def neighbour(self, opener: Sentence, chosen: list[Sentence]) -> Sentence | None:
        """The opener's nearest unchosen neighbour in its passage (after it first) that
        reads on its own and repeats nothing chosen."""
        last = max(p for (passage, p) in self.at if passage == opener.passage)
        for distance in range(1, last + 1):
            for position in (opener.position + distance, opener.position - distance):
                s = self.at.get((opener.passage, position))
                if (s is not None and s not in chosen and not s.points_back and not s.text.endswith("?")
                        and self.redundancy(s, chosen) <= DUPLICATE):
                    return s
        return None

    def redundancy(self, sentence: Sentence, chosen: list[Sentence]) -> float:
        own = self.stems[id(sentence)]
        return max((_similarity(own, self.stems[id(c)]) for c in chosen), default=0.0)


def select(scored: Sequence[Sentence], max_sentences: int = MAX_SENTENCES,
           lead: Sequence[Sentence] = (), secondary: frozenset[int] = frozenset()) -> list[Sentence]:
    """The answer's sentences in the order they are to be read (see the module doc).

    ``secondary``: passages (indices) that paraphrase the primary source (summaries); as an
    opener their sentences count ``SECONDARY_LEAD`` of their score."""
    if not scored:
        return []
    picker = _Picker(scored)
    ranked = sorted(picker.scored, key=lambda s: (-s.score, s.passage, s.position))
    chosen: list[Sentence] = []

    def add(group: list[Sentence]) -> bool:
        new = [s for s in group if s not in chosen]
        if not new or len(chosen) + len(new) > max_sentences:
            return False
        chosen.extend(new)
        return True

    for sentence in lead:
        group = picker.chain(sentence) or [sentence]
        add(group)
    form_opener = False
    if not chosen:  # a question of a form ("Varför ...?") opens with a sentence of that form
        top_score = ranked[0].score
        formed = [s for s in ranked if s.answers_form and s.score >= FORM_SHARE * top_score]
        for sentence in formed[:1]:
            group = picker.chain(sentence)
            if group and not group[0].text.endswith("?") and add(group):
                form_opener = True
    if not chosen:  # the opener reads on its own unless a pointer scores clearly higher
        def as_opener(s: Sentence) -> float:
            return s.score * (POINTER_LEAD if s.points_back else 1.0) * (
                SECONDARY_LEAD if s.passage in secondary else 1.0)

        for sentence in sorted(ranked, key=lambda s: -as_opener(s)):
            group = picker.chain(sentence)
            if group and not group[0].text.endswith("?") and add(group):
                break
        if not chosen:  # every sentence points back to something missing: take the best as is
            add([ranked[0]])
    opener = next((s for s in lead if s in chosen), None) or max(chosen, key=lambda s: s.score)
    current = opener
    for _ in range(MAX_FOLLOWERS):  # "Det finns tre svårigheter." is answered by what follows
        follower = picker.at.get((current.passage, current.position + 1))
        if follower is None or len(current.text.split()) > SHORT and not current.text.endswith(":"):
            break
        if picker.redundancy(follower, chosen) > DUPLICATE:
            break
        if not add([follower]):
            break
        current = follower
    top = max(s.score for s in ranked)
    fillers: set[int] = set()
    led_by_lead = opener in lead
    while len(chosen) < max_sentences:
        best, best_value = None, None
        for sentence in ranked:
            if sentence in chosen or (sentence.passage == opener.passage and sentence.position < opener.position
                                      and (form_opener or sentence.score < CLOSE * opener.score)):
                continue
            if picker.redundancy(sentence, chosen) > DUPLICATE:
                continue
            value = LAMBDA * sentence.score / (top or 1) - (1 - LAMBDA) * picker.redundancy(sentence, chosen)
            if best_value is None or value > best_value:
                best, best_value = sentence, value
        if best is None:
            break
        if best.score < KEEP_SHARE * top and len(chosen) >= MIN_SENTENCES:
            break
        if best.score < KEEP_SHARE * top and led_by_lead:  # filling up: the lead's passage says more on it
            near = picker.neighbour(opener, chosen)
            if near is not None and add([near]):
                fillers.add(id(near))
                continue
        group = picker.chain(best)
        if group is None or not add(group):
            ranked = [s for s in ranked if s is not best]
    for sentence in sorted(chosen, key=lambda s: -s.score):  # "Varför ...?": the cause often comes next
        after = picker.at.get((sentence.passage, sentence.position + 1))
        if after is not None and after.answers_form and after not in chosen and len(chosen) < max_sentences:
            chosen.append(after)
    led = any(s in chosen for s in lead)  # nothing but its antecedents precedes a lead
    return _reading_order(chosen, opener, picker, close=float("inf") if led or form_opener else CLOSE,
                          fillers=fillers)


def _reading_order(chosen: list[Sentence], opener: Sentence, picker: _Picker, close: float = CLOSE,
                   fillers: set[int] = frozenset()) -> list[Sentence]:
    keep_before = set(map(id, picker.chain(opener) or [opener]))
    kept = [s for s in chosen if s.passage != opener.passage or s.position >= opener.position
            or id(s) in keep_before or s.score >= close * opener.score or id(s) in fillers]
    # A filler from before the opener follows it (the opener still opens), in handbook order.
    after = {id(s) for s in kept if id(s) in fillers and s.passage == opener.passage and s.position < opener.position}
    for s in list(kept):  # a kept "Detta ..." keeps the sentence it points back to
        for before in picker.chain(s) or []:
            if before not in kept:
                kept.append(before)
    best_of: dict[int, float] = {}
    for s in kept:
        best_of[s.passage] = max(best_of.get(s.passage, float("-inf")), s.score)
    best_of[opener.passage] = float("inf")
    return sorted(kept, key=lambda s: (-best_of[s.passage], s.passage, id(s) in after, s.position))
