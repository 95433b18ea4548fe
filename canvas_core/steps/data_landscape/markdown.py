"""The data landscape as a Markdown section: the inventory, the findings, each asset in detail."""

from __future__ import annotations

from collections.abc import Iterator

from canvas_core import levels
from canvas_core.plan import Plan
from canvas_core.report.markdown_text import cell, escape, table
from canvas_core.steps import Step
from canvas_core.steps.costs import rules as costs
from canvas_core.steps.data_landscape import rules as data_landscape


def section(plan: Plan, step: Step) -> Iterator[str]:
    assets = plan.data_landscape.assets
    yield f"## {step.title}"
    yield ""
    if not assets:
        yield "No data assets yet."
        yield ""
        return
    dl = data_landscape
    rows = ([cell(a.name), dl.STATUS_LABELS[a.status], dl.SHARING_LABELS[a.sharing], dl.ACQUISITION_LABELS[a.acquisition],
             dl.PERSONAL_LABELS[a.personal_data], ", ".join(dl.KIND_LABELS[k] for k in a.kinds),
             ", ".join(dl.USE_LABELS[u] for u in a.uses), "yes" if a.at_prediction_time else "no",
             cell(costs.format_money(a.yearly_cost, plan.meta.currency, plan.meta.language))
             if a.yearly_cost is not None else ""]
            for a in assets)
    yield from table(["Asset", "Status", "Sharing", "Acquisition", "Personal data", "Kinds", "Uses",
                       "Known at prediction time", "Yearly cost"], rows, [8])
    found = dl.findings(plan)
    yield "### Findings"
    yield ""
    for finding in found:
        yield f"- **{levels.WORDS[finding.level]}: {cell(finding.title)}.** {escape(finding.detail, indent='  ')}"
    if not found:
        yield "None."
    yield ""
    yield "### Assets in detail"
    yield ""
    for asset in assets:
        yield f"#### {cell(asset.name)}"
        yield ""
        details = [("Description", asset.description), ("Contents", asset.contents), ("Owner", asset.owner),
                   ("Location", asset.location), ("Volume", asset.volume), ("Refresh", asset.refresh),
                   ("How the project uses it", asset.use), ("Legal basis", asset.legal_basis),
                   ("Plan to get it", asset.acquisition_plan), ("Paid by", dl.paid_by(plan, asset))]
        for label, value in details:
            if value.strip():
                yield f"- **{label}:** {escape(value, indent='  ')}"
        yield ""
