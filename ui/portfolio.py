"""The portfolio page: a table of the plans this browser can see, a value-feasibility picture
coloured by verdict, and two or three plans compared step by step."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from canvas_core import levels
from canvas_core.plan import Plan
from canvas_core.portfolio import PortfolioRow, portfolio_row, step_digest
from canvas_core.steps import STEPS, whole_percent
from canvas_core.store import PlanNotFound, StoreUnavailable
from ui import access
from ui.figures import session_figure
from ui.navigation import page_of
from ui.state import plan_store

_MAX_PLANS = 50
_COMPARE_KEY = "portfolio-compare"
_FILTER_KEY = "portfolio-verdicts"


def _visible_plans() -> list[tuple[Plan, dict[str, str]]]:
    """(plan, link parameters) for the plans Home lists: this browser's, and on a server only this
    computer reaches, every plan in the store. A view-only plan keeps its view link."""
    store = plan_store()
    entries = {e.summary.id: {"view": e.view_token} if e.access == "view" and e.view_token else {"plan": e.summary.id}
               for e in store.remembered(access.browser_token(), limit=_MAX_PLANS)}
    if not access.is_shared_server():
        for summary in store.list_plans(limit=_MAX_PLANS):
            entries.setdefault(summary.id, {"plan": summary.id})
    found = []
    for plan_id, params in entries.items():
        try:
            found.append((store.get(plan_id).plan, params))
        except PlanNotFound:
            continue  # deleted a moment ago
    return found


def show() -> None:
    try:
        visible = _visible_plans()
    except StoreUnavailable as error:
        st.error(f"The plans cannot be listed right now: {error}.", icon=":material/error:")
        return
    if not visible:
        st.info("No plans in this browser yet: create one on Home or open a worked example.", icon=":material/info:")
        return
    rows = [(portfolio_row(plan), params) for plan, params in visible]
    chosen = st.multiselect("Verdicts shown", list(levels.VERDICT_WORDS), default=list(levels.VERDICT_WORDS),
                            format_func=levels.VERDICT_WORDS.get, key=_FILTER_KEY)
    shown = [(row, params) for row, params in rows if row.verdict in chosen]
    _table([row for row, _ in shown])
    _picture([row for row, _ in shown])
    _links(shown)
    _compare(visible)


def _number(value) -> float | None:
    return None if value is None else float(value)


def _table(rows: list[PortfolioRow]) -> None:
    st.dataframe(
        [{"Plan": r.name, "Verdict": levels.VERDICT_WORDS[r.verdict], "Complete": whole_percent(r.completeness),
          "Currency": r.currency, "One-time (expected)": _number(r.one_time),
          "Total cost of ownership": _number(r.total_cost_of_ownership),
          "Benefit needed per year": _number(r.break_even_per_year),
          "Value of hours saved per year": _number(r.value_per_year),
          "Value covers the need": {True: "yes", False: "no", None: "not estimated"}[r.value_covers_break_even],
          "Feasibility (1-5)": r.feasibility}
         for r in rows],
        column_config={
            "Complete": st.column_config.ProgressColumn(format="%d%%", min_value=0, max_value=100),
            **{name: st.column_config.NumberColumn(format="localized") for name in (
                "One-time (expected)", "Total cost of ownership", "Benefit needed per year",
                "Value of hours saved per year")},
            "Feasibility (1-5)": st.column_config.NumberColumn(format="%.1f"),
        },
        hide_index=True, key="portfolio-table",
    )  # plan names are user text: a dataframe cell shows text, never markup
    st.caption("Click a column's title to sort. Verdict: the facilitator's decision if there is one, else the "
               "screening's. Feasibility: the mean of data availability, 6 - problem difficulty and 6 - accuracy "
               "requirement, as scored on the workflow step.")


def _picture(rows: list[PortfolioRow]) -> None:
    placed = [r for r in rows if r.value_per_year is not None and r.feasibility is not None]
    missing = [r.name for r in rows if r not in placed]
    if placed:
        data = tuple((r.name, r.feasibility, float(r.value_per_year), r.verdict, r.currency) for r in placed)
        st.plotly_chart(session_figure("portfolio", _figure, data), key="portfolio-picture",
                        config={"displayModeBar": False})
    if missing:
        st.text("Not in the picture (no value estimate or no feasibility scores yet): " + "; ".join(missing))


def _figure(data: tuple) -> go.Figure:
    fig = go.Figure()
    for verdict, words in levels.VERDICT_WORDS.items():
        mine = [d for d in data if d[3] == verdict]
        if not mine:
            continue
        fig.add_scatter(x=[d[1] for d in mine], y=[d[2] for d in mine], mode="markers+text", name=words,
                        text=[_plain(d[0]) for d in mine], textposition="top center",
                        marker=dict(size=16, color=levels.VERDICT_COLOURS[verdict], line=dict(color="#1f2937", width=1)),
                        hovertext=[f"{_plain(d[0])}: {d[2]:,.0f} {d[4]} a year" for d in mine], hoverinfo="text")
    fig.update_xaxes(title="Feasibility (1 hard to 5 easy)", range=[0.5, 5.5], dtick=1)
    fig.update_yaxes(title="Value of the hours saved per year", rangemode="tozero")
    fig.update_layout(height=420, margin=dict(l=10, r=10, t=30, b=10), legend_title_text="Verdict")
    return fig


def _plain(text: str) -> str:
    """Plan names for plotly, which reads <b>, <br> and links in its texts: tags shown as typed."""
    import html

    return html.escape(text[:60], quote=False)


def _links(shown: list[tuple[PortfolioRow, dict[str, str]]]) -> None:
    with st.expander("Open a plan"):
        for row, params in shown:
            st.page_link(page_of("home"), label=row.name, icon=":material/open_in_browser:", query_params=params)


def _compare(visible: list[tuple[Plan, dict[str, str]]]) -> None:
    st.subheader("Compare plans step by step")
    names = {plan.id: plan.meta.name for plan, _ in visible}
    picked = st.multiselect("Two or three plans", list(names), format_func=names.get, max_selections=3,
                            key=_COMPARE_KEY)
    if len(picked) < 2:
        st.caption("Pick at least two plans.")
        return
    plans = {plan.id: plan for plan, _ in visible}
    rows = {plan_id: portfolio_row(plans[plan_id]) for plan_id in picked}
    for column, plan_id in zip(st.columns(len(picked)), picked, strict=True):
        column.markdown(f"**{levels.VERDICT_WORDS[rows[plan_id].verdict]}**")
        column.text(names[plan_id])  # user text: plain
    for step in STEPS:
        with st.expander(f"{step.number}. {step.title}", expanded=step.id == "review"):
            for column, plan_id in zip(st.columns(len(picked)), picked, strict=True):
                column.text("\n".join(step_digest(plans[plan_id], step)))  # user text: plain
