"""The review step: the team's own open questions and the facilitator's note, as typed."""

from __future__ import annotations

from reportlab.platypus import Flowable

from canvas_core.i18n import _
from canvas_core.report.context import ReportContext
from canvas_core.report.document import PORTRAIT, new_page
from canvas_core.report.text import bullet, esc, muted, para, styles
from canvas_core.steps import Step


def section(ctx: ReportContext, step: Step) -> list[Flowable]:
    st = styles()
    review = ctx.plan.review
    questions = [q for q in review.open_questions if q.strip()]
    out: list[Flowable] = [*new_page(PORTRAIT), para(esc(_(step.title)), st.h1),
                           para(esc(_("Open questions of the team")), st.h2)]
    out += [bullet(esc(q), st.bullet) for q in questions] or [para(muted(esc(_("None written down."))), st.body)]
    out.append(para(esc(_("Facilitator's note")), st.h2))
    out.append(para(esc(review.facilitator_note), st.body) if review.facilitator_note.strip()
               else para(muted(esc(_("None written down."))), st.body))
    return out
