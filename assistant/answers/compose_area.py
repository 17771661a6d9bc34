"""Composers for a kommun within an area: profile (verdict first), peers, who to learn
from, key-figure lists. The verdict's words come from :mod:`indices.verdict`."""

from __future__ import annotations

from indices.provenance import EGNA_BERAKNINGAR, KALLA_KOLADA
from knowledge.registry import advice_by_number

from assistant import formatting as fmt
from assistant.answers.results import AreaProfile, Exemplars, KpiList, Peers
from assistant.answers.text import area_name, show, source, title
from assistant.phrases import learn_text, names

MAX_FIGURE_LINES = 8
PEERS_SHOWN = 12


def advice_line(number: int, why: str) -> str:
    advice = advice_by_number(number)
    return f"**Koppling till handboken:** råd {number}, ”{advice.full_title}”: {why}."


def _deviation_words(value: float | None) -> str:
    if value is None:
        return ""
    if value > 0:
        return f"kostar {fmt.number(value, 1)} % mer än referenskostnaden"
    if value < 0:
        return f"kostar {fmt.number(-value, 1)} % mindre än referenskostnaden"
    return "kostar som referenskostnaden"


def profile_lead(p: AreaProfile) -> str:
    """The profile's first sentence: cost and quality in words, with the efficiency index and
    the cost deviation it rests on ("Gävles äldreomsorg kostar 9,5 % mer än referenskostnaden …")."""
    v = p.verdict
    dev = p.deviation.value if p.deviation else None
    where = f"{fmt.genitive(p.kommun)} {area_name(p.area)}"
    parts = []
    cost = v.cost if v else "unknown"
    # one verdict: the index decides high/low cost; the deviation is said in words only
    # where it points the same way (a cost 0,4 % over reference can still be a low resursindex)
    agrees = dev is not None and ((cost == "high" and dev > 0) or (cost == "low" and dev < 0))
    if dev is not None and (agrees or cost == "unknown"):
        parts.append(_deviation_words(dev))
    elif cost != "unknown":
        parts.append(f"har {v.cost_word}")
    if v and v.quality != "unknown":
        parts.append(f"har {v.quality_word}")
    if len(parts) == 2 and all(x.startswith("har ") for x in parts):  # "har låg kostnad och låg kvalitet"
        parts = [f"{parts[0]} och {parts[1][4:]}"]
    if parts:
        lead = f"{where} {names(parts)} år {p.year}"
    else:
        lead = f"För {where} {p.year} saknas de index som behövs för en bedömning"
    eff = v.effektivitet.value if v else None
    details = []
    if eff is not None:
        details.append(f"effektivitetsindex {fmt.number(eff, 1)}")
    if dev is not None:
        details.append(f"nettokostnadsavvikelse {fmt.number(dev, 1)} %, {p.deviation.kpi.kpi}")
    return lead + (f" ({'; '.join(details)})." if details else ".")


def profile_text(p: AreaProfile) -> str:
    v = p.verdict
    lines = [profile_lead(p)]
    if v:
        lines.append(f"Kostnad och kvalitet är {v.basis_text()}.")
    figs = [f for f in p.figures if f.value is not None]
    lines.append("")
    for f in figs[:MAX_FIGURE_LINES]:
        rank = f", plats {f.peer_rank} av {f.peer_of} bland liknande kommuner" if f.peer_rank else ""
        riket = f", riket {show(f.riket, f.kpi)}" if f.riket is not None else ""
        lines.append(f"- {title(f.kpi)}: {show(f.value, f.kpi)}{riket}{rank} {source(f.kpi, f.year)}")
    if v:
        lines += ["", advice_line(v.advice, v.reason)]
    if len(figs) > MAX_FIGURE_LINES:
        rows = [f"| {title(f.kpi)} | {show(f.value, f.kpi)} | {f.kpi.kpi} |" for f in figs]
        lines += ["", "<details><summary>Alla nyckeltal</summary>", "", "| Nyckeltal | Värde | Id |",
                  "|---|---|---|", *rows, "", "</details>"]
    return "\n".join(lines)


def peers_text(p: Peers) -> str:
    if not p.members:
        return f"Kolada har inga liknande kommuner för {p.kommun} inom {area_name(p.area) or 'området'}."
    shown = [n for _, n in p.members[:PEERS_SHOWN]]
    more = f" och {len(p.members) - PEERS_SHOWN} till" if len(p.members) > PEERS_SHOWN else ""
    return (f"{p.label} för {p.kommun}: **{names(shown)}**{more} ({KALLA_KOLADA}).\n\n"
            "Kolada väljer de liknande kommunerna efter strukturella förutsättningar som påverkar kostnad "
            "och resultat, inte efter hur bra de är.")


def learn_from_text(lf: Exemplars) -> str:
    lines = []
    if lf.better:
        items = [f"{b.kommun} (effektivitetsindex {fmt.number(b.effektivitetsindex, 1)}, "
                 f"{show(b.kostnad, lf.cost_kpi)})" if b.effektivitetsindex is not None else
                 f"{b.kommun} ({show(b.kostnad, lf.cost_kpi)})" for b in lf.better[:6]]
        own = lf.own
        own_eff = (f"effektivitetsindex {fmt.number(own.effektivitetsindex, 1)}, "
                   if own.effektivitetsindex is not None else "")
        lines.append(f"{lf.kommun} kan lära av **{names([b.kommun for b in lf.better[:6]])}**: bland "
                     f"{lf.peer_label} har de högre effektivitetsindex och lägre kostnad inom "
                     f"{area_name(lf.area)} år {lf.year} ({lf.efficiency_kpi}, {lf.cost_kpi.kpi}, {KALLA_KOLADA}).")
        lines += ["", f"- {lf.kommun}: {own_eff}{show(own.kostnad, lf.cost_kpi)}",
                  *[f"- {i}" for i in items]]
    else:
        lines.append(f"Ingen av {lf.peer_label} har både högre effektivitetsindex och lägre kostnad "
                     f"än {lf.kommun} inom {area_name(lf.area)} år {lf.year} ({lf.efficiency_kpi}, "
                     f"{lf.cost_kpi.kpi}, {KALLA_KOLADA}).")
    dea = learn_text(lf.dea, lf.kommun) if lf.dea is not None else ""
    if dea:
        lines += ["", f"DEA (inputorienterad, jämfört med alla kommuner; {EGNA_BERAKNINGAR}): {dea}"]
    lines += ["", advice_line(1, "lär av de kommuner som når bättre resultat med mindre")]
    return "\n".join(lines)


def kpi_list_text(k: KpiList, found: bool) -> str:
    if not k.hits:
        return "Jag hittar inget nyckeltal i Kolada som passar frågan."
    if found:
        lead = "Kolada har de här nyckeltalen som passar frågan, de närmaste först:"
    else:
        lead = ("Det finns inget nyckeltal i dataunderlaget som mäter just det. De närmaste nyckeltalen "
                "som finns är:")
    lines = [lead, ""]
    for h in k.hits:
        area = f", {area_name(h.area)}" if h.area else ""
        lines.append(f"- **{h.title}** ({h.kpi}{area}; värden för {fmt.kommuner(h.n_kommuner)})")
    return "\n".join(lines)


def kpi_missing_text(k: KpiList, kommun: str | None) -> str:
    """No key figure for what was asked: say so plainly, then the closest ones (no values)."""
    where = f" för {kommun}" if kommun else ""
    lead = (f"Det finns inget nyckeltal i Kolada (i det här dataunderlaget) för det du frågar om, så jag kan "
            f"inte ge någon siffra{where}.")
    if not k.hits:
        return (f"{lead} Jag hittar inte heller något nyckeltal som ligger nära. Fråga gärna med andra ord, "
                "till exempel ”Vilka nyckeltal finns om avfall?”.")
    lines = [lead, "", "De nyckeltal som ligger närmast är:", ""]
    for h in k.hits:
        area = f", {area_name(h.area)}" if h.area else ""
        lines.append(f"- **{h.title}** ({h.kpi}{area})")
    return "\n".join(lines)


def kpi_choice_question(title: str, kommun: str | None) -> str:
    """A question that asks for one key figure, as sent by an ask-back button."""
    named = title[:1].lower() + title[1:]  # lower case: a capitalised word mid-sentence reads as a place
    if kommun:
        return f"Vad är värdet för {named} i {kommun}?"
    return f"Vilka kommuner har högst värde för {named}?"


def region_note(region: str) -> str:
    return (f"Siffror om {region} kan jag inte ta fram: Koladas data här gäller kommunerna, "
            "inte regionernas vård och kollektivtrafik.")


def region_text(region: str, lan: str | None, lan_label: str, kommuner: list[str]) -> str:
    text = (f"Dataunderlaget gäller Sveriges kommuner, inte regioner, så jag kan inte svara om {region}. "
            "Vården och kollektivtrafiken som regionerna ansvarar för finns inte i Koladas kommundata här.")
    if lan and kommuner:
        text += f"\n\nJag kan i stället visa siffror för kommunerna i {lan_label}: {names(kommuner)}."
    return text
