"""Plotly figures of a cost summary: pure functions, no Streamlit."""

from __future__ import annotations

import plotly.graph_objects as go

from canvas_core.costs import CATEGORY_LABELS, ONE_TIME, RUNNING, CostSummary

_COLOURS = {
    "staff": "#2563A8", "infrastructure": "#60A5FA", "change_management": "#93C5FD",
    "system_maintenance": "#B45309", "operational_maintenance": "#F59E0B", "data": "#FCD34D",
}


def _layout(fig: go.Figure, title: str, currency: str) -> go.Figure:
    fig.update_layout(title=title, height=360, margin=dict(l=10, r=10, t=50, b=10), legend_title_text="",
                      yaxis_title=currency, template="plotly_white")
    return fig


def cost_bars(summary: CostSummary, currency: str) -> go.Figure:
    """One-time against running per year, stacked by category (expected values)."""
    fig = go.Figure()
    for category in (*ONE_TIME, *RUNNING):
        column = "One-time" if category in ONE_TIME else "Running per year"
        value = float(summary.by_category[category].expected)
        fig.add_bar(name=CATEGORY_LABELS[category], x=[column], y=[value], marker_color=_COLOURS[category],
                    hovertemplate="%{fullData.name}: %{y:,.0f}<extra></extra>")
    fig.update_layout(barmode="stack")
    return _layout(fig, "One-time and running costs by category (expected)", currency)


def cumulative_cost(summary: CostSummary, currency: str) -> go.Figure:
    """Cost over the years with its low-high band, and the benefit needed to break even."""
    years = list(range(len(summary.cumulative)))
    fig = go.Figure()
    fig.add_scatter(x=years, y=[float(r.high) for r in summary.cumulative], mode="lines", line=dict(width=0),
                    name="High", showlegend=False, hoverinfo="skip")
    fig.add_scatter(x=years, y=[float(r.low) for r in summary.cumulative], mode="lines", line=dict(width=0),
                    fill="tonexty", fillcolor="rgba(37,99,168,0.18)", name="Low to high")
    fig.add_scatter(x=years, y=[float(r.expected) for r in summary.cumulative], mode="lines+markers",
                    line=dict(color="#2563A8", width=3), name="Expected cost")
    need = float(summary.break_even_per_year.expected)
    fig.add_scatter(x=years, y=[need * y for y in years], mode="lines", line=dict(color="#B45309", dash="dash"),
                    name="Benefit needed to break even")
    fig.update_xaxes(title="Year", dtick=1)
    return _layout(fig, f"Cumulative cost over {summary.horizon_years} years", currency)
