"""The chat's savings and screening answers, read from :mod:`indices` (no arithmetic here).

Savings are :func:`indices.savings`: the same three scenarios (reference level, the peer
median, the best quartile among kommuner with at least as good quality) and amounts the
memo, the debate brief and the explorer show. Screening is :func:`indices.screen`: the one
verdict rule of :mod:`indices.verdict` (the asked cost/quality quadrant, by default low cost
and high quality), or an index above a threshold. This module picks the year, calls them and
writes the Swedish text.
"""

from __future__ import annotations

import re

import indices
from indices.costs import FORMULA_TEXT, SYMBOL_TEXT
from indices.costs import saving_mnkr
from indices.summaries import best_saving
from indices.verdict import HIGH, LOW, advice_for

from assistant import formatting as fmt
from assistant.answers.compose_area import advice_line
from assistant.answers.fetch import asked_year, latest_year
from assistant.answers.text import area_name
from assistant.phrases import names


def savings_areas() -> dict[str, str]:
    """Areas that have a net cost deviation in Kolada (id -> the percent KPI)."""
    return {a.id: a.deviation_pct for a in indices.AREAS.values() if a.deviation_pct and a.deviation_mnkr}


def screening_areas() -> dict[str, tuple[str, str, str]]:
    """Areas with RKA's indices (id -> resurs-, kvalitets- and effektivitetsindex KPI ids)."""
    return {a.id: (a.published_resource, a.published_quality, a.published_efficiency)
            for a in indices.AREAS.values() if a.has_rka}


def savings(kod: str, area: str, year: int | None) -> indices.Savings:
    """The savings scenarios for the asked year, or the latest earlier year with a deviation."""
    spec = indices.get_area(area)
    used = latest_year(spec.deviation_pct, asked_year(year), kod) or indices.latest_year()
    return indices.savings(kod, spec.id, used)


def _scenario_line(s: indices.SavingsScenario) -> str:
    saving = saving_mnkr(s)
    amount = f"{fmt.with_unit(saving.value, saving.unit)} per år" if saving.value is not None else \
        f"uppgift saknas ({saving.reason})"
    target = fmt.with_unit(s.target_deviation.value, s.target_deviation.unit)
    note = f" ({s.value.note[0].lower()}{s.value.note[1:].rstrip('.')})" if s.value.note else ""
    return f"- {s.label} (d* = {target}): {amount}{note}"


def _symbol_lines(s: indices.Savings) -> list[str]:
    """One line per symbol, with the kommun's own d and D as the memo shows them."""
    lines = []
    for symbol, text in SYMBOL_TEXT.items():
        fig = {"D": s.big_d, "d": s.d}.get(symbol)
        own = ""
        if fig is not None:
            own = f" ({fig.kpis[0]}, {indices.KALLA_KOLADA}); {s.kommun} {s.year}: {fmt.with_unit(fig.value, fig.unit)}"
        lines.append(f"- {symbol}: {text}{own}.")
    return lines


ASKED_SCENARIO = (  # the scenario a question names: it answers first
    ("referens", re.compile(r"referens|strukturjuster|standardkostnad|avvikelse(n)? (vore|var|blev) (noll|0)\b")),
    ("liknande_median", re.compile(r"median|liknande kommuner|jämförelsegrupp")),
    ("basta_kvartil", re.compile(r"kvartil|de bästa|lika bra kvalitet|bättre kvalitet")),
)


def asked_scenario(question: str, s: indices.Savings) -> "indices.SavingsScenario | None":
    """The scenario the question names ("om den kostade som referenskostnaden"), if any."""
    text = question.lower()
    for prefix, pattern in ASKED_SCENARIO:
        if pattern.search(text):
            return next((sc for sc in s.scenarios if sc.id.startswith(prefix)), None)
    return None


def savings_text(s: indices.Savings, question: str = "") -> str:
    """Lead with the scenario the question names, else the largest saving (as the memo does);
    then every scenario, the formula and its symbols."""
    spec = indices.get_area(s.area)
    where = f"{area_name(s.area)} i {s.kommun}"
    best = best_saving(s)
    ref = s.scenarios[0].value  # the reference scenario
    kpis = f"{spec.deviation_pct}, {spec.deviation_mnkr}"
    asked = asked_scenario(question, s)
    if asked is not None and asked.value.value is not None:
        amount = saving_mnkr(asked)
        label = f"{asked.label[0].lower()}{asked.label[1:]}"
        if amount.value > 0:
            lead = (f"{label[0].upper()}{label[1:]} skulle {where} spara **{fmt.with_unit(amount.value, amount.unit)} "
                    f"per år** ({s.year}; {kpis}; {indices.EGNA_BERAKNINGAR}).")
        else:
            lead = (f"{label[0].upper()}{label[1:]} skulle {where} inte spara något: kostnaden ligger redan på eller "
                    f"under den nivån ({s.year}; {kpis}; {indices.EGNA_BERAKNINGAR}).")
    elif best is not None:
        amount = saving_mnkr(best)
        lead = (f"Den största besparingen för {where} är **{fmt.with_unit(amount.value, amount.unit)} per år**: "
                f"{best.label[0].lower()}{best.label[1:]} ({s.year}; {kpis}; {indices.EGNA_BERAKNINGAR}).")
    elif ref.value is None:
        lead = f"Kostnadsavvikelsen för {where} saknas för {s.year} ({ref.reason}; {indices.KALLA_KOLADA})."
    else:
        lead = (f"Inget av besparingsscenarierna ger en besparing för {where} {s.year}: kostnaden ligger redan "
                f"på eller under nivåerna ({kpis}; {indices.EGNA_BERAKNINGAR}).")
    lines = [lead, "", *(_scenario_line(sc) for sc in s.scenarios), "", f"Formel: {FORMULA_TEXT}.",
             *_symbol_lines(s), "",
             advice_line(4, "en kostnad över referens är ett skäl att se över styrning och arbetssätt, "
                            "inte att skära lika över allt")]
    return "\n".join(lines)


def screen(area: str, year: int | None, lan: str | None, kommungrupp: str | None,
           index_kpi: str | None = None, threshold: float | None = None,
           quadrant: tuple[str, str] | None = None) -> indices.Screening:
    """:func:`indices.screen` for the asked year, or the latest earlier year with the area's indices;
    ``quadrant`` is the asked (cost, quality) levels, default low cost and high quality."""
    spec = indices.get_area(area)
    used = latest_year(spec.published_efficiency, asked_year(year)) or indices.latest_year()
    cost, quality = quadrant or (LOW, HIGH)
    return indices.screen(spec.id, used, lan=lan, kommungrupp=kommungrupp, index=index_kpi, threshold=threshold,
                          cost=cost, quality=quality)


def screening_text(s: indices.Screening) -> str:
    where = f"{s.scope}" if s.scope else "alla kommuner"
    if s.hits:
        shown = names([h.kommun for h in s.hits[:8]]) + (" med flera" if len(s.hits) > 8 else "")
        lead = (f"{len(s.hits)} av {s.n_considered} kommuner med index ({where}) har {s.criteria} inom "
                f"{area_name(s.area)} år {s.year}: **{shown}** ({s.source}).")
    else:
        lead = (f"Ingen av {s.n_considered} kommuner med index ({where}) har {s.criteria} inom "
                f"{area_name(s.area)} år {s.year} ({s.source}).")
    lines = [lead]
    if s.n_missing:
        lines.append(f"{fmt.kommuner(s.n_missing)} saknar index för året och ingår inte.")
    lines.append("")
    for h in s.hits[:15]:
        parts = [f"{kind} {fmt.number(h.reading(kind).value, 1)}"
                 for kind in ("effektivitetsindex", "resursindex", "kvalitetsindex")]
        own = [h.reading(k).kind for k in ("resursindex", "kvalitetsindex") if h.reading(k).source == "own"]
        note = f" (egen beräkning av {' och '.join(own)})" if own else ""
        lines.append(f"- {h.kommun}: {', '.join(parts)}{note}")
    if s.index is None and (s.cost, s.quality) != (LOW, HIGH):
        lines += ["", advice_line(*advice_for(s.cost, s.quality))]
    else:
        lines += ["", advice_line(1, "kommuner med låg kostnad och hög kvalitet är bra att jämföra sig med och lära av")]
    return "\n".join(lines)
