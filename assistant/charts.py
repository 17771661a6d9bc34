"""Plotly figures over the :mod:`indices` API, each with a Swedish title and a source line.

Signatures (each returns a ``plotly.graph_objects.Figure``; ``peer_codes=None`` means
Kolada's "liknande kommuner" for the area, ``[]`` means no peers; ``data`` defaults to
``indices.load_data()``; unknown kommun, area, KPI or year raise ``ValueError`` from
:mod:`indices`)::

    cost_quality_scatter(area: str, year: int, kommunkod: str,
                         peer_codes: Sequence[str] | None = None,
                         measure: str = "publicerat", data=None) -> go.Figure
    trend_chart(kommunkod: str, kpi: str, peer_codes: Sequence[str] | None = None,
                start_year: int | None = None, area: str = "grundskola", data=None,
                end_year: int | None = None) -> go.Figure
    peer_bars(kommunkod: str, kpi: str, peer_codes: Sequence[str] | None = None,
              year: int | None = None, area: str = "grundskola", data=None) -> go.Figure
    dea_chart(area: str, year: int, kommunkod: str, peer_codes: Sequence[str] | None = None,
              reps: int = indices.efficiency.DEFAULT_REPS, data=None) -> go.Figure
    figure_json(fig: go.Figure) -> dict      # the form Answer.figures holds
    source_line(fig: go.Figure | dict) -> str  # the source annotation's text
    title_text(fig: go.Figure | dict) -> str   # the title without line breaks

The source line is "Källa: Kolada" for Kolada's own values and "Egna beräkningar
baserade på data från Kolada" for ours (Kolada's terms, see ``indices.provenance``).
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

import indices
from indices.data import KoladaData
from indices.efficiency import DEFAULT_REPS
from indices.provenance import EGNA_BERAKNINGAR, KALLA_KOLADA

from assistant.formatting import axis_ticks
from assistant.labels import area_text, span_text

SOURCE_MIXED = (f"{KALLA_KOLADA} (kommunernas och rikets värden). Medianen för jämförelsegruppen: "
                f"{EGNA_BERAKNINGAR[0].lower()}{EGNA_BERAKNINGAR[1:]}.")
KOMMUN_COLOR = "#c0392b"
PEER_COLOR = "#e67e22"
OTHER_COLOR = "#a6acaf"
RIKET_COLOR = "#5d6d7e"
SOURCE_NAME = "kallrad"


# Fixed pixel layout that fits a 390 px phone as well as a desktop: the title wraps at word
# boundaries and grows down from the top; under the plot come the tick labels and axis title
# (``xspace``), then the source line, then the legend, each in its own band.
HEIGHT, BOTTOM = 540, 200
TITLE_WIDTH, SOURCE_WIDTH, AXIS_WIDTH = 38, 46, 40
TITLE_LINE, SOURCE_LINE = 19, 14  # px per line
AXIS_NUMBERS = {"separatethousands": True, "exponentformat": "none"}  # "80 000", never "80k"


def _wrap(text: str, width: int) -> str:
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False)) or text


def _axis(title: str, **more: Any) -> dict[str, Any]:
    return {"title": {"text": _wrap(title, AXIS_WIDTH)}, **AXIS_NUMBERS, "automargin": False, **more}


def value_axis(title: str, unit: str, values: Sequence[float | None], include_zero: bool = False,
               **more: Any) -> dict[str, Any]:
    """A value axis whose ticks are Swedish numbers with units (:func:`assistant.formatting.axis_ticks`)."""
    vals, texts = axis_ticks(values, unit, include_zero)
    ticks = {"tickmode": "array", "tickvals": vals, "ticktext": texts} if vals else {}
    return _axis(title, **ticks, **more)


def _base(title: str, source: str, xspace: int = 64, **layout: Any) -> go.Figure:
    fig = go.Figure()
    wrapped = _wrap(title, TITLE_WIDTH)
    source_text = _wrap(source, SOURCE_WIDTH)
    source_lines = source_text.count("<br>") + 1
    legend_top = BOTTOM - xspace - source_lines * SOURCE_LINE - 8
    fig.update_layout(
        title={"text": wrapped, "x": 0.01, "xanchor": "left", "yref": "container", "y": 1, "yanchor": "top",
               "pad": {"t": 18}, "font": {"size": 14}},
        separators=", ", template="plotly_white", height=HEIGHT,
        margin={"l": 64, "r": 16, "t": 32 + TITLE_LINE * (wrapped.count("<br>") + 1), "b": BOTTOM},
        hoverlabel={"namelength": -1},
        legend={"orientation": "h", "yref": "container", "y": legend_top / HEIGHT, "yanchor": "top", "x": 0,
                "font": {"size": 11}},
        **layout,
    )
    fig.add_annotation(name=SOURCE_NAME, text=source_text, xref="paper", yref="paper", x=0, y=0,
                       yshift=-xspace, xanchor="left", yanchor="top", align="left", showarrow=False,
                       font={"size": 11, "color": "#555"})
    return fig


def source_line(fig: go.Figure | dict[str, Any]) -> str:
    """The text of a chart's source annotation ('' if it has none)."""
    layout = fig.get("layout", {}) if isinstance(fig, dict) else fig.to_plotly_json()["layout"]
    for note in layout.get("annotations", ()):
        if note.get("name") == SOURCE_NAME:
            return str(note.get("text", "")).replace("<br>", " ")
    return ""


def title_text(fig: go.Figure | dict[str, Any]) -> str:
    """A chart's title as plain text."""
    layout = fig.get("layout", {}) if isinstance(fig, dict) else fig.to_plotly_json()["layout"]
    return str(layout.get("title", {}).get("text", "")).replace("<br>", " ")


def figure_json(fig: go.Figure) -> dict[str, Any]:
    """Plain JSON form of a figure (what ``Answer.figures`` holds)."""
    return json.loads(fig.to_json())


def _peers(kommunkod: str, area: str, peer_codes: Sequence[str] | None, data: KoladaData) -> list[str]:
    kod = indices.resolve_kommun(kommunkod, data).kod
    if peer_codes is None:
        return indices.peer_group(kod, area, data=data).codes
    codes = (indices.resolve_kommun(p, data).kod for p in peer_codes)
    return [c for c in dict.fromkeys(codes) if c != kod]


def cost_quality_scatter(area: str, year: int, kommunkod: str, peer_codes: Sequence[str] | None = None,
                         measure: str = "publicerat", data: KoladaData | None = None) -> go.Figure:
    """Resursindex (x) against kvalitetsindex (y) for every kommun, as the handbook's Figur 2.

    ``measure`` "publicerat" plots RKA's published indices (Källa: Kolada); "egen" plots
    ours from :func:`indices.rka`. The kommun and its peers are highlighted.
    """
    data = data or indices.load_data()
    spec = indices.get_area(area)
    kommun = indices.resolve_kommun(kommunkod, data)
    if measure == "publicerat":
        x, y = data.series(spec.published_resource, year), data.series(spec.published_quality, year)
        source = KALLA_KOLADA
    elif measure == "egen":
        table = indices.rka(spec.id, year, data=data, include_all=True)
        x, y = table.values("resursindex"), table.values("kvalitetsindex")
        source = EGNA_BERAKNINGAR
    else:
        raise ValueError(f"Okänt mått {measure!r}: välj publicerat eller egen.")
    peers = set(_peers(kommun.kod, spec.id, peer_codes, data))
    fig = _base(f"Resursindex och kvalitetsindex, {area_text(spec)} {year}", source,
                xaxis=_axis("Resursindex (100 = lägst kostnad efter strukturjustering)", range=[-5, 105]),
                yaxis=_axis("Kvalitetsindex (100 = bäst)", range=[-5, 105]))
    groups = (("Övriga kommuner", lambda k: k != kommun.kod and k not in peers, OTHER_COLOR, 7),
              ("Jämförelsegrupp", lambda k: k in peers, PEER_COLOR, 11),
              (kommun.namn, lambda k: k == kommun.kod, KOMMUN_COLOR, 16))
    for name, keep, color, size in groups:
        codes = [k for k in data.kommuner.index if keep(k) and _present(x, k) and _present(y, k)]
        fig.add_trace(go.Scatter(
            x=[float(x[k]) for k in codes], y=[float(y[k]) for k in codes], mode="markers",
            name=name, hovertext=[data.name(k) for k in codes], customdata=codes,
            marker={"color": color, "size": size, "line": {"width": 1, "color": "white"}},
            hovertemplate="%{hovertext}<br>Resursindex: %{x:.1f}<br>Kvalitetsindex: %{y:.1f}<extra></extra>",
        ))
    if not (_present(x, kommun.kod) and _present(y, kommun.kod)):
        fig.add_annotation(text=_wrap(f"{kommun.namn} saknar index för {year} och visas inte.", 40),
                           xref="paper", yref="paper", x=0.5, y=1, yanchor="top", showarrow=False,
                           bgcolor="rgba(255,255,255,0.85)")
    return fig


def _present(values: Any, kod: str) -> bool:
    v = values.get(kod) if hasattr(values, "get") else None
    return v is not None and v == v  # NaN != NaN


def trend_chart(kommunkod: str, kpi: str, peer_codes: Sequence[str] | None = None, start_year: int | None = None,
                area: str = "grundskola", data: KoladaData | None = None, end_year: int | None = None) -> go.Figure:
    """One KPI over time (default: every year of the data): the kommun, its peers' median and Riket."""
    data = data or indices.load_data()
    span = indices.year_span(data)
    first, last = start_year or span[0], end_year or span[1]
    years = [y for y in data.years if int(first) <= y <= int(last)]
    if not years:
        raise ValueError(f"Inga år {first}–{last} finns i dataunderlaget ({span_text(indices.year_span(data))}).")
    peers = _peers(kommunkod, area, peer_codes, data)
    tr = indices.trend(kommunkod, kpi, peers=None if peer_codes is None else (peers or None), area=area,
                       years=years, data=data)
    xs = [p.year for p in tr.points]
    fig = _base(f"{tr.label}: {tr.kommun} {xs[0]}–{xs[-1]}", SOURCE_MIXED if peers else KALLA_KOLADA,
                xaxis=_axis("År", dtick=2, separatethousands=False),
                yaxis=value_axis(tr.unit, tr.unit, [getattr(p, a).value for p in tr.points
                                                    for a in ("kommun", "peer_median", "riket")]))
    lines = [(tr.kommun, "kommun", {"color": KOMMUN_COLOR, "width": 3}),
             ("Riket", "riket", {"color": RIKET_COLOR, "width": 2, "dash": "dot"})]
    if peers:
        lines.insert(1, ("Median för jämförelsegruppen", "peer_median",
                         {"color": PEER_COLOR, "width": 2, "dash": "dash"}))
    for name, attr, line in lines:
        fig.add_trace(go.Scatter(
            x=xs, y=[getattr(p, attr).value for p in tr.points], name=name, mode="lines+markers", line=line,
            hovertemplate=f"{name}<br>%{{x}}: %{{y:,.1f}} {tr.unit}<extra></extra>",
        ))
    return fig


def peer_bars(kommunkod: str, kpi: str, peer_codes: Sequence[str] | None = None, year: int | None = None,
              area: str = "grundskola", data: KoladaData | None = None) -> go.Figure:
    """One KPI for the kommun and each peer as bars, with the peer median and Riket as lines."""
    data = data or indices.load_data()
    peers = _peers(kommunkod, area, peer_codes, data)
    if not peers:
        raise ValueError("Ange minst en kommun att jämföra med.")
    cmp = indices.compare(kommunkod, peers=None if peer_codes is None else peers, kpis=[kpi], area=area,
                          year=year, data=data)
    row = cmp.rows[0]
    bars = [(cmp.kommunkod, cmp.kommun, row.kommun.value)]
    bars += [(p.kommunkod, p.kommun, p.value) for p in row.peers]
    # best first; where neither is better (costs) the lowest comes first
    shown = sorted((b for b in bars if b[2] is not None), key=lambda b: b[2], reverse=row.direction > 0)
    missing = [name for _, name, v in bars if v is None]
    fig = _base(f"{row.label}: {cmp.kommun} och jämförelsegruppen {cmp.year}", SOURCE_MIXED,
                xspace=96, xaxis={"tickangle": -45, "automargin": False}, showlegend=False,
                yaxis=value_axis(row.unit, row.unit, [b[2] for b in shown] + [row.peer_median.value, row.riket.value],
                                 include_zero=True))
    fig.add_trace(go.Bar(
        x=[b[1] for b in shown], y=[b[2] for b in shown], customdata=[b[0] for b in shown],
        marker={"color": [KOMMUN_COLOR if b[0] == cmp.kommunkod else PEER_COLOR for b in shown]},
        hovertemplate=f"%{{x}}: %{{y:,.1f}} {row.unit}<extra></extra>", name=row.label,
    ))
    for fig_value, label, dash in ((row.peer_median, "Median jämförelsegrupp", "dash"), (row.riket, "Riket", "dot")):
        if fig_value.value is not None:
            fig.add_hline(y=fig_value.value, line={"dash": dash, "color": RIKET_COLOR},
                          annotation_text=label, annotation_position="top right")
    if missing:
        fig.add_annotation(text=_wrap("Saknar värde: " + ", ".join(missing), 40), xref="paper", yref="paper",
                           x=1, y=1, xanchor="right", yanchor="top", align="right", showarrow=False,
                           bgcolor="rgba(255,255,255,0.85)", font={"size": 11})
    return fig


def dea_chart(area: str, year: int, kommunkod: str, peer_codes: Sequence[str] | None = None,
              reps: int = DEFAULT_REPS, data: KoladaData | None = None) -> go.Figure:
    """DEA scores (input-oriented, VRS) with their bootstrap 95 % intervals as whiskers.

    Shows the kommun, its peers and the efficient kommuner it should learn from.
    """
    data = data or indices.load_data()
    spec = indices.get_area(area)
    summary = indices.efficiency(kommunkod, spec.id, year, reps=reps, data=data)
    run = indices.dea_area(spec.id, year, reps=reps, data=data)
    res = run.result
    wanted = [summary.kommunkod, *_peers(summary.kommunkod, spec.id, peer_codes, data),
              *(p.kommunkod for p in summary.peers)]
    codes = [k for k in dict.fromkeys(wanted) if res is not None and k in res.units]
    codes.sort(key=lambda k: -float(res.scores[res.index(k)]))
    fig = _base(f"DEA-effektivitet, {area_text(spec)} {summary.year}: {summary.kommun} och jämförelsekommuner",
                EGNA_BERAKNINGAR, xspace=96, xaxis={"tickangle": -45, "automargin": False},
                yaxis=_axis("Effektivitet (1 = på fronten)", range=[0, 1.08]))
    if res is None or summary.score.value is None:
        fig.add_annotation(text=_wrap(f"{summary.kommun}: {summary.score.reason}", 40), xref="paper",
                           yref="paper", x=0.5, y=1, yanchor="top", showarrow=False,
                           bgcolor="rgba(255,255,255,0.85)")
    if res is None:
        return fig
    names = [data.name(k) for k in codes]
    boot = res.bootstrap
    if boot is not None:
        wx: list[str | None] = []
        wy: list[float | None] = []
        for k, name in zip(codes, names):
            i = res.index(k)
            wx += [name, name, None]
            wy += [float(boot.ci_low[i]), float(boot.ci_high[i]), None]
        fig.add_trace(go.Scatter(x=wx, y=wy, mode="lines+markers", name="95 % intervall (bootstrap)",
                                 line={"color": RIKET_COLOR, "width": 2},
                                 marker={"symbol": "line-ew-open", "size": 12, "color": RIKET_COLOR},
                                 hoverinfo="skip"))
        fig.add_trace(go.Scatter(
            x=names, y=[float(boot.bias_corrected[res.index(k)]) for k in codes], mode="markers",
            name="Biaskorrigerad", marker={"symbol": "circle-open", "size": 9, "color": RIKET_COLOR},
            hovertemplate="%{x}: biaskorrigerad %{y:.3f}<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=names, y=[float(res.scores[res.index(k)]) for k in codes], mode="markers", name="DEA-effektivitet",
        customdata=codes,
        marker={"symbol": "diamond", "size": 12,
                "color": [KOMMUN_COLOR if k == summary.kommunkod else PEER_COLOR for k in codes]},
        hovertemplate="%{x}: %{y:.3f}<extra></extra>"))
    return fig
