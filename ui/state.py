"""The plan in the session: one source of truth, widgets are views of it.

Widgets are rendered from the plan and write back through callbacks; every
callback saves at once (autosave). Before a widget is drawn its value is
synced from the plan, so a value changed anywhere else (another page, another
session, a take-over, a loaded example) shows up, and a page switch that drops
widget state loses nothing. The plan's id rides in the URL (?plan=...), so a
refresh, a new tab or a server restart reopens it from the store.
"""

from __future__ import annotations

import re
from typing import Any, Callable

import streamlit as st

from canvas_core import autosave
from canvas_core.autosave import OpenPlan, SaveOutcome
from canvas_core.merge import MISSING, describe
from canvas_core.plan import Plan
from canvas_core.store import PlanNotFound, SqlPlanStore, database_url

OPEN_KEY = "open_plan"
AUTHOR_KEY = "author_name"
STATUS_KEY = "save_outcome"
_FLASH_KEY = "flash_message"


@st.cache_resource(show_spinner=False)
def _store_for(url: str) -> SqlPlanStore:
    store = SqlPlanStore(url)
    store.purge_expired()
    return store


def plan_store() -> SqlPlanStore:
    return _store_for(database_url())


def open_plan() -> OpenPlan:
    if OPEN_KEY not in st.session_state:
        st.session_state[OPEN_KEY] = OpenPlan(Plan())  # a draft, stored on its first change
    return st.session_state[OPEN_KEY]


def current_plan() -> Plan:
    return open_plan().plan


def is_stored() -> bool:
    return open_plan().version is not None


def link_params() -> dict[str, str]:
    """Query parameters that keep the open plan when following a link."""
    return {"plan": current_plan().id} if is_stored() else {}


def start_run() -> None:
    """Match the session to the URL, catch up with other sessions (app.py, every run)."""
    wanted = st.query_params.get("plan")
    held = st.session_state.get(OPEN_KEY)
    if wanted and (held is None or held.plan.id != wanted):
        try:
            st.session_state[OPEN_KEY] = OpenPlan.from_store(plan_store().get(wanted))
        except PlanNotFound:
            deleted = plan_store().is_deleted(wanted)
            flash("This plan was deleted. It can be restored from the list of deleted plans on Home."
                  if deleted else "No plan was found at this link. It may have been mistyped.")
            del st.query_params["plan"]
    else:
        outcome = autosave.refresh(plan_store(), open_plan())
        if outcome is not None:
            _record(outcome)
    if is_stored() and st.query_params.get("plan") != current_plan().id:
        st.query_params["plan"] = current_plan().id


def replace_plan(plan: Plan, *, store: bool = True) -> None:
    """Open `plan` in this tab; `store=True` writes it first (a new or copied plan)."""
    st.session_state[OPEN_KEY] = OpenPlan(plan)
    if store and save_now().status == "saved":
        st.query_params["plan"] = plan.id  # the link now opens this plan, not the one before
    else:
        st.query_params.pop("plan", None)


def open_stored(plan_id: str) -> None:
    st.session_state[OPEN_KEY] = OpenPlan.from_store(plan_store().get(plan_id))
    st.query_params["plan"] = plan_id


def save_now() -> SaveOutcome:
    outcome = autosave.save(plan_store(), open_plan())
    _record(outcome)
    return outcome


def _record(outcome: SaveOutcome) -> None:
    st.session_state[STATUS_KEY] = outcome
    if outcome.status in ("conflict", "failed"):
        details = []
        for conflict in outcome.conflicts:
            details.append(describe(conflict))
            if not conflict.reason:  # reasoned conflicts (order, validity) have no single value to show
                details += [f"  their version: {_value(conflict.theirs)}",
                            f"  your version (not saved): {_value(conflict.mine)}"]
        flash(outcome.message, details)


def _value(value: Any) -> str:
    if value is MISSING:
        return "(deleted)"
    if isinstance(value, dict) and "text" in value:  # a whole note: its text is what the user wrote
        return str(value["text"])
    return "(empty)" if value in (None, "") else str(value)


def last_outcome() -> SaveOutcome | None:
    return st.session_state.get(STATUS_KEY)


def author() -> str:
    return st.session_state.get(AUTHOR_KEY, "") or ""


def sync(key: str, value: Any) -> None:
    """Make the widget under `key` show `value` (call before drawing the widget)."""
    if key not in st.session_state or st.session_state[key] != value:
        st.session_state[key] = value


def guarded(change: Callable[..., Any]) -> Callable[..., None]:
    """Wrap a callback: apply the change, save it, or explain why not.

    A rejected change leaves the plan as it was; the widget snaps back to the
    plan's value on the next render because every widget is synced from it.
    """

    def run(*args: Any, **kwargs: Any) -> None:
        before = (id(current_plan()), current_plan().meta.updated_at)
        try:
            change(*args, **kwargs)
        except ValueError as error:  # EditError and pydantic's ValidationError
            flash(_readable(error))
            return
        if (id(current_plan()), current_plan().meta.updated_at) != before:  # every change touches the plan
            save_now()

    return run


def _readable(error: ValueError) -> str:
    errors = getattr(error, "errors", None)
    if callable(errors):  # pydantic: keep the human part of the first problem
        first = errors()[0]
        return f"Not saved: {first.get('msg', 'invalid value')}."
    return str(error)


def flash(message: str, details: list[str] | None = None) -> None:
    """A message for the top of the next render; `details` are user text, shown plain."""
    st.session_state[_FLASH_KEY] = (message, details or [])


def show_flash() -> None:
    """Show a pending message at the top of the page and as a toast (seen wherever the user scrolled)."""
    pending = st.session_state.pop(_FLASH_KEY, None)
    if pending:
        message, details = pending
        # A message may quote what was typed ('"12,5" is not a number'): shown as written, never as Markdown.
        st.error(markdown_literal(message), icon=":material/error:")
        if details:
            st.text("\n".join(details))
        st.toast(markdown_literal(message), icon=":material/error:")


_ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
_LINK_START = re.compile(r"(?i)(www(?=\\\.)|\\:(?=\\/\\/)|\\@)")  # escaped www. :// @


def markdown_literal(text: str) -> str:
    """Markdown that shows `text` exactly as written, on one line.

    Every ASCII punctuation character is backslash-escaped (CommonMark shows it
    literally, and Streamlit's :name: shortcodes are not formed), and an invisible
    word joiner goes after what starts a web or mail link ("www", ":" of "://", "@"):
    Streamlit finds those links after escapes are resolved."""
    # Stripped: leading spaces would make an indented code block.
    escaped = _ASCII_PUNCTUATION.sub(r"\\\1", " ".join(text.splitlines()).strip())
    return _LINK_START.sub("\\1\u2060", escaped)
