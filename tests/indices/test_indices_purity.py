"""indices/ is a pure core: stdlib, pandas, numpy and scipy only (checked on the source)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "indices"
# snowballstemmer: pure-Python Swedish stemming for the KPI catalogue (indices/text.py)
ALLOWED_THIRD_PARTY = {"pandas", "numpy", "scipy", "snowballstemmer"}
LAZY_ONLY = {"kolada_api.py": {"requests"}}
FORBIDDEN = {"langchain", "langchain_core", "chromadb", "gradio", "assistant", "knowledge", "torch",
             "sentence_transformers", "transformers", "pydantic"}

pytestmark = pytest.mark.unit


def _modules() -> list[Path]:
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) >= 10, "indices/ ser tom ut"
    return files


def _imports(tree: ast.AST) -> list[tuple[str, bool]]:
    """(top-level module name, imported at module level?) for every absolute import."""
    out = []
    module_level = {id(n) for n in getattr(tree, "body", [])}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name.split(".")[0], id(node) in module_level) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.append((node.module.split(".")[0], id(node) in module_level))
    return out


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.name)
def test_module_imports_only_the_pure_stack(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    lazy = LAZY_ONLY.get(path.name, set())
    for name, at_top in _imports(tree):
        assert name not in FORBIDDEN, f"{path.name} importerar {name}"
        if name in sys.stdlib_module_names or name in ALLOWED_THIRD_PARTY or name == "indices":
            continue
        assert name in lazy, f"{path.name} importerar {name}, som inte hör till kärnan"
        assert not at_top, f"{path.name} måste importera {name} först inuti funktionen"


def test_environment_is_read_in_settings_only() -> None:
    readers = []
    for path in _modules():
        text = path.read_text(encoding="utf-8")
        if "os.environ" in text or "getenv" in text:
            readers.append(path.name)
    assert readers == ["settings.py"]


def test_scanner_catches_a_forbidden_import() -> None:
    tree = ast.parse("import os\nfrom langchain_core import x\ndef f():\n    import requests\n")
    found = dict(_imports(tree))
    assert found == {"os": True, "langchain_core": True, "requests": False}
