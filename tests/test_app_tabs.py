"""Explorer, trainer, debate brief and admin handlers, called as the UI calls them."""

from __future__ import annotations

import dataclasses
import re
import statistics

from pathlib import Path

import gradio as gr
import pytest

import indices
from assistant.documents.markdown import to_markdown
from assistant.charts import source_line
from assistant.types import Answer, Citation
from assistant.ui import admin, explorer, politician, trainer
from assistant.ui.context import UiContext
from assistant.retrieval.index import get_retriever
from tests.conftest import SAMPLE_DOCS

pytestmark = pytest.mark.unit


class Recorder:
    """A fake assistant that records what it was asked."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, list | None]] = []

    def __call__(self, question, history=None, settings=None) -> Answer:
        self.calls.append((question, history))
        if history:
            return Answer(text="Handboken om det här, råd 1 ”Ta jämförelser på allvar” [1].", route="handbook",
                          citations=(Citation(1, "handbok", "Råd 1", "Jämförelser ...", 1, "Fem goda råd"),))
        return Answer(text="Siffror", route="kommun_figures", context={"advice": 1, "route": "kommun_figures"})


@pytest.fixture
def ctx(tmp_settings, tmp_path) -> UiContext:
    return UiContext(settings=tmp_settings, answer=Recorder(), export_dir=tmp_path / "export")


def test_explorer_profile_charts_handbook_and_memo(ctx):
    result = explorer.run(ctx, "Kalmar", "aldreomsorg", 2021)
    (q1, h1), (q2, h2) = ctx.answer.calls
    assert q1 == "Hur effektiv är äldreomsorgen i Kalmar 2021?" and h1 is None
    assert q2 == "Vad säger handboken om det?"
    assert h2[0] == {"role": "user", "content": q1} and h2[1]["context"] == {"advice": 1, "route": "kommun_figures"}
    assert len(result.figures) == 4 and all(source_line(f) for f in result.figures)
    scatter = result.figures[0]
    assert "0880" in scatter.data[-1].customdata  # Kalmar highlighted
    card = to_markdown(result.card)
    assert card.startswith("# Beslutsunderlag: äldreomsorg i Kalmar 2021") and "Vad säger handboken" not in card
    hand = explorer.handbook_markdown(result.handbook)
    assert hand.startswith("### Vad säger handboken?") and "**[1] Fem goda råd** – Råd 1" in hand
    costs = indices.load_data().series("N20007", 2021)
    peers = result.facts.profile.peer_group.codes
    assert result.figures[2].data[0].y[list(result.figures[2].data[0].customdata).index("0880")] == \
        pytest.approx(costs["0880"])
    assert statistics.median(costs[peers].dropna()) == pytest.approx(
        [s for s in result.figures[2].layout.shapes if s.line.dash == "dash"][0].y0)


def test_explorer_export_writes_markdown_and_pdf_per_session(ctx):
    result = explorer.run(ctx, "0780", "grundskola", 2022)
    md, pdf = explorer.export(ctx, result.document, "sessionA")
    assert md.endswith(".md") and pdf.endswith(".pdf")
    assert "/sessionA/" in md and open(pdf, "rb").read(4) == b"%PDF"
    assert "Växjö" in open(md, encoding="utf-8").read()
    with pytest.raises(Exception, match="Visa en profil först"):
        explorer.export(ctx, None, "sessionA")
    assert Path(md).stem == result.document.file_stem == "Beslutsunderlag-grundskola-F-9-i-Växjö-2022"
    with pytest.raises(gr.Error, match="Gotham"):  # the lower layer's Swedish message, as it is
        explorer.run(ctx, "Gotham", "grundskola", 2022)


def test_trainer_quiz_runs_to_a_score(ctx, knowledge_dir):
    ctx = dataclasses.replace(ctx, settings=ctx.settings.with_(knowledge_dir=knowledge_dir))
    state, header, radio, verdict = trainer.start(ctx, 2)
    questions = trainer.quiz_for(str(knowledge_dir), 2)
    assert header.startswith(f"**Fråga 1 av {len(questions)}**") and radio.choices
    right = 0
    for i, q in enumerate(questions):
        pick = q.options[q.correct] if i % 2 == 0 else q.options[(q.correct + 1) % len(q.options)]
        right += i % 2 == 0
        state, verdict = trainer.answer(ctx, state, pick)
        assert verdict.startswith("**Rätt!**" if i % 2 == 0 else "**Inte rätt.**")
        assert f"Rätt svar: **{q.options[q.correct]}**" in verdict  # also after a wrong answer
        assert q.citation.text[:60] in verdict.replace("\\", "")  # the passage that proves it
        assert f"Källa: {q.citation.source_title}, {q.citation.section}." in verdict
        state, header, radio, _ = trainer.next_question(ctx, state)
    share = round(right / len(questions) * 100)
    assert header.startswith(f"### Klart!\n\nDu fick {right} av {len(questions)} rätt ({share} %).")
    review = header.split("Frågor att repetera", 1)[1]
    missed = [q for i, q in enumerate(questions) if i % 2 == 1]
    assert review.count("Rätt svar:") == len(missed)
    assert all(q.prompt in review and q.options[q.correct] in review for q in missed)
    state, header, radio, _ = trainer.new_round(ctx, state)
    second = trainer.quiz_for(str(knowledge_dir), state.seed, frozenset(state.asked_before))
    assert header.startswith("**Fråga 1 av")
    repeated = [q for q in second if q.id in {p.id for p in questions}]
    # Only the "rad" kind (five possible questions, three a round) has to repeat one.
    assert len(repeated) <= 1 and all(q.kind == "rad" for q in repeated)


def test_debate_brief_has_three_to_five_arguments_with_figures_and_citations(ctx, knowledge_dir):
    ctx = dataclasses.replace(ctx, settings=ctx.settings.with_(knowledge_dir=knowledge_dir))  # BM25, real corpus
    text, files = politician.make_brief(ctx, "Gävle", "grundskola", 2022, "s1")
    assert text.startswith("# Debattunderlag: grundskola F-9 i Gävle 2022")
    args = re.findall(r"^## Argument \d: .*$", text, flags=re.M)
    assert 3 <= len(args) <= 5
    quotes = 0
    for block in text.split("## Argument ")[1:]:
        body = block.split("## ")[0]
        assert re.search(r"\d", body) and ("Källa: Kolada" in body or "Egna beräkningar" in body)
        rad = re.search(r"Koppling: råd (\d)", body).group(1)
        for where in re.findall(r"Handboken \((Råd \d)", body):
            quotes += 1
            assert where == f"Råd {rad}"  # a quote comes from the råd the argument leans on
    assert quotes >= 1
    data = indices.load_data()
    deviation = data.value("2180", "N15001", 2022)
    assert f"{abs(deviation):.1f}".replace(".", ",") + " %" in text
    years = range(2012, 2023)  # ten years back from 2022
    first = min(y for y in years if data.value("2180", "N15505", y) is not None
                and data.value("0000", "N15505", y) is not None)
    change = data.value("2180", "N15505", 2022) - data.value("2180", "N15505", first)
    riket = data.value("0000", "N15505", 2022) - data.value("0000", "N15505", first)
    sign = lambda v: ("+" if v > 0 else "−") + f"{abs(v):.1f}".replace(".", ",")  # noqa: E731
    assert f"en förändring på {sign(change)} meritvärdespoäng" in text
    assert f"än riket ({sign(riket)} meritvärdespoäng under samma år;" in text
    assert "## Troliga motargument och svar" in text and text.count("Svar: ") == 3
    assert [Path(f).name for f in files] == ["Debattunderlag-grundskola-F-9-i-Gävle-2022.md",
                                            "Debattunderlag-grundskola-F-9-i-Gävle-2022.pdf"]


def test_admin_upload_is_indexed_in_the_background_and_then_searchable(ctx, tmp_path):
    doc = tmp_path / "nytt-underlag.md"
    doc.write_text("# Kvarteret\n\nFritidsgårdarnas öppettider samordnas av kommunalförbundet Kvarteret.\n",
                   encoding="utf-8")
    job = admin.start_upload(ctx, str(doc)).wait(60)
    assert job.state == "done", job.message
    assert job.status.files[:3] == tuple(sorted(SAMPLE_DOCS)) and job.status.files[3].startswith("uppladdat-nytt")
    assert job.done == job.total == job.status.chunks
    assert "Lade till **nytt-underlag.md** som uppladdat dokument ”Kvarteret”" in admin.job_status(job)
    assert not doc.exists()  # the temporary upload is removed, never served back
    retriever, _ = get_retriever(ctx.settings)
    top = retriever.search("fritidsgårdarnas öppettider", k=1)[0]
    assert top.chunk.text.startswith("Fritidsgårdarnas") and top.chunk.source == "uppladdat-nytt-underlag"
    with pytest.raises(ValueError, match="Välj en fil"):
        admin.start_upload(ctx, None)
    bad = tmp_path / "bild.png"
    bad.write_bytes(b"\x89PNG")
    with pytest.raises(ValueError, match="stöds inte"):
        admin.start_upload(ctx, str(bad))


def test_session_folders_are_separate_and_old_ones_are_removed(ctx):
    import os
    import time

    a, b = ctx.session_folder("a"), ctx.session_folder("b")
    assert a != b and a.parent == b.parent == ctx.export_dir
    day_old = time.time() - 2 * 24 * 3600
    os.utime(a, (day_old, day_old))
    ctx.session_folder("c")
    assert not a.exists() and b.exists()
