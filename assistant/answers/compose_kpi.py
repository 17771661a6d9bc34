"""Composers for one key figure: a value, a ranking, a trend, a comparison.

Each takes a typed result and returns Markdown whose first sentence answers the
question with the number, unit, year and source; a few context lines follow.
"""

from __future__ import annotations

from indices.provenance import KALLA_KOLADA

from assistant import formatting as fmt
from assistant.answers.results import Comparison, Ranking, Trend, Value
from assistant.answers.text import best_word, show, source, title
from assistant.phrases import names

RANK_SHOWN = 10


def _rank_word(v: Value) -> str:
    return "högst värde först" if v.kpi.direction == 0 else "bäst först"


def value_text(v: Value) -> str:
    if v.value is None:
        return (f"Kolada har inget värde för {v.kommun} på nyckeltalet {title(v.kpi)} "
                f"{source(v.kpi, v.year)}.")
    lead = f"{v.kommun}: **{show(v.value, v.kpi)}** år {v.year} – {title(v.kpi)} {source(v.kpi, v.year)}."
    lines = [lead]
    if v.asked_year:
        lines.append(f"Värde för {v.asked_year} saknas; senaste år med värde är {v.year}.")
    context = []
    if v.riket is not None:
        context.append(f"- Riket: {show(v.riket, v.kpi)}")
    if v.rank is not None and v.of:
        context.append(f"- Plats {v.rank} av {v.of} kommuner ({_rank_word(v)})")
    if v.peer_rank is not None and v.peer_of:
        context.append(f"- Plats {v.peer_rank} av {v.peer_of} bland kommunen och {v.peer_label}")
    if context:
        lines += ["", *context]
    return "\n".join(lines)


MISSING_NAMED = 6  # more kommuner without a value are counted, not named


def ranking_text(r: Ranking) -> str:
    if not r.rows:
        return f"Det finns inga värden för {title(r.kpi)} bland {r.scope_label} {r.year} {source(r.kpi, r.year)}."
    word = best_word(r.kpi, r.direction)
    first = r.rows[0]
    lines = []
    if r.focus is not None:
        lines.append(f"{r.focus.kommun} har plats **{r.focus.place} av {r.n}** bland {r.scope_label} med "
                     f"{show(r.focus.value, r.kpi)} år {r.year} – {title(r.kpi)} {source(r.kpi, r.year)}, "
                     f"räknat med {word} värde först.")
    elif len(r.rows) == 1:
        lines.append(f"{word.capitalize()} bland {r.scope_label} år {r.year} har **{first.kommun}** med "
                     f"{show(first.value, r.kpi)} – {title(r.kpi)} {source(r.kpi, r.year)}.")
    else:
        lines.append(f"{word.capitalize()} värde på ”{title(r.kpi)}” bland {r.scope_label} år {r.year} har "
                     f"**{first.kommun}** med {show(first.value, r.kpi)} {source(r.kpi, r.year)}. "
                     f"Topplistan bland de {r.n} kommunerna med värde:")
    if r.missing:
        who = names(list(r.missing)) if len(r.missing) <= MISSING_NAMED else fmt.kommuner(r.n_missing)
        lines.append(f"{r.n} av {r.n_scope} kommuner ({r.scope_label}) har värde för året; "
                     f"{who} saknar värde och ingår inte.")
    if len(r.rows) > 1 or r.focus is not None:
        lines.append("")
        lines += [f"{row.place}. {row.kommun} – {show(row.value, r.kpi)}" for row in r.rows[:RANK_SHOWN]]
    return "\n".join(lines)


def trend_text(t: Trend) -> str:
    if t.first is None or t.last is None:
        return (f"Kolada har för få värden för {title(t.kpi)} i {t.kommun} för att visa en utveckling "
                f"{source(t.kpi, None)}.")
    pct = f", {fmt.signed_percent(t.change_pct)}" if t.change_pct is not None and not fmt.is_percent(t.kpi.unit) else ""
    if t.change:
        lines = [f"{title(t.kpi)} i {t.kommun} har {t.direction_word} från {show(t.first.value, t.kpi)} år "
                 f"{t.first.year} till **{show(t.last.value, t.kpi)}** år {t.last.year} "
                 f"({fmt.signed(t.change, t.kpi.unit, t.kpi.kpi)}{pct}; {t.kpi.kpi}, {KALLA_KOLADA})."]
    else:
        lines = [f"{title(t.kpi)} i {t.kommun} är **{show(t.last.value, t.kpi)}** år {t.last.year}, samma värde "
                 f"som år {t.first.year} (ingen förändring; {t.kpi.kpi}, {KALLA_KOLADA})."]
    if t.first.riket is not None and t.last.riket is not None:
        lines.append(f"Riket under samma år: från {show(t.first.riket, t.kpi)} till {show(t.last.riket, t.kpi)} "
                     f"({fmt.signed(t.riket_change, t.kpi.unit, t.kpi.kpi)}).")
    rows = [f"| {p.year} | {show(p.value, t.kpi)} | {show(p.riket, t.kpi)} |" for p in t.points]
    lines += ["", "<details><summary>År för år</summary>", "", f"| År | {t.kommun} | Riket |", "|---|---|---|",
              *rows, "", "</details>"]
    return "\n".join(lines)


def comparison_text(c: Comparison, direction: str | None = None) -> str:
    if not c.rows:
        return "Det finns inget nyckeltal att jämföra."
    lines = []
    for i, row in enumerate(c.rows):
        have = [(n, v) for _, n, v in row.values if v is not None]
        side = "; ".join(f"{n} {show(v, row.kpi)}" for _, n, v in row.values if v is not None)
        if i == 0:
            if len(have) >= 2 and len({v for _, v in have}) == 1:
                lines.append(f"{names([n for n, _ in have])} har samma värde år {row.year} på {title(row.kpi)}: "
                             f"{side} {source(row.kpi, row.year)}.")
            elif len(have) >= 2:
                high = direction == "max" or direction is None and row.kpi.direction >= 0
                leader = (max if high else min)(have, key=lambda t: t[1])[0]
                word = "högst" if high else "lägst"
                lines.append(f"**{leader}** har {word} värde år {row.year} av {names([n for _, n in c.kommuner])} "
                             f"på {title(row.kpi)}: {side} {source(row.kpi, row.year)}.")
            else:
                lines.append(f"{title(row.kpi)} år {row.year}: {side or 'uppgift saknas'} "
                             f"{source(row.kpi, row.year)}.")
            if len(c.rows) > 1:
                lines.append("")
        else:
            riket = f"; riket {show(row.riket, row.kpi)}" if row.riket is not None else ""
            lines.append(f"- {title(row.kpi)}: {side or 'uppgift saknas'}{riket} {source(row.kpi, row.year)}")
    if c.missing_note:
        lines += ["", f"Saknas: {c.missing_note}."]
    return "\n".join(lines)
