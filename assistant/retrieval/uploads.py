"""Documents an administrator adds: checked on the server, stored under their own source id.

An upload is what it is. It gets a source id of its own (``uppladdat-<namn>``), a
registry entry typed "uppladdat dokument" with the title found in the document and the
date it was added, and it is always chunked as a plain document — never parsed as the
handbook, the source summaries or the glossary, whatever its file name or headings say.
Stored files are named after their source id, so a name that collides with a corpus
file or an earlier upload is renamed; replacing an upload is an explicit choice.

``dokument.json`` in the uploads folder lists the live uploads. It is rewritten (atomically)
only after the index that contains a change is complete, so a failed or interrupted
indexing leaves the previous version in place.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import time
import unicodedata
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

from assistant.config import Settings
from assistant.formatting import number
from assistant.retrieval.corpus import (GLOSSARY_FILE, HANDBOOK_FILE, SUMMARIES_FILE, SUPPORTED_SUFFIXES,
                                       _markdown_sections, _split_words)
from assistant.sanitize import plain_text
from assistant.types import Chunk
from knowledge.registry import (UPLOADED_LABEL, UPLOADED_PREFIX, Source, claims_reserved_identity,
                                uploaded_source)

log = logging.getLogger(__name__)
MANIFEST = "dokument.json"
UNTITLED = "Namnlöst dokument"
MAX_TITLE = 100
STALE_STAGING = 3600.0  # seconds
_NOT_TEXT = (b"%PDF-", b"MZ", b"PK\x03\x04", b"\x7fELF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b")


class UploadRejected(ValueError):
    """A file that may not be added; the message is Swedish and safe to show."""


@dataclass(frozen=True)
class Upload:
    id: str  # "uppladdat-<slug>"
    title: str
    date: str  # ISO date the document was added
    file: str  # stored file name inside the uploads folder
    original: str  # the name it was uploaded with
    sha256: str

    @property
    def source(self) -> Source:
        return uploaded_source(self.id, self.title, self.date)


def read_manifest(folder: Path) -> list[Upload]:
    """The live uploads; files left over from before the manifest are adopted as uploads."""
    path = folder / MANIFEST
    readable = True
    try:
        uploads = [Upload(**entry) for entry in json.loads(path.read_text(encoding="utf-8"))] if path.exists() else []
    except (ValueError, TypeError) as exc:  # a damaged manifest: keep (and index) every stored file
        log.error("%s går inte att läsa (%s); alla sparade dokument används.", path, exc)
        uploads, readable = [], False
    known = {u.file for u in uploads}
    legacy = sorted(p for p in folder.glob("*") if p.is_file() and p.name not in known
                    and p.suffix.lower() in SUPPORTED_SUFFIXES
                    and (not readable or not p.name.startswith(UPLOADED_PREFIX)))
    for old in legacy:  # an upload stored by an earlier version, under its own name
        day = date.fromtimestamp(old.stat().st_mtime).isoformat()
        text = old.read_text(encoding="utf-8", errors="replace") if old.suffix.lower() != ".pdf" else ""
        uploads.append(Upload(id=_unique_id(old.name, uploads), title=derive_title(text, old.name), date=day,
                              file=old.name, original=old.name, sha256=_sha256(old)))
    return uploads


def write_manifest(folder: Path, uploads: list[Upload]) -> None:
    if not uploads and not (folder / MANIFEST).exists():
        return  # nothing uploaded yet: no folder, no file
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps([asdict(u) for u in uploads], ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, folder / MANIFEST)


def remove_unlisted(folder: Path, uploads: list[Upload], older_than: float = STALE_STAGING) -> None:
    """Delete stored files no live upload points to that are older than ``older_than``
    seconds: left over from an indexing that was killed. (A younger one may be staged
    for a job that is still running, perhaps in another process.)"""
    keep = {u.file for u in uploads} | {MANIFEST}
    now = time.time()
    for path in folder.glob("*"):
        if path.is_file() and path.name not in keep and now - path.stat().st_mtime > older_than:
            path.unlink(missing_ok=True)


# -- checks -------------------------------------------------------------------------------

def _mb(n: int) -> str:
    mb = n / 1024 / 1024
    return number(mb, 0 if mb == round(mb) else 1)


def check_file(path: Path, name: str, settings: Settings) -> None:
    """Size, suffix and content type; raises UploadRejected with a Swedish reason."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UploadRejected(f"Filtypen {suffix or '(ingen)'} stöds inte; använd .md, .txt eller .pdf.")
    if not path.is_file():
        raise UploadRejected(f"Filen {name} finns inte.")
    size = path.stat().st_size
    if size > settings.upload_max_bytes:
        raise UploadRejected(f"Filen är {_mb(size)} MB; största tillåtna storlek är {_mb(settings.upload_max_bytes)} MB.")
    with path.open("rb") as handle:
        head = handle.read(8192)
    if suffix == ".pdf":
        if not head.startswith(b"%PDF-"):
            raise UploadRejected(f"{name} är ingen PDF-fil (innehållet börjar inte som en PDF).")
    elif b"\x00" in head or head.startswith(_NOT_TEXT):
        raise UploadRejected(f"{name} är ingen textfil; .md och .txt ska vara UTF-8-kodad text.")


def extract_text(path: Path, name: str, settings: Settings) -> str:
    """The document's text within the page and character caps; UploadRejected otherwise."""
    if Path(name).suffix.lower() == ".pdf":
        from pypdf import PdfReader

        try:
            reader = PdfReader(str(path))
            if len(reader.pages) > settings.upload_max_pages:
                raise UploadRejected(f"PDF-filen har {len(reader.pages)} sidor; högst {settings.upload_max_pages} tillåts.")
            parts, total = [], 0
            for page in reader.pages:
                parts.append(page.extract_text() or "")
                total += len(parts[-1])
                if total > settings.upload_max_chars:
                    break
            text = "\n\n".join(parts)
        except UploadRejected:
            raise
        except Exception as exc:  # pypdf raises many types for broken or hostile files
            raise UploadRejected(f"Kan inte läsa PDF-filen {name}.") from exc
    else:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise UploadRejected(f"{name} är inte UTF-8-kodad text.") from exc
    if len(text) > settings.upload_max_chars:
        raise UploadRejected(f"Dokumentet har {number(len(text))} tecken; högst {number(settings.upload_max_chars)} "
                             "tillåts.")
    return text


# -- identity -------------------------------------------------------------------------------

def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _slug(name: str) -> str:
    folded = unicodedata.normalize("NFKD", Path(name).stem.lower()).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:48] or "dokument"


def _unique_id(name: str, uploads: list[Upload]) -> str:
    base = UPLOADED_PREFIX + _slug(name)
    taken = {u.id for u in uploads}
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def derive_title(text: str, name: str) -> str:
    """The first heading (or short first line), else the file name — never a name that
    claims to be the handbook, a source summary or the glossary."""
    heading = re.search(r"^#{1,3}\s+(.+)$", text, re.M)
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    for candidate in (heading.group(1) if heading else "", first if len(first) <= MAX_TITLE else "",
                      Path(name).stem.replace("_", " ").replace("-", " ")):
        title = plain_text(candidate).strip(" #*")[:MAX_TITLE].strip()
        if title and not claims_reserved_identity(title):
            return title
    return UNTITLED


def chunks_for(upload: Upload, text: str) -> list[Chunk]:
    """Chunks of an uploaded document: plain text, its own source, ids = source id + content hash."""
    text = re.sub(r"-[ \t]*\n[ \t]*(?=[a-zåäö])", "", text)  # PDF hyphenation
    sections = list(_markdown_sections(text, "#{1,3}")) or [("", text)]
    chunks: list[Chunk] = []
    seen: set[str] = set()
    for _, body in sections:
        for paragraph in re.split(r"\n\s*\n", body):
            paragraph = re.sub(r"(?m)^\s*(?:[-*+]|\d+[.)])\s+", "", paragraph).replace("**", "").replace("__", "")
            paragraph = plain_text(re.sub(r"\s+", " ", paragraph))
            for piece in (_split_words(paragraph) if paragraph else []):
                digest = hashlib.sha256(piece.encode()).hexdigest()[:12]
                chunk_id, n = f"{upload.id}-{digest}", 2
                while chunk_id in seen:  # the same paragraph twice in one document
                    chunk_id, n = f"{upload.id}-{digest}-{n}", n + 1
                seen.add(chunk_id)
                chunks.append(Chunk(id=chunk_id, source=upload.id, section=UPLOADED_LABEL, advice=None,
                                    kind="document", text=piece, title=f"{upload.title}, {upload.date}",
                                    order=len(chunks)))
    return chunks


def load_upload_chunks(settings: Settings, uploads: list[Upload]) -> list[Chunk]:
    chunks: list[Chunk] = []
    for upload in uploads:
        path = settings.uploads_dir / upload.file
        chunks.extend(chunks_for(upload, extract_text(path, upload.file, settings)))
    return chunks


@dataclass(frozen=True)
class Staged:
    """A checked, stored upload waiting for its index: the manifest it will make live."""

    upload: Upload
    manifest: list[Upload]
    renamed: bool  # the name collided with a corpus file or an earlier upload
    replaces: str | None  # source id of the version it replaces


def stage(settings: Settings, path: Path, name: str | None = None, replace: str | None = None) -> Staged:
    """Check ``path`` (uploaded as ``name``) and store it next to the live uploads.

    ``replace`` is the source id of an upload to replace; without it a document with a
    taken name is added under a new id. Raises UploadRejected for a bad file.
    """
    name = Path(name or path.name).name
    check_file(path, name, settings)
    text = extract_text(path, name, settings)
    current = read_manifest(settings.uploads_dir)
    if replace is not None and replace not in {u.id for u in current}:
        raise UploadRejected(f"Det finns inget uppladdat dokument {replace} att ersätta.")
    sha = _sha256(path)
    source_id = replace or _unique_id(name, current)
    upload = Upload(id=source_id, title=derive_title(text, name), date=date.today().isoformat(),
                    file=f"{source_id}-{sha[:10]}{Path(name).suffix.lower()}", original=name, sha256=sha)
    if not chunks_for(upload, text):
        raise UploadRejected(f"{name} innehåller ingen text att indexera.")
    corpus_names = {GLOSSARY_FILE, HANDBOOK_FILE, SUMMARIES_FILE}
    if settings.knowledge_dir.is_dir():
        corpus_names |= {p.name.lower() for p in settings.knowledge_dir.glob("*")}
    renamed = replace is None and (name.lower() in corpus_names or source_id != UPLOADED_PREFIX + _slug(name)
                                   or any(u.original.lower() == name.lower() for u in current))
    settings.uploads_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, settings.uploads_dir / upload.file)
    manifest = [upload if u.id == replace else u for u in current] if replace else [*current, upload]
    return Staged(upload=upload, manifest=manifest, renamed=renamed, replaces=replace)
