"""The two service areas and which KPIs feed each computation.

Method sources: RKA's descriptions of the indices (kpi_dictionary.csv, U15010,
U15401, U15900, U20008, U20404, U20900).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class AreaSpec:
    """Everything area-specific. ``quality`` pairs each KPI with its direction."""

    id: str
    label: str
    similar_area: str
    published_resource: str
    published_quality: str
    published_efficiency: str
    resource_basis: str
    resource_exact: bool
    quality: tuple[tuple[str, int], ...]
    quality_label: str
    deviation_pct: str
    deviation_mnkr: str
    cost_kpis: tuple[str, ...]
    dea_inputs: tuple[str, ...]
    dea_outputs: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "published": {
                "resursindex": self.published_resource,
                "kvalitetsindex": self.published_quality,
                "effektivitetsindex": self.published_efficiency,
            },
            "kvalitetsindex_nyckeltal": [k for k, _ in self.quality],
            "kvalitetsindex_metod": self.quality_label,
            "kostnadsnyckeltal": list(self.cost_kpis),
            "dea_insatser": list(self.dea_inputs),
            "dea_resultat": list(self.dea_outputs),
        }


GRUNDSKOLA = AreaSpec(
    id="grundskola",
    label="Grundskola F-9",
    similar_area="grundskola",
    published_resource="U15010",
    published_quality="U15401",
    published_efficiency="U15900",
    resource_basis="N15001",
    resource_exact=False,
    quality=(("U15457", 1), ("U15459", 1), ("U15461", 1)),
    quality_label=(
        "utan elevenkät: medelvärde av tre normaliserade avvikelser från SKR:s "
        "modellberäknade värden (U15457, U15459, U15461); RKA:s index har även ett elevenkätsindex"
    ),
    deviation_pct="N15001",
    deviation_mnkr="N15045",
    cost_kpis=("N15008", "N15027", "N15058", "U15011", "N15001", "N15045"),
    dea_inputs=("N15008",),
    dea_outputs=("N15505", "N15419"),
)

ALDREOMSORG = AreaSpec(
    id="aldreomsorg",
    label="Äldreomsorg",
    similar_area="äldreomsorg",
    published_resource="U20008",
    published_quality="U20404",
    published_efficiency="U20900",
    resource_basis="N20900",
    resource_exact=True,
    quality=(("U21468", 1), ("U21463", 1), ("U23471", 1), ("U23461", 1), ("U23401", -1)),
    quality_label=(
        "brukarbedömning hemtjänst och särskilt boende (U21468, U21463, U23471, U23461) "
        "och väntetid till särskilt boende (U23401); RKA:s index har även personalens "
        "utbildning, som saknas i dataunderlaget"
    ),
    deviation_pct="N20900",
    deviation_mnkr="N20029",
    cost_kpis=("N20007", "N20048", "N21006", "N23009", "N20900", "N20029"),
    dea_inputs=("N20007",),
    dea_outputs=("U21468", "U23471"),
)

AREAS: dict[str, AreaSpec] = {a.id: a for a in (GRUNDSKOLA, ALDREOMSORG)}
_ALIASES = {"äldreomsorg": "aldreomsorg", "aldreomsorg": "aldreomsorg", "grundskola": "grundskola",
            "grundskolan": "grundskola", "äldreomsorgen": "aldreomsorg", "skola": "grundskola"}


def get_area(area: str) -> AreaSpec:
    """Look up an area by id; "äldreomsorg" is accepted. Raises ``ValueError``."""
    key = _ALIASES.get(str(area).strip().casefold())
    if key is None:
        raise ValueError(
            f"Okänt verksamhetsområde {area!r}. Välj grundskola eller äldreomsorg."
        )
    return AREAS[key]


def list_areas() -> list[dict[str, Any]]:
    """The supported areas with the KPIs each one uses."""
    return [a.to_dict() for a in AREAS.values()]
