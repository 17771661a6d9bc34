"""Swedish number formatting: 12 345 kr, 3,4 %, 0,92."""

from __future__ import annotations

import math
from collections.abc import Iterable

from indices.units import swedish_number

NBSP = "\u00a0"


def number(value: float | int | None, decimals: int = 0) -> str:
    """``12345.6`` -> ``12 346`` (decimals=0), ``3.45`` -> ``3,5`` (decimals=1).

    Thousands are grouped with a space (non-breaking in Markdown output would hide
    the space from copy-paste, so a plain space is used) and the decimal mark is a comma.
    """
    if value is None:
        return "–"
    return swedish_number(value, decimals)


def kronor(value: float | None) -> str:
    return f"{number(value)} kr"


def mnkr(value: float | None) -> str:
    return f"{number(value, 1)} mnkr"


def percent(value: float | None, decimals: int = 1) -> str:
    return f"{number(value, decimals)} %"


def kommuner(n: int) -> str:
    """``1 kommun``, ``3 kommuner``."""
    return f"{n} kommun" if n == 1 else f"{n} kommuner"


TWO_DECIMALS = frozenset({"N00901"})  # tax rates are read with two decimals


def is_percent(unit: str) -> bool:
    """"%", "procent" and "andel (%)" are percentages."""
    u = (unit or "").strip().lower()
    return u in {"%", "procent"} or u.endswith("(%)")


def signed(value: float | None, unit: str, kpi: str | None = None) -> str:
    """A change with its sign and unit: ``+1,5 procentenheter`` (a change of a percentage),
    ``−2 300 kr/elev``, ``+8,8 meritvärdespoäng``, ``±0,0 …``; "uppgift saknas"."""
    if value is None:
        return "uppgift saknas"
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    if is_percent(unit):
        return f"{sign}{number(abs(value), 2 if kpi in TWO_DECIMALS else 1)} procentenheter"
    return sign + with_unit(abs(value), unit, kpi)


def signed_percent(value: float | None, decimals: int = 1) -> str:
    """A relative change: ``+14,4 %``, ``−49,4 %``; "uppgift saknas"."""
    if value is None:
        return "uppgift saknas"
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return f"{sign}{number(abs(value), decimals)} %"


def with_unit(value: float | None, unit: str, kpi: str | None = None) -> str:
    """A KPI value at a reader's precision, by the unit the indices package names:
    ``17,12 %``, ``53,3 mnkr``, ``124 500 kr/elev``, index ``44,7``; "uppgift saknas"."""
    if value is None:
        return "uppgift saknas"
    unit = unit or ""
    unit_l = unit.lower()
    if is_percent(unit):  # "andel (%)" reads as a percentage
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


TUSEN_FROM = 10_000  # kronor axes at or above this read in tusen kronor: "80 tn kr"


def _is_kronor(unit: str) -> bool:
    u = (unit or "").strip().lower()
    return u == "kr" or u.startswith("kr/") or u.startswith("kr ")


def _nice_step(span: float, target: int = 5) -> float:
    raw = span / max(target, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def axis_ticks(values: Iterable[float | None], unit: str = "", include_zero: bool = False
               ) -> tuple[list[float], list[str]]:
    """Tick positions and Swedish tick labels for a value axis: ``80 000``, ``2,5``, and for
    kronor from 10 000 up, in steps of whole thousands, ``80 tn kr`` (tusen kronor); never ``80k``.

    The ticks cover the values (and 0 with ``include_zero``) in about five round steps.
    """
    have = [float(v) for v in values if v is not None and v == v]
    if include_zero:
        have.append(0.0)
    if not have:
        return [], []
    lo, hi = min(have), max(have)
    if hi == lo:
        hi, lo = hi + (abs(hi) or 1) * 0.5, lo - (abs(lo) or 1) * 0.5
    step = _nice_step(hi - lo)
    start = math.floor(lo / step) * step
    ticks = [round(start + i * step, 10) for i in range(int(math.ceil((hi - start) / step)) + 1)]
    tusen = _is_kronor(unit) and max(abs(t) for t in ticks) >= TUSEN_FROM and step >= 1000
    if tusen:
        return ticks, [f"{number(t / 1000, _decimals(step / 1000))} tn kr" for t in ticks]
    return ticks, [number(t, _decimals(step)) for t in ticks]


def _decimals(step: float) -> int:
    """The fewest decimals that show every multiple of ``step`` exactly (0,25 -> 2)."""
    return next((d for d in range(5) if abs(round(step, d) - step) < 1e-9 * max(1.0, step)), 4)
