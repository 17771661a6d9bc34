"""The embedding dtype setting: names that keep vectors of different dtypes apart, and the
int8 conversion, on tiny torch modules instead of the real model."""

from __future__ import annotations

import sys
import types

import pytest

from assistant.config import EMBEDDING_DTYPES, embedding_dtype, load_settings
from assistant.retrieval import embeddings as emb

pytestmark = pytest.mark.unit


def test_dtype_setting_folds_aliases_and_defaults_to_float32():
    assert load_settings({}).embedding_dtype == "float32"
    assert load_settings({"EFFEKT_EMBEDDING_DTYPE": "int8"}).embedding_dtype == "int8"
    assert [embedding_dtype(v) for v in ("fp32", "BF16", " qint8 ")] == ["float32", "bfloat16", "int8"]


def test_unknown_dtype_is_refused_with_its_value():
    with pytest.raises(ValueError, match="float16"):
        load_settings({"EFFEKT_EMBEDDING_DTYPE": "float16"})


def test_every_dtype_has_its_own_cache_name():
    names = [emb.variant_name("embeddinggemma-300m", d) for d in EMBEDDING_DTYPES]
    assert names == ["embeddinggemma-300m", "embeddinggemma-300m-bfloat16", "embeddinggemma-300m-int8"]


def _tiny(seed: int = 0):
    import torch

    torch.manual_seed(seed)
    return torch.nn.Sequential(torch.nn.Linear(16, 32), torch.nn.ReLU(), torch.nn.Linear(32, 8))


def test_int8_quantises_each_linear_layer_per_output_channel():
    import torch

    model = emb.convert(_tiny(), "int8")
    quantised = [m for m in model.modules() if isinstance(m, torch.ao.nn.quantized.dynamic.Linear)]
    assert len(quantised) == 2
    assert all(m.weight().qscheme() == torch.per_channel_affine for m in quantised)
    assert quantised[0].weight().q_per_channel_scales().numel() == 32  # one scale per output row


def test_int8_output_stays_close_to_float32():
    import torch

    reference = _tiny(1)
    x = torch.randn(64, 16, generator=torch.Generator().manual_seed(2))
    with torch.inference_mode():
        expected = reference(x)
        got = emb.convert(_tiny(1), "int8")(x)
    cosine = torch.nn.functional.cosine_similarity(expected, got, dim=1)
    assert cosine.min().item() > 0.98
    assert not torch.equal(expected, got)  # it really ran in int8


def test_bfloat16_and_float32_conversions():
    import torch

    assert emb.convert(_tiny(), "bfloat16")[0].weight.dtype == torch.bfloat16
    model = _tiny()
    assert emb.convert(model, "float32") is model
    with pytest.raises(ValueError, match="float16"):
        emb.convert(model, "float16")


@pytest.mark.parametrize("dtype,name", [("float32", "tiny-model"), ("int8", "tiny-model-int8"),
                                        ("bfloat16", "tiny-model-bfloat16")])
def test_loaded_embedder_is_named_after_model_and_dtype(monkeypatch, tmp_path, dtype, name):
    import torch

    loaded: list[str] = []

    def fake_sentence_transformer(path, device):
        loaded.append(path)
        return _tiny()

    monkeypatch.setitem(sys.modules, "sentence_transformers",
                        types.SimpleNamespace(SentenceTransformer=fake_sentence_transformer))
    monkeypatch.setattr(emb, "_loaded", {})
    settings = load_settings({"EFFEKT_EMBEDDING_MODEL": str(tmp_path / "tiny-model"),
                              "EFFEKT_EMBEDDING_DTYPE": dtype})
    embedder = emb.load_embeddings(settings)
    assert embedder.name == name
    assert loaded == [str(tmp_path / "tiny-model")]
    assert emb.load_embeddings(settings) is embedder  # once per process and dtype
    linear_types = {type(m) for m in embedder.model.modules() if "Linear" in type(m).__name__}
    assert (torch.ao.nn.quantized.dynamic.Linear in linear_types) == (dtype == "int8")


def test_blas_is_kept_to_one_thread_unless_the_environment_asks_for_more(monkeypatch):
    """OpenBLAS threads that spin after a numpy product slow the next query embedding."""
    import numpy  # noqa: F401  (loads numpy's BLAS)
    from threadpoolctl import threadpool_info, threadpool_limits

    from assistant.config import limit_blas_threads

    def blas_threads():
        return {i["filepath"]: i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}

    original = threadpool_limits(limits=None)  # remembers the limits to restore
    try:
        monkeypatch.setenv("OPENBLAS_NUM_THREADS", "2")
        limit_blas_threads()
        assert blas_threads() and all(n == 2 for n in blas_threads().values())
        monkeypatch.delenv("OPENBLAS_NUM_THREADS")
        limit_blas_threads()
        assert all(n == 1 for n in blas_threads().values())
    finally:
        original.restore_original_limits()
