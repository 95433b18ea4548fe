"""The portfolio page: a table of the plans this browser can see, a value-feasibility picture
coloured by verdict, and two or three plans compared step by step."""

from __future__ import annotations

from decimal import Decimal

import plotly.graph_objects as go
import streamlit as st

from canvas_core import levels
from canvas_core.i18n import _, current
from canvas_core.numbers import format_decimal
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
        st.error(_("The plans cannot be listed right now: {error}.").format(error=error), icon=":material/error:")
        return
    if not visible:
        st.info(_("No plans in this browser yet: create one on Home or open a worked example."), icon=":material/info:")
        return
    rows = [(portfolio_row(plan), params) for plan, params in visible]
    chosen = st.multiselect(_("Verdicts shown"), list(levels.VERDICT_WORDS), default=list(levels.VERDICT_WORDS),
                            format_func=_verdict, key=_FILTER_KEY, placeholder=_("Choose verdicts"))
    shown = [(row, params) for row, params in rows if row.verdict in chosen]
    _table([row for row, _ in shown])
    _picture([row for row, _ in shown])
    _links(shown)
    _compare(visible)


def _verdict(verdict: str) -> str:
    return _(levels.VERDICT_WORDS[verdict])


def _number(value) -> float | None:
    return None if value is None else float(value)


def _table(rows: list[PortfolioRow]) -> None:
    complete, feasibility = _("Complete"), _("Feasibility (1-5)")
    money = [_("One-time (expected)"), _("Total cost of ownership"), _("Benefit needed per year"),
             _("Value of hours saved per year")]
    covers = {True: _("yes"), False: _("no"), None: _("not estimated")}
    st.dataframe(
        [{_("Plan"): r.name, _("Verdict"): _verdict(r.verdict), complete: whole_percent(r.completeness),
          _("Currency"): r.currency, money[0]: _number(r.one_time), money[1]: _number(r.total_cost_of_ownership),
          money[2]: _number(r.break_even_per_year), money[3]: _number(r.value_per_year),
          _("Value covers the need"): covers[r.value_covers_break_even], feasibility: r.feasibility}
         for r in rows],
        column_config={
            complete: st.column_config.ProgressColumn(format="%d%%", min_value=0, max_value=100),
            **{name: st.column_config.NumberColumn(format="localized") for name in money},
            feasibility: st.column_config.NumberColumn(format="%.1f"),
        },
        hide_index=True, key="portfolio-table",
    )  # plan names are user text: a dataframe cell shows text, never markup
    st.caption(_("Click a column's title to sort. Verdict: the facilitator's decision if there is one, else the "
                 "screening's. Feasibility: the mean of data availability, 6 - problem difficulty and 6 - accuracy "
                 "requirement, as scored on the workflow step."))


def _picture(rows: list[PortfolioRow]) -> None:
    placed = [r for r in rows if r.value_per_year is not None and r.feasibility is not None]
    missing = [r.name for r in rows if r not in placed]
    if placed:
        data = tuple((r.name, r.feasibility, float(r.value_per_year), r.verdict, r.currency) for r in placed)
        # The figure is cached per session: the language is part of its data, so a switch draws it anew.
        st.plotly_chart(session_figure("portfolio", _figure, current(), data), key="portfolio-picture",
                        config={"displayModeBar": False})
    if missing:
        st.text(_("Not in the picture (no value estimate or no feasibility scores yet): {plans}").format(
            plans="; ".join(missing)))


def _figure(lang: str, data: tuple) -> go.Figure:
    """`lang`: the language the figure is drawn in (this session's), part of what the figure is kept by."""
    fig = go.Figure()
    for verdict in levels.VERDICT_WORDS:
        words = _verdict(verdict)
        mine = [d for d in data if d[3] == verdict]
        if not mine:
            continue
        fig.add_scatter(x=[d[1] for d in mine], y=[d[2] for d in mine], mode="markers+text", name=words,
                        text=[_plain(d[0]) for d in mine], textposition="top center",
                        marker=dict(size=16, color=levels.VERDICT_COLOURS[verdict], line=dict(color="#1f2937", width=1)),
                        hovertext=[_("{plan}: {value} {currency} a year").format(
                            plan=_plain(d[0]), value=format_decimal(Decimal(round(d[2])), lang), currency=d[4])
                            for d in mine],
                        hoverinfo="text")
    fig.update_xaxes(title=_("Feasibility (1 hard to 5 easy)"), range=[0.5, 5.5], dtick=1)
    fig.update_yaxes(title=_("Value of the hours saved per year"), rangemode="tozero")
    fig.update_layout(height=420, margin=dict(l=10, r=10, t=30, b=10), legend_title_text=_("Verdict"))
    return fig


def _plain(text: str) -> str:
    """Plan names for plotly, which reads <b>, <br> and links in its texts: tags shown as typed."""
    import html

    return html.escape(text[:60], quote=False)


def _links(shown: list[tuple[PortfolioRow, dict[str, str]]]) -> None:
    with st.expander(_("Open a plan")):
        for row, params in shown:
            st.page_link(page_of("home"), label=row.name, icon=":material/open_in_browser:", query_params=params)


def _compare(visible: list[tuple[Plan, dict[str, str]]]) -> None:
    st.subheader(_("Compare plans step by step"))
    names = {plan.id: plan.meta.name for plan, _ in visible}
    picked = st.multiselect(_("Two or three plans"), list(names), format_func=names.get, max_selections=3,
                            key=_COMPARE_KEY, placeholder=_("Choose plans"))
    if len(picked) < 2:
        st.caption(_("Pick at least two plans."))
        return
    plans = {plan.id: plan for plan, _ in visible}
    rows = {plan_id: portfolio_row(plans[plan_id]) for plan_id in picked}
    for column, plan_id in zip(st.columns(len(picked)), picked, strict=True):
        column.markdown(f"**{_verdict(rows[plan_id].verdict)}**")
        column.text(names[plan_id])  # user text: plain
    for step in STEPS:
        with st.expander(f"{step.number}. {_(step.title)}", expanded=step.id == "review"):
            for column, plan_id in zip(st.columns(len(picked)), picked, strict=True):
                column.text("\n".join(step_digest(plans[plan_id], step)))  # user text: plain
