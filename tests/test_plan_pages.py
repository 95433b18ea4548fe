"""Home's plan management and the iterations page, driven through the entry point."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from canvas_core.examples import load_example
from canvas_core.plan import Plan
from tests.app_driver import open_app, run, store


def fresh_app(plan_id: str | None = None) -> AppTest:
    """A new browser session; with a plan id, opened by its link."""
    return open_app(plan_id=plan_id)


def open_plan(at: AppTest) -> Plan:
    return at.session_state["open_plan"].plan


def test_a_new_plan_is_stored_on_its_first_change_and_reopens_by_link():
    at = fresh_app()
    assert store().list_plans() == []  # nothing stored for a visitor who only looks
    run(at.switch_page("pages/ml_canvas.py"))
    run(at.text_input(key="add-ml-canvas-decisions").input("Route above 0.8"))
    plan_id = open_plan(at).id
    assert at.query_params["plan"] == plan_id
    again = fresh_app(plan_id)  # a refresh, a new tab or a restarted server
    run(again.switch_page("pages/ml_canvas.py"))
    assert any("Route above 0.8" in t.value for t in again.text)


def test_an_unknown_link_says_so_and_opens_nothing():
    at = fresh_app("NoSuchPlanNoSuchPlan12345")
    assert any("No plan was found at this link" in e.value for e in at.error)
    assert "plan" not in at.query_params


def test_open_example_is_stored_as_a_copy_and_listed():
    at = fresh_app()
    run(at.button(key="home-open-example").click())
    plans = store().list_plans()
    assert [p.name for p in plans] == ["Support mail triage"]
    assert plans[0].id == open_plan(at).id != load_example("support_mail_triage").id


def test_rename_duplicate_delete_and_restore():
    at = fresh_app()
    run(at.button(key="home-open-example").click())
    original = open_plan(at).id
    run(at.text_input(key="plan-name").input("Mail triage, take two"))
    assert store().get(original).plan.meta.name == "Mail triage, take two"

    run(at.button(key="duplicate-current").click())
    copy_id = open_plan(at).id
    assert copy_id != original
    assert {p.name for p in store().list_plans()} == {"Mail triage, take two", "Mail triage, take two (copy)"}

    run(at.button(key="delete-current").click())
    assert store().version_of(copy_id) is not None  # nothing happens before the confirmation
    run(at.button(key=f"confirm-yes-{copy_id}").click())
    assert [p.id for p in store().list_deleted()] == [copy_id]
    assert open_plan(at).id != copy_id  # the tab moved on to a new, empty plan

    run(at.button(key=f"restore-{copy_id}").click())
    assert open_plan(at).id == copy_id and store().list_deleted() == []


def test_cancel_keeps_the_plan():
    at = fresh_app()
    run(at.button(key="home-open-example").click())
    plan_id = open_plan(at).id
    run(at.button(key="delete-current").click())
    run(at.button(key=f"confirm-no-{plan_id}").click())
    assert [p.id for p in store().list_plans()] == [plan_id]


def test_a_plan_deleted_elsewhere_is_not_opened_by_its_link():
    plan = load_example("support_mail_triage")
    repo = store()
    repo.create(plan)
    repo.delete(plan.id)
    at = fresh_app(plan.id)
    assert any("deleted" in e.value for e in at.error)


def test_save_iteration_then_compare_with_the_plan_now():
    plan = load_example("support_mail_triage")
    store().create(plan)
    at = fresh_app(plan.id)
    run(at.switch_page("pages/iterations.py"))
    run(at.text_input(key="iteration-label").input("After workshop 1"))
    run(at.button(key="save-iteration").click())
    assert [(i.number, i.label) for i in store().list_iterations(plan.id)] == [(2, "After workshop 1")]
    assert open_plan(at).meta.iteration == 3
    run(at.switch_page("pages/ml_canvas.py"))
    run(at.text_input(key="add-ml-canvas-monitoring").input("Weekly fairness check"))
    run(at.switch_page("pages/iterations.py"))
    diff = " ".join(t.value for t in at.text)
    assert "+ Weekly fairness check" in diff
    assert "Plan › iteration: 2 → 3" in diff


def test_saving_the_same_iteration_twice_explains_why_not():
    plan = load_example("support_mail_triage")
    repo = store()
    repo.create(plan)
    repo.add_iteration(plan, 2, "already there")
    at = fresh_app(plan.id)
    run(at.switch_page("pages/iterations.py"))
    run(at.button(key="save-iteration").click())
    assert any("already saved" in e.value for e in at.error)
    assert open_plan(at).meta.iteration == 2


def test_a_failed_save_shows_the_reason_keeps_the_text_and_retries(monkeypatch):
    from sqlalchemy import Engine
    from sqlalchemy.exc import OperationalError

    plan = load_example("support_mail_triage")
    store().create(plan)
    at = fresh_app(plan.id)
    run(at.switch_page("pages/ml_canvas.py"))

    def unavailable(*_args, **_kwargs):
        raise OperationalError("UPDATE plans", {}, Exception("disk I/O error"))

    with monkeypatch.context() as outage:  # scoped: the test's own data dir stays patched
        outage.setattr(Engine, "begin", unavailable)  # every write, at the driver
        run(at.text_input(key="add-ml-canvas-features").input("typed during the outage"))
    sidebar = " ".join(t.value for t in at.sidebar.text) + " ".join(c.value for c in at.sidebar.caption)
    assert "Not saved" in sidebar and "disk I/O error" in sidebar
    assert any("typed during the outage" in t.value for t in at.main.text)  # still on the canvas
    run(at.sidebar.button(key="retry-save").click())
    notes = store().get(plan.id).plan.canvases["ml_canvas"].blocks["features"].notes
    assert notes[-1].text == "typed during the outage"
    assert any("All changes saved" in c.value for c in at.sidebar.caption)
