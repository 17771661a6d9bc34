"""A small Kolada API v3 client that writes the snapshot's file layout.

``python -m indices fetch --kpi N15008,N15505 --years 2015-2024 --out DIR``
pages through ``next_url`` and writes ``kpi_long_<first>_<last>.csv``,
``kpi_<last>_wide.csv``, ``kpi_dictionary.csv`` and ``kommuner.csv``. Kolada's
peer groups and SKR's kommungrupp are not fetched: they are copied from the
``base`` folder (by default the configured snapshot) when it has them.

The parsers are pure and tested against hand-made response files; the network
call (``requests``, imported lazily) is not exercised by the test suite.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

BASE_URL = "https://api.kolada.se/v3"
PER_PAGE = 5000
MAX_PAGES = 10_000
TIMEOUT_S = 60

LAN = {
    "01": "Stockholms län", "03": "Uppsala län", "04": "Södermanlands län", "05": "Östergötlands län",
    "06": "Jönköpings län", "07": "Kronobergs län", "08": "Kalmar län", "09": "Gotlands län",
    "10": "Blekinge län", "12": "Skåne län", "13": "Hallands län", "14": "Västra Götalands län",
    "17": "Värmlands län", "18": "Örebro län", "19": "Västmanlands län", "20": "Dalarnas län",
    "21": "Gävleborgs län", "22": "Västernorrlands län", "23": "Jämtlands län",
    "24": "Västerbottens län", "25": "Norrbottens län",
}

GetJson = Callable[[str], dict[str, Any]]


class KoladaApiError(ValueError):
    """The API answered with something the parser does not understand."""


def parse_years(text: str) -> list[int]:
    """"2015-2024" or "2018,2020" -> list of years. Raises ``ValueError``."""
    years: list[int] = []
    for part in str(text).replace(" ", "").split(","):
        if not part:
            continue
        if "-" in part:
            a, b = part.split("-", 1)
            lo, hi = int(a), int(b)
            if hi < lo:
                raise ValueError(f"Ogiltigt årsintervall: {part!r}.")
            years.extend(range(lo, hi + 1))
        else:
            years.append(int(part))
    if not years:
        raise ValueError("Ange minst ett år.")
    return sorted(set(years))


def _values(payload: dict[str, Any]) -> list[dict[str, Any]]:
    if not isinstance(payload, dict) or not isinstance(payload.get("values"), list):
        raise KoladaApiError("Svaret från Kolada saknar listan 'values'.")
    return payload["values"]


def next_url(payload: dict[str, Any]) -> str | None:
    url = payload.get("next_url") if isinstance(payload, dict) else None
    return url or None


def parse_data_page(payload: dict[str, Any], gender: str = "T") -> list[dict[str, Any]]:
    """Rows {kommunkod, year, kpi, value} for one gender; null values are dropped."""
    rows = []
    for entry in _values(payload):
        try:
            kpi, code, year = entry["kpi"], str(entry["municipality"]), int(entry["period"])
        except (KeyError, TypeError, ValueError) as exc:
            raise KoladaApiError(f"Oväntad datapost från Kolada: {entry!r}") from exc
        for v in entry.get("values", []):
            if v.get("gender", "T") == gender and v.get("value") is not None:
                rows.append({"kommunkod": code.zfill(4), "year": year, "kpi": kpi, "value": float(v["value"])})
    return rows


def parse_kpi_page(payload: dict[str, Any]) -> list[dict[str, str]]:
    """Rows for kpi_dictionary.csv."""
    keys = ("title", "description", "municipality_type", "operating_area", "perspective", "publication_date")
    return [{"kpi": str(e["id"]), **{k: "" if e.get(k) is None else str(e.get(k)) for k in keys}}
            for e in _values(payload)]


def parse_municipality_page(payload: dict[str, Any]) -> list[dict[str, str]]:
    """Kommuner only (type K, not Riket 0000): {kommunkod, kommun}."""
    out = []
    for e in _values(payload):
        code = str(e.get("id", "")).zfill(4)
        if e.get("type") == "K" and code != "0000":
            out.append({"kommunkod": code, "kommun": str(e.get("title", "")).strip()})
    return out


def iter_pages(url: str, get_json: GetJson, max_pages: int = MAX_PAGES) -> Iterator[dict[str, Any]]:
    """Yield each page, following ``next_url`` until it is empty (or repeats)."""
    seen: set[str] = set()
    current: str | None = url
    while current and current not in seen and len(seen) < max_pages:
        seen.add(current)
        page = get_json(current)
        yield page
        current = next_url(page)


def requests_get_json(url: str) -> dict[str, Any]:
    """GET a URL and decode JSON (requests is imported only here)."""
    import requests

    response = requests.get(url, timeout=TIMEOUT_S)
    response.raise_for_status()
    return response.json()


def data_url(kpis: Sequence[str], years: Sequence[int], base: str = BASE_URL) -> str:
    return (f"{base}/data/kpi/{quote(','.join(kpis))}/year/{','.join(str(y) for y in years)}"
            f"?per_page={PER_PAGE}")


@dataclass
class FetchReport:
    out_dir: Path
    files: list[str] = field(default_factory=list)
    n_values: int = 0
    n_kommuner: int = 0
    pages: int = 0
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"out_dir": str(self.out_dir), "files": self.files, "n_values": self.n_values,
                "n_kommuner": self.n_kommuner, "pages": self.pages, "notes": self.notes}


def _write_csv(path: Path, header: Sequence[str], rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(header), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def _read_base_kommuner(base: Path | None) -> dict[str, dict[str, str]]:
    path = base / "kommuner.csv" if base else None
    if not path or not path.is_file():
        return {}
    with path.open(encoding="utf-8") as fh:
        return {r["kommunkod"]: r for r in csv.DictReader(fh)}


def fetch(
    kpis: Sequence[str],
    years: Sequence[int],
    out_dir: str | Path,
    get_json: GetJson | None = None,
    base_dir: str | Path | None = None,
    base_url: str = BASE_URL,
    years_per_request: int = 20,
) -> FetchReport:
    """Fetch KPIs for all kommuner and write the snapshot layout into ``out_dir``."""
    get = get_json or requests_get_json
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    report = FetchReport(out_dir=out)
    kpis = [k.strip().upper() for k in kpis if k.strip()]
    if not kpis:
        raise ValueError("Ange minst ett nyckeltal.")
    years = sorted(set(int(y) for y in years))

    kommuner: list[dict[str, str]] = []
    for page in iter_pages(f"{base_url}/municipality?per_page={PER_PAGE}", get):
        report.pages += 1
        kommuner.extend(parse_municipality_page(page))
    codes = {k["kommunkod"] for k in kommuner} | {"0000"}

    rows: list[dict[str, Any]] = []
    for i in range(0, len(years), years_per_request):
        for page in iter_pages(data_url(kpis, years[i:i + years_per_request], base_url), get):
            report.pages += 1
            rows.extend(r for r in parse_data_page(page) if r["kommunkod"] in codes)
    rows.sort(key=lambda r: (r["kommunkod"], r["year"], r["kpi"]))
    first, last = years[0], years[-1]
    long_name = f"kpi_long_{first}_{last}.csv"
    _write_csv(out / long_name, ["kommunkod", "year", "kpi", "value"], rows)
    report.files.append(long_name)
    report.n_values = len(rows)

    last_with_data = max((r["year"] for r in rows), default=last)
    wide: dict[str, dict[str, Any]] = {}
    for r in rows:
        if r["year"] == last_with_data and r["kommunkod"] != "0000":
            wide.setdefault(r["kommunkod"], {"kommunkod": r["kommunkod"]})[r["kpi"]] = r["value"]
    wide_name = f"kpi_{last_with_data}_wide.csv"
    _write_csv(out / wide_name, ["kommunkod", *kpis], [wide[c] for c in sorted(wide)])
    report.files.append(wide_name)

    dictionary: list[dict[str, str]] = []
    for page in iter_pages(f"{base_url}/kpi/{quote(','.join(kpis))}", get):
        report.pages += 1
        dictionary.extend(parse_kpi_page(page))
    _write_csv(out / "kpi_dictionary.csv", ["kpi", "title", "description", "municipality_type", "operating_area",
                                            "perspective", "publication_date"], dictionary)
    report.files.append("kpi_dictionary.csv")

    base = Path(base_dir) if base_dir else None
    extra = _read_base_kommuner(base)
    pop = {r["kommunkod"]: r["value"] for r in rows if r["kpi"] == "N01951" and r["year"] == last_with_data}
    header = ["kommunkod", "kommun", "lanskod", "lan", f"folkmangd_{last_with_data}_12_31",
              "kommungrupp_2017_code", "kommungrupp_2017_namn_kolada", "kommungrupp_2023_code",
              "kommungrupp_2023_namn_kolada"]
    kommun_rows = []
    for k in sorted(kommuner, key=lambda r: r["kommunkod"]):
        lanskod = k["kommunkod"][:2]
        row = {**{h: "" for h in header}, **k, "lanskod": lanskod, "lan": LAN.get(lanskod, "")}
        row[f"folkmangd_{last_with_data}_12_31"] = "" if k["kommunkod"] not in pop else f"{pop[k['kommunkod']]:.0f}"
        for h in header[5:]:
            row[h] = extra.get(k["kommunkod"], {}).get(h, "")
        kommun_rows.append(row)
    _write_csv(out / "kommuner.csv", header, kommun_rows)
    report.files.append("kommuner.csv")
    report.n_kommuner = len(kommun_rows)

    similar = base / "liknande_kommuner.csv" if base else None
    if similar and similar.is_file() and similar.resolve() != (out / "liknande_kommuner.csv").resolve():
        shutil.copyfile(similar, out / "liknande_kommuner.csv")
        report.files.append("liknande_kommuner.csv")
        report.notes.append(f"Liknande kommuner och kommungrupp kopierade från {base}.")
    else:
        _write_csv(out / "liknande_kommuner.csv", ["snapshot_date", "area", "group_year", "group_id",
                                                   "ref_kommunkod", "ref_kommun", "member_kommunkod",
                                                   "member_kommun"], [])
        report.files.append("liknande_kommuner.csv")
        report.notes.append("Liknande kommuner hämtas inte från API:t; filen är tom.")
    return report
