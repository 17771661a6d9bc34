"""Unit and direction of a KPI: a thin view on the catalogue (:mod:`indices.catalogue`).

Kept for callers of the earlier API. Direction is +1 when a higher value is
better, -1 when lower is better and 0 when neither is (costs, structure).
"""

from __future__ import annotations

from dataclasses import dataclass

from .catalogue import kpi_catalogue
from .data import KoladaData
from .units import INDEX_UNIT

__all__ = ["INDEX_UNIT", "KpiInfo", "check_kpis", "kpi_info"]


@dataclass(frozen=True)
class KpiInfo:
    kpi: str
    unit: str
    direction: int


def kpi_info(kpi: str, data: KoladaData | None = None) -> KpiInfo:
    """Unit and direction of a KPI; raises ``KeyError`` naming an unknown id."""
    record = kpi_catalogue(data).get(kpi)
    return KpiInfo(record.kpi, record.unit, record.direction)


def check_kpis(kpis: list[str] | tuple[str, ...], data: KoladaData | None = None) -> list[str]:
    """Upper-case and validate KPI ids; raises ``ValueError`` with a Swedish message."""
    catalogue = kpi_catalogue(data)
    out = []
    for raw in kpis:
        kpi = str(raw).strip().upper()
        if kpi not in catalogue:
            raise ValueError(f"Nyckeltalet {raw!r} finns inte i dataunderlaget.")
        out.append(kpi)
    return out
