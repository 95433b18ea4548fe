"""One contract for every backend of the plan store: SQLite always, PostgreSQL
when `make test` could start one (MLCS_TEST_POSTGRES_URL)."""

from __future__ import annotations

import os
import threading
from datetime import timedelta

import pytest

from canvas_core.canvas import editing
from canvas_core.examples import load_example
from canvas_core.plan import Plan, utc_now
from canvas_core.store import (
    RETENTION,
    InMemoryPlanStore,
    IterationExists,
    PlanNotFound,
    SqlPlanStore,
    StoreUnavailable,
    VersionConflict,
    metadata,
)

POSTGRES_URL = os.environ.get("MLCS_TEST_POSTGRES_URL")
POSTGRES_SKIP = os.environ.get("MLCS_POSTGRES_UNAVAILABLE") or "MLCS_TEST_POSTGRES_URL not set (run `make test`)"


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "memory":
        repo = InMemoryPlanStore()
    elif request.param == "sqlite":
        repo = SqlPlanStore(f"sqlite:///{tmp_path / 'plans.sqlite3'}")
    else:
        if not POSTGRES_URL:
            pytest.skip(f"PostgreSQL contract tests skipped: {POSTGRES_SKIP}")
        repo = SqlPlanStore(POSTGRES_URL)
        metadata.drop_all(repo.engine)  # each test starts from an empty database
        metadata.create_all(repo.engine)
    yield repo
    repo.close()


def example() -> Plan:
    return load_example("support_mail_triage")


def test_a_created_plan_comes_back_unchanged(store):
    plan = example()
    assert store.create(plan).version == 1
    stored = store.get(plan.id)
    assert (stored.plan, stored.version) == (plan, 1)


def test_every_typed_character_survives_a_save(store):
    plan = example()
    store.create(plan)
    text = "Ζημιά <b>&amp;</b> \"quotes\" \\ emoji-free ✓ 0.1 < p < 0.9\nsecond line"
    editing.add_note(plan, "ml_canvas", "decisions", text)
    assert store.save(plan, 1) == 2
    notes = store.get(plan.id).plan.canvases["ml_canvas"].blocks["decisions"].notes
    assert notes[-1].text == text


def test_a_save_based_on_an_old_version_is_refused_with_the_current_one(store):
    plan = example()
    store.create(plan)
    mine, theirs = plan.model_copy(deep=True), plan.model_copy(deep=True)
    editing.add_note(theirs, "ml_canvas", "features", "theirs")
    assert store.save(theirs, 1) == 2
    editing.add_note(mine, "ml_canvas", "features", "mine")
    with pytest.raises(VersionConflict) as conflict:
        store.save(mine, 1)
    assert conflict.value.current.version == 2
    assert conflict.value.current.plan.canvases["ml_canvas"].blocks["features"].notes[-1].text == "theirs"
    assert store.get(plan.id).plan == theirs  # the refused save wrote nothing


def test_only_one_of_two_racing_saves_wins(store):
    plan = example()
    store.create(plan)
    results: list[str] = []

    def save(tag: str) -> None:
        copy = plan.model_copy(deep=True)
        editing.add_note(copy, "ml_canvas", "features", tag)
        try:
            store.save(copy, 1)
            results.append("saved")
        except VersionConflict:
            results.append("conflict")

    threads = [threading.Thread(target=save, args=(f"t{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["conflict", "conflict", "conflict", "saved"]
    assert store.version_of(plan.id) == 2


def test_recent_plans_list_newest_first_with_completeness(store):
    old, new = Plan(), example()
    old.meta.name = "Older idea"
    old.meta.updated_at = utc_now() - timedelta(days=2)
    new.meta.updated_at = utc_now()
    store.create(old)
    store.create(new)
    listed = store.list_plans()
    assert [s.name for s in listed] == ["Support mail triage", "Older idea"]
    assert listed[0].completeness > 0.9 and listed[1].completeness == 0


def test_deleted_plans_leave_the_list_and_can_be_restored(store):
    plan = example()
    store.create(plan)
    store.delete(plan.id)
    assert store.list_plans() == []
    assert [s.id for s in store.list_deleted()] == [plan.id]
    with pytest.raises(PlanNotFound):
        store.get(plan.id)
    assert store.get(plan.id, include_deleted=True).plan == plan
    store.restore(plan.id)
    assert [s.id for s in store.list_plans()] == [plan.id]


def test_deleted_plans_are_purged_only_after_the_retention_period(store):
    plan = example()
    store.create(plan)
    store.add_iteration(plan, 1, "first")
    store.delete(plan.id)
    assert store.purge_expired() == 0
    assert store.purge_expired(now=utc_now() + RETENTION + timedelta(hours=1)) == 1
    with pytest.raises(PlanNotFound):
        store.get(plan.id, include_deleted=True)
    assert store.list_iterations(plan.id) == []


def test_unknown_plan_is_not_found(store):
    with pytest.raises(PlanNotFound):
        store.get("x" * 24)
    assert store.version_of("x" * 24) is None
    with pytest.raises(PlanNotFound):
        store.delete("x" * 24)


def test_iterations_are_frozen_snapshots(store):
    plan = example()
    store.create(plan)
    store.add_iteration(plan, 2, "After the workshop")
    editing.add_note(plan, "ml_canvas", "features", "added later")
    store.save(plan, 1)
    frozen = store.get_iteration(plan.id, 2)
    assert "added later" not in [n.text for n in frozen.canvases["ml_canvas"].blocks["features"].notes]
    assert [(i.number, i.label) for i in store.list_iterations(plan.id)] == [(2, "After the workshop")]
    with pytest.raises(IterationExists):
        store.add_iteration(plan, 2, "again")


# --- links and a browser's list -------------------------------------------------------


def test_a_view_token_is_made_once_and_opens_only_its_plan(store):
    plan, other = example(), Plan()
    store.create(plan)
    store.create(other)
    token = store.view_token(plan.id)
    assert token == store.view_token(plan.id) != store.view_token(other.id)
    assert plan.id not in token and len(token) >= 22
    assert store.plan_for_view(token) == plan.id
    with pytest.raises(PlanNotFound):
        store.plan_for_view(plan.id)  # the edit id is no view token
    store.delete(plan.id)
    with pytest.raises(PlanNotFound):
        store.plan_for_view(token)  # a deleted plan is not shown through its view link


def test_a_browser_lists_only_the_plans_it_was_given(store):
    mine, theirs, shown = example(), Plan(), Plan()
    for plan in (mine, theirs, shown):
        store.create(plan)
    store.remember("browser-a-token-0123456789", mine.id, "edit")
    store.remember("browser-a-token-0123456789", shown.id, "view")
    store.remember("browser-b-token-0123456789", theirs.id, "edit")
    listed = {e.summary.id: e for e in store.remembered("browser-a-token-0123456789")}
    assert set(listed) == {mine.id, shown.id}
    assert listed[mine.id].access == "edit" and listed[mine.id].view_token is None
    assert listed[shown.id].access == "view"
    assert store.remembered("someone-else-token-0123456789") == []


def test_opening_a_plan_by_its_view_link_never_lowers_edit_access(store):
    plan = example()
    store.create(plan)
    store.remember("browser-token-0123456789ab", plan.id, "edit")
    store.remember("browser-token-0123456789ab", plan.id, "view")
    assert [e.access for e in store.remembered("browser-token-0123456789ab")] == ["edit"]


def test_a_view_only_entry_carries_its_view_link(store):
    plan = example()
    store.create(plan)
    token = store.view_token(plan.id)
    store.remember("browser-token-0123456789ab", plan.id, "view")
    (entry,) = store.remembered("browser-token-0123456789ab")
    assert entry.view_token == token


def test_deleted_plans_leave_the_list_and_show_among_the_deleted(store):
    plan = example()
    store.create(plan)
    store.remember("browser-token-0123456789ab", plan.id, "edit")
    store.delete(plan.id)
    assert store.remembered("browser-token-0123456789ab") == []
    assert [e.summary.id for e in store.remembered("browser-token-0123456789ab", deleted=True)] == [plan.id]


def test_the_store_keeps_a_hash_of_the_browser_token_not_the_token(store):
    plan = example()
    store.create(plan)
    store.remember("secret-browser-token-0123456789", plan.id, "edit")
    if isinstance(store, InMemoryPlanStore):
        kept = [who for who, _ in store._browsers]
    else:
        from canvas_core.store import browser_plans_table

        with store.engine.connect() as db:
            kept = [row.browser for row in db.execute(browser_plans_table.select())]
    assert len(kept) == 1 and "secret-browser-token" not in kept[0]


# --- the boundary: driver errors ---------------------------------------------------------


def test_a_driver_error_is_the_stores_own_error_in_plain_words(tmp_path, monkeypatch):
    import sqlalchemy as sa

    repo = SqlPlanStore(f"sqlite:///{tmp_path / 'plans.sqlite3'}")
    plan = example()
    repo.create(plan)

    def read_only(*_args, **_kwargs):
        raise sa.exc.OperationalError("UPDATE plans", {}, Exception("attempt to write a readonly database"))

    monkeypatch.setattr(repo.engine, "begin", read_only)
    with pytest.raises(StoreUnavailable, match=r"cannot be written \(it is read-only\).*readonly database"):
        repo.save(plan, 1)
    monkeypatch.undo()
    assert repo.save(plan, 1) == 2  # the pool was emptied: the next write opens a fresh connection
    repo.close()
