"""Entities in a Swedish question: kommuner, service area, year(s), KPI words, län.

Kommun names are found by scanning the question's word n-grams against the 290 names
(exact, then without diacritics, genitive ``-s`` and ``kommun``/``stad`` dropped).
A capitalised word that looks like a place but matches nothing is kept as
``unknown_places`` so the assistant can ask back with the resolver's candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from indices import list_kommuner, resolve_kommun
from indices.data import DataValidationError
from indices.kommuner import Kommun, UnknownKommunError

from assistant.retrieval.lexical import fold

# Service areas: words that point to each (folded prefixes).
AREA_WORDS: dict[str, tuple[str, ...]] = {
    "grundskola": ("grundskol", "skola", "skolan", "skolor", "elev", "meritvarde", "behorig",
                   "larare", "betyg", "ak 9", "arskurs 9"),
    "aldreomsorg": ("aldreomsorg", "hemtjanst", "sarskilt boende", "sarskilda boende", "aldre",
                    "omsorg", "brukarbedomning", "personalkontinuitet", "vantetid"),
}

# KPI words -> Kolada KPI id (folded phrase; longest phrase wins).
KPI_WORDS: dict[str, str] = {
    "meritvarde": "N15507",
    "behorig": "N15428",
    "behorighet": "N15428",
    "alla amnen": "N15508",
    "kostnad per elev": "N15008",
    "kostnaden per elev": "N15008",
    "elevkostnad": "N15008",
    "referenskostnad": "N15058",
    "larartathet": "N15034",
    "elever per larare": "N15034",
    "legitimerade larare": "N15814",
    "nettokostnadsavvikelse": "",  # area-specific, filled by the area
    "kostnadsavvikelse": "",
    "effektivitetsindex": "",
    "kvalitetsindex": "",
    "resursindex": "",
    "kostnadsindex": "",
    "brukarbedomning": "U21468",
    "helhetssyn": "U21468",
    "personalkontinuitet": "U21401",
    "vantetid": "U23401",
    "kostnad per brukare": "N21006",
    "hemtjanst kostnad": "N21006",
    "kostnad sarskilt boende": "N23009",
    "kostnad per invanare 65": "N20007",
    "kostnad aldreomsorg": "N20007",
}
AREA_KPI = {
    "grundskola": {"nettokostnadsavvikelse": "N15001", "kostnadsavvikelse": "N15001",
                   "effektivitetsindex": "U15900", "kvalitetsindex": "U15401",
                   "resursindex": "U15010", "kostnadsindex": "U15010"},
    "aldreomsorg": {"nettokostnadsavvikelse": "N20900", "kostnadsavvikelse": "N20900",
                    "effektivitetsindex": "U20900", "kvalitetsindex": "U20404",
                    "resursindex": "U20008", "kostnadsindex": "U20008"},
}

FIRST_YEAR, LAST_YEAR = 2010, 2022
_YEAR = re.compile(r"\b(19\d{2}|20\d{2})\b")
_SINCE = re.compile(r"\b(?:sedan|från|fr\.?o\.?m\.?)\s+(20\d{2})\b", re.I)
_LAN = re.compile(r"\b([A-ZÅÄÖ][\wåäöé]+(?:\s+[A-ZÅÄÖ][\wåäöé]+)?)s?\s+län\b")
_KOMMUNGRUPP = re.compile(r"\bkommungrupp(?:en)?\s+([ABC][1-9])\b", re.I)
_WORD = re.compile(r"[\wåäöéÅÄÖÉ]+(?:-[\wåäöéÅÄÖÉ]+)*")
# Capitalised words that are not places (sources, organisations, question words).
NOT_PLACES = frozenset(fold(w) for w in """
    Hur Vad Vilka Vilken Vilket Varför När Var Vem Och Men Jämför Visa Ge Kan Finns Är Om I
    RKA SKR SCB Kolada Sverige Sveriges Riket Regeringen Välfärdskommissionen Skolverket
    Socialstyrelsen Inera ESO DIGG KBT Region Regionen Uppsala-regionen Coronakommissionen
    Kommunutredningen Statskontoret Vårdguiden Svenskt Näringsliv Skolkommissionen Ignorera
    Please What How Which The Is Tell Råd Handboken Figur HR DEA Melodifestivalen Gotham
""".split()) - {fold("Gotham")}


# A capitalised word after one of these (or before "kommun") is read as a place name.
PLACE_PREPOSITIONS = frozenset({"i", "for", "med", "mot", "och", "eller", "an", "jamfor", "jamfort",
                                "inom", "fran", "kommunen"})


@dataclass(frozen=True)
class Entities:
    kommuner: tuple[Kommun, ...] = ()
    unknown_places: tuple[str, ...] = ()
    area: str | None = None
    year: int | None = None
    start_year: int | None = None
    kpi: str | None = None
    kpi_term: str | None = None
    lan: str | None = None
    kommungrupp: str | None = None
    bad_years: tuple[int, ...] = field(default=())

    def merged_with(self, earlier: "Entities") -> "Entities":
        """Fill what this turn lacks from an earlier turn (for follow-ups)."""
        return replace(
            self,
            kommuner=self.kommuner or earlier.kommuner,
            area=self.area or earlier.area,
            year=self.year or earlier.year,
            start_year=self.start_year or earlier.start_year,
            kpi=self.kpi or earlier.kpi,
            lan=self.lan or earlier.lan,
            kommungrupp=self.kommungrupp or earlier.kommungrupp,
        )

    def to_dict(self) -> dict:
        return {
            "kommuner": [k.kod for k in self.kommuner], "area": self.area, "year": self.year,
            "start_year": self.start_year, "kpi": self.kpi, "lan": self.lan,
            "kommungrupp": self.kommungrupp,
        }


def _variants(name: str) -> list[str]:
    base = name.lower().replace("-", " ")
    return [base, base + "s", base + " kommun", base + "s kommun", base + " stad", base + "s stad"]


@lru_cache(maxsize=1)
def _name_index() -> tuple[dict[str, str], dict[str, list[str]]]:
    """Exact (lowercase) name variants -> code, and folded variants -> codes.

    The exact index wins, so ``Habo`` is Habo (0643) and ``Håbo`` Håbo (0305); only a
    folded spelling that fits both (``Habo`` typed for Håbo is impossible to tell
    apart) falls back to the folded index, where a clash is reported, not guessed.
    """
    exact: dict[str, str] = {}
    folded: dict[str, list[str]] = {}
    try:
        kommuner = list_kommuner()
    except DataValidationError:  # no Kolada snapshot: no kommun names to recognise
        kommuner = []
    for k in kommuner:
        for variant in _variants(k.namn):
            exact.setdefault(variant, k.kod)
            codes = folded.setdefault(fold(variant), [])
            if k.kod not in codes:
                codes.append(k.kod)
    return exact, folded


def _lookup(phrase: str) -> str | None:
    exact, folded = _name_index()
    key = phrase.lower().replace("-", " ")
    if key in exact:
        return exact[key]
    codes = folded.get(fold(key), [])
    return codes[0] if len(codes) == 1 else None


def _find_kommuner(question: str, lan_spans: list[tuple[int, int]]) -> tuple[list[str], list[str]]:
    """Kommun codes named in the question (in order) and capitalised unknown places."""
    tokens = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(question)]
    codes: list[str] = []
    unknown: list[str] = []
    i = 0
    while i < len(tokens):
        matched = False
        for n in (4, 3, 2, 1):
            if i + n > len(tokens):
                continue
            start = tokens[i][1]
            if any(s <= start < e for s, e in lan_spans):
                break
            code = _lookup(" ".join(t[0] for t in tokens[i : i + n]))
            first = tokens[i][0]
            if code and i > 0 and fold(tokens[i - 1][0]) in {"region", "regionen"}:
                code = None  # "Region Uppsala" is the region, not the kommun
            # A lowercase single word counts only when longer than four letters, so short
            # everyday words that are also kommun names ("mora", "sala") are not taken.
            if code and (first[0].isupper() or n > 1 or len(first) > 4):
                if code not in codes:
                    codes.append(code)
                i += n
                matched = True
                break
        if not matched:
            word = tokens[i][0]
            previous = fold(tokens[i - 1][0]) if i > 0 else ""
            following = fold(tokens[i + 1][0]) if i + 1 < len(tokens) else ""
            place_like = previous in PLACE_PREPOSITIONS or following in {"kommun", "stad"}
            if (place_like and word[0].isupper() and "-" not in word and not word.isupper()
                    and fold(word) not in NOT_PLACES and len(word) > 2
                    and not any(s <= tokens[i][1] < e for s, e in lan_spans)):
                unknown.append(word)
            i += 1
    return codes, unknown


def _area(folded: str) -> str | None:
    hits = {area: sum(folded.count(w) for w in words) for area, words in AREA_WORDS.items()}
    best = max(hits, key=hits.get)
    return best if hits[best] > 0 else None


def _kpi_term(folded: str) -> str | None:
    """The longest KPI phrase in the (folded) question."""
    return next((p for p in sorted(KPI_WORDS, key=len, reverse=True) if p in folded), None)


def _kpi(folded: str, area: str | None) -> str | None:
    term = _kpi_term(folded)
    if term is None:
        return None
    return KPI_WORDS[term] or AREA_KPI.get(area or "grundskola", {}).get(term)


def kpis_for_term(term: str, area: str | None) -> list[str]:
    """KPI ids a phrase stands for: one, or one per area for area-specific words."""
    if KPI_WORDS.get(term):
        return [KPI_WORDS[term]]
    areas = [area] if area else list(AREA_KPI)
    return [AREA_KPI[a][term] for a in areas if term in AREA_KPI[a]]


def extract(question: str) -> Entities:
    """All entities in one question; unknown kommun-like words go to ``unknown_places``."""
    folded = fold(question)
    lan_match = _LAN.search(question)
    lan_spans = [(lan_match.start(), lan_match.end())] if lan_match else []
    codes, unknown = _find_kommuner(question, lan_spans)
    kommuner = tuple(resolve_kommun(c) for c in codes)
    years = [int(y) for y in _YEAR.findall(question)]
    since = _SINCE.search(question)
    start_year = int(since.group(1)) if since else None
    plain_years = [y for y in years if y != start_year]
    bad = tuple(y for y in years if not FIRST_YEAR <= y <= LAST_YEAR)
    area = _area(folded)
    grp = _KOMMUNGRUPP.search(question)
    return Entities(
        kommuner=kommuner,
        unknown_places=tuple(unknown),
        area=area,
        year=plain_years[-1] if plain_years else None,
        start_year=start_year,
        kpi=_kpi(folded, area),
        kpi_term=_kpi_term(folded),
        lan=lan_match.group(1) if lan_match else None,
        kommungrupp=grp.group(1).upper() if grp else None,
        bad_years=bad,
    )


def closest_kommuner(name: str) -> list[tuple[str, str]]:
    """The resolver's closest candidates for an unknown name: [(kod, namn)]."""
    try:
        k = resolve_kommun(name)
        return [(k.kod, k.namn)]
    except UnknownKommunError as exc:
        return exc.candidates
