"""Comparing two iterations shows, block by block, what a reader would call a change."""

from __future__ import annotations

from canvas_core.canvas import editing
from canvas_core.compare import compare


def test_identical_plans_have_no_changes(example_plan, specs):
    assert compare(example_plan, example_plan.model_copy(deep=True), specs).empty


def test_added_removed_and_edited_notes_per_block(example_plan, specs):
    new = example_plan.model_copy(deep=True)
    decisions = new.canvas("ml_canvas").block("decisions")
    first, second = decisions.notes[0], decisions.notes[1]
    first_text = first.text
    editing.update_note(new, "ml_canvas", "decisions", first.id, text="Auto-route above 0.9 only")
    editing.delete_note(new, "ml_canvas", "decisions", second.id)
    editing.add_note(new, "ml_canvas", "monitoring", "Weekly fairness check per segment")
    result = compare(example_plan, new, specs)
    by_block = {(c.canvas, c.block): c for c in result.blocks}
    changed = by_block[("ML Canvas", "Decisions")]
    assert changed.changed == [(first_text, "Auto-route above 0.9 only")]
    assert changed.removed == [second.text] and changed.added == []
    assert by_block[("ML Canvas", "Monitoring")].added == ["Weekly fairness check per segment"]
    assert set(by_block) == {("ML Canvas", "Decisions"), ("ML Canvas", "Monitoring")}


def test_reordering_alone_is_not_a_change(example_plan, specs):
    new = example_plan.model_copy(deep=True)
    note = new.canvas("ml_canvas").block("features").notes[0]
    editing.move_note(new, "ml_canvas", "features", note.id, 2)
    assert compare(example_plan, new, specs).empty


def test_header_decisions_and_other_steps_are_listed(example_plan, specs):
    new = example_plan.model_copy(deep=True)
    editing.set_detail(new, iteration=3)
    editing.set_block_field(new, specs["mlops_stack"], "feature_store", "sourcing", "buy")
    new.costs.horizon_years = 5
    new.workflow.tasks[0].minutes_per_case = 9
    result = compare(example_plan, new, specs)
    store = next(c for c in result.blocks if c.block == "Feature Store & Workflows")
    assert store.fields[0][0] == "Buy, open source or build" and store.fields[0][2] == "buy"
    other = {(c.step, c.where): (c.before, c.after) for c in result.other}
    assert other[("Plan", "iteration")] == ("2", "3")  # the plan's details, shown on every canvas header
    assert other[("Costs", "horizon_years")] == ("3", "5")
    task = example_plan.workflow.tasks[0]
    assert other[("Workflow integration", f"tasks › {task.name} › minutes_per_case")][1] == "9"
