"""Places in a question: kommuner, län, kommungrupp and (out of scope) regions.

Kommun names are proper nouns, and several are also Swedish words (vara, mark, kil,
mora, lund, boden, skara …). The rules, applied to each word n-gram in turn:

* a letter typed with a diacritic is meant: ``skära`` is not Skara, ``Habo`` is not Håbo;
  a spelling without diacritics may stand for one (``Vaxjo``) when it fits one kommun;
* a capitalised name counts, except an everyday word at the start of a sentence with
  nothing that marks it as a place ("Mark kommun", "i Mark", a turn of a few words);
* a lower-case name counts only when it is not an everyday word, or is followed by
  "kommun"/"stad" ("vara kommun");
* "Region X" and "X-regionen" are regions (out of scope), except Region Gotland, which
  is the kommun Gotland; "X län", "Xs län" and län names that are not kommun names
  ("Norrbotten", "i Dalarna", "Skåne") are län.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from indices import list_kommuner, resolve_kommun
from indices.data import DataValidationError
from indices.kommuner import ALIASES, FUZZY_MIN, UnknownKommunError
from indices.kommuner import name_key

from assistant.retrieval.lexical import fold as _fold_text

# the same few words are folded many times per question (every n-gram, both neighbours)
fold = lru_cache(maxsize=8192)(_fold_text)

# Kommun names that are also everyday Swedish words (folded, lower case).
EVERYDAY_WORDS = frozenset(fold(w) for w in """
    vara mark ale kil mora sala nora lund boden berg klippan skara hjo eda orsa salem bjuv kinda
    säter grums åre ånge trosa heby flen tanum ydre osby höör tibro gnesta habo håbo borås
""".split())
PLACE_BEFORE = frozenset({"i", "for", "och", "med", "mot", "eller", "an", "jamfor", "jamfort",
                          "inom", "fran", "kommunen", "av", "om", "vs", "samt", "kontra", "till"})
PLACE_AFTER = frozenset({"kommun", "kommuns", "stad", "stads"})
NOT_PLACES = frozenset(fold(w) for w in """
    Hur Vad Vilka Vilken Vilket Varför När Var Vem Och Men Jämför Visa Ge Kan Finns Är Om I Ja Nej
    RKA SKR SCB Kolada Sverige Sveriges Riket Regeringen Välfärdskommissionen Skolverket Tack
    Socialstyrelsen Inera ESO DIGG KBT Region Regionen Kommunutredningen Statskontoret Allsvenskan
    Vårdguiden Skolkommissionen Please What How Which The Is Tell Råd Handboken Figur HR DEA LSS
    IFO NKI Google Excel Europa Norge Danmark Finland Landet Kommunen Kommunerna Topp Lista Och
    Frankrike Tyskland Spanien Italien England Storbritannien USA Kina Ryssland Polen Estland Island
    Paris London Berlin Oslo Köpenhamn Helsingfors Norden EU
    Koladas Västra Östra Norra Södra
""".split())
_WORD = re.compile(r"[\wåäöéÅÄÖÉ]+(?:-[\wåäöéÅÄÖÉ]+)*")
_KOMMUNGRUPP = re.compile(r"\bkommungrupp(?:en)?\s+([ABC][1-9])\b|\b([ABC][1-9])\b(?=[\s-]+kommun)", re.I)
_REGION = re.compile(r"\b[Rr]egion(?:en)?\s+([A-ZÅÄÖ][\wåäöé]+(?:\s+[A-ZÅÄÖ][\wåäöé]+)?)|"
                     r"\b([A-ZÅÄÖ][\wåäöé]+)-?regionen\b|\blandstinget\b")
_DIACRITICS = set("åäöéÅÄÖÉ")


@dataclass(frozen=True)
class Places:
    kommuner: tuple[str, ...] = ()
    lan: str | None = None
    kommungrupp: str | None = None
    region: str | None = None
    region_lan: str | None = None
    unknown: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()  # character spans taken by places
    corrected: tuple[tuple[str, str], ...] = ()  # (typed, kommun) for misspelt names


def _kommuner() -> list:
    """The kommuner of the snapshot; none when it is missing (the handbook side still answers)."""
    try:
        return list_kommuner()
    except DataValidationError:
        return []


@lru_cache(maxsize=1)
def _kommun_index() -> tuple[dict[str, str], dict[str, list[str]], dict[str, str]]:
    """casefolded name variant -> code; folded variant -> codes; code -> name."""
    exact: dict[str, str] = {}
    folded: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for k in _kommuner():
        names[k.kod] = k.namn
        base = k.namn.casefold().replace("-", " ")
        for variant in (base, base + "s"):
            exact.setdefault(variant, k.kod)
            codes = folded.setdefault(fold(variant), [])
            if k.kod not in codes:
                codes.append(k.kod)
    return exact, folded, names


@lru_cache(maxsize=1)
def lan_index() -> tuple[dict[str, str], dict[str, str]]:
    """folded län stem ("norrbotten", "vastra gotaland") -> code; code -> official name."""
    stems: dict[str, str] = {}
    names: dict[str, str] = {}
    for k in _kommuner():
        names[k.lanskod] = k.lan
        stem = re.sub(r"\s+län$", "", k.lan)
        stem_fold = fold(stem)
        stems[stem_fold] = k.lanskod
        if stem_fold.endswith("s"):
            stems[stem_fold[:-1]] = k.lanskod
    return stems, names


def lan_name(code: str) -> str:
    return lan_index()[1].get(code, code)


def kommun_name(code: str) -> str:
    return _kommun_index()[2][code]


def _match_kommun(words: list[str]) -> str | None:
    exact, folded, names = _kommun_index()
    typed = " ".join(w.replace("-", " ") for w in words).casefold()
    if typed in exact:
        return exact[typed]
    if any(c in _DIACRITICS for c in typed):
        return None  # a diacritic the user typed is meant: "skära" is not Skara
    codes = folded.get(fold(typed), [])
    return codes[0] if len(codes) == 1 else None


def _lan_at(tokens: list[tuple[str, int, int]], i: int) -> tuple[str, int] | None:
    """A län starting at token i: (code, tokens used) or None."""
    stems, _ = lan_index()
    for n in (3, 2, 1):
        if i + n > len(tokens):
            continue
        words = [t[0] for t in tokens[i:i + n]]
        has_lan = i + n < len(tokens) and fold(tokens[i + n][0]) in {"lan", "lans"}
        stem = fold(" ".join(words))
        stem = stem[:-1] if stem.endswith("s") and stem[:-1] in stems and stem not in stems else stem
        if stem not in stems or not words[0][0].isupper() and not has_lan:
            continue
        if has_lan:
            return stems[stem], n + 1
        if _match_kommun(words) is None or fold(" ".join(words)).endswith("s") and _followed_by_kommuner(tokens, i + n):
            return stems[stem], n  # "Norrbotten", "i Dalarna", "Hallands kommuner"
    return None


def _followed_by_kommuner(tokens: list[tuple[str, int, int]], j: int) -> bool:
    return j < len(tokens) and fold(tokens[j][0]) in {"kommuner", "kommunerna"}


def _region(question: str) -> tuple[str | None, str | None, list[tuple[int, int]]]:
    m = _REGION.search(question)
    if not m:
        return None, None, []
    name = m.group(1) or m.group(2) or ""
    if fold(name) in {"gotland", "gotlands"}:
        return None, None, []  # Region Gotland is the kommun Gotland
    stems, _ = lan_index()
    first = fold(name.split()[0]) if name else ""
    code = stems.get(fold(name)) or stems.get(first) or _kommun_lan(name)
    return (m.group(0).strip(), code, [(m.start(), m.end())])


def _kommun_lan(name: str) -> str | None:
    code = _match_kommun(name.split()) if name else None
    if code is None:
        return None
    return next((k.lanskod for k in _kommuner() if k.kod == code), None)


def _kommungrupp(question: str) -> str | None:
    m = _KOMMUNGRUPP.search(question)
    return (m.group(1) or m.group(2)).upper() if m else None


def _sentence_start(question: str, start: int) -> bool:
    before = question[:start].rstrip()
    return not before or before[-1] in ".!?:;\n\"”"


def _accept(words: list[str], tokens, i: int, n: int, question: str) -> bool:
    """Should this name match count as a kommun (the homograph rules)?"""
    first = words[0]
    key = fold(" ".join(words))
    key = key[:-1] if key.endswith("s") and key[:-1] in EVERYDAY_WORDS else key
    everyday = n == 1 and key in EVERYDAY_WORDS
    after = fold(tokens[i + n][0]) if i + n < len(tokens) else ""
    before = fold(tokens[i - 1][0]) if i > 0 else ""
    if after in PLACE_AFTER:
        return True
    if not first[0].isupper():
        return not everyday and len(key) >= 4 and (before in PLACE_BEFORE or len(tokens) <= 3)
    if everyday and _sentence_start(question, tokens[i][1]):
        return len(tokens) <= 3  # "Boden?", "Och Mora då?" but not "Mark äger …"
    return True


def find_places(question: str) -> Places:
    """All places in one question, kommuner in the order named."""
    region, region_lan, spans = _region(question)
    tokens = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(question)]
    codes: list[str] = []
    unknown: list[str] = []
    corrected: list[tuple[str, str]] = []
    lan: str | None = None
    i = 0
    while i < len(tokens):
        if any(s <= tokens[i][1] < e for s, e in spans):
            i += 1
            continue
        found = _lan_at(tokens, i)
        if found:
            lan = lan or found[0]
            spans.append((tokens[i][1], tokens[i + found[1] - 1][2]))
            i += found[1]
            continue
        for n in (3, 2, 1):
            if i + n > len(tokens):
                continue
            words = [t[0] for t in tokens[i:i + n]]
            code = _match_kommun(words)
            if code and _accept(words, tokens, i, n, question):
                if code not in codes:
                    codes.append(code)
                spans.append((tokens[i][1], tokens[i + n - 1][2]))
                i += n
                break
        else:
            guess, place_like = _unknown_place(tokens, i, question)
            if guess and not _may_be_kommun(guess):
                unknown += [guess] if place_like else []
            elif guess:
                try:  # a typo of a kommun name ("Stockhlom") resolves when one name is clearly closest
                    k = resolve_kommun(guess)
                    if k.kod not in codes:
                        codes.append(k.kod)
                    if fold(k.namn) != fold(guess):
                        corrected.append((guess, k.namn))
                    spans.append((tokens[i][1], tokens[i][2]))
                except UnknownKommunError:
                    if place_like:
                        unknown.append(guess)
            i += 1
    return Places(tuple(codes), lan, _kommungrupp(question), region, region_lan, tuple(unknown),
                  tuple(spans), tuple(corrected))


@lru_cache(maxsize=1)
def _name_letters() -> tuple[tuple[int, Counter], ...]:
    return tuple((len(key), Counter(key)) for key in (name_key(k.namn) for k in _kommuner()))


def _may_be_kommun(word: str) -> bool:
    """Could :func:`indices.resolve_kommun` accept ``word`` as a misspelt name?

    Its fuzzy match needs a similarity ratio of at least ``FUZZY_MIN``, and a ratio is
    at most ``2 × shared letters / (len a + len b)`` (difflib's quick ratio), so names
    that share too few letters are skipped without the slow comparison.
    """
    key = name_key(word)
    if key in ALIASES:
        return True
    for variant in {key, key[:-1] if key.endswith("s") else key}:
        letters, n = Counter(variant), len(variant)
        for length, name in _name_letters():
            if 2 * min(n, length) >= FUZZY_MIN * (n + length) and \
                    2 * sum((letters & name).values()) >= FUZZY_MIN * (n + length):
                return True
    return False


def _unknown_place(tokens, i: int, question: str) -> tuple[str | None, bool]:
    """A capitalised word that may be a misspelt kommun, and whether it stands like a place."""
    word = tokens[i][0]
    before = fold(tokens[i - 1][0]) if i > 0 else ""
    after = fold(tokens[i + 1][0]) if i + 1 < len(tokens) else ""
    place_like = before in PLACE_BEFORE - {"om", "av", "till"} or after in PLACE_AFTER
    candidate = (word[0].isupper() and not word.isupper() and len(word) > 3 and "-" not in word
                 and fold(word) not in NOT_PLACES and not re.match(r"[ABC][1-9]$", word))
    if candidate and (place_like or not _sentence_start(question, tokens[i][1])):
        return word, place_like
    return None, False
