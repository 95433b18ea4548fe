"""Step page: review and report. Completeness is live; the rest comes with the report."""

import streamlit as st

from canvas_core import workflow
from canvas_core.completeness import completeness_by_step
from canvas_core.steps import STEPS
from ui.state import current_plan

st.title("7. Review & report")
st.caption("Completeness, consistency between canvases, the pre-POC verdict and the exports.")
plan = current_plan()
shares = completeness_by_step(plan)
st.subheader("Completeness by step")
st.dataframe(
    [{"Step": f"{s.number}. {s.title}", "Complete": shares[s.id]} for s in STEPS if s.id != "review"],
    column_config={"Complete": st.column_config.ProgressColumn("Complete", format="percent", min_value=0, max_value=1)},
    hide_index=True,
)
st.subheader("Workflow integration readiness")
signal = workflow.readiness(plan.workflow)
show = {"green": st.success, "amber": st.warning, "red": st.error}[signal.level]
show(f"**{signal.level.capitalize()}**: {signal.summary}")
if signal.reasons:
    st.text("\n".join(f"{r.answer}: {r.text}" for r in signal.reasons))  # may quote task names: plain text
st.subheader("Still to come on this page")
st.markdown(
    "\n".join(
        f"- {item}"
        for item in [
            "Consistency warnings where twin blocks disagree.",
            "The pre-POC screening verdict (go, go with conditions, redesign first, no-go) with the rule behind "
            "each reason, drawing on the workflow readiness above and the other steps.",
            "The PDF report, a Markdown export and the plan as JSON.",
        ]
    )
)
