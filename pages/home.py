"""Home: the plan open in this tab, your plans, a new plan, the worked example, import."""

import streamlit as st

from canvas_core.i18n import _
from canvas_core.steps import STEPS
from ui import plan_form, plan_list
from ui.navigation import STEP_PAGES, page_of
from ui.state import current_plan, link_params, read_only, show_flash
from ui.workshop import join as workshop_join

st.title("ML Canvas Studio")
st.markdown(_(
    "Plan an ML project before you spend money on a proof of concept. Work through the steps "
    "below in order, or open any of them at any time: an answer given once is offered wherever "
    "another canvas asks for it. Every change is saved at once; the address of this page reopens "
    "the plan, also after a refresh or on another computer."
))
show_flash()
workshop_join.show()

st.subheader(_("Plan open in this tab"))
plan = current_plan()
plan_form.show(plan)
plan_list.current_plan_actions(plan)

st.subheader(_("Your plans"))
plan_list.show_plans()

if not read_only():  # a view link is for reading this plan; the app's address starts anything else
    st.subheader(_("Start something else"))
    plan_list.start_something_else()

st.subheader(_("The steps"))
params = link_params()
for page, step in zip(STEP_PAGES, STEPS):
    st.page_link(page_of(step.id), label=f"{step.number}. {_(step.title)}: {_(step.summary)}", icon=page.icon,
                 query_params=params)

if not read_only():
    plan_list.show_deleted()
