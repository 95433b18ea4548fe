"""Editing cost lines: the table applies all or nothing, bad cells say where."""

from __future__ import annotations

from decimal import Decimal

import pytest

from canvas_core import cost_edits
from canvas_core.editing import EditError
from canvas_core.plan import CostLine, DataAsset, Plan


def plan_with_lines() -> Plan:
    plan = Plan()
    cost_edits.add_lines(plan, [
        CostLine(category="staff", label="Data scientist", people=Decimal(1), months=Decimal(3),
                 low=Decimal(24000), expected=Decimal(30000), high=Decimal(36000)),
        CostLine(category="infrastructure", label="GPU VM", low=Decimal(2000), expected=Decimal(3000), high=Decimal(5000)),
    ])
    return plan


def ids(plan: Plan) -> list[str]:
    return [line.id for line in plan.costs.lines]


def test_edit_add_and_delete_lines():
    plan = plan_with_lines()
    cost_edits.apply_line_edits(plan, ids(plan), {
        "edited_rows": {0: {"Expected": 31000.5, "High": 40000}},
        "added_rows": [{"Category": "data", "Item": "Label review", "Low": 1000, "Expected": 2000, "High": 3000}],
        "deleted_rows": [1],
    })
    assert [(l.label, l.expected, l.high) for l in plan.costs.lines] == [
        ("Data scientist", Decimal("31000.50"), Decimal("40000.00")),
        ("Label review", Decimal("2000.00"), Decimal("3000.00")),
    ]


@pytest.mark.parametrize("row, message", [
    ({"Expected": -5}, "Row 1, Expected: cannot be negative"),
    ({"High": 5e12}, "Row 1, High: at most 1,000,000,000,000"),
    ({"Low": 50000}, "Row 1: low, expected and high must go up in that order"),
    ({"Item": "  "}, "Row 1: every cost line needs an item name"),
    ({"Expected": "lots"}, "Expected must be a number"),
    ({"Expected": float("inf")}, "Expected must be a number"),
])
def test_a_bad_cell_keeps_the_last_valid_state_and_says_where(row, message):
    plan = plan_with_lines()
    before = plan.to_json()
    with pytest.raises(EditError, match=message):
        cost_edits.apply_line_edits(plan, ids(plan), {"edited_rows": {1: {"Note": "fine"}, 0: row}})
    assert plan.to_json() == before


def test_an_emptied_amount_counts_as_zero_and_a_new_row_needs_a_category():
    plan = plan_with_lines()
    cost_edits.apply_line_edits(plan, ids(plan), {"edited_rows": {1: {"Low": float("nan")}}})
    assert plan.costs.lines[1].low == 0
    with pytest.raises(EditError, match="choose a category"):
        cost_edits.apply_line_edits(plan, ids(plan), {"added_rows": [{"Item": "Something"}]})
    cost_edits.apply_line_edits(plan, ids(plan), {"added_rows": [{}]})  # a blank new row is ignored
    assert len(plan.costs.lines) == 2


def test_paid_data_from_the_landscape_becomes_a_data_line():
    plan = Plan()
    asset = DataAsset(name="Address reference data", acquisition="paid", sharing="shared",
                      yearly_cost=Decimal("4800"))
    line = cost_edits.add_line_from_asset(plan, asset)
    assert (line.category, line.label, line.expected) == ("data", "Address reference data", Decimal("4800"))
    assert line.source_asset_id == asset.id


def test_share_and_horizon_are_validated():
    plan = Plan()
    cost_edits.set_maintenance_share(plan, 25)
    cost_edits.set_horizon(plan, 5)
    assert (plan.costs.maintenance_share, plan.costs.horizon_years) == (Decimal("0.25"), 5)
    with pytest.raises(ValueError):
        cost_edits.set_maintenance_share(plan, 50)
    with pytest.raises(ValueError):
        cost_edits.set_horizon(plan, 0)
