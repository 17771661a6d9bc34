"""Command line: ``python -m assistant retrieve|ask|index ...``.

The JSON shapes printed here are a contract used by tests and benchmarks; keep them stable.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from assistant.config import apply_offline_environment, load_settings


def _print_json(obj: object) -> None:
    print(json.dumps(obj, ensure_ascii=False))


def cmd_retrieve(args: argparse.Namespace) -> int:
    from assistant.retrieval.index import get_retriever

    retriever, _ = get_retriever(load_settings())  # a BM25-only fallback is logged once
    passages = retriever.search(args.question, k=args.k)
    if args.json:
        _print_json({
            "question": args.question,
            "passages": [
                {"rank": p.rank, "source": p.chunk.source, "section": p.chunk.section,
                 "text": p.chunk.text, "score": p.score}
                for p in passages
            ],
        })
    else:
        if not passages:
            print("Inga relevanta avsnitt hittades.")
        for p in passages:
            print(f"[{p.rank}] {p.chunk.source} · {p.chunk.section} (poäng {p.score:.4f})\n{p.chunk.text}\n")
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    """The local admin path: add (or with --ersatt replace) uploads, then build the index."""
    from assistant.retrieval import background
    from assistant.retrieval.index import add_document, build, publish

    settings = load_settings()
    if args.action == "add":
        if not args.files:
            raise ValueError("Ange minst en fil att lägga till.")
        for name in args.files:
            staged = add_document(settings, Path(name), replace=args.replace)
            job = background.run_now(settings, staged)
            if job.state != "done":
                raise ValueError(f"{Path(name).name} kunde inte indexeras: {job.message or job.state}")
            upload = staged.upload
            saved = f" (sparad som {upload.id})" if staged.renamed else ""
            print(f"Lade till {upload.original}{saved} i kunskapsbasen som uppladdat dokument ”{upload.title}”.")
    retriever, status = build(settings)
    publish(settings, retriever, status)
    print(f"Index klart: {status.chunks} bitar från {len(status.files)} dokument "
          f"({status.mode}, {status.seconds:.1f} s).")
    from assistant.understanding import get_engine

    engine = get_engine(settings)  # embeds the example bank and the KPI titles once (cached)
    print(f"Frågetolkning klar: {len(engine.classifier.labels)} exempelfrågor, "
          f"{len(engine.kpis.entries)} nyckeltal.")
    return 0


def read_history(name: str) -> list[dict]:
    """A --history file: a JSON list of {role, content}; ValueError in Swedish otherwise."""
    try:
        data = json.loads(Path(name).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"Historikfilen {name} finns inte.") from None
    except (OSError, UnicodeDecodeError):
        raise ValueError(f"Historikfilen {name} går inte att läsa som UTF-8-text.") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"Historikfilen {name} är inte giltig JSON (rad {exc.lineno}, kolumn {exc.colno}).") from None
    if not isinstance(data, list) or not all(isinstance(t, dict) and isinstance(t.get("role"), str)
                                             and isinstance(t.get("content", ""), str) for t in data):
        raise ValueError(f"Historikfilen {name} ska vara en JSON-lista med turer "
                         '[{"role": "user", "content": "…"}, …].')
    return data


def cmd_password_hash(args: argparse.Namespace) -> int:
    import getpass

    from assistant.ui.admin_access import hash_password

    password = sys.stdin.readline().rstrip("\n") if not sys.stdin.isatty() else getpass.getpass("Lösenord: ")
    if len(password) < 12:
        raise ValueError("Välj ett lösenord med minst 12 tecken.")
    print(hash_password(password))
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    from assistant.orchestrator import answer

    history = read_history(args.history) if args.history else None
    result = answer(args.question, history=history)
    if args.json:
        _print_json(result.to_dict())
    else:
        print(result.text)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m assistant", description="Effektiviseringsassistenten")
    sub = parser.add_subparsers(dest="command", required=True)

    retrieve = sub.add_parser("retrieve", help="Sök avsnitt i kunskapsbasen")
    retrieve.add_argument("question")
    retrieve.add_argument("-k", type=int, default=5)
    retrieve.add_argument("--json", action="store_true")
    retrieve.set_defaults(func=cmd_retrieve)

    ask = sub.add_parser("ask", help="Ställ en fråga och få ett svar med källor")
    ask.add_argument("question")
    ask.add_argument("--history", help="JSON-fil med tidigare turer [{role, content}]")
    ask.add_argument("--json", action="store_true")
    ask.set_defaults(func=cmd_ask)

    index = sub.add_parser("index", help="Bygg indexet eller lägg till dokument")
    index.add_argument("action", choices=["build", "add"])
    index.add_argument("files", nargs="*")
    index.add_argument("--ersatt", dest="replace", metavar="KÄLL-ID",
                       help="ersätt det uppladdade dokumentet med detta käll-id (t.ex. uppladdat-rapport)")
    index.set_defaults(func=cmd_index)

    secret = sub.add_parser("lösenordshash", help="Gör en hash av administratörslösenordet (läses från stdin)")
    secret.set_defaults(func=cmd_password_hash)
    return parser


def main(argv: list[str] | None = None) -> int:
    apply_offline_environment()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (ValueError, FileNotFoundError) as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 2
