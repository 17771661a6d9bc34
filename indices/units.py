"""The unit of a Kolada KPI, read from the end of its Swedish title.

Kolada puts the unit after the last comma ("Kostnad grundskola F-9, hemkommun,
kr/elev"); a few titles end in "(%)" without a comma, RKA's indices have no unit
in the title (they are 0-100), and yes/no questions end in "(Ja=1, Nej=0)".
Curated exceptions live in ``kpi_curated.json`` (``units``), not here.
"""

from __future__ import annotations

import re

INDEX_UNIT = "index 0-100"
YES_NO = "ja/nej (1/0)"
UNKNOWN_UNIT = "värde"



def swedish_number(value: float, decimals: int = 0) -> str:
    """``12345.6`` -> ``12 346``, ``3.45`` -> ``3,5`` (decimals=1): thousands grouped with a
    space, a comma as decimal mark. The one number formatter; ``assistant.formatting`` builds on it."""
    return f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",")


_RKA = re.compile(r"^(Resurs|Kvalitets|Effektivitets)index\b")
_YES_NO = re.compile(r"Ja\s*=\s*1|Nej\s*=\s*0|Breddinfört\s*=|Underskott\s*=|alla\s*=\s*2")
_TRAILING_YEARS = re.compile(r"\s*\(-\d{4}\)\s*$")
_SIMPLE = {
    "medelvärde": "medelvärde", "genomsnitt": "medelvärde", "år": "år", "antal dagar": "dagar",
    "dagar": "dagar", "procentenheter": "procentenheter", "meritvärdespoäng": "meritvärdespoäng",
    "index": "index", "total poäng": "poäng", "balanstal": "balanstal",
}
_UNIT_START = re.compile(
    r"^(kr|tkr|antal|mwh|kwh|kvm|hektar|kg|ton|meter|km|mil|liter|timmar|minuter|mbit|dagar|recept)\b"
)


def parse_unit(title: str) -> str:
    """The unit of a KPI from its title, in a short Swedish form.

    Examples: "kr/elev", "kr/inv", "andel (%)", "%", "antal", "mnkr", "dagar",
    "index 0-100", "ja/nej (1/0)". Titles whose end is not a unit give "värde".
    """
    t = " ".join(str(title).split())
    if _RKA.match(t):
        return INDEX_UNIT
    if _YES_NO.search(t):
        return YES_NO
    last = t.rsplit(",", 1)[-1].strip() if "," in t else t
    last = _TRAILING_YEARS.sub("", last).rstrip(". ").strip()
    lower = last.casefold()
    if lower.startswith("andel") or "andel (%)" in lower or "andel  (%)" in lower:
        return "andel (%)"
    if lower.startswith("andel av") and "(%)" in lower:
        return "andel (%)"
    if "(%)" in last or lower == "%":
        return "%"
    if lower in ("miljoner kronor", "mkr", "mnkr"):
        return "mnkr"
    if lower in _SIMPLE:
        return _SIMPLE[lower]
    if _UNIT_START.match(lower):
        return re.sub(r"\s*/\s*", "/", lower).removesuffix(".")
    if lower.startswith("genomsnitt"):
        return "medelvärde"
    return UNKNOWN_UNIT
