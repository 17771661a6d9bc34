"""The KPI catalogue: units from titles, directions, families and Swedish search."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from indices.catalogue import CURATED_FILE, kpi_catalogue
from indices.kpi_search import CLEAR_HIT, GUESS
from indices.units import INDEX_UNIT, parse_unit

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.unit
@pytest.mark.parametrize("title, unit", [
    ("Kostnad grundskola F-9, hemkommun, kr/elev", "kr/elev"),
    ("Kostnad ekonomiskt bistånd, kr/inv", "kr/inv"),
    ("Kostnad funktionsnedsättning LSS boende, kr/brukare", "kr/brukare"),
    ("Invånare 80+, andel (%)", "andel (%)"),
    ("Sjukfrånvaro totalt bland anställda, kommun, andel (%)", "andel (%)"),
    ("Invånare totalt, antal", "antal"),
    ("Nettokostnadsavvikelse grundskola F-9, miljoner kronor", "mnkr"),
    ("Nettokostnadsavvikelse grundskola F-9, (%)", "%"),
    ("Skattesats till kommun (%)", "%"),
    ("Nettokostnadsavvikelse LSS (%)", "%"),
    ("Resursindex förskola", INDEX_UNIT),
    ("Effektivitetsindex LSS boende och daglig verksamhet", INDEX_UNIT),
    ("Kommunen bedriver kommunal gymnasieskola, (Ja=1, Nej=0)", "ja/nej (1/0)"),
    ("Medelålder för äldre i särskilt boende, år", "år"),
    ("Väntetid i antal dagar från ansökan vid nybesök till beslut inom försörjningsstöd, medelvärde", "medelvärde"),
    ("Kostnad hemtjänst äldreomsorg, kr/inv 80+", "kr/inv 80+"),
    ("Andel personer med en aktuell genomförandeplan.", "andel (%)"),
    ("Demografisk försörjningskvot", "värde"),
    ("Invånare 0-22 år med insatser enligt LSS, antal/10 000 inv 0-22 år", "antal/10 000 inv 0-22 år"),
    ("Utbetalt ekonomiskt bistånd totalt, tkr", "tkr"),
])
def test_unit_is_parsed_from_the_title(title: str, unit: str) -> None:
    assert parse_unit(title) == unit


@pytest.mark.unit
def test_curated_file_names_only_known_kpis(kolada_full) -> None:
    cur = json.loads(CURATED_FILE.read_text(encoding="utf-8"))
    known = set(kolada_full.kpis)
    named = set(cur["directions"]) | {k for k in cur["synonyms"] if k != "about"} \
        | {k for k in cur["units"] if k != "about"} | set(cur["family_qualifiers"]["defaults"])
    assert named - known == set()


@pytest.mark.unit
def test_every_kpi_is_a_record(kolada_full) -> None:
    cat = kpi_catalogue(kolada_full)
    assert len(cat.records) == len(kolada_full.kpis) == 1047
    r = cat.get("N15008")
    assert r.unit == "kr/elev" and r.direction == 0 and r.years[0] == 2010 and r.years[-1] == 2022
    # independent count: kommuner (not Riket) with a value in 2022
    expected = int(kolada_full.series("N15008", 2022).notna().sum())
    assert r.n_kommuner == expected and 250 < expected <= 290
    assert cat.get("n15008") is r
    with pytest.raises(KeyError, match="finns inte"):
        cat.get("X99999")


@pytest.mark.unit
@pytest.mark.parametrize("kpi, direction", [
    ("U11901", 1), ("U28408", 1), ("U31002", 1),          # RKA indices: higher is better
    ("U21468", 1), ("U23471", 1),                          # brukarbedömning
    ("N15505", 1), ("N15436", 1), ("N17467", 1),           # meritvärde, behörighet, examen
    ("U23401", -1), ("N00090", -1), ("U31402", -1),        # väntetid, sjukfrånvaro
    ("N15008", 0), ("N31001", 0), ("N15001", 0), ("N28018", 0),  # costs and deviations: neither
    ("N00901", 0), ("N01951", 0),                          # tax rate, population: neither
])
def test_directions(kolada_full, kpi: str, direction: int) -> None:
    assert kpi_catalogue(kolada_full).get(kpi).direction == direction


@pytest.mark.unit
def test_families_and_defaults(kolada_full) -> None:
    cat = kpi_catalogue(kolada_full)
    merit = [r.kpi for r in cat.family("N15507")]
    assert merit[0] == "N15505" and {"N15505", "N15507", "N15567"} <= set(merit)
    assert cat.get("N15507").family == "N15505" and not cat.get("N15507").is_default
    assert [r.kpi for r in cat.family("N03035")][0] == "N03007"       # kommun before kommunkoncern
    assert cat.get("N15428").family == "N15436"                        # behöriga yrkesprogram
    assert cat.get("N11010").family == cat.get("N11102").family        # kommunal regi / lägeskommun
    assert cat.get("N17007").family == "N17007" and cat.get("N17007").is_default  # no siblings
    # different units are different families
    assert cat.get("N15045").family != cat.get("N15001").family


# Everyday phrases an official might type, and the KPI family that answers them.
PHRASES = [
    ("skattesats", {"N00901"}),
    ("Vad är skatten?", {"N00901"}),
    ("kommunalskatt", {"N00901"}),
    ("invånare", {"N01951"}),
    ("hur många bor i kommunen", {"N01951"}),
    ("befolkning", {"N01951"}),
    ("sjukfrånvaro", {"N00090"}),
    ("sjukfrånvaron bland de anställda", {"N00090"}),
    ("väntetid särskilt boende", {"U23401"}),
    ("hur länge får man vänta på äldreboende", {"U23401"}),
    ("kostnad per elev gymnasiet", {"N17007"}),
    ("kostnad per elev i grundskolan", {"N15008"}),
    ("meritvärde", {"N15505"}),
    ("meritvärdet i årskurs 9", {"N15505"}),
    ("personalkontinuitet hemtjänst", {"U21401"}),
    ("nöjda äldre", {"U21468", "U23471"}),
    ("hur nöjda är de äldre på särskilt boende", {"U23471"}),
    ("ekonomiskt bistånd kostnad", {"N31001"}),
    ("behöriga yrkesprogram", {"N15436"}),
    ("nettokostnadsavvikelse grundskola", {"N15001"}),
    ("årets resultat", {"N03007"}),
    ("soliditet", {"N03002"}),
    ("skattekraft", {"N00903"}),
    ("effektivitetsindex förskola", {"U11901"}),
    ("resursindex äldreomsorg", {"U20008"}),
    ("kvalitetsindex gymnasieskola", {"U17401"}),
    ("kostnad förskola per barn", {"N11008", "N11032"}),
    ("barn per årsarbetare i förskolan", {"N11102"}),
    ("andel förskollärare", {"N11041"}),
    ("ungdomsarbetslöshet", {"N03921"}),
    ("långvarigt ekonomiskt bistånd", {"N31814"}),
    ("väntetid försörjningsstöd", {"U31402"}),
    ("gymnasieelever med examen inom 4 år", {"N17467"}),
    ("placerade barn på HVB", {"N33816"}),
    ("nettokostnadsavvikelse äldreomsorg", {"N20900"}),
    ("kostnadsavvikelse LSS", {"N28018"}),
    ("elever per lärare", {"N15034"}),
    ("godkända i alla ämnen", {"N15419"}),
    ("kostnad individ- och familjeomsorg", {"N30005"}),
    ("kostnad hemtjänst", {"N21006", "N21009", "N21024"}),
    ("kostnad daglig verksamhet LSS", {"N28015", "N28009"}),
]


@pytest.mark.unit
@pytest.mark.parametrize("phrase, families", PHRASES, ids=[p for p, _ in PHRASES])
def test_everyday_phrase_finds_the_family_first(kolada_full, phrase: str, families: set[str]) -> None:
    hits = kpi_catalogue(kolada_full).search(phrase, limit=5)
    assert hits, phrase
    assert hits[0].family in families, [(h.kpi, round(h.score, 2), h.title) for h in hits[:3]]
    assert hits[0].is_default


@pytest.mark.unit
def test_at_least_thirty_phrases() -> None:
    assert len(PHRASES) >= 30


@pytest.mark.unit
def test_scores_tell_a_clear_hit_from_a_guess(kolada_full) -> None:
    cat = kpi_catalogue(kolada_full)
    clear = cat.search("skattesats")
    assert clear[0].score >= CLEAR_HIT and (len(clear) == 1 or clear[1].score < GUESS)
    vague = cat.search("hur går det för kommunen")
    assert not vague or vague[0].score < CLEAR_HIT
    assert cat.search("") == [] and cat.search("och i på") == []
    hits = cat.search("meritvärde", limit=10)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert all(0 <= h.score <= 1 for h in hits) and len(hits) >= 4
    # the default member first, its siblings after it
    ids = [h.kpi for h in hits]
    assert ids.index("N15505") < ids.index("N15507")
    assert cat.search("N15507")[0].kpi == "N15507"


@pytest.mark.unit
@pytest.mark.parametrize("question, kpi", [
    ("Vad är skattesatsen i Solna?", "N00901"),
    ("Hur många invånare har Ljusdal?", "N01951"),
    ("Hur hög är sjukfrånvaron i Gävle?", "N00090"),
    ("Vad blev årets resultat i Borås?", "N03007"),
    ("Hur effektiv är förskolan i Nacka?", "U11901"),
    ("Vad kostar socialtjänsten i Malmö?", "N30005"),
    ("Hur lång är väntetiden till äldreboende i Umeå?", "U23401"),
    ("meritvärde i Skåne län", "N15505"),
])
def test_whole_questions_with_place_names_are_clear_hits(kolada_full, question: str, kpi: str) -> None:
    hits = kpi_catalogue(kolada_full).search(question, limit=3)
    assert hits[0].kpi == kpi and hits[0].score >= CLEAR_HIT, [(h.kpi, round(h.score, 2)) for h in hits]


@pytest.mark.unit
def test_search_ignores_diacritics_and_inflection(kolada_full) -> None:
    cat = kpi_catalogue(kolada_full)
    assert cat.search("sjukfranvaro")[0].kpi == "N00090"
    assert cat.search("skattesatsen")[0].kpi == "N00901"


@pytest.mark.unit
def test_small_subset_has_its_own_catalogue(kolada) -> None:
    cat = kpi_catalogue(kolada)
    assert len(cat.records) == 50 and cat.get("N15505").is_default
    assert cat.search("meritvärde")[0].kpi == "N15505"


@pytest.mark.integration
def test_cli_kpis_contract() -> None:
    p = subprocess.run([sys.executable, "-m", "indices", "kpis", "--search", "väntetid särskilt boende",
                        "--limit", "3", "--json"], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert p.returncode == 0, p.stderr
    hits = json.loads(p.stdout)
    assert len(hits) == 3 and hits[0]["kpi"] == "U23401"
    assert set(hits[0]) == {"kpi", "title", "area", "unit", "score"}
    assert hits[0]["score"] >= hits[1]["score"] >= hits[2]["score"]
