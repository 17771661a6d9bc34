"""Figures for the answer handlers, read from the Kolada snapshot through :mod:`indices`.

``value``, ``ranking``, ``trend`` and ``compare`` return the typed results of
:mod:`.results`. Values are read from the loaded snapshot; places, changes and the
best/worst of a comparison come from :mod:`indices` (``places``, ``trend_change``,
``best_and_worst``): nothing here does arithmetic on a figure.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

import numpy as np
import pandas as pd

import indices
from indices.peers import PeerGroup, kolada_members
from indices.summaries import trend_change
from indices.values import best_and_worst, places
from indices.provenance import KALLA_KOLADA

from assistant.answers.results import (Comparison, ComparisonRow, KpiMeta, Ranking, RankRow, Trend,
                                       TrendPoint, Value)
from assistant.understanding.catalogue import entries_by_id
from assistant.understanding.places import lan_name

# Area id -> Kolada's name for it in liknande_kommuner.csv
SIMILAR_AREA = {"forskola": "förskola", "grundskola": "grundskola", "gymnasieskola": "gymnasieskola",
                "aldreomsorg": "äldreomsorg", "lss": "LSS", "ekonomiskt_bistand": "ekonomiskt bistånd",
                "ifo": "IFO", None: "övergripande"}
# RKA's published indices per area: resurs, kvalitet, effektivitet (Kolada ids), from indices.AREAS
RKA_INDICES = {a.id: (a.published_resource, a.published_quality, a.published_efficiency)
               for a in indices.AREAS.values() if a.has_rka}
# The net cost deviation in percent per area; None (no area) is the kommun as a whole
DEVIATION = {**{a.id: a.deviation_pct for a in indices.AREAS.values() if a.id != "kommunen"},
             None: indices.get_area("kommunen").deviation_pct}
KEY_FIGURES = {  # the area's main cost and result figures shown in a profile
    "forskola": ("N11008", "N11102"), "grundskola": ("N15027", "N15008", "N15507", "N15428"),
    "gymnasieskola": ("N17007", "N17461"), "aldreomsorg": ("N20007", "N21006", "N23009", "U21468", "U23401"),
    "lss": ("N25017",), "ekonomiskt_bistand": ("N31001", "U31402"), "ifo": ("N30101",),
}


def unit_of(title: str) -> str:
    t = title.lower()
    for pattern, unit in ((r"index", "index"), (r"miljoner kronor|mnkr", "mnkr"), (r"\(%\)|andel|%", "%"),
                          (r"kr/([^,)(]+)", None), (r"meritvärde", "meritvärde"), (r"dagar", "dagar"),
                          (r"invånare totalt|invånare .* antal", "invånare"), (r"personalkontinuitet", "personer")):
        m = re.search(pattern, t)
        if m:
            return unit if unit is not None else "kr/" + m.group(1).strip()
    return ""


@lru_cache(maxsize=2048)
def meta(kpi: str) -> KpiMeta:
    entry = entries_by_id().get(kpi)
    if entry is None:
        raise KeyError(f"okänt nyckeltal: {kpi!r}")
    return KpiMeta(kpi, entry.title, entry.unit or unit_of(entry.title), entry.direction, entry.area)


def _series(kpi: str, year: int) -> pd.Series:
    return indices.load_data().series(kpi, year).dropna()


def last_year() -> int:
    """The data's last year: what a question without a year asks about."""
    return indices.latest_year()


def asked_year(year: int | None) -> int:
    """The asked year, at most the data's last year; no year is the last year."""
    last = last_year()
    return min(year or last, last)


def latest_year(kpi: str, year: int, kod: str | None = None) -> int | None:
    """The asked year, or the latest earlier year with a value (for ``kod`` or anyone)."""
    data = indices.load_data()
    first, last = indices.year_span(data)
    for y in range(min(year, last), first - 1, -1):
        if kod is None and not _series(kpi, y).empty or kod is not None and data.value(kod, kpi, y) is not None:
            return y
    return None


def _rank_of(series: pd.Series, kod: str, direction: int) -> tuple[int | None, int]:
    """The kommun's place (:func:`indices.values.places`, ties share the best place) and how many have a value."""
    ranks = places(series, -1 if direction < 0 else 1)
    return (int(ranks[kod]) if kod in ranks.index else None), len(ranks)


def similar(kod: str, area: str | None) -> tuple[str, tuple[str, ...]]:
    """Kolada's liknande kommuner for a kommun in an area (latest snapshot): label, codes."""
    name = SIMILAR_AREA.get(area, "övergripande")
    codes = kolada_members(kod, name)
    what = "kommunen som helhet" if name == "övergripande" else name
    return f"Koladas liknande kommuner ({what})", codes


def value(kod: str, kpi: str, year: int | None = None, area: str | None = None) -> Value:
    data = indices.load_data()
    m = meta(kpi)
    asked = asked_year(year)
    used = latest_year(kpi, asked, kod) or asked
    series = _series(kpi, used)
    v = data.value(kod, kpi, used)
    rank, of = _rank_of(series, kod, m.direction or 1)
    label, peers = similar(kod, area or m.area)
    group = series[series.index.isin(peers + (kod,))]
    peer_rank, peer_of = _rank_of(group, kod, m.direction or 1) if peers else (None, None)
    return Value(kod, data.name(kod), m, used, v, data.riket(kpi, used), rank if v is not None else None,
                 of, peer_rank if v is not None else None, peer_of, label if peers else "",
                 asked if used != asked else None, KALLA_KOLADA)


def scope_codes(lan: str | None, kommungrupp: str | None) -> tuple[pd.Index, str]:
    data = indices.load_data()
    k = data.kommuner
    if lan:
        return k.index[k["lanskod"] == lan], lan_name(lan)
    if kommungrupp:
        return k.index[k["kommungrupp_2023_code"] == kommungrupp], f"kommungrupp {kommungrupp}"
    return k.index, "alla kommuner"


def ranking(kpi: str, year: int | None, lan: str | None = None, kommungrupp: str | None = None,
            direction: str = "max", limit: int | None = 10, focus: str | None = None) -> Ranking:
    data = indices.load_data()
    m = meta(kpi)
    used = latest_year(kpi, asked_year(year)) or last_year()
    codes, label = scope_codes(lan, kommungrupp)
    series = _series(kpi, used)
    scoped = series[series.index.isin(codes)]
    ranks = places(scoped, -1 if direction in (-1, "min") else 1)
    ordered = sorted(ranks.index, key=lambda kod: (ranks[kod], kod))  # ties by kommun code
    rows = [RankRow(int(ranks[kod]), kod, data.name(kod), float(scoped[kod])) for kod in ordered]
    focus_row = next((r for r in rows if r.kommunkod == focus), None) if focus else None
    shown = tuple(rows[: limit or 10])
    ranked = set(ordered)
    missing = tuple(data.name(c) for c in codes if c not in ranked)
    return Ranking(m, used, label, direction, shown, len(rows), focus_row, KALLA_KOLADA, missing, len(codes),
                   len(missing))


def trend(kod: str, kpi: str, first: int | None, last: int | None) -> Trend:
    """Up to eight years to the asked (or last) year; the change is :func:`indices.summaries.trend_change`
    up to the kommun's last year with a value, the rule the memo and the brief use."""
    data = indices.load_data()
    m = meta(kpi)
    first_data, last_data = indices.year_span(data)
    last = min(last or last_data, last_data)
    first = max(first or last - 7, first_data)
    series = indices.trend(kod, kpi, peers=_no_peers(kod, data), years=range(first, last + 1), data=data)
    points = tuple(TrendPoint(p.year, p.kommun.value, p.riket.value) for p in series.points)
    end = latest_year(kpi, last, kod)
    kept = [p for p in series.points if end is not None and p.year <= end]
    ch = trend_change(replace(series, points=tuple(kept))) if kept else None
    if ch is None:
        return Trend(kod, series.kommun, m, points, None, None, None, None, None, "oförändrat", KALLA_KOLADA)
    at = {p.year: p for p in points}
    word = "oförändrat" if not ch.change.value else ("ökat" if ch.change.value > 0 else "minskat")
    return Trend(kod, series.kommun, m, points, at[ch.first_year], at[ch.last_year], ch.change.value,
                 ch.change_pct.value, ch.riket_change.value, word, KALLA_KOLADA)


def _no_peers(kod: str, data) -> PeerGroup:
    """The chat's trend shows the kommun and Riket only: an empty comparison group."""
    return PeerGroup(kommun=indices.resolve_kommun(kod, data), kind="lista", label="ingen jämförelsegrupp",
                     members=())


def compare(codes: tuple[str, ...], kpis: tuple[str, ...], year: int | None) -> Comparison:
    data = indices.load_data()
    asked = asked_year(year)
    rows, missing = [], []
    for kpi in kpis:
        m = meta(kpi)
        used = latest_year(kpi, asked) or asked
        vals = tuple((c, data.name(c), data.value(c, kpi, used)) for c in codes)
        missing += [f"{n} saknar {m.title.split(',')[0].lower()} {used}" for _, n, v in vals if v is None]
        best, worst = best_and_worst(pd.Series({n: v for _, n, v in vals}, dtype=float), m.direction)
        rows.append(ComparisonRow(m, vals, used, best, worst, data.riket(kpi, used)))
    return Comparison(tuple((c, data.name(c)) for c in codes), tuple(rows), asked, "; ".join(missing), KALLA_KOLADA)


def has_values(kpi: str, codes: tuple[str, ...], year: int) -> bool:
    data = indices.load_data()
    return all(data.value(c, kpi, year) is not None for c in codes)


def nan_to_none(x):
    return None if x is None or (isinstance(x, float) and np.isnan(x)) else x
