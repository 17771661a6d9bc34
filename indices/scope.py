"""Which kommuner a ranking or a screening looks at: all, a län, an SKR kommungrupp or a list.

Län are matched by code ("13") or name ("Hallands län", "Halland", "Hallands"); the
kommungrupp is SKR's 2023 grouping ("B4"). Unknown values raise ``ValueError`` in Swedish.
"""

from __future__ import annotations

from collections.abc import Sequence

from .data import KoladaData
from .kommuner import name_key, resolve_kommun

KOMMUNGRUPP = "kommungrupp_2023_code"


def match_lan(lan: str, data: KoladaData) -> str:
    """The two-digit länskod for a code or a name; raises ``ValueError`` for an unknown län."""
    text = str(lan).strip()
    if text.isdigit():
        code = text.zfill(2)
        if code in set(data.kommuner["lanskod"]):
            return code
    want = name_key(text).removesuffix(" lan").removesuffix("s")
    for code, name in zip(data.kommuner["lanskod"], data.kommuner["lan"]):
        have = name_key(name).removesuffix(" lan")
        if want in (have, have.removesuffix("s")):
            return code
    raise ValueError(f"Okänt län: {lan!r}.")


def match_kommungrupp(kommungrupp: str, data: KoladaData) -> str:
    """SKR's kommungrupp code in upper case; raises ``ValueError`` for an unknown group."""
    grp = str(kommungrupp).strip().upper()
    if grp not in set(data.kommuner[KOMMUNGRUPP].dropna()):
        raise ValueError(f"Okänd kommungrupp {kommungrupp!r}. Välj A1-C9.")
    return grp


def pool(lan: str | None, kommungrupp: str | None, data: KoladaData) -> tuple[list[str], str]:
    """The kommuner in a län and/or a kommungrupp (all when both are ``None``) and a Swedish label."""
    codes = list(data.kommuner.index)
    label = "alla kommuner"
    if lan is not None:
        code = match_lan(lan, data)
        codes = [c for c in codes if data.kommuner.at[c, "lanskod"] == code]
        label = str(data.kommuner.at[codes[0], "lan"]) if codes else str(lan)
    if kommungrupp is not None:
        grp = match_kommungrupp(kommungrupp, data)
        codes = [c for c in codes if data.kommuner.at[c, KOMMUNGRUPP] == grp]
        label = f"kommungrupp {grp}" if lan is None else f"{label}, kommungrupp {grp}"
    return codes, label


def scope_codes(scope: str | Sequence[str] | None, data: KoladaData) -> tuple[list[str], str]:
    """``None``/"alla", a län, a kommungrupp or a list of kommuner: their codes and a label."""
    codes = list(data.kommuner.index)
    if scope is None or (isinstance(scope, str) and scope.strip().casefold() in ("all", "alla", "riket", "")):
        return codes, "alla kommuner"
    if isinstance(scope, str):
        text = scope.strip()
        grp = text.upper()
        if grp in set(data.kommuner[KOMMUNGRUPP].dropna()):
            sel = [c for c in codes if data.kommuner.at[c, KOMMUNGRUPP] == grp]
            return sel, f"kommungrupp {grp} (SKR 2023)"
        try:
            lan = match_lan(text, data)
        except ValueError:
            raise ValueError(f"Okänt urval {scope!r}: ange alla, ett län, en kommungrupp (A1-C9) "
                             "eller en lista med kommuner.") from None
        sel = [c for c in codes if data.kommuner.at[c, "lanskod"] == lan]
        return sel, str(data.kommuner.at[sel[0], "lan"])
    sel = list(dict.fromkeys(resolve_kommun(str(m), data).kod for m in scope))
    if not sel:
        raise ValueError("Ange minst en kommun i listan.")
    return sel, "egen lista: " + ", ".join(data.name(c) for c in sel)
