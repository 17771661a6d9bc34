"""The service areas and which KPIs feed each computation, read from ``areas.json``.

Eight areas: the six RKA publishes resurs-, kvalitets- and effektivitetsindex for
(förskola, grundskola, gymnasieskola, äldreomsorg, LSS boende och daglig
verksamhet, ekonomiskt bistånd), plus individ- och familjeomsorg and the kommun
as a whole, which have net cost deviations and cost KPIs but no RKA index.
Method sources: RKA's KPI descriptions in kpi_dictionary.csv.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .text import fold

AREAS_FILE = Path(__file__).resolve().parent / "areas.json"


@dataclass(frozen=True)
class AreaSpec:
    """Everything area-specific. Components pair a KPI (or "A/B") with its direction.

    ``resource_use_own``/``quality_use_own``: our recomputed index feeds our
    effektivitetsindex (else RKA's published index does, labelled as Kolada's).
    """

    id: str
    label: str
    similar_area: str
    aliases: tuple[str, ...]
    published_resource: str | None
    published_quality: str | None
    published_efficiency: str | None
    resource: tuple[tuple[str, int], ...]
    resource_fallback: tuple[tuple[str, int], ...]
    resource_label: str
    resource_use_own: bool
    quality: tuple[tuple[str, int], ...]
    quality_label: str
    quality_use_own: bool
    deviation_pct: str | None
    deviation_mnkr: str | None
    cost_kpis: tuple[str, ...]
    quality_kpis: tuple[str, ...]
    dea_inputs: tuple[str, ...]
    dea_outputs: tuple[str, ...]
    dea_reason: str

    @property
    def has_rka(self) -> bool:
        """RKA publishes indices for this area."""
        return self.published_efficiency is not None

    @property
    def resource_basis(self) -> str | None:
        return self.resource[0][0] if self.resource else None

    @property
    def resource_exact(self) -> bool:
        """Kept for older callers: our resource index is the one used."""
        return self.resource_use_own

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "aliases": list(self.aliases),
            "kolada_liknande_omrade": self.similar_area,
            "published": {
                "resursindex": self.published_resource,
                "kvalitetsindex": self.published_quality,
                "effektivitetsindex": self.published_efficiency,
            },
            "resursindex_nyckeltal": [k for k, _ in self.resource],
            "resursindex_metod": self.resource_label,
            "kvalitetsindex_nyckeltal": [k for k, _ in self.quality],
            "kvalitetsindex_metod": self.quality_label,
            "nettokostnadsavvikelse": {"procent": self.deviation_pct, "mnkr": self.deviation_mnkr},
            "kostnadsnyckeltal": list(self.cost_kpis),
            "kvalitetsnyckeltal": list(self.quality_kpis),
            "dea_insatser": list(self.dea_inputs),
            "dea_resultat": list(self.dea_outputs),
            "dea_motivering": self.dea_reason,
        }


def _pairs(raw: list) -> tuple[tuple[str, int], ...]:
    return tuple((str(k), int(d)) for k, d in raw)


def _spec(a: dict[str, Any]) -> AreaSpec:
    pub = a.get("published") or {}
    return AreaSpec(
        id=a["id"], label=a["label"], similar_area=a["similar_area"], aliases=tuple(a.get("aliases", ())),
        published_resource=pub.get("resursindex"), published_quality=pub.get("kvalitetsindex"),
        published_efficiency=pub.get("effektivitetsindex"),
        resource=_pairs(a["resource"]["components"]), resource_fallback=_pairs(a["resource"].get("fallback", [])),
        resource_label=a["resource"]["label"], resource_use_own=bool(a["resource"]["use_own"]),
        quality=_pairs(a["quality"]["components"]), quality_label=a["quality"]["label"],
        quality_use_own=bool(a["quality"]["use_own"]),
        deviation_pct=a.get("deviation_pct"), deviation_mnkr=a.get("deviation_mnkr"),
        cost_kpis=tuple(a["cost_kpis"]), quality_kpis=tuple(a.get("quality_kpis", ())),
        dea_inputs=tuple(a["dea"]["inputs"]), dea_outputs=tuple(a["dea"]["outputs"]), dea_reason=a["dea"]["reason"],
    )


@functools.lru_cache(maxsize=1)
def _load() -> dict[str, AreaSpec]:
    raw = json.loads(AREAS_FILE.read_text(encoding="utf-8"))
    return {a["id"]: _spec(a) for a in raw["areas"]}


AREAS: dict[str, AreaSpec] = _load()
RKA_AREAS: tuple[str, ...] = tuple(k for k, a in AREAS.items() if a.has_rka)


@functools.lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    out: dict[str, str] = {}
    for spec in AREAS.values():
        for name in (spec.id, spec.label, *spec.aliases):
            out[fold(name).replace("_", " ").strip()] = spec.id
    return out


def get_area(area: str | AreaSpec) -> AreaSpec:
    """Look up an area by id or a Swedish name ("förskola", "äldreomsorgen", "LSS"). Raises ``ValueError``."""
    if isinstance(area, AreaSpec):
        return area
    key = _aliases().get(fold(str(area)).replace("_", " ").strip())
    if key is None:
        names = ", ".join(AREAS)
        raise ValueError(f"Okänt verksamhetsområde {area!r}. Välj bland: {names}.")
    return AREAS[key]


def list_areas() -> list[dict[str, Any]]:
    """The supported areas with the KPIs each one uses."""
    return [a.to_dict() for a in AREAS.values()]
