"""One truth: the explorer card, the memo, the debate brief and the chat say the same verdict
and show the same index values for the same kommun, area and year; the chat's savings answer shows
the memo's three scenarios with the same amounts, and the chat's screening lists exactly the kommuner
whose verdict is low cost and high quality.

The expected verdict is worked out here from the CSV values with the rule as the handbook
issue states it (RKA's published index where it exists, ours otherwise; below 50 on
resursindex = high cost, below 50 on kvalitetsindex = low quality), independently of
:mod:`indices.verdict`.
"""

from __future__ import annotations

import pytest

import indices
from assistant import grounding
from assistant.documents.brief import build_brief
from assistant.documents.explorer import Exploration, figures
from assistant.documents.facts import facts_for
from assistant.documents.markdown import to_markdown
from assistant.documents.memo import build_memo
from assistant.formatting import number
from assistant.labels import area_definite
from assistant.types import Answer

pytestmark = pytest.mark.unit
KOMMUNER = ("Växjö", "Umeå", "Gävle", "Kalmar", "Kiruna", "Lund", "Norrtälje", "Eskilstuna", "Sundsvall", "Täby")
AREAS = ("grundskola", "aldreomsorg", "gymnasieskola")
YEAR = 2022
LEVELS = ("hög kostnad", "låg kostnad", "hög kvalitet", "låg kvalitet")


def expected(kommun: str, area: str, data) -> tuple[str, str, float | None, float | None]:
    spec = indices.get_area(area)
    kod = indices.resolve_kommun(kommun, data).kod
    own = indices.rka(spec.id, YEAR, data=data, include_all=True).row(kod)

    def shown(published_kpi: str, own_key: str) -> float | None:
        value = data.value(kod, published_kpi, YEAR)
        return value if value is not None else (own.index(own_key) if own else None)

    resurs, kvalitet = shown(spec.published_resource, "resursindex"), shown(spec.published_quality, "kvalitetsindex")
    cost = "okänd kostnadsnivå" if resurs is None else ("hög kostnad" if resurs < 50 else "låg kostnad")
    quality = "okänd kvalitet" if kvalitet is None else ("låg kvalitet" if kvalitet < 50 else "hög kvalitet")
    return cost, quality, resurs, kvalitet


@pytest.mark.parametrize("area", AREAS)
@pytest.mark.parametrize("kommun", KOMMUNER)
def test_every_tab_says_the_same(kommun, area):
    data = indices.load_data()
    cost, quality, resurs, kvalitet = expected(kommun, area, data)
    facts = facts_for(kommun, area, YEAR, data=data)  # the default bootstrap, shared with the chat's
    handbook = Answer(text="Handboken.", route="handbook")
    memo = to_markdown(build_memo(facts, handbook))
    card = to_markdown(Exploration(facts, handbook, (), build_memo(facts, handbook)).card)
    brief = to_markdown(build_brief(facts, lambda q: []))
    for name, text in (("memo", memo), ("kort", card), ("debattunderlag", brief)):
        line = next(x for x in text.splitlines() if "Bedömning: " in x)
        assert cost.capitalize() in line and quality in line, (name, line)
        for value in (resurs, kvalitet):
            if value is not None:
                assert number(value, 1) in text, (name, value)
    assert len(figures(facts, data)) == 4


@pytest.fixture(scope="module")
def chat():
    from assistant.config import load_settings
    from assistant.orchestrator import answer

    settings = load_settings().with_(embedding_model="none")
    return lambda question: answer(question, None, settings)


CHAT_CASES = [(k, a) for k in KOMMUNER for a in AREAS]


@pytest.mark.parametrize(("kommun", "area"), CHAT_CASES)
def test_the_chat_states_the_same_verdict_when_it_states_one(chat, kommun, area):
    data = indices.load_data()
    cost, quality, _, _ = expected(kommun, area, data)
    text = chat(f"Hur effektiv är {area_definite(area)} i {kommun} {YEAR}?").text.lower()
    said = [w for w in LEVELS if w in text]
    if not said:
        pytest.skip("chattsvaret anger ingen bedömning av kostnad och kvalitet")
    assert set(said) <= {cost, quality}, said


SAVINGS_CASES = [(k, a) for k in KOMMUNER[:5] for a in AREAS]


@pytest.mark.parametrize(("kommun", "area"), SAVINGS_CASES)
def test_the_chat_and_the_memo_show_the_same_savings_scenarios(chat, kommun, area):
    from indices.costs import saving_mnkr

    from assistant.documents import words

    data = indices.load_data()
    facts = facts_for(kommun, area, YEAR, data=data)
    memo = to_markdown(build_memo(facts, Answer(text="Handboken.", route="handbook")))
    answer = chat(f"Hur mycket skulle {kommun} kunna spara på {area_definite(area)} {YEAR}?")
    assert answer.route == "savings", answer.route
    scenarios = facts.profile.savings.scenarios
    assert len(scenarios) == 3 and [s["id"] for s in answer.tool_calls[0].result["scenarios"]] == \
        ["referens", "liknande_median", "basta_kvartil"]
    for s in scenarios:
        amount = words.value(saving_mnkr(s))
        if s.value.value is not None:
            assert amount in memo and amount in answer.text, (s.id, amount)
            assert s.label in answer.text and s.label in memo


SCREEN_CASES = [("Kalmar län", "08", "aldreomsorg"), ("Jönköpings län", "06", "grundskola"),
                ("Västerbottens län", "24", "gymnasieskola")]


@pytest.mark.parametrize(("lan", "lanskod", "area"), SCREEN_CASES)
def test_the_chat_screening_lists_the_kommuner_whose_memo_verdict_is_low_cost_and_high_quality(
        chat, lan, lanskod, area):
    data = indices.load_data()
    codes = [c for c in data.codes if data.kommuner.at[c, "lanskod"] == lanskod]
    want = {data.name(c) for c in codes if expected(c, area, data)[:2] == ("låg kostnad", "hög kvalitet")}
    answer = chat(f"Vilka kommuner i {lan} har låg kostnad och hög kvalitet inom {area_definite(area)} {YEAR}?")
    assert answer.route == "screening", answer.route
    listed = {line[2:].split(":")[0] for line in answer.text.splitlines() if line.startswith("- ")
              and "effektivitetsindex" in line}
    assert listed == want
    for c in codes:  # the memo's verdict line agrees for every kommun listed
        if data.name(c) in listed:
            memo = to_markdown(build_memo(facts_for(c, area, YEAR, data=data), None))
            line = next(x for x in memo.splitlines() if "Bedömning: " in x)
            assert "Låg kostnad" in line and "hög kvalitet" in line, line


@pytest.mark.parametrize(("lan", "lanskod", "area"), [("Kalmar län", "08", "aldreomsorg"),
                                                      ("Skåne", "12", "grundskola")])
def test_the_chat_screening_of_high_cost_and_low_quality_lists_the_kommuner_the_memo_calls_so(
        chat, lan, lanskod, area):
    data = indices.load_data()
    codes = [c for c in data.codes if data.kommuner.at[c, "lanskod"] == lanskod]
    want = {data.name(c) for c in codes if expected(c, area, data)[:2] == ("hög kostnad", "låg kvalitet")}
    assert want, "each case has kommuner in the quadrant"
    answer = chat(f"Vilka kommuner i {lan} har hög kostnad och låg kvalitet inom {area_definite(area)} {YEAR}?")
    assert answer.route == "screening", answer.route
    assert "hög kostnad (resursindex under 50) och låg kvalitet (kvalitetsindex under 50)" in answer.text
    listed = {line[2:].split(":")[0] for line in answer.text.splitlines() if line.startswith("- ")
              and "effektivitetsindex" in line}
    assert listed == want


LEARN_CASES = [(k, a) for k in KOMMUNER[:5] for a in AREAS]


@pytest.mark.parametrize(("kommun", "area"), LEARN_CASES)
def test_the_chat_and_the_documents_say_whom_to_learn_from_in_the_same_sentence(chat, kommun, area):
    from indices.summaries import FRONTIER

    from assistant.phrases import learn_text

    data = indices.load_data()
    facts = facts_for(kommun, area, YEAR, data=data)
    dea = facts.profile.dea
    if dea.score.value is None:
        pytest.skip("DEA saknar värde för kommunen")
    name = facts.profile.kommun.namn
    sentence = learn_text(facts.learn, name)
    # the sentence names DEA's peers (not the kommun) and 1 − θ in %, worked out here from the score
    others = [p.kommun for p in dea.peers if p.kommunkod != dea.kommunkod]
    if dea.score.value >= FRONTIER:
        assert sentence.startswith(f"{name} ligger på fronten")
    else:
        assert sentence.startswith("Lär av: ") and all(n in sentence for n in others)
        assert f"med {number(max(0.0, (1 - dea.score.value) * 100))} % lägre kostnad" in sentence
    handbook = Answer(text="Handboken.", route="handbook")
    memo = build_memo(facts, handbook)
    texts = {"memo": to_markdown(memo), "kort": to_markdown(Exploration(facts, handbook, (), memo).card),
             "debattunderlag": to_markdown(build_brief(facts, lambda q: [])),
             "chatt": chat(f"Vilka kommuner kan {kommun} lära av inom {area_definite(area)} {YEAR}?").text}
    for where, text in texts.items():
        assert sentence in text, (where, sentence)


BRIEF_CASES = [(k, a) for k in KOMMUNER[:4] for a in AREAS]


@pytest.mark.parametrize(("kommun", "area"), BRIEF_CASES)
def test_the_chat_brief_and_the_downloadable_brief_carry_the_same_figures_verdict_and_counters(chat, kommun, area):
    from assistant.config import load_settings
    from assistant.documents.brief import SEARCH_K
    from assistant.retrieval.index import get_retriever

    data = indices.load_data()
    cost, quality, resurs, kvalitet = expected(kommun, area, data)
    retriever, _ = get_retriever(load_settings().with_(embedding_model="none"))
    document = to_markdown(build_brief(facts_for(kommun, area, YEAR, data=data),
                                       lambda q: retriever.search(q, k=SEARCH_K)))
    answer = chat(f"Ge mig argument för att förbättra {area_definite(area)} i {kommun} {YEAR}")
    assert answer.route == "brief", answer.route
    text = answer.text
    assert text.index("**Siffrorna**") < text.index("**Handbokens argument**") < text.index("**Troliga motargument**")
    verdict = next(x for x in text.splitlines() if x.startswith("Bedömning: "))
    assert cost.capitalize() in verdict and quality in verdict, verdict
    assert verdict + "\n" in document  # the tab's "Utgångsläge" says the same
    for value in (resurs, kvalitet):
        if value is not None:
            assert number(value, 1) in text
    # every argument's figure sentence and every counter-argument with its answer, word for word
    blocks = document.split("\n## ")
    claims = [b.split("\n\n")[1] for b in blocks if b.startswith("Argument ")]
    counters = [line[2:] for b in blocks if b.startswith("Troliga motargument") for line in b.splitlines()
                if line.startswith("- ")]
    assert claims and len(counters) == 3
    for claim in claims:
        assert claim in text, claim
    for counter in counters:
        said, _, quoted = counter.partition(" Handboken (")
        assert said in text, said
        if quoted:  # the tab's quote is the chat's [n] citation
            sentence = quoted.split("”", 1)[1].rsplit("”", 1)[0]
            assert f"”{sentence}” [" in text
    assert grounding.ungrounded_numbers(answer) == [] and grounding.dangling_markers(answer) == []
    assert grounding.unretrieved_citations(answer) == [] and grounding.unused_citations(answer) == []


@pytest.mark.parametrize(("kpi", "direction"), [("N15027", "min"), ("U15401", "max"), ("N00901", "max")])
def test_the_chat_ranking_has_the_places_of_indices_rank(kpi, direction):
    from assistant.answers import fetch

    chat_rows = fetch.ranking(kpi, YEAR, lan="12", direction=direction, limit=50)
    ref = indices.rank(kpi, YEAR, scope="Skåne", direction="lägst" if direction == "min" else "högst")
    assert [(r.place, r.kommunkod) for r in chat_rows.rows] == [(r.position, r.kommunkod) for r in ref.rows]
    assert chat_rows.n == ref.n_ranked and len(chat_rows.missing) == len(ref.missing)
