"""The cost step: totals, every line by category, and the two charts with their numbers."""

from __future__ import annotations

from decimal import Decimal

from reportlab.platypus import Flowable, KeepTogether, Spacer

from canvas_core.report import fonts
from canvas_core.report.context import ReportContext
from canvas_core.report.document import PORTRAIT, new_page
from canvas_core.report.tables import band, table
from canvas_core.report.text import bold, esc, muted, para, styles
from canvas_core.steps import Step
from canvas_core.steps.costs import rules as costs
from canvas_core.steps.costs.charts import category_bars, cumulative_cost


def section(ctx: ReportContext, step: Step) -> list[Flowable]:
    st = styles()
    estimate = ctx.plan.costs
    out: list[Flowable] = [*new_page(PORTRAIT), para(esc(step.title), st.h1)]
    if not estimate.lines:
        return [*out, para(muted("No cost lines yet."), st.body)]
    summary = costs.summarize(estimate)
    width = ctx.geometry.portrait.width
    money = lambda v: costs.format_money(v, ctx.currency, ctx.language)  # noqa: E731
    out += [para(f"A back-of-the-envelope estimate in {esc(ctx.currency)}: low, expected and high for every "
                 f"line. System maintenance is {estimate.maintenance_share * 100:.0f} % of the initial "
                 f"development cost (staff and infrastructure) per year; the horizon is "
                 f"{estimate.horizon_years} year{'s' if estimate.horizon_years > 1 else ''}.", st.body),
            _totals(summary, money, width), *_value(ctx), Spacer(1, 6),
            category_bars(summary, ctx.currency, ctx.language, width), Spacer(1, 8),
            cumulative_cost(summary, ctx.currency, ctx.language, width),
            para("Cost lines", st.h2), _lines(ctx, summary, money, width)]
    return out


def _totals(summary: costs.CostSummary, money, width: float) -> Flowable:
    st = styles()
    years = summary.horizon_years
    rows = [[para(h, st.cell_head if i == 0 else st.cell_head_right) for i, h in
             enumerate(["Total", "Low", "Expected", "High"])]]
    for label, r in (("One-time cost", summary.one_time), ("Running cost per year", summary.running_per_year),
                     (f"Total cost of ownership over {years} year{'s' if years > 1 else ''}",
                      summary.total_cost_of_ownership),
                     ("Yearly benefit needed to break even", summary.break_even_per_year)):
        rows.append([para(bold(label), st.cell), *(money(v) for v in (r.low, r.expected, r.high))])
    return KeepTogether([table(rows, [76, 33, 33, 33], width, right=(1, 2, 3))])


def _value(ctx: ReportContext) -> list[Flowable]:
    """The value of the hours saved against the break-even need, when the team priced an hour saved."""
    sentence = costs.value_comparison(ctx.plan)
    return [Spacer(1, 4), para(esc(sentence), styles().body)] if sentence else []


def _lines(ctx: ReportContext, summary: costs.CostSummary, money, width: float) -> Flowable:
    st = styles()
    head = ["Line", "Covers", "People × months", "Low", "Expected", "High"]
    rows = [[para(h, st.cell_head if i < 3 else st.cell_head_right) for i, h in enumerate(head)]]
    extra = []
    estimate = ctx.plan.costs
    for category in costs.TAXONOMY:
        lines = [line for line in estimate.lines if line.category == category]
        computed = category == "system_maintenance"
        if not lines and not computed:
            continue
        total = summary.by_category[category]
        per_year = "" if category in costs.ONE_TIME else ", per year"
        extra += [band(len(rows)), ("FONT", (3, len(rows)), (-1, len(rows)), fonts.BOLD, 8.5)]
        rows.append([para(bold(esc(costs.CATEGORY_LABELS[category]) + per_year), st.cell), "", "",
                     *(money(v) for v in (total.low, total.expected, total.high))])
        if computed:
            share = estimate.maintenance_share
            development = sum((summary.by_category[c].expected for c in costs.DEVELOPMENT), Decimal(0))
            rows.append([para(f"Computed: {share * 100:.0f} % of the initial development cost "
                              f"({money(development)} expected) " + muted("[assumption]"), st.cell),
                         "", "", "", "", ""])
        for line in lines:
            text = esc(line.label)
            if line.assumption:
                text += " " + muted("[assumption]")
            computed = costs.staffing_text(line, money)
            if computed:
                text += "<br/>" + esc(computed)
            if line.note.strip():
                text += "<br/>" + muted(esc(line.note))
            staffing = (f"{line.people.normalize():f} × {line.months.normalize():f}"
                        if line.people is not None and line.months is not None else "")
            covers = para(esc(costs.COVERS_LABELS[line.covers]), st.cell) if line.covers else ""
            amounts = costs.line_amounts(line)
            rows.append([para(text, st.cell), covers, staffing,
                         *(money(v) for v in (amounts.low, amounts.expected, amounts.high))])
    # Covers is wide enough for its longest single word ("Monitoring"); the line's text gives up the room.
    return table(rows, [66, 21, 20, 27, 27, 27], width, extra=extra, right=(3, 4, 5))
