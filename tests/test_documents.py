"""The memo and the brief: figures checked against the Kolada CSVs, one index per measure,
the savings formula in Markdown and PDF, no repeated figures, names that match titles."""

from __future__ import annotations

import io
import re
from statistics import median

import pandas as pd
import pytest
from pypdf import PdfReader

from assistant.documents.brief import build_brief
from assistant.documents.facts import facts_for
from assistant.documents.files import write_files
from assistant.documents.markdown import to_markdown
from assistant.documents.memo import build_memo
from assistant.documents.model import Bars, Document, Section
from assistant.documents.pdf import plain, to_pdf, unicode_font
from assistant.types import Answer, Citation
from tests.conftest import shared_dir

pytestmark = pytest.mark.unit
REPS = 50


@pytest.fixture(scope="module")
def long() -> pd.DataFrame:
    path = shared_dir("kolada") / "kpi_long_2010_2022.csv"
    if not path.exists():
        pytest.skip(f"Kolada-data saknas: {path}")
    return pd.read_csv(path, dtype={"kommunkod": str})


def kpi(long, kod, name, year=2022):
    rows = long.query("kommunkod == @kod and kpi == @name and year == @year")["value"]
    return float(rows.iloc[0]) if len(rows) else None


def sv(value: float, decimals: int = 1) -> str:
    return f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",")


def section(md: str, heading: str) -> str:
    return md.split(f"## {heading}")[1].split("\n## ")[0]


HANDBOOK = Answer(text="Handboken säger att jämförelser ska tas på allvar [1].\n\n**Källor**\n[1] Handboken, Råd 1",
                  route="handbook_followup",
                  citations=(Citation(n=1, source="handbok", section="Råd 1", text="Jämförelser ...", advice=1,
                                      source_title="Fem goda råd för en effektivare kommunsektor"),))


def test_memo_shows_rkas_published_index_once_and_ours_only_as_method(long):
    md = to_markdown(build_memo(facts_for("Umeå", "aldreomsorg", 2022, reps=REPS)))
    published = kpi(long, "2480", "U20404")  # RKA's kvalitetsindex äldreomsorg
    table = section(md, "Nyckeltal")
    rows = [line for line in table.splitlines() if line.startswith("| Kvalitetsindex")]
    assert len(rows) == 2  # the table row and the bar's row, both RKA's value
    assert all(f"| {sv(published)} |" in r for r in rows)
    assert "61,9" not in md.split("## Metod")[0]  # our own index is a method detail only
    assert "Kvalitetsindex 61,9" in section(md, "Metod och anmärkningar")


def test_placement_says_what_it_counts(long):
    md = to_markdown(build_memo(facts_for("Umeå", "aldreomsorg", 2022, reps=REPS)))
    from indices import peer_group

    peers = peer_group("Umeå", "aldreomsorg")
    values = {c: kpi(long, c, "U20900") for c in ["2480", *peers.codes]}
    present = {c: v for c, v in values.items() if v is not None}
    rank = 1 + sum(v > present["2480"] for v in present.values())
    missing = [n for c, n in peers.members if values[c] is None]
    assert missing  # the case the count must explain
    expected = (f"plats {rank} av {len(present)} med data (av {len(values)}: Umeå och {len(peers.codes)} i "
                f"jämförelsegruppen; {', '.join(missing)} saknar värde)")
    assert expected in md


def test_memo_peer_median_and_savings_follow_the_csv(long):
    facts = facts_for("Växjö", "grundskola", 2022, reps=REPS)
    md = to_markdown(build_memo(facts, HANDBOOK))
    peers = facts.profile.peer_group.codes
    peer_median = median(v for p in peers if (v := kpi(long, p, "U15010")) is not None)
    row = next(line for line in md.splitlines() if line.startswith("| Resursindex |"))
    assert f"| {sv(kpi(long, '0780', 'U15010'))} | {sv(peer_median)} |" in row
    ref = next(line for line in md.splitlines() if line.startswith("| Om nettokostnadsavvikelsen vore 0"))
    assert f"| {sv(kpi(long, '0780', 'N15045'))} mnkr |" in ref  # at the reference level the saving is D
    assert "## Vad säger handboken?" in md and "tas på allvar [1]" in md
    assert "[1] Fem goda råd för en effektivare kommunsektor, Råd 1" in md.split("## Källor")[1]


@pytest.mark.parametrize("font", ["auto", None])
def test_savings_formula_keeps_d_star_in_markdown_and_pdf(font):
    if font == "auto" and unicode_font() is None:
        pytest.skip("ingen DejaVu Sans på maskinen")
    doc = build_memo(facts_for("Växjö", "grundskola", 2022, reps=REPS))
    md = section(to_markdown(doc), "Besparingspotential")
    assert "R × (d − d\\*) / 100" in md and "Jämförelsenivå (d\\*)" in md
    for symbol in ("R:", "D:", "d:", "d\\*:"):
        assert f"- {symbol}" in md  # each symbol explained on its own line
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(to_pdf(doc, font=font))).pages)
    text = text.replace("−", "-")
    assert "(d - d*)" in text and "d*:" in text and "Jämförelsenivå (d*)" in text


def test_plain_strips_emphasis_but_keeps_escaped_asterisks():
    assert plain("**fet** och *kursiv*, d\\* och `kod`, [länk](http://x)") == "fet och kursiv, d* och kod, länk"


def test_brief_repeats_no_figure_and_fits_the_area():
    search = lambda query: []  # noqa: E731  (no handbook: no quotes, figures only)
    for kommun, area in (("Umeå", "aldreomsorg"), ("Växjö", "grundskola"), ("Gävle", "grundskola")):
        md = to_markdown(build_brief(facts_for(kommun, area, 2022, reps=REPS), search))
        arguments = md.split("## Troliga motargument")[0]
        amounts = re.findall(r"\d[\d ]*,\d mnkr", arguments)
        assert len(amounts) == len(set(amounts)), amounts
        counters = section(md, "Troliga motargument och svar")
        if area == "aldreomsorg":
            assert "elev" not in counters and "äldre" in counters
        assert "förändring på" not in md or "procentenheter" in md or "meritvärde" in md  # units on changes


def test_file_names_match_titles(tmp_path):
    facts = facts_for("Växjö", "aldreomsorg", 2022, reps=REPS)
    for doc in (build_memo(facts), build_brief(facts, lambda q: [])):
        md, pdf = write_files(doc, tmp_path)
        assert md.stem == pdf.stem == doc.title.replace(": ", "-").replace(" ", "-")
        assert "äldreomsorg" in md.stem and md.read_text(encoding="utf-8").startswith(f"# {doc.title}")


def test_missing_values_render_with_their_reason():
    doc = Document(title="Test åäö", subtitle="–", sections=(
        Section("Tom", bars=Bars(title="Index", labels=("A", "B"), values=(None, 40.0), marks=(50.0, None))),))
    assert "| A | – | 50,0 |" in to_markdown(doc)
    assert to_pdf(doc, font=None).startswith(b"%PDF")
