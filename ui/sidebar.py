"""The shared sidebar: the steps in order with their completeness."""

from __future__ import annotations

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from canvas_core.i18n import _
from canvas_core.plan import Plan
from canvas_core.steps import OVERALL, STEPS_BY_ID, completeness_by_step
from ui import access, language, reconnect
from ui.navigation import HOME, ITERATIONS, PORTFOLIO, STEP_PAGES, WORKSHOP
from ui.state import (
    AUTHOR_KEY,
    is_stored,
    last_outcome,
    link_params,
    open_plan,
    read_only,
    save_now,
)


def show(plan: Plan, pages: dict[str, StreamlitPage]) -> None:
    """`pages`: the st.Page objects of this run by step id (links to objects skip path lookups)."""
    with st.sidebar:
        st.markdown("### ML Canvas Studio")
        access.keep_browser_token()
        st.caption(_("Plan open in this tab"))
        st.text(plan.meta.name)  # user text: plain, never markdown
        if read_only():
            st.caption(":material/visibility: " + _("View-only link: read every step, download the report"))
        else:
            _save_state()
        params = link_params()
        shares = completeness_by_step(plan)
        st.page_link(pages[HOME.step_id], label=_(HOME.title), icon=HOME.icon, query_params=params)
        for page in STEP_PAGES:
            step = STEPS_BY_ID[page.step_id]
            share = shares[page.step_id]
            done = "✓" if share >= 1 else f"{share:.0%}"
            if step.completeness == OVERALL:  # the mean of the other steps, not this page's own answers
                done = _("overall {share}").format(share=done)
            st.page_link(pages[page.step_id], label=f"{step.number}. {_(step.title)} · {done}", icon=page.icon,
                         query_params=params)
        if not read_only():  # iterations are saved with the edit link
            st.page_link(pages[ITERATIONS.step_id], label=_("Iterations & compare"), icon=ITERATIONS.icon,
                         query_params=params)
        st.page_link(pages[PORTFOLIO.step_id], label=_("Portfolio: compare ideas"), icon=PORTFOLIO.icon,
                     query_params=params)
        if not read_only():  # a workshop is run with the edit link
            st.page_link(pages[WORKSHOP.step_id], label=_(WORKSHOP.title), icon=WORKSHOP.icon, query_params=params)
        st.divider()
        language.switch()
        if read_only():
            return
        st.text_input(
            _("Your name on new notes"),
            key=AUTHOR_KEY,
            persist_state="session",
            placeholder=_("e.g. Dana (facilitator)"),
            max_chars=80,
        )
        reconnect.watch_connection(plan.id if is_stored() else None, open_plan().version)


def _save_state() -> None:
    outcome = last_outcome()
    if not is_stored() and (outcome is None or outcome.status != "failed"):
        st.caption(":material/edit_note: " + _("New plan: saved as soon as you add something"))
    elif outcome is None or outcome.status in ("saved", "merged"):
        # No time of day: a note added in a canvas cell saves without redrawing the sidebar, so a
        # time shown here would be the time of an earlier save.
        st.caption(":material/cloud_done: " + _("All changes saved"), help=_(
            "Every change is saved at once. The link in the address bar reopens this plan, also after a "
            "refresh or a restart."))
    elif outcome.status == "conflict":
        st.caption(":material/sync_problem: " + _("Last change not saved: someone changed the same thing"))
    else:
        st.caption(":material/cloud_off: " + _("Not saved: your changes are kept in this tab"))
        st.text(outcome.message)  # may quote the database's words: plain text
        st.button(_("Try saving again"), key="retry-save", on_click=save_now, icon=":material/refresh:")
