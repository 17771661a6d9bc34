"""Units and directions of the 50 Kolada KPIs in the snapshot.

Direction is +1 when a higher value is better, -1 when lower is better (costs,
waiting days) and 0 for structural figures where neither is better. Titles are
read from ``kpi_dictionary.csv`` at run time, not repeated here.
"""

from __future__ import annotations

from dataclasses import dataclass

INDEX_UNIT = "index 0-100"


@dataclass(frozen=True)
class KpiInfo:
    kpi: str
    unit: str
    direction: int


_TABLE: dict[str, tuple[str, int]] = {
    "N00097": ("%", -1),
    "N00901": ("%", 0),
    "N01813": ("%", 0),
    "N01951": ("invånare", 0),
    "N01953": ("invånare", 0),
    "N01957": ("invånare", 0),
    "N15001": ("%", -1),
    "N15008": ("kr/elev", -1),
    "N15027": ("kr/elev", -1),
    "N15034": ("elever/lärare", 0),
    "N15045": ("mnkr", -1),
    "N15058": ("kr/elev", 0),
    "N15419": ("%", 1),
    "N15428": ("%", 1),
    "N15436": ("%", 1),
    "N15505": ("meritvärde", 1),
    "N15507": ("meritvärde", 1),
    "N15508": ("%", 1),
    "N15809": ("elever", 0),
    "N15813": ("%", 1),
    "N15814": ("%", 1),
    "N15820": ("%", 0),
    "N15829": ("elever", 0),
    "N15901": ("%", 0),
    "N20007": ("kr/inv 65+", -1),
    "N20011": ("kr/inv", -1),
    "N20029": ("mnkr", -1),
    "N20048": ("kr/inv 80+", -1),
    "N20891": ("%", 0),
    "N20900": ("%", -1),
    "N21006": ("kr/hemtjänsttagare", -1),
    "N21024": ("kr/inv 80+", -1),
    "N23009": ("kr/brukare", -1),
    "N23801": ("%", 0),
    "U15010": (INDEX_UNIT, 1),
    "U15011": ("kr/elev", -1),
    "U15401": (INDEX_UNIT, 1),
    "U15457": ("procentenheter", 1),
    "U15459": ("meritvärdespoäng", 1),
    "U15461": ("procentenheter", 1),
    "U15900": (INDEX_UNIT, 1),
    "U20008": (INDEX_UNIT, 1),
    "U20404": (INDEX_UNIT, 1),
    "U20900": (INDEX_UNIT, 1),
    "U21401": ("antal personal", -1),
    "U21463": ("%", 1),
    "U21468": ("%", 1),
    "U23401": ("dagar", -1),
    "U23461": ("%", 1),
    "U23471": ("%", 1),
}

KPIS: dict[str, KpiInfo] = {k: KpiInfo(k, u, d) for k, (u, d) in _TABLE.items()}


def kpi_info(kpi: str) -> KpiInfo:
    """Unit and direction of a KPI; raises ``KeyError`` naming an unknown id."""
    try:
        return KPIS[kpi]
    except KeyError:
        raise KeyError(f"okänt nyckeltal: {kpi!r}") from None


def check_kpis(kpis: list[str] | tuple[str, ...]) -> list[str]:
    """Upper-case and validate KPI ids; raises ``ValueError`` with a Swedish message."""
    out = []
    for raw in kpis:
        kpi = str(raw).strip().upper()
        if kpi not in KPIS:
            raise ValueError(f"Nyckeltalet {raw!r} finns inte i dataunderlaget.")
        out.append(kpi)
    return out
