"""Area-level results: a kommun's profile (through the one verdict rule), its peers,
who it can learn from, and key-figure search in the catalogue."""

from __future__ import annotations

import logging

import indices
from indices import summaries
from indices.efficiency import DEFAULT_REPS
from indices.screening import area_verdicts
from indices.verdict import verdict

from assistant.answers.fetch import (DEVIATION, KEY_FIGURES, RKA_INDICES, asked_year, last_year, latest_year, meta,
                                     similar, value)
from assistant.answers.results import AreaProfile, CostAndIndex, Exemplars, KpiHitRow, KpiList, Peers
from assistant.understanding.catalogue import catalogue_entries

log = logging.getLogger(__name__)


def profile(kod: str, area: str, year: int | None) -> AreaProfile:
    data = indices.load_data()
    asked = asked_year(year)
    published = RKA_INDICES.get(area)
    figures = []
    found = None
    notes = []
    if published:
        used = latest_year(published[2], asked) or asked
        # the verdict the screening and the memo read: published where it exists, ours otherwise
        try:
            v = area_verdicts(indices.get_area(area), used, [kod], data)[kod]
        except ValueError:  # the snapshot lacks the area's indices: the verdict says so
            log.info("Index saknas för %s %s %s", kod, area, used)
            v = verdict()
        found = v
        for kpi in (published[2], published[0], published[1]):
            figures.append(value(kod, kpi, used, area))
        asked = used
    deviation_kpi = DEVIATION.get(area)
    deviation = value(kod, deviation_kpi, asked, area) if deviation_kpi else None
    for kpi in KEY_FIGURES.get(area, ()):
        try:
            figures.append(value(kod, kpi, asked, area))
        except KeyError:
            continue
    label, _ = similar(kod, area)
    return AreaProfile(kod, data.name(kod), area, asked, found, deviation, tuple(figures), label,
                       tuple(notes))


def peers(kod: str, area: str | None) -> Peers:
    data = indices.load_data()
    label, codes = similar(kod, area)
    return Peers(kod, data.name(kod), area or "", label, tuple((c, data.name(c)) for c in codes))


def learn_from(kod: str, area: str, year: int | None) -> Exemplars:
    """Liknande kommuner with a higher effektivitetsindex and a lower cost; DEA peers too."""
    data = indices.load_data()
    published = RKA_INDICES.get(area)
    cost_kpi = (KEY_FIGURES.get(area) or (DEVIATION.get(area),))[0]
    eff_kpi = published[2] if published else None
    used = latest_year(eff_kpi or cost_kpi, asked_year(year)) or last_year()
    label, codes = similar(kod, area)
    own_eff = data.value(kod, eff_kpi, used) if eff_kpi else None
    own_cost = data.value(kod, cost_kpi, used)
    better = []
    for c in codes:
        eff = data.value(c, eff_kpi, used) if eff_kpi else None
        cost = data.value(c, cost_kpi, used)
        if cost is None or own_cost is None or cost >= own_cost:
            continue
        if eff_kpi and (eff is None or own_eff is None or eff <= own_eff):
            continue
        better.append(CostAndIndex(c, data.name(c), eff, cost))
    better.sort(key=lambda r: -(r.effektivitetsindex or 0))
    dea = None
    if indices.get_area(area).dea_inputs:  # the DEA run the memo and the brief read (and the app warms)
        try:
            dea = summaries.learn_from(indices.efficiency(kod, area, used, reps=DEFAULT_REPS, data=data), data)
        except (ValueError, KeyError):
            log.info("DEA saknas för %s %s", kod, area)
    return Exemplars(kod, data.name(kod), area, used, CostAndIndex(kod, data.name(kod), own_eff, own_cost),
                     meta(cost_kpi), eff_kpi or "", tuple(better), dea, label)


def kpi_search(text: str, candidates: tuple, limit: int = 6) -> KpiList:
    """The catalogue's closest key figures for a question (candidates from the reading)."""
    by_id = {e.kpi: e for e in catalogue_entries()}
    hits = []
    for c in candidates[:limit]:
        e = by_id.get(c.kpi)
        if e is None:
            continue
        hits.append(KpiHitRow(e.kpi, e.title, e.area or "", e.n_kommuner, " ".join(e.description.split())[:400]))
    return KpiList(text, tuple(hits))
