"""The cost step: totals, every line by category, and the two charts with their numbers."""

from __future__ import annotations

from decimal import Decimal

from reportlab.platypus import Flowable, KeepTogether, Spacer

from canvas_core.i18n import _, ngettext
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
    out: list[Flowable] = [*new_page(PORTRAIT), para(esc(_(step.title)), st.h1)]
    if not estimate.lines:
        return [*out, para(muted(_("No cost lines yet.")), st.body)]
    summary = costs.summarize(estimate)
    width = ctx.geometry.portrait.width
    money = lambda v: costs.format_money(v, ctx.currency, ctx.language)  # noqa: E731
    years = estimate.horizon_years
    intro = ngettext("A back-of-the-envelope estimate in {currency}: low, expected and high for every line. System "
                     "maintenance is {share} of the initial development cost (staff and infrastructure) per year; "
                     "the horizon is {count} year.",
                     "A back-of-the-envelope estimate in {currency}: low, expected and high for every line. System "
                     "maintenance is {share} of the initial development cost (staff and infrastructure) per year; "
                     "the horizon is {count} years.", years)
    share = _percent(estimate.maintenance_share, ctx.language)
    out += [para(esc(intro.format(currency=ctx.currency, share=share, count=years)), st.body),
            _totals(summary, money, width), *_value(ctx), Spacer(1, 6),
            category_bars(summary, ctx.currency, ctx.language, width), Spacer(1, 8),
            cumulative_cost(summary, ctx.currency, ctx.language, width),
            para(esc(_("Cost lines")), st.h2), _lines(ctx, summary, money, width)]
    return out


def _percent(share: Decimal, language: str) -> str:
    """A whole percentage as the PDF has always written it: "20 %"."""
    return f"{costs.format_number((share * 100).quantize(Decimal(1)), language)} %"


def _totals(summary: costs.CostSummary, money, width: float) -> Flowable:
    st = styles()
    years = summary.horizon_years
    rows = [[para(h, st.cell_head if i == 0 else st.cell_head_right) for i, h in
             enumerate([_("Total"), _("Low"), _("Expected"), _("High")])]]
    for label, r in ((_("One-time cost"), summary.one_time), (_("Running cost per year"), summary.running_per_year),
                     (ngettext("Total cost of ownership over {count} year", "Total cost of ownership over {count} years",
                               years).format(count=years), summary.total_cost_of_ownership),
                     (_("Yearly benefit needed to break even"), summary.break_even_per_year)):
        rows.append([para(bold(esc(label)), st.cell), *(money(v) for v in (r.low, r.expected, r.high))])
    return KeepTogether([table(rows, [76, 33, 33, 33], width, right=(1, 2, 3))])


def _value(ctx: ReportContext) -> list[Flowable]:
    """The value of the hours saved against the break-even need, when the team priced an hour saved."""
    sentence = costs.value_comparison(ctx.plan)
    return [Spacer(1, 4), para(esc(sentence), styles().body)] if sentence else []


def _lines(ctx: ReportContext, summary: costs.CostSummary, money, width: float) -> Flowable:
    st = styles()
    head = [_("Line"), _("Covers"), _("People × months"), _("Low"), _("Expected"), _("High")]
    rows = [[para(esc(h), st.cell_head if i < 3 else st.cell_head_right) for i, h in enumerate(head)]]
    extra = []
    estimate = ctx.plan.costs
    for category in costs.TAXONOMY:
        lines = [line for line in estimate.lines if line.category == category]
        computed = category == "system_maintenance"
        if not lines and not computed:
            continue
        total = summary.by_category[category]
        name = costs.category_label(category)
        heading = name if category in costs.ONE_TIME else _("{category}, per year").format(category=name)
        extra += [band(len(rows)), ("FONT", (3, len(rows)), (-1, len(rows)), fonts.BOLD, 8.5)]
        rows.append([para(bold(esc(heading)), st.cell), "", "",
                     *(money(v) for v in (total.low, total.expected, total.high))])
        if computed:
            share = estimate.maintenance_share
            development = sum((summary.by_category[c].expected for c in costs.DEVELOPMENT), Decimal(0))
            computed_text = _("Computed: {share} of the initial development cost ({amount} expected)").format(
                share=_percent(share, ctx.language), amount=money(development))
            rows.append([para(esc(computed_text) + " " + muted(esc(_("[assumption]"))), st.cell),
                         "", "", "", "", ""])
        for line in lines:
            text = esc(line.label)
            if line.assumption:
                text += " " + muted(esc(_("[assumption]")))
            computed = costs.staffing_text(line, money)
            if computed:
                text += "<br/>" + esc(computed)
            if line.note.strip():
                text += "<br/>" + muted(esc(line.note))
            staffing = (f"{costs.format_number(line.people, ctx.language)} × "
                        f"{costs.format_number(line.months, ctx.language)}"
                        if line.people is not None and line.months is not None else "")
            covers = para(esc(costs.covers_label(line.covers)), st.cell) if line.covers else ""
            amounts = costs.line_amounts(line)
            rows.append([para(text, st.cell), covers, staffing,
                         *(money(v) for v in (amounts.low, amounts.expected, amounts.high))])
    # Covers is wide enough for its longest single word ("Monitoring"); the line's text gives up the room.
    return table(rows, [66, 21, 20, 27, 27, 27], width, extra=extra, right=(3, 4, 5))
