"""A step whose editor is not built yet says plainly what it will hold."""

from __future__ import annotations

import streamlit as st

from canvas_core.steps import STEPS_BY_ID


def show(step_id: str, will_hold: list[str]) -> None:
    step = STEPS_BY_ID[step_id]
    st.title(f"{step.number}. {step.title}")
    st.caption(step.summary)
    st.info("This step's editor is not available yet. Your plan already has room for its answers, "
            "and the worked example shows them in the exported JSON.", icon=":material/construction:")
    st.markdown("**What this step will hold**")
    st.markdown("\n".join(f"- {item}" for item in will_hold))
