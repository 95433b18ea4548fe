"""Step page: the data landscape, an inventory of the data drawn around its use."""

import streamlit as st

from canvas_core.i18n import _
from canvas_core.steps import STEPS_BY_ID
from ui.state import current_plan, show_flash
from ui.steps import data_landscape

step = STEPS_BY_ID["data_landscape"]
st.title(f"{step.number}. {_(step.title)}")
st.caption(_("List the data the project has and needs: where it lives, who owns it, whether it is there yet, "
             "whether it is personal and what it costs. Our own design, inspired by the Data Landscape Canvas by "
             "Datentreiber (canvasgeneration.com); it does not reproduce that canvas."))
show_flash()
data_landscape.show(current_plan())
