"""ui.live asks Streamlit for a keyed fragment's rerun from a ticking fragment, through internals
(st.rerun(scope=key) is allowed only in callbacks). These tests fail if those internals change; the
browser tests (tests/e2e/test_workshop_in_browser.py) show the whole behaviour."""

from __future__ import annotations

import dataclasses

from streamlit.runtime.fragment import MemoryFragmentStorage
from streamlit.runtime.scriptrunner_utils.script_requests import (
    RerunData,
    ScriptRequests,
    ScriptRequestType,
    _fragment_run_should_not_preempt_script,
)
from streamlit.runtime.scriptrunner_utils.script_run_context import ScriptRunContext


def test_the_rerun_request_has_the_fields_ui_live_fills():
    fields = {f.name for f in dataclasses.fields(RerunData)}
    assert {"query_string", "page_script_hash", "fragment_id_queue", "is_fragment_scoped_rerun",
            "cached_message_hashes", "context_info"} <= fields
    assert {"fragment_storage", "script_requests", "query_string", "cached_message_hashes",
            "context_info"} <= {f.name for f in dataclasses.fields(ScriptRunContext)}
    assert isinstance(ScriptRunContext.page_script_hash, property)
    assert callable(MemoryFragmentStorage.resolve_target)


def test_a_board_rerun_waits_for_the_run_in_progress_and_then_runs():
    """Not "scoped": the watcher's run (or a page being drawn) finishes first; then the board runs."""
    assert _fragment_run_should_not_preempt_script(["board"], False)
    requests = ScriptRequests()
    requests.request_rerun(RerunData(fragment_id_queue=["watch"]))
    assert requests.on_scriptrunner_ready().type == ScriptRequestType.RERUN  # the watcher's tick starts
    assert requests.request_rerun(RerunData(fragment_id_queue=["board"], is_fragment_scoped_rerun=False))
    assert requests.on_scriptrunner_yield() is None  # the tick is not cut short
    follow_up = requests.on_scriptrunner_ready()  # the tick ended: the board's turn
    assert follow_up.type == ScriptRequestType.RERUN and follow_up.rerun_data.fragment_id_queue == ["board"]
