"""The cost step as a Markdown section: totals, categories, cumulative cost by year, every line."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from canvas_core.plan import Plan
from canvas_core.report.markdown_text import cell, escape, number, table
from canvas_core.steps import Step
from canvas_core.steps.costs import rules as costs


def section(plan: Plan, step: Step) -> Iterator[str]:
    def money(amount: Decimal) -> str:
        return cell(costs.format_money(amount, plan.meta.currency, plan.meta.language))

    estimate = plan.costs
    yield f"## {step.title}"
    yield ""
    if not estimate.lines:
        yield "No cost lines yet."
        yield ""
        return
    summary = costs.summarize(estimate)
    years = summary.horizon_years
    yield (f"System maintenance is {estimate.maintenance_share:.0%} of the initial development cost per year "
           f"(an assumption); the total cost of ownership covers {years} year{'s' if years > 1 else ''}.")
    yield ""
    yield "### Totals"
    yield ""
    totals = [("One-time", summary.one_time), ("Running per year", summary.running_per_year),
              (f"Total cost of ownership, {years} year{'s' if years > 1 else ''}", summary.total_cost_of_ownership),
              ("Yearly benefit needed to break even", summary.break_even_per_year)]
    yield from table(["", "Low", "Expected", "High"],
                      ([label, money(r.low), money(r.expected), money(r.high)] for label, r in totals), [1, 2, 3])
    value = costs.value_comparison(plan)
    if value:
        yield escape(value)
        yield ""
    yield "### By category"
    yield ""
    yield from table(["Category", "Kind", "Low", "Expected", "High"],
                      ([costs.CATEGORY_LABELS[c], "one-time" if c in costs.ONE_TIME else "per year",
                        money(r.low), money(r.expected), money(r.high)] for c, r in summary.by_category.items()),
                      [2, 3, 4])
    yield "### Cumulative cost by year"
    yield ""
    yield from table(["End of year", "Low", "Expected", "High"],
                      ([str(year), money(r.low), money(r.expected), money(r.high)]
                       for year, r in enumerate(summary.cumulative)), [0, 1, 2, 3])
    yield "### Cost lines"
    yield ""
    def plain_money(amount: Decimal) -> str:
        return costs.format_money(amount, plan.meta.currency, plan.meta.language)

    def row(line) -> list[str]:
        amounts = costs.line_amounts(line)
        return [costs.CATEGORY_LABELS[line.category], cell(line.label), costs.COVERS_LABELS.get(line.covers, ""),
                number(line.people), number(line.months), cell(costs.staffing_text(line, plain_money)),
                money(amounts.low), money(amounts.expected), money(amounts.high),
                "yes" if line.assumption else "", cell(line.note)]

    rows = (row(line) for c in costs.TAXONOMY for line in estimate.lines if line.category == c)
    yield from table(["Category", "Line", "Covers", "People", "Months", "Computed as", "Low", "Expected", "High",
                      "Assumption", "Note"], rows, [3, 4, 6, 7, 8])
