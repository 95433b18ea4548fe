"""Changes to the cost estimate. The table is applied all or nothing: a bad
cell leaves every line as it was and says which row and column to fix."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from canvas_core.canvas.editing import EditError
from canvas_core.numbers import NumberLimits, NumberRefused, parse_number
from canvas_core.plan import (
    MAX_MONEY,
    MAX_MONTHS,
    MAX_PEOPLE,
    MONEY_DECIMALS,
    CostLine,
    DataAsset,
    Plan,
)
from canvas_core.steps.costs.rules import COVERS_LABELS, line_problems
from canvas_core.table_delta import apply_delta, blank, number_cell, refusal

# Table column -> line field, in the order the table shows them.
LINE_COLUMNS: dict[str, str] = {
    "Category": "category",
    "Item": "label",
    "People": "people",
    "Months": "months",
    "Low": "low",
    "Expected": "expected",
    "High": "high",
    "Note": "note",
    "Assumption": "assumption",
    "Covers": "covers",
}
_MONEY_LIMITS = NumberLimits(MAX_MONEY, decimals=MONEY_DECIMALS)
# The number fields and what each takes; the table shows them as typed text.
NUMBER_LIMITS: dict[str, NumberLimits] = {
    "people": NumberLimits(Decimal(MAX_PEOPLE)),
    "months": NumberLimits(Decimal(MAX_MONTHS)),
    "low": _MONEY_LIMITS,
    "expected": _MONEY_LIMITS,
    "high": _MONEY_LIMITS,
}
_MONEY = {"low", "expected", "high"}


def _value(column: str, name: str, raw: Any, language: str, where: str) -> Any:
    if name in NUMBER_LIMITS:
        value = number_cell(raw, language=language, limits=NUMBER_LIMITS[name], where=where, column=column)
        if value is None:
            return Decimal(0) if name in _MONEY else None
        return value.quantize(Decimal("0.01")) if name in _MONEY else value  # exact: the cents were checked
    raw = blank(raw)
    if name in ("label", "note", "category"):
        return "" if raw is None else str(raw).strip()
    if name == "covers":
        return _covers(raw, where, column)
    return bool(raw)  # assumption


def _covers(raw: Any, where: str, column: str) -> str | None:
    """The running cost a line pays for; blank when it pays for none of them."""
    value = "" if raw is None else str(raw).strip()
    if not value:
        return None
    if value not in COVERS_LABELS:
        choices = ", ".join(label.lower() for label in COVERS_LABELS.values())
        raise EditError(f'{where}, {column}: "{value}" is not a running cost the estimate knows '
                        f"(choose {choices}, or leave it blank). The last valid values were kept.")
    return value


def _checked(line: CostLine, row: dict[str, Any], where: str, language: str) -> CostLine:
    changes = {LINE_COLUMNS[c]: _value(c, LINE_COLUMNS[c], v, language, where) for c, v in row.items()
               if c in LINE_COLUMNS}
    try:
        updated = CostLine.model_validate({**line.model_dump(), **changes})
    except ValidationError as error:
        raise refusal(error, where, LINE_COLUMNS) from None
    if not updated.label:
        raise EditError(f"{where}: every cost line needs an item name. The last valid values were kept.")
    problems = line_problems(updated)
    if problems:
        raise EditError(f"{where}: low, expected and high must go up in that order ({'; '.join(problems)}: "
                        f"now {updated.low} / {updated.expected} / {updated.high}). The last valid values were kept.")
    return updated


def apply_line_edits(plan: Plan, row_ids: list[str], edits: dict[str, Any]) -> None:
    """Apply the cost table's delta to the lines; numbers are read in the plan's language."""
    language = plan.meta.language
    result = apply_delta(plan.costs.lines, row_ids, edits,
                         update=lambda line, row, where: _checked(line, row, where, language),
                         create=lambda row, where: _new_line(row, where, language))
    if result is not None:
        plan.costs.lines = result[0]


def _new_line(row: dict[str, Any], where: str, language: str) -> CostLine:
    if not row.get("Category"):
        raise EditError(f"{where}: choose a category first. The last valid values were kept.")
    return _checked(CostLine(category=row["Category"], label="-"), {"Item": "", **row}, where, language)


def add_lines(plan: Plan, lines: list[CostLine]) -> None:
    plan.costs.lines = [*plan.costs.lines, *lines]


def add_line_from_asset(plan: Plan, asset: DataAsset) -> CostLine:
    """A paid data asset from the data landscape, as a yearly data cost line linked to it."""
    cost = asset.yearly_cost or Decimal(0)
    # Bought, public or earned data is external data; a yearly cost of our own data (its storage, say) is not.
    covers = None if asset.acquisition == "owned" else "external_data"
    line = CostLine(category="data", label=asset.name[:300], low=cost, expected=cost, high=cost,
                    note=f"From the data landscape ({asset.acquisition} data).", source_asset_id=asset.id,
                    covers=covers)
    add_lines(plan, [line])
    return line


def _line(plan: Plan, line_id: str) -> CostLine:
    line = next((line for line in plan.costs.lines if line.id == line_id), None)
    if line is None:
        raise EditError("That cost line is no longer in the estimate; it may have been deleted meanwhile.")
    return line


def link_line_to_asset(plan: Plan, line_id: str, asset_id: str) -> CostLine:
    """Say that an existing cost line pays for a data asset (a licence typed by hand, say), so the
    asset counts as paid for without a second line. A line pays for one asset at most."""
    line = _line(plan, line_id)
    assets = {a.id: a for a in plan.data_landscape.assets}
    if asset_id not in assets:
        raise EditError("That data asset is no longer in the data landscape; it may have been deleted meanwhile.")
    other = assets.get(line.source_asset_id)
    if other is not None and other.id != asset_id:
        raise EditError(f'The cost line "{line.label}" already pays for "{other.name}". Unlink it there first, or '
                        "choose another line. Nothing was linked.")
    line.source_asset_id = asset_id
    return line


def unlink_line(plan: Plan, line_id: str) -> CostLine:
    """The line no longer pays for a data asset; it stays in the estimate with its amounts."""
    line = _line(plan, line_id)
    line.source_asset_id = ""
    return line


def set_value_per_hour_saved(plan: Plan, typed: str) -> None:
    """The value of an hour saved in the chosen task, read as typed in the plan's language (money, at
    most two decimals); an empty field clears it. Anything else is refused quoting what was typed."""
    try:
        value = parse_number(typed, plan.meta.language, _MONEY_LIMITS)
    except NumberRefused as refused:
        raise EditError(f"Value of an hour saved: {refused.reason}. The last valid value was kept.") from None
    plan.costs.value_per_hour_saved = None if value is None else value.quantize(Decimal("0.01"))  # cents checked


def set_maintenance_share(plan: Plan, percent: int) -> None:
    plan.costs.maintenance_share = Decimal(percent) / 100


def set_horizon(plan: Plan, years: int) -> None:
    plan.costs.horizon_years = years
