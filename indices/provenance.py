"""Provenance for every number the package returns.

Kolada's terms ask that its figures are cited as "Källa: Kolada" and that figures
computed from them are labelled as the user's own calculations. A :class:`Figure`
carries the value together with its KPI ids, year and one of those two labels.
A missing value is ``None`` with a Swedish reason, never NaN and never a silent 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

KALLA_KOLADA = "Källa: Kolada"
EGNA_BERAKNINGAR = "Egna beräkningar baserade på data från Kolada"
SOURCES = (KALLA_KOLADA, EGNA_BERAKNINGAR)


def missing_reason(kpi: str | None, year: int | None) -> str:
    """Swedish reason for a value that Kolada does not have."""
    what = f"{kpi} saknas" if kpi else "Värdet saknas"
    when = f" för {year}" if year is not None else ""
    return f"{what} i Kolada{when}"


@dataclass(frozen=True)
class Figure:
    """One number with its provenance.

    ``value`` is a float or ``None``; when ``None``, ``reason`` says why (in
    Swedish). ``source`` is exactly :data:`KALLA_KOLADA` or
    :data:`EGNA_BERAKNINGAR`. Raises ``ValueError`` on NaN, an unknown source or a
    missing value without a reason.
    """

    value: float | None
    unit: str
    kpis: tuple[str, ...]
    year: int | None
    source: str
    label: str = ""
    reason: str | None = None
    note: str | None = None

    def __post_init__(self) -> None:
        if self.source not in SOURCES:
            raise ValueError(f"okänd källa: {self.source!r}")
        if self.value is not None:
            value = float(self.value)
            if math.isnan(value) or math.isinf(value):
                raise ValueError(f"ogiltigt värde för {self.label or self.kpis}: {value}")
            object.__setattr__(self, "value", value)
        elif not self.reason:
            raise ValueError(f"saknat värde utan förklaring: {self.label or self.kpis}")
        object.__setattr__(self, "kpis", tuple(self.kpis))
        if self.year is not None:
            object.__setattr__(self, "year", int(self.year))

    @property
    def is_missing(self) -> bool:
        return self.value is None

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable form."""
        return {
            "value": self.value,
            "unit": self.unit,
            "kpis": list(self.kpis),
            "year": self.year,
            "source": self.source,
            "label": self.label,
            "reason": self.reason,
            "note": self.note,
        }


def figure(
    value: float | None,
    *,
    unit: str,
    kpis: tuple[str, ...] | list[str],
    year: int | None,
    source: str,
    label: str = "",
    reason: str | None = None,
    note: str | None = None,
) -> Figure:
    """Build a :class:`Figure`, turning NaN into ``None`` with a reason.

    When no reason is given for a missing value, the reason names the first KPI
    and the year ("U20404 saknas i Kolada för 2022").
    """
    if value is not None:
        value = float(value)
        if math.isnan(value):
            value = None
    if value is None and not reason:
        reason = missing_reason(kpis[0] if kpis else None, year)
    return Figure(
        value=value,
        unit=unit,
        kpis=tuple(kpis),
        year=year,
        source=source,
        label=label,
        reason=reason if value is None else None,
        note=note,
    )
