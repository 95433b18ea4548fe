"""The data landscape's words and findings: what is missing, personal, unpaid or unusable.

The inventory itself lives in the plan (`DataAsset`); this module names its
values for people and derives the findings the page, the review and the report
show. Each finding names the assets behind it, so the team knows what to fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from canvas_core.plan import CostLine, DataAsset, Plan

STATUS_LABELS = {
    "available": "Available",
    "accessible": "Accessible (planned)",
    "missing": "Required but missing",
    "question": "Open question",
}
SHARING_LABELS = {"private": "Private to us", "shared": "Shared with a partner", "public": "Public"}
ACQUISITION_LABELS = {"owned": "Owned", "public": "Public", "earned": "Earned", "paid": "Paid"}
PERSONAL_LABELS = {
    "none": "None",
    "pseudonymous": "Pseudonymous",
    "personal": "Personal",
    "special_category": "Special category",
    "dont_know": "Don't know",
}
USE_LABELS = {"label": "Label", "feature": "Feature", "monitoring": "Monitoring", "evaluation": "Evaluation"}
KIND_LABELS = {
    "tables": "Tables",
    "text": "Text",
    "images": "Images",
    "audio": "Audio",
    "video": "Video",
    "events": "Events",
    "time_series": "Time series",
    "documents": "Documents",
    "geodata": "Geodata",
    "other": "Other",
}


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


def cost_line_for(plan: Plan, asset: DataAsset) -> CostLine | None:
    """The data cost line that pays for the asset: linked to it, or typed with its name."""
    name = asset.name.strip().casefold()
    for line in plan.costs.lines:
        if line.source_asset_id == asset.id or (line.category == "data" and line.label.strip().casefold() == name):
            return line
    return None


def _names(assets: list[DataAsset]) -> str:
    return "; ".join(a.name for a in assets)


def _uses(asset: DataAsset) -> str:
    return ", ".join(USE_LABELS[u].lower() for u in asset.uses) or "no use given yet"


def findings(plan: Plan) -> list[Finding]:
    """Everything the team should act on, most serious first. No assets, no findings."""
    assets = plan.data_landscape.assets
    if not assets:
        return []
    found: list[Finding] = []

    missing = [a for a in assets if a.status == "missing"]
    if missing:
        found.append(Finding(
            "missing", "red", f"Required data is missing ({len(missing)})",
            "Needed but not there yet: " + "; ".join(f"{a.name} (as {_uses(a)})" for a in missing)
            + ". Plan who produces it and by when, or how the project goes ahead without it.",
            tuple(a.id for a in missing)))

    late = [a for a in assets if "feature" in a.uses and not a.at_prediction_time]
    if late:
        found.append(Finding(
            "not_at_prediction", "red", "Features the model cannot have when it predicts",
            f"{_names(late)}: only known after the prediction is needed. A model trained on it looks good "
            "in tests and fails in use; drop it as a feature or find an earlier signal.",
            tuple(a.id for a in late)))

    label_assets = [a for a in assets if "label" in a.uses]
    usable_labels = [a for a in label_assets if a.status in ("available", "accessible")]
    if not label_assets:
        found.append(Finding(
            "no_label_source", "red", "No source of labels",
            "No asset is marked as providing labels (the outcomes the model learns from). "
            "Name where the right answers come from, even if they must be collected first.", ()))
    elif not usable_labels:
        found.append(Finding(
            "no_label_source", "red", "The labels have no source yet",
            f"Every asset meant to provide labels is missing or in question: {_names(label_assets)}.",
            tuple(a.id for a in label_assets)))

    personal = [a for a in assets if a.personal_data != "none"]
    if personal:
        special = [a for a in personal if a.personal_data == "special_category"]
        grades = "; ".join(f"{a.name} ({PERSONAL_LABELS[a.personal_data].lower()})" for a in personal)
        detail = (f"Personal data: {grades}. Which regulation applies (in the EU the GDPR), on what legal basis "
                  "may it be used for training and for predictions, how long is it kept, and has the data "
                  "protection officer been asked?")
        if special:
            detail += (f" {_names(special)} holds special category data (such as health or beliefs), which "
                       "may only be processed under an explicit exception.")
        found.append(Finding("personal", "red" if special else "amber", "Personal data raises a regulations question",
                             detail, tuple(a.id for a in personal)))

    unpaid = [a for a in paid_assets(plan) if cost_line_for(plan, a) is None]
    if unpaid:
        found.append(Finding(
            "unpaid", "amber", "Paid data without a cost line",
            f"{_names(unpaid)}: add it to the cost estimate (the cost step offers it as a line).",
            tuple(a.id for a in unpaid)))

    open_questions = [a for a in assets if a.status == "question"]
    if open_questions:
        found.append(Finding(
            "question", "amber", f"Open questions about data ({len(open_questions)})",
            f"Not settled whether it can be used: {_names(open_questions)}.",
            tuple(a.id for a in open_questions)))
    return found


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
