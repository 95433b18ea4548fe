"""A tab whose server restarted: its next run reaches a fresh session carrying the values
the browser holds. ui.reconnect replays the edit that run carried instead of dropping it.

These tests hand a fresh AppTest session the widget states of another one, which is what a
browser does after a restart. They also pin the Streamlit internals ui.reconnect reads."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from canvas_core.plan import Plan
from tests.app_driver import APP, open_page, run, stored

CANVAS = "pages/ml_canvas.py"
ADD_BOX = "add-ml-canvas-decisions"


def browser_after_restart(before: AppTest, plan: Plan) -> AppTest:
    """A fresh session (the restarted server) receiving the widget values `before` holds."""
    states = before._tree.get_widget_states()
    fresh = AppTest.from_file(APP, default_timeout=30)
    fresh.query_params["plan"] = plan.id
    fresh._finished_page_script_hash = before._finished_page_script_hash  # the page the tab shows
    fresh._run(states)
    assert not fresh.exception, [e.value for e in fresh.exception]
    return fresh


def decisions(plan: Plan) -> list[str]:
    return [n.text for n in plan.canvas("ml_canvas").block("decisions").notes]


def test_a_note_sent_to_a_fresh_session_is_saved_and_the_box_emptied():
    plan = Plan()
    at = open_page(plan, CANVAS)
    at.text_input(key=ADD_BOX).set_value("Typed while the server restarted")
    fresh = browser_after_restart(at, plan)
    assert decisions(stored(fresh)) == ["Typed while the server restarted"]
    assert fresh.text_input(key=ADD_BOX).value == ""


def test_a_note_already_saved_before_the_crash_is_not_added_twice():
    plan = Plan()
    at = open_page(plan, CANVAS)
    run(at.text_input(key=ADD_BOX).input("Saved, then the server died"))
    at.text_input(key=ADD_BOX).set_value("Saved, then the server died")  # the browser never saw the box emptied
    fresh = browser_after_restart(at, plan)
    assert decisions(stored(fresh)) == ["Saved, then the server died"]
    assert fresh.text_input(key=ADD_BOX).value == ""


def test_a_changed_answer_whose_base_is_unknown_is_refused_with_what_was_typed():
    """Without the in-page watcher's word on which version the tab showed, a value that differs
    from the plan may be stale: it is not written, and the message quotes it."""
    plan = Plan()
    at = open_page(plan, "pages/mlops_stack.py")
    at.selectbox(key="field-mlops-stack-canvas-maturity-stage").set_value("strategic")
    fresh = browser_after_restart(at, plan)
    assert stored(fresh).canvas("mlops_stack").fields.get("maturity_stage") is None
    assert any("was not saved" in e.value for e in fresh.error)
    assert "strategic" in " ".join(t.value for t in fresh.text)


def test_an_unchanged_tab_replays_nothing():
    plan = Plan()
    at = open_page(plan, CANVAS)
    fresh = browser_after_restart(at, plan)
    assert decisions(stored(fresh)) == []
    assert not fresh.error



def test_a_rerun_of_a_cell_the_session_does_not_know_runs_the_whole_page():
    """After a restart a note typed in a cell asks a fresh session to rerun a fragment it has never
    drawn; Streamlit would drop that request, and the note with it. It becomes a run of the page,
    carrying everything else the tab sent; a fragment the session knows still reruns alone."""
    import inspect

    from streamlit.proto.ClientState_pb2 import ClientState
    from streamlit.runtime.app_session import AppSession

    from ui import fragment_reruns

    sent = ClientState(fragment_id="cell-of-an-old-session", page_name="ml_canvas", query_string="plan=p1")
    page_run = fragment_reruns.as_page_run(sent, lambda fragment_id: False)
    assert page_run.fragment_id == "" and page_run.page_name == "ml_canvas" and page_run.query_string == "plan=p1"
    assert fragment_reruns.as_page_run(sent, lambda fragment_id: True) is sent

    fragment_reruns.install()
    assert getattr(AppSession.request_rerun, "_runs_unknown_fragments_as_the_page", False)
    # The internals the patch relies on.
    assert list(inspect.signature(AppSession.request_rerun).parameters) == ["self", "client_state"]
    assert callable(AppSession.has_fragment)
