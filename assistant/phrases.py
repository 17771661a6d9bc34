"""Swedish phrases that the chat's answers and the documents both write, defined once.

Wording only: the figures come typed from :mod:`indices` (here
:class:`indices.summaries.LearnFrom`), so the chat, the explorer, the memo and the
debate brief say whom to learn from in the same sentence.
"""

from __future__ import annotations

from collections.abc import Sequence

from indices import summaries

from assistant.formatting import number


def names(items: Sequence[str]) -> str:
    """"A", "A och B", "A, B och C"; "" for none."""
    items = list(items)
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]


def learn_text(lf: summaries.LearnFrom, kommun: str) -> str:
    """"Lär av: Norrtälje når minst samma resultat med 34 % lägre kostnad (Kostnad äldreomsorg,
    kr/inv 65+; DEA, N20007 → U21468, U23471)."; the frontier sentence when ``kommun`` is on
    it; "" when DEA has no peers or no score."""
    kpis = f"DEA, {', '.join(lf.inputs)} → {', '.join(lf.outputs)}"
    if lf.on_frontier:
        return f"{kommun} ligger på fronten: ingen kombination av andra kommuner når samma resultat billigare ({kpis})."
    if not lf.peers or lf.reduction.value is None:
        return ""
    if len(lf.peers) == 1:
        who = f"{lf.peers[0][1]} når"
    else:
        who = (f"{names([n for _, n, _ in lf.peers])} når tillsammans (viktade "
               f"{names([number(w) + ' %' for _, _, w in lf.peers])})")
    what = f"{', '.join(lf.input_titles)}; {kpis}" if lf.input_titles else kpis
    return f"Lär av: {who} minst samma resultat med {number(lf.reduction.value)} % lägre kostnad ({what})."
