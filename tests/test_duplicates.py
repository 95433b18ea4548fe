"""Ids a plan repeats where each must be unique (notes per block, tasks, cost lines, assets)."""

from __future__ import annotations

from canvas_core.canvas.specs import canvases
from canvas_core.duplicates import DuplicateId, duplicate_ids, repeated
from canvas_core.plan import Note, Plan


def test_repeated_lists_each_shared_id_once_with_its_count_in_first_seen_order():
    assert repeated(["b", "a", "b", "c", "a", "b"]) == [("b", 3), ("a", 2)]
    assert repeated(["a", "b"]) == []


def test_the_worked_example_repeats_no_id(example_plan: Plan):
    assert duplicate_ids(example_plan, canvases()) == []


def test_every_id_carrying_list_is_checked_and_named_as_the_app_names_it(example_plan: Plan):
    sources = example_plan.canvas("ml_canvas").block("data_sources").notes
    sources[2].id = sources[0].id
    tasks, lines, assets = example_plan.workflow.tasks, example_plan.costs.lines, example_plan.data_landscape.assets
    tasks[1].id = tasks[0].id
    lines[3].id = lines[4].id = lines[0].id
    assets[5].id = assets[1].id
    assert [str(d) for d in duplicate_ids(example_plan, canvases())] == [
        f"two notes in ML Canvas › Data Sources share the id {sources[0].id!r}",
        f"two workflow tasks in Workflow integration share the id {tasks[0].id!r}",
        f"three cost lines in Costs share the id {lines[0].id!r}",
        f"two data assets in Data landscape share the id {assets[1].id!r}",
    ]


def test_notes_may_share_an_id_across_blocks_which_address_them_apart(example_plan: Plan):
    decisions = example_plan.canvas("ml_canvas").block("decisions").notes
    decisions[0].id = example_plan.canvas("ml_canvas").block("data_sources").notes[0].id
    assert duplicate_ids(example_plan, canvases()) == []


def test_a_canvas_or_block_this_version_does_not_know_is_named_by_its_ids():
    plan = Plan()
    plan.canvas("later_canvas").block("x").notes = [Note(id="n1", text="a"), Note(id="n1", text="b")]
    plan.canvas("ml_canvas").block("retired_block").notes = [Note(id="n2", text="a"), Note(id="n2", text="b")]
    assert duplicate_ids(plan, canvases()) == [
        DuplicateId("notes", "n1", 2, "later_canvas › x"),
        DuplicateId("notes", "n2", 2, "ML Canvas › retired_block"),
    ]


def test_note_ids_that_differ_only_by_dash_and_underscore_collide(specs):
    plan = Plan()
    block = plan.canvas("ml_canvas").block("decisions")
    block.notes = [Note(id="a_b", text="one"), Note(id="a-b", text="two")]
    (found,) = duplicate_ids(plan, specs)
    assert found.count == 2 and found.id == "a-b"
