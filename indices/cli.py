"""Command line: ``python -m indices <command> ... [--json]``.

Commands: profile, rka, compare, trend, screen, dea, kommun, areas, kpis, value,
rank, fetch.
With ``--json`` each prints one JSON document (the contract tests rely on);
without it, a short Swedish text. Errors go to stderr with exit code 2; with
``--json`` an ``{"error": ..., "candidates": [...]}`` object is printed too.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from .areas import list_areas
from .catalogue import kpi_catalogue
from .compare import compare, trend
from .screening import screen
from .data import DataValidationError, load_data
from .efficiency import DEFAULT_REPS, DEFAULT_SEED, dea_area, efficiency
from .kolada_api import fetch, parse_years
from .kommuner import UnknownKommunError, resolve_kommun
from .profile import profile
from .rka import rka
from .settings import load_settings
from .units import swedish_number
from .values import fmt_value, rank, value


def _split(text: str | None) -> list[str] | None:
    if not text:
        return None
    return [p.strip() for p in text.split(",") if p.strip()]


def _peers_arg(text: str | None) -> str | list[str] | None:
    if text is None:
        return None
    parts = _split(text) or []
    if len(parts) == 1 and parts[0].casefold() in ("kolada", "kommungrupp", "lan", "län", "liknande"):
        return parts[0]
    return parts


def _fmt(v: float | None, digits: int = 1) -> str:
    return "saknas" if v is None else swedish_number(v, digits)


def _profile_text(d: dict[str, Any]) -> str:
    lines = [f"{d['kommun']} ({d['kommunkod']}), {d['area_label']}, {d['year']}"]
    for key in ("resursindex", "kvalitetsindex", "effektivitetsindex"):
        f = d[key]
        lines.append(f"  {f['label']}: {_fmt(f['value'])}" + (f" ({f['reason']})" if f["reason"] else ""))
    r = d["rank_among_peers"]
    if r["rank"] is not None:
        lines.append(f"  Plats {r['rank']} av {r['of']} i {r['peer_group']}")
    dea = d["dea"]
    if dea["score"] is not None:
        peers = [p for p in dea["peers"] if p["kommunkod"] != d["kommunkod"]]
        lines.append(f"  DEA: {_fmt(dea['score'], 3)} (95 %: {_fmt(dea['ci_low'], 3)}-{_fmt(dea['ci_high'], 3)}). "
                     + ("Referenskommuner (λ): " + ", ".join(f"{p['kommun']} {_fmt(p['lambda'], 2)}" for p in peers)
                        if peers else "På fronten."))
    else:
        lines.append(f"  DEA: saknas ({dea['reason']})")
    for s in d["savings"]:
        v = s["value"]
        lines.append(f"  {s['label']}: " + (f"{_fmt(v['value'] / 1e6)} mnkr/år" if v["value"] is not None
                                             else f"saknas ({v['reason']})"))
    lines += [f"  {s}" for s in d["sources"]]
    return "\n".join(lines)


def _rka_text(rows: list[dict[str, Any]]) -> str:
    out = ["kommunkod kommun resursindex kvalitetsindex effektivitetsindex"]
    out += [f"{r['kommunkod']} {r['kommun']} {_fmt(r['resursindex'])} {_fmt(r['kvalitetsindex'])} "
            f"{_fmt(r['effektivitetsindex'])}" for r in rows]
    return "\n".join(out)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m indices", description="Nyckeltal, RKA-index och DEA från Kolada.")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser, area: bool = True, year: bool = True) -> None:
        if area:
            sp.add_argument("--area", default="grundskola",
                            help="forskola, grundskola, gymnasieskola, aldreomsorg, lss, ekonomiskt_bistand, ifo, kommunen")
        if year:
            sp.add_argument("--year", type=int, help="standard: senaste året med data")
        sp.add_argument("--json", action="store_true", help="skriv JSON")

    sp = sub.add_parser("profile", help="en kommuns profil")
    sp.add_argument("kommun")
    sp.add_argument("--peers", help="kolada, kommungrupp, lan eller en lista: 'Habo,Mullsjö'")
    sp.add_argument("--snapshot", help="liknande kommuner: datum eller 'äldre'")
    sp.add_argument("--reps", type=int, default=DEFAULT_REPS)
    sp.add_argument("--seed", type=int, default=DEFAULT_SEED)
    common(sp)

    sp = sub.add_parser("rka", help="egna RKA-index för alla kommuner")
    sp.add_argument("--all", action="store_true", help="även kommuner utan effektivitetsindex")
    common(sp)

    sp = sub.add_parser("compare", help="jämför med liknande kommuner")
    sp.add_argument("kommun")
    sp.add_argument("--peers")
    sp.add_argument("--kpis", help="kommaseparerade nyckeltal")
    sp.add_argument("--snapshot")
    common(sp)

    sp = sub.add_parser("trend", help="ett nyckeltal över tid")
    sp.add_argument("kommun")
    sp.add_argument("--kpi", required=True)
    sp.add_argument("--peers")
    sp.add_argument("--years", help="t.ex. 2015-2020")
    common(sp, year=False)

    sp = sub.add_parser("screen", help="kommuner med låg kostnad och hög kvalitet")
    sp.add_argument("--lan")
    sp.add_argument("--kommungrupp")
    sp.add_argument("--index", help="resursindex, kvalitetsindex, effektivitetsindex eller dess KPI-id")
    sp.add_argument("--over", type=float, help="tröskel: indexet ska vara över värdet")
    common(sp)

    sp = sub.add_parser("dea", help="DEA för en kommun eller alla")
    sp.add_argument("kommun", nargs="?")
    sp.add_argument("--rts", default="vrs", choices=["vrs", "crs"])
    sp.add_argument("--inputs")
    sp.add_argument("--outputs")
    sp.add_argument("--reference", help="kommaseparerade kommuner som bildar fronten")
    sp.add_argument("--reps", type=int, default=DEFAULT_REPS)
    sp.add_argument("--seed", type=int, default=DEFAULT_SEED)
    common(sp)

    sp = sub.add_parser("kommun", help="tolka ett kommunnamn")
    sp.add_argument("query")
    sp.add_argument("--json", action="store_true")

    sp = sub.add_parser("areas", help="verksamhetsområden")
    sp.add_argument("--json", action="store_true")

    sp = sub.add_parser("kpis", help="sök bland nyckeltalen")
    sp.add_argument("--search", required=True, help="t.ex. 'väntetid särskilt boende'")
    sp.add_argument("--limit", type=int, default=10)
    sp.add_argument("--json", action="store_true")

    sp = sub.add_parser("value", help="en kommuns värde för ett nyckeltal")
    sp.add_argument("kommun")
    sp.add_argument("kpi")
    sp.add_argument("--year", type=int)
    sp.add_argument("--json", action="store_true")

    sp = sub.add_parser("rank", help="rangordna kommuner efter ett nyckeltal")
    sp.add_argument("kpi")
    where = sp.add_mutually_exclusive_group()
    where.add_argument("--lan", help="länskod eller namn")
    where.add_argument("--kommungrupp", help="SKR:s kommungrupp, t.ex. B4")
    sp.add_argument("--year", type=int)
    sp.add_argument("--lowest", action="store_true", help="lägst värde först")
    sp.add_argument("--limit", type=int)
    sp.add_argument("--json", action="store_true")

    sp = sub.add_parser("fetch", help="hämta nyckeltal från Kolada API v3")
    sp.add_argument("--kpi", required=True, help="kommaseparerade nyckeltal")
    sp.add_argument("--years", required=True, help="t.ex. 2015-2024")
    sp.add_argument("--out", required=True)
    sp.add_argument("--base", help="mapp att kopiera liknande kommuner och kommungrupp från")
    sp.add_argument("--json", action="store_true")
    return p


def _run(args: argparse.Namespace) -> tuple[Any, str]:
    if args.command == "profile":
        d = profile(args.kommun, args.area, args.year, _peers_arg(args.peers), args.snapshot,
                    reps=args.reps, seed=args.seed).to_dict()
        return d, _profile_text(d)
    if args.command == "rka":
        rows = rka(args.area, args.year, include_all=args.all).to_dict()["rows"]
        return rows, _rka_text(rows)
    if args.command == "compare":
        d = compare(args.kommun, _peers_arg(args.peers), _split(args.kpis), args.area, args.year,
                    args.snapshot).to_dict()
        return d, json.dumps(d, ensure_ascii=False, indent=2)
    if args.command == "trend":
        years = parse_years(args.years) if args.years else None
        d = trend(args.kommun, args.kpi, _peers_arg(args.peers), args.area, years).to_dict()
        return d, json.dumps(d, ensure_ascii=False, indent=2)
    if args.command == "screen":
        d = screen(args.area, args.year, args.lan, args.kommungrupp, args.index, args.over).to_dict()
        text = "\n".join([d["criteria"] + f" ({d['scope']}):"] + [f"  {h['kommun']}" for h in d["hits"]])
        return d, text
    if args.command == "dea":
        if args.kommun:
            d = efficiency(args.kommun, args.area, args.year, _split(args.inputs), _split(args.outputs), args.rts,
                           _split(args.reference), args.reps, args.seed).to_dict()
        else:
            d = dea_area(args.area, args.year, _split(args.inputs), _split(args.outputs), args.rts,
                         _split(args.reference), args.reps, args.seed).to_dict()
        return d, json.dumps(d, ensure_ascii=False, indent=2)
    if args.command == "kommun":
        d = resolve_kommun(args.query).to_dict()
        return d, f"{d['kommun']} ({d['kommunkod']}), {d['lan']}"
    if args.command == "areas":
        d = list_areas()
        return d, "\n".join(f"{a['id']}: {a['label']}" for a in d)
    if args.command == "kpis":
        hits = [h.to_dict() for h in kpi_catalogue().search(args.search, args.limit)]
        text = "\n".join(f"{h['kpi']} {h['score']:.2f} {h['title']} [{h['unit']}]" for h in hits)
        return hits, text or "Inga nyckeltal matchar."
    if args.command == "value":
        d = value(args.kommun, args.kpi, args.year).to_dict()
        shown = fmt_value(d["value"], d["unit"]) if d["value"] is not None else f"saknas ({d['reason']})"
        text = f"{d['kommun']} {d['year']}: {d['title']}: {shown}"
        if d["rank"]["position"] is not None:
            text += f". Plats {d['rank']['position']} av {d['rank']['of']} ({d['rank']['order']})"
        if d["note"]:
            text += f". {d['note']}"
        return d, text
    if args.command == "rank":
        scope = args.lan or args.kommungrupp
        r = rank(args.kpi, args.year, scope, -1 if args.lowest else None, args.limit)
        rows = [row.to_dict() for row in r.rows]
        lines = [f"{r.title}, {r.year}, {r.scope} ({r.order})"]
        lines += [f"{x['position']:>4} {x['kommun']} {fmt_value(x['value'], r.unit)}" for x in rows]
        if r.missing:
            lines.append(f"Saknar värde ({r.n_missing}): " + ", ".join(n for _, n in r.missing))
        if r.reason:
            lines.append(r.reason)
        return rows, "\n".join(lines)
    if args.command == "fetch":
        base = args.base
        if base is None:
            default = load_settings().kolada_dir
            base = str(default) if default.is_dir() else None
        d = fetch(_split(args.kpi) or [], parse_years(args.years), args.out, base_dir=base).to_dict()
        return d, f"Skrev {', '.join(d['files'])} till {d['out_dir']} ({d['n_values']} värden)."
    raise ValueError(f"okänt kommando {args.command!r}")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command not in ("fetch", "areas"):
            load_data()
        payload, text = _run(args)
    except (ValueError, KeyError, DataValidationError, OSError) as exc:
        message = str(exc).strip("'\"")
        print(f"Fel: {message}", file=sys.stderr)
        if getattr(args, "json", False):
            err: dict[str, Any] = {"error": message}
            if isinstance(exc, UnknownKommunError):
                err["candidates"] = [{"kommunkod": k, "kommun": n} for k, n in exc.candidates]
            print(json.dumps(err, ensure_ascii=False))
        return 2
    if args.json:
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        print(text)
    return 0
