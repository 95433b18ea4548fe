"""Two browser sessions editing the same plan: what merges and what conflicts."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from canvas_core.canvas import editing
from canvas_core.canvas.specs import canvases
from canvas_core.examples import load_example
from canvas_core.merge import (
    MISSING,
    Conflict,
    MergeConflict,
    describe,
    merge_documents,
    merge_plans,
)
from canvas_core.plan import MAX_ITEMS, Plan

ML = "ml_canvas"


@pytest.fixture
def base():
    return load_example("support_mail_triage")


def two_sessions(plan: Plan) -> tuple[Plan, Plan]:
    return plan.model_copy(deep=True), plan.model_copy(deep=True)


def note_ids(plan: Plan, block: str, canvas: str = ML) -> list[str]:
    return [n.id for n in plan.canvas(canvas).block(block).notes]


def conflicts_of(base: Plan, mine: Plan, theirs: Plan) -> list[Conflict]:
    with pytest.raises(MergeConflict) as raised:
        merge_plans(base, mine, theirs)
    return raised.value.conflicts


def test_notes_added_to_different_blocks_are_all_kept(base):
    mine, theirs = two_sessions(base)
    a = editing.add_note(mine, ML, "decisions", "Route only above 0.8 confidence")
    b = editing.add_note(theirs, ML, "features", "Sender domain")
    merged = merge_plans(base, mine, theirs)
    assert note_ids(merged, "decisions") == note_ids(base, "decisions") + [a.id]
    assert note_ids(merged, "features") == note_ids(base, "features") + [b.id]


def test_notes_added_to_the_same_block_are_all_kept_theirs_first_then_mine(base):
    mine, theirs = two_sessions(base)
    m1 = editing.add_note(mine, ML, "decisions", "mine 1")
    m2 = editing.add_note(mine, ML, "decisions", "mine 2")
    t1 = editing.add_note(theirs, ML, "decisions", "theirs 1")
    merged = merge_plans(base, mine, theirs)
    assert note_ids(merged, "decisions") == note_ids(base, "decisions") + [t1.id, m1.id, m2.id]


def test_edits_to_different_notes_of_one_block_are_both_kept(base):
    mine, theirs = two_sessions(base)
    first, second = note_ids(base, "decisions")[:2]
    editing.update_note(mine, ML, "decisions", first, text="My wording")
    editing.update_note(theirs, ML, "decisions", second, text="Their wording")
    notes = {n.id: n.text for n in merge_plans(base, mine, theirs).canvas(ML).block("decisions").notes}
    assert notes[first] == "My wording" and notes[second] == "Their wording"


def test_both_sessions_rewriting_the_same_note_is_a_conflict_showing_both_texts(base):
    mine, theirs = two_sessions(base)
    note_id = note_ids(base, "decisions")[0]
    editing.update_note(mine, ML, "decisions", note_id, text="Mine")
    editing.update_note(theirs, ML, "decisions", note_id, text="Theirs")
    [conflict] = conflicts_of(base, mine, theirs)
    assert conflict.path == ("canvases", ML, "blocks", "decisions", "notes", note_id, "text")
    assert (conflict.mine, conflict.theirs) == ("Mine", "Theirs")
    assert "changed differently in both sessions" in describe(conflict)
    assert "decisions › notes" in describe(conflict)


def test_deleting_a_note_the_other_session_edited_is_a_conflict(base):
    mine, theirs = two_sessions(base)
    note_id = note_ids(base, "decisions")[0]
    editing.delete_note(mine, ML, "decisions", note_id)
    editing.update_note(theirs, ML, "decisions", note_id, text="Still needed")
    [conflict] = conflicts_of(base, mine, theirs)
    assert conflict.path[-1] == note_id and conflict.mine is MISSING
    assert conflict.theirs["text"] == "Still needed"
    assert "deleted in one session" in describe(conflict)


def test_deleting_a_note_the_other_session_left_alone_deletes_it(base):
    mine, theirs = two_sessions(base)
    gone, edited = note_ids(base, "decisions")[:2]
    editing.delete_note(theirs, ML, "decisions", gone)
    editing.update_note(mine, ML, "decisions", edited, text="Edited")
    merged = merge_plans(base, mine, theirs)
    assert note_ids(merged, "decisions") == [i for i in note_ids(base, "decisions") if i != gone]


@pytest.mark.parametrize("reorderer", ["mine", "theirs"])
def test_a_reordering_and_an_addition_are_both_kept(base, reorderer):
    mine, theirs = two_sessions(base)
    mover, adder = (mine, theirs) if reorderer == "mine" else (theirs, mine)
    last = note_ids(base, "decisions")[-1]
    editing.move_note(mover, ML, "decisions", last, -5)
    added = editing.add_note(adder, ML, "decisions", "New note")
    merged = merge_plans(base, mine, theirs)
    assert note_ids(merged, "decisions") == note_ids(mover, "decisions") + [added.id]


def test_reordering_the_same_block_differently_in_both_sessions_is_a_conflict(base):
    mine, theirs = two_sessions(base)
    a, b, c = note_ids(base, "decisions")
    editing.move_note(mine, ML, "decisions", c, -2)
    editing.move_note(theirs, ML, "decisions", a, 2)
    [conflict] = conflicts_of(base, mine, theirs)
    assert conflict.path == ("canvases", ML, "blocks", "decisions", "notes")
    assert (conflict.mine, conflict.theirs) == ([c, a, b], [b, c, a])
    assert describe(conflict).startswith("The order was changed differently")


def test_the_same_header_field_changed_differently_is_a_conflict(base):
    mine, theirs = two_sessions(base)
    editing.set_detail(mine, designed_for="Claims team")
    editing.set_detail(theirs, designed_for="Dispatch team")
    [conflict] = conflicts_of(base, mine, theirs)
    assert conflict.path == ("meta", "designed_for")
    assert (conflict.mine, conflict.theirs) == ("Claims team", "Dispatch team")


def test_the_same_header_change_in_both_sessions_merges(base):
    mine, theirs = two_sessions(base)
    editing.set_detail(mine, iteration=3)
    editing.set_detail(theirs, iteration=3)
    assert merge_plans(base, mine, theirs).meta.iteration == 3


def test_different_fields_of_one_mlops_block_merge():
    specs = canvases()
    base = load_example("support_mail_triage")
    mine, theirs = two_sessions(base)
    editing.set_block_field(mine, specs["mlops_stack"], "ci_ct_cd", "tool", "Dagster")
    editing.set_block_field(theirs, specs["mlops_stack"], "ci_ct_cd", "sourcing", "buy")
    editing.set_block_field(theirs, specs["mlops_stack"], "ci_ct_cd", "decision_record", "")  # cleared
    fields = merge_plans(base, mine, theirs).canvas("mlops_stack").block("ci_ct_cd").fields
    assert fields == {"requirement": "mandatory", "sourcing": "buy", "tool": "Dagster", "retraining_frequency": "monthly"}


def test_clearing_a_field_the_other_session_changed_is_a_conflict():
    specs = canvases()
    base = load_example("support_mail_triage")
    mine, theirs = two_sessions(base)
    editing.set_block_field(mine, specs["mlops_stack"], "ci_ct_cd", "tool", "")
    editing.set_block_field(theirs, specs["mlops_stack"], "ci_ct_cd", "tool", "Dagster")
    [conflict] = conflicts_of(base, mine, theirs)
    assert (conflict.mine, conflict.theirs) == (MISSING, "Dagster")


@pytest.mark.parametrize("later", ["mine", "theirs"])
def test_different_last_change_times_never_conflict_and_the_later_wins(base, later):
    mine, theirs = two_sessions(base)
    mine.meta.updated_at = base.meta.updated_at.replace(hour=16 if later == "mine" else 17)
    theirs.meta.updated_at = base.meta.updated_at.replace(hour=17 if later == "mine" else 16)
    merged = merge_plans(base, mine, theirs)
    assert merged.meta.updated_at.hour == 17


def test_merging_with_an_unchanged_other_side_returns_this_side_exactly(base):
    mine, theirs = two_sessions(base)
    editing.add_note(mine, ML, "decisions", "New")
    editing.delete_note(mine, ML, "features", note_ids(base, "features")[0])
    editing.set_detail(mine, designed_for="Someone else")
    assert merge_plans(base, mine, theirs) == mine
    assert merge_plans(base, theirs, mine) == mine


def test_the_merged_plan_shares_nothing_with_the_inputs(base):
    docs = [p.model_dump(mode="json") for p in (base, *two_sessions(base))]
    merged = merge_documents(*docs)
    merged["canvases"][ML]["blocks"]["decisions"]["notes"].clear()
    merged["meta"]["name"] = "changed"
    assert all(d["canvases"][ML]["blocks"]["decisions"]["notes"] for d in docs)
    assert {d["meta"]["name"] for d in docs} == {base.meta.name}


def test_additions_that_together_break_a_limit_are_refused_as_a_conflict():
    base = Plan()
    mine, theirs = two_sessions(base)
    for session in (mine, theirs):
        for n in range(MAX_ITEMS // 2 + 1):
            editing.add_note(session, ML, "decisions", f"note {n}")
    [conflict] = conflicts_of(base, mine, theirs)
    assert conflict.path == () and "not make a valid plan" in describe(conflict)


block_ids = [b.id for b in canvases()[ML].blocks]
additions = st.lists(
    st.tuples(st.sampled_from(block_ids), st.text(st.characters(exclude_categories=("Cs",)), max_size=40)),
    max_size=5,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mine_adds=additions, theirs_adds=additions)
def test_concurrent_note_additions_never_conflict_and_keep_every_note_once(mine_adds, theirs_adds):
    base = load_example("support_mail_triage")
    mine, theirs = two_sessions(base)
    for session, adds in ((mine, mine_adds), (theirs, theirs_adds)):
        for block, text in adds:
            editing.add_note(session, ML, block, text)  # blank text adds nothing, as in the editor
    merged = merge_plans(base, mine, theirs)
    for block in block_ids:
        old = note_ids(base, block)
        new_theirs = note_ids(theirs, block)[len(old) :]
        new_mine = note_ids(mine, block)[len(old) :]
        assert note_ids(merged, block) == old + new_theirs + new_mine
    every = Counter(n.id for c in merged.canvases.values() for b in c.blocks.values() for n in b.notes)
    assert set(every.values()) == {1}
