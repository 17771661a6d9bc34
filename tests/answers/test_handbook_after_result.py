"""'Vad säger handboken att de borde göra?' after a figure answer names the kommun and the
result it builds on (the profile's own first sentence), then the råd that fits it."""

from __future__ import annotations

import re

import pytest

from assistant.orchestrator import answer

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("first,then", [("Hur effektiv är äldreomsorgen i Gävle?", "Vad säger handboken att de borde göra?"),
                                        ("Hur ligger Växjö till inom grundskolan?", "Vad rekommenderar handboken då?")])
def test_the_advice_names_the_result_it_builds_on(first, then):
    profile = answer(first)
    history = [{"role": "user", "content": first},
               {"role": "assistant", "content": profile.text, "context": profile.context}]
    advice = answer(then, history=history)
    result = profile.text.split("\n", 1)[0]  # the profile's verdict sentence
    number = int(re.search(r"Koppling till handboken:\*\* råd (\d)", profile.text).group(1))  # the profile's råd
    assert advice.text.startswith(result), advice.text[:300]
    assert f"pekar handboken på råd {number}," in advice.text.split("\n", 1)[0]
    assert advice.citations and all(c.advice == number for c in advice.citations if c.source == "handbok")
