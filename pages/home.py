"""Home: what the app is for, the plan open in this tab, a new plan, the worked example."""

import streamlit as st

from canvas_core.examples import copy_of_example, example_names
from canvas_core.plan import Plan
from canvas_core.steps import STEPS
from ui import plan_form
from ui.navigation import STEP_PAGES, page_of
from ui.state import current_plan, replace_plan, show_flash

st.title("ML Canvas Studio")
st.markdown(
    "Plan an ML project before you spend money on a proof of concept. Work through the steps "
    "below in order, or open any of them at any time: an answer given once is offered wherever "
    "another canvas asks for it."
)
show_flash()

st.subheader("Plan open in this tab")
plan_form.show(current_plan())

st.subheader("Start something else")
new_col, example_col = st.columns(2)
with new_col, st.container(border=True):
    st.markdown("**A new, empty plan**")
    st.caption("Replaces the plan open in this tab.")
    if st.button("Create a new plan", key="home-new", icon=":material/add:"):
        replace_plan(Plan())
        st.rerun()
with example_col, st.container(border=True):
    st.markdown("**Start from a worked example**")
    st.caption("A copy of a complete plan: change it freely, the example stays as it is.")
    examples = example_names()
    choice = st.selectbox("Example", list(examples), format_func=examples.get, key="home-example")
    if st.button("Open a copy of the example", key="home-open-example", icon=":material/content_copy:"):
        replace_plan(copy_of_example(choice))
        st.rerun()

st.subheader("The steps")
for page, step in zip(STEP_PAGES, STEPS):
    st.page_link(page_of(step.id), label=f"{step.number}. {step.title}: {step.summary}", icon=page.icon)
