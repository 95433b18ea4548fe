"""Step page: the back-of-the-envelope cost estimate."""

import streamlit as st

from canvas_core.i18n import _
from canvas_core.steps import STEPS_BY_ID
from ui.state import current_plan, show_flash
from ui.steps import costs

step = STEPS_BY_ID["costs"]
st.title(f"{step.number}. {_(step.title)}")
st.caption(_("Estimate costs, not benefits: costs can be estimated now, benefits are only asked for as the yearly "
             "amount the project would have to produce to break even. Every figure below traces back to the lines."))
show_flash()
costs.show(current_plan())
