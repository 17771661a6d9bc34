"""Swedish sentences over the typed facts, shared by the memo, the brief and the explorer.

Only wording and number formatting here: every figure comes from :mod:`indices`.
"""

from __future__ import annotations

from indices import summaries
from indices.provenance import EGNA_BERAKNINGAR, KALLA_KOLADA, Figure
from indices.verdict import MISSING, OWN, IndexReading, Verdict

from assistant.formatting import number, signed, with_unit

INDEX_NAMES = {"resursindex": "Resursindex", "kvalitetsindex": "Kvalitetsindex",
               "effektivitetsindex": "Effektivitetsindex"}


def value(fig: Figure | None) -> str:
    """A figure with its unit, or "saknas (why)"."""
    if fig is None:
        return "saknas"
    return with_unit(fig.value, fig.unit) if fig.value is not None else f"saknas ({fig.reason})"


def reading_value(r: IndexReading) -> str:
    return number(r.value, 1) if r.value is not None else "saknas"


def reading_source(r: IndexReading, kommun: str, year: int) -> str:
    """Whose index it is, and why ours when it is ours."""
    if r.source == OWN:
        return f"egen beräkning: RKA har inte publicerat {r.kind} för {kommun} {year}"
    if r.source == MISSING:
        return f"varken RKA:s eller vårt {r.kind} finns för {kommun} {year}"
    return f"RKA:s publicerade index {r.kpi}, {r.provenance}"


def reading_line(r: IndexReading, kommun: str, year: int) -> str:
    if r.value is None:
        return f"{INDEX_NAMES[r.kind]} saknas ({reading_source(r, kommun, year)})"
    return f"{INDEX_NAMES[r.kind]} {reading_value(r)} av 100 ({reading_source(r, kommun, year)})"


def verdict_line(v: Verdict) -> str:
    """"Låg kostnad och låg kvalitet (bedömt från …): råd 3, …"."""
    return (f"{v.cost_word[0].upper()}{v.cost_word[1:]} och {v.quality_word} ({v.basis_text()}); "
            f"råd {v.advice} passar: {v.reason}.")


def placement_text(p: summaries.Placement, kommun: str) -> str:
    """"plats 5 av 6 med data (av 8: Umeå och 7 i jämförelsegruppen; Norrköping, Jönköping saknar värde)"."""
    who = f"av {p.group_size}: {kommun} och {p.group_size - 1} i jämförelsegruppen"
    if p.rank is None:
        return f"ingen plats: {kommun} saknar värde ({p.with_data} av {p.group_size} har data)"
    if not p.missing:
        return f"plats {p.rank} av {p.with_data} ({kommun} och jämförelsegruppen, alla med data)"
    return f"plats {p.rank} av {p.with_data} med data ({who}; {', '.join(p.missing)} saknar värde)"


def signed_change(fig: Figure) -> str:
    """A change figure with its sign and unit ("+1,5 procentenheter")."""
    return signed(fig.value, fig.unit, fig.kpis[0] if fig.kpis else None)


def change_text(ch: summaries.TrendChange, label: str, kommun: str) -> str:
    """The trend sentence with units and Riket's change over the same years."""
    text = (f"{label} i {kommun}: {value(ch.first)} ({ch.first_year}) och {value(ch.last)} ({ch.last_year}), "
            f"en förändring på {signed_change(ch.change)}")
    source = f"{ch.kpi}, {KALLA_KOLADA}; förändringen: {EGNA_BERAKNINGAR[0].lower()}{EGNA_BERAKNINGAR[1:]}"
    if ch.riket_change.value is None:
        return text + f" (rikets värde saknas för de åren; {source})."
    if ch.better_than_riket is None:
        return text + f", samma förändring som riket ({signed_change(ch.riket_change)}; {source})."
    side = "bättre" if ch.better_than_riket else "sämre"
    return text + f", {side} än riket ({signed_change(ch.riket_change)} under samma år; {source})."
