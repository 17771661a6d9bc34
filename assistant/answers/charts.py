"""Charts drawn from the typed results (any KPI of the catalogue): a trend line against
Riket and a ranking's bars. Plotly figures as JSON, with the source line under them."""

from __future__ import annotations

import plotly.graph_objects as go
from indices.provenance import KALLA_KOLADA

from assistant.answers.results import Ranking, Trend
from assistant.charts import _axis, _base, figure_json, value_axis


def trend_figure(t: Trend) -> dict:
    fig = _base(f"{t.kpi.title}: {t.kommun} och riket", f"{t.kpi.kpi}. {KALLA_KOLADA}",
                xaxis=_axis("År", separatethousands=False),
                yaxis=value_axis(t.kpi.unit, t.kpi.unit, [v for p in t.points for v in (p.value, p.riket)]))
    years = [p.year for p in t.points]
    fig.add_trace(go.Scatter(x=years, y=[p.value for p in t.points], name=t.kommun, mode="lines+markers"))
    fig.add_trace(go.Scatter(x=years, y=[p.riket for p in t.points], name="Riket", mode="lines",
                             line={"dash": "dot"}))
    fig.update_xaxes(dtick=1)
    return figure_json(fig)


def ranking_figure(r: Ranking) -> dict:
    rows = list(r.rows)[::-1]
    fig = _base(f"{r.kpi.title}, {r.scope_label} {r.year}", f"{r.kpi.kpi}. {KALLA_KOLADA}",
                xaxis=value_axis(r.kpi.unit, r.kpi.unit, [row.value for row in rows], include_zero=True))
    fig.add_trace(go.Bar(x=[row.value for row in rows], y=[f"{row.place}. {row.kommun}" for row in rows],
                         orientation="h", name=r.kpi.title))
    return figure_json(fig)
