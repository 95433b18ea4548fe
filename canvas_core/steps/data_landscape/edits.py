"""Changes to the data landscape's inventory. The table is applied all or
nothing: a bad cell leaves every asset as it was and says which row and
column to fix."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from canvas_core.canvas.editing import EditError
from canvas_core.i18n import N_, _
from canvas_core.numbers import NumberLimits, NumberRefused, parse_number
from canvas_core.plan import MAX_MONEY, MONEY_DECIMALS, DataAsset, Plan
from canvas_core.table_delta import apply_delta, blank, number_cell, refusal
from canvas_core.validation import problems

# Table column -> asset field, in the order the table shows them. The column names are the table's
# stable ids (the editor's delta names them); their headings are translated where shown.
ASSET_COLUMNS: dict[str, str] = {
    N_("Asset"): "name",
    N_("Ring"): "sharing",
    N_("Status"): "status",
    N_("Plan to get it"): "acquisition_plan",
    N_("Used as"): "uses",
    N_("At prediction time"): "at_prediction_time",
    N_("Acquisition"): "acquisition",
    N_("Personal data"): "personal_data",
    N_("Legal basis"): "legal_basis",
    N_("Kinds"): "kinds",
    N_("Holds"): "contents",
    N_("Owner"): "owner",
    N_("Lives in"): "location",
    N_("Volume"): "volume",
    N_("Refresh"): "refresh",
    N_("Yearly cost"): "yearly_cost",
    N_("How the project uses it"): "use",
    N_("Description"): "description",
}
_LISTS = {"uses", "kinds"}
_ENUMS = {"sharing", "status", "acquisition", "personal_data"}
# The number fields and what each takes; the table shows them as typed text.
NUMBER_LIMITS: dict[str, NumberLimits] = {"yearly_cost": NumberLimits(MAX_MONEY, decimals=MONEY_DECIMALS)}


def _value(column: str, name: str, raw: Any, language: str, where: str) -> Any:
    if name in NUMBER_LIMITS:
        value = number_cell(raw, language=language, limits=NUMBER_LIMITS[name], where=where,
                            column=_(column))
        return None if value is None else value.quantize(Decimal("0.01"))  # exact: the cents were checked
    raw = blank(raw)
    if name in _LISTS:
        return [str(v) for v in raw] if raw else []
    if name == "at_prediction_time":
        return bool(raw)
    return "" if raw is None else str(raw).strip()


def _checked(asset: DataAsset, row: dict[str, Any], where: str, language: str) -> DataAsset:
    changes = {ASSET_COLUMNS[c]: _value(c, ASSET_COLUMNS[c], v, language, where) for c, v in row.items()
               if c in ASSET_COLUMNS}
    # An emptied choice keeps its value: the table offers no "none" and a blank ring has no place in the picture.
    changes = {f: v for f, v in changes.items() if not (f in _ENUMS and v == "")}
    try:
        updated = DataAsset.model_validate({**asset.model_dump(), **changes})
    except ValidationError as error:
        raise refusal(error, where, {_(column): name for column, name in ASSET_COLUMNS.items()}) from None
    if not updated.name:
        raise EditError(_("{where}: every asset needs a name. The last valid values were kept.").format(where=where))
    return updated


def apply_asset_edits(plan: Plan, row_ids: list[str], edits: dict[str, Any]) -> None:
    """Apply the inventory table's delta to the assets; numbers are read in the plan's language."""
    language = plan.meta.language
    result = apply_delta(plan.data_landscape.assets, row_ids, edits,
                         update=lambda asset, row, where: _checked(asset, row, where, language),
                         create=lambda row, where: _checked(DataAsset(name="-"), {"Asset": "", **row}, where, language))
    if result is not None:
        plan.data_landscape.assets = result[0]


def typed_yearly_cost(text: str, language: str) -> Decimal | None:
    """The yearly cost typed into the add form, exactly as typed (None when left empty)."""
    try:
        value = parse_number(text, language, NUMBER_LIMITS["yearly_cost"])
    except NumberRefused as refused:
        raise EditError(_("Yearly cost: {reason}. The asset was not added.").format(reason=refused.reason)) from None
    return None if value is None else value.quantize(Decimal("0.01"))  # exact: the cents were checked


def add_asset(plan: Plan, name: str, **fields: Any) -> DataAsset:
    """Add one asset from the form; the name is required, the rest has defaults."""
    name = name.strip()
    if not name:
        raise EditError(_("Give the asset a name, such as the table, file or feed it is."))
    try:
        asset = DataAsset(name=name, **fields)
    except ValidationError as error:
        raise EditError(problems(error, nowhere=_("Asset")) + ".") from None
    plan.data_landscape.assets = [*plan.data_landscape.assets, asset]
    return asset
