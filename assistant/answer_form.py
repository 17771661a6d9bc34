"""What shape of sentence answers a question, read from the question's own words.

* The head noun: "Vilka förslag finns ...?" is answered by a sentence about a förslag,
  "Vad är den stora utmaningen i ...?" by one about an utmaning (also "huvudutmaning").
* An echo: for an open question ("Varför ...?", "Hur ...?", "Vilka ...?"), a sentence
  that holds nearly all of the question's topic words and adds little else only restates
  the question ("Läget är alltså inte så positivt som det verkar." for "Varför är läget
  inte så positivt som det verkar?"); the sentence that answers should open instead.
  A yes/no question ("Kan samverkan ge ...?") has no echo: its answer repeats it.
* The handbook's own question: a sentence ending in "?" that asks what the user asks
  ("Vad krävs då för att ...?") is answered by the sentence after it.

Pure functions of text (and a coverage function); :mod:`assistant.extract` scores with them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.retrieval.lexical import fold, stem_tokens

_OPEN = re.compile(r"^(?:varfor|hur|vilk\w*|vad|nar|var|vem|vems|pa vilket satt)\b")
_WHICH = re.compile(r"^vilka\s+(.+)$")  # a list of X ("Vilken roll ...?" asks for a description)
_WHAT_IS = re.compile(r"^vad\s+(?:ar|var|blir)\s+(?:den|det|de)\s+(.+)$")
_QUANTITY = frozenset("tva tre fyra fem sex sju atta nio tio olika nagra flera manga viktiga viktigaste "
                      "stora storsta framsta huvudsakliga".split())
_STOP = re.compile(r"^(?:i|med|for|av|om|pa|till|mellan|inom|som|ser|finns|har|kan|ska|bor|ar|tar|gor|"
                   r"ger|uppstar|innebar|handboken|enligt|\d+)$")
HEAD_MIN = 4  # letters: a shorter head stem ("ny") matches too much
COMPOUND_MIN = 6  # letters: a head this long also counts as a compound's last part
ECHO_COVERAGE = 0.9  # share of the question's topic weight an echo holds
ECHO_NEW = 2  # an echo adds at most this many stems, or at most half its own stems
ASKS_SAME = 0.5  # coverage at which the handbook's own question asks what the user asks


def is_open(question: str) -> bool:
    """Whether the question asks with a question word (not a yes/no question)."""
    return bool(_OPEN.match(" ".join(fold(question).split())))


def head_noun(question: str) -> str | None:
    """The stem of the noun a "Vilka X ...?" / "Vad är den X ...?" question asks for."""
    folded = " ".join(re.sub(r"[^\w\s-]", " ", fold(question)).split())
    m = _WHICH.match(folded) or _WHAT_IS.match(folded)
    if not m:
        return None
    words = m.group(1).split()
    head = None
    for word in words:
        if word in _QUANTITY:
            continue
        if _STOP.match(word):
            break
        head = word
        if m.re is _WHICH:  # "Vilka förslag finns": the first noun is the head
            break
    stems = stem_tokens(head) if head else []
    return stems[0] if stems and len(stems[0]) >= HEAD_MIN else None


def has_head(sentence: str, head: str) -> bool:
    """Whether a sentence speaks of the head noun, also as the end of a compound."""
    compound = len(head) >= COMPOUND_MIN
    return any(t == head or (compound and t.endswith(head)) for t in stem_tokens(sentence))


def echoes(sentence: str, question: str, coverage: Callable[[str], float]) -> bool:
    """Whether a sentence only restates an open question (see the module doc)."""
    if not is_open(question) or coverage(sentence) < ECHO_COVERAGE:
        return False
    asked = set(stem_tokens(question))
    own = stem_tokens(sentence)
    new = [t for t in own if t not in asked and not any(a.startswith(t) or t.startswith(a)
                                                         for a in asked if min(len(a), len(t)) >= 5)]
    return len(new) <= ECHO_NEW or len(new) <= 0.5 * len(own)


def asks_the_same(sentence: str, coverage: Callable[[str], float]) -> bool:
    """Whether a sentence is the handbook's own question, asking what the user asks."""
    return sentence.endswith("?") and coverage(sentence) >= ASKS_SAME
