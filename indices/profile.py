"""A kommun's profile for one area and year: the object behind ``python -m indices profile``.

It gathers our indices (:mod:`indices.rka`), RKA's published ones, cost against
reference and what-if savings (:mod:`indices.costs`), the peer group and the
kommun's rank in it, and DEA (:mod:`indices.efficiency`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .areas import AreaSpec, get_area
from .compare import rank_among
from .costs import Savings, cost_figures, savings
from .data import KoladaData, latest_year, load_data
from .efficiency import DEFAULT_REPS, DEFAULT_SEED, DeaSummary, efficiency
from .kommuner import Kommun, resolve_kommun
from .kpis import kpi_info
from .peers import PeerGroup, resolve_peers
from .provenance import EGNA_BERAKNINGAR, KALLA_KOLADA, Figure, figure
from .rka import check_year, index_figures, rka_frame
from .units import INDEX_UNIT

def snapshot_note(data: KoladaData) -> str:
    """The data note every profile carries, with the snapshot's last year."""
    return (f"Dataunderlag: ögonblicksbild av Kolada (senaste år {latest_year(data)}); Kolada reviderar data, "
            "så aktuella värden kan skilja sig något.")


@dataclass(frozen=True)
class Profile:
    """Everything the CLI's ``profile`` prints; see :meth:`to_dict` for the JSON."""

    kommun: Kommun
    area: str
    area_label: str
    year: int
    indices: dict[str, Figure]
    published: dict[str, Figure]
    costs: dict[str, Figure]
    savings: Savings
    peer_group: PeerGroup
    rank_among_peers: dict[str, Any]
    dea: DeaSummary
    notes: tuple[str, ...]
    quality: dict[str, Figure] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "kommunkod": self.kommun.kod,
            "kommun": self.kommun.namn,
            "year": self.year,
            "area": self.area,
            "area_label": self.area_label,
            "matched_by": self.kommun.matched_by,
        }
        for key, fig in self.indices.items():
            out[key] = fig.to_dict()
        out["published"] = {k: f.to_dict() for k, f in self.published.items()}
        out["costs"] = {k: f.to_dict() for k, f in self.costs.items()}
        out["quality_kpis"] = {k: f.to_dict() for k, f in self.quality.items()}
        out["savings"] = [s.to_dict() for s in self.savings.scenarios]
        out["savings_formula"] = self.savings.to_dict()["formula"]
        out["peer_group"] = self.peer_group.to_dict()
        out["peers"] = [{"kommunkod": k, "kommun": n} for k, n in self.peer_group.members]
        out["rank_among_peers"] = dict(self.rank_among_peers)
        out["dea"] = self.dea.to_dict()
        out["sources"] = [KALLA_KOLADA, EGNA_BERAKNINGAR]
        out["notes"] = list(self.notes)
        return out


def _rka_parts(k: Kommun, spec: AreaSpec, year: int, group: PeerGroup, data: KoladaData):
    indices = index_figures(k.kod, spec.id, year, data)
    published = {
        kpi: figure(data.value(k.kod, kpi, year), unit=kpi_info(kpi, data).unit, kpis=(kpi,), year=year,
                    source=KALLA_KOLADA, label=data.kpi_title(kpi))
        for kpi in (spec.published_resource, spec.published_quality, spec.published_efficiency)
    }
    frame, _ = rka_frame(spec.id, year, data)
    eff = frame["effektivitetsindex"].reindex([k.kod, *group.codes])
    rank, of = rank_among(eff, k.kod, 1)
    rank_info: dict[str, Any] = {
        "measure": "effektivitetsindex (egen beräkning)", "rank": rank, "of": of,
        "peer_group": group.label, "source": EGNA_BERAKNINGAR,
        "reason": None if rank is not None else indices["effektivitetsindex"].reason,
    }
    pub = frame[spec.published_efficiency].reindex([k.kod, *group.codes])
    pub_rank, pub_of = rank_among(pub, k.kod, 1)
    rank_info["published"] = {
        "measure": f"effektivitetsindex publicerat ({spec.published_efficiency})", "rank": pub_rank, "of": pub_of,
        "reason": None if pub_rank is not None else f"{spec.published_efficiency} saknas i Kolada för {year}",
    }
    notes = ["Rang 1 = bäst bland kommunen och jämförelsegruppen."]
    notes += [f.note for f in indices.values() if f.note]
    if pd.isna(frame.at[k.kod, spec.published_efficiency]):
        notes.append(f"RKA har inget publicerat effektivitetsindex för {k.namn} {year}.")
    return indices, published, rank_info, notes


def _no_rka_parts(k: Kommun, spec: AreaSpec, year: int, group: PeerGroup, data: KoladaData):
    reason = f"RKA publicerar inget index för {spec.label.lower()}"
    indices = {key: figure(None, unit=INDEX_UNIT, kpis=(), year=year, source=EGNA_BERAKNINGAR,
                           label=key.capitalize(), reason=reason)
               for key in ("resursindex", "kvalitetsindex", "effektivitetsindex")}
    rank_info: dict[str, Any] = {"measure": None, "rank": None, "of": len(group.codes) + 1,
                                 "peer_group": group.label, "source": EGNA_BERAKNINGAR, "reason": reason,
                                 "published": {"measure": None, "rank": None, "of": 0, "reason": reason}}
    if spec.deviation_pct:
        dev = data.series(spec.deviation_pct, year).reindex([k.kod, *group.codes])
        rank, of = rank_among(dev, k.kod, -1)
        rank_info.update(measure=f"nettokostnadsavvikelse {spec.deviation_pct} (lägst först)", rank=rank, of=of,
                         source=KALLA_KOLADA,
                         reason=None if rank is not None else f"{spec.deviation_pct} saknas i Kolada för {year}")
    return indices, {}, rank_info


def profile(
    kommun: str | Kommun,
    area: str,
    year: int | None = None,
    peers: str | Sequence[str] | PeerGroup | None = None,
    snapshot: str | None = None,
    reps: int = DEFAULT_REPS,
    seed: int | None = DEFAULT_SEED,
    data: KoladaData | None = None,
) -> Profile:
    """Build a kommun's profile. Raises ``ValueError`` for bad input
    (:class:`~indices.kommuner.UnknownKommunError` for an unknown kommun);
    missing data become ``None`` values with a reason.
    """
    data = data or load_data()
    spec = get_area(area)
    year = check_year(year, data)
    k = kommun if isinstance(kommun, Kommun) else resolve_kommun(kommun, data)
    group = resolve_peers(k, peers, spec.id, snapshot, data)
    notes = [snapshot_note(data)]
    if spec.has_rka:
        indices, published, rank_info, more = _rka_parts(k, spec, year, group, data)
        notes += more
    else:
        indices, published, rank_info = _no_rka_parts(k, spec, year, group, data)
        notes.append(f"RKA publicerar inga resurs-, kvalitets- eller effektivitetsindex för {spec.label.lower()}; "
                     "profilen visar kostnader, nettokostnadsavvikelse och jämförelser.")
    return Profile(
        kommun=k, area=spec.id, area_label=spec.label, year=year, indices=indices, published=published,
        costs=cost_figures(k, spec, year, data), savings=savings(k, spec.id, year, group, data),
        peer_group=group, rank_among_peers=rank_info,
        dea=efficiency(k, spec.id, year, reps=reps, seed=seed, data=data), notes=tuple(notes),
        quality={kpi: figure(data.value(k.kod, kpi, year), unit=kpi_info(kpi, data).unit, kpis=(kpi,), year=year,
                             source=KALLA_KOLADA, label=data.kpi_title(kpi))
                 for kpi in spec.quality_kpis if kpi in data.panel.columns},
    )
