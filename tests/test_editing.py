"""Note editing, structured fields and header changes, as the editor uses them."""

from __future__ import annotations

import datetime as dt

import pytest

from canvas_core.canvas import editing
from canvas_core.plan import MAX_NOTE_CHARS, NoteStatus, Plan


def texts(plan, canvas="ml_canvas", block="decisions"):
    return [n.text for n in plan.canvas(canvas).block(block).notes]


def test_add_keeps_text_verbatim_and_ignores_blank():
    plan = Plan()
    note = editing.add_note(plan, "ml_canvas", "decisions", "  Route if p >= 0.8 <b>&amp; S&P 500  ", author="Ана")
    assert note.text == "Route if p >= 0.8 <b>&amp; S&P 500" and note.author == "Ана"
    assert editing.add_note(plan, "ml_canvas", "decisions", "   \n ") is None
    assert texts(plan) == ["Route if p >= 0.8 <b>&amp; S&P 500"]


def test_reorder_edit_delete():
    plan = Plan()
    a, b, c = (editing.add_note(plan, "ml_canvas", "decisions", t) for t in "abc")
    editing.move_note(plan, "ml_canvas", "decisions", c.id, -1)
    assert texts(plan) == ["a", "c", "b"]
    editing.move_note(plan, "ml_canvas", "decisions", a.id, -1)  # already first: stays
    assert texts(plan) == ["a", "c", "b"]
    editing.update_note(plan, "ml_canvas", "decisions", b.id, text="B", status=NoteStatus.MISSING)
    assert plan.canvas("ml_canvas").block("decisions").notes[2].status is NoteStatus.MISSING
    editing.delete_note(plan, "ml_canvas", "decisions", a.id)
    assert texts(plan) == ["c", "B"]


def test_a_deleted_note_comes_back_where_it_was_and_only_once():
    plan = Plan()
    a, b, c = (editing.add_note(plan, "ml_canvas", "decisions", t) for t in "abc")
    index, removed = editing.delete_note(plan, "ml_canvas", "decisions", b.id)
    assert (index, removed.text, texts(plan)) == (1, "b", ["a", "c"])
    editing.restore_note(plan, "ml_canvas", "decisions", index, removed)
    assert texts(plan) == ["a", "b", "c"]
    with pytest.raises(editing.EditError, match="already back"):
        editing.restore_note(plan, "ml_canvas", "decisions", index, removed)
    editing.delete_note(plan, "ml_canvas", "decisions", c.id)
    index, removed = editing.delete_note(plan, "ml_canvas", "decisions", b.id)
    editing.delete_note(plan, "ml_canvas", "decisions", a.id)
    editing.restore_note(plan, "ml_canvas", "decisions", index, removed)  # the block shrank meanwhile
    assert texts(plan) == ["b"]


def test_refused_edits_leave_the_plan_untouched():
    plan = Plan()
    note = editing.add_note(plan, "ml_canvas", "decisions", "keep me")
    before = plan.to_json()
    with pytest.raises(editing.EditError, match="empty"):
        editing.update_note(plan, "ml_canvas", "decisions", note.id, text="  ")
    with pytest.raises(editing.EditError, match="at most"):
        editing.add_note(plan, "ml_canvas", "decisions", "x" * (MAX_NOTE_CHARS + 1))
    with pytest.raises(editing.EditError, match="no longer exists"):
        editing.delete_note(plan, "ml_canvas", "decisions", "gone")
    assert plan.to_json() == before


def test_choice_fields_only_take_their_options(specs):
    plan = Plan()
    spec = specs["mlops_stack"]
    editing.set_block_field(plan, spec, "feature_store", "sourcing", "open source")
    assert plan.canvas("mlops_stack").block("feature_store").fields == {"sourcing": "open source"}
    with pytest.raises(editing.EditError, match="buy, open source, build"):
        editing.set_block_field(plan, spec, "feature_store", "sourcing", "steal")
    editing.set_block_field(plan, spec, "feature_store", "sourcing", "")  # back to "not decided"
    assert plan.canvas("mlops_stack").block("feature_store").fields == {}
    editing.set_canvas_field(plan, spec, "maturity_stage", "strategic")
    assert plan.canvas("mlops_stack").fields["maturity_stage"] == "strategic"


def test_the_plans_details_every_header_shows(specs):
    from canvas_core.canvas.specs import header_facts

    plan = Plan()
    editing.set_detail(plan, designed_for=" Claims team ", iteration=3, date=dt.date(2026, 11, 23), team="Dana")
    meta = plan.meta
    assert (meta.designed_for, meta.iteration, meta.date) == ("Claims team", 3, dt.date(2026, 11, 23))
    with pytest.raises(ValueError):
        editing.set_detail(plan, iteration=0)
    with pytest.raises(ValueError, match="needs a name"):
        editing.set_detail(plan, name="  ")
    assert header_facts(specs["product_brief"], plan) == [
        ("Product", "Untitled plan"), ("Authors", "Dana"), ("Date", "2026-11-23"), ("Version", "3")]
    assert header_facts(specs["ml_canvas"], plan)[:2] == [("Designed for", "Claims team"), ("Designed by", "Dana")]
    assert header_facts(specs["mlops_stack"], plan)[:2] == [("Project name", "Untitled plan"), ("Team members", "Dana")]


# --- a part named at the start of a typed note ("Goals: ...") -------------------------


def topics(plan, canvas="product_brief", block="background"):
    return [(n.topic, n.text) for n in plan.canvas(canvas).block(block).notes]


@pytest.mark.parametrize("typed", ["Goals: plan night shifts", "  goals :plan night shifts ", "GOALS:  plan night shifts"])
def test_a_leading_part_name_puts_the_note_into_that_part(typed):
    plan = Plan()
    editing.add_note(plan, "product_brief", "background", typed)
    assert topics(plan) == [("goals", "plan night shifts")]


def test_a_part_is_recognised_by_its_title_or_its_id_with_any_spacing():
    plan = Plan()
    editing.add_note(plan, "product_brief", "solution", "Core   features: triage queue")
    editing.add_note(plan, "product_brief", "solution", "core_features: confidence shown")
    assert topics(plan, block="solution") == [("core_features", "triage queue"), ("core_features", "confidence shown")]


@pytest.mark.parametrize("canvas, block, typed", [
    ("product_brief", "background", "Note: the mails come in German and French"),  # not a part of Background
    ("product_brief", "background", "Pains and gains: both"),  # a part's name, but more before the colon
    ("ml_canvas", "decisions", "Goals: route within the SLA"),  # a block without parts
    ("product_brief", "background", "Ratio 3:1 of users to goals"),
])
def test_text_that_does_not_start_with_one_of_the_blocks_parts_is_kept_whole(canvas, block, typed):
    plan = Plan()
    note = editing.add_note(plan, canvas, block, typed)
    assert (note.topic, note.text) == (None, typed)


def test_a_part_name_with_nothing_after_it_is_refused_and_adds_nothing():
    plan = Plan()
    with pytest.raises(editing.EditError, match='type the note after "Goals:"'):
        editing.add_note(plan, "product_brief", "background", "goals:  ")
    assert topics(plan) == []


def test_a_topic_chosen_in_the_dialog_wins_over_a_leading_name():
    plan = Plan()
    editing.add_note(plan, "product_brief", "background", "Pains: none yet", topic="goals")
    assert topics(plan) == [("goals", "Pains: none yet")]


def test_a_note_already_added_with_its_part_name_is_recognised_as_already_there():
    plan = Plan()
    editing.add_note(plan, "product_brief", "background", "Goals: plan night shifts")
    assert editing.has_note(plan, "product_brief", "background", "Goals: plan night shifts")
    assert not editing.has_note(plan, "product_brief", "background", "Pains: plan night shifts")
