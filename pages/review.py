"""Step page: review and report. The screening verdict with its reasons and the facilitator's
decision, completeness, the open questions and the facilitator's note, and the exports."""

import streamlit as st

from canvas_core.i18n import _
from canvas_core.report.summary import executive_summary
from canvas_core.steps import STEPS_BY_ID
from canvas_core.store import StoreUnavailable
from ui import report_exports
from ui.state import current_plan, is_stored, read_only, show_flash, view_token
from ui.steps import review

step = STEPS_BY_ID["review"]
st.title(f"{step.number}. {_(step.title)}")
st.caption(_(step.summary))
show_flash()
plan = current_plan()
review.show(plan, executive_summary(plan))

st.subheader(_("Export"))
report_exports.show(plan, with_json=not read_only())
if is_stored() and not read_only():
    try:
        report_exports.view_link(view_token(plan.id))
    except StoreUnavailable as error:
        st.caption(_("The view-only link cannot be shown right now: {error}.").format(error=error))
