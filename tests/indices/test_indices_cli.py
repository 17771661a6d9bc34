"""The command-line JSON contract, run as a user would (subprocess, another cwd)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from indices.profile import profile
from indices.provenance import EGNA_BERAKNINGAR, KALLA_KOLADA

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.integration


def run(args: list[str], tmp_path: Path, env_dir: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    if env_dir is not None:
        env["EFFEKT_KOLADA_DIR"] = env_dir
    return subprocess.run([sys.executable, "-m", "indices", *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)


def _is_figure(d: dict) -> bool:
    return {"value", "unit", "kpis", "year", "source", "reason"} <= set(d) and d["source"] in (
        KALLA_KOLADA, EGNA_BERAKNINGAR) and (d["value"] is not None or d["reason"])


def test_profile_contract(kolada, tmp_path: Path) -> None:
    p = run(["profile", "Göteborgs stad", "--area", "grundskola", "--year", "2022", "--json"], tmp_path,
            str(kolada.path))
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert (d["kommunkod"], d["kommun"], d["year"], d["area"]) == ("1480", "Göteborg", 2022, "grundskola")
    for key in ("resursindex", "kvalitetsindex", "effektivitetsindex", "resursindex_approx"):
        assert _is_figure(d[key]), key
    assert d["kvalitetsindex"]["source"] == EGNA_BERAKNINGAR and "utan elevenkät" in d["kvalitetsindex"]["label"]
    # published values are Kolada's own, and Göteborg's U15900 is a real 0.0, not a gap
    assert set(d["published"]) == {"U15010", "U15401", "U15900"}
    for kpi, fig in d["published"].items():
        assert fig["value"] == kolada.value("1480", kpi, 2022) and fig["source"] == KALLA_KOLADA
    assert d["published"]["U15900"]["value"] == 0.0
    assert d["costs"]["N15008"]["value"] == kolada.value("1480", "N15008", 2022)
    assert all(_is_figure(f) for f in d["costs"].values())
    assert [s["id"] for s in d["savings"]] == ["referens", "liknande_median", "basta_kvartil"]
    assert all(s["formula"] and s["inputs"] and _is_figure(s["value"]) for s in d["savings"])
    assert len(d["peers"]) == 7 and all(set(x) == {"kommunkod", "kommun"} for x in d["peers"])
    r = d["rank_among_peers"]
    assert isinstance(r["rank"], int) and 1 <= r["rank"] <= r["of"] <= 8
    dea = d["dea"]
    assert {"score", "ci_low", "ci_high", "peers"} <= set(dea)
    assert 0 < dea["score"] <= 1 and dea["ci_low"] <= dea["ci_high"]
    assert dea["peers"] and all(len(x["kommunkod"]) == 4 and x["lambda"] > 0 for x in dea["peers"])
    assert dea["bootstrap_reps"] >= 1000
    assert KALLA_KOLADA in d["sources"] and EGNA_BERAKNINGAR in d["sources"]


def test_profile_missing_published_value_is_null_with_reason(kolada, tmp_path: Path) -> None:
    # Nykvarn (0140) has no published U20404/U20900 for 2022 in Kolada
    assert kolada.value("0140", "U20404", 2022) is None
    p = run(["profile", "0140", "--area", "äldreomsorg", "--json"], tmp_path, str(kolada.path))
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert d["published"]["U20404"]["value"] is None
    assert d["published"]["U20404"]["reason"] == "U20404 saknas i Kolada för 2022"
    assert d["rank_among_peers"]["published"]["rank"] is None


def test_profile_without_dea_data_does_not_crash(kolada) -> None:
    # No user survey in 2021: DEA outputs missing for every kommun
    d = profile("Habo", "aldreomsorg", 2021, data=kolada).to_dict()
    assert d["dea"]["score"] is None and d["dea"]["ci_low"] is None
    assert d["dea"]["reason"] == "U21468, U23471 saknas i Kolada för 2021"
    assert d["kvalitetsindex"]["value"] is not None  # taken from the adjacent year, as RKA does
    json.dumps(d)


@pytest.mark.parametrize(("area", "year"), [("grundskola", "2022"), ("aldreomsorg", "2021")])
def test_rka_contract(kolada, tmp_path: Path, area: str, year: str) -> None:
    p = run(["rka", "--area", area, "--year", year, "--json"], tmp_path, str(kolada.path))
    assert p.returncode == 0, p.stderr
    rows = json.loads(p.stdout)
    assert isinstance(rows, list) and len(rows) >= 150
    published = "U15900" if area == "grundskola" else "U20900"
    assert len(rows) >= kolada.series(published, int(year)).notna().sum()
    for row in rows:
        assert {"kommunkod", "kommun", "resursindex", "kvalitetsindex", "effektivitetsindex"} <= set(row)
        assert len(row["kommunkod"]) == 4 and row["kommun"] == kolada.name(row["kommunkod"])
        assert all(0 <= row[k] <= 100 for k in ("resursindex", "kvalitetsindex", "effektivitetsindex"))


def test_unknown_kommun_gives_candidates(kolada, tmp_path: Path) -> None:
    p = run(["profile", "Hbo", "--area", "grundskola", "--json"], tmp_path, str(kolada.path))
    assert p.returncode == 2
    d = json.loads(p.stdout)
    assert "Hittar ingen kommun" in d["error"]
    assert {"0305", "0643"} <= {c["kommunkod"] for c in d["candidates"]}
    assert "Fel:" in p.stderr and "Traceback" not in p.stderr


@pytest.mark.parametrize("args", [["rka", "--area", "simhall", "--json"], ["rka", "--year", "1999", "--json"]])
def test_bad_input_is_a_readable_error(kolada, tmp_path: Path, args: list[str]) -> None:
    p = run(args, tmp_path, str(kolada.path))
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert json.loads(p.stdout)["error"]


def test_missing_data_folder_is_named(tmp_path: Path) -> None:
    p = run(["rka", "--json"], tmp_path, str(tmp_path / "saknas"))
    assert p.returncode == 2
    assert "saknas" in json.loads(p.stdout)["error"] and "EFFEKT_KOLADA_DIR" in p.stderr


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (["compare", "Habo", "--kpis", "N15008,N15505", "--peers", "Håbo,Mullsjö"],
         lambda d: [r["kpi"] for r in d["rows"]] == ["N15008", "N15505"]
         and [p["kommunkod"] for p in d["peer_group"]["kommuner"]] == ["0305", "0642"]),
        (["trend", "Habo", "--kpi", "N20900", "--area", "aldreomsorg", "--years", "2020-2022"],
         lambda d: [p["year"] for p in d["points"]] == [2020, 2021, 2022]),
        (["screen", "--area", "grundskola", "--lan", "Jönköpings län", "--index", "kvalitetsindex", "--over", "50"],
         lambda d: d["hits"] and all(h["lan"] == "Jönköpings län" and h["kvalitetsindex"]["value"] > 50
                                     for h in d["hits"])),
        (["dea", "Habo", "--area", "grundskola", "--rts", "crs", "--reps", "50"],
         lambda d: d["rts"] == "crs" and 0 < d["score"] <= 1 and d["bootstrap_reps"] == 50),
        (["kommun", "Upplands-Väsby"], lambda d: d["kommunkod"] == "0114"),
        (["areas"], lambda d: [a["id"] for a in d] == ["forskola", "grundskola", "gymnasieskola", "aldreomsorg",
                                                     "lss", "ekonomiskt_bistand", "ifo", "kommunen"]),
    ],
)
def test_other_commands_in_process(kolada, capsys, args, check) -> None:
    from indices.cli import main

    assert main([*args, "--json"]) == 0
    assert check(json.loads(capsys.readouterr().out))


def test_text_output_is_swedish(kolada, capsys) -> None:
    from indices.cli import main

    assert main(["profile", "Habo", "--area", "aldreomsorg", "--year", "2021", "--reps", "50"]) == 0
    out = capsys.readouterr().out
    assert "Habo (0643), Äldreomsorg, 2021" in out and "DEA: saknas" in out and "Källa: Kolada" in out


def test_dea_all_kommuner_lists_who_is_left_out(kolada, capsys) -> None:
    from indices.cli import main

    assert main(["dea", "--area", "grundskola", "--reps", "0", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    lacking = {c for c in kolada.codes
               if any(kolada.value(c, k, 2022) is None for k in ("N15008", "N15505", "N15419"))}
    assert set(d["excluded"]) == lacking
    assert len(d["units"]) == 290 - len(lacking)
    assert all("saknas i Kolada för 2022" in r for r in d["excluded"].values())
    assert sum(u["score"] >= 1 - 1e-9 for u in d["units"].values()) >= 1


def test_dea_reference_set_and_unreachable_kommun(kolada) -> None:
    from indices.efficiency import efficiency

    # Danderyd's meritvärde is above Habo's, so Habo alone cannot span a VRS frontier for it
    assert kolada.value("0162", "N15505", 2022) > kolada.value("0643", "N15505", 2022)
    s = efficiency("Danderyd", "grundskola", 2022, reference=["Habo"], reps=0, data=kolada)
    assert s.score.value is None and s.score.reason.startswith("ej lösbar")
    c = efficiency("Danderyd", "grundskola", 2022, rts="crs", reference=["Habo"], reps=0, data=kolada)
    assert c.score.value is not None and [p.kommunkod for p in c.peers] == ["0643"]
