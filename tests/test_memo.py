"""The beslutsunderlag: figures checked against the Kolada CSVs, Markdown and PDF output."""

from __future__ import annotations

import io
from statistics import median

import pandas as pd
import pytest
from pypdf import PdfReader

import indices
from assistant.memo import Bars, Document, Section, build_memo, to_markdown, to_pdf, unicode_font, write_files
from assistant.types import Answer, Citation
from tests.conftest import shared_dir

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def long() -> pd.DataFrame:
    path = shared_dir("kolada") / "kpi_long_2010_2022.csv"
    if not path.exists():
        pytest.skip(f"Kolada-data saknas: {path}")
    return pd.read_csv(path, dtype={"kommunkod": str})


@pytest.fixture(scope="module")
def vaxjo():
    return indices.profile("Växjö", "grundskola", 2022, reps=50)


def kpi(long, kod, name, year=2022):
    rows = long.query("kommunkod == @kod and kpi == @name and year == @year")["value"]
    return float(rows.iloc[0]) if len(rows) else None


def swedish(value: float, decimals: int = 1) -> str:
    return f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",")


HANDBOOK = Answer(text="Handboken säger att jämförelser ska tas på allvar [1].\n\n**Källor**\n"
                       "[1] Handboken, Råd 1",
                  route="handbook_followup",
                  citations=(Citation(n=1, source="handbok", section="Råd 1", text="Jämförelser ...",
                                      advice=1, source_title="Fem goda råd för en effektivare kommunsektor"),))


def test_markdown_memo_has_kolada_values_and_peer_medians(vaxjo, long):
    md = to_markdown(build_memo(vaxjo, HANDBOOK))
    assert md.startswith("# Beslutsunderlag: grundskola F-9 i Växjö 2022")
    peers = [k for k, _ in vaxjo.peer_group.members]
    u15010 = kpi(long, "0780", "U15010")
    peer_median = median(v for p in peers if (v := kpi(long, p, "U15010")) is not None)
    row = next(line for line in md.splitlines() if line.startswith("| Resursindex kommunal grundskola"))
    assert f"| {swedish(u15010)} | {swedish(peer_median)} | Källa: Kolada |" in row
    cost = kpi(long, "0780", "N15008")
    assert f"{swedish(cost, 0)} kr/elev" in md
    for name in ("Södertälje", "Mölndal"):
        assert name in md  # the peer group is listed
    assert "## Vad säger handboken?" in md and "tas på allvar [1]" in md
    assert "**Källor**" not in md.split("## Vad säger handboken?")[1].split("##")[0]  # sources move to Källor
    sources = md.split("## Källor")[1]
    assert "Källa: Kolada" in sources and "Egna beräkningar baserade på data från Kolada" in sources
    assert "[1] Fem goda råd för en effektivare kommunsektor, Råd 1" in sources


def test_savings_in_memo_follow_the_published_deviation(vaxjo, long):
    md = to_markdown(build_memo(vaxjo))
    d_mnkr = kpi(long, "0780", "N15045")
    row = next(line for line in md.splitlines() if line.startswith("| Om nettokostnadsavvikelsen vore 0"))
    assert f"| {swedish(d_mnkr)} mnkr |" in row  # at the reference level the saving is D itself
    assert "Vad säger handboken?" not in md


@pytest.mark.parametrize("font", ["auto", None])
def test_pdf_has_swedish_text_with_either_font(vaxjo, font):
    if font == "auto" and unicode_font() is None:
        pytest.skip("ingen DejaVu Sans på maskinen")
    data = to_pdf(build_memo(vaxjo, HANDBOOK), font=font)
    assert data.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    for words in ("Beslutsunderlag", "Växjö", "Källa: Kolada", "Jämförelsegrupp", "Vad säger handboken?"):
        assert words in text


def test_missing_values_render_with_their_reason():
    doc = Document(title="Test åäö", subtitle="–", sections=(
        Section("Tom", bars=Bars(title="Index", labels=("A", "B"), values=(None, 40.0), marks=(50.0, None))),))
    assert "| A | – | 50,0 |" in to_markdown(doc)
    assert to_pdf(doc, font=None).startswith(b"%PDF")
    profile = indices.profile("Växjö", "aldreomsorg", 2022, reps=0)
    md = to_markdown(build_memo(profile))
    assert "Kvalitetsindex (egen beräkning) | saknas (kan inte beräknas" in md


def test_write_files_uses_a_safe_name(tmp_path, vaxjo):
    md, pdf = write_files(build_memo(vaxjo), tmp_path / "ut", "Beslutsunderlag Växjö/../2022")
    assert md.parent == pdf.parent == tmp_path / "ut"
    assert md.name == "Beslutsunderlag-Växjö-2022.md" and pdf.suffix == ".pdf"
    assert md.read_text(encoding="utf-8").startswith("# Beslutsunderlag")
