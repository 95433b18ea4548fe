"""A cell's rerun that reaches a session which does not know the cell: run the whole page instead.

Each canvas cell is a fragment (ui.canvas_editor), so a note typed into it asks the server to rerun
that fragment only. After a server restart the tab talks to a fresh session, which knows no
fragment until its first run has drawn them; Streamlit drops a rerun of a fragment it does not
hold, and with it the note, while the text stays in the box. Run the whole page with what the tab
sent instead: the widget's own callback then saves the note, or ui.reconnect replays it.

Streamlit has no public hook for this; tests/test_reconnect.py fails if the internal changes.
Installed by ui.launch before the server starts, and again (a no-op) by ui.reconnect.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.runtime.app_session import AppSession

_MARK = "_runs_unknown_fragments_as_the_page"


def install() -> None:
    original = AppSession.request_rerun
    if getattr(original, _MARK, False):
        return

    @functools.wraps(original)
    def request_rerun(self: AppSession, client_state: ClientState | None) -> None:
        original(self, as_page_run(client_state, self.has_fragment) if client_state is not None else None)

    setattr(request_rerun, _MARK, True)
    AppSession.request_rerun = request_rerun  # type: ignore[method-assign]


def as_page_run(client_state: ClientState, known: Callable[[str], bool]) -> ClientState:
    """`client_state` as a run of the whole page if it asks for a fragment that is not `known`."""
    if not client_state.fragment_id or known(client_state.fragment_id):
        return client_state
    whole_page = ClientState()
    whole_page.CopyFrom(client_state)
    whole_page.ClearField("fragment_id")
    return whole_page
