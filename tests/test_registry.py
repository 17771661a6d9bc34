"""The source registry, the footnote map and the five råd (knowledge/*.json)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from knowledge.registry import (
    Advice,
    Source,
    advice_by_number,
    footnote_map,
    load_advice,
    load_sources,
    sources_for_footnote,
)

pytestmark = pytest.mark.unit

REPORT_COUNT = 22  # the reports summarised in kallor.md


def _knowledge_dir() -> Path:
    configured = os.environ.get("EFFEKT_KNOWLEDGE_DIR")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[1].parent / "shared" / "knowledge"


def _shared_file(name: str) -> Path:
    path = _knowledge_dir() / name
    if not path.is_file():
        pytest.skip(f"{path} saknas (sätt EFFEKT_KNOWLEDGE_DIR till kunskapsmappen)")
    return path


def test_registry_has_handbook_reports_and_project_files() -> None:
    sources = load_sources()
    assert all(isinstance(s, Source) for s in sources.values())
    assert {"handbok", "kallor", "ordlista"} <= set(sources)
    reports = [s for s in sources.values() if s.id not in {"handbok", "kallor", "ordlista"}]
    assert len(reports) == REPORT_COUNT
    handbook = sources["handbok"]
    assert handbook.year == 2021
    assert "Välfärdsekonomerna" in handbook.publisher


def test_every_source_is_complete() -> None:
    for source in load_sources().values():
        assert re.fullmatch(r"[a-z0-9-]+", source.id), source.id
        assert source.title and source.publisher and source.type and source.short
        assert source.year is None or 2000 <= source.year <= 2030
        assert source.url is None or source.url.startswith(("http://", "https://"))


def test_loaders_are_cached() -> None:
    assert load_sources() is load_sources()
    assert load_advice() is load_advice()


def test_footnote_14_resolves_to_socialstyrelsen() -> None:
    (source,) = sources_for_footnote(14)
    assert source.id == "socialstyrelsen-2021"
    assert source.short == "Socialstyrelsen 2021"


def test_footnote_map_covers_1_to_35() -> None:
    assert sorted(footnote_map()) == list(range(1, 36))


@pytest.mark.parametrize(("ibid", "previous"), [(16, 15), (19, 18), (20, 19), (23, 22)])
def test_ibid_repeats_the_previous_footnote(ibid: int, previous: int) -> None:
    assert sources_for_footnote(ibid) == sources_for_footnote(previous)
    assert sources_for_footnote(ibid)


@pytest.mark.parametrize("number", [5, 6, 33, 35])
def test_explanatory_or_empty_footnotes_cite_nothing(number: int) -> None:
    assert sources_for_footnote(number) == ()


def test_footnote_with_several_sources_keeps_their_order() -> None:
    ids = [s.id for s in sources_for_footnote(34)]
    assert ids == ["thomasson-2018", "mattiasson-thomasson-2019"]


@pytest.mark.parametrize("number", [0, 36, -1])
def test_unknown_footnote_raises_key_error(number: int) -> None:
    with pytest.raises(KeyError, match=str(number)):
        sources_for_footnote(number)


def test_every_report_is_cited_by_some_footnote() -> None:
    cited = {i for ids in footnote_map().values() for i in ids}
    reports = set(load_sources()) - {"handbok", "kallor", "ordlista"}
    assert reports == cited


def _kallor_sections(text: str) -> dict[str, str]:
    """'## N. Heading' -> the section body, for the numbered report sections."""
    parts = re.split(r"^## ", text, flags=re.M)
    return {p.split("\n", 1)[0]: p for p in parts if re.match(r"\d+\. ", p)}


def _source_for_heading(heading: str) -> Source:
    label = re.sub(r"^\d+\.\s*", "", heading).lower()
    matches = [s for s in load_sources().values() if label.startswith(s.short.lower())]
    assert matches, f"no registry source for kallor.md heading {heading!r}"
    return max(matches, key=lambda s: len(s.short))


def test_footnote_map_agrees_with_kallor_md() -> None:
    """Every report's 'Fotnot(er) i handboken' field matches the map, and vice versa."""
    sections = _kallor_sections(_shared_file("kallor.md").read_text(encoding="utf-8"))
    assert len(sections) == REPORT_COUNT
    from_kallor: dict[str, set[int]] = {}
    for heading, body in sections.items():
        field = re.search(r"\*\*Fotnot(?:er)? i handboken:\*\*\s*([^\n]*)", body)
        assert field, heading
        # "18, 19, 20 (sidan 261)" or "29. Underlagsrapporterna i fotnot 34 ...": keep
        # the leading list of numbers only.
        leading = re.match(r"[\d,\s]+", field.group(1)).group(0)
        numbers = {int(n) for n in re.findall(r"\d+", leading)}
        from_kallor[_source_for_heading(heading).id] = numbers
    from_map: dict[str, set[int]] = {}
    for number, ids in footnote_map().items():
        for source_id in ids:
            from_map.setdefault(source_id, set()).add(number)
    assert from_map == from_kallor


def test_report_years_and_urls_come_from_kallor_md() -> None:
    sections = _kallor_sections(_shared_file("kallor.md").read_text(encoding="utf-8"))
    for heading, body in sections.items():
        source = _source_for_heading(heading)
        year_field = re.search(r"\*\*År/datum:\*\*([^\n]*)", body).group(1)
        assert str(source.year) in year_field, heading
        if source.url:
            assert source.url in body, heading


def test_five_advice_in_order() -> None:
    advice = load_advice()
    assert [a.number for a in advice] == [1, 2, 3, 4, 5]
    assert all(isinstance(a, Advice) for a in advice)
    assert advice_by_number(3).title == "Agera tidigt"
    with pytest.raises(KeyError):
        advice_by_number(6)


def test_advice_entries_are_complete() -> None:
    for advice in load_advice():
        assert advice.full_title.startswith(advice.title)
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", advice.description) if s]
        assert 1 <= len(sentences) <= 2, advice.number
        assert len(advice.keywords) >= 3
        assert all(k == k.strip() and k for k in advice.keywords)


def test_advice_keywords_do_not_overlap() -> None:
    seen: dict[str, int] = {}
    for advice in load_advice():
        for keyword in advice.keywords:
            assert keyword.lower() not in seen, (keyword, seen.get(keyword.lower()))
            seen[keyword.lower()] = advice.number
