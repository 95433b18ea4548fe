"""The data landscape's words and findings: what is missing, personal, unpaid or unusable.

The inventory itself lives in the plan (`DataAsset`); this module names its
values for people and derives the findings the page, the review and the report
show. Each finding names the assets behind it, so the team knows what to fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from canvas_core.i18n import N_, SOURCE, _, current
from canvas_core.plan import CostLine, DataAsset, Plan

# The labels are catalogue texts: the stored values are the keys, the labels are translated where
# shown (label(), labels()).

STATUS_LABELS = {
    "available": N_("Available"),
    "accessible": N_("Accessible (planned)"),
    "missing": N_("Required but missing"),
    "question": N_("Open question"),
}
SHARING_LABELS = {"private": N_("Private to us"), "shared": N_("Shared with a partner"), "public": N_("Public")}
ACQUISITION_LABELS = {"owned": N_("Owned"), "public": N_("Public"), "earned": N_("Earned"), "paid": N_("Paid")}
PERSONAL_LABELS = {
    "none": N_("None"),
    "pseudonymous": N_("Pseudonymous"),
    "personal": N_("Personal"),
    "special_category": N_("Special category"),
    "dont_know": N_("Don't know"),
}
USE_LABELS = {"label": N_("Label"), "feature": N_("Feature"), "monitoring": N_("Monitoring"),
              "evaluation": N_("Evaluation")}
KIND_LABELS = {
    "tables": N_("Tables"),
    "text": N_("Text"),
    "images": N_("Images"),
    "audio": N_("Audio"),
    "video": N_("Video"),
    "events": N_("Events"),
    "time_series": N_("Time series"),
    "documents": N_("Documents"),
    "geodata": N_("Geodata"),
    "other": N_("Other"),
}


def label_of(table: dict[str, str], value: str) -> str:
    """A stored value's label in the current language (`table` is one of the tables above)."""
    return _(table[value])


def in_sentence(label: str) -> str:
    """A label inside a sentence: lower case in English; German nouns keep their capital."""
    return label.lower() if current() == SOURCE else label


def labels_of(table: dict[str, str], values) -> str:
    """Several stored values' labels in the current language, joined with commas."""
    return ", ".join(_(table[v]) for v in values)


@dataclass(frozen=True)
class Finding:
    kind: str  # missing, question, personal, unpaid, not_at_prediction, no_label_source
    level: Literal["red", "amber"]
    title: str
    detail: str  # names the assets (raw user text) and what to do
    asset_ids: tuple[str, ...]


def is_paid(asset: DataAsset) -> bool:
    """Data that costs money: bought, or given a yearly cost whatever its acquisition."""
    return asset.acquisition == "paid" or (asset.yearly_cost or 0) > 0


def paid_assets(plan: Plan) -> list[DataAsset]:
    return [a for a in plan.data_landscape.assets if is_paid(a)]


def linked_asset(plan: Plan, line: CostLine) -> DataAsset | None:
    """The data asset the line is linked to (it pays for it), if that asset is still in the inventory."""
    return next((a for a in plan.data_landscape.assets if line.source_asset_id and a.id == line.source_asset_id), None)


def cost_line_for(plan: Plan, asset: DataAsset) -> CostLine | None:
    """The cost line that pays for the asset: the one linked to it, else a data line typed with its
    name that pays for no other asset."""
    linked = next((line for line in plan.costs.lines if line.source_asset_id == asset.id), None)
    if linked is not None:
        return linked
    name = asset.name.strip().casefold()
    return next((line for line in plan.costs.lines
                 if line.category == "data" and line.label.strip().casefold() == name
                 and linked_asset(plan, line) is None), None)


def linkable_lines(plan: Plan) -> list[CostLine]:
    """The cost lines that pay for no asset yet, data lines first: those a paid asset can be linked to."""
    free = [line for line in plan.costs.lines if linked_asset(plan, line) is None]
    return [line for line in free if line.category == "data"] + [line for line in free if line.category != "data"]


NO_COST_LINE = N_("no cost line yet")


def paid_by(plan: Plan, asset: DataAsset) -> str:
    """The cost line paying for the asset, as the inventory names it: the line's item (with "same
    name" when it is matched by its name, not linked), NO_COST_LINE (translated), or "" for data
    that costs nothing."""
    if not is_paid(asset):
        return ""
    line = cost_line_for(plan, asset)
    if line is None:
        return _(NO_COST_LINE)
    return line.label if line.source_asset_id == asset.id else _("{item} (same name)").format(item=line.label)


def _names(assets: list[DataAsset]) -> str:
    return "; ".join(a.name for a in assets)


def _grade(asset: DataAsset) -> str:
    # Not knowing is treated like personal data until someone finds out.
    return _("not known yet whether personal") if asset.personal_data == "dont_know" else (
        in_sentence(_(PERSONAL_LABELS[asset.personal_data])))


def _uses(asset: DataAsset) -> str:
    return ", ".join(in_sentence(_(USE_LABELS[u])) for u in asset.uses) or _("no use given yet")


def findings(plan: Plan) -> list[Finding]:
    """Everything the team should act on, most serious first, in the current language. No assets,
    no findings."""
    assets = plan.data_landscape.assets
    if not assets:
        return []
    found: list[Finding] = []

    # Missing data nobody plans to get is serious; with a plan it is a task of the project.
    missing = [a for a in assets if a.status == "missing" and not a.acquisition_plan.strip()]
    if missing:
        found.append(Finding(
            "missing", "red", _("Required data is missing ({count})").format(count=len(missing)),
            _("Needed but not there yet: {assets}. Plan who produces it and by when, or how the project goes ahead "
              "without it.").format(assets="; ".join(_("{name} (as {uses})").format(name=a.name, uses=_uses(a))
                                                     for a in missing)),
            tuple(a.id for a in missing)))
    planned = [a for a in assets if a.status == "missing" and a.acquisition_plan.strip()]
    if planned:
        found.append(Finding(
            "to_obtain", "amber", _("Required data still to obtain ({count})").format(count=len(planned)),
            _("Missing today, with a plan to get it: {assets}.").format(
                assets="; ".join(f"{a.name} ({a.acquisition_plan.strip()})" for a in planned)),
            tuple(a.id for a in planned)))

    late = [a for a in assets if "feature" in a.uses and not a.at_prediction_time]
    if late:
        found.append(Finding(
            "not_at_prediction", "red", _("Features the model cannot have when it predicts"),
            _("{assets}: only known after the prediction is needed. A model trained on it looks good in tests and "
              "fails in use; drop it as a feature or find an earlier signal.").format(assets=_names(late)),
            tuple(a.id for a in late)))

    label_assets = [a for a in assets if "label" in a.uses]
    usable_labels = [a for a in label_assets if a.status in ("available", "accessible")]
    if not label_assets:
        found.append(Finding(
            "no_label_source", "red", _("No source of labels"),
            _("No asset is marked as providing labels (the outcomes the model learns from). Name where the right "
              "answers come from, even if they must be collected first."), ()))
    elif not usable_labels:
        found.append(Finding(
            "no_label_source", "red", _("The labels have no source yet"),
            _("Every asset meant to provide labels is missing or in question: {assets}.").format(
                assets=_names(label_assets)),
            tuple(a.id for a in label_assets)))

    # Personal data whose legal basis is written down has its answer; the rest raises the question.
    personal = [a for a in assets if a.personal_data != "none" and not a.legal_basis.strip()]
    if personal:
        special = [a for a in personal if a.personal_data == "special_category"]
        grades = "; ".join(f"{a.name} ({_grade(a)})" for a in personal)
        detail = _("Personal data with no legal basis stated: {assets}. Which regulation applies (in the EU the "
                   "GDPR), on what legal basis may it be used for training and for predictions, how long is it "
                   "kept, and has the data protection officer been asked?").format(assets=grades)
        if special:
            detail += " " + _("{assets} holds special category data (such as health or beliefs), which may only be "
                              "processed under an explicit exception.").format(assets=_names(special))
        found.append(Finding("personal", "red" if special else "amber",
                             _("Personal data without a stated legal basis"),
                             detail, tuple(a.id for a in personal)))

    unpaid = [a for a in paid_assets(plan) if cost_line_for(plan, a) is None]
    if unpaid:
        found.append(Finding(
            "unpaid", "amber", _("Paid data without a cost line"),
            _("{assets}: add it to the cost estimate. On the cost step, link it to the cost line that pays for it, "
              "or add it as a new line.").format(assets=_names(unpaid)),
            tuple(a.id for a in unpaid)))

    open_questions = [a for a in assets if a.status == "question"]
    if open_questions:
        found.append(Finding(
            "question", "amber", _("Open questions about data ({count})").format(count=len(open_questions)),
            _("Not settled whether it can be used: {assets}.").format(assets=_names(open_questions)),
            tuple(a.id for a in open_questions)))
    return sorted(found, key=lambda f: ["red", "amber"].index(f.level))  # most serious first, stable


# --- completeness ------------------------------------------------------------------


def completeness(plan: Plan, step: object = None) -> float:
    """How well the inventory describes the data (the facet of the step registry)."""
    assets = plan.data_landscape.assets
    if not assets:
        return 0.0
    described = [
        len(assets) >= 3,
        all(a.uses for a in assets),  # how the project uses each asset
        any("label" in a.uses for a in assets),  # where the right answers come from
        all(a.owner.strip() and a.location.strip() for a in assets),  # whom to ask, where to look
    ]
    return sum(described) / len(described)
