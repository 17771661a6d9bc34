"""One kommun's indices as :class:`~indices.provenance.Figure` objects, labelled by origin.

Our recomputed index carries "Egna beräkningar baserade på data från Kolada";
where RKA's published index is used instead, it carries "Källa: Kolada" and our
approximation is offered next to it (``resursindex_approx``,
``kvalitetsindex_approx``) with a note saying what is missing.
"""

from __future__ import annotations

import pandas as pd

from .areas import AreaSpec, get_area
from .data import KoladaData, load_data
from .provenance import EGNA_BERAKNINGAR, KALLA_KOLADA, Figure, figure
from .rka import resource_components, rka_frame
from .units import INDEX_UNIT


def own_kpis(components: tuple[tuple[str, int], ...]) -> tuple[str, ...]:
    """KPI ids of components ("A/B" gives A and B)."""
    out: list[str] = []
    for comp, _ in components:
        out += comp.split("/")
    return tuple(dict.fromkeys(out))


def _lacking(kod: str, comps: tuple[tuple[str, int], ...], used: dict, year: int, data: KoladaData) -> list[str]:
    return [k for k in own_kpis(comps) if data.value(kod, k, used.get(k) or year) is None]


def _reason(lacking: list[str], year: int) -> str:
    return (f"kan inte beräknas: {', '.join(lacking)} saknas i Kolada för {year}" if lacking
            else f"kan inte beräknas för {year}")


def index_figures(kod: str, area: str | AreaSpec, year: int, data: KoladaData | None = None) -> dict[str, Figure]:
    """Our three indices for one kommun, plus approximations that are shown but not used."""
    data = data or load_data()
    spec = get_area(area)
    frame, used = rka_frame(spec.id, year, data)
    row = frame.loc[kod]
    r_comps = resource_components(spec, year, data)
    r_note = "Metod: " + spec.resource_label + "."
    if r_comps != spec.resource:
        r_note += f" {year} används ersättningsmåttet {', '.join(own_kpis(r_comps))} (ungefärligt)."
    q_note = "Metod: " + spec.quality_label + "."
    filled = {k: y for k, y in used.items() if y is not None and y != year}
    if filled:
        q_note += " Värden från intilliggande år: " + ", ".join(f"{k} från {y}" for k, y in filled.items()) + "."
    q_label = "Kvalitetsindex (egen beräkning" + (", utan elevenkät)" if spec.id == "grundskola" else ")")
    out: dict[str, Figure] = {}
    for key, comps, use_own, published, note, own_label in (
        ("resursindex", r_comps, spec.resource_use_own, spec.published_resource, r_note,
         "Resursindex (egen beräkning enligt RKA:s metod)"),
        ("kvalitetsindex", spec.quality, spec.quality_use_own, spec.published_quality, q_note, q_label),
    ):
        own = row[f"{key}_egen"]
        own_reason = None if pd.notna(own) else (
            _reason(_lacking(kod, comps, used, year, data), year) if comps else "kan inte beräknas: " + note)
        if use_own:
            out[key] = figure(own, unit=INDEX_UNIT, kpis=own_kpis(comps), year=year, source=EGNA_BERAKNINGAR,
                              label=own_label, reason=own_reason, note=note)
            continue
        title = "Resursindex" if key == "resursindex" else "Kvalitetsindex"
        out[key] = figure(row[key], unit=INDEX_UNIT, kpis=(published,), year=year, source=KALLA_KOLADA,
                          label=f"{title} (publicerat av RKA)")
        if comps:
            out[f"{key}_approx"] = figure(
                own, unit=INDEX_UNIT, kpis=own_kpis(comps), year=year, source=EGNA_BERAKNINGAR,
                label=f"{title}, ungefärligt (egen beräkning)", reason=own_reason, note="Ungefärligt. " + note)
    e_reason = None
    if pd.isna(row["effektivitetsindex"]):
        missing = []
        for key in ("resursindex", "kvalitetsindex"):
            if pd.isna(row[key]):
                fig = out[key]
                missing.append(f"{fig.kpis[0]} saknas i Kolada för {year}" if fig.source == KALLA_KOLADA
                               else f"{key} saknas")
        e_reason = "kan inte beräknas: " + " och ".join(missing)
    published_parts = [w for w, own in (("resursindex", spec.resource_use_own),
                                        ("kvalitetsindex", spec.quality_use_own)) if not own]
    e_note = (f"Effektivitetsindex beräknat med publicerat {' och '.join(published_parts)} "
              f"({', '.join(out[p].kpis[0] for p in published_parts)}) och i övrigt egen beräkning."
              if published_parts else None)
    out["effektivitetsindex"] = figure(
        row["effektivitetsindex"], unit=INDEX_UNIT, kpis=out["resursindex"].kpis + out["kvalitetsindex"].kpis,
        year=year, source=EGNA_BERAKNINGAR, label="Effektivitetsindex (egen beräkning)", reason=e_reason,
        note=e_note,
    )
    return out
