"""Step page: workflow integration (the Phase Zero decomposition)."""

import streamlit as st

from canvas_core.i18n import _
from canvas_core.steps import STEPS_BY_ID
from ui.state import current_plan, show_flash
from ui.steps import workflow

step = STEPS_BY_ID["workflow"]
st.title(f"{step.number}. {_(step.title)}")
st.caption(_("Before any model: how does the AI system fit with the work that comes before and after it? "
             "Break the process into tasks, find where a prediction can support a human judgement, and state "
             "what happens with it. Anything unclear here is a signal to redesign. Method: Phase Zero "
             "workflow decomposition (ml-ops.org, INNOQ)."))
show_flash()
workflow.show(current_plan())
