"""Small text helpers for the composers: values at a reader's precision, source lines."""

from __future__ import annotations

from indices.provenance import KALLA_KOLADA

from assistant import formatting as fmt
from assistant.answers.results import KpiMeta
from assistant.labels import area_definite, area_plain

def show(value: float | None, meta: KpiMeta | None = None, unit: str | None = None) -> str:
    """``17,12 %``, ``53,3 mnkr``, ``124 500 kr/elev``, index ``44,7``; "uppgift saknas"."""
    unit = unit if unit is not None else (meta.unit if meta else "")
    return fmt.with_unit(value, unit, meta.kpi if meta is not None else None)


def source(meta: KpiMeta, year: int | None, label: str = KALLA_KOLADA) -> str:
    return f"({meta.kpi}{', ' + str(year) if year else ''}, {label})"


def area_label(area: str | None) -> str:
    return area_definite(area) if area else "kommunen"


def area_name(area: str | None) -> str:
    return area_plain(area) if area else ""


def title(meta: KpiMeta) -> str:
    return meta.title.strip()


def best_word(meta: KpiMeta, direction: str | None = None) -> str:
    """'bäst'/'sämst' for KPIs with a direction, else 'högst'/'lägst'."""
    if meta.direction == 0:
        return "lägst" if direction == "min" else "högst"
    low_is_asked = direction == "min"
    if meta.direction < 0:
        return "lägst" if low_is_asked else "högst"
    return "lägst" if low_is_asked else "högst"

