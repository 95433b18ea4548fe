"""Every page, opened through the entry point as a user would reach it (AppTest).

AppTest runs the real scripts server-side; it cannot see the browser, so the
tests check what the user would notice in the plan and in the elements.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from canvas_core.config import database_url
from canvas_core.examples import load_example
from canvas_core.plan import Plan
from canvas_core.store import SqlPlanStore
from tests.app_driver import error_messages, open_app
from ui.navigation import ALL_PAGES, FULL_SCREEN_PAGES, HOME

CANVAS_PAGES = {"pages/product_brief.py": "product_brief", "pages/ml_canvas.py": "ml_canvas",
                "pages/mlops_stack.py": "mlops_stack"}


def stored(plan: Plan) -> Plan:
    """Put `plan` in this test's store, as if it had been saved earlier."""
    store = SqlPlanStore(database_url())
    store.create(plan)
    store.close()
    return plan


def go(at: AppTest, script: str) -> AppTest:
    at.switch_page(script).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def plan_of(at: AppTest) -> Plan:
    return at.session_state["open_plan"].plan


def saved_plan(at: AppTest) -> Plan:
    store = SqlPlanStore(database_url())
    try:
        return store.get(plan_of(at).id).plan
    finally:
        store.close()


@pytest.mark.parametrize("info", ALL_PAGES, ids=lambda p: p.step_id)
def test_every_page_opens_empty_and_with_the_worked_example_with_its_sidebar(info):
    """The sidebar is drawn after the page (app.py): a page that ended early (an empty plan has
    no iterations) must still have it; the presenter is the one page drawn without it."""
    for plan in (None, load_example("support_mail_triage")):
        # Home is where the app opens (AppTest draws no sidebar after a switch to the default page).
        at = open_app(plan) if info is HOME else go(open_app(plan), info.script)
        assert not at.exception
        links = at.sidebar.get("page_link")
        if info.step_id in FULL_SCREEN_PAGES:
            assert not links
        else:
            assert any(link.proto.label == "Home" for link in links)


@pytest.mark.parametrize("page", [p.script for p in ALL_PAGES])
def test_every_page_shows_what_the_last_change_could_not_do(page):
    """A refused change or a failed save leaves a message; it must show on the page where it
    happened, so every page shows pending messages (app.py cannot: a page's widget callbacks
    run after app.py's own lines)."""
    at = go(open_app(load_example("support_mail_triage")), page)
    at.session_state["flash_message"] = ("Not saved: the database is unreachable.", [])
    at.run()
    assert any("Not saved: the database is unreachable." in m for m in error_messages(at))


def test_sidebar_lists_the_steps_in_journey_order_with_completeness():
    at = open_app(load_example("support_mail_triage"))
    labels = [link.proto.label for link in at.sidebar.get("page_link")]
    assert labels[0] == "Home"
    assert [label.split(" · ")[0] for label in labels[1:]] == [
        "1. Product brief", "2. Workflow integration", "3. Costs", "4. ML Canvas",
        "5. Data landscape", "6. MLOps Stack", "7. Review & report", "Iterations & compare",
        "Portfolio: compare ideas", "Run a workshop"]
    assert labels[4] == "4. ML Canvas · ✓"
    empty = open_app()
    assert [link.proto.label for link in empty.sidebar.get("page_link")][4] == "4. ML Canvas · 0%"


def test_the_review_steps_figure_in_the_sidebar_is_labelled_as_the_overall_one():
    plan = load_example("support_mail_triage")
    plan.canvases["ml_canvas"].blocks.clear()  # one of six steps left empty: the mean of the six is 83%
    labels = [link.proto.label for link in open_app(plan).sidebar.get("page_link")]
    assert labels[4] == "4. ML Canvas · 0%" and labels[7] == "7. Review & report · overall 83%"


def test_a_complete_plan_shows_the_overall_figure_as_done():
    labels = [link.proto.label for link in open_app(load_example("support_mail_triage")).sidebar.get("page_link")]
    assert labels[7] == "7. Review & report · overall ✓"


@pytest.mark.parametrize("script, canvas_id", CANVAS_PAGES.items())
def test_a_note_typed_into_a_block_is_in_the_plan_and_survives_page_switches(script, canvas_id):
    at = go(open_app(), script)
    block_id = {"product_brief": "objectives", "ml_canvas": "decisions", "mlops_stack": "foundations"}[canvas_id]
    box = at.text_input(key=f"add-{canvas_id}-{block_id}".replace("_", "-"))
    box.input("Route if p >= 0.8 <script>alert(1)</script> & S&P 500").run()
    assert [n.text for n in plan_of(at).canvases[canvas_id].blocks[block_id].notes] == [
        "Route if p >= 0.8 <script>alert(1)</script> & S&P 500"]
    assert at.text_input(key=box.key).value == ""  # ready for the next note
    # The note is shown as plain text, never as markdown or HTML.
    assert any("• Route if p >= 0.8 <script>alert(1)</script> & S&P 500" in t.value for t in at.text)
    go(at, "pages/home.py")
    go(at, script)
    assert any("• Route if p >= 0.8 <script>alert(1)</script> & S&P 500" in t.value for t in at.text)


def test_a_note_typed_with_a_part_name_lands_in_that_part_and_the_rest_under_general():
    at = go(open_app(), "pages/product_brief.py")
    box = at.text_input(key="add-product-brief-background")
    box.input("Goals: plan night shifts").run()
    box.input("Note: mails arrive in three languages").run()
    notes = plan_of(at).canvases["product_brief"].blocks["background"].notes
    assert [(n.topic, n.text) for n in notes] == [("goals", "plan night shifts"),
                                                 (None, "Note: mails arrive in three languages")]
    cell = next(t.value for t in at.text if "plan night shifts" in t.value)
    assert cell.splitlines() == ["GOALS", "• plan night shifts", "GENERAL", "• Note: mails arrive in three languages"]
    box.input("goals:").run()  # nothing after the part name: refused, the text stays in the box
    assert at.text_input(key=box.key).value == "goals:"
    assert len(plan_of(at).canvases["product_brief"].blocks["background"].notes) == 2
    assert any('type the note after "Goals:"' in message for message in error_messages(at))


@pytest.mark.parametrize("script, canvas_id", CANVAS_PAGES.items())
def test_canvas_pages_credit_their_authors(script, canvas_id):
    at = go(open_app(), script)
    captions = " ".join(c.value for c in at.caption)
    assert "CC BY-SA 4.0" in captions
    assert {"ml_canvas": "Louis Dorard", "mlops_stack": "INNOQ", "product_brief": "Goku Mohandas"}[canvas_id] in captions


def test_the_plans_details_are_asked_once_on_home_and_shown_on_every_canvas_header():
    at = open_app()
    at.text_input(key="plan-name").input("Claims handling").run()
    at.text_input(key="plan-team").input("Dana (facilitator), Ola (data scientist)").run()
    at.text_input(key="plan-designed_for").input("Claims department").run()
    at.number_input(key="plan-iteration").set_value(3).run()
    meta = plan_of(at).meta
    assert (meta.name, meta.designed_for, meta.iteration) == ("Claims handling", "Claims department", 3)
    for script, shown in [("pages/product_brief.py", ["Product", "Claims handling", "Authors", "Version", "3"]),
                          ("pages/ml_canvas.py", ["Designed for", "Claims department", "Designed by"]),
                          ("pages/mlops_stack.py", ["Project name", "Claims handling", "Team members"])]:
        go(at, script)
        header = [c.value for c in at.main.caption] + [t.value for t in at.main.text]
        assert all(word in header for word in shown), (script, header)
        assert "Dana (facilitator), Ola (data scientist)" in header


def test_maturity_stage_is_a_choice_on_the_mlops_page():
    at = go(open_app(), "pages/mlops_stack.py")
    at.selectbox(key="field-mlops-stack-canvas-maturity-stage").select("strategic").run()
    assert plan_of(at).canvases["mlops_stack"].fields == {"maturity_stage": "strategic"}


@pytest.mark.parametrize("script, canvas_id, block_id", [
    ("pages/ml_canvas.py", "ml_canvas", "making_predictions"),
    ("pages/mlops_stack.py", "mlops_stack", "prediction_serving"),
])
def test_serving_mode_and_volume_are_answered_in_the_block_dialog(script, canvas_id, block_id):
    at = go(open_app(), script)
    key = f"{canvas_id}-{block_id}".replace("_", "-")
    at.button(key=f"open-{key}").click().run()
    mode = at.selectbox(key=f"field-{key}-serving-mode")
    assert mode.options == ["not decided", "batch", "real time", "streaming", "don't know"]
    mode.select("real time")
    at.text_input(key=f"field-{key}-predictions-per-month").input("About 60,000")
    at.run()  # AppTest closes the dialog with the run: both answers go in with it
    assert plan_of(at).canvases[canvas_id].blocks[block_id].fields == {
        "serving_mode": "real time", "predictions_per_month": "About 60,000"}
    cell = " ".join(t.value for t in at.text)
    assert "Serving mode: real time" in cell and "Predictions per month: About 60,000" in cell


def test_an_oversized_note_gets_a_message_and_changes_nothing():
    at = go(open_app(), "pages/ml_canvas.py")
    before = plan_of(at).to_json()
    at.text_input(key="add-ml-canvas-features").input("x" * 6000).run()
    assert plan_of(at).to_json() == before
    assert any("at most 5,000 characters" in m for m in error_messages(at))
    assert at.text_input(key="add-ml-canvas-features").value == "x" * 6000  # nothing typed is lost


def test_home_edits_plan_details_and_refuses_an_empty_name():
    at = open_app()
    at.text_input(key="plan-name").input("Claims triage").run()
    at.selectbox(key="plan-currency").select("CHF").run()
    assert (plan_of(at).meta.name, plan_of(at).meta.currency) == ("Claims triage", "CHF")
    at.text_input(key="plan-name").input("   ").run()
    assert plan_of(at).meta.name == "Claims triage"
    assert any("needs a name" in e.value for e in at.error)
    assert at.text_input(key="plan-name").value == "Claims triage"


def test_home_opens_a_copy_of_the_worked_example():
    at = open_app()
    at.button(key="home-open-example").click().run()
    plan = plan_of(at)
    assert plan.meta.name == "Support mail triage"
    assert plan.id != load_example("support_mail_triage").id
    go(at, "pages/ml_canvas.py")
    assert any("Multi-class" in t.value or "classification" in t.value for t in at.text)


def test_new_plan_replaces_the_one_in_the_tab():
    at = open_app(load_example("support_mail_triage"))
    at.button(key="home-new").click().run()
    assert plan_of(at).meta.name == "Untitled plan" and plan_of(at).canvases == {}


def test_review_shows_completeness_per_step_and_the_workflow_signal():
    at = go(open_app(load_example("support_mail_triage")), "pages/review.py")
    assert any("Amber" in w.value for w in at.warning)
    assert any("How the outcome is observed later (feedback)" in t.value for t in at.text)
    table = at.dataframe[0].value
    assert list(table["Step"])[:2] == ["1. Product brief", "2. Workflow integration"]
    assert table["Complete"].iloc[0] == 100  # whole percents


def test_no_url_path_can_be_mistaken_for_a_bare_page_file():
    """A fresh server serves pages/<name>.py at /<name> without the app frame until the
    first st.navigation call, so a bookmarked link must never use a page file's name."""
    stems = {Path(p.script).stem.split("_", 1)[-1] if Path(p.script).stem[0].isdigit() else Path(p.script).stem
             for p in ALL_PAGES}
    produced = {p.url_path for p in ALL_PAGES if p.url_path != "home"}  # Home is served at "/"
    assert not produced & stems, produced & stems
