"""The chat brief: a kommun without an area is asked back (its figures open the brief)."""

from __future__ import annotations

import pytest

from assistant.answers import texts
from assistant.errors import AssistantError
from assistant.understanding import Query

pytestmark = pytest.mark.unit


def test_a_brief_for_a_kommun_without_an_area_asks_which_area():
    q = Query(text="Ge mig argument för att satsa på förebyggande arbete i Norrköping", intent="brief",
              kommuner=("0581",))
    with pytest.raises(AssistantError) as caught:
        texts.brief(q, settings=None)
    err = caught.value
    assert "Vilket verksamhetsområde för Norrköping" in err.message
    assert err.suggestions and all(s.startswith(q.text) for s in err.suggestions)
    assert any("äldreomsorgen" in s for s in err.suggestions)
