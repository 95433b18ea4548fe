"""The data landscape as a Markdown section: the inventory, the findings, each asset in detail."""

from __future__ import annotations

from collections.abc import Iterator

from canvas_core import levels
from canvas_core.i18n import _
from canvas_core.plan import Plan
from canvas_core.report.markdown_text import cell, escape, table
from canvas_core.steps import Step
from canvas_core.steps.costs import rules as costs
from canvas_core.steps.data_landscape import rules as data_landscape


def section(plan: Plan, step: Step) -> Iterator[str]:
    assets = plan.data_landscape.assets
    yield f"## {_(step.title)}"
    yield ""
    if not assets:
        yield _("No data assets yet.")
        yield ""
        return
    dl = data_landscape
    rows = ([cell(a.name), dl.label_of(dl.STATUS_LABELS, a.status), dl.label_of(dl.SHARING_LABELS, a.sharing),
             dl.label_of(dl.ACQUISITION_LABELS, a.acquisition), dl.label_of(dl.PERSONAL_LABELS, a.personal_data),
             dl.labels_of(dl.KIND_LABELS, a.kinds), dl.labels_of(dl.USE_LABELS, a.uses),
             _("yes") if a.at_prediction_time else _("no"),
             cell(costs.format_money(a.yearly_cost, plan.meta.currency, plan.meta.language))
             if a.yearly_cost is not None else ""]
            for a in assets)
    yield from table([_("Asset"), _("Status"), _("Sharing"), _("Acquisition"), _("Personal data"), _("Kinds"),
                      _("Uses"), _("Known at prediction time"), _("Yearly cost")], rows, [8])
    found = dl.findings(plan)
    yield "### " + _("Findings")
    yield ""
    for finding in found:
        yield f"- **{levels.word(finding.level)}: {cell(finding.title)}.** {escape(finding.detail, indent='  ')}"
    if not found:
        yield _("None.")
    yield ""
    yield "### " + _("Assets in detail")
    yield ""
    for asset in assets:
        yield f"#### {cell(asset.name)}"
        yield ""
        details = [(_("Description"), asset.description), (_("Contents"), asset.contents), (_("Owner"), asset.owner),
                   (_("Location"), asset.location), (_("Volume"), asset.volume), (_("Refresh"), asset.refresh),
                   (_("How the project uses it"), asset.use), (_("Legal basis"), asset.legal_basis),
                   (_("Plan to get it"), asset.acquisition_plan), (_("Paid by"), dl.paid_by(plan, asset))]
        for label, value in details:
            if value.strip():
                yield f"- **{label}:** {escape(value, indent='  ')}"
        yield ""
