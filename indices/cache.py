"""A binary copy of the validated KPI table, so the 2.7 million CSV rows are parsed once.

The copy is a NumPy ``.npz`` file (no pickle) in the cache folder from the
settings, named by a hash of the CSV's resolved path, size, modification time
and :data:`CACHE_VERSION`. A changed CSV therefore gets a new copy; a cache
that cannot be read or written is skipped, and the CSV is parsed as before.
The copy is only ever written after the CSV passed validation.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

CACHE_VERSION = "1"
CACHE_MIN_BYTES = 8_000_000  # smaller files parse in well under a second; not worth a copy


def cache_key(csv_path: Path) -> str:
    """Hash of the file's identity: resolved path, size, mtime (ns) and the format version."""
    st = csv_path.stat()
    ident = f"{CACHE_VERSION}|{csv_path.resolve()}|{st.st_size}|{st.st_mtime_ns}"
    return hashlib.sha256(ident.encode("utf-8")).hexdigest()[:24]


def cache_path(cache_dir: Path, csv_path: Path) -> Path:
    return cache_dir / f"panel-{cache_key(csv_path)}.npz"


def read_panel(cache_dir: Path | None, csv_path: Path) -> pd.DataFrame | None:
    """The cached panel for ``csv_path``, or ``None`` when there is no usable copy."""
    if cache_dir is None or csv_path.stat().st_size < CACHE_MIN_BYTES:
        return None
    try:
        path = cache_path(cache_dir, csv_path)
        if not path.is_file():
            return None
        with np.load(path, allow_pickle=False) as z:
            values, years, codes, kpis = z["values"], z["years"], z["codes"], z["kpis"]
    except (OSError, ValueError, KeyError):
        return None
    index = pd.MultiIndex.from_arrays([years.astype(int), codes.astype(str)], names=["year", "kommunkod"])
    return pd.DataFrame(values, index=index, columns=pd.Index(kpis.astype(str)), copy=False)


def write_panel(cache_dir: Path | None, csv_path: Path, panel: pd.DataFrame) -> Path | None:
    """Store ``panel`` atomically; returns the file, or ``None`` if it could not be written."""
    if cache_dir is None or csv_path.stat().st_size < CACHE_MIN_BYTES:
        return None
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        target = cache_path(cache_dir, csv_path)
        fd, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                np.savez(
                    fh,
                    values=panel.to_numpy(dtype=np.float64),
                    years=panel.index.get_level_values("year").to_numpy(dtype=np.int16),
                    codes=np.asarray(panel.index.get_level_values("kommunkod"), dtype="<U4"),
                    kpis=np.asarray(panel.columns, dtype=str),
                )
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return target
    except OSError:
        return None
