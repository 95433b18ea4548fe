"""Autosave between tabs: nothing typed is lost, nothing is silently overwritten."""

from __future__ import annotations

import pytest

from canvas_core import autosave
from canvas_core.autosave import OpenPlan
from canvas_core.canvas import editing
from canvas_core.examples import load_example
from canvas_core.plan import Plan
from canvas_core.store import InMemoryPlanStore, StoreUnavailable


@pytest.fixture
def store():
    return InMemoryPlanStore()  # the store's contract (tests/test_store.py) holds for every backend


def two_tabs(store) -> tuple[OpenPlan, OpenPlan]:
    plan = load_example("support_mail_triage")
    store.create(plan)
    return OpenPlan.from_store(store.get(plan.id)), OpenPlan.from_store(store.get(plan.id))


def texts(plan: Plan, canvas: str, block: str) -> list[str]:
    return [n.text for n in plan.canvases[canvas].blocks[block].notes]


def test_a_new_plan_is_stored_on_its_first_save(store):
    tab = OpenPlan(Plan())
    editing.add_note(tab.plan, "ml_canvas", "decisions", "first words")
    assert autosave.save(store, tab).status == "saved"
    assert tab.version == 1
    assert texts(store.get(tab.plan.id).plan, "ml_canvas", "decisions") == ["first words"]


def test_two_tabs_editing_different_blocks_keep_both_changes(store):
    a, b = two_tabs(store)
    editing.add_note(a.plan, "ml_canvas", "features", "from tab A")
    assert autosave.save(store, a).status == "saved"
    editing.add_note(b.plan, "mlops_stack", "monitoring", "from tab B")
    outcome = autosave.save(store, b)
    assert outcome.status == "merged"
    saved = store.get(a.plan.id).plan
    assert "from tab A" in texts(saved, "ml_canvas", "features")
    assert "from tab B" in texts(saved, "mlops_stack", "monitoring")
    assert b.plan == saved and b.version == store.version_of(a.plan.id)


def test_two_tabs_adding_to_the_same_block_keep_both_notes(store):
    a, b = two_tabs(store)
    editing.add_note(a.plan, "ml_canvas", "features", "idea A")
    autosave.save(store, a)
    editing.add_note(b.plan, "ml_canvas", "features", "idea B")
    assert autosave.save(store, b).status == "merged"
    assert texts(store.get(a.plan.id).plan, "ml_canvas", "features")[-2:] == ["idea A", "idea B"]


def test_the_same_note_changed_in_two_tabs_is_refused_and_shows_both(store):
    a, b = two_tabs(store)
    note_id = a.plan.canvases["ml_canvas"].blocks["decisions"].notes[0].id
    editing.update_note(a.plan, "ml_canvas", "decisions", note_id, text="A's wording")
    autosave.save(store, a)
    editing.update_note(b.plan, "ml_canvas", "decisions", note_id, text="B's wording")
    outcome = autosave.save(store, b)
    assert outcome.status == "conflict"
    [conflict] = outcome.conflicts
    assert (conflict.mine, conflict.theirs) == ("B's wording", "A's wording")
    # The store keeps A's change, and tab B now shows it (B's text travels in the outcome).
    assert texts(store.get(a.plan.id).plan, "ml_canvas", "decisions")[0] == "A's wording"
    assert texts(b.plan, "ml_canvas", "decisions")[0] == "A's wording"


def test_a_failed_write_keeps_the_change_and_saves_it_later(store, monkeypatch):
    a, _ = two_tabs(store)
    editing.add_note(a.plan, "ml_canvas", "features", "typed while the database was away")

    def down(*_args, **_kwargs):
        raise StoreUnavailable("the plan store is busy (database is locked)")

    monkeypatch.setattr(store, "save", down)
    outcome = autosave.save(store, a)
    assert outcome.status == "failed" and "database is locked" in outcome.message
    assert a.dirty and "typed while the database was away" in texts(a.plan, "ml_canvas", "features")
    monkeypatch.undo()
    assert autosave.refresh(store, a).status == "saved"
    assert "typed while the database was away" in texts(store.get(a.plan.id).plan, "ml_canvas", "features")


def test_a_tab_catches_up_with_saves_from_another_tab(store):
    a, b = two_tabs(store)
    editing.add_note(a.plan, "ml_canvas", "features", "seen by B after a rerun")
    autosave.save(store, a)
    assert "seen by B after a rerun" not in texts(b.plan, "ml_canvas", "features")
    autosave.refresh(store, b)
    assert "seen by B after a rerun" in texts(b.plan, "ml_canvas", "features")


def test_editing_a_plan_deleted_elsewhere_is_not_saved_into_the_bin(store):
    a, _ = two_tabs(store)
    store.delete(a.plan.id)
    editing.add_note(a.plan, "ml_canvas", "features", "late idea")
    outcome = autosave.save(store, a)
    assert outcome.status == "failed" and "deleted in another session" in outcome.message
    assert "late idea" in texts(a.plan, "ml_canvas", "features")


def test_any_change_is_written_and_stamped_by_autosave_itself(store):
    tab, _ = two_tabs(store)
    before = tab.plan.meta.updated_at
    tab.plan.canvases["ml_canvas"].blocks["decisions"].notes[0].text = "changed without any bookkeeping"
    assert autosave.save(store, tab).status == "saved"
    stored = store.get(tab.plan.id)
    assert stored.version == 2 and stored.plan.meta.updated_at > before
    assert stored.plan.canvases["ml_canvas"].blocks["decisions"].notes[0].text == "changed without any bookkeeping"


def test_a_save_with_nothing_changed_writes_nothing(store):
    tab, _ = two_tabs(store)
    assert autosave.save(store, tab).status == "saved"
    assert store.version_of(tab.plan.id) == 1


def test_a_draft_nobody_changed_is_not_stored(store):
    tab = OpenPlan.draft(Plan())
    assert autosave.save(store, tab).status == "saved"
    assert tab.version is None and store.list_plans() == []
