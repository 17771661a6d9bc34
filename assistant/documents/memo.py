"""The beslutsunderlag (decision memo) for one kommun, area and year, from :class:`Facts`.

One index per measure (the verdict's reading: RKA's published where it exists, ours
otherwise); our own recomputation appears only under "Metod och anmärkningar".
"""

from __future__ import annotations

from datetime import date

from indices.costs import FORMULA_TEXT, SYMBOL_TEXT
from indices.provenance import EGNA_BERAKNINGAR, KALLA_KOLADA
from indices.costs import saving_mnkr

from assistant.documents import words
from assistant.phrases import learn_text
from assistant.documents.facts import Facts
from assistant.documents.model import Bars, Document, Section
from assistant.formatting import number
from assistant.labels import area_text
from assistant.sanitize import answer_markdown
from assistant.types import Answer

HANDBOOK_HEADING = "Vad säger handboken?"
FORMULA = FORMULA_TEXT.replace("*", "\\*")  # Markdown: keep the asterisk of d*


def _summary(f: Facts) -> tuple[str, ...]:
    p, v, spec = f.profile, f.verdict, f.spec
    name = p.kommun.namn
    out = [f"Bedömning: {words.verdict_line(v)}",
           f"{words.reading_line(v.effektivitet, name, p.year)}; {words.placement_text(f.placement, name)}."]
    dev = p.costs.get(spec.deviation_pct)
    if dev is not None and dev.value is not None:
        side = "över" if dev.value > 0 else "under"
        out.append(f"Nettokostnaden ligger {number(abs(dev.value), 1)} % {side} referenskostnaden "
                   f"({spec.deviation_pct}, {KALLA_KOLADA}).")
    if p.dea.score.value is not None:
        learn = learn_text(f.learn, name)
        out.append(f"DEA-effektivitet {number(p.dea.score.value, 2)}. {learn}".strip())
    if f.best_saving is not None:
        out.append(f"Största besparingen: {f.best_saving.label.lower()}, {words.value(saving_mnkr(f.best_saving))} "
                   f"per år ({EGNA_BERAKNINGAR}).")
    else:
        out.append("Inget av besparingsscenarierna ger en besparing: kostnaden ligger redan på eller under nivåerna.")
    return tuple(out)


def _figures_table(f: Facts) -> tuple[tuple[str, ...], ...]:
    p = f.profile
    rows = [("Mått", "Värde", "Median jämförelsegrupp", "Källa")]
    for r in f.readings():
        key = r.kpi if r.source == "published" else r.kind
        median = f.medians.get(key)
        rows.append((words.INDEX_NAMES[r.kind], words.reading_value(r),
                     number(median.value, 1) if median is not None and median.value is not None else "–",
                     r.label))
    for kpi, fig in p.costs.items():
        median = f.medians.get(kpi)
        rows.append((fig.label or kpi, words.value(fig),
                     words.value(median) if median is not None and median.value is not None else "–", fig.source))
    return tuple(rows)


def _bars(f: Facts) -> Bars:
    readings = f.readings()
    marks = []
    for r in readings:
        m = f.medians.get(r.kpi if r.source == "published" else r.kind)
        marks.append(m.value if m is not None else None)
    return Bars(title="Index 0–100 (100 = bäst)", labels=tuple(words.INDEX_NAMES[r.kind] for r in readings),
                values=tuple(r.value for r in readings), marks=tuple(marks), mark_label="median för jämförelsegruppen")


def savings_section(f: Facts) -> Section:
    """The scenarios, the formula and one line per symbol."""
    spec, p = f.spec, f.profile
    rows = [("Scenario", "Jämförelsenivå (d\\*)", "Besparing per år", "Anmärkning")]
    rows += [(s.label, words.value(s.target_deviation), words.value(saving_mnkr(s)), s.value.note or "")
             for s in p.savings.scenarios]
    sym = SYMBOL_TEXT
    symbols = (f"R: {sym['R']}.",
               f"D: {sym['D']} ({spec.deviation_mnkr}, {KALLA_KOLADA}); "
               f"{p.kommun.namn} {p.year}: {words.value(p.savings.big_d)}.",
               f"d: {sym['d']} ({spec.deviation_pct}, {KALLA_KOLADA}); "
               f"{p.kommun.namn} {p.year}: {words.value(p.savings.d)}.",
               f"d\\*: {sym['d*']}.")
    return Section("Besparingspotential", paragraphs=(f"Formel: {FORMULA}",), bullets=symbols, table=tuple(rows))


def _method(f: Facts) -> tuple[str, ...]:
    p = f.profile
    own = ", ".join(f"{words.INDEX_NAMES[k]} {number(fig.value, 1) if fig.value is not None else 'saknas'}"
                    for k, fig in p.indices.items() if k in words.INDEX_NAMES)
    return (f"Våra egna omräknade index (metoddetalj, {EGNA_BERAKNINGAR}): {own}. De visas inte som andra "
            "värden bredvid RKA:s; de används bara där RKA inte har publicerat något.",
            f"DEA: insats {', '.join(p.dea.inputs)}, resultat {', '.join(p.dea.outputs)} "
            f"({p.dea.n_units} kommuner, {p.dea.reps} bootstrapdragningar).", *p.notes)


def build_memo(facts: Facts, handbook: Answer | None = None) -> Document:
    """The beslutsunderlag; ``handbook`` is the assistant's answer on the råd that fits
    (its citations become sources)."""
    p = facts.profile
    sections = [
        Section("Sammanfattning", bullets=_summary(facts)),
        Section("Nyckeltal", table=_figures_table(facts), bars=_bars(facts)),
        savings_section(facts),
        Section("Jämförelsegrupp", paragraphs=(
            f"{p.peer_group.label}: {', '.join(n for _, n in p.peer_group.members)}.",
            f"Effektivitetsindex: {words.placement_text(facts.placement, p.kommun.namn)}.")),
    ]
    sources = [KALLA_KOLADA, EGNA_BERAKNINGAR]
    if handbook is not None:
        sections.append(Section(HANDBOOK_HEADING, paragraphs=tuple(
            answer_markdown(block) for block in handbook.text.split("\n\n")
            if block.strip() and not block.startswith("**Källor"))))
        sources += [f"[{c.n}] {c.source_title or c.source}, {c.section}" for c in handbook.citations]
    sections.append(Section("Metod och anmärkningar", bullets=_method(facts)))
    return Document(
        title=f"Beslutsunderlag: {area_text(p.area)} i {p.kommun.namn} {p.year}",
        subtitle=f"{p.kommun.namn} ({p.kommun.kod}), {p.kommun.lan}. Framtaget {date.today().isoformat()} "
                 "av Effektiviseringsassistenten.",
        sections=tuple(sections), sources=tuple(sources))
