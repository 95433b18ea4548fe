"""The workflow integration page through the entry point (AppTest).

The task table itself is a data editor, which AppTest cannot edit; its edits
are covered by the domain tests and the browser test."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from canvas_core.examples import load_example
from tests.app_driver import open_page, run, store


def workflow_page(plan=None) -> AppTest:
    return open_page(plan, "pages/workflow.py")


def open_section(at: AppTest, number: int) -> AppTest:
    """Open tab `number` (1-4) of the step, as a click on it would."""
    from ui.steps.workflow import SECTION_KEY, SECTIONS

    at.session_state[SECTION_KEY] = SECTIONS[number - 1]
    return run(at)


def stored_workflow(at: AppTest):
    plan_id = at.session_state["open_plan"].plan.id
    return store().get(plan_id).plan.workflow


def diagram(at: AppTest) -> str:
    """The Mermaid source of the process chart (st.mermaid_chart travels as a mermaid code fence)."""
    sources = [m.value for m in at.main.markdown if "flowchart" in m.value]
    assert len(sources) == 1, "the process is drawn once"
    return sources[0]


def readiness_text(at: AppTest) -> str:
    return " ".join(a.value for a in at.main.get("alert")) + " ".join(t.value for t in at.main.text)


def test_worked_example_shows_ranking_diagram_and_an_amber_signal():
    at = workflow_page(load_example("support_mail_triage"))
    assert re.search(r"^\s*class n\d+ chosen$", diagram(at), re.M), "the chosen task is highlighted"
    assert any("Amber" in w.value for w in at.warning)
    assert "How the outcome is observed later (feedback)" in readiness_text(at)
    assert not at.radio, "only the open tab is built"
    open_section(at, 2)
    assert at.radio(key="workflow-chosen").value == "t-classify"


def test_tasks_added_in_order_candidate_chosen_and_integration_stated():
    at = workflow_page()
    for name in ("Receive mail", "Read and classify", "Forward to team"):
        at.text_input(key="workflow-new-name").input(name)
        run(next(b for b in at.button if b.label == "Add task").click())
    tasks = stored_workflow(at).tasks
    assert [t.name for t in tasks] == ["Receive mail", "Read and classify", "Forward to team"]
    assert tasks[0].leads_to == [tasks[1].id] and tasks[1].leads_to == [tasks[2].id]

    open_section(at, 2)
    run(at.multiselect(key="workflow-candidates").select(tasks[1].id))
    run(at.radio(key="workflow-chosen").set_value(tasks[1].id))
    assert stored_workflow(at).chosen_task_id == tasks[1].id

    open_section(at, 3)
    run(at.text_area(key="workflow-use_of_model").input("Dispatcher sees the top three teams"))
    run(at.checkbox(key="workflow-fallback-unclear").check())
    saved = stored_workflow(at).integration
    assert saved.use_of_model.text == "Dispatcher sees the top three teams" and saved.fallback.unclear
    assert "Fallback when the model is wrong, unsure or down" in readiness_text(at)


def test_a_reason_not_to_use_ml_turns_the_signal_red():
    at = open_section(workflow_page(load_example("support_mail_triage")), 4)
    run(at.radio(key="workflow-nobody_to_maintain").set_value("yes"))
    assert stored_workflow(at).characteristics.nobody_to_maintain == "yes"
    assert any("Red" in e.value for e in at.error)


def test_use_of_the_model_is_offered_on_the_ml_canvas_decisions_block():
    at = open_section(workflow_page(), 3)
    run(at.text_area(key="workflow-use_of_model").input("Pre-select the team above 0.8 confidence"))
    from canvas_core.canvas import links
    from canvas_core.canvas.specs import canvases

    plan = at.session_state["open_plan"].plan
    found = links.suggestions_for(plan, canvases(), "ml_canvas", "decisions")
    assert [s.text for s in found] == ["Pre-select the team above 0.8 confidence"]


def test_markup_in_task_names_stays_text_in_the_diagram_source():
    at = workflow_page()
    at.text_input(key="workflow-new-name").input('A"] --> X[<img src=x onerror=alert(1)>')
    run(next(b for b in at.button if b.label == "Add task").click())
    body = diagram(at)
    label_line = next(line for line in body.splitlines() if "onerror" in line)
    assert label_line.count('"') == 2, "the user's quote cannot close the label early"
    assert "<img" not in body and "-->" not in label_line


def test_the_judgement_and_what_is_unclear_are_asked_beside_the_answers():
    at = open_section(workflow_page(load_example("support_mail_triage")), 3)
    judgement = at.text_area(key="workflow-judgement")
    assert judgement.value.startswith("Which team handles a customer mail")
    run(judgement.input("Which team answers the mail"))
    assert stored_workflow(at).judgement == "Which team answers the mail"

    # Only a ticked "Unclear" asks what is unclear.
    assert not [t for t in at.text_area if t.key == "workflow-fallback-unclear-what"]
    assert at.text_area(key="workflow-feedback-unclear-what").value.startswith("Whether the ticket system vendor")
    run(at.checkbox(key="workflow-fallback-unclear").check())
    run(at.text_area(key="workflow-fallback-unclear-what").input("Who takes over at night"))
    run(at.checkbox(key="workflow-mode-unclear").check())
    run(at.text_area(key="workflow-mode-unclear-what").input("Whether agents may skip the proposal"))
    saved = stored_workflow(at).integration
    assert (saved.fallback.unclear, saved.fallback.unclear_what) == (True, "Who takes over at night")
    assert saved.mode.unclear_what == "Whether agents may skip the proposal"
    assert "What is unclear: Who takes over at night" in readiness_text(at)
