"""Swedish number formatting: 12 345 kr, 3,4 %, 0,92."""

from __future__ import annotations

NBSP = "\u00a0"


def number(value: float | int | None, decimals: int = 0) -> str:
    """``12345.6`` -> ``12 346`` (decimals=0), ``3.45`` -> ``3,5`` (decimals=1).

    Thousands are grouped with a space (non-breaking in Markdown output would hide
    the space from copy-paste, so a plain space is used) and the decimal mark is a comma.
    """
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",")


def kronor(value: float | None) -> str:
    return f"{number(value)} kr"


def mnkr(value: float | None) -> str:
    return f"{number(value, 1)} mnkr"


def percent(value: float | None, decimals: int = 1) -> str:
    return f"{number(value, decimals)} %"


TWO_DECIMALS = frozenset({"N00901"})  # tax rates are read with two decimals


def with_unit(value: float | None, unit: str, kpi: str | None = None) -> str:
    """A KPI value at a reader's precision, by the unit the indices package names:
    ``17,12 %``, ``53,3 mnkr``, ``124 500 kr/elev``, index ``44,7``; "uppgift saknas"."""
    if value is None:
        return "uppgift saknas"
    unit = unit or ""
    unit_l = unit.lower()
    if unit_l in {"%", "procent"} or unit_l.endswith("(%)"):  # "andel (%)" reads as a percentage
        return percent(value, 2 if kpi in TWO_DECIMALS else 1)
    if unit_l == "kr" or unit_l.startswith("kr/"):
        return f"{number(value)} {unit}"
    if unit_l in {"mnkr", "miljoner kronor"}:
        return mnkr(value)
    if unit_l.startswith("index") or unit_l == "poäng":
        return number(value, 1)
    if unit_l == "meritvärde":
        return number(value, 1) + " meritvärdespoäng"
    if unit_l == "invånare":
        return f"{number(value)} invånare"
    decimals = 0 if abs(value) >= 100 else 1
    return f"{number(value, decimals)} {unit}".strip()


def genitive(name: str) -> str:
    """Swedish genitive of a name: ``Växjö`` -> ``Växjös``, ``Borås`` -> ``Borås`` (a name
    ending in s, x or z takes no extra s)."""
    return name if name[-1:].lower() in {"s", "x", "z"} else f"{name}s"
