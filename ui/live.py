"""Live screens: learn about other people's changes without redrawing what did not change.

Streamlit cannot push, and replicas share nothing, so the database is the only source of truth. A
screen keeps a tiny keyed fragment ticking (`watch`): each tick reads one version number and returns
at once when nothing changed. When the room changed it asks for a rerun of the board fragment only
(the notes, votes and counts); when the room's focus moved (or it closed) it reruns the whole page.
Inputs (note entry) live outside both, so a tick never resets what someone is typing.

`st.rerun(scope=<fragment key>)` does exactly the board rerun, but Streamlit allows it only in
widget callbacks; `rerun_fragment` makes the same request from the ticking fragment, which draws
nothing and so loses nothing by finishing first. tests/test_live.py fails if the internals change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

TICK = timedelta(seconds=1)


def rerun_fragment(key: str) -> None:
    """After this run, rerun the fragment declared with `key` (what st.rerun(scope=key) asks for)."""
    ctx = get_script_run_ctx()
    if ctx is None or ctx.script_requests is None:  # pragma: no cover - outside a script run
        return
    ctx.script_requests.request_rerun(RerunData(
        query_string=ctx.query_string,
        page_script_hash=ctx.page_script_hash,
        fragment_id_queue=ctx.fragment_storage.resolve_target(key),
        # Not "scoped": such a request would cut short whatever runs now (a full page being drawn
        # after a click) and could draw the board twice in one run; this one waits its turn.
        is_fragment_scoped_rerun=False,
        cached_message_hashes=ctx.cached_message_hashes,
        context_info=ctx.context_info,
    ))


def watch(key: str, read_version: Callable[[], object], *, board: str, page_changed: Callable[[object], bool],
          paused: Callable[[], bool] = lambda: False, every: timedelta = TICK) -> None:
    """Draw a ticking watcher: `read_version()` once per tick; on a change rerun the fragment `board`,
    or the whole page whenever `page_changed(version)` says so. The first version is taken as seen.
    While `paused()` (a dialog is open) changes wait: the tick after it catches up."""
    seen_key = f"{key}-seen"

    @st.fragment(run_every=every, key=key)
    def tick() -> None:
        if paused():
            return
        version = read_version()
        # Asked on every tick, not only when the version moved: a board redrawn just after the
        # focus moved has already seen the new version, but the page around it has not.
        if page_changed(version):
            st.session_state[seen_key] = version
            st.rerun(scope="app")
        if st.session_state.get(seen_key, version) != version:
            rerun_fragment(board)
        st.session_state[seen_key] = version

    tick()


def mark_seen(key: str, version: object) -> None:
    """Tell the watcher `key` that the screen now shows `version` (a board just drawn it)."""
    st.session_state[f"{key}-seen"] = version
