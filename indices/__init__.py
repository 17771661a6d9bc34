"""Municipal efficiency figures from the Kolada snapshot: a pure pandas/numpy/scipy core.

Public API (every function returns dataclasses with ``to_dict()``, never raw
DataFrames; every number carries its KPI ids, year and source label):

* :func:`resolve_kommun`, :func:`list_kommuner` - names and codes
* :func:`list_areas`, :func:`get_area` - eight areas (the six RKA areas, ifo, kommunen)
* :func:`profile` - one kommun, one area, one year: indices, costs, savings,
  peers, rank and DEA
* :func:`rka` - our RKA-style indices for every kommun
* :func:`compare`, :func:`trend` - peers, time series
* :func:`screen` - a cost/quality quadrant by the one verdict rule, or an index over a threshold
* :func:`year_span`, :func:`latest_year` - the data's years (``year=None`` means the latest)
* :func:`savings` - what-if savings with formula and inputs
* :func:`efficiency` (one kommun) and :func:`dea_area` (all) - DEA with bootstrap;
  the module :mod:`indices.dea` holds the estimator ``dea.dea(x, y, ...)`` and
  its readers (``dea.scores``, ``dea.peers``, ``dea.lambdas``, ``dea.targets``,
  ``dea.super_efficiency``, ``dea.bootstrap``)
* :func:`peer_group` - Kolada's liknande kommuner, kommungrupp, län or a list
* :func:`kpi_catalogue` - every KPI as a :class:`KpiRecord` (unit, direction,
  family, synonyms) with Swedish ``search(text)`` returning scored :class:`KpiHit`
* :func:`value` - one kommun's value of any KPI with Riket and ranks
* :func:`rank` - kommuner ranked by any KPI (all, a län, a kommungrupp, a list)
"""

from .catalogue import KpiCatalogue, KpiRecord, kpi_catalogue
from .kpi_search import KpiHit
from .values import KpiValue, RankInfo, Ranking, RankRow, rank, value
from .areas import AREAS, AreaSpec, get_area, list_areas
from .compare import Comparison, KommunValue, Trend, compare, trend
from .costs import Savings, SavingsScenario, savings
from .screening import Screening, ScreeningHit, screen
from .data import DataValidationError, KoladaData, latest_year, load_data, year_span
from . import dea
from .dea import DeaResult
from .efficiency import DeaRun, DeaSummary, dea_area, efficiency
from .kommuner import Kommun, UnknownKommunError, list_kommuner, resolve_kommun
from .normalize import normalize_0_100
from .peers import PeerGroup, peer_group
from .profile import Profile, profile
from .provenance import EGNA_BERAKNINGAR, KALLA_KOLADA, Figure
from .rka import RkaRow, RkaTable, rka

__all__ = [
    "KpiCatalogue", "KpiHit", "KpiRecord", "KpiValue", "RankInfo", "RankRow", "Ranking", "kpi_catalogue",
    "rank", "value",
    "AREAS", "AreaSpec", "Comparison", "DataValidationError", "DeaResult", "DeaRun", "DeaSummary",
    "EGNA_BERAKNINGAR", "Figure", "KALLA_KOLADA", "KoladaData", "Kommun", "KommunValue", "PeerGroup", "Profile",
    "RkaRow", "RkaTable", "Savings", "SavingsScenario", "Screening", "ScreeningHit", "Trend", "UnknownKommunError",
    "compare", "dea", "dea_area", "efficiency", "get_area", "latest_year", "list_areas", "list_kommuner",
    "load_data",
    "normalize_0_100", "peer_group", "profile", "resolve_kommun", "rka", "savings", "screen", "trend", "year_span",
]
