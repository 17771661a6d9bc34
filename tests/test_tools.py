"""Plumbing of assistant.tools: the registry adapted to langchain StructuredTools."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from langchain_core.tools import StructuredTool

from assistant import tools
from golden.golden_checks import swedish_problems

pytestmark = pytest.mark.unit

NAMES = {"profile", "compare", "screen", "trend", "savings", "dea", "kpi", "kpi_value", "ranking"}
KOLADA = "Källa: Kolada"
OWN = "Egna beräkningar baserade på data från Kolada"


def strings(obj) -> Iterator[str]:
    if isinstance(obj, dict):
        for value in obj.values():
            yield from strings(value)
    elif isinstance(obj, (list, tuple)):
        for value in obj:
            yield from strings(value)
    elif isinstance(obj, str):
        yield obj


def plain_json(obj) -> bool:
    """Only dicts, lists and scalars: what a chat model can be given (no DataFrames)."""
    if isinstance(obj, dict):
        return all(isinstance(k, str) and plain_json(v) for k, v in obj.items())
    if isinstance(obj, list):
        return all(plain_json(v) for v in obj)
    return obj is None or isinstance(obj, (str, int, float, bool))


@pytest.fixture(scope="module")
def lc_tools() -> dict[str, StructuredTool]:
    return {t.name: t for t in tools.as_langchain_tools()}


def test_every_registered_tool_is_adapted_once(lc_tools):
    assert set(lc_tools) == NAMES == set(tools.TOOLS)
    assert len(tools.as_langchain_tools()) == len(NAMES)
    for tool in lc_tools.values():
        assert isinstance(tool, StructuredTool)


def test_descriptions_are_swedish(lc_tools):
    for name, tool in lc_tools.items():
        assert tool.description.strip(), name
        assert swedish_problems(tool.description) == [], (name, tool.description)


def test_argument_schemas_follow_the_signatures(lc_tools):
    assert set(lc_tools["profile"].args) == {"kommun", "area", "year"}
    assert set(lc_tools["compare"].args) == {"kommuner", "area", "year"}
    assert lc_tools["compare"].args["kommuner"]["type"] == "array"
    assert {"kommun", "kpi", "start_year", "end_year"} <= set(lc_tools["trend"].args)
    assert {"lan", "kommungrupp", "index", "threshold"} <= set(lc_tools["screen"].args)


def test_invoking_savings_returns_a_plain_dict_with_both_provenances(lc_tools):
    result = lc_tools["savings"].invoke({"kommun": "Gävle", "area": "grundskola", "year": 2022})
    assert isinstance(result, dict) and plain_json(result)
    json.dumps(result, ensure_ascii=False)
    assert result["kommunkod"] == "2180"
    texts = list(strings(result))
    assert any(KOLADA in t for t in texts)
    assert any(OWN in t for t in texts)


def test_invoking_compare_cites_kolada(lc_tools):
    result = lc_tools["compare"].invoke({"kommuner": ["Växjö", "Kalmar"], "area": "aldreomsorg", "year": 2022})
    assert isinstance(result, dict) and plain_json(result)
    assert result["kommunkod"] == "0780"
    assert any(KOLADA in t for t in strings(result))


def test_tool_call_records_inputs_and_output():
    call = tools.call("trend", kommun="Umeå", kpi="N15507", area="grundskola", start_year=2020)
    assert call.name == "trend"
    assert call.args == {"kommun": "Umeå", "kpi": "N15507", "area": "grundskola", "start_year": 2020}
    assert plain_json(call.result) and call.result["kommunkod"] == "2480"
    assert any(KOLADA in t for t in strings(call.result))
