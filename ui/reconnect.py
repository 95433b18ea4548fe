"""Edits that reach a server which no longer knows the tab.

A browser tab keeps its widget values when the server restarts (or when the
connection drops). Its next run arrives in a fresh session that carries those
values, but Streamlit calls a widget's callback only for widgets it has seen
in an earlier run of the same session, so the edit that triggered the run (a
note typed and sent with Enter, a click) would be dropped without a word while
the text stays in the box.

This module replays such edits. The first run of a session keeps the values
the browser sent; at the end of that run every widget has been drawn again,
and a value that differs from what the plan shows (or, for a widget that is not
a view of the plan, from its empty default) is an edit the tab made. The run
is repeated once and those widgets' own callbacks are called at its start,
exactly as Streamlit would have. Adding a note is safe whatever happened in
the meantime; any other edit is replayed only if the plan is still at the
version the tab showed (the in-page watcher remembers it), otherwise the user is told
what was not saved.

Streamlit has no public hook for this, so the few internals it needs are read
here and nowhere else; tests/test_reconnect.py fails if they change.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
from streamlit.runtime.state.common import (
    WidgetMetadata,
    unpack_widget_state_value,
    user_key_from_element_id,
)
from streamlit.runtime.state.session_state import Serialized, SessionState

from canvas_core.i18n import _
from ui import fragment_reruns

fragment_reruns.install()  # a cell's note after a restart: see there

_SETTLED_KEY = "_session_run_completed"
_INCOMING_KEY = "_incoming_widget_states"
_PENDING_KEY = "_pending_replays"
_SYNCED_KEY = "_synced_keys"
_REPLAYING_KEY = "_replaying"
WATCHER_KEY = "connection-watcher"
_ADDITIVE_PREFIXES: list[str] = []


@dataclass(frozen=True)
class Replay:
    key: str
    widget_id: str  # the widget as drawn in this session
    value: Any
    proto: Any  # what the browser sent, to hand the widget again
    set_value: bool  # a view of the plan: its value was overwritten by the plan's and must be put back


def additive(prefix: str) -> None:
    """Declare widgets whose key starts with `prefix` as adding something (a new note):
    replaying them is safe even if the plan changed while the tab was away."""
    if prefix not in _ADDITIVE_PREFIXES:
        _ADDITIVE_PREFIXES.append(prefix)


def _session() -> SessionState:
    ctx = get_script_run_ctx()
    return ctx.session_state._state  # type: ignore[union-attr]


def capture() -> None:
    """First thing in a run: until a run of this session has completed, keep the values the
    browser sent (a click can cut the first run short and start another before the session
    has seen the page's widgets)."""
    if _SETTLED_KEY in st.session_state:
        return
    states = _session()._new_widget_state.states
    incoming = {wid: state.value for wid, state in states.items() if isinstance(state, Serialized)}
    if incoming:  # a first page load sends none: this tab was served by an earlier session
        st.session_state[_INCOMING_KEY] = incoming
        st.session_state[_SYNCED_KEY] = set()
    else:
        st.session_state.pop(_INCOMING_KEY, None)


def note_synced(key: str) -> None:
    """`key` shows a value of the plan (ui.state.sync): compare the browser's value with the plan's."""
    synced = st.session_state.get(_SYNCED_KEY)
    if synced is not None:
        synced.add(key)


_WATCHER_JS = """
export default function ({ data, parentElement, setTriggerValue }) {
  // Remember, in the browser, which version of the plan this tab shows (on the app's root, where
  // a canvas cell redrawn on its own also writes it); after the connection comes back, run the
  // page once so that the server hears what the tab holds.
  const root = parentElement.ownerDocument.querySelector("[data-testid='stApp']");
  const self = parentElement.host || parentElement;
  if (!root) return;
  root.dataset.mlcsBase = data.base;
  if (self.dataset.watching) return;
  self.dataset.watching = "1";
  let lost = false;
  new MutationObserver(() => {
    const state = root.getAttribute("data-test-connection-state");
    if (state !== "CONNECTED") { lost = true; return; }
    if (lost) { lost = false; setTriggerValue("reconnected", root.dataset.mlcsBase || ""); }
  }).observe(root, { attributes: true, attributeFilter: ["data-test-connection-state"] });
}
"""
_watcher = st.components.v2.component("mlcs_connection_watcher", js=_WATCHER_JS)
_VERSION_JS = """
export default function ({ data, parentElement }) {
  const root = parentElement.ownerDocument.querySelector("[data-testid='stApp']");
  if (root) root.dataset.mlcsBase = data.base;
}
"""
_version = st.components.v2.component("mlcs_plan_version", js=_VERSION_JS)
VERSION_KEY_PREFIX = "plan-version-"


def watch_connection(plan_id: str | None, version: int | None) -> None:
    """Mount the in-page watcher that reruns the page once the connection comes back,
    carrying the version of the plan the tab shows."""
    _watcher(data={"base": _base(plan_id, version)}, key=WATCHER_KEY, height=0)


def note_version(plan_id: str | None, version: int | None, key: str) -> None:
    """In a fragment that saved (a canvas cell run on its own, the sidebar not redrawn): tell the
    watcher which version the tab shows now, so an edit made while the connection is lost is
    compared with this version, not with the one the page was last drawn with."""
    _version(data={"base": _base(plan_id, version)}, key=VERSION_KEY_PREFIX + key, height=0)


def in_fragment_run() -> bool:
    """True while only fragments run (a canvas cell on its own), not the whole page."""
    ctx = get_script_run_ctx()
    return bool(ctx and ctx.fragment_ids_this_run)


def _base(plan_id: str | None, version: int | None) -> str:
    return f"{plan_id}@{version}" if plan_id and version else ""


def finish(plan_id: str, version: int | None, flash: Callable[[str, list[str]], None]) -> None:
    """Last thing in a session's first run: find the edits the browser made and replay them."""
    if _SETTLED_KEY in st.session_state:
        return
    st.session_state[_SETTLED_KEY] = True
    incoming: dict[str, Any] | None = st.session_state.pop(_INCOMING_KEY, None)
    synced: set[str] = st.session_state.pop(_SYNCED_KEY, set())
    if not incoming:
        return
    session = _session()
    drawn = session._new_widget_state.widget_metadata
    tab_shows = _reported_base(incoming)
    replays, refused = [], []
    for sent_id, proto in incoming.items():
        widget_id = sent_id if sent_id in drawn else _same_table(sent_id, drawn)
        key = user_key_from_element_id(widget_id) if widget_id else None
        metadata = drawn.get(widget_id) if widget_id else None
        if key is None or key == WATCHER_KEY or metadata is None or metadata.callback is None:
            continue
        value = metadata.deserializer(unpack_widget_state_value(proto))
        is_view = key in synced
        baseline = st.session_state[key] if is_view else metadata.deserializer(None)
        if not _differs(value, baseline):
            continue
        replay = Replay(key, widget_id, value, proto, set_value=is_view)
        if any(key.startswith(p) for p in _ADDITIVE_PREFIXES) or (tab_shows and tab_shows == _base(plan_id, version)):
            replays.append(replay)
        else:
            refused.append(replay)
    if refused:
        flash(_("The connection to the server was lost and the plan was changed elsewhere in the meantime, "
                "so your last change was not saved. Check the page and enter it again; what you entered:"),
              [_describe(r.value) for r in refused])
    if replays:
        st.session_state[_PENDING_KEY] = replays
    if replays or refused:
        st.rerun()  # apply the edits, or show the message, before the user acts on this page


def settle() -> None:
    """End a run without replaying anything (a tab with a view link cannot have edited)."""
    st.session_state[_SETTLED_KEY] = True
    st.session_state.pop(_INCOMING_KEY, None)
    st.session_state.pop(_SYNCED_KEY, None)


def replay_pending() -> None:
    """At the start of the repeated run: call the callbacks of the edits found in the first run."""
    replays: list[Replay] | None = st.session_state.pop(_PENDING_KEY, None)
    if not replays:
        return
    metadata_of = _session()._new_widget_state.widget_metadata
    st.session_state[_REPLAYING_KEY] = True
    try:
        for replay in replays:
            metadata: WidgetMetadata | None = metadata_of.get(replay.widget_id)
            if metadata is None or metadata.callback is None:
                continue
            if replay.set_value:
                st.session_state[replay.key] = replay.value
            elif replay.proto.id != replay.widget_id:  # a table drawn under a new key: give it the edit
                moved = type(replay.proto)()
                moved.CopyFrom(replay.proto)
                moved.id = replay.widget_id
                _session()._new_widget_state.set_widget_from_proto(moved)
            metadata.callback(*(metadata.callback_args or ()), **(metadata.callback_kwargs or {}))
    finally:
        st.session_state.pop(_REPLAYING_KEY, None)


def replaying() -> bool:
    """True while an edit made before the connection dropped is being applied again."""
    return bool(st.session_state.get(_REPLAYING_KEY))


_GENERATION = re.compile(r"^(?P<name>.+)-\d+$")


def _same_table(sent_id: str, drawn: dict[str, Any]) -> str | None:
    """The widget drawn now for a table the browser sent under an older key: a table's key
    ends in a generation number (ui.tables), which a new session counts from 0 again."""
    match = _GENERATION.match(user_key_from_element_id(sent_id) or "")
    if not match:
        return None
    for widget_id in drawn:
        now = _GENERATION.match(user_key_from_element_id(widget_id) or "")
        if now and now["name"] == match["name"]:
            return widget_id
    return None


def _reported_base(incoming: dict[str, Any]) -> str:
    """The plan version the watcher says the tab showed when the connection came back."""
    for widget_id, proto in incoming.items():
        if WATCHER_KEY in widget_id and proto.WhichOneof("value") == "json_trigger_value":
            try:
                events = json.loads(proto.json_trigger_value)
            except ValueError:
                return ""
            for event in events if isinstance(events, list) else []:
                if isinstance(event, dict) and event.get("event") == "reconnected":
                    return str(event.get("value") or "")
    return ""


def _differs(a: Any, b: Any) -> bool:
    try:
        return bool(a != b)
    except (TypeError, ValueError):  # values without a plain truth value (frames): treat as changed
        return True


def _describe(value: Any) -> str:
    if isinstance(value, dict) and {"edited_rows", "added_rows", "deleted_rows"} & set(value):
        return _("an edit of a table")
    if isinstance(value, bool):
        return _("a click")
    return str(value)
