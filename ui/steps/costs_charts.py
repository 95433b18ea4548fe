"""Plotly figures of a cost summary, built from plain numbers and kept for the session
(ui.figures), so a rerun that did not change the costs reuses them."""

from __future__ import annotations

import plotly.graph_objects as go

from canvas_core.steps.costs.rules import (
    CATEGORY_COLOURS,
    CATEGORY_LABELS,
    ONE_TIME,
    TAXONOMY,
    CostSummary,
)
from ui.figures import session_figure


def cost_bars(summary: CostSummary, currency: str) -> go.Figure:
    """One-time against running per year, stacked by category (expected values)."""
    values = tuple(float(summary.by_category[c].expected) for c in TAXONOMY)
    return session_figure("cost-bars", _cost_bars, values, currency)


def cumulative_cost(summary: CostSummary, currency: str) -> go.Figure:
    """Cost over the years with its low-high band, and the benefit needed to break even."""
    years = tuple((float(r.low), float(r.expected), float(r.high)) for r in summary.cumulative)
    return session_figure("cost-years", _cumulative, years, float(summary.break_even_per_year.expected), currency)


def _layout(fig: go.Figure, title: str, currency: str) -> go.Figure:
    # No template: Streamlit applies its own chart theme.
    fig.update_layout(title=title, height=360, margin=dict(l=10, r=10, t=50, b=10), legend_title_text="",
                      yaxis_title=currency)
    return fig


def _cost_bars(values: tuple[float, ...], currency: str) -> go.Figure:
    fig = go.Figure()
    for category, value in zip(TAXONOMY, values):
        column = "One-time" if category in ONE_TIME else "Running per year"
        fig.add_bar(name=CATEGORY_LABELS[category], x=[column], y=[value], marker_color=CATEGORY_COLOURS[category],
                    hovertemplate="%{fullData.name}: %{y:,.0f}<extra></extra>")
    fig.update_layout(barmode="stack")
    return _layout(fig, "One-time and running costs by category (expected)", currency)


def _cumulative(cumulative: tuple[tuple[float, float, float], ...], need_per_year: float, currency: str) -> go.Figure:
    years = list(range(len(cumulative)))
    fig = go.Figure()
    fig.add_scatter(x=years, y=[high for _, _, high in cumulative], mode="lines", line=dict(width=0),
                    name="High", showlegend=False, hoverinfo="skip")
    fig.add_scatter(x=years, y=[low for low, _, _ in cumulative], mode="lines", line=dict(width=0),
                    fill="tonexty", fillcolor="rgba(37,99,168,0.18)", name="Low to high")
    fig.add_scatter(x=years, y=[expected for _, expected, _ in cumulative], mode="lines+markers",
                    line=dict(color="#2563A8", width=3), name="Expected cost")
    fig.add_scatter(x=years, y=[need_per_year * y for y in years], mode="lines",
                    line=dict(color="#B45309", dash="dash"), name="Benefit needed to break even")
    fig.update_xaxes(title="Year", dtick=1)
    return _layout(fig, f"Cumulative cost over {len(cumulative) - 1} years", currency)
