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
from collections.abc import Callable
from typing import Any

import streamlit as st
from pydantic import ValidationError

from canvas_core import autosave, i18n
from canvas_core.autosave import OpenPlan, SaveOutcome
from canvas_core.i18n import _
from canvas_core.merge import MISSING, describe
from canvas_core.plan import Plan, PlanMeta
from canvas_core.store import PlanNotFound, StoreUnavailable
from canvas_core.validation import problems
from ui import access, language, reconnect
from ui.bootstrap import plan_store

OPEN_KEY = "open_plan"
VIEW_KEY = "view_token"  # set while the tab shows a plan through its view-only link
AUTHOR_KEY = "author_name"
STATUS_KEY = "save_outcome"
_FLASH_KEY = "flash_message"
_SAVE_PENDING_KEY = "save_after_drawing"


def open_plan() -> OpenPlan:
    if OPEN_KEY not in st.session_state:
        st.session_state[OPEN_KEY] = OpenPlan.draft(new_plan())  # stored on its first change
    return st.session_state[OPEN_KEY]


def new_plan() -> Plan:
    """An empty plan, named and written in the language this person reads the app in (their choice,
    else their browser's, else the language they were reading): its reports are in that language."""
    lang = language.chosen() or i18n.supported(st.context.locale) or i18n.current()
    with i18n.language(lang):
        return Plan(meta=PlanMeta(name=_("Untitled plan"), language=lang))


def current_plan() -> Plan:
    return open_plan().plan


def is_stored() -> bool:
    return open_plan().version is not None


def view_token(plan_id: str) -> str:
    """The plan's view-only link token, asked of the store once per session."""
    held = st.session_state.setdefault("_view_tokens", {})
    if plan_id not in held:
        held[plan_id] = plan_store().view_token(plan_id)
    return held[plan_id]


def read_only() -> bool:
    """True while the tab shows the plan through its view-only link: nothing can be changed."""
    return VIEW_KEY in st.session_state


def link_params() -> dict[str, str]:
    """Query parameters that keep the open plan when following a link (never the edit
    link in a tab opened with the view link)."""
    if read_only():
        return {"view": st.session_state[VIEW_KEY]}
    return {"plan": current_plan().id} if is_stored() else {}


def start_run() -> None:
    """Match the session to the URL, catch up with other sessions (app.py, every run)."""
    reconnect.capture()
    save_pending()  # a cell's change whose run ended before it was written
    try:
        if st.query_params.get("view"):
            _follow_the_view_link(st.query_params["view"])
        else:
            _follow_the_link()
    except StoreUnavailable as error:
        flash(_("The plan store cannot be read: {error}. Try again in a moment.").format(error=error))
    if is_stored() and not read_only() and st.query_params.get("plan") != current_plan().id:
        st.query_params["plan"] = current_plan().id
    reconnect.replay_pending()


def _follow_the_link() -> None:
    wanted = st.query_params.get("plan")
    held = st.session_state.get(OPEN_KEY)
    if wanted:
        st.session_state.pop(VIEW_KEY, None)  # the edit link: this tab may edit
    if wanted and (held is None or held.plan.id != wanted):
        try:
            st.session_state[OPEN_KEY] = OpenPlan.from_store(plan_store().get(wanted))
        except PlanNotFound:
            deleted = plan_store().is_deleted(wanted)
            flash(_("This plan was deleted. It can be restored from the list of deleted plans on Home.")
                  if deleted else _("No plan was found at this link. It may have been mistyped."))
            del st.query_params["plan"]
            return
        access.remember(plan_store(), wanted, "edit")
    else:
        _catch_up()


def _follow_the_view_link(token: str) -> None:
    held = st.session_state.get(OPEN_KEY)
    if held is not None and st.session_state.get(VIEW_KEY) == token:
        _catch_up()
        return
    try:
        plan_id = plan_store().plan_for_view(token)
        opened = OpenPlan.from_store(plan_store().get(plan_id))
    except PlanNotFound:
        flash(_("No plan was found at this view link. It may have been mistyped, or the plan was deleted."))
        del st.query_params["view"]
        if read_only():  # a mistyped view link must not leave the last plan open for editing
            st.session_state.pop(VIEW_KEY)
            st.session_state[OPEN_KEY] = OpenPlan.draft(new_plan())
        return
    st.session_state[OPEN_KEY] = opened
    st.session_state[VIEW_KEY] = token
    st.session_state.pop(STATUS_KEY, None)
    access.remember(plan_store(), plan_id, "view")


def _catch_up() -> None:
    outcome = autosave.refresh(plan_store(), open_plan())
    if outcome is not None:
        _record(outcome)


def finish_run() -> None:
    """After the page (app.py, every run): replay edits a reconnecting tab made before this session knew it."""
    if read_only():
        reconnect.settle()
    else:
        reconnect.finish(current_plan().id, open_plan().version, flash)


def replace_plan(plan: Plan, *, store: bool = True) -> None:
    """Open `plan` in this tab; `store=True` writes it first (a new or copied plan)."""
    st.session_state[OPEN_KEY] = OpenPlan(plan) if store else OpenPlan.draft(plan)
    st.session_state.pop(STATUS_KEY, None)  # the last save's outcome was about the plan before
    st.session_state.pop(VIEW_KEY, None)  # a plan of one's own: editable
    st.query_params.pop("view", None)
    if store and save_now().status == "saved":
        st.query_params["plan"] = plan.id  # the link now opens this plan, not the one before
    else:
        st.query_params.pop("plan", None)


def open_stored(plan_id: str) -> None:
    st.session_state[OPEN_KEY] = OpenPlan.from_store(plan_store().get(plan_id))
    st.session_state.pop(VIEW_KEY, None)
    st.query_params.pop("view", None)
    st.query_params["plan"] = plan_id


def save_now() -> SaveOutcome:
    if read_only():  # nothing can change through a view link, so there is nothing to write
        return SaveOutcome("saved")
    first_save = not is_stored()
    outcome = autosave.save(plan_store(), open_plan())
    _record(outcome)
    if first_save and is_stored():
        access.remember(plan_store(), current_plan().id, "edit")
    return outcome


def _record(outcome: SaveOutcome) -> None:
    st.session_state[STATUS_KEY] = outcome
    if outcome.status in ("conflict", "failed"):
        details = []
        for conflict in outcome.conflicts:
            details.append(describe(conflict))
            if not conflict.reason:  # reasoned conflicts (order, validity) have no single value to show
                details += ["  " + _("their version: {value}").format(value=_value(conflict.theirs)),
                            "  " + _("your version (not saved): {value}").format(value=_value(conflict.mine))]
        flash(outcome.message, details)


def _value(value: Any) -> str:
    if value is MISSING:
        return _("(deleted)")
    if isinstance(value, dict) and "text" in value:  # a whole note: its text is what the user wrote
        return str(value["text"])
    return _("(empty)") if value in (None, "") else str(value)


def last_outcome() -> SaveOutcome | None:
    return st.session_state.get(STATUS_KEY)


def save_failed() -> bool:
    outcome = last_outcome()
    return outcome is not None and outcome.status == "failed"


def author() -> str:
    return st.session_state.get(AUTHOR_KEY, "") or ""


def sync(key: str, value: Any) -> None:
    """Make the widget under `key` show `value` (call before drawing the widget)."""
    reconnect.note_synced(key)
    if key not in st.session_state or st.session_state[key] != value:
        st.session_state[key] = value


def guarded(change: Callable[..., Any], *, save_after_drawing: bool = False) -> Callable[..., None]:
    """Wrap a callback: apply the change, save it, or explain why not.

    A rejected change leaves the plan as it was; the widget snaps back to the
    plan's value on the next render because every widget is synced from it.

    `save_after_drawing`: in a fragment's own run (a canvas cell), the save waits until the
    fragment has drawn the change and calls `save_pending()`, later in the same run, so the
    note shows while it is written. The plan is marked unsaved meanwhile: any other run that
    comes first (start_run) saves it.
    """

    def run(*args: Any, **kwargs: Any) -> None:
        if read_only():  # the widgets are not drawn for a view link; this refuses a forged call too
            flash(_("This is a view-only link: nothing can be changed here."))
            return
        try:
            change(*args, **kwargs)
        except ValueError as error:  # EditError and pydantic's ValidationError
            flash(_readable(error))
            return
        if save_after_drawing and reconnect.in_fragment_run():
            open_plan().dirty = True
            st.session_state[_SAVE_PENDING_KEY] = True
            return
        save_now()  # autosave writes only if the plan changed

    return run


def save_pending() -> bool:
    """Save a change that waited until its fragment was drawn (see `guarded`); True if there was one."""
    if not st.session_state.pop(_SAVE_PENDING_KEY, False):
        return False
    save_now()
    return True


def save_is_pending() -> bool:
    return bool(st.session_state.get(_SAVE_PENDING_KEY))


def _readable(error: ValueError) -> str:
    if isinstance(error, ValidationError):
        return _("Not saved: {problem}.").format(problem=problems(error))
    return str(error)


def flash(message: str, details: list[str] | None = None, *, level: str = "error") -> None:
    """A message for the top of the next render; `details` are user text, shown plain.
    level "info" is for something done differently than asked (and said why), not refused."""
    st.session_state[_FLASH_KEY] = (message, details or [], level)


def pending_flash() -> bool:
    """True while a message waits to be shown at the top of the page."""
    return _FLASH_KEY in st.session_state


def show_flash() -> None:
    """Show a pending message at the top of the page and as a toast (seen wherever the user scrolled)."""
    pending = st.session_state.pop(_FLASH_KEY, None)
    if pending:
        message, details, *rest = pending
        show, icon = (st.info, ":material/info:") if rest == ["info"] else (st.error, ":material/error:")
        # A message may quote what was typed ('"12,5" is not a number'): shown as written, never as Markdown.
        show(markdown_literal(message), icon=icon)
        if details:
            st.text("\n".join(details))
        st.toast(markdown_literal(message), icon=icon)


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
