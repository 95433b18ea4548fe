"""The cost step as a Markdown section: totals, categories, cumulative cost by year, every line."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from canvas_core.i18n import _, ngettext
from canvas_core.plan import Plan
from canvas_core.report.markdown_text import cell, escape, number, table
from canvas_core.steps import Step
from canvas_core.steps.costs import rules as costs


def section(plan: Plan, step: Step) -> Iterator[str]:
    def money(amount: Decimal) -> str:
        return cell(costs.format_money(amount, plan.meta.currency, plan.meta.language))

    estimate = plan.costs
    yield f"## {_(step.title)}"
    yield ""
    if not estimate.lines:
        yield _("No cost lines yet.")
        yield ""
        return
    summary = costs.summarize(estimate)
    years = summary.horizon_years
    share = costs.percent_text(estimate.maintenance_share, plan.meta.language)
    yield ngettext("System maintenance is {share} of the initial development cost per year (an assumption); "
                   "the total cost of ownership covers {count} year.",
                   "System maintenance is {share} of the initial development cost per year (an assumption); "
                   "the total cost of ownership covers {count} years.", years).format(share=share, count=years)
    yield ""
    yield "### " + _("Totals")
    yield ""
    totals = [(_("One-time"), summary.one_time), (_("Running per year"), summary.running_per_year),
              (ngettext("Total cost of ownership, {count} year", "Total cost of ownership, {count} years",
                        years).format(count=years), summary.total_cost_of_ownership),
              (_("Yearly benefit needed to break even"), summary.break_even_per_year)]
    yield from table(["", _("Low"), _("Expected"), _("High")],
                      ([label, money(r.low), money(r.expected), money(r.high)] for label, r in totals), [1, 2, 3])
    value = costs.value_comparison(plan)
    if value:
        yield escape(value)
        yield ""
    yield "### " + _("By category")
    yield ""
    yield from table([_("Category"), _("Kind"), _("Low"), _("Expected"), _("High")],
                      ([costs.category_label(c), costs.kind_label(c),
                        money(r.low), money(r.expected), money(r.high)] for c, r in summary.by_category.items()),
                      [2, 3, 4])
    yield "### " + _("Cumulative cost by year")
    yield ""
    yield from table([_("End of year"), _("Low"), _("Expected"), _("High")],
                      ([str(year), money(r.low), money(r.expected), money(r.high)]
                       for year, r in enumerate(summary.cumulative)), [0, 1, 2, 3])
    yield "### " + _("Cost lines")
    yield ""
    def plain_money(amount: Decimal) -> str:
        return costs.format_money(amount, plan.meta.currency, plan.meta.language)

    def row(line) -> list[str]:
        amounts = costs.line_amounts(line)
        return [costs.category_label(line.category), cell(line.label), costs.covers_label(line.covers),
                number(line.people), number(line.months), cell(costs.staffing_text(line, plain_money)),
                money(amounts.low), money(amounts.expected), money(amounts.high),
                _("yes") if line.assumption else "", cell(line.note)]

    rows = (row(line) for c in costs.TAXONOMY for line in estimate.lines if line.category == c)
    yield from table([_("Category"), _("Line"), _("Covers"), _("People"), _("Months"), _("Computed as"), _("Low"),
                      _("Expected"), _("High"), _("Assumption"), _("Note")], rows, [3, 4, 6, 7, 8])
