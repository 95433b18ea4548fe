"""Changes to the cost estimate. The table is applied all or nothing: a bad
cell leaves every line as it was and says which row and column to fix."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from canvas_core.canvas.editing import EditError
from canvas_core.i18n import N_, _, translated
from canvas_core.numbers import NumberLimits, NumberRefused, parse_number, style_of
from canvas_core.plan import (
    MAX_MONEY,
    MAX_MONTHS,
    MAX_PEOPLE,
    MONEY_DECIMALS,
    CostLine,
    DataAsset,
    Plan,
)
from canvas_core.steps.costs.rules import (
    COVERS_LABELS,
    TAXONOMY,
    amount_problems,
    has_rates,
    line_amounts,
    rate_problems,
)
from canvas_core.table_delta import apply_delta, blank, number_cell, refusal

# Table column -> line field, in the order the table shows them. A column's English name is its id
# in the table's data (the same in every language); it is shown translated: _(column).
LINE_COLUMNS: dict[str, str] = {
    N_("Category"): "category",
    N_("Item"): "label",
    N_("People"): "people",
    N_("Months"): "months",
    N_("Rate low"): "rate_low",
    N_("Rate expected"): "rate_expected",
    N_("Rate high"): "rate_high",
    N_("Low"): "low",
    N_("Expected"): "expected",
    N_("High"): "high",
    N_("Note"): "note",
    N_("Assumption"): "assumption",
    N_("Covers"): "covers",
}
# The running costs as a refusal lists them, in a sentence.
COVERS_WORDS: dict[str, str] = {
    "serving": N_("serving"),
    "retraining": N_("retraining"),
    "monitoring": N_("monitoring"),
    "labelling": N_("labelling"),
    "external_data": N_("external data"),
}
_MONEY_LIMITS = NumberLimits(MAX_MONEY, decimals=MONEY_DECIMALS)
# The number fields and what each takes; the table shows them as typed text.
NUMBER_LIMITS: dict[str, NumberLimits] = {
    "people": NumberLimits(Decimal(MAX_PEOPLE)),
    "months": NumberLimits(Decimal(MAX_MONTHS)),
    "low": _MONEY_LIMITS,
    "expected": _MONEY_LIMITS,
    "high": _MONEY_LIMITS,
    "rate_low": _MONEY_LIMITS,
    "rate_expected": _MONEY_LIMITS,
    "rate_high": _MONEY_LIMITS,
}
_AMOUNTS = ("low", "expected", "high")
_RATES = ("rate_low", "rate_expected", "rate_high")
_MONEY = {*_AMOUNTS, *_RATES}


def _value(column: str, name: str, raw: Any, language: str, where: str) -> Any:
    if name in NUMBER_LIMITS:
        value = number_cell(raw, language=language, limits=NUMBER_LIMITS[name], where=where, column=column)
        if value is None:
            return Decimal(0) if name in _AMOUNTS else None  # an emptied rate is no rate
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
        choices = ", ".join(_(COVERS_WORDS[c]) for c in COVERS_LABELS)
        raise EditError(_('{where}, {column}: "{value}" is not a running cost the estimate knows '
                          "(choose {choices}, or leave it blank). The last valid values were kept.").format(
            where=where, column=_(column), value=value, choices=choices))
    return value


def _checked(line: CostLine, row: dict[str, Any], where: str, language: str) -> CostLine:
    changes = {LINE_COLUMNS[c]: _value(c, LINE_COLUMNS[c], v, language, where) for c, v in row.items()
               if c in LINE_COLUMNS}
    try:
        updated = CostLine.model_validate({**line.model_dump(), **changes, "preset": False})
    except ValidationError as error:
        raise refusal(error, where, LINE_COLUMNS) from None
    column = {field: _(name) for name, field in LINE_COLUMNS.items()}
    typed_amounts = [f for f in _AMOUNTS if f in changes]
    if typed_amounts and has_rates(updated):
        raise EditError(_("{where}, {column}: this staff line computes its amounts from people × months × monthly "
                          "rate; change those instead, or empty the rates to type amounts. "
                          "The last valid values were kept.").format(where=where, column=column[typed_amounts[0]]))
    typed_rates = [f for f in _RATES if changes.get(f) is not None]
    if typed_rates and updated.category != "staff":
        raise EditError(_("{where}, {column}: only staff lines take a monthly rate; type this line's amounts in "
                          "Low, Expected and High. The last valid values were kept.").format(
            where=where, column=column[typed_rates[0]]))
    return _complete(updated, where, language, _("The last valid values were kept."))


def _complete(line: CostLine, where: str, language: str, outcome: str) -> CostLine:
    """A line checked as a whole; a staff line with rates stores its computed amounts too, so the
    plan reads the same to anything that looks at the amounts alone. `outcome` ends a refusal: what
    became of the change ("The last valid values were kept.")."""
    if not line.label:
        raise EditError(_("{where}: every cost line needs an item name. {outcome}").format(where=where,
                                                                                            outcome=outcome))

    def shown(value: Decimal | None) -> str:
        return "-" if value is None else str(value).replace(".", style_of(language).mark)  # as stored

    rates = rate_problems(line)
    if rates:
        now = " / ".join(shown(r) for r in (line.rate_low, line.rate_expected, line.rate_high))
        raise EditError(_("{where}: the monthly rates low, expected and high must go up in that order "
                          "({problems}: now {now}). {outcome}").format(
            where=where, problems="; ".join(rates), now=now, outcome=outcome))
    amounts = amount_problems(line)
    if amounts:
        now = " / ".join(shown(v) for v in (line.low, line.expected, line.high))
        raise EditError(_("{where}: low, expected and high must go up in that order ({problems}: now {now}). "
                          "{outcome}").format(where=where, problems="; ".join(amounts), now=now, outcome=outcome))
    if has_rates(line):
        amounts = line_amounts(line)
        try:
            line = CostLine.model_validate({**line.model_dump(), "low": amounts.low, "expected": amounts.expected,
                                            "high": amounts.high})
        except ValidationError:
            raise EditError(_("{where}: people × months × monthly rate comes to more than an estimate takes; check "
                              "the figures. {outcome}").format(where=where, outcome=outcome)) from None
    return line


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
        raise EditError(_("{where}: choose a category first. The last valid values were kept.").format(where=where))
    return _checked(CostLine(category=row["Category"], label="-"), {"Item": "", **row}, where, language)


def add_lines(plan: Plan, lines: list[CostLine]) -> None:
    plan.costs.lines = [*plan.costs.lines, *lines]


# The add-a-line form's fields -> line fields; numbers typed as text, read in the plan's language. A
# field's English name is its id (its widget's key derives from it); it is shown translated.
FORM_FIELDS: dict[str, str] = {
    N_("People"): "people", N_("Months"): "months",
    N_("Monthly rate, low"): "rate_low", N_("Monthly rate, expected"): "rate_expected",
    N_("Monthly rate, high"): "rate_high",
    N_("Low"): "low", N_("Expected"): "expected", N_("High"): "high",
}


def add_line_from_form(plan: Plan, category: str, label: str, typed: dict[str, str]) -> CostLine:
    """A new line from the add-a-line form: a staff line from people, months and its monthly rates
    (all five needed), any other line from its low / expected / high. `typed` maps FORM_FIELDS names
    to the text typed; fields of the other kind are ignored. Refused naming the field."""
    if category not in TAXONOMY:
        raise EditError(_("Choose a category for the new line. Nothing was added."))
    if not label.strip():
        raise EditError(_("Give the new line an item name. Nothing was added."))
    staff = category == "staff"
    wanted = [name for name, field in FORM_FIELDS.items() if (field not in _AMOUNTS) == staff]
    values: dict[str, Decimal] = {}
    for name in wanted:
        field = FORM_FIELDS[name]
        try:
            value = parse_number(typed.get(name, ""), plan.meta.language, NUMBER_LIMITS[field])
        except NumberRefused as refused:
            raise EditError(_("New line, {field}: {reason}. Nothing was added.").format(
                field=_(name), reason=refused.reason)) from None
        if value is None:
            if staff:
                raise EditError(_("New line, {field}: a number is needed (a staff line is people × months × "
                                  "monthly rate). Nothing was added.").format(field=_(name)))
            raise EditError(_("New line, {field}: a number is needed. Nothing was added.").format(field=_(name)))
        values[field] = value
    line = _complete(CostLine(category=category, label=label.strip(), **values), _("New line"),
                     plan.meta.language, _("Nothing was added."))
    add_lines(plan, [line])
    return line


def delete_lines(plan: Plan, line_ids: list[str]) -> int:
    """Delete the chosen lines; ids deleted meanwhile are skipped. Returns how many were deleted."""
    chosen = set(line_ids)
    kept = [line for line in plan.costs.lines if line.id not in chosen]
    deleted = len(plan.costs.lines) - len(kept)
    plan.costs.lines = kept
    return deleted


def confirm_presets(plan: Plan, line_ids: list[str] | None = None) -> int:
    """The team stands behind these preset lines (all of them when no ids are given): they stop being
    presets to confirm. They stay marked as assumptions if they were. Returns how many were confirmed."""
    confirmed = 0
    for line in plan.costs.lines:
        if line.preset and (line_ids is None or line.id in line_ids):
            line.preset = False
            confirmed += 1
    return confirmed


# A line added from a data asset says where it came from (written in the plan's language: it is then
# the line's note, the team's to change).
_ACQUISITION_NOTES: dict[str, str] = {
    "owned": N_("From the data landscape (owned data)."),
    "public": N_("From the data landscape (public data)."),
    "earned": N_("From the data landscape (earned data)."),
    "paid": N_("From the data landscape (paid data)."),
}


def add_line_from_asset(plan: Plan, asset: DataAsset) -> CostLine:
    """A paid data asset from the data landscape, as a yearly data cost line linked to it."""
    cost = asset.yearly_cost or Decimal(0)
    # Bought, public or earned data is external data; a yearly cost of our own data (its storage, say) is not.
    covers = None if asset.acquisition == "owned" else "external_data"
    line = CostLine(category="data", label=asset.name[:300], low=cost, expected=cost, high=cost,
                    note=translated(_ACQUISITION_NOTES.get(asset.acquisition, _ACQUISITION_NOTES["owned"]),
                                    plan.meta.language), source_asset_id=asset.id,
                    covers=covers)
    add_lines(plan, [line])
    return line


def _line(plan: Plan, line_id: str) -> CostLine:
    line = next((line for line in plan.costs.lines if line.id == line_id), None)
    if line is None:
        raise EditError(_("That cost line is no longer in the estimate; it may have been deleted meanwhile."))
    return line


def link_line_to_asset(plan: Plan, line_id: str, asset_id: str) -> CostLine:
    """Say that an existing cost line pays for a data asset (a licence typed by hand, say), so the
    asset counts as paid for without a second line. A line pays for one asset at most."""
    line = _line(plan, line_id)
    assets = {a.id: a for a in plan.data_landscape.assets}
    if asset_id not in assets:
        raise EditError(_("That data asset is no longer in the data landscape; it may have been deleted meanwhile."))
    other = assets.get(line.source_asset_id)
    if other is not None and other.id != asset_id:
        raise EditError(_('The cost line "{line}" already pays for "{asset}". Unlink it there first, or '
                          "choose another line. Nothing was linked.").format(line=line.label, asset=other.name))
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
        raise EditError(_("Value of an hour saved: {reason}. The last valid value was kept.").format(
            reason=refused.reason)) from None
    plan.costs.value_per_hour_saved = None if value is None else value.quantize(Decimal("0.01"))  # cents checked


def set_maintenance_share(plan: Plan, percent: int) -> None:
    plan.costs.maintenance_share = Decimal(percent) / 100


def set_horizon(plan: Plan, years: int) -> None:
    plan.costs.horizon_years = years
