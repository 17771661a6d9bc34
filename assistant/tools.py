"""The assistant's tools: plain typed functions over :mod:`indices`.

Each tool takes simple arguments (names, area, year), returns a small JSON-ready dict
with provenance (KPI ids, year, "Källa: Kolada" or "Egna beräkningar baserade på data
från Kolada"), never a DataFrame. They are registered once in ``TOOLS``;
:func:`as_langchain_tools` is the one place that adapts them for a chat model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import indices
from indices.kpis import kpi_info

from assistant.types import ToolCall

CHAT_BOOTSTRAP_REPS = 1000


def kommun_profile(kommun: str, area: str = "grundskola", year: int | None = None) -> dict[str, Any]:
    """Profil för en kommun inom ett område och år: resurs-, kvalitets- och effektivitetsindex,
    kostnad mot referens, besparingspotential, jämförelsegrupp, rang och DEA."""
    return indices.profile(kommun, area, year, reps=CHAT_BOOTSTRAP_REPS).to_dict()


def compare_kommuner(kommuner: list[str], area: str = "grundskola", year: int | None = None) -> dict[str, Any]:
    """Jämför den första kommunen med de övriga (eller med Koladas liknande kommuner om
    bara en anges): värde, gruppens median, rang och riket per nyckeltal."""
    first, *others = kommuner
    return indices.compare(first, peers=others or None, area=area, year=year).to_dict()


def screen_kommuner(area: str = "grundskola", year: int | None = None, lan: str | None = None,
                    kommungrupp: str | None = None, index: str | None = None,
                    threshold: float | None = None, kostnad: str = "low",
                    kvalitet: str = "high") -> dict[str, Any]:
    """Kommuner med en viss kostnads- och kvalitetsnivå (kostnad och kvalitet "low" eller "high";
    standard låg kostnad och hög kvalitet: resurs- och kvalitetsindex minst 50), i hela landet,
    ett län eller en kommungrupp; med en tröskel i stället de vars index (resursindex,
    kvalitetsindex eller effektivitetsindex) är över tröskeln. Utan år: senaste året med data."""
    return indices.screen(area, year, lan=lan, kommungrupp=kommungrupp, index=index,
                          threshold=threshold, cost=kostnad, quality=kvalitet).to_dict()


def kpi_trend(kommun: str, kpi: str, area: str = "grundskola", start_year: int | None = None,
              end_year: int | None = None) -> dict[str, Any]:
    """Ett nyckeltal år för år för kommunen, medianen för liknande kommuner och riket (utan år:
    hela dataunderlaget)."""
    first, last = indices.year_span()
    years = list(range(max(start_year or first, first), min(end_year or last, last) + 1))
    return indices.trend(kommun, kpi, area=area, years=years).to_dict()


def savings_potential(kommun: str, area: str = "grundskola", year: int | None = None) -> dict[str, Any]:
    """Vad kommunen skulle spara per år om kostnadsavvikelsen låg på referensnivån, på
    medianen för liknande kommuner eller på bästa kvartilen med minst lika hög kvalitet."""
    return indices.savings(kommun, area, year).to_dict()


def dea_efficiency(kommun: str, area: str = "grundskola", year: int | None = None) -> dict[str, Any]:
    """DEA-effektivitet (inputorienterad, VRS) med bootstrapintervall och de kommuner
    att lära av."""
    return indices.efficiency(kommun, area, year, reps=CHAT_BOOTSTRAP_REPS).to_dict()


def kpi_definition(kpi: str) -> dict[str, Any]:
    """Koladas beskrivning av ett nyckeltal: titel, beskrivning, enhet och riktning."""
    data = indices.load_data()
    info = kpi_info(kpi)
    description = str(data.dictionary.at[kpi, "description"]) if kpi in data.dictionary.index else ""
    return {"kpi": kpi, "title": data.kpi_title(kpi), "description": description.strip(),
            "unit": info.unit, "direction": info.direction, "source": indices.KALLA_KOLADA}


def kpi_value(kommun: str, kpi: str, year: int | None = None) -> dict[str, Any]:
    """Ett nyckeltal (Kolada-id, t.ex. N00901) för en kommun och ett år, med riket och
    kommunens plats bland alla kommuner och bland Koladas liknande kommuner."""
    from assistant.answers import fetch

    return fetch.value(indices.resolve_kommun(kommun).kod, kpi, year).to_dict()


def kpi_ranking(kpi: str, year: int | None = None, lan: str | None = None, direction: str = "max",
                limit: int = 10) -> dict[str, Any]:
    """Kommunerna rangordnade på ett nyckeltal, i hela landet eller ett län (länskod, t.ex.
    "13"); direction "max" ger högst värde först, "min" lägst."""
    from assistant.answers import fetch

    return fetch.ranking(kpi, year, lan, None, direction, limit).to_dict()


@dataclass(frozen=True)
class Tool:
    name: str
    func: Callable[..., dict[str, Any]]

    @property
    def description(self) -> str:
        return " ".join((self.func.__doc__ or "").split())


TOOLS: dict[str, Tool] = {
    t.name: t for t in (
        Tool("profile", kommun_profile),
        Tool("compare", compare_kommuner),
        Tool("screen", screen_kommuner),
        Tool("trend", kpi_trend),
        Tool("savings", savings_potential),
        Tool("dea", dea_efficiency),
        Tool("kpi", kpi_definition),
        Tool("kpi_value", kpi_value),
        Tool("ranking", kpi_ranking),
    )
}


def call(name: str, **args: Any) -> ToolCall:
    """Run a registered tool and record its inputs and output."""
    result = TOOLS[name].func(**args)
    return ToolCall(name=name, args=args, result=result)


def as_langchain_tools() -> list:
    """The same tools as LangChain ``StructuredTool``s (name, signature and docstring)."""
    from langchain_core.tools import StructuredTool

    return [StructuredTool.from_function(func=t.func, name=t.name, description=t.description)
            for t in TOOLS.values()]
