"""Costs: a back-of-the-envelope estimate with the cost taxonomy.

rules (totals, ranges, TCO, break-even, money, presets), edits (every change), charts and pdf (its
PDF pages), markdown (its Markdown section).
"""

from canvas_core.i18n import N_
from canvas_core.steps import Step

STEP = Step(
    "costs", 3, N_("Costs"),
    N_("A back-of-the-envelope estimate: one-time and running costs, a multi-year total and the break-even benefit."),
    page="pages/costs.py", url_path="cost-estimate", icon=":material/payments:",
    completeness="canvas_core.steps.costs.rules:completeness",
    pdf_section="canvas_core.steps.costs.pdf:section",
    markdown_section="canvas_core.steps.costs.markdown:section",
    plan_part="costs",
)
