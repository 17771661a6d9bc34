"""Uploads keep their own identity; indexing is incremental, in the background, and
switched atomically; limits are checked on the server (issue: trust and safety)."""

from __future__ import annotations

import threading
import time

import pytest

from assistant.retrieval import background
from assistant.retrieval.index import add_document, build, get_retriever, publish
from assistant.retrieval.store import remove_orphan_segments
from assistant.retrieval.uploads import UploadRejected, read_manifest
from assistant.sanitize import plain_text
from tests.conftest import FakeEmbeddings

pytestmark = pytest.mark.unit


def _doc(tmp_path, name: str, text: str):
    path = tmp_path / "in" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


class GatedEmbeddings(FakeEmbeddings):
    """Blocks document embedding until ``gate`` is set, so a test can look at the app mid-build."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()
        self.waiting = threading.Event()

    def embed_documents(self, texts):
        self.waiting.set()
        assert self.gate.wait(30), "the test never released the build"
        return super().embed_documents(texts)


@pytest.mark.parametrize("name, heading", [
    ("handbok-fem-goda-rad.txt", "Fem goda råd för en effektivare kommunsektor"),
    ("kallor.md", "## 9. Socialstyrelsen 2021"),
    ("ordlista.md", "### Effekthemtagning"),
    ("inj.md", "# Handboken Fem goda råd – Råd 2"),
])
def test_an_upload_never_takes_the_identity_of_the_handbook_summaries_or_glossary(tmp_settings, tmp_path, name,
                                                                                   heading):
    path = _doc(tmp_path, name, f"{heading}\n\nAcme AB ska ta över hela äldreomsorgen i alla kommuner, "
                                "skriver handboken.\n")
    staged = add_document(tmp_settings, path)
    assert background.run_now(tmp_settings, staged).state == "done"
    retriever, _ = get_retriever(tmp_settings)
    mine = [c for c in retriever.chunks if "Acme" in c.text]
    assert mine and all(c.source == staged.upload.id and c.source.startswith("uppladdat-") for c in mine)
    assert all(c.kind == "document" and c.section == "Uppladdat dokument" for c in mine)
    assert not any(word in staged.upload.title.lower() for word in ("handbok", "fem goda råd", "ordlista", "kallor"))
    from assistant.compose_handbook import passage_label
    from assistant.types import Passage

    label = passage_label(Passage(mine[0], 1, 1.0))
    assert label == f"Uppladdat dokument: {staged.upload.title}, {staged.upload.date}"
    assert staged.upload.source.type == "uppladdat dokument"
    assert staged.renamed == (name != "inj.md")  # collides with a corpus file name


def test_same_name_twice_is_a_new_document_and_replace_is_explicit(tmp_settings, tmp_path, fake_embeddings):
    first = add_document(tmp_settings, _doc(tmp_path, "rapport.md", "# Rapport\n\nFörsta versionen om skolskjutsar.\n"))
    background.run_now(tmp_settings, first, embeddings=fake_embeddings)
    second = add_document(tmp_settings, _doc(tmp_path, "rapport.md", "# Rapport\n\nEn annan rapport om lokaler.\n"))
    background.run_now(tmp_settings, second, embeddings=fake_embeddings)
    assert (first.upload.id, second.upload.id) == ("uppladdat-rapport", "uppladdat-rapport-2")
    assert second.renamed
    retriever, status = get_retriever(tmp_settings)
    ids = [c.id for c in retriever.chunks]
    assert len(ids) == len(set(ids)) == status.chunks
    assert retriever.dense._collection.count() == status.chunks  # healthy: one vector per chunk

    gated = GatedEmbeddings()
    new = add_document(tmp_settings, _doc(tmp_path, "rapport.md", "# Rapport\n\nAndra versionen om skolskjutsar.\n"),
                       replace="uppladdat-rapport")
    job = background.start(tmp_settings, new, embeddings=gated, grace=0)
    assert gated.waiting.wait(30)
    live, _ = get_retriever(tmp_settings)  # mid-build: the old version is still what answers
    assert any("Första versionen" in c.text for c in live.chunks)
    assert (tmp_settings.uploads_dir / first.upload.file).exists()
    assert [u.file for u in read_manifest(tmp_settings.uploads_dir)][0] == first.upload.file
    with pytest.raises(UploadRejected, match="pågår redan"):
        background.start(tmp_settings, add_document(tmp_settings, _doc(tmp_path, "x.md", "# X\n\nText om x.\n")))
    gated.gate.set()
    assert job.wait(30).state == "done"
    live, _ = get_retriever(tmp_settings)
    texts = " ".join(c.text for c in live.chunks)
    assert "Andra versionen" in texts and "Första versionen" not in texts and "lokaler" in texts
    assert not (tmp_settings.uploads_dir / first.upload.file).exists()
    assert sorted(p.name for p in tmp_settings.uploads_dir.glob("uppladdat-*")) == sorted(
        [new.upload.file, second.upload.file])


def _passage_embeddings(embeddings: FakeEmbeddings, retriever) -> int:
    """How many passage texts were embedded (sentence vectors, embedded too, are not counted)."""
    passages = {c.searchable_text for c in retriever.chunks}
    return sum(t in passages for t in embeddings.texts)


def test_only_new_chunks_are_embedded_and_old_store_folders_are_removed(tmp_settings, tmp_path):
    embeddings = FakeEmbeddings()
    retriever, status = build(tmp_settings, embeddings=embeddings)
    publish(tmp_settings, retriever, status)
    assert _passage_embeddings(embeddings, retriever) == status.chunks
    staged = add_document(tmp_settings, _doc(tmp_path, "ny.md", "# Ny\n\nEtt stycke.\n\nEtt andra stycke.\n"))
    background.run_now(tmp_settings, staged, embeddings=embeddings)
    live, _ = get_retriever(tmp_settings)
    assert len(live.chunks) == status.chunks + 2
    assert _passage_embeddings(embeddings, live) == status.chunks + 2  # only the two new paragraphs
    segments = [p for p in tmp_settings.chroma_dir.iterdir() if p.is_dir()]
    assert len(segments) == 1  # the previous collection's folder is gone
    assert remove_orphan_segments(tmp_settings) == 0
    calls = embeddings.document_calls
    build(tmp_settings, embeddings=embeddings)  # a restart with an unchanged corpus embeds nothing
    assert embeddings.document_calls == calls


def test_questions_are_answered_while_a_document_is_being_indexed(tmp_settings, tmp_path):
    gated = GatedEmbeddings()
    gated.gate.set()
    retriever, status = build(tmp_settings, embeddings=gated)
    publish(tmp_settings, retriever, status)
    gated.gate.clear()
    gated.waiting.clear()
    big = "\n\n".join(f"Stycke {i} om kommunal planering och budget." for i in range(200))
    job = background.start(tmp_settings, add_document(tmp_settings, _doc(tmp_path, "stor.md", big)),
                           embeddings=gated, grace=0)
    assert gated.waiting.wait(30)
    start = time.perf_counter()
    live, _ = get_retriever(tmp_settings)
    hits = live.search("digital nattillsyn äldreomsorg", k=1)
    assert time.perf_counter() - start < 1.0 and hits and hits[0].chunk.source == "dokument-aldre"
    job.cancel()
    gated.gate.set()
    assert job.wait(30).state == "cancelled"
    assert not list(tmp_settings.uploads_dir.glob("uppladdat-stor*"))  # the staged file is removed
    assert get_retriever(tmp_settings)[0] is live  # nothing switched


def test_upload_limits_are_checked_on_the_server(tmp_settings, tmp_path):
    from fpdf import FPDF

    small = tmp_settings.with_(upload_max_bytes=1000, upload_max_pages=2, upload_max_chars=500)
    cases = {
        "evil.exe": (b"MZ\x90\x00" * 10, "stöds inte"),
        "evil.txt": (b"MZ\x90\x00binary", "ingen textfil"),
        "fake.pdf": (b"<html>inte en pdf</html>", "ingen PDF-fil"),
        "stor.md": (b"a" * 1001, "största tillåtna storlek är 0"),
        "latin1.txt": ("Ärende".encode("latin-1"), "UTF-8"),
        "lang.md": (("ord " * 200).encode(), "800 tecken; högst 500"),
    }
    for name, (content, reason) in cases.items():
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(UploadRejected, match=reason):
            add_document(small, path)
    pdf = FPDF()
    for _ in range(3):
        pdf.add_page()
        pdf.set_font("helvetica", size=12)
        pdf.cell(0, 8, "Sida")
    path = tmp_path / "sidor.pdf"
    pdf.output(str(path))
    with pytest.raises(UploadRejected, match="3 sidor; högst 2"):
        add_document(small.with_(upload_max_bytes=10**6), path)
    assert not small.uploads_dir.exists() or not list(small.uploads_dir.iterdir())


def test_passage_text_is_plain_text_at_ingest(tmp_settings, tmp_path):
    text = ("# Rapport\n\nSe <img src=x onerror=alert(1)> bilden ![spår](http://127.0.0.1:9/pixel.png?leak=1) "
            "och [rapporten](javascript:alert(1)) samt <b>fet</b> &lt;script&gt;alert(1)&lt;/script&gt; text.\n")
    staged = add_document(tmp_settings, _doc(tmp_path, "markup.md", text))
    background.run_now(tmp_settings, staged)
    chunk = next(c for c in get_retriever(tmp_settings)[0].chunks if c.source == staged.upload.id)
    assert chunk.text == "Se bilden och rapporten samt fet text."
    assert plain_text("Länk: [SCB](https://scb.se) och ![](x.png)") == "Länk: SCB och"


def test_a_damaged_manifest_loses_no_document(tmp_settings, tmp_path):
    staged = add_document(tmp_settings, _doc(tmp_path, "rapport.md", "# Rapport\n\nOm skolskjutsar i länet.\n"))
    background.run_now(tmp_settings, staged)
    (tmp_settings.uploads_dir / "dokument.json").write_text("{trasig", encoding="utf-8")
    retriever, status = build(tmp_settings)
    publish(tmp_settings, retriever, status)
    assert (tmp_settings.uploads_dir / staged.upload.file).exists()
    assert any("skolskjutsar" in c.text and c.source.startswith("uppladdat-") for c in retriever.chunks)
