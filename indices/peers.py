"""Reference groups: which kommuner a kommun is compared against.

Kinds: ``kolada`` (Kolada's "liknande kommuner" for the area; the latest
snapshot by default, the older one selectable), ``kommungrupp`` (same SKR
kommungrupp 2023), ``lan`` (same län) or an explicit list of kommuner.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .areas import get_area
from .data import KoladaData, load_data
from .kommuner import Kommun, resolve_kommun
from .provenance import KALLA_KOLADA

KINDS = ("kolada", "kommungrupp", "lan", "lista")
_KIND_ALIASES = {
    "kolada": "kolada", "liknande": "kolada", "liknande kommuner": "kolada",
    "kommungrupp": "kommungrupp", "skr": "kommungrupp",
    "lan": "lan", "län": "lan",
}


@dataclass(frozen=True)
class PeerGroup:
    """A kommun's reference group. ``members`` excludes the kommun itself."""

    kommun: Kommun
    kind: str
    label: str
    members: tuple[tuple[str, str], ...]
    snapshot: str | None = None
    group_year: str | None = None
    source: str = KALLA_KOLADA

    @property
    def codes(self) -> list[str]:
        return [kod for kod, _ in self.members]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "label": self.label,
            "snapshot": self.snapshot,
            "group_year": self.group_year,
            "source": self.source,
            "kommuner": [{"kommunkod": k, "kommun": n} for k, n in self.members],
        }


def similar_snapshots(data: KoladaData | None = None) -> list[str]:
    """Snapshot dates of Kolada's peer groups, newest first."""
    data = data or load_data()
    return list(data.similar_snapshot_dates)


def kolada_members(kod: str, similar_area: str, data: KoladaData | None = None) -> tuple[str, ...]:
    """Kolada's liknande kommuner for ``kod`` in one of Kolada's own area names ("äldreomsorg",
    "övergripande") in the newest snapshot; empty when Kolada has none."""
    data = data or load_data()
    group = data.similar_groups.get((similar_snapshots(data)[0], similar_area, kod))
    return group[0] if group else ()


def _pick_snapshot(snapshot: str | None, data: KoladaData) -> str:
    dates = similar_snapshots(data)
    if snapshot is None or str(snapshot).casefold() in ("latest", "senaste", "ny", "nyaste"):
        return dates[0]
    text = str(snapshot).strip().casefold()
    if text in ("older", "äldre", "gammal", "tidigare") and len(dates) > 1:
        return dates[1]
    for d in dates:
        if d == text or d.startswith(text):
            return d
    raise ValueError(
        f"Okänd ögonblicksbild av liknande kommuner: {snapshot!r}. Välj bland {', '.join(dates)}."
    )


def _similar_area(area: str, data: KoladaData) -> tuple[str, str]:
    """(Kolada's peer-group area name, label) for an area id or a Kolada area name."""
    try:
        spec = get_area(area)
        return spec.similar_area, spec.label
    except ValueError:
        wanted = str(area).strip().casefold()
        for name in data.similar["area"].dropna().unique():
            if str(name).casefold() == wanted:
                return str(name), str(name)
        raise


def peer_group(
    kommun: str | Kommun,
    area: str = "grundskola",
    kind: str = "kolada",
    snapshot: str | None = None,
    members: Sequence[str] | None = None,
    data: KoladaData | None = None,
) -> PeerGroup:
    """Build a kommun's reference group.

    ``kind`` is one of :data:`KINDS`; for ``lista`` give ``members`` (names or
    codes, each resolved). ``snapshot`` selects Kolada's peer-group snapshot
    (date, its year prefix, "senaste" or "äldre"). Raises ``ValueError``
    (including :class:`~indices.kommuner.UnknownKommunError`).
    """
    data = data or load_data()
    k = kommun if isinstance(kommun, Kommun) else resolve_kommun(kommun, data)
    if members is not None:
        kind = "lista"
    kind_key = _KIND_ALIASES.get(str(kind).strip().casefold(), str(kind).strip().casefold())
    if kind_key == "kolada":
        similar_area, area_label = _similar_area(area, data)
        snap = _pick_snapshot(snapshot, data)
        group = data.similar_groups.get((snap, similar_area, k.kod))
        if group is None:
            raise ValueError(f"Kolada har inga liknande kommuner för {k.namn} inom {area_label.lower()} ({snap}).")
        codes, group_year = group
        return PeerGroup(
            kommun=k, kind="kolada", label=f"Liknande kommuner inom {area_label} (Kolada, {snap})",
            members=tuple((c, data.name(c)) for c in codes), snapshot=snap, group_year=group_year,
        )
    if kind_key == "kommungrupp":
        if not k.kommungrupp:
            raise ValueError(f"Kommungrupp saknas för {k.namn} i dataunderlaget.")
        same = data.kommuner.index[data.kommuner["kommungrupp_2023_code"] == k.kommungrupp]
        namn = data.kommuner.get("kommungrupp_2023_namn_kolada", {}).get(k.kod, "")
        namn = "" if namn is None or namn != namn else str(namn)
        return PeerGroup(
            kommun=k, kind="kommungrupp", label=f"SKR:s kommungrupp {k.kommungrupp} {namn}".strip() + " (2023)",
            members=tuple((c, data.name(c)) for c in same if c != k.kod), group_year="2023",
        )
    if kind_key == "lan":
        same = data.kommuner.index[data.kommuner["lanskod"] == k.lanskod]
        return PeerGroup(
            kommun=k, kind="lan", label=k.lan,
            members=tuple((c, data.name(c)) for c in same if c != k.kod),
        )
    if kind_key == "lista":
        if not members:
            raise ValueError("Ange minst en kommun att jämföra med.")
        resolved = [resolve_kommun(m, data) for m in members]
        codes = [c for c in dict.fromkeys(r.kod for r in resolved) if c != k.kod]
        return PeerGroup(
            kommun=k, kind="lista", label="Egen lista",
            members=tuple((c, data.name(c)) for c in codes),
        )
    raise ValueError(f"Okänd jämförelsegrupp {kind!r}. Välj kolada, kommungrupp, lan eller en lista med kommuner.")


def resolve_peers(
    kommun: str | Kommun,
    peers: str | Sequence[str] | PeerGroup | None,
    area: str = "grundskola",
    snapshot: str | None = None,
    data: KoladaData | None = None,
) -> PeerGroup:
    """Accept a kind name, an explicit list or a ready :class:`PeerGroup`."""
    if isinstance(peers, PeerGroup):
        return peers
    if peers is None:
        return peer_group(kommun, area, "kolada", snapshot, data=data)
    if isinstance(peers, str):
        return peer_group(kommun, area, peers, snapshot, data=data)
    return peer_group(kommun, area, "lista", snapshot, members=list(peers), data=data)
