"""The shared sidebar: the steps in order with their completeness."""

from __future__ import annotations

import streamlit as st

from canvas_core.completeness import step_completeness
from canvas_core.steps import STEPS_BY_ID
from ui.navigation import HOME, STEP_PAGES
from ui.state import AUTHOR_KEY, current_plan


def show() -> None:
    plan = current_plan()
    with st.sidebar:
        st.markdown("### ML Canvas Studio")
        st.caption("Plan open in this tab")
        st.text(plan.meta.name)  # user text: plain, never markdown
        st.page_link(HOME.script, label=HOME.title, icon=HOME.icon)
        for page in STEP_PAGES:
            step = STEPS_BY_ID[page.step_id]
            share = step_completeness(plan, page.step_id)
            st.page_link(page.script, label=f"{step.number}. {step.title} · {share:.0%}", icon=page.icon)
            st.progress(share)
        st.divider()
        st.text_input(
            "Your name on new notes",
            key=AUTHOR_KEY,
            persist_state="session",
            placeholder="e.g. Dana (facilitator)",
            max_chars=80,
        )
