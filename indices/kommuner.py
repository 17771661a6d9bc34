"""Resolve what a person types ("Göteborgs stad", "0180", "Vaxjo") to one kommun.

Order of attempts, first hit wins:

1. a kommun code (``"0180"``, also ``"180"``);
2. the exact name, then the name ignoring case;
3. the name after normalisation: "kommun"/"stad"/"Region" removed, hyphens as
   spaces, a genitive s dropped, a few official forms such as "Falu kommun";
4. the same ignoring diacritics ("Vaxjo" -> Växjö), but only when exactly one
   kommun matches: "Habo" and "Håbo" differ only in a diacritic, so both exact
   names win in step 2 and a diacritic-free spelling that fits both is refused;
5. a close spelling (difflib), accepted only when one kommun is clearly closest.

Anything else raises :class:`UnknownKommunError` with the closest candidates.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from .data import KoladaData, load_data
from .text import fold as fold_text

# Official forms that normalisation alone does not reach.
ALIASES = {"falu": "Falun", "region gotland": "Gotland", "gotlands": "Gotland"}

FUZZY_MIN = 0.80
FUZZY_MARGIN = 0.06
N_CANDIDATES = 5


class UnknownKommunError(ValueError):
    """No kommun matches the query. ``candidates`` lists (kod, namn) closest first."""

    def __init__(self, query: str, candidates: list[tuple[str, str]], message: str | None = None):
        self.query = query
        self.candidates = list(candidates)
        if message is None:
            message = f"Hittar ingen kommun som heter {query!r}."
            if self.candidates:
                names = ", ".join(f"{namn} ({kod})" for kod, namn in self.candidates)
                message += f" Menade du: {names}?"
        super().__init__(message)


@dataclass(frozen=True)
class Kommun:
    """A resolved kommun. ``matched_by`` says how the query was understood."""

    kod: str
    namn: str
    lanskod: str
    lan: str
    kommungrupp: str | None
    matched_by: str = "kod"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kommunkod": self.kod,
            "kommun": self.namn,
            "lanskod": self.lanskod,
            "lan": self.lan,
            "kommungrupp": self.kommungrupp,
            "matched_by": self.matched_by,
        }


def _basic(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    text = re.sub(r"[-‐–—_/.,]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _strip_words(text: str) -> str:
    text = re.sub(r"^(region|kommun)\s+", "", text)
    text = re.sub(r"\s+(kommun|stad|stads|kommuns)$", "", text)
    return text.strip()


def name_key(text: str) -> str:
    """A kommun name's folded key: lower-case, hyphens to spaces, diacritics removed
    ("Håbo" -> "habo"); the folding itself is :func:`indices.text.fold`."""
    return fold_text(_basic(text))


def _variants(text: str) -> list[str]:
    """The query after normalisation, with and without a genitive s."""
    base = _strip_words(_basic(text))
    out = [base]
    if base.endswith("s") and len(base) > 3:
        out.append(base[:-1])
    return out


def _kommun(data: KoladaData, kod: str, matched_by: str) -> Kommun:
    row = data.kommuner.loc[kod]
    grupp = row.get("kommungrupp_2023_code")
    return Kommun(
        kod=kod,
        namn=str(row["kommun"]),
        lanskod=str(row["lanskod"]),
        lan=str(row["lan"]),
        kommungrupp=None if grupp is None or grupp != grupp else str(grupp),
        matched_by=matched_by,
    )


def _index(data: KoladaData, key) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for kod, namn in zip(data.kommuner.index, data.kommuner["kommun"]):
        out.setdefault(key(str(namn)), []).append(kod)
    return out


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def candidates(query: str, data: KoladaData | None = None, n: int = N_CANDIDATES) -> list[tuple[str, str]]:
    """The ``n`` kommuner whose names are closest to ``query``, closest first."""
    data = data or load_data()
    scored = _scored(query, data)
    return [(kod, data.name(kod)) for _, kod in scored[:n]]


def _scored(query: str, data: KoladaData) -> list[tuple[float, str]]:
    q_plain = _variants(query)
    q_fold = [name_key(v) for v in q_plain]
    scored = []
    for kod, namn in zip(data.kommuner.index, data.kommuner["kommun"]):
        n_plain = _basic(str(namn))
        n_fold = name_key(str(namn))
        plain = max(_similarity(q, n_plain) for q in q_plain)
        folded = max(_similarity(q, n_fold) for q in q_fold)
        scored.append(((plain + folded) / 2, kod))
    scored.sort(key=lambda t: (-t[0], t[1]))
    return scored


def resolve_kommun(query: str, data: KoladaData | None = None) -> Kommun:
    """Resolve a kommun name or code to a :class:`Kommun`.

    Raises :class:`UnknownKommunError` (a ``ValueError``) carrying ``candidates``
    when nothing matches or when the query fits more than one kommun.
    """
    data = data or load_data()
    if not isinstance(query, str) or not query.strip():
        raise UnknownKommunError(str(query), [], "Ange en kommun (namn eller fyrsiffrig kommunkod).")
    text = query.strip()

    digits = text.replace(" ", "")
    if digits.isdigit():
        kod = digits.zfill(4)
        if len(kod) == 4 and kod in data.kommuner.index:
            return _kommun(data, kod, "kod")
        raise UnknownKommunError(query, [], f"Kommunkoden {text!r} finns inte bland Sveriges 290 kommuner.")

    exact = data.kommuner.index[data.kommuner["kommun"] == text]
    if len(exact) == 1:
        return _kommun(data, exact[0], "exakt namn")

    by_case = _index(data, lambda s: unicodedata.normalize("NFC", s).casefold())
    hit = by_case.get(unicodedata.normalize("NFC", text).casefold())
    if hit and len(hit) == 1:
        return _kommun(data, hit[0], "exakt namn")

    by_norm = _index(data, lambda s: _strip_words(_basic(s)))
    variants = _variants(text)
    for variant in variants:
        if variant in by_norm and len(by_norm[variant]) == 1:
            return _kommun(data, by_norm[variant][0], "normaliserat namn")
        if variant in ALIASES:
            kod = data.kommuner.index[data.kommuner["kommun"] == ALIASES[variant]]
            if len(kod) == 1:
                return _kommun(data, kod[0], "normaliserat namn")

    by_fold = _index(data, name_key)
    for variant in variants:
        hits = by_fold.get(name_key(variant), [])
        if len(hits) == 1:
            return _kommun(data, hits[0], "utan diakritiska tecken")
        if len(hits) > 1:
            found = [(k, data.name(k)) for k in hits]
            names = " och ".join(f"{n} ({k})" for k, n in found)
            raise UnknownKommunError(
                query, found, f"{text!r} kan betyda flera kommuner: {names}. Skriv namnet exakt."
            )

    scored = _scored(text, data)
    best_score, best = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    if best_score >= FUZZY_MIN and best_score - runner_up >= FUZZY_MARGIN:
        return _kommun(data, best, "ungefärlig stavning")
    raise UnknownKommunError(query, [(k, data.name(k)) for _, k in scored[:N_CANDIDATES]])


def list_kommuner(data: KoladaData | None = None) -> list[Kommun]:
    """All 290 kommuner in code order."""
    data = data or load_data()
    return [_kommun(data, kod, "kod") for kod in data.kommuner.index]
