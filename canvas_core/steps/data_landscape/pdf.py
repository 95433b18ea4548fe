"""The data landscape step: the picture with its key, the findings, and the full inventory."""

from __future__ import annotations

from reportlab.platypus import Flowable, FrameBreak, KeepTogether, Spacer

from canvas_core import levels
from canvas_core.i18n import _
from canvas_core.plan import DataAsset, Plan
from canvas_core.report.context import ReportContext
from canvas_core.report.document import LANDSCAPE, LANDSCAPE_PICTURE, new_page
from canvas_core.report.tables import table
from canvas_core.report.text import bold, esc, muted, para, styles
from canvas_core.steps import Step
from canvas_core.steps.costs.rules import format_money
from canvas_core.steps.data_landscape import rules as dl
from canvas_core.steps.data_landscape.diagram import LandscapeDiagram
from canvas_core.steps.data_landscape.picture import LandscapePicture, landscape_picture


def section(ctx: ReportContext, step: Step) -> list[Flowable]:
    st = styles()
    assets = ctx.plan.data_landscape.assets
    out: list[Flowable] = [*new_page(LANDSCAPE_PICTURE), para(esc(_(step.title)), st.h1)]
    if not assets:
        return [*out, para(muted(esc(_("No data assets yet."))), st.body)]
    numbers = {a.id: i for i, a in enumerate(assets, start=1)}
    box = ctx.geometry.landscape
    picture = landscape_picture(ctx.plan)
    out += [LandscapeDiagram(picture, ctx.geometry.picture_width, box.height - 80, numbers), Spacer(1, 4),
            *_key(picture), FrameBreak(),
            *_findings(ctx), *new_page(LANDSCAPE), para(esc(_("Data inventory")), st.h2), _inventory(ctx, assets)]
    return out


def _key(picture: LandscapePicture) -> list[Flowable]:
    st = styles()
    # A white dot cannot be shown on white paper as text: grey, and the key says it is white.
    def named(entry) -> str:
        return _("{label} (white)").format(label=entry.label) if entry.colour == "#ffffff" else entry.label

    dots = " &nbsp; ".join(
        f'<font color="{"#9ca3af" if e.colour == "#ffffff" else e.colour}">●</font> {esc(named(e))}'
        for e in picture.legend)
    return [para(dots, st.small),
            para(esc(_("Rings from the centre: private to us, shared with a partner, public. Dotted red ring: "
                       "personal data. Small black square: paid data. Numbers as in the inventory.")), st.small)]


def _findings(ctx: ReportContext) -> list[Flowable]:
    st = styles()
    found = dl.findings(ctx.plan)
    out: list[Flowable] = [para(esc(_("Findings")), st.h2)]
    if not found:
        return [*out, para(esc(_("Nothing to act on: every asset is available or planned, labels have a source and "
                                 "no personal or paid data is left unaddressed.")), st.body)]
    for f in found:
        colour = levels.COLOURS[f.level]
        out.append(KeepTogether([
            para(f'<font color="{colour}">●</font> {bold(esc(f.title))} '
                 f'<font color="{colour}">({esc(levels.word(f.level).lower())})</font>', st.body),
            para(esc(f.detail), st.bullet),
        ]))
    return out


def _asset_cell(plan: Plan, asset: DataAsset) -> str:
    parts = [f"{bold(esc(asset.name))}"]
    if asset.description.strip():
        parts.append(esc(asset.description))
    details = [(_("Contents"), asset.contents), (_("Paid by"), dl.paid_by(plan, asset))]
    parts += [f"<i>{esc(label)}:</i> {esc(value)}" for label, value in details if value.strip()]
    return "<br/>".join(parts)


def _with_answer(choice: str, label: str, answer: str) -> str:
    """A choice with the answer it asks for below it (the plan to get missing data, the legal basis of
    personal data): spread over the row's cells, the long answers keep the rows short."""
    return f"{esc(choice)}<br/><i>{esc(label)}:</i> {esc(answer)}" if answer.strip() else esc(choice)


def _inventory(ctx: ReportContext, assets: list[DataAsset]) -> Flowable:
    st = styles()
    head = ["#", _("Asset"), _("Kind"), _("Owner, location"), _("Ring, acquired"), _("Status"), _("Personal data"),
            _("Volume, refresh"), _("Used as"), _("Cost / year"), _("How the project uses it")]
    rows = [[para(esc(h), st.cell_head) for h in head]]
    for number, asset in enumerate(assets, start=1):
        owner = "<br/>".join(esc(v) for v in (asset.owner, asset.location) if v.strip()) or muted("–")
        volume = "<br/>".join(esc(v) for v in (asset.volume, asset.refresh) if v.strip()) or muted("–")
        uses = esc(dl.labels_of(dl.USE_LABELS, asset.uses)) or muted("–")
        if "feature" in asset.uses and not asset.at_prediction_time:
            uses += '<br/><font color="#b91c1c">' + esc(_("not known at prediction time")) + "</font>"
        cost = (format_money(asset.yearly_cost, ctx.currency, ctx.language) if asset.yearly_cost is not None
                else muted("–"))
        rows.append([
            para(str(number), st.cell), para(_asset_cell(ctx.plan, asset), st.cell),
            para(esc(dl.labels_of(dl.KIND_LABELS, asset.kinds)) or muted("–"), st.cell), para(owner, st.cell),
            para(f"{esc(dl.label_of(dl.SHARING_LABELS, asset.sharing))}<br/>"
                 f"{esc(dl.label_of(dl.ACQUISITION_LABELS, asset.acquisition))}", st.cell),
            para(_with_answer(dl.label_of(dl.STATUS_LABELS, asset.status), _("Plan to get it"), asset.acquisition_plan),
                 st.cell),
            para(_with_answer(dl.label_of(dl.PERSONAL_LABELS, asset.personal_data), _("Legal basis"),
                              asset.legal_basis), st.cell),
            para(volume, st.cell), para(uses, st.cell), para(cost, st.cell_right),
            para(esc(asset.use) if asset.use.strip() else muted("–"), st.cell),
        ])
    return table(rows, [6, 40, 19, 24, 20, 40, 40, 21, 21, 17, 34], ctx.geometry.landscape.width)
