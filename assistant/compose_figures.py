"""Figure answers: Swedish sentences built only from index tool results.

Every number printed here is read from a tool's output (so the grounding check can
trace it), formatted the Swedish way, and followed by its KPI, year and provenance.
Each answer ends with one short link to the råd that fits the result.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from knowledge.registry import advice_by_number

from assistant import formatting as fmt
from assistant import messages, tools
from assistant.config import Settings
from assistant.entities import Entities
from assistant.errors import AssistantError
from assistant.types import Answer

log = logging.getLogger(__name__)
DEFAULT_AREA = "grundskola"
SCREEN_LIMIT = 30
STRICT_QUALITY = 75.0  # "hög kvalitet": RKA's kvalitetsindex in the top quarter of the scale
RELAXED_QUALITY = 50.0
AREA_LABEL = {"grundskola": "grundskolan", "aldreomsorg": "äldreomsorgen"}


def provenance(fig: dict[str, Any]) -> str:
    kpis = "+".join(fig.get("kpis") or [])
    parts = [p for p in (kpis, str(fig.get("year") or ""), fig.get("source") or "") if p]
    return f"({', '.join(parts)})"


def value_text(fig: dict[str, Any] | None) -> str:
    """'12 345 kr/elev (N15008, 2022, Källa: Kolada)' or the reason it is missing."""
    if not fig:
        return "uppgift saknas"
    if fig.get("value") is None:
        return f"uppgift saknas: {fig.get('reason') or 'saknas i Kolada'}"
    return f"{fmt.with_unit(fig['value'], fig.get('unit', ''))} {provenance(fig)}"


def _year(entities: Entities) -> int:
    year = entities.year or tools.DEFAULT_YEAR
    return min(max(year, 2010), tools.DEFAULT_YEAR)


def _need_kommun(entities: Entities) -> str:
    if not entities.kommuner:
        raise AssistantError(messages.NEED_KOMMUN.format(example="Hur effektiv är grundskolan i Växjö?"))
    return entities.kommuner[0].namn


def advice_for(resurs: float | None, kvalitet: float | None) -> tuple[int, str]:
    """Which råd fits a cost/quality position (both on RKA's 0-100 scale, 100 = best)."""
    if resurs is None or kvalitet is None:
        return 1, "jämför med liknande kommuner för att se var skillnaderna finns"
    table = (
        (resurs < 50 and kvalitet < 50, 1, "hög kostnad och låg kvalitet: lär av de kommuner som når bättre resultat med mindre"),
        (resurs < 50 <= kvalitet, 4, "god kvalitet men hög kostnad: se över styrningen av resurserna utan att tappa kvaliteten"),
        (kvalitet < 50 <= resurs, 3, "låg kostnad men svag kvalitet: tidiga insatser kan löna sig på sikt"),
        (True, 5, "både kostnad och kvalitet ser bra ut: dela med er av arbetssätten och samverka där det lönar sig"),
    )
    for applies, number, why in table:
        if applies:
            return number, why
    raise AssertionError("unreachable")


def advice_line(number: int, why: str, learn_from: str = "") -> str:
    advice = advice_by_number(number)
    line = f"**Koppling till handboken:** råd {number}, ”{advice.full_title}”: {why}."
    if learn_from:
        line += f" {learn_from}"
    return line


def _charts(kind: str, **kwargs: Any) -> tuple[dict[str, Any], ...]:
    """Plotly figures for the answer; the answer stands without them if a chart fails."""
    from assistant import charts

    try:
        return (charts.figure_json(getattr(charts, kind)(**kwargs)),)
    except Exception:  # a chart is an illustration; its failure must not lose the answer
        log.warning("Diagrammet %s kunde inte ritas", kind, exc_info=True)
        return ()


def kommun_figures(question: str, entities: Entities, settings: Settings, previous: dict) -> Answer:
    name = _need_kommun(entities)
    area = entities.area or DEFAULT_AREA
    call = tools.call("profile", kommun=name, area=area, year=_year(entities))
    p = call.result
    lines = [f"**{p['kommun']} – {AREA_LABEL.get(area, area)} {p['year']}**", ""]
    for key, label in (("effektivitetsindex", "Effektivitetsindex"), ("resursindex", "Resursindex"),
                       ("kvalitetsindex", "Kvalitetsindex")):
        lines.append(f"- {label}: {value_text(p.get(key))}")
    for kpi, fig in (p.get("published") or {}).items():
        lines.append(f"- {fig.get('label') or kpi} (publicerat av RKA): {value_text(fig)}")
    for fig in (p.get("costs") or {}).values():
        lines.append(f"- {fig.get('label')}: {value_text(fig)}")
    rank = p.get("rank_among_peers") or {}
    if rank.get("rank") is not None:
        lines.append(f"- Rang {rank['rank']} av {rank['of']} i gruppen {rank.get('peer_group', '')} "
                     f"({rank.get('measure')}, {messages.OWN}; rang 1 = bäst)")
    dea = p.get("dea") or {}
    if dea.get("score") is not None:
        corrected = dea.get("bias_corrected")
        interval = (f"; biaskorrigerat {fmt.number(corrected, 2)} med bootstrapintervall "
                    f"{fmt.number(dea.get('ci_low'), 2)}–{fmt.number(dea.get('ci_high'), 2)}"
                    if corrected is not None else "")
        lines.append(f"- DEA-effektivitet (inputorienterad): {fmt.number(dea['score'], 2)}{interval} "
                     f"({'+'.join(dea.get('inputs', []))} → {'+'.join(dea.get('outputs', []))}, "
                     f"{p['year']}, {messages.OWN})")
    first = next((s for s in p.get("savings") or [] if s.get("value", {}).get("value") is not None), None)
    if first:
        negative = first["value"]["value"] < 0
        lines.append(f"- {first['label']}: {value_text(first['value'])}"
                     + (" (negativt: kostnaden ligger redan under den nivån)" if negative else ""))
    resurs = (p.get("resursindex") or {}).get("value")
    kvalitet = (p.get("kvalitetsindex") or {}).get("value")
    number, why = advice_for(resurs, kvalitet)
    lines += ["", advice_line(number, why, dea.get("learn_from") or "")]
    figures = _charts("cost_quality_scatter", area=area, year=p["year"], kommunkod=p["kommunkod"],
                      peer_codes=[m["kommunkod"] for m in p.get("peers", [])])
    return Answer(text="\n".join(lines), route="kommun_figures", tool_calls=(call,), figures=figures,
                  context={"advice": number})


def comparison(question: str, entities: Entities, settings: Settings, previous: dict) -> Answer:
    names = [k.namn for k in entities.kommuner]
    area = entities.area or DEFAULT_AREA
    call = tools.call("compare", kommuner=names, area=area, year=_year(entities))
    c = call.result
    others = ", ".join(names[1:]) if len(names) > 1 else c["peer_group"]["label"]
    lines = [f"**{c['kommun']} jämfört med {others} – {AREA_LABEL.get(area, area)} {c['year']}**", ""]
    for row in c["rows"]:
        peers = "; ".join(f"{p['kommun']} {fmt.with_unit(p['value'], row['unit'])}"
                          for p in row["peers"] if p.get("value") is not None)
        rank = f", rang {row['rank']} av {row['of']}" if row.get("rank") is not None else ""
        lines.append(f"- {row['label']}: {c['kommun']} {value_text(row['kommun'])}{rank}. "
                     f"{peers or 'Jämförelsekommunerna saknar värde'}. Riket {value_text(row['riket'])}.")
    lines += ["", advice_line(1, "jämförelser med andra kommuner är en utgångspunkt för att lära och förbättra")]
    first_kpi = c["rows"][0]["kpi"] if c["rows"] else None
    figures = _charts("peer_bars", kommunkod=c["kommunkod"], kpi=first_kpi, area=area, year=c["year"],
                      peer_codes=[k.kod for k in entities.kommuner[1:]] or None) if first_kpi else ()
    return Answer(text="\n".join(lines), route="comparison", tool_calls=(call,), figures=figures,
                  context={"advice": 1})


def savings(question: str, entities: Entities, settings: Settings, previous: dict) -> Answer:
    name = _need_kommun(entities)
    area = entities.area or DEFAULT_AREA
    call = tools.call("savings", kommun=name, area=area, year=_year(entities))
    s = call.result
    lines = [f"**Besparingspotential för {s['kommun']} – {AREA_LABEL.get(area, area)} {s['year']}**", "",
             f"Formel: {s['formula']}", ""]
    for sc in s["scenarios"]:
        inputs = sc.get("inputs") or {}
        d = inputs.get("d", {}).get("value")
        big_d = inputs.get("D", {}).get("value")
        target = sc.get("target_deviation") or {}
        lines.append(f"- {sc['label']}: {value_text(sc['value'])}. Indata: d = {fmt.percent(d, 1) if d is not None else 'saknas'}"
                     f" ({inputs.get('d', {}).get('kpi', '')}), D = {fmt.mnkr(big_d) if big_d is not None else 'saknas'}"
                     f" ({inputs.get('D', {}).get('kpi', '')}), d* = {value_text(target)}.")
    for note in s.get("notes") or []:
        lines.append(f"- {note}")
    lines += ["", advice_line(4, "en kostnad över referens är ett skäl att se över styrning och arbetssätt, inte att skära lika över allt")]
    return Answer(text="\n".join(lines), route="savings", tool_calls=(call,), context={"advice": 4})


def trend(question: str, entities: Entities, settings: Settings, previous: dict) -> Answer:
    name = _need_kommun(entities)
    area = entities.area or DEFAULT_AREA
    kpi = entities.kpi or {"grundskola": "U15900", "aldreomsorg": "U20900"}[area]
    start = entities.start_year or 2015
    call = tools.call("trend", kommun=name, kpi=kpi, area=area, start_year=start, end_year=_year(entities))
    t = call.result
    points = [p for p in t["points"] if p["kommun"].get("value") is not None]
    lines = [f"**{t['label']} i {t['kommun']}, {start}–{_year(entities)}**", ""]
    for p in t["points"]:
        lines.append(f"- {p['year']}: {t['kommun']} {fmt.with_unit(p['kommun'].get('value'), t['unit'])}, "
                     f"median liknande kommuner {fmt.with_unit(p['peer_median'].get('value'), t['unit'])}, "
                     f"riket {fmt.with_unit(p['riket'].get('value'), t['unit'])}")
    if len(points) >= 2:
        lines += ["", f"Från {points[0]['year']} till {points[-1]['year']} gick värdet från "
                      f"{fmt.with_unit(points[0]['kommun']['value'], t['unit'])} till "
                      f"{fmt.with_unit(points[-1]['kommun']['value'], t['unit'])} ({t['kpi']}, {messages.KOLADA}; "
                      f"medianen: {messages.OWN})."]
    lines += ["", advice_line(1, "utvecklingen över tid visar om förbättringsarbetet ger effekt")]
    figures = _charts("trend_chart", kommunkod=t["kommunkod"], kpi=kpi,
                      peer_codes=[m["kommunkod"] for m in t["peer_group"]["kommuner"]], start_year=start)
    return Answer(text="\n".join(lines), route="trend", tool_calls=(call,), figures=figures,
                  context={"advice": 1})


def screening(question: str, entities: Entities, settings: Settings, previous: dict) -> Answer:
    area = entities.area or DEFAULT_AREA
    threshold = re.search(r"(?:över|minst|mer än)\s+(\d{1,3})", question)
    strict = float(threshold.group(1)) if threshold else STRICT_QUALITY
    args = dict(area=area, year=_year(entities), lan=entities.lan, kommungrupp=entities.kommungrupp)
    calls = [tools.call("screen", **args, min_kvalitetsindex=strict)]
    notice = ""
    if not calls[0].result["hits"] and not threshold:
        calls.append(tools.call("screen", **args, min_kvalitetsindex=RELAXED_QUALITY))
        notice = messages.NO_SCREEN_HITS.format(strict=fmt.number(strict))
    call = calls[-1]
    s = call.result
    hits = s["hits"]
    lines = [f"**{s['criteria']} – {AREA_LABEL.get(area, area)} {s['year']}, {s['scope']}**", ""]
    if notice:
        lines += [notice, ""]
    if not hits:
        lines.append("Ingen kommun uppfyller båda villkoren.")
    for h in hits[:SCREEN_LIMIT]:
        figs = [v for v in h.values() if isinstance(v, dict) and "value" in v]
        details = "; ".join(f"{f.get('label')} {value_text(f)}" for f in figs)
        lines.append(f"- {h.get('kommun')}: {details}")
    if len(hits) > SCREEN_LIMIT:
        lines.append("- … fler kommuner uppfyller villkoren; begränsa till ett län eller en kommungrupp.")
    lines += ["", f"{s['n_considered']} kommuner prövades; {s['missing_note']} ({s['source']}).", "",
              advice_line(1, "kommuner med låg kostnad och hög kvalitet är bra att jämföra sig med och lära av")]
    return Answer(text="\n".join(lines), route="screening", tool_calls=tuple(calls), context={"advice": 1})
