"""The plan in the session: one source of truth, widgets are views of it.

Widgets are rendered from the plan and write back through callbacks. Before a
widget is drawn its value is synced from the plan, so a value changed anywhere
else (another page, a take-over, a loaded example) shows up, and a page switch
that drops widget state loses nothing.
"""

from __future__ import annotations

from typing import Any, Callable

import streamlit as st

from canvas_core.plan import Plan

PLAN_KEY = "plan"
AUTHOR_KEY = "author_name"
_FLASH_KEY = "flash_message"


def current_plan() -> Plan:
    if PLAN_KEY not in st.session_state:
        st.session_state[PLAN_KEY] = Plan()
    return st.session_state[PLAN_KEY]


def replace_plan(plan: Plan) -> None:
    st.session_state[PLAN_KEY] = plan


def author() -> str:
    return st.session_state.get(AUTHOR_KEY, "") or ""


def sync(key: str, value: Any) -> None:
    """Make the widget under `key` show `value` (call before drawing the widget)."""
    if key not in st.session_state or st.session_state[key] != value:
        st.session_state[key] = value


def guarded(change: Callable[..., Any]) -> Callable[..., None]:
    """Wrap a callback so a rejected change shows a message instead of a traceback.

    The plan is left as it was; the widget snaps back to the plan's value on
    the next render because every widget is synced from the plan.
    """

    def run(*args: Any, **kwargs: Any) -> None:
        try:
            change(*args, **kwargs)
        except ValueError as error:  # EditError and pydantic's ValidationError
            flash(_readable(error))

    return run


def _readable(error: ValueError) -> str:
    errors = getattr(error, "errors", None)
    if callable(errors):  # pydantic: keep the human part of the first problem
        first = errors()[0]
        return f"Not saved: {first.get('msg', 'invalid value')}."
    return str(error)


def flash(message: str) -> None:
    st.session_state[_FLASH_KEY] = message


def show_flash() -> None:
    """Show a pending message at the top of the page and as a toast (seen wherever the user scrolled)."""
    message = st.session_state.pop(_FLASH_KEY, None)
    if message:
        st.error(message, icon=":material/error:")
        st.toast(message, icon=":material/error:")
