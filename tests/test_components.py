"""Each Streamlit component on its own (AppTest.from_function): it shows the plan it is given,
and its callbacks change the plan open in the session and save it."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from canvas_core.examples import load_example
from canvas_core.plan import Plan
from tests.app_driver import run, store


def _component(name: str, shown_json: str, open_json: str, argument: str) -> None:
    """The script AppTest runs: `open_json` is the plan open in the session (what callbacks
    change), `shown_json` the plan handed to the component."""
    from pathlib import Path

    import streamlit as st

    from canvas_core.autosave import OpenPlan
    from canvas_core.plan import Plan
    from ui import canvas_editor, plan_form, report_exports
    from ui.navigation import ALL_PAGES, remember_pages
    from ui.state import OPEN_KEY, current_plan
    from ui.steps import costs, data_landscape, workflow

    root = Path(canvas_editor.__file__).resolve().parents[1]
    remember_pages({p.step_id: st.Page(str(root / p.script), title=p.title, url_path=p.url_path) for p in ALL_PAGES})
    if OPEN_KEY not in st.session_state:
        st.session_state[OPEN_KEY] = OpenPlan.draft(Plan.from_json(open_json))
    # The same plan in both roles is the session's: what the component shows after a change.
    shown = current_plan() if shown_json == open_json else Plan.from_json(shown_json)
    components = {
        "canvas": lambda: canvas_editor.show(shown, argument),
        "workflow": lambda: workflow.show(shown),
        "costs": lambda: costs.show(shown),
        "data_landscape": lambda: data_landscape.show(shown),
        "plan_form": lambda: plan_form.show(shown),
        "report_exports": lambda: report_exports.show(shown, with_json=argument == "json"),
    }
    components[name]()


def component(name: str, shown: Plan, open_plan: Plan | None = None, argument: str = "") -> AppTest:
    at = AppTest.from_function(_component, default_timeout=30,
                               args=(name, shown.to_json(), (open_plan or shown).to_json(), argument))
    return run(at)


def texts(at: AppTest) -> str:
    return " ".join(t.value for t in at.text)


def test_the_canvas_editor_shows_the_plan_it_is_given():
    shown, other = load_example("support_mail_triage"), Plan()
    at = component("canvas", shown, other, "ml_canvas")
    first = shown.canvas("ml_canvas").block("decisions").notes[0].text
    assert first in texts(at)


def test_a_note_added_in_the_canvas_editor_is_saved_to_the_open_plan():
    plan = Plan()
    at = component("canvas", plan, argument="ml_canvas")
    run(at.text_input(key="add-ml-canvas-decisions").input("Route only sure mails"))
    saved = store().get(plan.id).plan
    assert [n.text for n in saved.canvas("ml_canvas").block("decisions").notes] == ["Route only sure mails"]
    assert "Route only sure mails" in texts(at)


def test_the_workflow_step_shows_the_plan_it_is_given():
    shown = load_example("support_mail_triage")
    at = component("workflow", shown, Plan())
    assert at.text_input(key="workflow-process-name").value == shown.workflow.process_name


def test_the_cost_step_shows_the_totals_of_the_plan_it_is_given():
    shown = load_example("support_mail_triage")
    at = component("costs", shown, Plan())
    assert any(m.label == "One-time" and m.value == "EUR 223,300" for m in at.metric)


def test_the_data_landscape_counts_the_assets_of_the_plan_it_is_given():
    shown = load_example("support_mail_triage")
    at = component("data_landscape", shown, Plan())
    assert any(str(len(shown.data_landscape.assets)) == m.value for m in at.metric)


def test_the_plan_form_renames_the_open_plan_and_saves_it():
    plan = Plan()
    at = component("plan_form", plan)
    assert at.text_input(key="plan-name").value == plan.meta.name
    run(at.text_input(key="plan-name").input("Mail triage, take two"))
    assert store().get(plan.id).plan.meta.name == "Mail triage, take two"


def test_the_exports_offer_the_json_file_only_when_asked():
    plan = load_example("support_mail_triage")
    labels = [b.label for b in component("report_exports", plan, argument="json").get("download_button")]
    assert "Export plan as JSON" in labels
    labels = [b.label for b in component("report_exports", plan, argument="").get("download_button")]
    assert "Export plan as JSON" not in labels and "Download PDF report" in labels
