"""The optional chat-model path, with LangChain's fake chat models (no network)."""

from __future__ import annotations

import os

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant import llm
from assistant.types import Answer, Citation, ToolCall

pytestmark = pytest.mark.unit

OFFLINE = Answer(
    text="Offline-svaret [1].",
    route="handbook",
    citations=(Citation(n=1, source="handbok", section="Råd 2", text="Där uppger 82 procent av kommunerna att de använder digital nattillsyn."),),
    tool_calls=(ToolCall(name="profile", args={"kommun": "Växjö"}, result={"cost": {"value": 124101.0, "year": 2022}}),),
)


def test_grounded_swedish_answer_is_used_and_dangling_markers_dropped():
    model = FakeListChatModel(responses=["Enligt handboken använder 82 procent av kommunerna digital nattillsyn [1] [7]."])
    result = llm.rewrite("Hur många?", OFFLINE, model)
    assert result.text == "Enligt handboken använder 82 procent av kommunerna digital nattillsyn [1]."
    assert result.context.get("llm") is True


def test_invented_number_falls_back_to_offline_answer():
    model = FakeListChatModel(responses=["Det är 91 procent av kommunerna som använder det [1]."])
    assert llm.rewrite("Hur många?", OFFLINE, model) is OFFLINE


def test_english_answer_is_retried_then_falls_back():
    model = FakeListChatModel(responses=["It is the case that 82 percent of the municipalities use it [1].",
                                         "The answer is that they use it [1]."])
    assert llm.rewrite("Hur många?", OFFLINE, model) is OFFLINE


def test_english_then_swedish_uses_the_retry():
    model = FakeListChatModel(responses=["The share is 82 percent [1].",
                                         "Andelen är 82 procent och det gäller nattillsyn [1]."])
    assert llm.rewrite("Hur många?", OFFLINE, model).text.startswith("Andelen är 82 procent")


class _Down:
    def invoke(self, messages):
        raise TimeoutError("timeout")


def test_endpoint_down_gives_offline_answer():
    assert llm.rewrite("Hur många?", OFFLINE, _Down()) is OFFLINE


def test_off_by_default_and_unknown_backend_gives_none():
    from assistant.config import load_settings

    assert load_settings({}).llm_backend == "off"
    assert llm.build_chat_model(load_settings({"EFFEKT_LLM_BACKEND": "off"})) is None


@pytest.mark.integration
@pytest.mark.skipif(not os.environ.get("EFFEKT_LLM_GGUF"), reason="ingen lokal GGUF-modell konfigurerad (EFFEKT_LLM_GGUF)")
def test_real_local_gguf_model_answers_in_swedish():
    from assistant.config import load_settings

    settings = load_settings({"EFFEKT_LLM_BACKEND": "llamacpp", "EFFEKT_LLM_GGUF": os.environ["EFFEKT_LLM_GGUF"]})
    model = llm.build_chat_model(settings)
    assert model is not None
    result = llm.rewrite("Hur många kommuner använder digital nattillsyn?", OFFLINE, model)
    assert llm.is_swedish(result.text)


class _ToolModel(FakeListChatModel):
    """A fake chat model that supports tool calling: first a tool request, then text."""

    bound: list[str] = []

    def bind_tools(self, tools, **kwargs):
        from langchain_core.runnables import RunnableLambda
        from langchain_core.messages import AIMessage

        self.bound = [t.name for t in tools]
        return RunnableLambda(lambda _: AIMessage(content="", tool_calls=[
            {"name": "savings", "args": {"kommun": "Gävle", "area": "grundskola", "year": 2022}, "id": "1"}]))


@pytest.mark.integration
def test_tool_calls_requested_by_the_model_are_run_and_recorded():
    import indices
    from assistant import formatting as fmt

    expected = indices.savings("Gävle", "grundskola", 2022).to_dict()
    first = next(s for s in expected["scenarios"] if s["value"]["value"] is not None)
    value = fmt.number(first["value"]["value"])
    model = _ToolModel(responses=[f"Gävle skulle spara {value} kr per år enligt egna beräkningar baserade på data från Kolada."])
    offline = Answer(text="Offline.", route="savings",
                     tool_calls=(ToolCall(name="profile", args={}, result={}),))
    result = llm.rewrite("Hur mycket skulle Gävle spara?", offline, model)
    assert set(model.bound) == {"profile", "compare", "screen", "trend", "savings", "dea", "kpi", "kpi_value", "ranking"}
    assert [t.name for t in result.tool_calls] == ["savings"]
    assert result.tool_calls[0].result == expected
    assert value in result.text and result.context.get("llm") is True
