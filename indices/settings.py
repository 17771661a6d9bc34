"""Settings for the indices package: the one place that reads the environment.

``EFFEKT_KOLADA_DIR`` names the folder holding the Kolada snapshot. When it is
unset, the default is ``../shared/data/kolada-full`` (all 1,047 KPIs) next to the
repository; ``../shared/data/kolada`` is a smaller subset with the same layout. Relative
paths (the default or the variable's value) are resolved from the repository
root, found from this file's location, so the working directory does not
matter; a folder relative to the working directory is accepted as a second choice.

``EFFEKT_KOLADA_CACHE`` names the folder for the binary copy of the KPI table
(default ``~/.cache/effektiviseringsassistenten/kolada``; ``none`` turns it off).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ENV_KOLADA_DIR = "EFFEKT_KOLADA_DIR"
ENV_KOLADA_CACHE = "EFFEKT_KOLADA_CACHE"
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_RELATIVE = Path("..") / "shared" / "data" / "kolada-full"
SMALL_RELATIVE = Path("..") / "shared" / "data" / "kolada"
DEFAULT_CACHE = Path("~") / ".cache" / "effektiviseringsassistenten" / "kolada"


@dataclass(frozen=True)
class Settings:
    """Frozen configuration for the index computations."""

    kolada_dir: Path
    cache_dir: Path | None = None


def _resolve_dir(raw: Path, cwd: Path) -> Path:
    """Resolve a possibly relative folder: the repository root first, then cwd.

    For an absolute path nothing is tried. When no candidate exists, the
    repository-relative candidate is returned so the loader can name it.
    """
    if raw.is_absolute():
        return raw
    candidates = [(REPO_ROOT / raw).resolve(), (cwd / raw).resolve()]
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return candidates[0]


def load_settings(
    environ: Mapping[str, str] | None = None, cwd: Path | None = None
) -> Settings:
    """Build settings from ``environ`` (default ``os.environ``).

    Relative folders are looked up relative to the repository first and the
    working directory second.
    """
    env = os.environ if environ is None else environ
    here = Path.cwd() if cwd is None else cwd
    cache = _cache_dir(env.get(ENV_KOLADA_CACHE, "").strip())
    raw = env.get(ENV_KOLADA_DIR, "").strip()
    if raw:
        return Settings(kolada_dir=_resolve_dir(Path(raw).expanduser(), here), cache_dir=cache)
    repo_default = (REPO_ROOT / DEFAULT_RELATIVE).resolve()
    if repo_default.is_dir():
        return Settings(kolada_dir=repo_default, cache_dir=cache)
    cwd_default = (here / DEFAULT_RELATIVE).resolve()
    if cwd_default.is_dir():
        return Settings(kolada_dir=cwd_default, cache_dir=cache)
    return Settings(kolada_dir=repo_default, cache_dir=cache)


def _cache_dir(raw: str) -> Path | None:
    """The binary cache folder; ``none``/``off``/``0`` disables the cache."""
    if raw.casefold() in ("none", "off", "0", "no", "nej"):
        return None
    return Path(raw or DEFAULT_CACHE).expanduser()
