"""Composers against fixed typed results: the first sentence answers, numbers are grounded."""

from __future__ import annotations

import pytest

from assistant import grounding
from assistant.answers import compose_area, compose_kpi
from assistant.answers.results import (AreaProfile, Comparison, ComparisonRow, KpiMeta, Peers, Ranking,
                                       RankRow, Trend, TrendPoint, Value)
from assistant.types import Answer, ToolCall

pytestmark = pytest.mark.unit
TAX = KpiMeta("N00901", "Skattesats till kommun (%)", "%", 0)
COST = KpiMeta("N15027", "Kostnad grundskola F-9, hemkommun, kr/elev", "kr/elev", -1, "grundskola")
EFF = KpiMeta("U15900", "Effektivitetsindex kommunal grundskola F-9", "index", 1, "grundskola")


def grounded(text: str, result) -> list[str]:
    a = Answer(text=text, route="x", tool_calls=(ToolCall("t", {}, result.to_dict()),))
    return grounding.ungrounded_numbers(a)


def first_sentence(text: str) -> str:
    return text.split("\n")[0]


def test_value_leads_with_number_unit_year_and_source():
    v = Value("0184", "Solna", TAX, 2022, 17.12, riket=20.67, rank=3, of=290)
    text = compose_kpi.value_text(v)
    lead = first_sentence(text)
    assert lead.startswith("Solna") and "17,12 %" in lead and "2022" in lead
    assert "N00901" in lead and "Källa: Kolada" in lead
    assert "Riket: 20,67 %" in text and "Plats 3 av 290" in text
    assert grounded(text, v) == []


def test_missing_value_says_so_without_another_figure():
    v = Value("0184", "Solna", TAX, 2022, None)
    text = compose_kpi.value_text(v)
    assert "inget värde" in text and grounded(text, v) == []


def test_ranking_lists_name_value_and_place():
    rows = (RankRow(1, "1384", "Kungsbacka", 101000.4), RankRow(2, "1380", "Halmstad", 105500.0),
            RankRow(2, "1383", "Varberg", 105500.0))
    r = Ranking(COST, 2022, "Hallands län", "min", rows, n=6)
    text = compose_kpi.ranking_text(r)
    assert first_sentence(text).startswith("Lägst") and "Kungsbacka" in first_sentence(text)
    assert "101 000 kr/elev" in first_sentence(text)
    assert "2. Halmstad – 105 500 kr/elev" in text and "2. Varberg" in text  # ties share a place
    assert grounded(text, r) == []


def test_a_ranking_names_the_kommuner_without_a_value():
    rows = (RankRow(1, "1480", "Göteborg", 28.3),)
    r = Ranking(EFF, 2022, "kommungrupp A1", "max", rows, n=1, missing=("Stockholm", "Malmö"), n_scope=3)
    text = compose_kpi.ranking_text(r)
    assert "Göteborg" in first_sentence(text)
    assert "1 av 3 kommuner (kommungrupp A1) har värde för året; Stockholm och Malmö saknar värde" in text
    many = Ranking(EFF, 2022, "alla kommuner", "max", rows, n=1, missing=tuple(f"K{i}" for i in range(9)), n_scope=10,
                   n_missing=9)
    assert "9 kommuner saknar värde" in compose_kpi.ranking_text(many)
    assert grounded(compose_kpi.ranking_text(many), many) == []
    assert grounded(text, r) == []


def test_ranking_with_a_focus_kommun_gives_its_place():
    rows = (RankRow(1, "0001", "A", 250.0),)
    r = Ranking(EFF, 2022, "alla kommuner", "max", rows, n=267, focus=RankRow(12, "1481", "Mölndal", 80.55))
    lead = first_sentence(compose_kpi.ranking_text(r))
    assert "Mölndal har plats **12 av 267**" in lead and "80,5" in lead or "80,6" in lead


def test_trend_gives_first_last_change_and_riket():
    pts = (TrendPoint(2015, 6.0, 7.0), TrendPoint(2016, None, 7.1), TrendPoint(2022, 7.5, 8.0))
    t = Trend("1383", "Varberg", KpiMeta("N00090", "Sjukfrånvaro", "%", -1), pts, pts[0], pts[2], 1.5, 25.0,
              1.0, "ökat")
    text = compose_kpi.trend_text(t)
    lead = first_sentence(text)
    assert "ökat från 6,0 % år 2015 till **7,5 %** år 2022" in lead and "+1,5 procentenheter" in lead  # 7,5 − 6,0 of a percentage
    assert "Riket under samma år: från 7,0 % till 8,0 %" in text
    assert grounded(text, t) == []


def test_an_unchanged_trend_says_the_same_value_both_years():
    pts = (TrendPoint(2015, 17.12, None), TrendPoint(2022, 17.12, 20.67))
    t = Trend("0184", "Solna", TAX, pts, pts[0], pts[1], 0.0, 0.0, None, "oförändrat")
    lead = first_sentence(compose_kpi.trend_text(t))
    assert "är **17,12 %** år 2022, samma värde som år 2015" in lead and "ingen förändring" in lead
    assert "har oförändrat" not in lead


def test_a_falling_cost_trend_gives_its_relative_change_with_a_minus_sign():
    cost = KpiMeta("N15027", "Kostnad grundskola F-9, hemkommun, kr/elev", "kr/elev", 0)
    pts = (TrendPoint(2016, 120000.0, None), TrendPoint(2022, 90000.0, None))
    t = Trend("2081", "Borlänge", cost, pts, pts[0], pts[1], -30000.0, -25.0, None, "minskat")
    lead = first_sentence(compose_kpi.trend_text(t))
    assert "(−30 000 kr/elev, −25,0 %;" in lead  # 90 000 − 120 000, and −30 000 / 120 000


def test_comparison_side_by_side_with_the_highest_first():
    row = ComparisonRow(TAX, (("2080", "Falun", 21.6), ("2081", "Borlänge", 22.1)), 2022, "Borlänge", "Falun",
                        20.67)
    c = Comparison((("2080", "Falun"), ("2081", "Borlänge")), (row,), 2022)
    text = compose_kpi.comparison_text(c, "max")
    lead = first_sentence(text)
    assert lead.startswith("**Borlänge** har högst") and "Falun 21,60 %" in lead and "Borlänge 22,10 %" in lead
    assert grounded(text, c) == []
    assert first_sentence(compose_kpi.comparison_text(c, "min")).startswith("**Falun** har lägst")


def test_profile_verdict_first_at_most_eight_figure_lines():
    figs = tuple(Value("1490", "Borås", KpiMeta(f"N{i:05d}", f"Nyckeltal {i}", "%", 1), 2022, float(i))
                 for i in range(1, 11))
    from indices.verdict import verdict as rule

    # resursindex 30 < 50: high cost; kvalitetsindex 40 < 50: low quality -> råd 1
    verdict = rule(resurs_published=30.0, kvalitet_published=40.0, effektivitet_published=31.4)
    dev = Value("1490", "Borås", KpiMeta("N20900", "Nettokostnadsavvikelse", "%", -1), 2022, 4.1)
    p = AreaProfile("1490", "Borås", "aldreomsorg", 2022, verdict, dev, figs)
    text = compose_area.profile_text(p)
    lead = first_sentence(text)
    assert lead.startswith("Boråss äldreomsorg") or lead.startswith("Borås")
    assert "kostar 4,1 % mer än referenskostnaden" in lead and "låg kvalitet" in lead
    body = text.split("<details>")[0]
    assert sum(1 for line in body.splitlines() if line.startswith("- ")) <= 8
    assert "<details>" in text and "råd 1" in text
    assert "effektivitetsindex 31,4" in lead and "RKA:s publicerade index" in text
    assert grounded(text, p) == []


def test_peers_names_them():
    p = Peers("0483", "Katrineholm", "grundskola", "Koladas liknande kommuner (grundskola)",
              (("0192", "Nynäshamn"), ("0586", "Mjölby")))
    text = compose_area.peers_text(p)
    assert "Katrineholm" in first_sentence(text) and "Nynäshamn och Mjölby" in first_sentence(text)


def test_missing_key_figure_says_so_and_lists_the_closest_without_values():
    from assistant.answers.results import KpiHitRow, KpiList

    hits = (KpiHitRow("U00502", "Fossiloberoende fordon i kommunorganisationen, andel (%)", "", 290),)
    text = compose_area.kpi_missing_text(KpiList("elbilar i Umeå", hits), "Umeå")
    lead = first_sentence(text)
    assert lead.startswith("Det finns inget nyckeltal i Kolada") and "för Umeå" in lead
    assert "**Fossiloberoende fordon i kommunorganisationen, andel (%)** (U00502)" in text
    assert grounded(text, KpiList("x", hits)) == []
    empty = compose_area.kpi_missing_text(KpiList("hundar", ()), None)
    assert "inte heller något nyckeltal som ligger nära" in empty and "för " not in first_sentence(empty)[:60]


def test_the_closest_key_figure_buttons_are_questions_that_read_the_title():
    q = compose_area.kpi_choice_question("Solcellsanläggningar totalt, antal", "Lund")
    assert q == "Vad är värdet för solcellsanläggningar totalt, antal i Lund?"
    assert compose_area.kpi_choice_question("Fotbollsplaner, antal", None) == \
        "Vilka kommuner har högst värde för fotbollsplaner, antal?"


def test_the_handbook_stands_in_for_a_missing_key_figure_only_when_it_names_the_asked_thing():
    from assistant.answers.texts import tells_about

    passage = "Allt fler kommuner inför digital nattillsyn med kamera i hemtjänsten."
    assert tells_about("Hur många brukare har kamera för nattillsyn?", passage)
    assert tells_about("Hur många kommunalförbund finns det idag?", "Det finns i dag cirka 400 kommunalförbund.")
    # shared words only ("kommunerna"), and a four-letter word is too short to be telling
    assert not tells_about("Hur mycket mark äger kommunerna?", "Kommunernas årsresultat och marknaden 2020.")
