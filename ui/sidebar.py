"""The shared sidebar: the steps in order with their completeness."""

from __future__ import annotations

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from canvas_core.completeness import step_completeness
from canvas_core.steps import STEPS_BY_ID
from ui.navigation import HOME, STEP_PAGES
from ui.state import AUTHOR_KEY, current_plan


def show(pages: dict[str, StreamlitPage]) -> None:
    """`pages`: the st.Page objects of this run by step id (links to objects skip path lookups)."""
    plan = current_plan()
    with st.sidebar:
        st.markdown("### ML Canvas Studio")
        st.caption("Plan open in this tab")
        st.text(plan.meta.name)  # user text: plain, never markdown
        st.page_link(pages[HOME.step_id], label=HOME.title, icon=HOME.icon)
        for page in STEP_PAGES:
            step = STEPS_BY_ID[page.step_id]
            share = step_completeness(plan, page.step_id)
            done = "✓" if share >= 1 else f"{share:.0%}"
            st.page_link(pages[page.step_id], label=f"{step.number}. {step.title} · {done}", icon=page.icon)
        st.divider()
        st.text_input(
            "Your name on new notes",
            key=AUTHOR_KEY,
            persist_state="session",
            placeholder="e.g. Dana (facilitator)",
            max_chars=80,
        )
