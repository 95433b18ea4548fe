"""Step page: review and report. Completeness, the screening signals that exist,
open questions, and the exports (PDF report with preview, Markdown, JSON)."""

import streamlit as st

from canvas_core import levels
from canvas_core.report.summary import executive_summary
from canvas_core.steps import STEPS, STEPS_BY_ID
from canvas_core.store import StoreUnavailable
from ui import report_exports
from ui.state import current_plan, is_stored, read_only, show_flash, view_token

step = STEPS_BY_ID["review"]
st.title(f"{step.number}. {step.title}")
st.caption(step.summary)
show_flash()
plan = current_plan()
summary = executive_summary(plan)

st.subheader("Completeness by step")
st.dataframe(
    [{"Step": f"{step.number}. {title}", "Complete": share}
     for step, (title, share) in zip([s for s in STEPS if s.id != "review"], summary.completeness)],
    column_config={"Complete": st.column_config.ProgressColumn("Complete", format="percent", min_value=0, max_value=1)},
    hide_index=True,
)

st.subheader("Screening signals")
for signal in summary.signals:
    show = getattr(st, levels.ALERTS[signal.level])
    show(f"**{levels.WORDS[signal.level]}** · {signal.name}: {signal.summary}", icon=levels.ICONS[signal.level])
    if signal.reasons:
        st.text("\n".join(f"• {r}" for r in signal.reasons))  # may quote tasks and assets: plain text, never markup

st.subheader(f"Open questions ({len(summary.open_questions)})")
with st.expander("Blocks left empty, answers marked unclear, notes and data marked as a question"):
    st.text("\n".join(f"• {q.where}: {q.text}" for q in summary.open_questions) or "None.")

st.subheader("Export")
report_exports.show(plan, with_json=not read_only())
if is_stored() and not read_only():
    try:
        report_exports.view_link(view_token(plan.id))
    except StoreUnavailable as error:
        st.caption(f"The view-only link cannot be shown right now: {error}.")

st.subheader("Still to come on this page")
st.markdown(
    "\n".join(
        f"- {item}"
        for item in [
            "Consistency warnings where twin blocks disagree.",
            "The pre-POC screening verdict (go, go with conditions, redesign first, no-go) with the rule behind "
            "each reason, drawing on the signals above and the other steps.",
        ]
    )
)
