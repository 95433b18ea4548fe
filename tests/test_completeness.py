from __future__ import annotations

import pytest

from canvas_core.canvas import editing
from canvas_core.canvas.completeness import canvas_completeness
from canvas_core.plan import Plan
from canvas_core.steps import STEPS, completeness_by_step


def step_completeness(plan: Plan, step_id: str) -> float:
    return completeness_by_step(plan)[step_id]


def test_empty_plan_is_zero_everywhere():
    plan = Plan()
    assert all(step_completeness(plan, s.id) == 0 for s in STEPS)


def test_canvas_counts_filled_blocks(specs):
    plan = Plan()
    editing.add_note(plan, "ml_canvas", "decisions", "x")
    editing.add_note(plan, "ml_canvas", "features", "y")
    assert step_completeness(plan, "ml_canvas") == pytest.approx(2 / 10)


def test_sub_items_count_in_parts(specs):
    plan = Plan()
    editing.add_note(plan, "product_brief", "background", "Dispatchers", topic="users")
    # One of three sub-items of one of twelve blocks.
    assert canvas_completeness(specs["product_brief"], plan.canvases["product_brief"]) == pytest.approx(1 / 36)


def test_worked_example_is_complete_on_every_canvas(example_plan):
    for step in STEPS:
        if step.canvas_id:
            assert step_completeness(example_plan, step.id) == 1.0, step.id
    assert step_completeness(example_plan, "workflow") == 1.0
    assert step_completeness(example_plan, "costs") == 1.0


def test_a_note_typed_straight_into_a_block_with_sub_items_counts_as_one_part(specs):
    plan = Plan()
    editing.add_note(plan, "product_brief", "value_proposition", "Adjusters stop sorting mail by hand")
    # One of three parts of one of twelve blocks, like a note filed under a sub-item.
    assert step_completeness(plan, "brief") == pytest.approx(1 / 36)
    editing.add_note(plan, "product_brief", "value_proposition", "Faster routing", topic="product")
    assert step_completeness(plan, "brief") == pytest.approx(2 / 36)


def test_data_landscape_counts_a_described_inventory_with_a_label_source():
    from canvas_core.plan import DataAsset
    from canvas_core.steps.data_landscape.rules import (
        completeness as data_landscape_completeness,
    )

    plan = Plan()
    assert data_landscape_completeness(plan) == 0
    plan.data_landscape.assets = [DataAsset(name="Mail archive")]
    assert data_landscape_completeness(plan) == 0  # one bare row says nothing yet
    plan.data_landscape.assets = [
        DataAsset(name=n, uses=u, owner="Ops", location="Ticket DB")
        for n, u in [("Mail", ["feature"]), ("Tickets", ["label"]), ("CRM", ["feature"])]
    ]
    assert data_landscape_completeness(plan) == 1
    plan.data_landscape.assets[2].owner = ""
    assert data_landscape_completeness(plan) == 0.75
