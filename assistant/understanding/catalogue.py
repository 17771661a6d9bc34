"""The KPI catalogue as the understanding step needs it, and its title embeddings.

Entries come from ``indices.kpi_catalogue()`` where it exists, otherwise from the loaded
snapshot's ``kpi_dictionary.csv``. Each entry has the area id it belongs to (read from
Kolada's operating area), its direction and how many kommuner have a value in the latest year.
Title embeddings are computed once per model and catalogue and cached on disk, named
by the hash of the model name and the titles.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

import indices

log = logging.getLogger(__name__)

# Kolada operating area (text) -> area id; the first pattern that matches wins.
_OPERATING_AREA = (
    (re.compile(r"förskol", re.I), "forskola"),
    (re.compile(r"grundskol", re.I), "grundskola"),
    (re.compile(r"gymnasie", re.I), "gymnasieskola"),
    (re.compile(r"äldre|ordinärt boende|särskilt boende", re.I), "aldreomsorg"),
    (re.compile(r"\bLSS\b|funktionsned", re.I), "lss"),
    (re.compile(r"ekonomiskt bistånd", re.I), "ekonomiskt_bistand"),
    (re.compile(r"individ- och familjeomsorg", re.I), "ifo"),
)
_LOWER_IS_BETTER = re.compile(r"^(kostnad|nettokostnad|väntetid|sjukfrånvaro|personalkontinuitet)|"
                              r"nettokostnadsavvikelse|väntat längre|kr/", re.I)
_NEUTRAL = re.compile(r"^(invånare|skattesats|antal|elever/lärare)", re.I)


@dataclass(frozen=True)
class CatalogueEntry:
    kpi: str
    title: str
    description: str
    operating_area: str
    area: str | None
    direction: int  # +1 higher is better, -1 lower is better, 0 neither
    n_kommuner: int
    is_default: bool = False
    synonyms: tuple[str, ...] = ()
    unit: str = ""


def area_of(operating_area: str, title: str = "") -> str | None:
    first = operating_area.split(",")[0]
    for text in (title, first):
        for pattern, area in _OPERATING_AREA:
            if pattern.search(text):
                return area
    return None


def guess_direction(title: str) -> int:
    if _NEUTRAL.search(title):
        return 0
    return -1 if _LOWER_IS_BETTER.search(title) else 1


@lru_cache(maxsize=1)
def catalogue_entries() -> list[CatalogueEntry]:
    """Every KPI of the snapshot; none when the snapshot is missing (handbook questions
    are still understood and answered)."""
    try:
        data = indices.load_data()
    except indices.DataValidationError:
        return []
    catalogue = getattr(indices, "kpi_catalogue", None)
    records = {}
    if catalogue is not None:
        try:
            cat = catalogue()
            for kpi in data.dictionary.index:
                try:
                    records[kpi] = cat.get(kpi)
                except (KeyError, ValueError):
                    pass
        except Exception:  # the catalogue is an enrichment; the dictionary suffices
            log.warning("KPI-katalogen kunde inte läsas; nyckeltalslistan används", exc_info=True)
    year = data.year_frame(indices.latest_year(data)) if data.years else None
    entries = []
    for kpi, row in data.dictionary.iterrows():
        title = str(row.get("title") or kpi).strip()
        operating = str(row.get("operating_area") or "")
        record = records.get(kpi)
        n = int(year[kpi].notna().sum()) if year is not None and kpi in year.columns else 0
        direction = getattr(record, "direction", None)
        entries.append(CatalogueEntry(
            kpi=str(kpi), title=title, description=str(row.get("description") or "").strip(),
            operating_area=operating, area=area_of(operating, title),
            # Kolada calls most costs neutral; for "bäst"/"billigast" a lower cost reads as better
            direction=int(direction) if isinstance(direction, (int, float)) and direction else guess_direction(title),
            n_kommuner=int(getattr(record, "n_kommuner", n) or n),
            is_default=bool(getattr(record, "is_default", False)),
            synonyms=tuple(getattr(record, "synonyms", ()) or ()),
            unit=str(getattr(record, "unit", "") or ""),
        ))
    return entries


@lru_cache(maxsize=1)
def entries_by_id() -> dict[str, CatalogueEntry]:
    return {e.kpi: e for e in catalogue_entries()}


def title_vectors(embedder, cache_dir: Path | None) -> np.ndarray:
    """Normalised title embeddings, one row per catalogue entry; each title embedded once
    and cached on disk by content hash."""
    from assistant.understanding.vector_cache import cached_vectors

    texts = [e.title for e in catalogue_entries()]
    return cached_vectors(embedder, texts, "document", cache_dir,
                          lambda batch: np.asarray(embedder.embed_documents(batch), dtype=np.float32))
