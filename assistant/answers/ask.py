"""Ask-backs: a plain Swedish question back, with clickable choices (full questions).

Each function returns an :class:`AssistantError` whose ``suggestions`` are questions the
user can send as they are (the chat shows them as buttons).
"""

from __future__ import annotations

from assistant.errors import AmbiguousKommun, AssistantError
from assistant.understanding import Query
from assistant.labels import DEFINITE, area_definite, area_plain
from assistant.understanding.places import kommun_name

EXAMPLE_KOMMUNER = ("Växjö", "Umeå", "Gävle")


def _with(q: Query, text: str) -> str:
    return text if text.endswith("?") else text + "?"


def ask_for_kommun(q: Query, several: bool = False) -> AssistantError:
    if q.unknown_places:
        from indices.kommuner import candidates

        name = q.unknown_places[0]
        close = [n for _, n in candidates(name)[:4]]
        choices = tuple(q.text.replace(name, n) for n in close)
        return AmbiguousKommun(f"Jag hittar ingen kommun som heter ”{name}”. Menade du någon av de här?", choices)
    if several:
        first = kommun_name(q.kommuner[0]) if q.kommuner else EXAMPLE_KOMMUNER[0]
        return AssistantError(f"Vilka kommuner vill du jämföra? Skriv till exempel ”Jämför {first} med "
                              f"{EXAMPLE_KOMMUNER[1]} och {EXAMPLE_KOMMUNER[2]}”.")
    area = f" {area_definite(q.area)}" if q.area else ""
    return AssistantError(f"Vilken kommun gäller det? Skriv till exempel ”Hur ligger Växjö till inom{area or ' grundskolan'}?”.",
                          tuple(f"{q.text.rstrip('?')} i {k}?" for k in EXAMPLE_KOMMUNER))


def ask_for_area(q: Query, allowed=None) -> AssistantError:
    areas = [a for a in DEFINITE if a != "kommunen" and (allowed is None or a in allowed)]
    where = f" för {kommun_name(q.kommuner[0])}" if q.kommuner else ""
    choices = tuple(f"{q.text.rstrip('?')} inom {area_definite(a)}?" for a in areas[:4])
    return AssistantError(f"Vilket verksamhetsområde{where} menar du? Jag kan svara för "
                          f"{', '.join(area_plain(a) for a in areas)}.", choices)


def ask_for_kpi(q: Query) -> AssistantError:
    top = q.kpi_candidates[:2]
    if q.kpi_ambiguous and len(top) == 2:
        where = f" i {kommun_name(q.kommuner[0])}" if q.kommuner else ""
        return AssistantError(f"Vilket nyckeltal menar du: ”{top[0].title}” ({top[0].kpi}) eller "
                              f"”{top[1].title}” ({top[1].kpi})?",
                              tuple(f"{c.title}{where}" for c in top))
    return AssistantError("Vilket nyckeltal menar du? Skriv till exempel ”skattesats”, ”kostnad per elev” "
                          "eller ”effektivitetsindex för äldreomsorgen”.")
