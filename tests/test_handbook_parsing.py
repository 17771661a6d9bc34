"""The handbook parser: synthetic snippets for each rule, then properties of the real file.

The real handbook is read from the shared knowledge folder (never copied into the repo);
those tests are skipped with a reason when the folder is missing.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from assistant.retrieval.handbook import HandbookUnit, parse_handbook, section_titles
from knowledge.registry import footnote_map, load_advice, load_sources, sources_for_footnote

pytestmark = pytest.mark.unit

HANDBOOK_FILE = "handbok-fem-goda-rad.txt"
SECTIONS = ["Inledning", "Analys", "Råd 1", "Råd 2", "Råd 3", "Råd 4", "Råd 5"]
CONJUNCTIONS = ("och", "eller", "respektive", "samt")


def _knowledge_dir() -> Path:
    configured = os.environ.get("EFFEKT_KNOWLEDGE_DIR")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[1].parent / "shared" / "knowledge"


@pytest.fixture(scope="module")
def raw() -> str:
    path = _knowledge_dir() / HANDBOOK_FILE
    if not path.is_file():
        pytest.skip(f"{path} saknas (sätt EFFEKT_KNOWLEDGE_DIR till kunskapsmappen)")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def units(raw: str) -> list[HandbookUnit]:
    return parse_handbook(raw)


def _texts(units: list[HandbookUnit], *kinds: str) -> list[str]:
    return [u.text for u in units if u.kind in kinds]


def _unit_with(units: list[HandbookUnit], fragment: str) -> HandbookUnit:
    found = [u for u in units if fragment in u.text]
    assert len(found) == 1, f"{fragment!r} in {len(found)} units"
    return found[0]


# --- synthetic snippets ------------------------------------------------------------


def _single_text(raw: str) -> str:
    (unit,) = parse_handbook(raw)
    return unit.text


@pytest.mark.parametrize(
    ("broken", "joined"),
    [
        ("effektivise-\nringar", "effektiviseringar"),
        ("kom-\nmunsektorn", "kommunsektorn"),
        ("Sam- \nverkan", "Samverkan"),  # a space after the hyphen changes nothing
        ("nattill-\nsyn", "nattillsyn"),
        ("miljö- \noch tillsyn", "miljö- och tillsyn"),
        ("vård- \neller omsorg", "vård- eller omsorg"),
        ("riksdags-\nrespektive kommunval", "riksdags- respektive kommunval"),
        ("HR-\narbete", "HR-arbete"),
        ("covid-19-\nvården", "covid-19-vården"),
        ("distans- och fjärr-\nundervisning", "distans- och fjärrundervisning"),
        ("kommunen/\nregionen", "kommunen/regionen"),
        ("tid – \noch pengar", "tid – och pengar"),
    ],
)
def test_line_end_hyphenation(broken: str, joined: str) -> None:
    assert _single_text(f"Vi skriver {broken} här.\n") == f"Vi skriver {joined} här."


def test_glued_footnote_references_are_moved_out_of_the_text() -> None:
    raw = (
        "Resultatet blev 51,5 miljarder kr.1 Sedan kom 2 miljarder till.2\n"
        "Det sades att ”så blir det”.3 Och 82 procent (1) svarade ja.\n\n"
        "1. Första noten.\n2.Andra noten\nfortsätter här.\n3. Ibid.\n"
    )
    units = parse_handbook(raw)
    body = [u for u in units if u.kind == "body"]
    assert [u.text for u in body] == [
        "Resultatet blev 51,5 miljarder kr. Sedan kom 2 miljarder till. "
        "Det sades att ”så blir det”. Och 82 procent (1) svarade ja."
    ]
    assert body[0].footnotes == (1, 2, 3)
    notes = {u.footnotes[0]: u.text for u in units if u.kind == "footnote"}
    assert notes == {1: "Första noten.", 2: "Andra noten fortsätter här.", 3: "Ibid."}


def test_real_numbers_are_not_taken_for_references() -> None:
    text = "År 1985 fanns 25 förbund, covid-19 kom, (1) bygga, 9 till 10 år, 20 000 invånare."
    assert _single_text(text + "\n") == text


def test_reference_glued_to_a_year_in_a_caption() -> None:
    raw = (
        "Ett stycke om figur 1 och om index.\n\n"
        "Figur 1: Index för skolan 20191\n\n"
        "Källa: Egen beräkning\n\n"
        "1. Några kommuner saknas.\n"
    )
    units = parse_handbook(raw)
    assert [u.kind for u in units] == ["body", "caption", "footnote"]
    caption = units[1]
    assert caption.text == "Figur 1: Index för skolan 2019. Källa: Egen beräkning."
    assert caption.footnotes == (1,)


def test_interleaved_blocks_are_joined_by_global_assignment() -> None:
    """The nearest lowercase block is the wrong continuation for the first sentence."""
    raw = (
        "Alfa börjar en mening som\n"
        " Inledning:\n\n"
        "Figur 1: En bild\n\n"
        "om det tredje blocket fortsätter. Det slutar här.\n\n"
        "i det andra blocket fortsätter. Sedan börjar en mening som\n"
        " 1. En not.\n"
        " Sista stycket är helt.\n"
    )
    body = [u.text for u in parse_handbook(raw) if u.kind == "body"]
    assert body == [
        "Alfa börjar en mening som i det andra blocket fortsätter. "
        "Sedan börjar en mening som om det tredje blocket fortsätter. Det slutar här.",
        "Sista stycket är helt.",
    ]


def test_blocks_that_only_continue_each_other_are_rejected() -> None:
    with pytest.raises(ValueError, match="cycle"):
        parse_handbook("alfa slutar inte\n\nAnalys:\n\nberoende av beta som\n")


def test_empty_input_gives_no_units() -> None:
    assert parse_handbook("") == []


# --- the real handbook ---------------------------------------------------------------


def test_the_two_interleave_repairs(units: list[HandbookUnit]) -> None:
    unit = _unit_with(units, "Att effektivisera handlar")
    assert "Att effektivisera handlar om att, genom att göra" in unit.text
    unit = _unit_with(units, "kommer att behöva leverera välfärdstjänster")
    assert "välfärdstjänster i större utsträckning än under ett normalår" in unit.text


def test_words_split_around_footnote_blocks_are_rejoined(units: list[HandbookUnit]) -> None:
    unit = _unit_with(units, "digitaliseringslyft")
    assert "i dialog med kommunsektorn, initiera" in unit.text
    assert 17 in unit.footnotes


def test_hyphenation_on_the_real_file(units: list[HandbookUnit]) -> None:
    text = " ".join(_texts(units, "body", "caption", "footnote"))
    for kept in ["covid-19-vården", "distans- och fjärrundervisning", "miljö- och tillsyns",
                 "1177 Vårdguiden", "HR-arbete", "vård- och omsorgsanställda"]:
        assert kept in text, kept
    for joined in ["effektiviseringar", "kommunsektorn", "Skolkommissionen", "uppmärksamhet",
                   "motsvarande", "effektiviseringsarbetet"]:
        assert joined in text, joined
    # A hyphen followed by a space is only kept before a conjunction ("miljö- och").
    for match in re.finditer(r"\w- (\w+)", text):
        assert match.group(1) in CONJUNCTIONS, match.group(0)


def test_every_unit_has_metadata(units: list[HandbookUnit]) -> None:
    assert [u.order for u in units] == list(range(len(units)))
    for unit in units:
        assert unit.kind in {"body", "caption", "footnote"}
        assert unit.section in SECTIONS
        expected_advice = int(unit.section[-1]) if unit.section.startswith("Råd") else None
        assert unit.advice == expected_advice
        assert unit.text and unit.text == " ".join(unit.text.split())
        assert all(isinstance(n, int) for n in unit.footnotes)


def test_sections_follow_the_handbook(units: list[HandbookUnit]) -> None:
    order = [SECTIONS.index(u.section) for u in units if u.kind == "body"]
    assert order == sorted(order)
    assert set(order) == set(range(len(SECTIONS)))
    analys = [u for u in units if u.section == "Analys"]
    assert len(analys) == 1 and analys[0].text.startswith("Vad finns då mer konkret")
    assert _unit_with(units, "De råd som vi landar i").section == "Inledning"
    assert _unit_with(units, "digitala nattillsynen").section == "Råd 2"
    assert _unit_with(units, "kommunalförbunden").section == "Råd 5"
    for number in range(1, 6):
        assert sum(u.section == f"Råd {number}" and u.kind == "body" for u in units) >= 5


def test_units_read_as_whole_paragraphs(units: list[HandbookUnit]) -> None:
    for text in _texts(units, "body", "caption"):
        assert not text[0].islower(), text[:60]
        assert re.search(r"[.!?][”\")]*$", text), text[-60:]


def test_no_stray_footnote_digits(units: list[HandbookUnit]) -> None:
    for text in _texts(units, "body", "caption"):
        assert not re.search(r"[^\d\s][.,;:!?”)]\d{1,2}\b", text), text
        assert not re.search(r"\b\d{5,6}\b", text), text


def test_every_reference_is_found_once(units: list[HandbookUnit]) -> None:
    refs = [n for u in units if u.kind != "footnote" for n in u.footnotes]
    assert sorted(refs) == list(range(1, 36))


def test_footnotes_are_separated_from_the_body(units: list[HandbookUnit]) -> None:
    notes = {u.footnotes[0]: u for u in units if u.kind == "footnote"}
    assert sorted(notes) == list(range(1, 35))  # note 35 is cited but has no text
    assert all(len(u.footnotes) == 1 for u in notes.values())
    body = " ".join(_texts(units, "body"))
    for furniture in ["SOU 2020:80", "Ibid", "Inledning:", "Analys:", "Källa:", "Figur 1",
                      "En fungerande effektiviseringsagenda"]:
        assert furniture not in body, furniture


def test_footnote_takes_the_section_of_the_citing_paragraph(units: list[HandbookUnit]) -> None:
    for unit in units:
        for n in unit.footnotes if unit.kind != "footnote" else ():
            note = [u for u in units if u.kind == "footnote" and u.footnotes == (n,)]
            if note:
                assert note[0].section == unit.section
                assert note[0].order > unit.order


def test_footnote_14_links_to_socialstyrelsen(units: list[HandbookUnit]) -> None:
    unit = _unit_with(units, "82 procent")
    assert 14 in unit.footnotes
    assert [s.id for s in sources_for_footnote(14)] == ["socialstyrelsen-2021"]
    cited = _unit_with(units, "utsträckning än idag")  # the distance teaching paragraph
    assert cited.footnotes == ()


def test_note_35_is_cited_without_text(units: list[HandbookUnit]) -> None:
    citing = [u for u in units if 35 in u.footnotes]
    assert [u.kind for u in citing] == ["body"]
    assert citing[0].text.endswith("ansvarsutkrävande.")
    assert sources_for_footnote(35) == ()


def test_footnote_texts_agree_with_the_registry(units: list[HandbookUnit]) -> None:
    """Each short reference written in a note is among the sources the map gives it."""
    shorts = sorted(load_sources().values(), key=lambda s: -len(s.short))
    mapping = footnote_map()
    previous: tuple[str, ...] = ()
    for unit in (u for u in units if u.kind == "footnote"):
        number = unit.footnotes[0]
        named = {s.id for s in shorts if re.search(rf"\b{re.escape(s.short)}\b(?!\w)", unit.text)}
        named -= {"handbok", "kallor", "ordlista"}
        assert named <= set(mapping[number]), (number, named)
        if unit.text.startswith("Ibid"):
            assert mapping[number] == previous, number
        previous = mapping[number]


def test_captions_are_units_of_their_own(units: list[HandbookUnit]) -> None:
    captions = [u for u in units if u.kind == "caption"]
    assert [c.text[:8] for c in captions] == ["Figur 1:", "Figur 2:"]
    first, second = captions
    assert "I figuren illustreras" in first.text
    assert first.text.endswith("Källa: Regeringen och SKR.")
    assert "grundskolan för 2019." in second.text and second.footnotes == (6,)
    assert "Källa: RKA:s beräkning" in second.text and "Figuren visar" in second.text
    assert all(c.section == "Inledning" for c in captions)


def test_section_titles_match_the_advice_registry(raw: str) -> None:
    titles = section_titles(raw)
    assert titles["Inledning"].startswith("Stora effektiviseringsbehov")
    for advice in load_advice():
        assert titles[f"Råd {advice.number}"] == advice.full_title


def test_parsing_is_deterministic(raw: str, units: list[HandbookUnit]) -> None:
    assert parse_handbook(raw) == units


@pytest.mark.unit
def test_editorial_labels_stay_out_of_a_reports_facts() -> None:
    from assistant.retrieval.corpus import summary_chunks

    text = ("## 11. Inera 2020-09-23\n\n- **Fakta:**\n"
            "  - Kontext: Region Uppsala började 2018 erbjuda KBT via nätet [källa: https://example.se].\n"
            "  - Tidslinje: nyckeltalen lades ut i Kolada i augusti 2020.\n"
            "  - Konkreta förslag: ett magisterprogram i upphandling.\n")
    body = " ".join(c.text for c in summary_chunks(text))
    assert "Region Uppsala började 2018" in body and "Kontext:" not in body and "källa" not in body
    assert "Nyckeltalen lades ut" in body and "Tidslinje" not in body
    assert "Konkreta förslag: ett magisterprogram" in body  # a label that carries meaning stays
