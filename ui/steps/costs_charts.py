"""Plotly figures of a cost summary, built from plain numbers and kept for the session
(ui.figures), so a rerun that did not change the costs reuses them. The figures' words are in the
app's language and their numbers written as the plan's language writes them: both are part of what
a kept figure was built from."""

from __future__ import annotations

import plotly.graph_objects as go

from canvas_core import i18n
from canvas_core.i18n import _, ngettext
from canvas_core.numbers import style_of
from canvas_core.steps.costs.rules import (
    CATEGORY_COLOURS,
    ONE_TIME,
    TAXONOMY,
    CostSummary,
    category_label,
)
from ui.figures import session_figure


def cost_bars(summary: CostSummary, currency: str, language: str = "en") -> go.Figure:
    """One-time against running per year, stacked by category (expected values)."""
    values = tuple(float(summary.by_category[c].expected) for c in TAXONOMY)
    return session_figure("cost-bars", _cost_bars, values, currency, language, i18n.current())


def cumulative_cost(summary: CostSummary, currency: str, language: str = "en") -> go.Figure:
    """Cost over the years with its low-high band, and the benefit needed to break even."""
    years = tuple((float(r.low), float(r.expected), float(r.high)) for r in summary.cumulative)
    return session_figure("cost-years", _cumulative, years, float(summary.break_even_per_year.expected), currency,
                          language, i18n.current())


def _layout(fig: go.Figure, title: str, currency: str, language: str) -> go.Figure:
    # No template: Streamlit applies its own chart theme. Plotly's separators: the decimal mark, then the
    # grouping mark, as the plan writes numbers.
    style = style_of(language)
    fig.update_layout(title=title, height=360, margin=dict(l=10, r=10, t=50, b=10), legend_title_text="",
                      yaxis_title=currency, separators=style.mark + style.group)
    return fig


def _cost_bars(values: tuple[float, ...], currency: str, language: str, words: str) -> go.Figure:
    with i18n.language(words):
        fig = go.Figure()
        for category, value in zip(TAXONOMY, values):
            column = _("One-time") if category in ONE_TIME else _("Running per year")
            fig.add_bar(name=category_label(category), x=[column], y=[value], marker_color=CATEGORY_COLOURS[category],
                        hovertemplate="%{fullData.name}: %{y:,.0f}<extra></extra>")
        fig.update_layout(barmode="stack")
        return _layout(fig, _("One-time and running costs by category (expected)"), currency, language)


def _cumulative(cumulative: tuple[tuple[float, float, float], ...], need_per_year: float, currency: str,
                language: str, words: str) -> go.Figure:
    with i18n.language(words):
        years = list(range(len(cumulative)))
        fig = go.Figure()
        fig.add_scatter(x=years, y=[high for _low, _expected, high in cumulative], mode="lines", line=dict(width=0),
                        name=_("High"), showlegend=False, hoverinfo="skip")
        fig.add_scatter(x=years, y=[low for low, _expected, _high in cumulative], mode="lines", line=dict(width=0),
                        fill="tonexty", fillcolor="rgba(37,99,168,0.18)", name=_("Low to high"))
        fig.add_scatter(x=years, y=[expected for _low, expected, _high in cumulative], mode="lines+markers",
                        line=dict(color="#2563A8", width=3), name=_("Expected cost"))
        fig.add_scatter(x=years, y=[need_per_year * y for y in years], mode="lines",
                        line=dict(color="#B45309", dash="dash"), name=_("Benefit needed to break even"))
        fig.update_xaxes(title=_("Year"), dtick=1)
        count = len(cumulative) - 1
        return _layout(fig, ngettext("Cumulative cost over {count} year", "Cumulative cost over {count} years",
                                     count).format(count=count), currency, language)
